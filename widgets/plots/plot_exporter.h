// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QList>
#include <QString>

class QCustomPlot;
class QWidget;

namespace relulab {

class PlotBase;
struct TrainingConfig;

/// Writes plots to files. Every function returns an empty string on success, otherwise one
/// line naming the file or folder; every file is written atomically (never a partial file).
class PlotExporter
{
public:
    static constexpr double kMinScale = 0.25;
    static constexpr double kMaxScale = 8.0;

    /// PNG of `plot` at its current size × `scale`, on white or on a transparent background.
    static QString exportPng(QCustomPlot *plot, const QString &path, double scale,
                             bool transparent);
    /// Vector PDF of `plot` at its current size.
    static QString exportPdf(QCustomPlot *plot, const QString &path);
    /// Into the existing folder `dir`: <plotId>.png for every plot, dashboard.png (all plots in
    /// a grid under a title naming the settings) and config.json (the exact settings). Checks
    /// the folder first; if any file fails, every file is left as it was before the call.
    static QString exportAll(const QList<PlotBase *> &plots, const TrainingConfig &config,
                             const QString &dir, double scale);

    /// Shows the export dialog (PNG 1×/2×/3× on white or transparent, or PDF), then exports;
    /// errors are shown in a message box. `stem` is the suggested file name without suffix.
    static void exportInteractive(QCustomPlot *plot, const QString &stem, QWidget *parent);

    /// Why the existing folder `dir` cannot take new files, or empty if it can.
    static QString checkFolder(const QString &dir);

    /// `plot` rendered at its current size × `scale`.
    static QImage renderImage(QCustomPlot *plot, double scale, bool transparent);
    /// The composite dashboard: a title block naming `config`, then the plots in a grid.
    static QImage renderDashboard(const QList<PlotBase *> &plots, const TrainingConfig &config,
                                  double scale);
    /// Two lines describing every setting of `config` (and the step, if >= 0).
    static QString describeConfig(const TrainingConfig &config, qint64 step);
};

} // namespace relulab
