// SPDX-License-Identifier: MIT
#pragma once

#include "command_line.h"
#include "setup_link.h"
#include "sweep.h"
#include "training_config.h"

#include <QString>

class QCommandLineParser;
#include <QStringList>

namespace relulab {

struct LessonInfo;

enum class CliCommand
{
    Train,
    DumpState,
    Keys,
    Export,
    Sweep,
    Cost,
    Theory,
    Lesson,
    Link,
    Handout,
    Evidence,
};

constexpr int kMaxCliSteps = 10'000'000;
constexpr int kDefaultTrainSteps = 1000;
constexpr double kMinExportScale = 0.5;
constexpr double kMaxExportScale = 4.0;

/// Everything a relulab-cli run needs, parsed and validated before anything is built.
struct CliOptions
{
    CliCommand command = CliCommand::Train;
    TrainingConfig config;
    int steps = kDefaultTrainSteps; ///< 0..kMaxCliSteps
    int every = 1;                  ///< snapshot interval of train, >= 1
    QString jsonPath;               ///< train/dump-state --json, empty if not given
    QString csvPath;                ///< train --csv, empty if not given
    QString outDir;                 ///< export --out
    double scale = 1.0;             ///< export --scale, device pixels per logical pixel
    bool compare = false;           ///< train --compare: a second network B
    TrainingConfig compareConfig;   ///< config with the --compare overrides applied
    QStringList compareSets;        ///< the --compare key=value overrides, in order
    SweepSpec sweep;                ///< sweep: the grid, seeds, steps and metric
    int threads = 0;                ///< sweep --threads (0: every core)
    QString lessonAction;           ///< lesson: "check" or "new"
    QString lessonFile;             ///< lesson check FILE
    QString lessonFrom;             ///< lesson new --from NAME (a built-in lesson)
    QString outPath;                ///< lesson new --out FILE; empty: standard output
    bool force = false;             ///< lesson new --force: replace an existing --out file
    /// handout, evidence: the built-in lesson (--preset); empty when it is a file (lessonFile)
    QString lessonPreset;
    QStringList lessonSets; ///< evidence --set key=value: changes to the lesson's settings
    int handoutSteps = -1;  ///< handout --steps; -1: the lesson's own (see cli_handout.cpp)
    bool teacher = false;   ///< handout --teacher: add the teacher's material
    /// link: the setup to print (the settings, --compare as run B, and a --link's view).
    SetupLink link;
};

/// What main should do after parsing the command line: Run with complete and valid options,
/// print the help or version (exit 0), or print the one-line error to stderr (exit 2).
using CliParseResult = CommandLineResult<CliOptions>;

/// Whether this build has the `export` command (offscreen plot rendering).
bool cliHasExport();

/// Parses and validates the whole command line (`arguments` includes the program name):
/// the command, every option, the settings (preset/config/--set) and that output paths are
/// writable. Needs no QCoreApplication, so main can pick the application type afterwards.
CliParseResult parseCliArguments(const QStringList &arguments);

/// Checks that `path` can be written as an output file for `option` (the directory exists and
/// accepts a new file, and `path` is not a directory). Empty if fine, else one line.
QString checkOutputFile(const QString &option, const QString &path);

/// Checks that export can write into `path`: an existing writable directory, or a missing one
/// whose parent directory is writable (export creates it). Empty if fine, else one line.
QString checkOutputDirectory(const QString &path);

/// Validates `lesson check FILE` and `lesson new --from NAME [--out FILE] [--force]`
/// (cli_lesson.cpp); `arguments` are the ones after "lesson". Empty if fine, else one line.
QString parseLessonOptions(const QCommandLineParser &parser, const QStringList &arguments,
                           CliOptions &options);

/// Validates `handout [--preset NAME | --lesson FILE] [--steps N] --out FILE.pdf [--teacher]`
/// (cli_handout.cpp). Empty if fine, else one line.
QString parseHandoutOptions(const QCommandLineParser &parser, CliOptions &options);

/// Validates `evidence [--preset NAME | --lesson FILE] [--set k=v]... [--threads N] [--json F]`
/// (cli_evidence.cpp): the lesson must carry an experiment. Empty if fine, else one line.
QString parseEvidenceOptions(const QCommandLineParser &parser, CliOptions &options);

/// The lesson of handout and evidence: built in (options.lessonPreset) or a file (lessonFile).
QString readCliLesson(const CliOptions &options, LessonInfo &lesson);

/// Checks that exactly one of --preset (a built-in lesson) and --lesson is given and sets
/// options.lessonPreset and lessonFile; `command` names the command in the message.
QString setCliLessonSource(const QString &command, const QString &preset, const QString &lesson,
                           CliOptions &options);

/// Most threads --threads may ask for.
constexpr int kMaxCliThreads = 64;

/// `--threads T` (null: not given) into options.threads, 0 meaning every core.
QString setCliThreads(const QString &threads, CliOptions &options);

/// sweep's own option texts (null where not given).
struct SweepOptionTexts
{
    QString seeds, metric, target, threads;
};

/// Validates sweep's own options (cli_sweep.cpp) into options.sweep and options.threads, once
/// options.config and options.steps are set. Empty if fine, else one line.
QString parseSweepOptions(const QStringList &grids, const SweepOptionTexts &texts,
                          CliOptions &options);

} // namespace relulab
