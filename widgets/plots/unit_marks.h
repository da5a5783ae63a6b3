// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

class QCPLegend;
class QCPPainter;

namespace relulab {

class PlotStyle;

/// The network view's colours and marks, shared by the diagram and the legends that explain it.

/// The colour of a unit's output v in [-1, 1]: orange below 0, white at 0, blue above (the
/// output plot's two hues, full strength: a unit's picture is a few dozen pixels wide).
QRgb unitColor(double v);
/// The colour of a link: blue for a positive weight, orange for a negative one (a lighter blue
/// on the dark theme, where Okabe–Ito blue fades into the background once translucent).
QColor linkColor(bool positive, const PlotStyle &style);
/// A dead unit over its picture: dark, crossed out.
void drawDeadMark(QCPPainter *painter, const QRectF &rect, const PlotStyle &style);
/// A negative but alive unit around its picture: a dashed outline and a "−" badge.
void drawNegativeMark(QCPPainter *painter, const QRectF &rect, const PlotStyle &style);

/// The diagram's legend: dead, negative but alive (if `negativeShown`), weight signs, pictures.
/// `style` is the plot's, read whenever the legend is drawn.
void addDiagramKey(QCPLegend *legend, const PlotStyle *style, bool negativeShown);
/// An alive-share map's legend entry for its dark dead cells.
void addDeadCellKey(QCPLegend *legend, const QString &text);

} // namespace relulab
