// SPDX-License-Identifier: MIT
#include "dead_neuron_plot.h"

#include "compare_settings.h"
#include "prelu_slope_overlay.h"
#include "training_frame.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

double percent(double share)
{
    return std::isfinite(share) ? 100.0 * std::clamp(share, 0.0, 1.0) : 0;
}

} // namespace

DeadNeuronPlot::DeadNeuronPlot(QWidget *parent) : PlotBase(parent)
{
    m_deadBars = new QCPBars(xAxis, yAxis);
    m_deadBars->setName(tr("dead"));
    m_deadBars->setWidth(0.7);
    m_aliveBars = new QCPBars(xAxis, yAxis);
    m_aliveBars->setName(tr("negative but alive"));
    m_aliveBars->setWidth(0.7);
    m_aliveBars->moveAbove(m_deadBars);

    xAxis->setLabel(tr("hidden layer"));
    yAxis->setLabel(tr("units (%)"));
    xAxis->setTicker(PlotStyle::integerTicker(10)); // every layer labelled up to depth 10
    auto percentTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 25)
        percentTicker->addTick(p, QString::number(p));
    yAxis->setTicker(percentTicker);
    yAxis->setRange(0, 104);
    xAxis->setRange(0.5, 4.5);

    // Both panels in a grid of their own, so they can sit side by side under a title that
    // still spans the plot.
    m_panels = new QCPLayoutGrid;
    QCPAxisRect *bars = axisRect();
    plotLayout()->take(bars);
    plotLayout()->addElement(0, 0, m_panels);
    m_panels->setRowSpacing(0);
    m_panels->addElement(0, 0, bars);
    m_historyRect = new QCPAxisRect(this);
    m_panels->addElement(1, 0, m_historyRect);
    m_margins = new QCPMarginGroup(this);
    bars->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    m_historyRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    QCPAxis *stepAxis = m_historyRect->axis(QCPAxis::atBottom);
    QCPAxis *shareAxis = m_historyRect->axis(QCPAxis::atLeft);
    stepAxis->setLabel(tr("training step"));
    stepAxis->setTicker(PlotStyle::stepTicker(stepAxis));
    shareAxis->setLabel(tr("dead (%)"));
    shareAxis->setRange(-4, 104);
    auto shareTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 50)
        shareTicker->addTick(p, QString::number(p));
    shareAxis->setTicker(shareTicker);
    stepAxis->setRange(0, 1);
    m_deadHistory = addGraph(stepAxis, shareAxis);
    m_deadHistory->setName(tr("dead units, whole network (%)"));
    m_deadHistory->removeFromLegend();
    m_compareHistory = addGraph(stepAxis, shareAxis);
    m_compareHistory->removeFromLegend();
    m_compareDead = addGraph();
    m_compareDead->removeFromLegend();
    m_slopes = new PreluSlopeOverlay(this, m_historyRect);

    m_banner = new QCPItemText(this);
    m_banner->setClipToAxisRect(false);
    m_banner->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_banner->position->setAxisRect(axisRect());
    // Centred across the whole plot, not the axis rect (which sits right of the axis labels),
    // so a banner as wide as the plot is never cut off on the left.
    m_banner->position->setTypeX(QCPItemPosition::ptViewportRatio);
    // At the top of the bars' rect, whose range then grows above 100 % (see setFrame), so the
    // banner never hides which layers died.
    m_banner->position->setCoords(0.5, 0.02);
    m_banner->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_banner->setVisible(false);

    connect(this, &QCustomPlot::afterLayout, this, &DeadNeuronPlot::makeRoomForBanner);

    placeLegendAbove();
    finishSetup();
    setPanelStretch(1.6);
}

void DeadNeuronPlot::setPanelStretch(double history)
{
    m_historyStretch = history;
    if (m_panels->rowCount() == 2)
        m_panels->setRowStretchFactors({3, history});
    else
        m_panels->setColumnStretchFactors({1.3, 1});
}

