// SPDX-License-Identifier: MIT
#pragma once

#include "lesson_info.h"

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class AppSettings;
class ControlPanel;
class LessonBanner;
class TrainingController;

/// The lesson in use and its lock-down: shows it in the banner, disables the controls of its
/// locked keys and hides those of its hidden keys, and releases them when the teacher unlocks.
/// A lesson's settings go to training through the TrainingController, from step 0. Built-in
/// lessons and teachers' own lesson files (Lessons → Open lesson file…, Recent lesson files,
/// a .json dropped on the window) are treated alike.
class LessonController : public QObject
{
    Q_OBJECT

public:
    /// Most files Lessons → Recent lesson files lists.
    static constexpr int kMaxRecentLessons = 8;

    /// `settings` (may be null) keeps the recent lesson files.
    LessonController(ControlPanel *controls, LessonBanner *banner, TrainingController *training,
                     AppSettings *settings, QObject *parent = nullptr);

    /// The lesson's name, or empty for none.
    QString lesson() const { return m_info.name; }
    const LessonInfo &info() const { return m_info; }
    /// The file the lesson was opened from this session, or empty (a built-in lesson, or a file
    /// lesson restored from a session, which carries the lesson but not its path).
    QString file() const { return m_file; }
    bool isUnlocked() const { return m_unlocked; }
    /// The keys the teacher released: all the lesson's locked and hidden keys once unlocked.
    QStringList unlockedKeys() const;
    /// Lesson files opened, newest first (absolute paths; some may be gone since).
    QStringList recentLessons() const { return m_recent; }
    QMenu *recentMenu() const { return m_recentMenu; }
    QAction *openFileAction() const { return m_openFileAction; }

    /// Starts lesson `name` from its own settings at step 0, locked. On error returns one
    /// line and changes nothing.
    QString load(const QString &name);
    /// Starts the teacher's lesson in file `path` like a built-in one and notes it in the
    /// recent lesson files. On error returns one line naming the file and changes nothing.
    QString loadFile(const QString &path);
    /// Shows the lesson in file `path` with its lock-down, without touching the settings (the
    /// command line supplies them), and notes it in the recent lesson files. On error returns
    /// one line and changes nothing.
    QString showFile(const QString &path);
    /// Shows lesson `name` and applies its lock-down, except for `unlockedKeys`, without
    /// touching the settings (a saved session or the command line supplies them). An empty
    /// name clears the lesson. On error returns one line and changes nothing.
    QString show(const QString &name, const QStringList &unlockedKeys = {});
    /// The same for a lesson already read and checked (a file lesson from a session).
    void showInfo(const LessonInfo &info, const QStringList &unlockedKeys = {});
    /// No lesson: banner hidden, every control enabled and visible.
    void clear();
    /// One entry per built-in lesson, by title, in teaching order (emits lessonRequested), then
    /// Open lesson file… and Recent lesson files (emit lessonFileRequested).
    void addToMenu(QMenu *menu);
    /// Takes a lesson file dropped on `window` (a .json whose object has the lesson fields);
    /// sessions (.relulab) are left to the SessionController.
    void acceptDrops(QWidget *window);

public slots:
    /// Releases (true) or re-applies (false) the lesson's locks.
    void setUnlocked(bool unlocked);
    /// Back to the lesson's start settings at step 0, locked again.
    void resetLesson();
    /// Lessons → Open lesson file…: asks for a file (emits lessonFileRequested).
    void openFileInteractive();
    /// Forgets the recent lesson files that no longer exist.
    void removeMissingRecent();

signals:
    /// A lesson was chosen from the menu.
    void lessonRequested(const QString &name);
    /// A lesson file was chosen (dialog, recent list) or dropped on the window.
    void lessonFileRequested(const QString &path);
    /// The lesson (or none) or its lock state changed.
    void lessonChanged(const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString start(const LessonInfo &info);
    void applyLocks(const QStringList &released);
    void noteRecent(const QString &path);
    void setRecent(const QStringList &paths);
    void rebuildRecentMenu();

    ControlPanel *m_controls;
    LessonBanner *m_banner;
    TrainingController *m_training;
    AppSettings *m_settings;
    QWidget *m_window = nullptr;
    LessonInfo m_info;
    QString m_file;
    bool m_unlocked = false;
    QStringList m_recent;
    QAction *m_openFileAction;
    QMenu *m_recentMenu;
};

} // namespace relulab
