// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class AppSettings;
class PlotBase;
class PlotGrid;
class TrainingController;

/// File → Export plot…, Export all… and Copy plot. The single-plot actions act on the plot
/// last hovered or clicked, and say which in their text; Export all remembers its folder.
class ExportController : public QObject
{
    Q_OBJECT

public:
    /// `settings` may be null (nothing remembered); `training` gives the config.json written
    /// beside the plots until a frame is shown.
    ExportController(QWidget *window, PlotGrid *grid, TrainingController *training,
                     AppSettings *settings);

    QAction *exportPlotAction() const { return m_exportPlot; }
    QAction *exportAllAction() const { return m_exportAll; }
    QAction *copyAction() const { return m_copy; }
    void addToMenu(QMenu *file);

public slots:
    /// The frame the plots show: its config is the one written beside them.
    void setShownFrame(const relulab::FramePtr &frame) { m_shown = frame; }
    /// Asks for a folder and writes every plot, dashboard.png and config.json into it.
    void exportAllInteractive();

signals:
    /// One-line outcome for the status bar.
    void message(const QString &text);

private:
    void followCurrentPlot(PlotBase *plot);

    QWidget *m_window;
    PlotGrid *m_grid;
    TrainingController *m_training;
    AppSettings *m_settings;
    QAction *m_exportPlot;
    QAction *m_exportAll;
    QAction *m_copy;
    FramePtr m_shown;
};

} // namespace relulab
