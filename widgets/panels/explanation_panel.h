// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h" // complete: plot() converts the QPointer inline
#include "scroll_dock.h"
#include "training_frame.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;

namespace relulab {

/// "What am I looking at?": explains the selected plot in two or three sentences (its axes, a
/// healthy picture, a sick one) and, when training diverged or the network died, what happened,
/// at which step, and in which layer it started (TrainingDiagnosis).
class ExplanationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ExplanationPanel(QWidget *parent = nullptr);

    /// The long explanation of the plot with this plotId() ("activation", "loss", ...);
    /// empty for an unknown id.
    static QString describe(const QString &plotId);

    /// The plot being explained, or null.
    PlotBase *plot() const { return m_plot; }
    /// The explanation text shown now (plain text).
    QString explanationText() const;
    /// The diagnosis shown now (plain text); empty while training is healthy.
    QString diagnosisText() const;

public slots:
    /// Explains `plot` (hovered or clicked in the grid).
    void setPlot(relulab::PlotBase *plot);
    /// Updates the diagnosis from the frame the plots show.
    void setFrame(const relulab::FramePtr &frame);

private:
    QPointer<PlotBase> m_plot;
    QLabel *m_title = nullptr;
    QLabel *m_body = nullptr;
    QLabel *m_diagnosis = nullptr;
};

/// The dock holding the ExplanationPanel (scrolling when the room is short), with its View
/// menu toggle and F1, which shows the dock and moves the keyboard focus into it.
class ExplanationDock : public ScrollDock
{
    Q_OBJECT

public:
    explicit ExplanationDock(QWidget *parent = nullptr);

    ExplanationPanel *panel() const { return m_panel; }
    /// F1: show the dock and focus the panel. Add it to the window so it works everywhere.
    QAction *focusAction() const { return m_focus; }

private:
    ExplanationPanel *m_panel;
    QAction *m_focus;
};

} // namespace relulab
