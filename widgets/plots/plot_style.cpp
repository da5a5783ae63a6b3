// SPDX-License-Identifier: MIT
#include "plot_style.h"

#include <QFontMetrics>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace relulab {

PlotStyle::PlotStyle(double scale, Theme theme)
    : m_scale(std::clamp(scale, 0.5, 4.0)), m_theme(theme)
{}

QColor PlotStyle::background() const
{
    return m_theme == Theme::Dark ? QColor(24, 24, 27) : QColor(Qt::white);
}

QColor PlotStyle::ink(int alpha) const
{
    QColor c = m_theme == Theme::Dark ? QColor(235, 235, 235) : QColor(30, 30, 30);
    c.setAlpha(std::clamp(alpha, 0, 255));
    return c;
}

QFont PlotStyle::font(double points, bool bold) const
{
    QFont f;
    f.setPointSizeF(points * m_scale);
    f.setBold(bold);
    return f;
}

QFont PlotStyle::tickFont() const
{
    return font(kBasePointSize);
}
QFont PlotStyle::labelFont() const
{
    return font(kBasePointSize + 1);
}
QFont PlotStyle::legendFont() const
{
    // The key grows half as much as the data when presenting: a compare-mode legend at full
    // scale took half of each plot's height at 1920 × 1080.
    QFont f;
    f.setPointSizeF(kBasePointSize * (1 + 0.5 * (m_scale - 1)));
    return f;
}
QFont PlotStyle::titleFont() const
{
    return font(kBasePointSize + 3, true);
}
QFont PlotStyle::bannerFont() const
{
    return font(kBasePointSize + 6, true);
}
QFont PlotStyle::noteFont() const
{
    return font(kBasePointSize, true);
}

QPen PlotStyle::pen(const QColor &color, double widthFactor, Qt::PenStyle penStyle) const
{
    QPen p(color, lineWidth() * widthFactor, penStyle);
    // Round joins cost Qt's stroker 4-5× more on long curves (1000s of loss points per frame);
    // at 3 px a bevel looks the same. Flat caps end a line exactly where its data ends (the
    // derivative's jump at 0).
    p.setCapStyle(Qt::FlatCap);
    p.setJoinStyle(Qt::BevelJoin);
    return p;
}

void PlotStyle::styleAxis(QCPAxis *axis) const
{
    const QColor ink = this->ink(m_theme == Theme::Dark ? 255 : 245);
    const QPen axisPen(ink, 1.5 * m_scale);
    axis->setTickLabelFont(tickFont());
    axis->setLabelFont(labelFont());
    axis->setTickLabelColor(ink);
    axis->setLabelColor(ink);
    axis->setBasePen(axisPen);
    axis->setTickPen(axisPen);
    axis->setSubTickPen(QPen(ink, 1.0 * m_scale));
    axis->setTickLengthIn(int(6 * m_scale));
    axis->setSubTickLengthIn(int(3 * m_scale));
    axis->setLabelPadding(int(6 * m_scale));
    // The grid stays quiet on either background: a faint line of the ink colour.
    axis->grid()->setPen(QPen(this->ink(m_theme == Theme::Dark ? 50 : 38), 1.0 * m_scale));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void PlotStyle::styleAxisRect(QCPAxisRect *rect) const
{
    for (QCPAxis *axis : rect->axes())
        styleAxis(axis);
}

void PlotStyle::styleLegend(QCPLegend *legend) const
{
    legend->setFont(legendFont());
    legend->setTextColor(ink());
    QColor box = background();
    box.setAlpha(215);
    legend->setBrush(box);
    legend->setBorderPen(QPen(ink(70), 1.0 * m_scale));
    const double keyScale = 1 + 0.5 * (m_scale - 1);
    legend->setIconSize(int(34 * keyScale), int(16 * keyScale));
    legend->setRowSpacing(int(2 * m_scale));
    const int pad = int(6 * m_scale);
    legend->setMargins(QMargins(pad, pad / 2, pad, pad / 2));
}

void PlotStyle::showZeroLine(QCPAxis *axis) const
{
    axis->grid()->setZeroLinePen(QPen(ink(), 2.0 * m_scale));
}

namespace {

/// Whole-number ticks, as many as fit side by side on the axis's current width.
class StepTicker : public QCPAxisTickerFixed
{
public:
    explicit StepTicker(QCPAxis *axis) : m_axis(axis)
    {
        setTickStep(1.0);
        setScaleStrategy(ssMultiples);
    }

protected:
    double getTickStep(const QCPRange &range) override
    {
        // The widest label the range can have, plus two digits of gap; asked at every replot,
        // so a resize or a presentation font is followed at once.
        const QFontMetrics metrics(m_axis->tickLabelFont());
        const double widest = std::max(std::abs(range.lower), std::abs(range.upper));
        const int label = metrics.horizontalAdvance(QString::number(std::llround(widest))) +
                          2 * metrics.horizontalAdvance(QLatin1Char('0'));
        setTickCount(std::clamp(m_axis->axisRect()->width() / std::max(1, label), 1, 6));
        return QCPAxisTickerFixed::getTickStep(range);
    }

private:
    QCPAxis *m_axis;
};

} // namespace

QSharedPointer<QCPAxisTicker> PlotStyle::stepTicker(QCPAxis *axis)
{
    return QSharedPointer<StepTicker>::create(axis);
}

QSharedPointer<QCPAxisTicker> PlotStyle::integerTicker(int count)
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    ticker->setTickCount(count);
    return ticker;
}

QColor PlotStyle::color(Palette p, int alpha)
{
    QColor c = QColor::fromRgb(QRgb(p));
    c.setAlpha(std::clamp(alpha, 0, 255));
    return c;
}

QColor PlotStyle::lighter(const QColor &c, double amount)
{
    const double t = std::clamp(amount, 0.0, 1.0);
    auto mix = [t](int v) { return int(std::lround(v + (255 - v) * t)); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

} // namespace relulab
