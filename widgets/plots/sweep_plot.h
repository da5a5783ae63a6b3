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
    explicit SweepPlot(QWidget *parent = nullptr);

    /// Clears the plot for `spec`'s grid: every cell blank until setCells() fills it.
    /// `predicted` holds one value per cell, or is empty when no theory applies.
    void setGrid(const SweepSpec &spec, const std::vector<double> &predicted = {});
    /// Shows finished cells (then a queued replot).
    void setCells(const QList<SweepCell> &cells);

    const SweepSpec &spec() const { return m_spec; }
    /// True when two keys with more than one value each are drawn as a heat map.
    bool isHeatMap() const { return m_yKey >= 0; }
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
    int m_xKey = 0;  ///< grid axis drawn along x
    int m_yKey = -1; ///< grid axis drawn along y, or -1 for the one-key chart
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
