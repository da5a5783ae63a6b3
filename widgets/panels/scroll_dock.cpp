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
    setWidget(scroll);
}

} // namespace relulab
