// SPDX-License-Identifier: MIT
#include "sweep_plot.h"

#include "sweep_plot_data.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace relulab {

namespace {

// Value labels in the cells only while they stay readable.
constexpr std::size_t kMaxLabelledCells = 150;
constexpr double kContourLevels[] = {0.1, 0.5, 0.9};

/// Viridis (perceptually uniform, readable in greyscale and by colour-blind viewers).
QCPColorGradient viridis()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    g.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
    g.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    g.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
    g.setNanHandling(QCPColorGradient::nhTransparent); // cells still running stay blank
    return g;
}

} // namespace

SweepPlot::SweepPlot(QWidget *parent, double styleScale) : QCustomPlot(parent), m_style(styleScale)
{
    setBackground(m_style.background());
    plotLayout()->insertRow(0);
    plotLayout()->insertRow(1);
    m_title = new QCPTextElement(this, QString(), m_style.titleFont());
    m_title->setTextColor(m_style.ink());
    plotLayout()->addElement(0, 0, m_title);
    m_subtitle = new QCPTextElement(this, QString(), m_style.noteFont());
    m_subtitle->setTextColor(m_style.ink(200));
    plotLayout()->addElement(1, 0, m_subtitle);
    m_scale = new QCPColorScale(this);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setGradient(viridis());
    m_style.styleAxis(m_scale->axis());
    m_scale->axis()->setLabelFont(m_style.labelFont());
    m_margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, m_margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, m_margins);
    m_style.styleAxisRect(axisRect());
    setMouseTracking(true);
    connect(this, &QCustomPlot::mouseMove, this, &SweepPlot::onMouseMove);
    connect(this, &QCustomPlot::mousePress, this, &SweepPlot::onMousePress);
}

void SweepPlot::setGrid(const SweepSpec &spec, const std::vector<double> &predicted, int seriesAxis)
{
    m_spec = spec;
    m_cells.assign(spec.grid.cellCount(), SweepCell());
    for (std::size_t i = 0; i < m_cells.size(); ++i)
        m_cells[i].index = i;
    m_predicted = predicted.size() == m_cells.size() ? predicted : std::vector<double>();
    // Keys with a single value are not an axis: a 2-key grid with one fixed key is a chart.
    std::vector<int> varying;
    for (int k = 0; k < int(spec.grid.axes.size()); ++k) {
        if (spec.grid.axes[size_t(k)].values.size() > 1)
            varying.push_back(k);
    }
    m_xKey = varying.empty() ? 0 : varying[0];
    m_yKey = varying.size() == 2 ? varying[1] : -1;
    m_seriesKey = -1;
    if (seriesAxis >= 0 && seriesAxis < int(spec.grid.axes.size())) {
        m_seriesKey = seriesAxis;
        m_yKey = -1;
        m_xKey = -1;
        for (int k : varying)
            if (k != seriesAxis)
                m_xKey = k;
    }
    m_series.clear();
    m_seriesLow.clear();
    m_seriesHigh.clear();

    clearPlottables();
    clearItems();
    m_labels.clear();
    m_contours.clear();
    m_map = nullptr;
    m_mean = m_predictedGraph = m_lowerBoundGraph = nullptr;
    m_errors = nullptr;
    legend->setVisible(false);
    if (plotLayout()->hasElement(3, 0)) {
        // Back from the series' legend row to the usual corner.
        plotLayout()->take(legend);
        plotLayout()->simplify();
        axisRect()->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    }
    m_title->setText(tr("%1 · %2 %3 · %4")
                         .arg(sweepMetricTitle(spec))
                         .arg(spec.seeds)
                         .arg(spec.seeds == 1 ? tr("seed") : tr("seeds"))
                         .arg(spec.steps == 0 ? tr("at birth") : tr("%1 steps").arg(spec.steps)));
    if (isSeries())
        buildSeries();
    else if (isHeatMap())
        buildHeatMap();
    else
        buildChart();
    replot(QCustomPlot::rpQueuedReplot);
}

