// SPDX-License-Identifier: MIT
#include "cli_options.h"

#include "cli_help.h"
#include "command_line.h"
#include "config_json.h"
#include "dataset.h"
#include "lesson_info.h"
#include "message_quote.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace relulab {

namespace {

using Action = CliParseResult::Action;

struct CommandInfo
{
    CliCommand command;
    const char *name;
    QStringList options; ///< long names of the options this command accepts
};

QList<CommandInfo> commands()
{
    // Wherever a preset or a config file starts the settings, a link may start them instead.
    const QStringList start = {QStringLiteral("preset"), QStringLiteral("config"),
                               QStringLiteral("link"), QStringLiteral("set")};
    const QStringList settings = start + QStringList{QStringLiteral("steps")};
    QList<CommandInfo> list = {
        {CliCommand::Train, "train",
         settings + QStringList{QStringLiteral("every"), QStringLiteral("json"),
                                QStringLiteral("csv"), QStringLiteral("compare")}},
        {CliCommand::DumpState, "dump-state", settings + QStringList{QStringLiteral("json")}},
        {CliCommand::Keys, "keys", {}},
        {CliCommand::Lesson,
         "lesson",
         {QStringLiteral("from"), QStringLiteral("out"), QStringLiteral("force")}},
        {CliCommand::Theory, "theory", start + QStringList{QStringLiteral("json")}},
        {CliCommand::Cost, "cost", start + QStringList{QStringLiteral("json")}},
        {CliCommand::Sweep, "sweep",
         settings + QStringList{QStringLiteral("grid"), QStringLiteral("seeds"),
                                QStringLiteral("metric"), QStringLiteral("target"),
                                QStringLiteral("threads"), QStringLiteral("json"),
                                QStringLiteral("csv")}},
        {CliCommand::Link, "link", start + QStringList{QStringLiteral("compare")}},
        // An experiment is a lesson's, so it starts from a lesson; --set may change its seeds.
        {CliCommand::Evidence,
         "evidence",
         {QStringLiteral("preset"), QStringLiteral("lesson"), QStringLiteral("set"),
          QStringLiteral("threads"), QStringLiteral("json")}},
    };
    if (cliHasExport())
        list.append({CliCommand::Export, "export",
                     settings + QStringList{QStringLiteral("out"), QStringLiteral("scale"),
                                            QStringLiteral("compare")}});
    // A handout is of a lesson, so it starts from a lesson and nothing else (no --set).
    if (cliHasExport())
        list.append({CliCommand::Handout,
                     "handout",
                     {QStringLiteral("preset"), QStringLiteral("lesson"), QStringLiteral("steps"),
                      QStringLiteral("out"), QStringLiteral("teacher")}});
    return list;
}

QString commandNames()
{
    QStringList names;
    for (const CommandInfo &info : commands())
        names << QLatin1String(info.name);
    return names.join(QStringLiteral(", "));
}

// Strict integer parsing: "1e3", "12abc" and " 5" are all rejected.
bool parseInt(const QString &text, qint64 min, qint64 max, qint64 &out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || text.trimmed() != text)
        return false;
    out = v;
    return v >= min && v <= max;
}

// A rough upper bound of what a run allocates: the measurement keeps z, phi(z) and dL/dz of
// every hidden unit for every training sample, and training keeps several copies of the
// weights (parameters, gradients, backup, Adam moments). dump-state repeats it in double.
double estimatedBytes(const TrainingConfig &c, CliCommand command)
{
    const double units = double(c.depth) * c.width;
    const double train = c.samples;
    const double test = testSampleCount(c.samples);
    const double batch = std::min(c.batchSize, c.samples);
    const double weights = double(c.width) * (2 + 1) + double(c.depth - 1) * c.width * c.width;
    double bytes = 4 * (3 * units * (train + batch) + 2 * units * test + 6 * weights);
    if (command == CliCommand::DumpState)
        bytes += 8 * (3 * units * train + 2 * weights);
    return bytes;
}

QString checkMemory(const TrainingConfig &config, CliCommand command)
{
    const double physical = double(::sysconf(_SC_PHYS_PAGES)) * double(::sysconf(_SC_PAGESIZE));
    const double needed = estimatedBytes(config, command);
    if (physical <= 0 || needed <= 0.75 * physical)
        return {};
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    return QStringLiteral("depth %1 × width %2 × samples %3 needs about %4 GiB of memory; this "
                          "machine has %5 GiB: reduce depth, width or samples")
        .arg(config.depth)
        .arg(config.width)
        .arg(config.samples)
        .arg(needed / kGiB, 0, 'f', 1)
        .arg(physical / kGiB, 0, 'f', 1);
}

