// SPDX-License-Identifier: MIT
#include "distribution_plot.h"

#include "histogram.h"
#include "training_frame.h"

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr int kMaxLabelledLayers = 12; ///< above this, only every k-th layer gets a tick label

// One decimal near 0% and 100%, unlike PlotBase::percentText: a histogram's tail share of 0.4%
// is the point of the label.
QString tailShareText(double share)
{
    const double p = 100.0 * share;
    // "0.4%" and "99.6%" stay visible: a layer at 100% must not be rounded up before it is.
    return (p > 0 && p < 1) || (p > 99 && p < 100) ? QString::number(p, 'f', 1) + '%'
                                                   : QString::number(std::round(p)) + '%';
}

} // namespace

DistributionPlot::DistributionPlot(QWidget *parent) : PlotBase(parent)
{
    xAxis->setLabel(tr("pre-activation z"));
    yAxis->setLabel(tr("hidden layer"));
    yAxis->setRange(-0.3, 1.8);
    xAxis->setRange(-1, 1);

    m_zeroLine = new QCPItemStraightLine(this);
    m_zeroLine->point1->setCoords(0, 0);
    m_zeroLine->point2->setCoords(0, 1);
    m_zeroLabel = new QCPItemText(this);
    m_zeroLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_zeroLabel->position->setCoords(0, 0.0);
    m_zeroLabel->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_zeroLabel->setClipToAxisRect(false);

    m_placeholder = new QCPItemText(this);
    m_placeholder->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_placeholder->position->setCoords(0.5, 0.5);
    m_placeholder->setText(tr("The histograms arrive with the next frame"));

    placeLegendAbove();
    finishSetup();
    rebuildRidges(0);
}

QString DistributionPlot::title() const
{
    return tr("Distributions per layer");
}

QString DistributionPlot::shortTitle() const
{
    return tr("Distributions");
}

QString DistributionPlot::explanation() const
{
    return tr("One ridge per hidden layer (layer 1 at the bottom): how the pre-activations z of "
              "its units are spread over the training set, or how its weights are. Under ReLU "
              "everything left of the zero line outputs 0 and passes no gradient; a layer whose "
              "whole ridge is left of it is dead. The label gives the exact share at or below "
              "zero.");
}

void DistributionPlot::setQuantity(Quantity quantity)
{
    if (quantity == m_quantity)
        return;
    m_quantity = quantity;
    xAxis->setLabel(quantity == Quantity::Weights ? tr("weight w") : tr("pre-activation z"));
    redraw();
}

void DistributionPlot::applyStyle()
{
    m_zeroLine->setPen(QPen(style().ink(), 2.5 * style().scale()));
    m_zeroLabel->setFont(style().legendFont());
    m_zeroLabel->setColor(style().ink());
    m_placeholder->setFont(style().noteFont());
    m_placeholder->setColor(style().ink(160));
    for (const Ridge &ridge : m_ridges)
        styleRidge(ridge);
}

void DistributionPlot::styleRidge(const Ridge &ridge) const
{
    const QColor negative = PlotStyle::color(Palette::Vermillion);
    const QColor positive = PlotStyle::color(Palette::Blue);
    const double outline = 0.6;
    ridge.negative->setPen(style().pen(negative.darker(120), outline));
    ridge.positive->setPen(style().pen(positive.darker(120), outline));
    // Nearly opaque: a ridge in front must hide the one behind it, or 20 layers blur together.
    ridge.negative->setBrush(PlotStyle::lighter(negative, 0.35));
    ridge.positive->setBrush(PlotStyle::lighter(positive, 0.45));
    for (QCPGraph *base : {ridge.negativeBase, ridge.positiveBase})
        base->setPen(QPen(style().ink(90), 1.0 * style().scale()));
    ridge.label->setFont(style().noteFont());
    ridge.label->setColor(style().ink());
    // On a translucent patch of background, so the ridge behind never hides the number.
    QColor patch = style().background();
    patch.setAlpha(200);
    ridge.label->setBrush(patch);
    ridge.label->setPadding(QMargins(3, 1, 3, 1));
}

void DistributionPlot::rebuildRidges(int count)
{
    if (count == int(m_ridges.size()))
        return;
    for (const Ridge &ridge : m_ridges) {
        for (QCPGraph *g : {ridge.negative, ridge.positive, ridge.negativeBase, ridge.positiveBase})
            removeGraph(g);
        removeItem(ridge.label);
    }
    m_ridges.assign(size_t(count), Ridge());
    // The top layer first, so each lower ridge is drawn over the one above it.
    for (int i = count - 1; i >= 0; --i) {
        Ridge &ridge = m_ridges[size_t(i)];
        ridge.negativeBase = addGraph();
        ridge.positiveBase = addGraph();
        ridge.negative = addGraph();
        ridge.positive = addGraph();
        ridge.negative->setChannelFillGraph(ridge.negativeBase);
        ridge.positive->setChannelFillGraph(ridge.positiveBase);
        for (QCPGraph *g : {ridge.negative, ridge.positive, ridge.negativeBase, ridge.positiveBase})
            g->removeFromLegend();
        ridge.label = new QCPItemText(this);
        ridge.label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        ridge.label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        ridge.label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        styleRidge(ridge);
    }
    if (count > 0) {
        m_ridges.front().negative->setName(tr("at or below 0"));
        m_ridges.front().positive->setName(tr("above 0"));
        m_ridges.front().negative->addToLegend();
        m_ridges.front().positive->addToLegend();
    }
    // Every layer labelled up to kMaxLabelledLayers, then every k-th (and always layer 1).
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int every =
        count <= kMaxLabelledLayers ? 1 : (count + kMaxLabelledLayers - 1) / kMaxLabelledLayers;
    m_labelEvery = every;
    for (int i = 0; i < count; i += every)
        ticker->addTick(i, QString::number(i + 1));
    yAxis->setTicker(ticker);
}

