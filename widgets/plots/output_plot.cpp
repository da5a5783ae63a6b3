// SPDX-License-Identifier: MIT
#include "output_plot.h"

#include "compare_series.h"
#include "compare_settings.h"
#include "training_frame.h"

#include <QAction>
#include <QMenu>
#include <QPolygonF>

#include <algorithm>
#include <array>
#include <cmath>

namespace relulab {

namespace {

/// Marching squares for the level 0.5 on a row-major grid, chained into polylines.
std::vector<QPolygonF> contourLines(const OutputField &f)
{
    const int n = f.resolution;
    if (n < 2 || f.values.size() != size_t(n) * size_t(n))
        return {};
    auto v = [&](int ix, int iy) { return f.values[size_t(iy) * size_t(n) + size_t(ix)]; };
    auto in = [&](int ix, int iy) { return v(ix, iy) >= 0.5; };
    // Edge ids: horizontal edges (ix,iy)-(ix+1,iy) first, then vertical ones (ix,iy)-(ix,iy+1).
    const int horizontal = n * (n - 1);
    auto hId = [&](int ix, int iy) { return iy * (n - 1) + ix; };
    auto vId = [&](int ix, int iy) { return horizontal + iy * n + ix; };
    auto point = [&](int id) {
        const bool h = id < horizontal;
        const int ix = h ? id % (n - 1) : (id - horizontal) % n;
        const int iy = h ? id / (n - 1) : (id - horizontal) / n;
        const double a = v(ix, iy), b = h ? v(ix + 1, iy) : v(ix, iy + 1);
        const double t = std::clamp((0.5 - a) / (b - a), 0.0, 1.0);
        return QPointF(f.x0 + (ix + (h ? t : 0)) * f.dx, f.y0 + (iy + (h ? 0 : t)) * f.dy);
    };
    std::vector<std::array<int, 2>> links(size_t(2 * horizontal), {-1, -1});
    auto link = [&](int a, int b) {
        for (auto [from, to] : {std::pair{a, b}, std::pair{b, a}})
            links[size_t(from)][links[size_t(from)][0] < 0 ? 0 : 1] = to;
    };
    for (int iy = 0; iy + 1 < n; ++iy)
        for (int ix = 0; ix + 1 < n; ++ix) {
            const bool c00 = in(ix, iy), c10 = in(ix + 1, iy), c11 = in(ix + 1, iy + 1),
                       c01 = in(ix, iy + 1);
            const int bottom = hId(ix, iy), top = hId(ix, iy + 1), left = vId(ix, iy),
                      right = vId(ix + 1, iy);
            std::vector<int> cut;
            if (c00 != c10)
                cut.push_back(bottom);
            if (c10 != c11)
                cut.push_back(right);
            if (c01 != c11)
                cut.push_back(top);
            if (c00 != c01)
                cut.push_back(left);
            if (cut.size() == 2) {
                link(cut[0], cut[1]);
            } else if (cut.size() == 4) {
                // Saddle: the cell centre decides which corners the boundary cuts off.
                const bool centre =
                    (v(ix, iy) + v(ix + 1, iy) + v(ix + 1, iy + 1) + v(ix, iy + 1)) / 4 >= 0.5;
                if (c00 != centre) {
                    link(bottom, left);
                    link(top, right);
                } else {
                    link(bottom, right);
                    link(left, top);
                }
            }
        }
    std::vector<QPolygonF> lines;
    std::vector<bool> used(links.size(), false);
    auto walk = [&](int start) {
        QPolygonF line;
        int previous = -1, current = start;
        while (current >= 0 && !used[size_t(current)]) {
            used[size_t(current)] = true;
            line.append(point(current));
            const auto &next = links[size_t(current)];
            const int following = next[0] != previous ? next[0] : next[1];
            previous = current;
            current = following;
        }
        if (current == start)
            line.append(line.first()); // a closed loop
        if (line.size() >= 2)
            lines.push_back(line);
    };
    // Open lines start at an end (one link), then what is left are closed loops.
    for (size_t id = 0; id < links.size(); ++id)
        if (!used[id] && links[id][0] >= 0 && links[id][1] < 0)
            walk(int(id));
    for (size_t id = 0; id < links.size(); ++id)
        if (!used[id] && links[id][0] >= 0)
            walk(int(id));
    return lines;
}

/// Every k-th index so that at most `limit` of `count` points are drawn.
int stride(qsizetype count, int limit)
{
    return int(std::max<qsizetype>(1, (count + limit - 1) / limit));
}

} // namespace

OutputPlot::OutputPlot(QWidget *parent) : PlotBase(parent)
{
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(true);
    m_map->setTightBoundary(false);
    m_map->setDataRange(QCPRange(0, 1));
    m_map->removeFromLegend();
    m_colorScale = new QCPColorScale(this);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setLabel(tr("P(class 1)"));
    m_colorScale->setDataRange(QCPRange(0, 1));
    m_map->setColorScale(m_colorScale);
    m_colorTicker = m_colorScale->axis()->ticker();
    m_decisionTicker = QSharedPointer<QCPAxisTickerText>::create();
    // In the middle of each half of the bar: the colour, not a value, is the decision.
    m_decisionTicker->addTick(0.25, tr("class 0"));
    m_decisionTicker->addTick(0.75, tr("class 1"));
    // The map and its colour bar share one cell, so the legend row above spans the full width.
    m_mapRow = new QCPLayoutGrid;
    QCPAxisRect *rect = axisRect();
    plotLayout()->take(rect);
    plotLayout()->addElement(0, 0, m_mapRow);
    m_mapRow->addElement(0, 0, rect);
    m_mapRow->addElement(0, 1, m_colorScale);
    auto *margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    // Data points above the boundary lines, which come and go during training.
    addLayer(QStringLiteral("points"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_boundary.push_back(new QCPCurve(xAxis, yAxis));
    m_boundary.front()->setName(tr("boundary (P = 0.5)"));
    m_truth = addGraph();
    m_truth->setName(tr("true function"));
    m_fit = addGraph();
    m_fit->setName(tr("network output"));
    m_unitCurve = addGraph();
    m_unitCurve->removeFromLegend();
    m_unitCurve->setVisible(false);
    m_compareFit = addGraph();
    m_compareFit->removeFromLegend();
    m_compareBoundary = addGraph();
    m_compareBoundary->setLineStyle(QCPGraph::lsNone);
    m_compareBoundary->removeFromLegend();
    // The test points under the training points: where they coincide, the filled marker wins.
    m_test0 = addGraph();
    m_test1 = addGraph();
    m_testPoints = addGraph();
    m_testLegend = addGraph();
    m_testLegend->setName(tr("test data"));
    m_testPoints->setName(tr("test data"));
    m_class0 = addGraph();
    m_class0->setName(tr("class 0"));
    m_class1 = addGraph();
    m_class1->setName(tr("class 1"));
    m_points = addGraph();
    m_points->setName(tr("training data"));
    for (QCPGraph *g :
         {m_test0, m_test1, m_testPoints, m_testLegend, m_class0, m_class1, m_points}) {
        g->setLineStyle(QCPGraph::lsNone);
        g->setLayer(QStringLiteral("points"));
    }
    for (QCPGraph *g : {m_test0, m_test1, m_testPoints, m_testLegend}) {
        g->removeFromLegend();
        g->setVisible(false);
    }

    m_showTestDataAction = new QAction(tr("Show test data"), this);
    m_showTestDataAction->setCheckable(true);
    m_showTestDataAction->setToolTip(
        tr("Show the held-out test points: does the boundary generalise?"));
    connect(m_showTestDataAction, &QAction::toggled, this, &OutputPlot::setShowTestData);
    m_discretizeAction = new QAction(tr("Discretise output"), this);
    m_discretizeAction->setCheckable(true);
    m_discretizeAction->setToolTip(
        tr("Two colours split at P = 0.5: the decision the network makes"));
    connect(m_discretizeAction, &QAction::toggled, this, &OutputPlot::setDiscretized);

    xAxis->setLabel(tr("input x₁"));
    yAxis->setLabel(tr("input x₂"));
    placeLegendAbove();
    finishSetup();
}

OutputPlot::~OutputPlot() = default;

QString OutputPlot::title() const
{
    return tr("What the network computes");
}

QString OutputPlot::shortTitle() const
{
    return tr("Network output");
}

QString OutputPlot::explanation() const
{
    return tr("The network's answer over the whole input space: the shading is its probability "
              "for class 1 and the black line its decision boundary (for 1-D data, its curve).");
}

int OutputPlot::boundaryPointCount() const
{
    int count = 0;
    for (const QCPCurve *curve : m_boundary)
        count += curve->data()->size();
    return count;
}

void OutputPlot::addContextActions(QMenu *menu)
{
    menu->setToolTipsVisible(true);
    menu->addAction(m_showTestDataAction);
    menu->addAction(m_discretizeAction);
}

void OutputPlot::setShowTestData(bool on)
{
    if (on == m_showTestData)
        return;
    m_showTestData = on;
    m_showTestDataAction->setChecked(on);
    redraw();
}

void OutputPlot::setDiscretized(bool on)
{
    if (on == m_discretized)
        return;
    m_discretized = on;
    m_discretizeAction->setChecked(on);
    redraw();
}

void OutputPlot::setShownUnit(int layer, int unit)
{
    if (m_shownUnit == std::pair(layer, unit))
        return;
    m_shownUnit = std::pair(layer, unit);
    redraw();
}

void OutputPlot::clearShownUnit()
{
    if (!m_shownUnit)
        return;
    m_shownUnit.reset();
    redraw();
}

QString OutputPlot::unitLabel() const
{
    if (!m_shownUnit)
        return QString();
    return tr("Layer %1, unit %2: φ(z)").arg(m_shownUnit->first + 1).arg(m_shownUnit->second + 1);
}

Eigen::VectorXf OutputPlot::unitValues(const TrainingFrame &frame, bool twoD) const
{
    const UnitPictures *pictures = frame.unitPictures.get();
    if (!m_shownUnit || !pictures || pictures->twoD != twoD)
        return {};
    const auto [layer, unit] = *m_shownUnit;
    const Eigen::Index r = pictures->resolution;
    if (r < 2 || layer < 0 || size_t(layer) >= pictures->layers.size())
        return {};
    const Eigen::MatrixXf &m = pictures->layers[size_t(layer)];
    if (unit < 0 || unit >= m.rows() || m.cols() != (twoD ? r * r : r))
        return {};
    return m.row(unit).transpose();
}

void OutputPlot::applyMapStyle()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    // Pale ends, so the saturated data points stay the most visible thing on the map.
    const QColor zero = PlotStyle::lighter(PlotStyle::color(Palette::Orange), 0.55);
    const QColor one = PlotStyle::lighter(PlotStyle::color(Palette::SkyBlue), 0.45);
    if (m_unitDrawn) {
        // Not the class colours: a unit's output is no class. Purple below 0, green above.
        gradient.setColorStopAt(0.0,
                                PlotStyle::lighter(PlotStyle::color(Palette::ReddishPurple), 0.25));
        gradient.setColorStopAt(0.5, Qt::white);
        gradient.setColorStopAt(1.0,
                                PlotStyle::lighter(PlotStyle::color(Palette::BluishGreen), 0.35));
    } else if (m_discretized) {
        // Cells are 0 or 1; the bar shows the two halves either side of P = 0.5.
        gradient.setColorStopAt(0.0, zero);
        gradient.setColorStopAt(0.4999, zero);
        gradient.setColorStopAt(0.5, one);
        gradient.setColorStopAt(1.0, one);
    } else {
        gradient.setColorStopAt(0.0, zero);
        gradient.setColorStopAt(0.5, Qt::white);
        gradient.setColorStopAt(1.0, one);
    }
    gradient.setLevelCount(256);
    m_map->setGradient(gradient);
    const bool decision = m_discretized && !m_unitDrawn;
    m_colorScale->axis()->setTicker(decision ? m_decisionTicker.staticCast<QCPAxisTicker>()
                                             : m_colorTicker);
    m_colorScale->setLabel(m_unitDrawn ? unitLabel()
                           : decision  ? tr("split at P = 0.5")
                                       : tr("P(class 1)"));
}

void OutputPlot::applyStyle()
{
    applyMapStyle();
    style().styleAxis(m_colorScale->axis());
    m_colorScale->setBarWidth(int(16 * style().scale()));
    for (QCPCurve *curve : m_boundary)
        curve->setPen(style().pen(Qt::black)); // on the pale map, not the background: any theme
    const QPen outline(QColor(20, 20, 20), 1.2 * style().scale());
    const double size = style().markerSize() * 0.85;
    const QColor orange = PlotStyle::color(Palette::Vermillion);
    const QColor blue = PlotStyle::color(Palette::Blue);
    m_class0->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, outline, orange, size));
    m_class1->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssTriangle, outline, blue, size * 1.15));
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, outline,
                                              PlotStyle::color(Palette::Orange), size));
    // Hollow: the same shapes and colours as the training points, a thick ring, no fill.
    const double ring = 0.75 * style().lineWidth();
    m_test0->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(orange, ring), Qt::NoBrush, size));
    m_test1->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(blue, ring), Qt::NoBrush, size * 1.15));
    m_testLegend->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(style().ink(), ring), Qt::NoBrush, size));
    m_testPoints->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(orange, ring), Qt::NoBrush, size));
    m_fit->setPen(style().pen(blue));
    m_unitCurve->setPen(style().pen(PlotStyle::color(Palette::BluishGreen)));
    m_truth->setPen(style().pen(style().ink(110), 0.8, Qt::DashLine));
    setComparePen(m_compareFit, m_fit);
    // Dots, so A's solid black line stays readable where the two boundaries agree.
    const QColor purple = PlotStyle::color(Palette::ReddishPurple).darker(140);
    m_compareBoundary->setPen(QPen(purple));
    m_compareBoundary->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, purple, 0.45 * style().markerSize()));
}