void DeadNeuronPlot::arrangePanels()
{
    // Stacked, the title, the legend and each panel's tick and axis labels take about 220
    // pixels; below 290 the bars are left a sliver. Side by side needs the width for two
    // panels with their labels, so not with presentation fonts (whose plots the grid keeps
    // large enough to stack anyway).
    const bool sideBySide =
        style().scale() < 1.2 && height() < 290 && width() >= height() && width() >= 300;
    if (sideBySide == (m_panels->columnCount() == 2))
        return;
    m_panels->take(m_historyRect);
    m_panels->simplify();
    if (sideBySide)
        m_panels->addElement(0, 1, m_historyRect);
    else
        m_panels->addElement(1, 0, m_historyRect);
    const QCP::MarginSides shared =
        sideBySide ? QCP::msTop | QCP::msBottom : QCP::msLeft | QCP::msRight;
    axisRect()->setMarginGroup(QCP::msAll, nullptr);
    m_historyRect->setMarginGroup(QCP::msAll, nullptr);
    axisRect()->setMarginGroup(shared, m_margins);
    m_historyRect->setMarginGroup(shared, m_margins);
    setPanelStretch(m_historyStretch);
    // Now, not in the next replot: a replot sets up its ticks for the rects' old sizes before
    // it lays them out, and a step axis set up at its side-by-side width has too few.
    updateLayout();
}

QString DeadNeuronPlot::title() const
{
    return tr("Dead neurons");
}

QString DeadNeuronPlot::explanation() const
{
    return tr("Share of units per layer that output a zero slope for every training input and "
              "so never learn again, and how that share evolves during training.");
}

void DeadNeuronPlot::applyStyle()
{
    arrangePanels(); // the room the panels need grows with the presentation scale
    const QColor dead = PlotStyle::color(Palette::Vermillion);
    const QColor alive = PlotStyle::color(Palette::SkyBlue);
    m_deadBars->setPen(QPen(dead.darker(130), 1.5 * style().scale()));
    m_deadBars->setBrush(dead);
    // No outline: an empty (0 %) bar must not leave a line on top of the dead one.
    m_aliveBars->setPen(Qt::NoPen);
    m_aliveBars->setBrush(QBrush(alive, Qt::SolidPattern));
    m_deadHistory->setPen(style().pen(dead));
    m_deadHistory->setBrush(PlotStyle::color(Palette::Vermillion, 40));
    m_compareHistory->setPen(style().pen(dead.darker(150), 1.0, Qt::DashLine));
    m_compareDead->setPen(style().pen(dead.darker(150), 0.6, Qt::DashLine));
    m_compareDead->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond,
                                                   style().pen(dead.darker(150), 0.7),
                                                   QBrush(Qt::white), style().markerSize() * 1.4));
    // Dark, not vermillion: the banner must stand out from the dead bars behind it.
    m_banner->setFont(style().bannerFont());
    m_banner->setColor(Qt::white);
    m_banner->setBrush(QColor(25, 25, 25, 235));
    m_banner->setPen(QPen(dead, 3 * style().scale()));
    const int pad = int(10 * style().scale());
    m_banner->setPadding(QMargins(2 * pad, pad, 2 * pad, pad));
    m_slopes->applyStyle(style());
    fitBanner(); // the new style's banner font may not fit
}

void DeadNeuronPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    const auto &layers = frame.snapshot.layers;
    // Under ReLU every negative unit is dead: the second bar would always be empty.
    const bool showAlive = frame.config.activation != Activation::Relu;
    QVector<double> keys, dead, alive;
    for (size_t i = 0; i < layers.size(); ++i) {
        keys.append(double(i + 1));
        const double d = percent(layers[i].deadFraction);
        dead.append(d);
        alive.append(showAlive ? std::max(0.0, percent(layers[i].negativeFraction) - d) : 0.0);
    }
    m_deadBars->setData(keys, dead, true);
    m_aliveBars->setData(keys, alive, true);
    m_aliveBars->setVisible(showAlive);
    m_aliveBars->removeFromLegend();
    if (showAlive)
        m_aliveBars->addToLegend();
    xAxis->setRange(0.5, std::max<size_t>(1, layers.size()) + 0.5);

    QVector<QCPGraphData> history;
    history.reserve(qsizetype(frame.history.size()));
    for (const HistoryPoint &p : frame.history)
        if (std::isfinite(p.deadShare))
            history.append(QCPGraphData(double(p.step), percent(p.deadShare)));
    m_deadHistory->data()->set(history, true);
    double lastStep = history.isEmpty() ? 0 : history.last().key;
    m_deadBars->setName(frame.compare ? labelA(frame) + tr(" — dead") : tr("dead"));
    m_compareDead->setName(labelB(frame) + tr(" — dead"));
    m_compareDead->removeFromLegend();
    m_compareDead->setVisible(bool(frame.compare));
    m_compareHistory->setVisible(bool(frame.compare));
    m_compareDead->data()->clear();
    m_compareHistory->data()->clear();
    if (frame.compare) {
        m_compareDead->addToLegend();
        // B's per-layer share as markers on A's bars, and its history dashed over A's.
        QVector<QCPGraphData> perLayer, compareHistory;
        const auto &compareLayers = frame.compare->snapshot.layers;
        for (size_t i = 0; i < compareLayers.size(); ++i)
            perLayer.append(QCPGraphData(double(i + 1), percent(compareLayers[i].deadFraction)));
        for (const HistoryPoint &p : frame.compare->history)
            if (std::isfinite(p.deadShare))
                compareHistory.append(QCPGraphData(double(p.step), percent(p.deadShare)));
        m_compareDead->data()->set(perLayer, true);
        m_compareHistory->data()->set(compareHistory, true);
        if (!compareHistory.isEmpty())
            lastStep = std::max(lastStep, compareHistory.last().key);
        xAxis->setRange(0.5, double(std::max(layers.size(), compareLayers.size())) + 0.5);
    }
    m_historyRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, lastStep));
    m_slopes->setFrame(frame);

    const bool dead100 = frame.snapshot.networkDead;
    if (dead100) {
        const QString since =
            frame.diedAtStep >= 0 ? tr(" since step %1").arg(frame.diedAtStep) : QString();
        m_bannerLong =
            tr("⚠ Network is dead%1\nits output no longer depends on the input").arg(since);
        m_bannerShort = tr("⚠ Network is dead%1").arg(since);
        m_bannerTitles = {tr("⚠ Network dead"), tr("⚠ Dead")};
        if (frame.diedAtStep >= 0)
            m_bannerTitles = {tr("⚠ Network dead since step %1").arg(frame.diedAtStep),
                              tr("⚠ Dead since step %1").arg(frame.diedAtStep),
                              tr("⚠ Network dead")};
        m_banner->setText(m_bannerLong);
        fitBanner();
    }
    m_networkDead = dead100;
    m_banner->setVisible(dead100); // makeRoomForBanner() may move it into the title
    // PReLU's slopes need room to be read: the lower panel grows while they are drawn.
    setPanelStretch(m_slopes->isShown() ? 2.6 : 1.6);
    finishFrame();
}

void DeadNeuronPlot::resizeEvent(QResizeEvent *event)
{
    arrangePanels();
    PlotBase::resizeEvent(event);
    fitBanner();
}

void DeadNeuronPlot::fitBanner()
{
    // Narrow plots get a smaller banner rather than one cut off at the edges.
    QFont font = style().bannerFont();
    const QMargins pad = m_banner->padding();
    const double room = 0.94 * width() - pad.left() - pad.right();
    while (font.pointSizeF() > 8 &&
           QFontMetricsF(font).boundingRect(QRectF(0, 0, 1e5, 1e5), 0, m_banner->text()).width() >
               room)
        font.setPointSizeF(font.pointSizeF() - 1);
    m_banner->setFont(font);
}

