// SPDX-License-Identifier: MIT
#include "compare_series.h"

#include "compare_settings.h"
#include "plot_style.h"
#include "training_frame.h"

#include <qcustomplot.h>

#include <cmath>

namespace relulab {

namespace {
constexpr double kCompareLighten = 0.25;
} // namespace

void labelCompareSeries(QCPGraph *a, QCPGraph *b, const TrainingFrame &frame, const QString &what)
{
    const QString sep = what.isEmpty() ? QString() : QStringLiteral(" — ");
    if (!frame.compare) {
        a->setName(what);
        b->data()->clear();
        b->setVisible(false);
        b->removeFromLegend();
        return;
    }
    a->setName(labelA(frame) + sep + what);
    b->setName(labelB(frame) + sep + what);
    b->setVisible(true);
    if (!b->parentPlot()->legend->hasItemWithPlottable(b))
        b->addToLegend();
}

void setComparePen(QCPGraph *b, const QCPGraph *a)
{
    QPen pen = a->pen();
    pen.setColor(PlotStyle::lighter(pen.color(), kCompareLighten));
    pen.setStyle(Qt::DashLine);
    b->setPen(pen);
    QCPScatterStyle scatter = a->scatterStyle();
    if (scatter.shape() != QCPScatterStyle::ssNone) {
        QPen scatterPen = scatter.pen();
        scatterPen.setColor(pen.color());
        scatter.setPen(scatterPen);
        scatter.setBrush(QBrush(Qt::white));
        b->setScatterStyle(scatter);
    }
}

QVector<QCPGraphData> boundaryPoints(const OutputField &field)
{
    QVector<QCPGraphData> points;
    const int n = field.resolution;
    if (n < 2 || field.values.size() != size_t(n) * size_t(n))
        return points;
    const auto value = [&](int ix, int iy) { return field.values[size_t(iy) * size_t(n) + ix]; };
    // Where v0 and v1 lie on either side of 0.5, the crossing's fraction of the way from 0 to 1.
    const auto crossing = [](double v0, double v1, double &t) {
        if (!std::isfinite(v0) || !std::isfinite(v1) || (v0 < 0.5) == (v1 < 0.5))
            return false;
        t = (0.5 - v0) / (v1 - v0);
        return true;
    };
    for (int iy = 0; iy < n; ++iy) {
        for (int ix = 0; ix < n; ++ix) {
            const double x = field.x0 + ix * field.dx;
            const double y = field.y0 + iy * field.dy;
            double t = 0;
            if (ix + 1 < n && crossing(value(ix, iy), value(ix + 1, iy), t))
                points.append(QCPGraphData(x + t * field.dx, y));
            if (iy + 1 < n && crossing(value(ix, iy), value(ix, iy + 1), t))
                points.append(QCPGraphData(x, y + t * field.dy));
        }
    }
    return points;
}

} // namespace relulab