void OutputPlot::setColorScaleShown(bool shown)
{
    // 1-D curves need no colour bar: take it out of the layout so the plot gets its width.
    const bool present = m_colorScale->layout() == m_mapRow;
    if (shown && !present) {
        m_mapRow->addElement(0, 1, m_colorScale);
    } else if (!shown && present) {
        m_mapRow->take(m_colorScale);
        m_mapRow->simplify();
    }
    m_colorScale->setVisible(shown);
}

void OutputPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    if (!m_frame)
        m_frame = std::make_unique<TrainingFrame>();
    // Only what redraw() reads; the output field is the one copy that is not a pointer.
    m_frame->config = frame.config;
    m_frame->dataset = frame.dataset;
    m_frame->output = frame.output;
    m_frame->unitPictures = frame.unitPictures;
    m_frame->compare = frame.compare;
    redraw();
}

void OutputPlot::redraw()
{
    if (!m_frame)
        return; // drawn with the first frame
    const TrainingFrame &frame = *m_frame;
    const bool classification =
        frame.dataset ? frame.dataset->classification : isClassification(frame.config.dataset);
    const Eigen::VectorXf unit = unitValues(frame, classification);
    m_unitDrawn = unit.size() > 0;
    applyMapStyle();
    showTitle(m_unitDrawn ? unitLabel() : QString());
    m_map->setVisible(classification);
    setColorScaleShown(classification);
    for (QCPGraph *g : {m_class0, m_class1})
        g->setVisible(classification);
    for (QCPGraph *g : {m_truth, m_fit, m_points})
        g->setVisible(!classification);
    for (QCPAbstractPlottable *p : std::initializer_list<QCPAbstractPlottable *>{
             m_boundary.front(), m_class0, m_class1, m_truth, m_fit, m_points, m_unitCurve,
             m_testLegend, m_testPoints})
        p->removeFromLegend();
    if (classification)
        showClassification(frame, unit);
    else
        showRegression(frame, unit);
    showTestPoints(frame, classification);
    showCompare(frame, classification);
    finishFrame();
}

