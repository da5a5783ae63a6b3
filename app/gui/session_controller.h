// SPDX-License-Identifier: MIT
#pragma once

#include "session_file.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class AppSettings;
class CompareController;
class LessonController;
class TrainingController;

/// File → Save session, Save session as…, Open session, Recent, and drag-and-drop of a
/// `.relulab` file onto the window. Saving asks the worker for its trainer's state on the
/// worker's own thread; opening checks the whole file first and changes nothing unless all of it
/// is good, then restores the settings, the lesson and its locks, the view and the training.
class SessionController : public QObject
{
    Q_OBJECT

public:
    /// Most files File → Recent lists.
    static constexpr int kMaxRecentFiles = 8;

    /// `window` parents the dialogs and takes the drops; `settings` (may be null) keeps the
    /// recent files; sessions are read from and restored into `training`.
    SessionController(QWidget *window, LessonController *lessons, TrainingController *training,
                      AppSettings *settings, QObject *parent = nullptr);

    /// How the window reads and restores its view options (presentation, selected plot...).
    /// Compare mode is saved and restored through `compare` (created after this controller).
    void setCompareController(CompareController *compare) { m_compare = compare; }
    void setViewHooks(std::function<ViewOptions()> current,
                      std::function<void(const ViewOptions &)> restore);

    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *openAction() const { return m_openAction; }
    QMenu *recentMenu() const { return m_recentMenu; }
    /// Adds Open, Save, Save as and Recent to `file`.
    void addToMenu(QMenu *file);

    /// The file the session was last saved to or opened from; empty for none.
    QString currentFile() const { return m_currentFile; }
    QStringList recentFiles() const { return m_recent; }

    /// The session as it is now, with the trainer's state.
    Session currentSession() const;
    /// Saves to `path`; returns an empty string or one line naming the file (no dialog).
    QString saveTo(const QString &path);
    /// Opens `path`; returns an empty string or one line, with nothing changed (no dialog).
    QString openFrom(const QString &path);
    /// Opens `path`, showing a failure in one message box.
    bool open(const QString &path);

public slots:
    void save();
    void saveAs();
    void openInteractive();

signals:
    /// A session file was opened or saved (for the window title).
    void currentFileChanged(const QString &path);
    /// One-line outcome for the status bar.
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void noteRecent(const QString &path);
    void rebuildRecentMenu();
    void showError(const QString &title, const QString &text);

    QWidget *m_window;
    LessonController *m_lessons;
    TrainingController *m_training;
    AppSettings *m_settings;
    CompareController *m_compare = nullptr;
    std::function<ViewOptions()> m_currentView;
    std::function<void(const ViewOptions &)> m_restoreView;
    QString m_currentFile;
    QStringList m_recent;

    QAction *m_saveAction;
    QAction *m_saveAsAction;
    QAction *m_openAction;
    QMenu *m_recentMenu;
};

} // namespace relulab
