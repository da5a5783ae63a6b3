// SPDX-License-Identifier: MIT
#include "session_controller.h"

#include "app_settings.h"
#include "compare_controller.h"
#include "compare_settings.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "plain_message.h"
#include "training_controller.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace relulab {

namespace {

QString fileFilter()
{
    return QObject::tr("ReLU Lab sessions (*.%1)").arg(QLatin1String(kSessionSuffix));
}

// The single local .relulab file a drag carries, or empty.
QString droppedSession(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().front();
    if (!url.isLocalFile())
        return {};
    const QString path = url.toLocalFile();
    return QFileInfo(path).suffix().compare(QLatin1String(kSessionSuffix), Qt::CaseInsensitive) == 0
               ? path
               : QString();
}

} // namespace

SessionController::SessionController(QWidget *window, LessonController *lessons,
                                     TrainingController *training, AppSettings *settings,
                                     QObject *parent)
    : QObject(parent), m_window(window), m_lessons(lessons), m_training(training),
      m_settings(settings)
{
    m_openAction = new QAction(tr("&Open session…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Continue a saved session: settings, lesson and training."));
    connect(m_openAction, &QAction::triggered, this, &SessionController::openInteractive);
    m_saveAction = new QAction(tr("&Save session"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Save the settings, the lesson and the network as it is now."));
    connect(m_saveAction, &QAction::triggered, this, &SessionController::save);
    m_saveAsAction = new QAction(tr("Save session &as…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_saveAsAction->setStatusTip(tr("Save the session into a new file."));
    connect(m_saveAsAction, &QAction::triggered, this, &SessionController::saveAs);
    for (QAction *action : {m_openAction, m_saveAction, m_saveAsAction})
        action->setShortcutContext(Qt::WindowShortcut);
    m_window->addActions({m_openAction, m_saveAction, m_saveAsAction});

    m_recentMenu = new QMenu(tr("Open &recent"), m_window);
    if (m_settings)
        m_recent = m_settings->recentFiles().mid(0, kMaxRecentFiles);
    rebuildRecentMenu();

    m_window->setAcceptDrops(true);
    m_window->installEventFilter(this);
}

void SessionController::setViewHooks(std::function<ViewOptions()> current,
                                     std::function<void(const ViewOptions &)> restore)
{
    m_currentView = std::move(current);
    m_restoreView = std::move(restore);
}

void SessionController::addToMenu(QMenu *file)
{
    file->addAction(m_openAction);
    file->addMenu(m_recentMenu);
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
}

Session SessionController::currentSession() const
{
    Session session;
    session.config = m_training->settings();
    CompareSettings compare = m_compare ? m_compare->settings() : CompareSettings{};
    // The trainers belong to the worker's thread: it hands over copies between two chunks.
    if (std::optional<TrainingWorker::SessionState> current = m_training->currentState()) {
        session.config = current->config;
        session.state = std::move(current->state);
        compare = current->compare;
        session.compareState = std::move(current->compareState);
    }
    session.compare = compare.enabled;
    // Off, B's settings are still kept, so switching compare mode on after opening gives the
    // same comparison.
    session.compareConfig = session.config;
    if (!comparedConfig(session.config, compare.overrides, session.compareConfig).empty()) {
        session.compare = false;
        session.compareConfig = session.config;
        session.compareState.reset();
    }
    if (!session.compare)
        session.compareState.reset();
    session.lesson = m_lessons->lesson();
    session.lessonFile = m_lessons->info().fileObject;
    session.unlockedKeys = m_lessons->unlockedKeys();
    if (m_currentView)
        session.view = m_currentView();
    return session;
}

QString SessionController::saveTo(const QString &path)
{
    Session session = currentSession();
    QString error = saveSession(path, session);
    bool withoutState = false;
    if (!error.isEmpty() && session.state) {
        // A very large network (or a non-finite state) cannot be stored whole; the settings
        // still can, and reopening then starts that network from step 0.
        session.state.reset();
        session.compareState.reset();
        withoutState = saveSession(path, session).isEmpty();
    }
    if (!error.isEmpty() && !withoutState)
        return error;
    m_currentFile = path;
    noteRecent(path);
    emit currentFileChanged(path);
    emit message(withoutState
                     ? tr("Saved %1 without the network (%2)").arg(escapedForMessage(path), error)
                     : tr("Saved %1").arg(escapedForMessage(path)));
    return {};
}

QString SessionController::openFrom(const QString &path)
{
    Session session;
    if (QString error = loadSession(path, session); !error.isEmpty())
        return error;
    LessonInfo lessonCheck;
    if (!session.lessonFile.isEmpty()) {
        // A teacher's lesson travels inside the session (loadSession has checked it).
        if (QString error = parseFileLesson(session.lesson, session.lessonFile, lessonCheck);
            !error.isEmpty())
            return tr("%1: lesson_file: %2").arg(escapedForMessage(path), error);
    } else if (!session.lesson.isEmpty()) {
        if (QString error = lessonInfo(session.lesson, lessonCheck); !error.isEmpty())
            return tr("%1: lesson: %2").arg(escapedForMessage(path), error);
    }
    if (!m_training->trainingThread())
        return tr("%1: training has stopped; the session cannot be opened")
            .arg(escapedForMessage(path));
    TrainingWorker::SessionState restore{session.config, session.state, {}, std::nullopt};
    restore.compare.enabled = session.compare;
    restore.compare.overrides = ConfigOverrides::between(session.config, session.compareConfig);
    if (session.compare)
        restore.compareState = session.compareState;
    // The worker goes first: if it refused the state, nothing else has changed yet.
    if (!m_training->restoreSession(restore))
        return tr("%1: the saved network does not fit its settings").arg(escapedForMessage(path));
    {
        // Showing the lesson would hand its own comparison to the worker and restart both
        // runs; the worker already runs the saved one.
        const QSignalBlocker quiet(m_compare);
        if (lessonCheck.isFromFile())
            m_lessons->showInfo(lessonCheck, session.unlockedKeys);
        else
            m_lessons->show(session.lesson, session.unlockedKeys);
        if (m_compare)
            m_compare->restore(restore.compare);
    }
    if (m_restoreView)
        m_restoreView(session.view);
    m_currentFile = path;
    noteRecent(path);
    emit currentFileChanged(path);
    emit message(session.state
                     ? tr("Opened %1 at step %2")
                           .arg(escapedForMessage(path), QString::number(session.state->step))
                     : tr("Opened %1 (settings only, from step 0)").arg(escapedForMessage(path)));
    return {};
}

bool SessionController::open(const QString &path)
{
    if (const QString error = openFrom(path); !error.isEmpty()) {
        showError(tr("Session not opened"), error);
        return false;
    }
    return true;
}

void SessionController::save()
{
    if (m_currentFile.isEmpty()) {
        saveAs();
        return;
    }
    if (const QString error = saveTo(m_currentFile); !error.isEmpty())
        showError(tr("Session not saved"), error);
}

void SessionController::saveAs()
{
    const QString start =
        m_currentFile.isEmpty()
            ? QDir::home().filePath(QStringLiteral("lesson.%1").arg(QLatin1String(kSessionSuffix)))
            : m_currentFile;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save session"), start, fileFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + QLatin1String(kSessionSuffix);
    if (const QString error = saveTo(path); !error.isEmpty())
        showError(tr("Session not saved"), error);
}

void SessionController::openInteractive()
{
    const QString start =
        m_currentFile.isEmpty() ? QDir::homePath() : QFileInfo(m_currentFile).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open session"), start, fileFilter());
    if (!path.isEmpty())
        open(path);
}

bool SessionController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto *drag = static_cast<QDragEnterEvent *>(event);
        if (!droppedSession(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (watched == m_window && event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (const QString path = droppedSession(drop->mimeData()); !path.isEmpty()) {
            drop->acceptProposedAction();
            open(path);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void SessionController::noteRecent(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recent.removeAll(absolute);
    m_recent.prepend(absolute);
    m_recent = m_recent.mid(0, kMaxRecentFiles);
    if (m_settings) {
        m_settings->setRecentFiles(m_recent);
        m_settings->sync();
    }
    rebuildRecentMenu();
}

void SessionController::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : m_recent) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setData(path);
        action->setStatusTip(path);
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { open(path); });
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

void SessionController::showError(const QString &title, const QString &text)
{
    showPlainMessage(m_window, QMessageBox::Warning, title, text);
}

} // namespace relulab