void OutputPlot::showTestPoints(const TrainingFrame &frame, bool classification)
{
    QVector<QCPGraphData> zero, one, points;
    const Dataset *data = frame.dataset.get();
    if (m_showTestData && data && data->testX.cols() == data->testY.size()) {
        const Eigen::MatrixXd &X = data->testX;
        const Eigen::VectorXd &y = data->testY;
        const int step = stride(X.cols(), kMaxPointsDrawn);
        for (Eigen::Index i = 0; i < X.cols(); i += step) {
            if (classification && X.rows() == 2) {
                if (std::isfinite(X(0, i)) && std::isfinite(X(1, i)))
                    (y(i) > 0.5 ? one : zero).append(QCPGraphData(X(0, i), X(1, i)));
            } else if (!classification && X.rows() == 1) {
                if (std::isfinite(X(0, i)) && std::isfinite(y(i)))
                    points.append(QCPGraphData(X(0, i), y(i)));
            }
        }
    }
    // Scatter data: the order has no meaning, so none is imposed (as for the training points).
    m_test0->data()->set(zero, false);
    m_test1->data()->set(one, false);
    m_testPoints->data()->set(points, false);
    const bool shown = m_showTestData && data;
    m_test0->setVisible(shown && classification);
    m_test1->setVisible(shown && classification);
    m_testLegend->setVisible(shown && classification);
    m_testPoints->setVisible(shown && !classification);
    if (shown)
        (classification ? m_testLegend : m_testPoints)->addToLegend();
}

