// SPDX-License-Identifier: MIT
#include "tool_windows.h"

#include "cost_chart.h"
#include "cost_panel.h"
#include "evidence_dock.h"
#include "lesson_controller.h"
#include "sweep_window.h"
#include "training_controller.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QWidget>

namespace relulab {

namespace {

void bringUp(QWidget *window)
{
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace

ToolWindows::ToolWindows(QWidget *window, QMenu *tools, TrainingController *training,
                         LessonController *lessons)
    : QObject(window), m_window(window), m_training(training), m_lessons(lessons)
{
    m_costAction = tools->addAction(tr("&Cost…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                                    this, &ToolWindows::showCostPanel);
    m_costAction->setStatusTip(
        tr("Measure what each activation costs on this machine, per element and per step."));
    // Ctrl+Shift+S is Save As; G for "grid".
    m_sweepAction = tools->addAction(tr("S&weep…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G),
                                     this, &ToolWindows::showSweepWindow);
    m_sweepAction->setStatusTip(
        tr("Run a grid of settings over many seeds: a heat map of dead networks, loss, ..."));
    // V for "verdict" (Ctrl+Shift+E is Export all).
    m_evidenceAction =
        tools->addAction(tr("&Evidence"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                         &ToolWindows::showEvidence);
    m_evidenceAction->setStatusTip(
        tr("The evidence lesson's experiment: a forum claim, measured over seeds, with its "
           "verdict"));
    m_evidenceAction->setEnabled(false);
    for (QAction *action : {m_costAction, m_sweepAction, m_evidenceAction})
        action->setShortcutContext(Qt::WindowShortcut);
    window->addActions({m_costAction, m_sweepAction, m_evidenceAction});
    connect(lessons, &LessonController::lessonChanged, this, &ToolWindows::followLesson);
}

void ToolWindows::followLesson()
{
    const LessonInfo &lesson = m_lessons->info();
    m_evidenceAction->setEnabled(lesson.experiment.has_value());
    if (!lesson.experiment) {
        if (m_evidence)
            m_evidence->setLesson(lesson); // cancels and hides
        return;
    }
    if (!m_evidence) {
        auto *main = qobject_cast<QMainWindow *>(m_window);
        m_evidence = new EvidenceDock(m_window);
        if (main)
            main->addDockWidget(Qt::RightDockWidgetArea, m_evidence);
        // A clicked point becomes the live network's settings, trained from step 0; the lesson
        // stays, so its text still explains what the class sees.
        connect(m_evidence, &EvidenceDock::configChosen, this,
                [this](const TrainingConfig &c, const QString &description) {
                    if (m_training->applySettings(c, TrainingController::Restart::FromStepZero)
                            .isEmpty())
                        emit message(tr("Training the experiment's %1").arg(description));
                });
    }
    m_evidence->setLesson(lesson);
}

void ToolWindows::showEvidence()
{
    if (!m_evidence)
        return;
    m_evidence->show();
    m_evidence->raise();
    if (!m_evidence->isRunning() && m_evidence->results().empty())
        m_evidence->run();
}

void ToolWindows::showCostPanel()
{
    if (!m_costPanel) {
        m_costPanel = new CostPanel(m_window);
        // Training would compete with the timings for the CPU: pause it while measuring.
        connect(m_costPanel, &CostPanel::measurementStarted, m_training,
                &TrainingController::pause);
        m_costPanel->chart()->setTheme(m_theme);
    }
    m_costPanel->setConfig(m_training->settings());
    bringUp(m_costPanel);
}

void ToolWindows::setTheme(Theme theme)
{
    m_theme = theme;
    if (m_costPanel)
        m_costPanel->chart()->setTheme(theme);
}

void ToolWindows::showSweepWindow()
{
    if (!m_sweep) {
        m_sweep = new SweepWindow(m_window);
        // A clicked cell becomes the window's settings, trained from step 0.
        connect(m_sweep, &SweepWindow::configChosen, this, [this](const TrainingConfig &c) {
            m_lessons->clear();
            if (m_training->applySettings(c, TrainingController::Restart::FromStepZero).isEmpty())
                emit message(tr("Loaded the sweep cell's settings"));
        });
    }
    if (!m_sweep->isRunning())
        m_sweep->setBaseConfig(m_training->settings());
    bringUp(m_sweep);
}

} // namespace relulab
