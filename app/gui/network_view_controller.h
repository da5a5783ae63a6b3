// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"
#include "unit_edit.h"

#include <QHash>
#include <QObject>
#include <QPair>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QUndoStack;

namespace relulab {

class NetworkPlot;
class OutputPlot;
class PlotGrid;
class ScrollDock;
class TrainingController;
class UnitEditor;

/// The network view and everything around it: its data is computed on the worker only while
/// its tab is shown; hovering a unit shows it large in "What the network computes"; clicking
/// pins it and opens the unit editor, whose edits, Kill and Revive go to the worker as
/// commands on an undo stack (Edit → Undo, Ctrl+Z).
class NetworkViewController : public QObject
{
    Q_OBJECT

public:
    NetworkViewController(QMainWindow *window, PlotGrid *grid, TrainingController *training,
                          QObject *parent = nullptr);

    QUndoStack *undoStack() const { return m_undo; }
    UnitEditor *editor() const { return m_editor; }
    ScrollDock *editorDock() const { return m_dock; }
    /// Adds Undo and Redo to `edit`.
    void addToMenu(QMenu *edit);

    /// The pinned unit (0-based layer and unit), or (-1, -1).
    QPair<int, int> pinnedUnit() const { return m_pinned; }
    /// Pins a unit (a restored session); (-1, -1) unpins.
    void setPinnedUnit(int layer, int unit);
    /// Whether the network view's tab is in front.
    bool networkShown() const;
    void setNetworkShown(bool shown);

public slots:
    void showFrame(const relulab::FramePtr &frame);

private:
    void pin(int layer, int unit);
    void hover(int layer, int unit);
    /// The output plot shows the hovered unit, else the pinned one, else the network's output.
    void followOutput();
    void kill(int layer, int unit);
    void revive(int layer, int unit);
    /// Edits made to another network cannot be undone on this one.
    void forgetEdits();
    /// Whether the pinned unit is dead in the frame shown.
    bool pinnedUnitDead() const;

    QMainWindow *m_window;
    PlotGrid *m_grid;
    TrainingController *m_training;
    NetworkPlot *m_plot = nullptr;
    OutputPlot *m_output = nullptr;
    QUndoStack *m_undo;
    UnitEditor *m_editor;
    ScrollDock *m_dock;
    QPair<int, int> m_pinned{-1, -1};
    QPair<int, int> m_hovered{-1, -1};
    /// What each unit killed by hand had before (Revive puts it back).
    QHash<QPair<int, int>, UnitEdit> m_beforeKill;
    FramePtr m_shown;
};

} // namespace relulab
