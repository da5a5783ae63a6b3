// SPDX-License-Identifier: MIT
#include "tool_windows.h"

#include "cost_chart.h"
#include "cost_panel.h"
#include "lesson_controller.h"
#include "sweep_window.h"
#include "training_controller.h"

#include <QAction>
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
    for (QAction *action : {m_costAction, m_sweepAction})
        action->setShortcutContext(Qt::WindowShortcut);
    window->addActions({m_costAction, m_sweepAction});
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