CliParseResult fail(const QString &text)
{
    return CliParseResult::failure(text);
}

/// relulab-cli link: the settings (with a --link's view and lock), run B from --compare on top
/// of a link's, checked as the window will check it.
CliParseResult linkResult(const QCommandLineParser &parser, const QString &preset,
                          const SetupLink &start, CliOptions &options)
{
    SetupLink &link = options.link;
    link = start;
    if (!preset.isNull())
        link.preset = preset;
    link.config = options.config;
    for (const QString &set : parser.values(QStringLiteral("compare"))) {
        const qsizetype equals = set.indexOf(QLatin1Char('='));
        if (equals < 0)
            return fail(
                QStringLiteral("--compare: expected key=value, got %1").arg(quotedForMessage(set)));
        if (const std::string error =
                link.compare.set(set.left(equals).toStdString(), set.mid(equals + 1).toStdString());
            !error.empty())
            return fail(QStringLiteral("--compare: ") + QString::fromStdString(error));
    }
    if (QString error = linkProblem(link); !error.isEmpty())
        return fail(error);
    CliParseResult result;
    result.action = Action::Run;
    result.options = options;
    return result;
}

} // namespace

QString checkOutputFile(const QString &option, const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("--%1: the file name is empty").arg(option);
    const QFileInfo info(path);
    const QString shown = escapedForMessage(path); // outside input
    if (info.isDir())
        return QStringLiteral("--%1 %2: is a directory").arg(option, shown);
    // Output goes to a temporary file renamed over `path`: that would replace a device or pipe.
    if (info.exists() && !info.isFile())
        return QStringLiteral("--%1 %2: not a regular file").arg(option, shown);
    const QDir dir = info.absoluteDir();
    if (const QFileInfo folder(dir.path()); !folder.isDir())
        return QStringLiteral("--%1 %2: cannot write there: %3 %4")
            .arg(option, shown, escapedForMessage(QDir::toNativeSeparators(dir.path())),
                 folder.exists() ? QStringLiteral("is not a directory")
                                 : QStringLiteral("does not exist"));
    // Permission bits mislead (root ignores them, read-only mounts don't show): really try.
    QTemporaryFile probe(dir.filePath(QStringLiteral(".relulab-cli-probe-XXXXXX")));
    if (!probe.open())
        return QStringLiteral("--%1 %2: cannot create a file in %3: %4")
            .arg(option, shown, escapedForMessage(QDir::toNativeSeparators(dir.path())),
                 probe.errorString());
    return {};
}

QString checkOutputDirectory(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("--out: the directory name is empty");
    const QFileInfo info(path);
    const QString shown = escapedForMessage(path); // outside input
    if (info.exists() && !info.isDir())
        return QStringLiteral("--out %1: exists and is not a directory").arg(shown);
    // A missing DIR is created by export, one level deep: its parent must accept it.
    const QString dir = info.exists() ? info.absoluteFilePath() : info.absolutePath();
    if (const QFileInfo folder(dir); !folder.isDir())
        return QStringLiteral("--out %1: cannot create it: %2 %3")
            .arg(shown, escapedForMessage(QDir::toNativeSeparators(dir)),
                 folder.exists() ? QStringLiteral("is not a directory")
                                 : QStringLiteral("does not exist"));
    QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".relulab-cli-probe-XXXXXX")));
    if (!probe.open())
        return QStringLiteral("--out %1: cannot create a file in %2: %3")
            .arg(shown, escapedForMessage(QDir::toNativeSeparators(dir)), probe.errorString());
    return {};
}

QString readCliLesson(const CliOptions &options, LessonInfo &lesson)
{
    if (!options.lessonPreset.isEmpty())
        return lessonInfo(options.lessonPreset, lesson);
    return readLessonFile(options.lessonFile, lesson);
}

QString setCliLessonSource(const QString &command, const QString &preset, const QString &lesson,
                           CliOptions &options)
{
    if (preset.isNull() == lesson.isNull())
        return QStringLiteral("%1: give exactly one of --preset NAME (one of %2) or --lesson FILE")
            .arg(command, presetNames().join(QStringLiteral(", ")));
    if (!preset.isNull() && !presetNames().contains(preset))
        return QStringLiteral("--preset: unknown lesson %1 (known: %2)")
            .arg(quotedForMessage(preset), presetNames().join(QStringLiteral(", ")));
    options.lessonPreset = preset;
    options.lessonFile = lesson;
    return {};
}

