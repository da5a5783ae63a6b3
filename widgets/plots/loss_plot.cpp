// SPDX-License-Identifier: MIT
#include "loss_plot.h"

#include "compare_series.h"
#include "training_frame.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace relulab {

LossPlot::LossPlot(QWidget *parent) : PlotBase(parent)
{
    m_train = addGraph();
    m_train->setName(tr("training loss"));
    m_test = addGraph();
    m_test->setName(tr("test loss"));
    m_compareTrain = addGraph();
    m_compareTrain->removeFromLegend();

    m_divergedLine = new QCPItemStraightLine(this);
    m_divergedLine->setVisible(false);
    m_divergedLabel = new QCPItemText(this);
    m_divergedLabel->setVisible(false);
    m_divergedLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_divergedLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_divergedLabel->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);

    xAxis->setLabel(tr("training step"));
    xAxis->setTicker(PlotStyle::stepTicker(xAxis));
    yAxis->setLabel(tr("loss (log scale)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());

    yAxis->setRange(0.01, 1);
    xAxis->setRange(0, 1);
    placeLegendAbove();
    finishSetup();
}

QString LossPlot::title() const
{
    return tr("Loss");
}

QString LossPlot::explanation() const
{
    return tr("How wrong the network is on the training data and on held-out test data; a flat "
              "line means it stopped learning, a vertical mark that training diverged.");
}

void LossPlot::applyStyle()
{
    m_train->setPen(style().pen(PlotStyle::color(Palette::Blue)));
    m_test->setPen(style().pen(PlotStyle::color(Palette::Orange), 1.0, Qt::DashLine));
    setComparePen(m_compareTrain, m_train);
    m_divergedLine->setPen(style().pen(PlotStyle::color(Palette::Vermillion), 0.8, Qt::DashLine));
    m_divergedLabel->setFont(style().noteFont());
    m_divergedLabel->setColor(PlotStyle::color(Palette::Vermillion));
    m_divergedLabel->setBrush(QColor(255, 255, 255, 220));
    const int pad = int(4 * style().scale());
    m_divergedLabel->setPadding(QMargins(pad, pad, pad, pad));
}

void LossPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    QVector<QCPGraphData> train, test;
    train.reserve(qsizetype(frame.history.size()));
    test.reserve(qsizetype(frame.history.size()));
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    // A log axis cannot show 0 or NaN: such points are left out, never drawn.
    auto add = [&](QVector<QCPGraphData> &series, double step, double loss) {
        if (!std::isfinite(loss) || loss <= 0)
            return;
        series.append(QCPGraphData(step, loss));
        lo = std::min(lo, loss);
        hi = std::max(hi, loss);
    };
    for (const HistoryPoint &p : frame.history) {
        add(train, double(p.step), p.loss);
        add(test, double(p.step), p.testLoss);
    }
    m_train->data()->set(train, true);
    m_test->data()->set(test, true);
    labelCompareSeries(m_train, m_compareTrain, frame, tr("training loss"));
    if (frame.compare) {
        QVector<QCPGraphData> compareTrain;
        for (const HistoryPoint &p : frame.compare->history)
            add(compareTrain, double(p.step), p.loss);
        m_compareTrain->data()->set(compareTrain, true);
        // The test loss of both would be four curves on one log axis: A's alone stays.
        m_test->setName(tr("A: test loss"));
    } else {
        m_test->setName(tr("test loss"));
    }

    const bool classification =
        frame.dataset ? frame.dataset->classification : isClassification(frame.config.dataset);
    yAxis->setLabel(classification ? tr("cross-entropy loss (log scale)")
                                   : tr("mean squared error (log scale)"));
    if (hi <= 0) {
        lo = 0.01;
        hi = 1;
    }
    const double bottom = std::pow(10.0, std::floor(std::log10(lo)));
    const double top = std::pow(10.0, std::ceil(std::log10(hi * 1.2)));
    yAxis->setRange(bottom, std::max(top, bottom * 100));
    // Plain numbers (0.01, 1, 100) read easiest; powers of ten only when some tick would need
    // them, and then for every tick: "0.0001" next to "10⁻⁵" looks like two scales.
    const bool plain = bottom >= 1e-4 && yAxis->range().upper <= 1e5;
    yAxis->setNumberFormat(plain ? QStringLiteral("gb") : QStringLiteral("eb"));
    yAxis->setNumberPrecision(plain ? 6 : 0);
    const double lastStep =
        std::max(frame.history.empty() ? 0.0 : double(frame.history.back().step),
                 double(frame.divergedAtStep));
    const double firstStep = frame.history.empty() ? 0 : double(frame.history.front().step);
    // A little room on the right, so a divergence mark at the last step is not on the frame.
    const double span = std::max(1.0, lastStep - firstStep);
    xAxis->setRange(firstStep, firstStep + span * (frame.divergedAtStep >= 0 ? 1.03 : 1.0));

    const bool diverged = frame.divergedAtStep >= 0;
    m_divergedLine->setVisible(diverged);
    m_divergedLabel->setVisible(diverged);
    if (diverged) {
        const double at = double(frame.divergedAtStep);
        m_divergedLine->point1->setCoords(at, bottom);
        m_divergedLine->point2->setCoords(at, top);
        m_divergedLabel->setText(tr("diverged at step %1").arg(frame.divergedAtStep));
        m_divergedLabel->position->setCoords(at, 0.04);
        // Keep the label inside the plot: to the left of the line unless the line is near 0.
        const bool nearStart = at - firstStep < 0.35 * span;
        m_divergedLabel->setPositionAlignment(Qt::AlignTop |
                                              (nearStart ? Qt::AlignLeft : Qt::AlignRight));
    }
    finishFrame();
}

QString LossPlot::describeFrame(const TrainingFrame &frame) const
{
    const Snapshot &s = frame.snapshot;
    const auto number = [](double v) { return QString::number(v, 'g', 3); };
    if (!std::isfinite(s.loss))
        return frame.divergedAtStep >= 0
                   ? tr("Training diverged at step %1: the loss is no longer a number.")
                         .arg(frame.divergedAtStep)
                   : tr("No loss yet.");
    QString text = tr("Training loss %1 at step %2").arg(number(s.loss)).arg(s.step);
    if (std::isfinite(s.testLoss))
        text += tr(", test loss %1").arg(number(s.testLoss));
    if (frame.divergedAtStep >= 0)
        text += tr("; diverged at step %1").arg(frame.divergedAtStep);
    return text + QLatin1Char('.');
}

} // namespace relulab
