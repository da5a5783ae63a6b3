// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"
#include "sweep.h"

#include <QList>
#include <qcustomplot.h>

#include <vector>

namespace relulab {

/// The picture of a sweep, filled in cell by cell: a heat map with a labelled colour bar for two
/// keys, or the mean with standard-error bars for one. Cells are placed by index, with the
/// keys' values as tick labels, so uneven steps (widths 2, 3, 4, 8) and names (relu, tanh) sit
/// evenly. Where a prediction per cell is given (the born-dead theory), the heat map shows its
/// 10/50/90% contours as dashed lines and the one-key chart a dashed curve.
class SweepPlot : public QCustomPlot
{
    Q_OBJECT

public:
    /// `styleScale`: fonts, lines and markers relative to the main plots (1.25 in the sweep
    /// window, which has the screen to itself; 1 beside other plots).
    explicit SweepPlot(QWidget *parent = nullptr, double styleScale = 1.25);

    /// Clears the plot for `spec`'s grid: every cell blank until setCells() fills it.
    /// `predicted` holds one value per cell, or is empty when no theory applies.
    /// `seriesAxis` >= 0: that grid axis is drawn as one curve per value (mean with a
    /// standard-error band, in the legend) along the other axis, instead of a heat map.
    void setGrid(const SweepSpec &spec, const std::vector<double> &predicted = {},
                 int seriesAxis = -1);
    /// Shows finished cells (then a queued replot).
    void setCells(const QList<SweepCell> &cells);

    const SweepSpec &spec() const { return m_spec; }
    /// True when two keys with more than one value each are drawn as a heat map.
    bool isHeatMap() const { return m_yKey >= 0; }
    /// True when drawn as curves, one per value of the series axis (setGrid's seriesAxis).
    bool isSeries() const { return m_seriesKey >= 0; }
    /// The series' mean curves, one per value of the series axis, in its order.
    const QList<QCPGraph *> &seriesGraphs() const { return m_series; }
    /// The mean shown for cell `index`, NaN while it is not done.
    double cellMean(std::size_t index) const;
    /// The cell under a widget position, or -1.
    long cellAt(const QPointF &pos) const;
    /// One line for the tooltip: the cell's keys, mean ± standard error, n and the prediction.
    QString cellDescription(std::size_t index) const;

    QCPColorMap *colorMap() const { return m_map; }
    QCPColorScale *colorScale() const { return m_scale; }
    QCPGraph *meanGraph() const { return m_mean; }
    QCPGraph *predictedGraph() const { return m_predictedGraph; }
    /// The one-key chart's marks over means that are lower bounds (convergence metrics only).
    QCPGraph *lowerBoundGraph() const { return m_lowerBoundGraph; }
    /// The heat map's value labels, one per cell in index order (empty on big grids).
    const QList<QCPItemText *> &valueLabels() const { return m_labels; }
    QString subtitle() const { return m_subtitle->text(); }
    /// The theory contours drawn on the heat map (empty without a prediction).
    const QList<QCPCurve *> &contours() const { return m_contours; }

signals:
    /// The user clicked cell `index`.
    void cellClicked(std::size_t index);

private:
    void buildHeatMap();
    void buildChart();
    void buildSeries();
    void updateSeries();
    void buildContours();
    void updateValueRange();
    /// What `mark` on a cell means, for the subtitle of a convergence metric.
    QString censoredNote(const QString &mark) const;
    QSharedPointer<QCPAxisTicker> tickerFor(int key) const;
    void onMouseMove(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);

    PlotStyle m_style;
    SweepSpec m_spec;
    std::vector<SweepCell> m_cells;
    std::vector<double> m_predicted;
    int m_xKey = 0;                 ///< grid axis drawn along x
    int m_yKey = -1;                ///< grid axis drawn along y, or -1 for the one-key chart
    int m_seriesKey = -1;           ///< grid axis drawn as one curve per value, or -1
    QList<QCPGraph *> m_series;     ///< mean per series value
    QList<QCPGraph *> m_seriesLow;  ///< mean − SE, the band's lower edge
    QList<QCPGraph *> m_seriesHigh; ///< mean + SE, filled down to the lower edge
    QCPTextElement *m_title = nullptr;
    QCPTextElement *m_subtitle = nullptr;
    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
    QCPMarginGroup *m_margins = nullptr;
    QList<QCPItemText *> m_labels; ///< cell values, on grids small enough to read them
    QList<QCPCurve *> m_contours;
    QCPGraph *m_mean = nullptr;
    QCPErrorBars *m_errors = nullptr;
    QCPGraph *m_predictedGraph = nullptr;
    QCPGraph *m_lowerBoundGraph = nullptr;
};

} // namespace relulab
