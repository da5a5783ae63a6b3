// SPDX-License-Identifier: MIT
#include "stable_icon_style.h"

#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyleOption>
#include <QWidget>

namespace relulab {

QIcon StableIconStyle::standardIcon(StandardPixmap which, const QStyleOption *option,
                                    const QWidget *widget) const
{
    const QPalette palette = option ? option->palette : widget ? widget->palette() : QPalette();
    const auto key = std::make_tuple(int(which), palette.color(QPalette::WindowText).rgba(),
                                     palette.color(QPalette::Window).rgba());
    auto found = m_icons.find(key);
    if (found == m_icons.end())
        found = m_icons.emplace(key, QProxyStyle::standardIcon(which, option, widget)).first;
    return found->second;
}

QIcon StableIconStyle::toolbarIcon(StandardPixmap which, bool dark) const
{
    const auto key = std::make_pair(int(which), dark);
    if (const auto found = m_toolbarIcons.find(key); found != m_toolbarIcons.end())
        return found->second;
    const QIcon standard = standardIcon(which);
    if (!dark)
        return m_toolbarIcons[key] = standard;
    // Styles draw their media icons dark grey, invisible on a dark toolbar: the same shapes in
    // light ink instead.
    QIcon light;
    for (const int size : {16, 24, 32, 48}) {
        QImage image = standard.pixmap(size, size)
                           .toImage()
                           .convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(image.rect(), QColor(230, 230, 230));
        painter.end();
        light.addPixmap(QPixmap::fromImage(image));
    }
    return m_toolbarIcons[key] = light;
}

} // namespace relulab
