// SPDX-License-Identifier: MIT
#pragma once

#include "lesson_info.h"

#include <QObject>

class QMenu;
#include <QStringList>

namespace relulab {

class ControlPanel;
class LessonBanner;
class TrainingController;

/// The lesson in use and its lock-down: shows it in the banner, disables the controls of its
/// locked keys and hides those of its hidden keys, and releases them when the teacher unlocks.
/// A lesson's settings go to training through the TrainingController, from step 0.
class LessonController : public QObject
{
    Q_OBJECT

public:
    LessonController(ControlPanel *controls, LessonBanner *banner, TrainingController *training,
                     QObject *parent = nullptr);

    /// The lesson's name, or empty for none.
    QString lesson() const { return m_info.name; }
    const LessonInfo &info() const { return m_info; }
    bool isUnlocked() const { return m_unlocked; }
    /// The keys the teacher released: all the lesson's locked and hidden keys once unlocked.
    QStringList unlockedKeys() const;

    /// Starts lesson `name` from its own settings at step 0, locked. On error returns one
    /// line and changes nothing.
    QString load(const QString &name);
    /// Shows lesson `name` and applies its lock-down, except for `unlockedKeys`, without
    /// touching the settings (a saved session or the command line supplies them). An empty
    /// name clears the lesson. On error returns one line and changes nothing.
    QString show(const QString &name, const QStringList &unlockedKeys = {});
    /// No lesson: banner hidden, every control enabled and visible.
    void clear();
    /// One entry per built-in lesson, by title, in teaching order (emits lessonRequested).
    void addToMenu(QMenu *menu);

public slots:
    /// Releases (true) or re-applies (false) the lesson's locks.
    void setUnlocked(bool unlocked);
    /// Back to the lesson's start settings at step 0, locked again.
    void resetLesson();

signals:
    /// A lesson was chosen from the menu.
    void lessonRequested(const QString &name);
    /// The lesson (or none) or its lock state changed.
    void lessonChanged(const QString &name);

private:
    void applyLocks(const QStringList &released);

    ControlPanel *m_controls;
    LessonBanner *m_banner;
    TrainingController *m_training;
    LessonInfo m_info;
    bool m_unlocked = false;
};

} // namespace relulab
