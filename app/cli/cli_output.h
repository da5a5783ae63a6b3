// SPDX-License-Identifier: MIT
#pragma once

#include "command_line.h"
#include "training_config.h"

#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace relulab {

/// Exit codes of relulab-cli.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  ///< the run itself failed (e.g. out of memory)
constexpr int kExitBadInput = 2; ///< bad command line, settings or output path

/// Writes every (path, contents) pair as one transaction (saveFiles): if one fails, every file
/// is exactly as before the call, so a failed run changes nothing. Empty if all succeeded, else
/// one line.
QString writeOutputFiles(const std::vector<std::pair<QString, std::string>> &files);

/// Prints one line to stderr as "relulab-cli: LINE" (printErrorLine); printOut (command_line.h)
/// prints to stdout.
void printError(const QString &line);

} // namespace relulab
