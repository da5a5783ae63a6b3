// SPDX-License-Identifier: MIT
#include "derivative_plot.h"

#include "activation_plot.h"
#include "compare_series.h"
#include "display_names.h"
#include "training_frame.h"

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr int kHalfSamples = int(ActivationPlot::kZRange * ActivationPlot::kStepsPerUnit);
/// Close enough to 0 to read a one-sided limit, far from float rounding of the formulas.
constexpr double kLimitOffset = 1e-9;

double shownAlpha(const TrainingFrame &frame)
{
    if (frame.config.activation == Activation::Prelu && !frame.snapshot.layers.empty() &&
        std::isfinite(frame.snapshot.layers.front().alpha))
        return frame.snapshot.layers.front().alpha;
    return frame.config.alpha;
}

/// φ′ from z = from/steps to to/steps; `atZero` replaces the value at z = 0 (a one-sided limit).
QVector<QCPGraphData> sample(Activation a, double alpha, int from, int to, double atZero)
{
    QVector<QCPGraphData> points;
    points.reserve(to - from + 1);
    for (int i = from; i <= to; ++i) {
        const double z = double(i) / ActivationPlot::kStepsPerUnit;
        const double y = i == 0 ? atZero : activateDerivative<double>(a, z, alpha);
        if (std::isfinite(y))
            points.append(QCPGraphData(z, y));
    }
    return points;
}

} // namespace

DerivativePlot::DerivativePlot(QWidget *parent) : PlotBase(parent)
{
    m_left = addGraph();
    m_left->setName(QStringLiteral("φ′(z)"));
    m_right = addGraph();
    m_openLimit = addGraph();
    m_openLimit->setName(tr("limit (not taken)"));
    m_openLimit->setLineStyle(QCPGraph::lsNone);
    m_valueAtZero = addGraph();
    m_valueAtZero->setName(tr("value used at 0"));
    m_valueAtZero->setLineStyle(QCPGraph::lsNone);
    m_compareCurve = addGraph();
    m_compareCurve->removeFromLegend();
    // Two pieces of one curve get one legend entry.
    m_right->removeFromLegend();
    placeLegendAbove();

    xAxis->setLabel(tr("pre-activation z"));
    yAxis->setLabel(tr("slope φ′(z)"));
    xAxis->setRange(-ActivationPlot::kZRange, ActivationPlot::kZRange);
    yAxis->setRange(-0.25, 1.5);
    finishSetup();
}

QString DerivativePlot::title() const
{
    return tr("Derivative φ′(z)");
}

QString DerivativePlot::explanation() const
{
    return tr("How much gradient a unit passes back for each input z: where it is 0, the unit "
              "learns nothing from that input.");
}

void DerivativePlot::applyStyle()
{
    const QColor blue = PlotStyle::color(Palette::Blue);
    m_left->setPen(style().pen(blue));
    m_right->setPen(style().pen(blue));
    setComparePen(m_compareCurve, m_left);
    const double size = style().markerSize() * 1.3;
    m_openLimit->setPen(style().pen(blue, 0.8));
    m_openLimit->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, style().pen(blue, 0.8),
                                                 QBrush(Qt::white), size));
    m_valueAtZero->setPen(style().pen(blue, 0.8));
    m_valueAtZero->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, style().pen(blue, 0.8), QBrush(blue), size));
    style().showZeroLine(xAxis);
    style().showZeroLine(yAxis);
}

void DerivativePlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    const Activation a = frame.config.activation;
    const double alpha = shownAlpha(frame);
    const double left = activateDerivative<double>(a, -kLimitOffset, alpha);
    const double right = activateDerivative<double>(a, kLimitOffset, alpha);
    const double atZero = activateDerivative<double>(a, 0.0, alpha);
    const bool jump = hasKinkAtZero(a) && std::abs(left - right) > 1e-6;

    QVector<QCPGraphData> open, filled;
    if (jump) {
        // Each piece ends at z = 0 on its own one-sided limit: no segment crosses the jump.
        m_left->data()->set(sample(a, alpha, -kHalfSamples, 0, left), true);
        m_right->data()->set(sample(a, alpha, 0, kHalfSamples, right), true);
        for (double limit : {left, right})
            if (std::abs(limit - atZero) > 1e-6 && std::isfinite(limit))
                open.append(QCPGraphData(0.0, limit));
        if (std::isfinite(atZero))
            filled.append(QCPGraphData(0.0, atZero));
    } else {
        m_left->data()->set(sample(a, alpha, -kHalfSamples, kHalfSamples, atZero), true);
        m_right->data()->clear();
    }
    m_openLimit->data()->set(open, true);
    m_valueAtZero->data()->set(filled, true);
    m_openLimit->removeFromLegend();
    m_valueAtZero->removeFromLegend();
    labelCompareSeries(m_left, m_compareCurve, frame,
                       frame.compare ? QString() : QStringLiteral("φ′(z)"));
    if (frame.compare) {
        // B's slope as one dashed curve; its value at 0 is the one the network uses.
        const TrainingFrame &b = *frame.compare;
        m_compareCurve->data()->set(
            sample(b.config.activation, shownAlpha(b), -kHalfSamples, kHalfSamples,
                   activateDerivative<double>(b.config.activation, 0.0, shownAlpha(b))),
            true);
    }
    if (jump) {
        m_valueAtZero->addToLegend();
        m_openLimit->addToLegend();
    }

    double lo = 0, hi = 1;
    for (const auto *graph : {m_left, m_right, m_compareCurve})
        for (const QCPGraphData &p : *graph->data()) {
            lo = std::min(lo, p.value);
            hi = std::max(hi, p.value);
        }
    const double pad = 0.12 * (hi - lo);
    yAxis->setRange(lo - pad, hi + pad);
    finishFrame();
}

QString DerivativePlot::describeFrame(const TrainingFrame &frame) const
{
    const Activation a = frame.config.activation;
    const double alpha = shownAlpha(frame);
    const auto number = [](double v) { return QString::number(v, 'g', 3); };
    return tr("The slope of %1 (α = %2) is %3 just below z = 0 and %4 just above.")
        .arg(activationDisplayName(a), number(alpha),
             number(activateDerivative<double>(a, -kLimitOffset, alpha)),
             number(activateDerivative<double>(a, kLimitOffset, alpha)));
}

} // namespace relulab