void SweepPlot::buildSeries()
{
    if (m_scale->layout()) {
        plotLayout()->take(m_scale);
        plotLayout()->simplify();
    }
    // Okabe-Ito: told apart by colour-blind viewers, and by marker shape in greyscale.
    static constexpr Palette kColors[] = {Palette::Blue, Palette::Vermillion, Palette::BluishGreen,
                                          Palette::ReddishPurple};
    static constexpr QCPScatterStyle::ScatterShape kShapes[] = {
        QCPScatterStyle::ssDisc, QCPScatterStyle::ssSquare, QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssTriangle};
    const GridAxis &series = m_spec.grid.axes[size_t(m_seriesKey)];
    for (std::size_t v = 0; v < series.values.size(); ++v) {
        const QColor color = PlotStyle::color(kColors[v % std::size(kColors)]);
        auto *low = addGraph();
        auto *high = addGraph();
        QColor band = color;
        band.setAlpha(50);
        for (QCPGraph *edge : {low, high}) {
            edge->removeFromLegend();
            edge->setPen(Qt::NoPen);
        }
        high->setBrush(band);
        high->setChannelFillGraph(low);
        auto *mean = addGraph();
        mean->setName(QString::fromStdString(series.values[v]));
        mean->setPen(m_style.pen(color, 1.2));
        mean->setScatterStyle(
            QCPScatterStyle(kShapes[v % std::size(kShapes)], 1.4 * m_style.markerSize()));
        m_seriesLow.append(low);
        m_seriesHigh.append(high);
        m_series.append(mean);
    }
    const bool hasX = m_xKey >= 0;
    const std::size_t n = hasX ? m_spec.grid.axes[size_t(m_xKey)].values.size() : 1;
    xAxis->setTicker(tickerFor(m_xKey));
    xAxis->setLabel(hasX ? QString::fromStdString(m_spec.grid.axes[size_t(m_xKey)].key)
                         : QString());
    xAxis->setRange(-0.5, double(n) - 0.5);
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    // The title names the metric; the axis only needs its unit, which fits a short plot.
    yAxis->setLabel(isConvergenceMetric(m_spec.metric)           ? tr("steps")
                    : m_spec.metric == SweepMetric::FinalLoss    ? tr("loss")
                    : m_spec.metric == SweepMetric::TestAccuracy ? tr("accuracy")
                                                                 : sweepMetricTitle(m_spec));
    yAxis->setScaleType(QCPAxis::stLinear);
    xAxis->grid()->setVisible(true);
    yAxis->grid()->setVisible(true);
    // The legend gets a row of its own under the plot: inside, it hid points in narrow docks.
    if (axisRect()->insetLayout()->elements(false).contains(legend)) {
        axisRect()->insetLayout()->take(legend);
        plotLayout()->addElement(3, 0, legend);
        plotLayout()->setRowStretchFactor(3, 0.001); // its own height, the rest to the data
    }
    legend->setVisible(true);
    m_style.styleLegend(legend);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    updateValueRange();
    // Beside other plots in a dock: the title names the metric alone, the rest goes below.
    m_title->setText(sweepMetricTitle(m_spec));
    const QString run =
        tr("%1 seeds · %2")
            .arg(m_spec.seeds)
            .arg(m_spec.steps == 0 ? tr("at birth") : tr("%1 steps").arg(m_spec.steps));
    m_subtitle->setText(isConvergenceMetric(m_spec.metric)
                            ? tr("%1 · misses count as %2").arg(run).arg(m_spec.steps)
                            : tr("%1 · band: ± SE").arg(run));
}

void SweepPlot::updateSeries()
{
    for (qsizetype v = 0; v < m_series.size(); ++v) {
        QVector<double> x, y, lo, hi;
        for (const SweepCell &cell : m_cells) {
            const std::vector<std::size_t> at = m_spec.grid.cellCoordinates(cell.index);
            if (!cell.done || at[size_t(m_seriesKey)] != std::size_t(v) ||
                !std::isfinite(cell.mean))
                continue;
            const double se = std::isfinite(cell.standardError) ? cell.standardError : 0.0;
            x << (m_xKey >= 0 ? double(at[size_t(m_xKey)]) : 0.0);
            y << cell.mean;
            lo << cell.mean - se;
            hi << cell.mean + se;
        }
        m_series[v]->setData(x, y, true);
        m_seriesLow[v]->setData(x, lo, true);
        m_seriesHigh[v]->setData(x, hi, true);
    }
    updateValueRange();
}

