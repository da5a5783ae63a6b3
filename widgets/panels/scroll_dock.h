// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

namespace relulab {

/// A dock whose content scrolls up and down when the window is short (a 768-pixel projector),
/// never sideways: the content keeps the dock's width.
class ScrollDock : public QDockWidget
{
    Q_OBJECT

public:
    /// `objectName` keys the dock in the window's saved state.
    ScrollDock(const QString &title, const QString &objectName, QWidget *content,
               QWidget *parent = nullptr);
};

} // namespace relulab