void DeadNeuronPlot::makeRoomForBanner()
{
    // The bars' range grows above 100 % by the banner's height, so the banner sits over empty
    // plot and never hides which layers died. Runs after each layout, when the axis rect's
    // height is known; the ticks stop at 100, so the new range leaves the layout as it is.
    double upper = 104;
    const double rectHeight = axisRect()->rect().height();
    bool inTitle = false;
    if (m_networkDead && rectHeight > 0) {
        m_banner->setVisible(true);
        // A short plot (presentation mode, compare legends) gets the one-line banner.
        const QString text = rectHeight < 240 * style().scale() ? m_bannerShort : m_bannerLong;
        if (m_banner->text() != text) {
            m_banner->setText(text);
            fitBanner();
        }
        const QMargins pad = m_banner->padding();
        const double banner = QFontMetricsF(m_banner->font())
                                  .boundingRect(QRectF(0, 0, 1e5, 1e5), 0, m_banner->text())
                                  .height() +
                              pad.top() + pad.bottom() + 0.04 * rectHeight +
                              // the "100" tick label reaches half a line above its tick
                              QFontMetricsF(yAxis->tickLabelFont()).height() / 2;
        const double needed = 100 * rectHeight / std::max(1.0, rectHeight - banner);
        // Beside the history panel, or above bars too short to make room over, the banner
        // would cover data: it takes the title's place instead.
        inTitle = m_panels->columnCount() == 2 || needed > kMaxBannerRoom;
        if (!inTitle)
            upper = std::max(needed, kBannerRoom);
    }
    m_banner->setVisible(m_networkDead && !inTitle);
    QString title;
    if (inTitle) {
        // The longest form that fits the plot's width.
        const QFontMetrics metrics(style().titleFont());
        for (const QString &candidate : m_bannerTitles) {
            title = candidate;
            if (metrics.horizontalAdvance(candidate) <= width() - 8)
                break;
        }
    }
    showTitle(title);
    yAxis->setRange(0, upper);
}

QString DeadNeuronPlot::describeFrame(const TrainingFrame &frame) const
{
    const auto &layers = frame.snapshot.layers;
    if (layers.empty())
        return tr("No hidden layers to show.");
    // A dead layer first, the one that died earliest: it is where the network started dying.
    int first = -1;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].deadFraction < 1)
            continue;
        const std::int64_t at =
            i < frame.layerDiedAtStep.size() ? frame.layerDiedAtStep[i] : std::int64_t(-1);
        const std::int64_t best = first < 0 || size_t(first) >= frame.layerDiedAtStep.size()
                                      ? std::int64_t(-1)
                                      : frame.layerDiedAtStep[size_t(first)];
        if (first < 0 || (at >= 0 && (best < 0 || at < best)))
            first = int(i);
    }
    if (first >= 0) {
        const std::int64_t at = size_t(first) < frame.layerDiedAtStep.size()
                                    ? frame.layerDiedAtStep[size_t(first)]
                                    : std::int64_t(-1);
        QString text = at >= 0
                           ? tr("Layer %1: 100% of units dead since step %2").arg(first + 1).arg(at)
                           : tr("Layer %1: 100% of units dead").arg(first + 1);
        if (frame.snapshot.networkDead)
            text += tr("; the network's output no longer depends on the input");
        return text + QLatin1Char('.');
    }
    size_t mostDead = 0, mostNegative = 0;
    for (size_t i = 1; i < layers.size(); ++i) {
        if (layers[i].deadFraction > layers[mostDead].deadFraction)
            mostDead = i;
        const auto negativeAlive = [&](size_t k) {
            return layers[k].negativeFraction - layers[k].deadFraction;
        };
        if (negativeAlive(i) > negativeAlive(mostNegative))
            mostNegative = i;
    }
    if (layers[mostDead].deadFraction > 0)
        return tr("%1 of all units dead; layer %2 has the most (%3).")
            .arg(percentText(frame.snapshot.deadShare()))
            .arg(mostDead + 1)
            .arg(percentText(layers[mostDead].deadFraction));
    const double negative =
        layers[mostNegative].negativeFraction - layers[mostNegative].deadFraction;
    if (frame.config.activation != Activation::Relu && negative > 0)
        return tr("No dead units; layer %1 has the most negative-but-alive units (%2).")
            .arg(mostNegative + 1)
            .arg(percentText(negative));
    return tr("No dead units.");
}

} // namespace relulab
