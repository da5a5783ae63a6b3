// SPDX-License-Identifier: MIT
#include "lesson_controller.h"

#include "config_json.h"
#include "control_panel.h"
#include "lesson_banner.h"
#include "training_controller.h"

#include <QAction>
#include <QMenu>

namespace relulab {

namespace {

QStringList without(QStringList keys, const QStringList &released)
{
    keys.removeIf([&](const QString &key) { return released.contains(key); });
    return keys;
}

} // namespace

LessonController::LessonController(ControlPanel *controls, LessonBanner *banner,
                                   TrainingController *training, QObject *parent)
    : QObject(parent), m_controls(controls), m_banner(banner), m_training(training)
{
    connect(m_banner, &LessonBanner::unlockToggled, this, &LessonController::setUnlocked);
    connect(m_banner, &LessonBanner::resetRequested, this, &LessonController::resetLesson);
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

QString LessonController::load(const QString &name)
{
    // show() reads the whole lesson, settings checked, before it changes anything.
    if (QString error = show(name); !error.isEmpty())
        return error;
    return m_training->applySettings(m_info.settings, TrainingController::Restart::FromStepZero);
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
    m_info = std::move(info);
    // Unlocking is all or nothing in the window, so any released key means "unlocked".
    m_unlocked = !unlockedKeys.isEmpty();
    const bool hasLocks = !m_info.locked.isEmpty() || !m_info.hidden.isEmpty();
    m_banner->showLesson(m_info, hasLocks);
    m_banner->setUnlocked(m_unlocked);
    applyLocks(unlockedKeys);
    emit lessonChanged(m_info.name);
    return {};
}

void LessonController::clear()
{
    m_info = LessonInfo{};
    m_unlocked = false;
    m_banner->clear();
    applyLocks({});
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
    if (!m_info.name.isEmpty())
        load(m_info.name);
}

void LessonController::applyLocks(const QStringList &released)
{
    m_controls->setLockedKeys(without(m_info.locked, released));
    m_controls->setHiddenKeys(without(m_info.hidden, released));
}

} // namespace relulab
