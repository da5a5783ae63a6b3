// SPDX-License-Identifier: MIT
#include "layer_ticker.h"

#include <QCoreApplication>

namespace relulab {

void LayerTicker::setShape(int depth, int rowsPerLayer)
{
    m_depth = depth;
    m_rowsPerLayer = rowsPerLayer;
}

int LayerTicker::labelStep() const
{
    const QCPRange range = m_axis->range();
    if (m_depth <= 0 || m_rowsPerLayer <= 0 || range.size() <= 0)
        return 1;
    const double perLayer = m_axis->axisRect()->height() * m_rowsPerLayer / range.size();
    const double label = QFontMetricsF(m_axis->tickLabelFont()).height() * 1.2;
    for (const int k : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000})
        if (k * perLayer >= label)
            return k;
    return m_depth;
}

double LayerTicker::centre(int layer) const
{
    return (layer - 1) * m_rowsPerLayer + (m_rowsPerLayer - 1) / 2.0;
}

void LayerTicker::generate(const QCPRange &range, const QLocale &locale, QChar formatChar,
                           int precision, QVector<double> &ticks, QVector<double> *subTicks,
                           QVector<QString> *tickLabels)
{
    Q_UNUSED(range);
    Q_UNUSED(locale);
    Q_UNUSED(formatChar);
    Q_UNUSED(precision);
    ticks.clear();
    if (subTicks)
        subTicks->clear();
    if (tickLabels)
        tickLabels->clear();
    // Layer 1, then the multiples of k: "layer 1, layer 10, layer 20", not "1, 11, 21".
    const int k = labelStep();
    for (int layer = 1; layer <= m_depth; layer = layer == 1 && k > 1 ? k : layer + k) {
        ticks << centre(layer);
        if (tickLabels)
            *tickLabels
                << QCoreApplication::translate("relulab::TimelinePlot", "layer %1").arg(layer);
    }
}

} // namespace relulab
