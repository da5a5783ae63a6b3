// SPDX-License-Identifier: MIT
#include "scroll_dock.h"

#include <QScrollArea>

namespace relulab {

ScrollDock::ScrollDock(const QString &title, const QString &objectName, QWidget *content,
                       QWidget *parent)
    : QDockWidget(title, parent)
{
    setObjectName(objectName);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab goes straight to the first control, not to the scroll area around them; it still
    // scrolls each control tabbed to into view.
    scroll->setFocusPolicy(Qt::NoFocus);
    setWidget(scroll);
}

} // namespace relulab
