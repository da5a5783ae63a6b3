// SPDX-License-Identifier: MIT
#include "unit_marks.h"

#include "alive_share_map.h"
#include "mark_legend_item.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

QRgb blend(QRgb from, QRgb to, double t)
{
    auto mix = [t](int a, int b) { return int(std::lround(a + (b - a) * t)); };
    return qRgb(mix(qRed(from), qRed(to)), mix(qGreen(from), qGreen(to)),
                mix(qBlue(from), qBlue(to)));
}

/// The square of the icon's height at the icon's centre.
QRectF squareIn(const QRectF &icon)
{
    const double side = icon.height() - 2;
    return QRectF(icon.center().x() - side / 2, icon.top() + 1, side, side);
}

} // namespace

QRgb unitColor(double v)
{
    // The output plot's two hues, full strength: a picture is a few dozen pixels wide.
    static const QRgb negative = QRgb(Palette::Orange);
    static const QRgb positive = PlotStyle::lighter(PlotStyle::color(Palette::Blue), 0.12).rgb();
    const double t = std::isfinite(v) ? std::clamp(v, -1.0, 1.0) : 0.0;
    return t < 0 ? blend(qRgb(255, 255, 255), negative, -t)
                 : blend(qRgb(255, 255, 255), positive, t);
}

QColor linkColor(bool positive, const PlotStyle &style)
{
    if (!positive)
        return PlotStyle::color(Palette::Orange);
    return PlotStyle::color(style.theme() == Theme::Dark ? Palette::SkyBlue : Palette::Blue);
}

void drawDeadMark(QCPPainter *painter, const QRectF &rect, const PlotStyle &style)
{
    const QColor cross = PlotStyle::color(Palette::Vermillion);
    painter->setPen(Qt::NoPen);
    // Dark on either theme, yet never the dark theme's background: a dead unit is not a hole.
    painter->setBrush(style.theme() == Theme::Dark ? QColor(70, 70, 70, 240)
                                                   : QColor(30, 30, 30, 230));
    painter->drawRect(rect);
    const double width = std::clamp(0.09 * rect.width(), 1.5, 4.0 * style.scale());
    QPen pen(cross, width);
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    const QRectF x = rect.adjusted(rect.width() * 0.14, rect.height() * 0.14, -rect.width() * 0.14,
                                   -rect.height() * 0.14);
    painter->drawLine(x.topLeft(), x.bottomRight());
    painter->drawLine(x.topRight(), x.bottomLeft());
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(cross, 1.5 * style.scale()));
    painter->drawRect(rect);
}

void drawNegativeMark(QCPPainter *painter, const QRectF &rect, const PlotStyle &style)
{
    QPen dashed(style.ink(), 2.0 * style.scale(), Qt::DashLine);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(dashed);
    const double out = 1.5 * style.scale();
    painter->drawRect(rect.adjusted(-out, -out, out, out));
    // A "−" badge on the top right corner: "z is negative everywhere".
    const double r = std::clamp(0.2 * rect.height(), 4.5 * style.scale(), 10.0 * style.scale());
    const QPointF c(rect.right(), rect.top());
    painter->setPen(QPen(style.ink(), 1.2 * style.scale()));
    painter->setBrush(style.background());
    painter->drawEllipse(c, r, r);
    QPen minus(style.ink(), std::max(1.5, 0.32 * r));
    minus.setCapStyle(Qt::FlatCap);
    painter->setPen(minus);
    painter->drawLine(QPointF(c.x() - 0.55 * r, c.y()), QPointF(c.x() + 0.55 * r, c.y()));
}

void addDiagramKey(QCPLegend *legend, const PlotStyle *style, bool negativeShown)
{
    auto add = [legend](const QString &text, MarkLegendItem::Icon icon) {
        legend->addItem(new MarkLegendItem(legend, text, std::move(icon)));
    };
    add(QObject::tr("dead"),
        [style](QCPPainter *p, const QRectF &r) { drawDeadMark(p, squareIn(r), *style); });
    if (negativeShown)
        add(QObject::tr("negative but alive"), [style](QCPPainter *p, const QRectF &r) {
            const QRectF square = squareIn(r);
            p->setPen(Qt::NoPen);
            p->setBrush(QColor(unitColor(-0.5)));
            p->drawRect(square);
            drawNegativeMark(p, square.adjusted(2, 4, -4, -2), *style);
        });
    add(QObject::tr("weight > 0, < 0"), [style](QCPPainter *p, const QRectF &r) {
        for (const bool positive : {true, false}) {
            QPen pen(linkColor(positive, *style), 2.5 * style->scale());
            pen.setCapStyle(Qt::FlatCap);
            p->setPen(pen);
            const double y = r.top() + r.height() * (positive ? 0.3 : 0.7);
            p->drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
        }
    });
    add(QObject::tr("picture: the unit's output"), [](QCPPainter *p, const QRectF &r) {
        QLinearGradient g(r.topLeft(), r.topRight());
        g.setColorAt(0, QColor(unitColor(-1)));
        g.setColorAt(0.5, QColor(unitColor(0)));
        g.setColorAt(1, QColor(unitColor(1)));
        p->setPen(QPen(QColor(120, 120, 120), 1));
        p->setBrush(g);
        p->drawRect(r.adjusted(1, 1, -1, -1));
    });
}

void addDeadCellKey(QCPLegend *legend, const QString &text)
{
    legend->addItem(new MarkLegendItem(legend, text, [](QCPPainter *p, const QRectF &r) {
        // A grey edge: the dark square must show on the dark theme's background too.
        p->setPen(QPen(QColor(120, 120, 120), 1));
        p->setBrush(AliveShareMap::deadColor());
        p->drawRect(squareIn(r));
    }));
}

} // namespace relulab
