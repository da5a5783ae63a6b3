// SPDX-License-Identifier: MIT
#pragma once

#include <QAction>
#include <QKeySequence>
#include <QString>

namespace relulab {

/// An action whose shortcut works anywhere in the window (also while the mouse and focus are on
/// a plot), with `tip` as its status and tool tip.
inline QAction *makeWindowAction(const QString &text, const QKeySequence &shortcut,
                                 const QString &tip, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setStatusTip(tip);
    action->setToolTip(tip);
    return action;
}

} // namespace relulab
