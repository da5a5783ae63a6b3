// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QFont>
#include <QPen>
#include <QRgb>
#include <QSharedPointer>

class QCPAxis;
class QCPAxisTicker;
class QCPAxisRect;
class QCPLegend;

namespace relulab {

/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that stay
/// distinguishable under every common form of colour blindness and on washed-out projectors.
enum class Palette : QRgb
{
    Black = 0x000000,
    Orange = 0xE69F00,
    SkyBlue = 0x56B4E9,
    BluishGreen = 0x009E73,
    Yellow = 0xF0E442,
    Blue = 0x0072B2,
    Vermillion = 0xD55E00,
    ReddishPurple = 0xCC79A7,
};

/// Light for a bright room or paper, dark for a dim lecture hall (less glare on the projector).
enum class Theme
{
    Light,
    Dark,
};

/// The shared look of every plot, sized to be read from the back of a classroom: a 12 pt base
/// font, 3 px lines, and the Okabe–Ito palette. `scale` enlarges everything for presentation mode.
class PlotStyle
{
public:
    static constexpr double kBasePointSize = 12.0; ///< tick labels and legend, in points
    static constexpr double kLineWidth = 3.0;      ///< data lines, in logical pixels
    static constexpr double kMarkerSize = 11.0;    ///< scatter markers, in logical pixels

    explicit PlotStyle(double scale = 1.0, Theme theme = Theme::Light);

    double scale() const { return m_scale; }
    Theme theme() const { return m_theme; }
    /// The plot's background: white, or a dark grey on which every Okabe–Ito colour but black
    /// keeps at least 3:1 contrast.
    QColor background() const;
    /// Text, axes and neutral reference lines: near-black on light, near-white on dark.
    QColor ink(int alpha = 255) const;

    QFont tickFont() const;   ///< axis tick labels
    QFont labelFont() const;  ///< axis labels
    QFont legendFont() const; ///< legend entries
    QFont titleFont() const;  ///< the plot's title line
    QFont bannerFont() const; ///< big warnings drawn over the data ("network is dead")
    QFont noteFont() const;   ///< small annotations next to data (a divergence label)

    double lineWidth() const { return kLineWidth * m_scale; }
    double markerSize() const { return kMarkerSize * m_scale; }

    /// A data pen of `widthFactor` × the standard line width.
    QPen pen(const QColor &color, double widthFactor = 1.0,
             Qt::PenStyle penStyle = Qt::SolidLine) const;

    /// Fonts, axis pens and a quiet grid for one axis.
    void styleAxis(QCPAxis *axis) const;
    /// styleAxis on the four axes of a rect.
    void styleAxisRect(QCPAxisRect *rect) const;
    /// Legend font, a translucent white box so it never hides data completely.
    void styleLegend(QCPLegend *legend) const;
    /// Draws the x = 0 / y = 0 lines of `axis`'s grid dark, for "axes through the origin".
    void showZeroLine(QCPAxis *axis) const;

    /// Ticks on whole numbers only (layer indices), about `count` of them.
    static QSharedPointer<QCPAxisTicker> integerTicker(int count = 6);
    /// Ticks on whole numbers for a training-step axis: as many as `axis` has room for, so
    /// "1000 2000 3000" never runs together in a narrow plot or at presentation size.
    static QSharedPointer<QCPAxisTicker> stepTicker(QCPAxis *axis);

    /// A palette colour with the given opacity (0..255).
    static QColor color(Palette p, int alpha = 255);
    /// `c` blended towards white by `amount` (0 = unchanged, 1 = white), opaque.
    static QColor lighter(const QColor &c, double amount);

private:
    QFont font(double points, bool bold = false) const;

    double m_scale = 1.0;
    Theme m_theme = Theme::Light;
};

} // namespace relulab
