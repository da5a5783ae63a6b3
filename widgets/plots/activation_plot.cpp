// SPDX-License-Identifier: MIT
#include "activation_plot.h"

#include "compare_series.h"
#include "display_names.h"
#include "training_frame.h"

#include <cmath>

namespace relulab {

namespace {

/// The slope the plot shows: PReLU's learnt one (first hidden layer), else the setting.
double shownAlpha(const TrainingFrame &frame)
{
    if (frame.config.activation == Activation::Prelu && !frame.snapshot.layers.empty() &&
        std::isfinite(frame.snapshot.layers.front().alpha))
        return frame.snapshot.layers.front().alpha;
    return frame.config.alpha;
}

QVector<QCPGraphData> sample(Activation activation, double alpha, bool derivative = false)
{
    const int n = int(2 * ActivationPlot::kZRange * ActivationPlot::kStepsPerUnit);
    QVector<QCPGraphData> points;
    points.reserve(n + 1);
    for (int i = 0; i <= n; ++i) {
        // Integer offsets divided once keep z = -1, 0, 1 exact.
        const int centre = n / 2;
        const double z = double(i - centre) / ActivationPlot::kStepsPerUnit;
        const double y = derivative ? activateDerivative<double>(activation, z, alpha)
                                    : activate<double>(activation, z, alpha);
        if (std::isfinite(y))
            points.append(QCPGraphData(z, y));
    }
    return points;
}

} // namespace

ActivationPlot::ActivationPlot(QWidget *parent) : PlotBase(parent)
{
    m_reference = addGraph();
    m_reference->setName(tr("plain ReLU (reference)"));
    m_reference->data()->set(sample(Activation::Relu, 0.0), true);
    m_curve = addGraph();
    m_curve->setName(QStringLiteral("φ(z)"));
    m_compareCurve = addGraph();
    m_compareCurve->removeFromLegend();
    m_derivative = addGraph();
    m_derivative->setName(tr("slope φ′(z)"));
    m_derivative->setVisible(false);
    m_derivative->removeFromLegend();

    xAxis->setLabel(tr("pre-activation z"));
    yAxis->setLabel(tr("output φ(z)"));
    xAxis->setRange(-kZRange, kZRange);
    // A fixed, symmetric view: dragging alpha moves the curve, never the axes.
    yAxis->setRange(-kZRange - 0.25, kZRange + 0.25);
    placeLegendAbove();
    finishSetup();
}

QString ActivationPlot::title() const
{
    return tr("Activation φ(z)");
}

QString ActivationPlot::explanation() const
{
    return tr("The activation function each hidden unit applies to its input z; plain ReLU is "
              "drawn faintly for comparison.");
}

void ActivationPlot::applyStyle()
{
    m_reference->setPen(style().pen(style().ink(80), 1.0, Qt::DashLine));
    m_curve->setPen(style().pen(PlotStyle::color(Palette::Blue)));
    setComparePen(m_compareCurve, m_curve);
    m_derivative->setPen(style().pen(PlotStyle::color(Palette::Vermillion), 1.0, Qt::DashLine));
    style().showZeroLine(xAxis);
    style().showZeroLine(yAxis);
}

void ActivationPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    const Activation activation = frame.config.activation;
    const double alpha = shownAlpha(frame);
    QString name = activationDisplayName(activation);
    if (usesAlpha(activation)) {
        const QString which =
            activation == Activation::Prelu ? tr("layer 1 learnt α") : QStringLiteral("α");
        name += QStringLiteral(", %1 = %2").arg(which, QString::number(alpha, 'g', 3));
    }
    m_curve->setName(name);
    m_curve->data()->set(sample(activation, alpha), true);
    m_activation = activation;
    m_alpha = alpha;
    if (m_derivative->visible())
        m_derivative->data()->set(sample(activation, alpha, true), true);
    labelCompareSeries(m_curve, m_compareCurve, frame, frame.compare ? QString() : name);
    if (frame.compare)
        m_compareCurve->data()->set(
            sample(frame.compare->config.activation, shownAlpha(*frame.compare)), true);
    finishFrame();
}

void ActivationPlot::setShowDerivative(bool on)
{
    if (on == m_derivative->visible())
        return;
    m_derivative->setVisible(on);
    m_derivative->removeFromLegend();
    if (on) {
        m_derivative->addToLegend();
        m_derivative->data()->set(sample(m_activation, m_alpha, true), true);
    }
    finishFrame();
}

QString ActivationPlot::describeFrame(const TrainingFrame &frame) const
{
    const Activation activation = frame.config.activation;
    const QString name = activationDisplayName(activation);
    if (!usesAlpha(activation))
        return tr("The activation is %1.").arg(name);
    const QString alpha = QString::number(shownAlpha(frame), 'g', 3);
    if (activation == Activation::Prelu)
        return tr("The activation is %1; layer 1 has learnt α = %2.").arg(name, alpha);
    return tr("The activation is %1 with α = %2.").arg(name, alpha);
}

} // namespace relulab