void SweepPlot::buildHeatMap()
{
    const GridAxis &xs = m_spec.grid.axes[size_t(m_xKey)];
    const GridAxis &ys = m_spec.grid.axes[size_t(m_yKey)];
    if (!m_scale->layout())
        plotLayout()->addElement(2, 1, m_scale);
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->removeFromLegend();
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_map->data()->setSize(int(xs.values.size()), int(ys.values.size()));
    m_map->data()->setRange(QCPRange(0, double(xs.values.size() - 1)),
                            QCPRange(0, double(ys.values.size() - 1)));
    m_map->data()->fill(kNaN);
    m_map->setColorScale(m_scale);
    m_scale->axis()->setLabel(sweepMetricTitle(m_spec));
    m_scale->setDataScaleType(m_spec.metric == SweepMetric::GradRatio ? QCPAxis::stLogarithmic
                                                                      : QCPAxis::stLinear);
    if (m_spec.metric == SweepMetric::GradRatio)
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    xAxis->setTicker(tickerFor(m_xKey));
    yAxis->setTicker(tickerFor(m_yKey));
    xAxis->setLabel(QString::fromStdString(xs.key));
    yAxis->setLabel(QString::fromStdString(ys.key));
    xAxis->setRange(-0.5, double(xs.values.size()) - 0.5);
    yAxis->setRange(-0.5, double(ys.values.size()) - 0.5);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    updateValueRange();

    if (m_cells.size() <= kMaxLabelledCells) {
        for (std::size_t i = 0; i < m_cells.size(); ++i) {
            auto *label = new QCPItemText(this);
            const std::vector<std::size_t> at = m_spec.grid.cellCoordinates(i);
            label->position->setCoords(double(at[size_t(m_xKey)]), double(at[size_t(m_yKey)]));
            label->setFont(m_style.noteFont());
            label->setClipToAxisRect(true);
            m_labels.append(label);
        }
    }
    buildContours();
    const bool drawn = std::any_of(m_contours.begin(), m_contours.end(),
                                   [](const QCPCurve *c) { return c->dataCount() > 0; });
    if (drawn)
        m_subtitle->setText(tr("dashed: theory, 10% / 50% / 90% born dead"));
    else if (!m_contours.isEmpty())
        m_subtitle->setText(
            tr("theory: at most %1% born dead anywhere here")
                .arg(100 * *std::max_element(m_predicted.begin(), m_predicted.end()), 0, 'g', 2));
    else if (isConvergenceMetric(m_spec.metric))
        m_subtitle->setText(censoredNote(QStringLiteral("≥")));
    else
        m_subtitle->setText(tr("hover a cell for its numbers; click it to load it"));
}

QString SweepPlot::censoredNote(const QString &mark) const
{
    return tr("%1 a lower bound: some seeds missed the target in %2 steps")
        .arg(mark)
        .arg(m_spec.steps);
}

void SweepPlot::buildChart()
{
    if (m_scale->layout()) {
        plotLayout()->take(m_scale);
        plotLayout()->simplify();
    }
    const GridAxis *xs = m_spec.grid.axes.empty() ? nullptr : &m_spec.grid.axes[size_t(m_xKey)];
    m_mean = addGraph();
    m_mean->setName(tr("measured"));
    m_mean->setPen(m_style.pen(PlotStyle::color(Palette::Blue)));
    m_mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, m_style.markerSize()));
    m_errors = new QCPErrorBars(xAxis, yAxis);
    m_errors->removeFromLegend();
    m_errors->setDataPlottable(m_mean);
    m_errors->setPen(m_style.pen(PlotStyle::color(Palette::Blue), 0.6));
    m_errors->setWhiskerWidth(m_style.markerSize());
    if (!m_predicted.empty()) {
        m_predictedGraph = addGraph();
        m_predictedGraph->setName(tr("theory"));
        m_predictedGraph->setPen(
            m_style.pen(PlotStyle::color(Palette::Vermillion), 1.0, Qt::DashLine));
        QVector<double> x, y;
        for (std::size_t i = 0; i < m_predicted.size(); ++i) {
            x << double(m_spec.grid.cellCoordinates(i)[size_t(m_xKey)]);
            y << m_predicted[i];
        }
        m_predictedGraph->setData(x, y, true);
    }
    if (isConvergenceMetric(m_spec.metric)) {
        // An open triangle pointing up over a mean that is only a lower bound.
        m_lowerBoundGraph = addGraph();
        m_lowerBoundGraph->setName(tr("lower bound: seeds censored"));
        m_lowerBoundGraph->setLineStyle(QCPGraph::lsNone);
        m_lowerBoundGraph->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssTriangle, m_style.pen(PlotStyle::color(Palette::Vermillion), 1.2),
            QBrush(Qt::NoBrush), 3 * m_style.markerSize()));
    }
    const std::size_t n = xs ? xs->values.size() : 1;
    xAxis->setTicker(tickerFor(xs ? m_xKey : -1));
    xAxis->setLabel(xs ? QString::fromStdString(xs->key) : QString());
    xAxis->setRange(-0.5, double(n) - 0.5);
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    yAxis->setLabel(sweepMetricTitle(m_spec));
    yAxis->setScaleType(m_spec.metric == SweepMetric::GradRatio ? QCPAxis::stLogarithmic
                                                                : QCPAxis::stLinear);
    if (m_spec.metric == SweepMetric::GradRatio)
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    xAxis->grid()->setVisible(true);
    yAxis->grid()->setVisible(true);
    updateValueRange();
    m_subtitle->setText(
        m_predictedGraph    ? tr("blue: measured mean ± standard error; dashed: theory")
        : m_lowerBoundGraph ? tr("mean ± SE; %1").arg(censoredNote(QStringLiteral("△")))
                            : tr("mean ± standard error over the seeds"));
}

