// SPDX-License-Identifier: MIT
#include "lesson_controller.h"

#include "app_settings.h"
#include "config_json.h"
#include "control_panel.h"
#include "lesson_banner.h"
#include "training_controller.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace relulab {

namespace {

QStringList without(QStringList keys, const QStringList &released)
{
    keys.removeIf([&](const QString &key) { return released.contains(key); });
    return keys;
}

// The single local .json file a drag carries, or empty. Whether it is a lesson is decided on
// the drop, where a file that is not gets a message rather than a silent refusal.
QString droppedLesson(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().front();
    if (!url.isLocalFile())
        return {};
    const QString path = url.toLocalFile();
    return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
               ? path
               : QString();
}

} // namespace

LessonController::LessonController(ControlPanel *controls, LessonBanner *banner,
                                   TrainingController *training, AppSettings *settings,
                                   QObject *parent)
    : QObject(parent), m_controls(controls), m_banner(banner), m_training(training),
      m_settings(settings)
{
    connect(m_banner, &LessonBanner::unlockToggled, this, &LessonController::setUnlocked);
    connect(m_banner, &LessonBanner::resetRequested, this, &LessonController::resetLesson);

    m_openFileAction = new QAction(tr("Open lesson &file…"), this);
    m_openFileAction->setStatusTip(
        tr("Start a lesson written as a JSON file (see the README's \"Your own lessons\")."));
    connect(m_openFileAction, &QAction::triggered, this, &LessonController::openFileInteractive);
    m_recentMenu = new QMenu(tr("Recent lesson files"), m_banner->window());
    // Rebuilt when shown, so a file deleted meanwhile shows as missing.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &LessonController::rebuildRecentMenu);
    if (m_settings)
        m_recent = m_settings->recentLessons().mid(0, kMaxRecentLessons);
    rebuildRecentMenu();
}

QStringList LessonController::unlockedKeys() const
{
    if (!m_unlocked)
        return {};
    QStringList keys = m_info.locked;
    for (const QString &key : m_info.hidden) {
        if (!keys.contains(key))
            keys << key;
    }
    return keys;
}

QString LessonController::start(const LessonInfo &info)
{
    // The settings go first: if training refuses them, the lesson shown stays as it was.
    const LessonInfo previous = m_info;
    showInfo(info);
    if (QString error =
            m_training->applySettings(m_info.settings, TrainingController::Restart::FromStepZero);
        !error.isEmpty()) {
        if (previous.name.isEmpty())
            clear();
        else
            showInfo(previous, {});
        return error;
    }
    return {};
}

QString LessonController::load(const QString &name)
{
    // The whole lesson is read, settings checked, before anything changes.
    LessonInfo info;
    if (QString error = lessonInfo(name, info); !error.isEmpty())
        return error;
    return start(info);
}

QString LessonController::loadFile(const QString &path)
{
    LessonInfo info;
    if (QString error = readLessonFile(path, info); !error.isEmpty())
        return error;
    if (QString error = start(info); !error.isEmpty())
        return error;
    m_file = path;
    noteRecent(path);
    return {};
}

QString LessonController::showFile(const QString &path)
{
    LessonInfo info;
    if (QString error = readLessonFile(path, info); !error.isEmpty())
        return error;
    showInfo(info);
    m_file = path;
    noteRecent(path);
    return {};
}

QString LessonController::show(const QString &name, const QStringList &unlockedKeys)
{
    if (name.isEmpty()) {
        clear();
        return {};
    }
    LessonInfo info;
    if (QString error = lessonInfo(name, info); !error.isEmpty())
        return error;
    showInfo(info, unlockedKeys);
    return {};
}

void LessonController::showInfo(const LessonInfo &info, const QStringList &unlockedKeys)
{
    m_info = info;
    m_file.clear();
    // Unlocking is all or nothing in the window, so any released key means "unlocked".
    m_unlocked = !unlockedKeys.isEmpty();
    const bool hasLocks = !m_info.locked.isEmpty() || !m_info.hidden.isEmpty();
    m_banner->showLesson(m_info, hasLocks);
    m_banner->setUnlocked(m_unlocked);
    applyLocks(unlockedKeys);
    m_training->setPauseAt(m_info.pauseAt);
    emit lessonChanged(m_info.name);
}

