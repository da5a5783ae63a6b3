// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class AppSettings;
class LessonController;
class PlotBase;
class PlotGrid;
class TrainingController;

/// File → Export plot…, Export all…, Export handout… and Copy plot. The single-plot actions act on
/// the plot last hovered or clicked, and say which in their text; Export all remembers its folder.
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
    QAction *exportHandoutAction() const { return m_exportHandout; }
    void addToMenu(QMenu *file);
    /// The lesson the handout is of (may be null: a generic handout of the current settings).
    void setLessons(LessonController *lessons) { m_lessons = lessons; }

public slots:
    /// The frame the plots show: its config is the one written beside them.
    void setShownFrame(const relulab::FramePtr &frame) { m_shown = frame; }
    /// Asks for a folder and writes every plot, dashboard.png and config.json into it.
    void exportAllInteractive();
    /// Asks for a PDF file and whether to add the teacher's material, then writes the
    /// handout of the lesson (handout.h) with the dashboard of the frame shown now: unlike
    /// relulab-cli handout, which trains the lesson to its pause, nothing is trained here, so
    /// the handout shows what the class sees.
    void exportHandoutInteractive();
    /// The same without dialogs (tests and the interactive path): empty on success, else one
    /// line; on error nothing is written.
    QString exportHandout(const QString &path, bool teacher);

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
    QAction *m_exportHandout;
    LessonController *m_lessons = nullptr;
    FramePtr m_shown;
};

} // namespace relulab
