// SPDX-License-Identifier: MIT
#pragma once

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
    bool fromCommandLine = false; ///< --preset, --config or --set replaced the saved settings
    bool startPaused = false;     ///< --paused: show step 0 and wait for Play
    QString sessionFile;          ///< `relulab FILE.relulab`: a session to open (checked)
    /// --speed: steps per second (0: as fast as possible); nullopt keeps the saved speed.
    std::optional<int> speed;
    double measureSeconds = 0; ///< --measure: play this long, print the numbers, exit (0: off)
};

/// The outcome of parsing the command line.
struct GuiParseResult
{
    enum class Action
    {
        Run,     ///< options is complete and valid
        Help,    ///< print text to stdout, exit 0
        Version, ///< print text to stdout, exit 0
        Error,   ///< show text (one line) on stderr and in a message box, exit 2
    };
    Action action = Action::Error;
    QString text;
    GuiOptions options;
};

/// Parses and validates the whole command line (`arguments` starts with the program name)
/// before any window exists. `saved` is the persisted configuration: --set alone edits it,
/// while --preset and --config start over from the defaults. Needs no QCoreApplication.
GuiParseResult parseGuiArguments(const QStringList &arguments, const TrainingConfig &saved);

} // namespace relulab