void OutputPlot::showCompare(const TrainingFrame &frame, bool classification)
{
    for (QCPGraph *g : {m_compareBoundary, m_compareFit}) {
        g->data()->clear();
        g->setVisible(false);
        g->removeFromLegend();
    }
    // A unit's picture is run A's alone; run B's boundary over it would mean nothing.
    if (!frame.compare || m_unitDrawn)
        return;
    if (classification) {
        m_boundary.front()->setName(labelA(frame) + tr(" — boundary"));
        m_compareBoundary->setName(labelB(frame) + tr(" — boundary"));
        m_compareBoundary->data()->set(boundaryPoints(frame.compare->output), false);
        m_compareBoundary->setVisible(true);
        m_compareBoundary->addToLegend();
    } else {
        labelCompareSeries(m_fit, m_compareFit, frame, QString());
        QVector<QCPGraphData> fit;
        const OutputField &f = frame.compare->output;
        for (int i = 0; i < f.resolution && size_t(i) < f.values.size(); ++i)
            if (std::isfinite(f.values[size_t(i)]))
                fit.append(QCPGraphData(f.x0 + i * f.dx, f.values[size_t(i)]));
        m_compareFit->data()->set(fit, true);
    }
}

void OutputPlot::showClassification(const TrainingFrame &frame, const Eigen::VectorXf &unit)
{
    const OutputField &f = frame.output;
    const int n = f.resolution;
    QCPRange xRange(-1.5, 1.5), yRange(-1.5, 1.5);
    const bool field = n >= 2 && f.values.size() == size_t(n) * size_t(n);
    if (field) {
        xRange = QCPRange(f.x0 - f.dx / 2, f.x0 + (n - 0.5) * f.dx);
        yRange = QCPRange(f.y0 - f.dy / 2, f.y0 + (n - 0.5) * f.dy);
    }
    if (m_unitDrawn) {
        // The unit's own (coarser) grid over the same extent; the view stays the field's, so
        // hovering from unit to unit never moves the axes.
        const UnitPictures &u = *frame.unitPictures;
        const int r = u.resolution;
        m_map->data()->setSize(r, r);
        m_map->data()->setRange(QCPRange(u.x0, u.x0 + (r - 1) * u.dx),
                                QCPRange(u.y0, u.y0 + (r - 1) * u.dy));
        double extent = 0;
        for (int iy = 0; iy < r; ++iy)
            for (int ix = 0; ix < r; ++ix) {
                const double v = unit(Eigen::Index(iy) * r + ix);
                m_map->data()->setCell(ix, iy, std::isfinite(v) ? v : 0.0);
                if (std::isfinite(v))
                    extent = std::max(extent, std::abs(v));
            }
        // Symmetric around 0, so white is always φ(z) = 0 (for ReLU: where the unit is off).
        if (!(extent > 0))
            extent = 1;
        m_map->setDataRange(QCPRange(-extent, extent));
        m_colorScale->setDataRange(QCPRange(-extent, extent));
        if (!field) {
            xRange = QCPRange(u.x0 - u.dx / 2, u.x0 + (r - 0.5) * u.dx);
            yRange = QCPRange(u.y0 - u.dy / 2, u.y0 + (r - 0.5) * u.dy);
        }
    } else if (field) {
        m_map->data()->setSize(n, n);
        m_map->data()->setRange(QCPRange(f.x0, f.x0 + (n - 1) * f.dx),
                                QCPRange(f.y0, f.y0 + (n - 1) * f.dy));
        for (int iy = 0; iy < n; ++iy)
            for (int ix = 0; ix < n; ++ix) {
                const double p = f.values[size_t(iy) * size_t(n) + size_t(ix)];
                const double shown = std::isfinite(p) ? p : 0.5;
                m_map->data()->setCell(ix, iy, m_discretized ? (shown >= 0.5 ? 1.0 : 0.0) : shown);
            }
        m_map->setDataRange(QCPRange(0, 1));
        m_colorScale->setDataRange(QCPRange(0, 1));
    } else {
        m_map->data()->clear();
    }

    // The network's boundary belongs to its output, not to a unit's picture.
    std::vector<QPolygonF> lines = m_unitDrawn ? std::vector<QPolygonF>() : contourLines(f);
    std::sort(lines.begin(), lines.end(),
              [](const QPolygonF &a, const QPolygonF &b) { return a.size() > b.size(); });
    if (lines.size() > size_t(kMaxBoundaryLines))
        lines.resize(size_t(kMaxBoundaryLines));
    while (m_boundary.size() < lines.size()) {
        m_boundary.push_back(new QCPCurve(xAxis, yAxis));
        m_boundary.back()->setPen(m_boundary.front()->pen());
        m_boundary.back()->removeFromLegend();
    }
    for (size_t i = 0; i < m_boundary.size(); ++i) {
        QVector<QCPCurveData> data;
        if (i < lines.size()) {
            data.reserve(lines[i].size());
            for (qsizetype k = 0; k < lines[i].size(); ++k)
                data.append(QCPCurveData(double(k), lines[i][k].x(), lines[i][k].y()));
        }
        m_boundary[i]->data()->set(data, true);
        m_boundary[i]->setVisible(!m_unitDrawn);
    }

    QVector<QCPGraphData> zero, one;
    if (frame.dataset && frame.dataset->inputDim() == 2) {
        const Eigen::MatrixXd &X = frame.dataset->trainX;
        const Eigen::VectorXd &y = frame.dataset->trainY;
        const int step = stride(X.cols(), kMaxPointsDrawn);
        for (Eigen::Index i = 0; i < X.cols(); i += step) {
            if (!std::isfinite(X(0, i)) || !std::isfinite(X(1, i)))
                continue;
            (y(i) > 0.5 ? one : zero).append(QCPGraphData(X(0, i), X(1, i)));
        }
    }
    // Scatter data sorted by x is what QCPGraph expects; the order has no meaning here.
    m_class0->data()->set(zero, false);
    m_class1->data()->set(one, false);
    m_boundary.front()->setName(tr("boundary (P = 0.5)"));
    if (!m_unitDrawn)
        m_boundary.front()->addToLegend();
    m_class0->addToLegend();
    m_class1->addToLegend();
    xAxis->setLabel(tr("input x₁"));
    yAxis->setLabel(tr("input x₂"));
    xAxis->setRange(xRange);
    yAxis->setRange(yRange);
}

