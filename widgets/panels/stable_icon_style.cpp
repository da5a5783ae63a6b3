// SPDX-License-Identifier: MIT
#include "stable_icon_style.h"

#include <QPalette>
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

} // namespace relulab
