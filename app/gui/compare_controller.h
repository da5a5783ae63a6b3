// SPDX-License-Identifier: MIT
#pragma once

#include "compare_settings.h"

#include <QObject>

class QAction;
class QWidget;

namespace relulab {

class TrainingController;

/// Compare mode's user side: the "Compare A/B" toggle (Ctrl+B), "Run B settings…" with its
/// dialog, and the overrides a lesson brings. Holds the CompareSettings and announces every
/// change; the worker trains the two runs.
class CompareController : public QObject
{
    Q_OBJECT

public:
    /// `window` parents the dialog and takes the actions' shortcuts; `training` runs A.
    CompareController(QWidget *window, TrainingController *training);

    const CompareSettings &settings() const { return m_settings; }
    /// Checkable, Ctrl+B: compare mode on or off.
    QAction *toggleAction() const { return m_toggle; }
    /// Opens the dialog choosing in what run B differs from run A.
    QAction *settingsAction() const { return m_settingsAction; }

    /// Takes saved settings (a session) without restarting anything: the worker already
    /// runs them.
    void restore(const CompareSettings &settings);

public slots:
    void setEnabled(bool on);
    /// New overrides for run B (restarts both runs if compare mode is on).
    void setOverrides(const relulab::ConfigOverrides &overrides);
    /// A lesson's comparison, or the default (Leaky ReLU 0.01) for a lesson without one.
    void setLessonOverrides(const relulab::ConfigOverrides &lessonCompare);
    /// Asks for run B's settings; on OK they apply and compare mode turns on.
    void editOverrides();

signals:
    void settingsChanged(const relulab::CompareSettings &settings);

private:
    void announce();

    QWidget *m_window;
    TrainingController *m_training;
    CompareSettings m_settings;
    QAction *m_toggle;
    QAction *m_settingsAction;
};

} // namespace relulab
