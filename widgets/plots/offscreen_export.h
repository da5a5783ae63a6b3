// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QSize>
#include <QString>

#include <memory>
#include <vector>

namespace relulab {

class PlotBase;
struct TrainingConfig;

/// The plots the window shows (activation, derivative, gradients, dead, loss, output, then the
/// network view and the death timeline, which share cells as tabs), unparented: the window,
/// the exporter and the tests build them here.
std::vector<std::unique_ptr<PlotBase>> makeDashboardPlots();

/// Trains a core Trainer on `config` for `steps` steps (synchronously, recording a history along
/// the way, stopping early once every run diverged) and returns the last frame, with the
/// network view computed. With `compare`, run B trains beside it from the same initial weights,
/// as in the window's compare mode. The config(s) must be valid.
FramePtr trainOffscreen(const TrainingConfig &config, int steps,
                        const TrainingConfig *compare = nullptr);

/// Readies `plots` for offscreen rendering: never shown, `size` logical pixels, showing `frame`.
void showOffscreen(const std::vector<std::unique_ptr<PlotBase>> &plots, const TrainingFrame &frame,
                   QSize size);

/// Logical size of each plot rendered offscreen (before the export scale).
constexpr int kOffscreenPlotWidth = 800;
constexpr int kOffscreenPlotHeight = 560;

/// Trains a core Trainer on `config` for `steps` steps (synchronously, recording a history
/// along the way), renders the plots the window shows, and writes them with
/// PlotExporter::exportAll into the existing folder `outDir` at `scale` (PNG pixels per
/// logical pixel). Returns an empty string on success, else one line; on error nothing is
/// written. Needs a QApplication (the CLI makes one on the offscreen platform).
/// With `compare`, a run B is trained beside it from the same initial weights, as the window's
/// compare mode does, and every plot overlays the two.
QString exportPlots(const TrainingConfig &config, int steps, const QString &outDir, double scale,
                    const TrainingConfig *compare = nullptr);

} // namespace relulab