void SweepPlot::buildContours()
{
    // Contours need a smooth, monotone picture: the prediction over width × depth.
    const std::string &kx = m_spec.grid.axes[size_t(m_xKey)].key;
    const std::string &ky = m_spec.grid.axes[size_t(m_yKey)].key;
    const bool widthDepth = (kx == "width" && ky == "depth") || (kx == "depth" && ky == "width");
    if (m_predicted.empty() || !widthDepth)
        return;
    const std::size_t nx = m_spec.grid.axes[size_t(m_xKey)].values.size();
    const std::size_t ny = m_spec.grid.axes[size_t(m_yKey)].values.size();
    for (double level : kContourLevels) {
        // White dashes over a dark casing: visible on both ends of the colour scale.
        const double width = level == 0.5 ? 1.0 : 0.6;
        auto *casing = new QCPCurve(xAxis, yAxis);
        casing->removeFromLegend();
        casing->setPen(m_style.pen(QColor(0, 0, 0, 150), width + 0.7));
        auto *curve = new QCPCurve(xAxis, yAxis);
        curve->removeFromLegend();
        curve->setPen(m_style.pen(QColor(Qt::white), width, Qt::DashLine));
        QVector<double> t, x, y;
        contourPoints(m_predicted, m_xKey, nx, ny, level, x, y);
        for (qsizetype i = 0; i < x.size(); ++i)
            t << double(i); // a curve, drawn in the order of its points
        casing->setData(t, x, y);
        curve->setData(t, x, y);
        m_contours.append(curve);
        if (!x.isEmpty()) {
            auto *label = new QCPItemText(this);
            label->position->setCoords(x.back(), y.back());
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            label->setText(QString::number(qRound(100 * level)) + QLatin1Char('%'));
            label->setFont(m_style.legendFont());
            label->setColor(Qt::white);
            label->setBrush(QColor(0, 0, 0, 150));
            label->setPadding(QMargins(4, 1, 4, 1));
            label->setClipToAxisRect(true);
        }
    }
}

QSharedPointer<QCPAxisTicker> SweepPlot::tickerFor(int key) const
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    if (key < 0)
        return ticker;
    const GridAxis &axis = m_spec.grid.axes[size_t(key)];
    // About a dozen labels at most, so they never collide.
    const std::size_t every = std::max<std::size_t>(1, (axis.values.size() + 11) / 12);
    for (std::size_t i = 0; i < axis.values.size(); i += every)
        ticker->addTick(double(i), QString::fromStdString(axis.values[i]));
    return ticker;
}

