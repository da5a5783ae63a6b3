// SPDX-License-Identifier: MIT
#include "layer_separators.h"

#include "layer_ticker.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>

namespace relulab {

LayerSeparators::LayerSeparators(QCPAxisRect *rect, const LayerTicker *ticker,
                                 const PlotStyle *style)
    : QCPLayerable(rect->parentPlot(), QStringLiteral("main")), m_rect(rect), m_ticker(ticker),
      m_style(style)
{}

void LayerSeparators::setShape(int depth, int rowsPerLayer)
{
    m_depth = depth;
    m_rowsPerLayer = rowsPerLayer;
}

void LayerSeparators::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    // Crisp horizontal lines on the cell edges.
    applyAntialiasingHint(painter, false, QCP::aeItems);
}

void LayerSeparators::draw(QCPPainter *painter)
{
    if (m_depth < 2 || m_rowsPerLayer < 1)
        return;
    QCPAxis *axis = m_rect->axis(QCPAxis::atLeft);
    const double perLayer = std::abs(axis->coordToPixel(m_rowsPerLayer) - axis->coordToPixel(0));
    const double width = std::clamp(perLayer / 6, 1.0, 2.0 * m_style->scale());
    const int every = perLayer >= 4 * width ? 1 : m_ticker->labelStep();
    painter->setPen(QPen(m_style->background(), width));
    const QRect r = m_rect->rect();
    for (int layer = every; layer < m_depth; layer += every) {
        const double y = axis->coordToPixel(layer * m_rowsPerLayer - 0.5);
        painter->drawLine(QPointF(r.left(), y), QPointF(r.right() + 1, y));
    }
}

} // namespace relulab
