// SPDX-License-Identifier: MIT
#pragma once

#include "sweep.h"

#include <QString>
#include <QVector>
#include <qcustomplot.h>

#include <vector>

namespace relulab {

// What SweepPlot draws, worked out from the sweep without drawing anything: the metric's name
// and value format, the range the values span, where the theory's contours run, and the words
// for one cell. SweepPlot (sweep_plot.cpp) only puts these on the screen.

/// Shares and fractions live in [0, 1]; the colour bar keeps that range so pictures compare.
bool isShareMetric(SweepMetric m);
/// The metric as an axis label ("share of networks dead").
QString sweepMetricTitle(SweepMetric m);
/// The same with a convergence metric's target ("steps to 95% training accuracy").
QString sweepMetricTitle(const SweepSpec &spec);
/// A cell's value as written in the heat map ("63%", "0.0123", "–" while undefined).
QString formatSweepValue(SweepMetric m, double v);
/// A done cell's mean as written in the heat map: formatSweepValue, with "≥" in front when
/// censored seeds make it a lower bound.
QString formatSweepCell(SweepMetric m, const SweepCell &cell);

/// The range the colour bar or the y axis shows: [0, 1] for shares, else the span of the done
/// cells' finite means (positive ones only on the log scale of the gradient ratio), widened a
/// little when they are all one value.
QCPRange sweepValueRange(SweepMetric m, const std::vector<SweepCell> &cells);

/// From the lowest mean − SE to the highest mean + SE of the finished cells; [0, 1] if none.
QCPRange sweepBandRange(const std::vector<SweepCell> &cells);

/// The cell of a two-key grid at value `i` of the x key and value `j` of the y key, with `nx`
/// and `ny` values; `xKey` is 0 when the x key is the grid's first.
std::size_t heatMapCell(int xKey, std::size_t i, std::size_t j, std::size_t nx, std::size_t ny);

/// Where the predicted share crosses `level`, one point per x value that has a crossing:
/// (x index, y index interpolated between the two cells around it). The prediction is monotone
/// along each key (deeper: more dead; wider: fewer), so each column crosses a level at most
/// once. `predicted` has one value per
/// cell of the nx × ny grid.
void contourPoints(const std::vector<double> &predicted, int xKey, std::size_t nx, std::size_t ny,
                   double level, QVector<double> &x, QVector<double> &y);

/// One line for a cell's tooltip: its keys, mean ± standard error, n and the prediction.
QString describeSweepCell(const SweepSpec &spec, const std::vector<SweepCell> &cells,
                          const std::vector<double> &predicted, std::size_t index);

} // namespace relulab
