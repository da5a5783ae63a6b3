// SPDX-License-Identifier: MIT
#pragma once

namespace relulab {

struct CliOptions;

/// Each command runs synchronously on the calling thread and returns the process exit code
/// (see cli_output.h). Options are already validated by parseCliArguments.
int runTrain(const CliOptions &options);
int runDumpState(const CliOptions &options);
int runKeys();
/// Needs a QGuiApplication on the offscreen platform.
int runExport(const CliOptions &options);

} // namespace relulab
