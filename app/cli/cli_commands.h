// SPDX-License-Identifier: MIT
#pragma once

namespace relulab {

struct CliOptions;

/// Each command runs synchronously on the calling thread and returns the process exit code
/// (see cli_output.h). Options are already validated by parseCliArguments.
int runTrain(const CliOptions &options);
int runDumpState(const CliOptions &options);
int runKeys();
/// Runs the grid on every core; progress on stderr.
int runSweep(const CliOptions &options);
/// Times every activation and its share of a training step (cost_measure.h).
int runCost(const CliOptions &options);
/// Mean-field prediction at initialisation and the born-dead probability (theory.h).
int runTheory(const CliOptions &options);
/// lesson check (every problem, exit 2) or lesson new (a copy of a built-in lesson).
int runLesson(const CliOptions &options);
/// Prints the setup as a link (setup_link.h).
int runLink(const CliOptions &options);
/// Needs a QGuiApplication on the offscreen platform.
int runExport(const CliOptions &options);
/// Trains the lesson and writes its printable PDF handout; needs a QApplication, like export.
int runHandout(const CliOptions &options);
/// Runs an evidence lesson's experiment on every core and prints its numbers and verdict.
int runEvidence(const CliOptions &options);

} // namespace relulab