void LessonController::clear()
{
    m_info = LessonInfo{};
    m_file.clear();
    m_unlocked = false;
    m_banner->clear();
    applyLocks({});
    m_training->setPauseAt(0);
    emit lessonChanged({});
}

void LessonController::addToMenu(QMenu *menu)
{
    for (const QString &name : presetNames()) {
        const QString title = presetObject(name).value(QStringLiteral("title")).toString();
        QAction *action = menu->addAction(title.isEmpty() ? name : title);
        action->setStatusTip(tr("Load the \"%1\" lesson and restart from step 0.").arg(name));
        connect(action, &QAction::triggered, this, [this, name] { emit lessonRequested(name); });
    }
    menu->addSeparator();
    menu->addAction(m_openFileAction);
    menu->addMenu(m_recentMenu);
}

void LessonController::acceptDrops(QWidget *window)
{
    m_window = window;
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

void LessonController::setUnlocked(bool unlocked)
{
    if (m_info.name.isEmpty())
        return;
    m_unlocked = unlocked;
    m_banner->setUnlocked(unlocked);
    applyLocks(unlockedKeys());
    emit lessonChanged(m_info.name);
}

void LessonController::resetLesson()
{
    // A file lesson starts again from what was read, even if its file has changed or gone.
    if (!m_info.name.isEmpty())
        start(m_info);
}

void LessonController::openFileInteractive()
{
    const QString start =
        m_recent.isEmpty() ? QDir::homePath() : QFileInfo(m_recent.front()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_banner->window(), tr("Open lesson file"), start,
                                     tr("ReLU Lab lessons (*.json);;All files (*)"));
    if (!path.isEmpty())
        emit lessonFileRequested(path);
}

void LessonController::removeMissingRecent()
{
    QStringList kept = m_recent;
    kept.removeIf([](const QString &path) { return !QFileInfo(path).isFile(); });
    setRecent(kept);
}

bool LessonController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::DragEnter) {
        auto *drag = static_cast<QDragEnterEvent *>(event);
        if (!droppedLesson(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (watched == m_window && event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        if (const QString path = droppedLesson(drop->mimeData()); !path.isEmpty()) {
            drop->acceptProposedAction();
            emit lessonFileRequested(path);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void LessonController::applyLocks(const QStringList &released)
{
    m_controls->setLockedKeys(without(m_info.locked, released));
    m_controls->setHiddenKeys(without(m_info.hidden, released));
}

void LessonController::noteRecent(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = m_recent;
    recent.removeAll(absolute);
    recent.prepend(absolute);
    setRecent(recent.mid(0, kMaxRecentLessons));
}

void LessonController::setRecent(const QStringList &paths)
{
    m_recent = paths;
    if (m_settings) {
        m_settings->setRecentLessons(m_recent);
        m_settings->sync();
    }
    rebuildRecentMenu();
}

void LessonController::rebuildRecentMenu()
{
    m_recentMenu->clear();
    bool anyMissing = false;
    for (const QString &path : m_recent) {
        const bool missing = !QFileInfo(path).isFile();
        anyMissing = anyMissing || missing;
        // A missing file stays listed, plainly marked, until the teacher removes it: it may be
        // on a USB stick that is not plugged in.
        QAction *action = m_recentMenu->addAction(
            missing ? tr("%1 (file missing)").arg(QFileInfo(path).fileName())
                    : QFileInfo(path).fileName());
        action->setData(path);
        action->setStatusTip(path);
        action->setToolTip(path);
        action->setEnabled(!missing);
        connect(action, &QAction::triggered, this,
                [this, path] { emit lessonFileRequested(path); });
    }
    if (anyMissing) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Remove missing files"), this,
                                &LessonController::removeMissingRecent);
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

} // namespace relulab