void DistributionPlot::drawRidge(const Ridge &ridge, int index, const Histogram &h) const
{
    const double base = index;
    const double peak = double(std::max<std::int64_t>(1, h.maxCount()));
    // Bin centres, closed down to the baseline at both ends of the range.
    QVector<QCPGraphData> points;
    points.reserve(qsizetype(h.counts.size()) + 2);
    points.append(QCPGraphData(h.lo, base));
    for (size_t k = 0; k < h.counts.size(); ++k)
        points.append(
            QCPGraphData(h.binCentre(int(k)), base + kRidgeHeight * double(h.counts[k]) / peak));
    points.append(QCPGraphData(h.hi, base));

    // Split at 0, with the interpolated height at 0 ending one half and starting the other.
    QVector<QCPGraphData> negative, positive;
    for (qsizetype k = 0; k < points.size(); ++k) {
        const QCPGraphData &p = points[k];
        if (k > 0 && points[k - 1].key < 0 && p.key > 0) {
            const QCPGraphData &q = points[k - 1];
            const double atZero = q.value + (p.value - q.value) * (0 - q.key) / (p.key - q.key);
            negative.append(QCPGraphData(0, atZero));
            positive.append(QCPGraphData(0, atZero));
        }
        if (p.key <= 0)
            negative.append(p);
        if (p.key >= 0)
            positive.append(p);
    }
    const auto baseline = [base](const QVector<QCPGraphData> &line) {
        QVector<QCPGraphData> flat;
        if (!line.isEmpty())
            flat = {QCPGraphData(line.front().key, base), QCPGraphData(line.back().key, base)};
        return flat;
    };
    ridge.negativeBase->data()->set(baseline(negative), true);
    ridge.positiveBase->data()->set(baseline(positive), true);
    ridge.negative->data()->set(negative, true);
    ridge.positive->data()->set(positive, true);

    // The exact share at or below zero, and what lies beyond the drawn range.
    const bool weights = m_quantity == Quantity::Weights;
    QString text =
        (weights ? tr("%1 ≤ 0") : tr("z ≤ 0: %1")).arg(tailShareText(h.nonPositiveShare()));
    const double outside = h.total > 0 ? double(h.below + h.above) / double(h.total) : 0;
    if (outside >= 0.01)
        text += tr(" (%1 off the axis)").arg(tailShareText(outside));
    const bool dead =
        !weights && size_t(index) < m_deadFractions.size() && m_deadFractions[size_t(index)] >= 1.0;
    if (dead)
        text = tr("dead · ") + text;
    ridge.label->setText(text);
    // Thirty labels would cover the ridges: the same layers as the axis, and the dead ones.
    ridge.label->setVisible(dead || index % m_labelEvery == 0);
    ridge.label->setColor(dead ? PlotStyle::color(Palette::Vermillion).darker(130) : style().ink());
    QFont font = style().noteFont();
    font.setBold(dead);
    ridge.label->setFont(font);
    ridge.label->position->setCoords(0.99, base + 0.08);
}

void DistributionPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    if (frame.distributions)
        m_distributions = frame.distributions;
    m_deadFractions.clear();
    for (const LayerMetrics &layer : frame.snapshot.layers)
        m_deadFractions.push_back(layer.deadFraction);
    redraw();
    finishFrame();
}

void DistributionPlot::redraw()
{
    const std::vector<Histogram> *histograms = nullptr;
    if (m_distributions)
        histograms = m_quantity == Quantity::Weights ? &m_distributions->weights
                                                     : &m_distributions->preactivations;
    const int count = histograms ? int(histograms->size()) : 0;
    rebuildRidges(count);
    m_placeholder->setVisible(count == 0);
    m_zeroLabel->setText(m_quantity == Quantity::Weights ? tr("w = 0") : tr("z = 0"));
    if (count == 0) {
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    for (int i = 0; i < count; ++i)
        drawRidge(m_ridges[size_t(i)], i, (*histograms)[size_t(i)]);
    const Histogram &first = histograms->front();
    xAxis->setRange(first.lo, first.hi);
    yAxis->setRange(-0.35, count - 1 + kRidgeHeight + 0.25);
    replot(QCustomPlot::rpQueuedReplot);
}

QString DistributionPlot::describeFrame(const TrainingFrame &frame) const
{
    const auto &layers = frame.snapshot.layers;
    if (layers.empty())
        return tr("No hidden layers to show.");
    const LayerMetrics &last = layers.back();
    const auto number = [](double v) { return QString::number(v, 'g', 2); };
    return tr("Layer %1's inputs z have mean %2 and spread %3; layer 1's have mean %4 and "
              "spread %5.")
        .arg(layers.size())
        .arg(number(last.preactMean), number(last.preactStd), number(layers.front().preactMean),
             number(layers.front().preactStd));
}

} // namespace relulab
