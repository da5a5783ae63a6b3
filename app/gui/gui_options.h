// SPDX-License-Identifier: MIT
#pragma once

#include "command_line.h"
#include "training_config.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace relulab {

/// What `relulab` was asked to do on its command line.
struct GuiOptions
{
    TrainingConfig config;        ///< the settings to start with
    QString lesson;               ///< the --preset name, empty if none
    QString lessonFile;           ///< --lesson FILE: a teacher's lesson file (checked), or empty
    bool fromCommandLine = false; ///< --preset, --config or --set replaced the saved settings
    bool startPaused = false;     ///< --paused: show step 0 and wait for Play
    QString sessionFile;          ///< `relulab FILE.relulab`: a session to open (checked)
    QString link;                 ///< `relulab relulab://open?…`: a link to open (checked)
    /// --speed: steps per second (0: as fast as possible); nullopt keeps the saved speed.
    std::optional<int> speed;
    double measureSeconds = 0; ///< --measure: play this long, print the numbers, exit (0: off)
};

/// The outcome of parsing the command line: Run with complete and valid options, print the help
/// or version (exit 0), or show the one-line error on stderr and, where nobody reads stderr, in
/// a message box (exit 2).
using GuiParseResult = CommandLineResult<GuiOptions>;

/// Parses and validates the whole command line (`arguments` starts with the program name)
/// before any window exists. `saved` is the persisted configuration: --set alone edits it,
/// while --preset and --config start over from the defaults. Needs no QCoreApplication.
GuiParseResult parseGuiArguments(const QStringList &arguments, const TrainingConfig &saved);

} // namespace relulab
