// SPDX-License-Identifier: MIT
#pragma once

#include <qcustomplot.h>

namespace relulab {

class LayerTicker;
class PlotStyle;

/// Thin lines between the layers of a map of rows grouped by layer (the death timeline's), in
/// the background colour, so each layer reads as a band; only between labelled layers when the
/// layers are too thin to be told apart anyway.
class LayerSeparators : public QCPLayerable
{
public:
    /// `ticker` says which layers are labelled; `style` is the plot's, read at every draw.
    LayerSeparators(QCPAxisRect *rect, const LayerTicker *ticker, const PlotStyle *style);

    /// `depth` layers of `rowsPerLayer` rows each, row r at coordinate r of the left axis.
    void setShape(int depth, int rowsPerLayer);

protected:
    QRect clipRect() const override { return m_rect->rect(); }
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    QCPAxisRect *m_rect;
    const LayerTicker *m_ticker;
    const PlotStyle *m_style;
    int m_depth = 0;
    int m_rowsPerLayer = 0;
};

} // namespace relulab