QString setCliThreads(const QString &threads, CliOptions &options)
{
    options.threads = 0;
    if (threads.isNull())
        return {};
    qint64 v = 0;
    if (!parseInt(threads, 1, kMaxCliThreads, v))
        return QStringLiteral("--threads: expected an integer in 1..%1, got %2")
            .arg(QString::number(kMaxCliThreads), quotedForMessage(threads));
    options.threads = int(v);
    return {};
}

CliParseResult parseCliArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QStringList valued = {
        QStringLiteral("preset"),  QStringLiteral("config"),  QStringLiteral("set"),
        QStringLiteral("steps"),   QStringLiteral("every"),   QStringLiteral("json"),
        QStringLiteral("csv"),     QStringLiteral("out"),     QStringLiteral("scale"),
        QStringLiteral("compare"), QStringLiteral("grid"),    QStringLiteral("seeds"),
        QStringLiteral("metric"),  QStringLiteral("threads"), QStringLiteral("from"),
        QStringLiteral("link"),    QStringLiteral("lesson"),  QStringLiteral("target")};
    for (const QString &name : valued)
        parser.addOption(QCommandLineOption(name, {}, QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("force")));
    parser.addOption(QCommandLineOption(QStringLiteral("teacher")));

    if (std::optional<CommandLineAnswer> answer =
            parseStandardOptions(parser, arguments, QStringLiteral("relulab-cli"),
                                 QStringLiteral(RELULAB_VERSION), cliHelpText))
        return {*answer, {}};

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(QStringLiteral("missing command: one of %1 (see relulab-cli --help)")
                        .arg(commandNames()));
    const CommandInfo *info = nullptr;
    const QList<CommandInfo> known = commands();
    for (const CommandInfo &candidate : known) {
        if (positional.front() == QLatin1String(candidate.name))
            info = &candidate;
    }
    if (!info)
        return fail(QStringLiteral("unknown command %1: expected one of %2")
                        .arg(quotedForMessage(positional.front()), commandNames()));
    if (positional.size() > 1 && info->command != CliCommand::Lesson)
        return fail(QStringLiteral("%1: unexpected argument %2")
                        .arg(QLatin1String(info->name), quotedForMessage(positional.at(1))));
    for (const QString &name : parser.optionNames()) {
        const QString longName = name == QLatin1String("h")   ? QStringLiteral("help")
                                 : name == QLatin1String("v") ? QStringLiteral("version")
                                                              : name;
        if (!info->options.contains(longName))
            return fail(QStringLiteral("%1: --%2 is not an option of this command")
                            .arg(QLatin1String(info->name), longName));
    }

    CliParseResult result;
    CliOptions &options = result.options;
    options.command = info->command;
    if (options.command == CliCommand::Lesson) {
        if (QString error = parseLessonOptions(parser, positional.mid(1), options);
            !error.isEmpty())
            return fail(error);
        result.action = Action::Run;
        return result;
    }
    if (options.command == CliCommand::Handout || options.command == CliCommand::Evidence) {
        if (QString error = options.command == CliCommand::Handout
                                ? parseHandoutOptions(parser, options)
                                : parseEvidenceOptions(parser, options);
            !error.isEmpty())
            return fail(error);
        result.action = Action::Run;
        return result;
    }
    SettingsOptions settings;
    if (QString error = readSettingsOptions(parser, settings); !error.isEmpty())
        return fail(error);
    QString steps, every, scale, seeds, metric, targetText, threads, linkText;
    for (const auto &[name, target] :
         {std::pair<QString, QString *>{QStringLiteral("steps"), &steps},
          {QStringLiteral("link"), &linkText},
          {QStringLiteral("every"), &every},
          {QStringLiteral("json"), &options.jsonPath},
          {QStringLiteral("csv"), &options.csvPath},
          {QStringLiteral("out"), &options.outDir},
          {QStringLiteral("scale"), &scale},
          {QStringLiteral("seeds"), &seeds},
          {QStringLiteral("metric"), &metric},
          {QStringLiteral("target"), &targetText},
          {QStringLiteral("threads"), &threads}}) {
        if (QString error = singleOptionValue(parser, name, *target); !error.isEmpty())
            return fail(error);
    }

    if (options.command == CliCommand::Keys) {
        result.action = Action::Run;
        return result;
    }

    options.steps = options.command == CliCommand::DumpState || options.command == CliCommand::Sweep
                        ? 0
                        : kDefaultTrainSteps;
    if (!steps.isNull()) {
        qint64 v = 0;
        if (!parseInt(steps, 0, kMaxCliSteps, v))
            return fail(QStringLiteral("--steps: expected an integer in 0..%1, got %2")
                            .arg(QString::number(kMaxCliSteps), quotedForMessage(steps)));
        options.steps = int(v);
    }
    options.every = std::max(1, options.steps / 10);
    if (!every.isNull()) {
        qint64 v = 0;
        if (!parseInt(every, 1, kMaxCliSteps, v))
            return fail(QStringLiteral("--every: expected an integer in 1..%1, got %2")
                            .arg(QString::number(kMaxCliSteps), quotedForMessage(every)));
        options.every = int(v);
    }
    if (!scale.isNull()) {
        bool ok = false;
        const double v = scale.toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < kMinExportScale || v > kMaxExportScale)
            return fail(QStringLiteral("--scale: expected a number in [%1, %2], got %3")
                            .arg(QString::number(kMinExportScale), QString::number(kMaxExportScale),
                                 quotedForMessage(scale)));
        options.scale = v;
    }

    // A link is a whole start, like a preset: its preset and settings, then any --set.
    SetupLink link;
    const bool hasLink = !linkText.isNull();
    if (hasLink) {
        if (!settings.preset.isNull() || !settings.configPath.isNull())
            return fail(QStringLiteral("--link cannot be combined with --preset or --config: the "
                                       "link holds its own start"));
        if (QString error = parseLink(linkText, link); !error.isEmpty())
            return fail(QStringLiteral("--") + error);
        options.config = link.config;
    }
    if (QString error =
            resolveConfig(settings.preset, settings.configPath, settings.sets, options.config);
        !error.isEmpty())
        return fail(error);
    if (options.command == CliCommand::Link)
        return linkResult(parser, settings.preset, hasLink ? link : SetupLink{}, options);

    // theory builds only the data, never the network the estimate is about.
    if (QString error = options.command == CliCommand::Theory
                            ? QString()
                            : checkMemory(options.config, options.command);
        !error.isEmpty())
        return fail(error);
    if (options.command == CliCommand::Sweep) {
        if (QString error = parseSweepOptions(parser.values(QStringLiteral("grid")),
                                              {seeds, metric, targetText, threads}, options);
            !error.isEmpty())
            return fail(error);
        const SweepSpec &sweep = options.sweep;
        for (std::size_t c = 0; c < sweep.grid.cellCount(); ++c) {
            if (QString error = checkMemory(sweep.grid.cellConfig(sweep.base, c), options.command);
                !error.isEmpty())
                return fail(QStringLiteral("--grid: ") + error);
        }
    }

    // Run B of a link (b.key=value) comes first, then --compare: the command line has the
    // last word. Commands without a run B use run A's settings alone.
    if (hasLink && info->options.contains(QStringLiteral("compare"))) {
        for (const auto &[key, value] : link.compare.entries())
            options.compareSets << QStringLiteral("%1=%2").arg(QString::fromStdString(key),
                                                               QString::fromStdString(value));
    }
    options.compareSets << parser.values(QStringLiteral("compare"));
    if (!options.compareSets.isEmpty()) {
        options.compare = true;
        options.compareConfig = options.config;
        for (const QString &set : options.compareSets) {
            if (QString error = applySetOption(options.compareConfig, set); !error.isEmpty())
                return fail(QStringLiteral("--compare: ") + error);
        }
        if (const std::string error = validateConfig(options.compareConfig); !error.empty())
            return fail(QStringLiteral("--compare: ") + QString::fromStdString(error));
        if (QString error = checkMemory(options.compareConfig, options.command); !error.isEmpty())
            return fail(QStringLiteral("--compare: ") + error);
    }

    if (options.command == CliCommand::DumpState && options.jsonPath.isNull())
        return fail(QStringLiteral("dump-state: --json FILE is required"));
    if (options.command == CliCommand::Export && options.outDir.isNull())
        return fail(QStringLiteral("export: --out DIR is required"));
    if (!options.jsonPath.isNull()) {
        if (QString error = checkOutputFile(QStringLiteral("json"), options.jsonPath);
            !error.isEmpty())
            return fail(error);
    }
    if (!options.csvPath.isNull()) {
        if (QString error = checkOutputFile(QStringLiteral("csv"), options.csvPath);
            !error.isEmpty())
            return fail(error);
        if (!options.jsonPath.isNull() && QFileInfo(options.csvPath).absoluteFilePath() ==
                                              QFileInfo(options.jsonPath).absoluteFilePath())
            return fail(QStringLiteral("--json and --csv name the same file %1")
                            .arg(escapedForMessage(options.csvPath)));
    }
    if (!options.outDir.isNull()) {
        if (QString error = checkOutputDirectory(options.outDir); !error.isEmpty())
            return fail(error);
    }
    result.action = Action::Run;
    return result;
}

} // namespace relulab
