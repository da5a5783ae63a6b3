// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class CostPanel;
class EvidenceDock;
class LessonController;
class SweepWindow;
class TrainingController;

/// The Tools menu's windows: Cost… (what each activation costs here) and Sweep… (a grid of
/// settings over seeds), and the Evidence dock of an evidence lesson, which runs its experiment
/// whenever such a lesson opens. Each is made the first time it is asked for and then kept, so a
/// measurement or a sweep survives closing its window.
class ToolWindows : public QObject
{
    Q_OBJECT

public:
    /// Adds the actions to `tools` and their shortcuts to `window`, which parents the windows.
    ToolWindows(QWidget *window, QMenu *tools, TrainingController *training,
                LessonController *lessons);

    QAction *costAction() const { return m_costAction; }
    QAction *sweepAction() const { return m_sweepAction; }
    /// Null until first opened.
    CostPanel *costPanel() const { return m_costPanel; }
    SweepWindow *sweepWindow() const { return m_sweep; }
    QAction *evidenceAction() const { return m_evidenceAction; }
    /// Null until the first evidence lesson (one with an experiment) is opened.
    EvidenceDock *evidenceDock() const { return m_evidence; }

public slots:
    void showCostPanel();
    /// The cost chart follows the window's theme, also when made later.
    void setTheme(relulab::Theme theme);
    void showSweepWindow();
    /// Shows the evidence lesson's experiment (Tools → Evidence).
    void showEvidence();

signals:
    /// One-line outcome for the status bar.
    void message(const QString &text);

private:
    /// The lesson changed: an evidence lesson shows its experiment and runs it.
    void followLesson();

    QWidget *m_window;
    TrainingController *m_training;
    LessonController *m_lessons;
    QAction *m_costAction;
    QAction *m_sweepAction;
    CostPanel *m_costPanel = nullptr;
    SweepWindow *m_sweep = nullptr;
    QAction *m_evidenceAction;
    EvidenceDock *m_evidence = nullptr;
    Theme m_theme = Theme::Light;
};

} // namespace relulab
