// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVector>
#include <qcustomplot.h>

namespace relulab {

class PlotStyle;
struct OutputField;
struct TrainingFrame;

/// Compare mode in a plot: run A's series keeps its pen and gets "A: relu — what" as its legend
/// name; run B's series (drawn dashed in the same colour) is shown with "B: … — what" only when
/// `frame.compare` is set, and is emptied and left out of the legend otherwise.
/// `b`'s data is the caller's to set; this only names, shows and hides.
void labelCompareSeries(QCPGraph *a, QCPGraph *b, const TrainingFrame &frame, const QString &what);

/// Run B's pen: `a`'s colour, a little lighter, dashed, the same width.
void setComparePen(QCPGraph *b, const QCPGraph *a);

/// Points where a 2-D probability field crosses 0.5, one per crossed grid edge (linearly
/// interpolated): drawn as dots they trace B's decision boundary over A's map.
QVector<QCPGraphData> boundaryPoints(const OutputField &field);

} // namespace relulab