void SweepPlot::setCells(const QList<SweepCell> &cells)
{
    for (const SweepCell &cell : cells) {
        if (cell.index >= m_cells.size())
            continue;
        m_cells[cell.index] = cell;
        const std::vector<std::size_t> at = m_spec.grid.cellCoordinates(cell.index);
        if (m_map) {
            m_map->data()->setCell(int(at[size_t(m_xKey)]), int(at[size_t(m_yKey)]), cell.mean);
            if (!m_labels.isEmpty()) {
                QCPItemText *label = m_labels.at(qsizetype(cell.index));
                label->setText(formatSweepCell(m_spec.metric, cell));
                // Dark text on the bright (yellow-green) end of viridis, white on the rest.
                const double share =
                    m_scale->dataRange().size() > 0
                        ? (cell.mean - m_scale->dataRange().lower) / m_scale->dataRange().size()
                        : 0;
                label->setColor(share > 0.6 ? QColor(Qt::black) : QColor(Qt::white));
            }
        }
    }
    if (m_mean) {
        QVector<double> x, y, e;
        for (const SweepCell &cell : m_cells) {
            if (!cell.done)
                continue;
            x << double(m_spec.grid.cellCoordinates(cell.index)[size_t(m_xKey)]);
            y << cell.mean;
            e << (std::isfinite(cell.standardError) ? cell.standardError : 0.0);
        }
        m_mean->setData(x, y, true);
        m_errors->setData(e);
    }
    if (isSeries())
        updateSeries();
    if (m_lowerBoundGraph) {
        QVector<double> x, y;
        for (const SweepCell &cell : m_cells) {
            if (cell.done && cell.meanIsLowerBound()) {
                x << double(m_spec.grid.cellCoordinates(cell.index)[size_t(m_xKey)]);
                y << cell.mean;
            }
        }
        m_lowerBoundGraph->setData(x, y, true);
    }
    updateValueRange();
    replot(QCustomPlot::rpQueuedReplot);
}

void SweepPlot::updateValueRange()
{
    if (isSeries()) {
        // Curves are compared with each other, not with the metric's whole range: fit the bands.
        QCPRange range = sweepBandRange(m_cells);
        const double pad = range.size() > 0 ? 0.08 * range.size() : 0.05;
        yAxis->setRange(range.lower - pad, range.upper + pad);
        return;
    }
    const QCPRange range = sweepValueRange(m_spec.metric, m_cells);
    if (m_map) {
        m_scale->setDataRange(range);
    } else {
        const double pad = m_spec.metric == SweepMetric::GradRatio ? 0 : 0.05 * range.size();
        yAxis->setRange(range.lower - pad, range.upper + pad);
        if (m_spec.metric == SweepMetric::GradRatio)
            yAxis->setRange(range.lower / 2, range.upper * 2);
    }
}

double SweepPlot::cellMean(std::size_t index) const
{
    return index < m_cells.size() && m_cells[index].done ? m_cells[index].mean : kNaN;
}

long SweepPlot::cellAt(const QPointF &pos) const
{
    if (m_cells.empty() || !axisRect()->rect().contains(pos.toPoint()))
        return -1;
    const long i = std::lround(xAxis->pixelToCoord(pos.x()));
    const auto &axes = m_spec.grid.axes;
    if (isSeries()) {
        // The series whose mean at this x is nearest the pointer.
        const long nx = m_xKey >= 0 ? long(axes[size_t(m_xKey)].values.size()) : 1;
        if (i < 0 || i >= nx)
            return -1;
        const double y = yAxis->pixelToCoord(pos.y());
        long best = -1;
        double bestDistance = 0;
        for (const SweepCell &cell : m_cells) {
            const std::vector<std::size_t> at = m_spec.grid.cellCoordinates(cell.index);
            if (!cell.done || (m_xKey >= 0 && at[size_t(m_xKey)] != std::size_t(i)))
                continue;
            const double distance = std::abs(cell.mean - y);
            if (best < 0 || distance < bestDistance) {
                best = long(cell.index);
                bestDistance = distance;
            }
        }
        return best;
    }
    const long nx = axes.empty() ? 1 : long(axes[size_t(m_xKey)].values.size());
    if (i < 0 || i >= nx)
        return -1;
    if (!isHeatMap()) {
        // The single varying key; any other key has one value, at coordinate 0.
        long stride = 1;
        for (int k = 0; k < m_xKey; ++k)
            stride *= long(axes[size_t(k)].values.size());
        return i * stride;
    }
    const long j = std::lround(yAxis->pixelToCoord(pos.y()));
    const long ny = long(axes[size_t(m_yKey)].values.size());
    if (j < 0 || j >= ny)
        return -1;
    return long(
        heatMapCell(m_xKey, std::size_t(i), std::size_t(j), std::size_t(nx), std::size_t(ny)));
}

QString SweepPlot::cellDescription(std::size_t index) const
{
    return describeSweepCell(m_spec, m_cells, m_predicted, index);
}

void SweepPlot::onMouseMove(QMouseEvent *event)
{
    const long cell = cellAt(event->position());
    if (cell < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), cellDescription(std::size_t(cell)),
                           this);
}

void SweepPlot::onMousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (const long cell = cellAt(event->position()); cell >= 0)
        emit cellClicked(std::size_t(cell));
}

} // namespace relulab
