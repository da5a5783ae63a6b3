// SPDX-License-Identifier: MIT
#include "compare_controller.h"

#include "compare_dialog.h"
#include "training_controller.h"

#include <QAction>
#include <QWidget>

namespace relulab {

CompareController::CompareController(QWidget *window, TrainingController *training)
    : QObject(window), m_window(window), m_training(training),
      m_toggle(new QAction(tr("Compare &A/B"), this)),
      m_settingsAction(new QAction(tr("Run &B settings…"), this))
{
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_toggle->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Train a second network B beside A from the same seed and initial "
                           "weights, differing only in the settings you choose (Ctrl+B).");
    m_toggle->setToolTip(tip);
    m_toggle->setStatusTip(tip);
    m_settingsAction->setStatusTip(
        tr("Choose in what run B differs from run A (default: Leaky ReLU with alpha 0.01)."));
    window->addActions({m_toggle, m_settingsAction});
    connect(m_toggle, &QAction::toggled, this, &CompareController::setEnabled);
    connect(m_settingsAction, &QAction::triggered, this, &CompareController::editOverrides);
}

void CompareController::setEnabled(bool on)
{
    if (m_toggle->isChecked() != on)
        m_toggle->setChecked(on); // comes back here through toggled
    if (m_settings.enabled == on)
        return;
    m_settings.enabled = on;
    announce();
}

void CompareController::restore(const CompareSettings &settings)
{
    m_settings = settings;
    const QSignalBlocker block(m_toggle);
    m_toggle->setChecked(settings.enabled);
}

void CompareController::setOverrides(const ConfigOverrides &overrides)
{
    if (m_settings.overrides == overrides)
        return;
    m_settings.overrides = overrides;
    // Off, the new overrides simply wait for the next time compare mode is switched on.
    if (m_settings.enabled)
        announce();
}

void CompareController::setLessonOverrides(const ConfigOverrides &lessonCompare)
{
    setOverrides(lessonCompare.empty() ? CompareSettings::defaultOverrides() : lessonCompare);
}

void CompareController::editOverrides()
{
    CompareDialog dialog(m_training->settings(), m_settings.overrides, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.overrides = dialog.overrides();
    m_settings.enabled = true;
    const QSignalBlocker block(m_toggle);
    m_toggle->setChecked(true);
    announce();
}

void CompareController::announce()
{
    emit settingsChanged(m_settings);
}

} // namespace relulab
