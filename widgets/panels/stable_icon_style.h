// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QProxyStyle>
#include <QRgb>

#include <map>
#include <tuple>

namespace relulab {

/// The application's style, except that each standard icon is made once per palette and then
/// handed out again. QDockWidget asks for new title-bar icons every time it docks or floats,
/// and QMainWindow::restoreState() does that for every dock; each new QIcon gets new entries
/// in the pixmap cache when drawn, so a window that leaves presentation mode many times would
/// fill the cache (10 MB) with copies of the same two icons. Set it on the docks.
class StableIconStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    QIcon standardIcon(StandardPixmap which, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
    /// A toolbar icon drawn to be seen on a light or a `dark` toolbar, also made only once.
    QIcon toolbarIcon(StandardPixmap which, bool dark) const;

private:
    // The palette's colours are part of the key: a style may draw its icons in them.
    mutable std::map<std::tuple<int, QRgb, QRgb>, QIcon> m_icons;
    mutable std::map<std::pair<int, bool>, QIcon> m_toolbarIcons;
};

} // namespace relulab
