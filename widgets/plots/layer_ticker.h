// SPDX-License-Identifier: MIT
#pragma once

#include <qcustomplot.h>

namespace relulab {

/// Ticks on an axis of rows grouped by layer (the death timeline's): every k-th layer labelled
/// ("layer 1", "layer 10", "layer 20", …) at the middle of its rows, k as small as the labels
/// allow on the axis's current height, asked anew at every replot.
class LayerTicker : public QCPAxisTicker
{
public:
    explicit LayerTicker(QCPAxis *axis) : m_axis(axis) {}

    /// `depth` layers of `rowsPerLayer` rows each, row r at coordinate r.
    void setShape(int depth, int rowsPerLayer);
    /// Layers from one label to the next, for the axis's current height and font.
    int labelStep() const;
    /// The coordinate of the middle of 1-based `layer`'s rows.
    double centre(int layer) const;

    void generate(const QCPRange &range, const QLocale &locale, QChar formatChar, int precision,
                  QVector<double> &ticks, QVector<double> *subTicks,
                  QVector<QString> *tickLabels) override;

private:
    QCPAxis *m_axis;
    int m_depth = 0;
    int m_rowsPerLayer = 0;
};

} // namespace relulab