void OutputPlot::showRegression(const TrainingFrame &frame, const Eigen::VectorXf &unit)
{
    for (QCPCurve *curve : m_boundary)
        curve->setVisible(false);
    const OutputField &f = frame.output;
    const double shift = frame.config.inputShift;
    const bool sine = frame.config.dataset == DatasetKind::Sine;
    auto truth = [&](double x) {
        const double u = x - shift; // targets were made before the inputs were shifted
        return sine ? std::sin(M_PI * u) : std::abs(u);
    };

    QVector<QCPGraphData> fit, target, points, unitCurve;
    double lo = -0.2, hi = 1.2; // abs and sine both live in [-1, 1]
    for (int i = 0; i < f.resolution && size_t(i) < f.values.size(); ++i) {
        const double x = f.x0 + i * f.dx;
        if (std::isfinite(f.values[size_t(i)]))
            fit.append(QCPGraphData(x, f.values[size_t(i)]));
        target.append(QCPGraphData(x, truth(x)));
    }
    if (frame.dataset && frame.dataset->inputDim() == 1) {
        const Eigen::MatrixXd &X = frame.dataset->trainX;
        const Eigen::VectorXd &y = frame.dataset->trainY;
        const int step = stride(X.cols(), kMaxPointsDrawn);
        for (Eigen::Index i = 0; i < X.cols(); i += step)
            if (std::isfinite(X(0, i)) && std::isfinite(y(i))) {
                points.append(QCPGraphData(X(0, i), y(i)));
                lo = std::min(lo, y(i));
                hi = std::max(hi, y(i));
            }
    }
    for (const QCPGraphData &p : target) {
        lo = std::min(lo, p.value);
        hi = std::max(hi, p.value);
    }
    if (m_unitDrawn) {
        // In place of the fitted curve; the view grows to hold it (a unit's φ(z) is no y).
        const UnitPictures &u = *frame.unitPictures;
        for (Eigen::Index i = 0; i < unit.size(); ++i)
            if (const double v = unit(i); std::isfinite(v)) {
                unitCurve.append(QCPGraphData(u.x0 + double(i) * u.dx, v));
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    }
    m_fit->data()->set(fit, true);
    m_fit->setName(tr("network output"));
    m_fit->setVisible(!m_unitDrawn);
    m_unitCurve->data()->set(unitCurve, true);
    m_unitCurve->setName(unitLabel());
    m_unitCurve->setVisible(m_unitDrawn);
    m_truth->data()->set(target, true);
    m_points->data()->set(points, false);
    m_points->addToLegend();
    (m_unitDrawn ? m_unitCurve : m_fit)->addToLegend();
    m_truth->addToLegend();

    // The view follows the data, not a wild fit, so the points always stay on screen.
    const double span = hi - lo;
    yAxis->setRange(lo - 0.1 * span, hi + 0.1 * span);
    if (f.resolution >= 2)
        xAxis->setRange(f.x0, f.x0 + (f.resolution - 1) * f.dx);
    else
        xAxis->setRange(shift - 1.2, shift + 1.2);
    xAxis->setLabel(tr("input x"));
    yAxis->setLabel(m_unitDrawn ? tr("output y, φ(z)") : tr("output y"));
}

QString OutputPlot::describeFrame(const TrainingFrame &frame) const
{
    const Snapshot &s = frame.snapshot;
    const bool classification =
        frame.dataset ? frame.dataset->classification : isClassification(frame.config.dataset);
    if (classification) {
        if (!std::isfinite(s.accuracy))
            return tr("No accuracy yet.");
        return tr("Training accuracy %1 at step %2.").arg(percentText(s.accuracy)).arg(s.step);
    }
    if (!std::isfinite(s.loss))
        return tr("No fit yet.");
    return tr("The fitted curve's mean squared error is %1 at step %2.")
        .arg(QString::number(s.loss, 'g', 3))
        .arg(s.step);
}

} // namespace relulab
