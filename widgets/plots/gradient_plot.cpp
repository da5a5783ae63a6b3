// SPDX-License-Identifier: MIT
#include "gradient_plot.h"

#include "compare_series.h"
#include "dataset.h"
#include "precision.h"
#include "training_frame.h"

#include <QAction>
#include <QMenu>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace relulab {

namespace {

/// Keys and values of one series; zeros are collected separately (placed once the range is known).
struct Series
{
    QVector<QCPGraphData> points;
    QVector<double> zeroKeys;
};

Series collect(const std::vector<LayerMetrics> &layers, double LayerMetrics::*field)
{
    Series s;
    for (size_t i = 0; i < layers.size(); ++i) {
        // Hidden layers come in order, 1 = next to the input.
        const double key = double(i + 1);
        const double v = layers[i].*field;
        if (!std::isfinite(v))
            continue;
        if (v > 0)
            s.points.append(QCPGraphData(key, v));
        else
            s.zeroKeys.append(key);
    }
    return s;
}

/// Merges the zeros back in at `floor`, keeping the keys sorted.
QVector<QCPGraphData> withZeros(Series s, double floor)
{
    for (double key : s.zeroKeys)
        s.points.append(QCPGraphData(key, floor));
    std::sort(s.points.begin(), s.points.end(),
              [](const QCPGraphData &a, const QCPGraphData &b) { return a.key < b.key; });
    return s.points;
}

int fadeAlpha(int i, int n)
{
    return 30 + 90 * (i + 1) / std::max(1, n);
}

/// The step and the per-layer numbers this plot draws (units and the rest left out: a copy of
/// every unit's metrics, for each of the fading snapshots, on every frame would be waste).
Snapshot drawnPart(const Snapshot &s)
{
    Snapshot kept;
    kept.step = s.step;
    kept.layers.reserve(s.layers.size());
    for (const LayerMetrics &l : s.layers) {
        LayerMetrics &k = kept.layers.emplace_back();
        k.index = l.index;
        k.gradWNorm = l.gradWNorm;
        k.gradZRms = l.gradZRms;
        k.updateRatio = l.updateRatio;
        k.stalledUpdates = l.stalledUpdates;
    }
    return kept;
}

/// Whole decades around [lo, hi] with half a marker of room either side, one more below for
/// values of exactly 0 drawn on the floor; at least two decades.
std::pair<double, double> logView(double lo, double hi, bool anyZero)
{
    const double bottom = std::pow(10.0, std::floor(std::log10(lo / 1.5)) - (anyZero ? 1 : 0));
    const double top = std::pow(10.0, std::ceil(std::log10(hi * 1.5)));
    return {std::min(bottom, top / 100), top};
}

} // namespace

GradientPlot::GradientPlot(QWidget *parent) : PlotBase(parent)
{
    // The update-ratio mode's healthy band, behind the grid and every series.
    m_band = new QCPItemRect(this);
    m_band->setLayer(QStringLiteral("background"));
    for (QCPItemPosition *corner : {m_band->topLeft, m_band->bottomRight}) {
        corner->setTypeX(QCPItemPosition::ptAxisRectRatio);
        corner->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    m_band->topLeft->setCoords(0, kHealthyHigh);
    m_band->bottomRight->setCoords(1, kHealthyLow);
    m_band->setVisible(false);
    // Earlier snapshots first, so the current values are drawn on top of them.
    for (int i = 0; i < kMaxHistory; ++i) {
        m_pastW.push_back(addGraph());
        m_pastZ.push_back(addGraph());
        m_pastW.back()->removeFromLegend();
        m_pastZ.back()->removeFromLegend();
    }
    // Before the measured series, so their markers sit on top of the dashed prediction; it
    // joins the legend (at the end) only while the overlay is on.
    m_theory = addGraph();
    m_theory->setName(tr("theory (at init)"));
    m_theory->removeFromLegend();
    m_theory->setVisible(false);
    m_theoryNoteEntry = addGraph();
    m_theoryNoteEntry->removeFromLegend();
    m_gradW = addGraph();
    m_gradW->setName(tr("‖∂L/∂W‖ (weight gradient)"));
    m_gradZ = addGraph();
    m_gradZ->setName(tr("RMS ∂L/∂z (signal sent back)"));
    m_pastLegend = addGraph();
    m_pastLegend->setName(tr("earlier steps (fading)"));
    m_compareW = addGraph();
    m_compareW->removeFromLegend();
    m_compareRatio = addGraph();
    m_compareRatio->removeFromLegend();
    m_ratio = addGraph();
    // No data: legend lines, the band's swatch and the note on zeros (text over the data
    // would be crossed by the line down to a zero, or by a layer in the band).
    m_bandEntry = addGraph();
    m_bandEntry->setName(tr("healthy range, 1e-4 to 1e-2"));
    m_ratioZeroEntry = addGraph();
    m_ratioZeroEntry->setName(tr("⚠ update exactly 0 (layer did not move): on the bottom edge"));
    for (QCPGraph *g : {m_ratio, m_compareRatio, m_bandEntry, m_ratioZeroEntry}) {
        g->removeFromLegend();
        g->setVisible(false);
    }

    m_zeroNote = new QCPItemText(this);
    m_zeroNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    // Above the floor where the zeros are drawn, not on top of their markers.
    m_zeroNote->position->setCoords(0.5, 0.9);
    m_zeroNote->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    // Two lines: one would be cut off in a narrow (or presentation-scaled) plot.
    m_zeroNote->setText(tr("gradient exactly 0 (dead)\n→ drawn on the bottom edge"));
    m_zeroNote->setVisible(false);
    // Rewrapped to the data's width after each layout: a narrow plot (a small screen) would
    // otherwise cut the note off at both sides.
    connect(this, &QCustomPlot::afterLayout, this, [this] {
        const QString wrapped =
            wrappedToWidth(m_zeroNote->text(), m_zeroNote->font(), int(0.94 * axisRect()->width()));
        if (wrapped != m_zeroNote->text())
            m_zeroNote->setText(wrapped);
    });

    // Where a float32 gradient stops being a number (the init-and-depth lesson points here).
    auto limit = [this](double value, const QString &text, QCPItemStraightLine *&line,
                        QCPItemText *&label) {
        line = new QCPItemStraightLine(this);
        line->point1->setCoords(0, value);
        line->point2->setCoords(1, value);
        line->setVisible(false);
        label = new QCPItemText(this);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(0.99, value);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setText(text);
        label->setVisible(false);
    };
    limit(kSmallestNormal, tr("float32 smallest normal 1.2e-38"), m_normalLine, m_normalLabel);
    limit(kSmallestSubnormal, tr("smallest subnormal 1.4e-45 (below: 0)"), m_subnormalLine,
          m_subnormalLabel);
    // The emulated formats' noise floor for an update: placed and labelled per frame.
    limit(1.0, QString(), m_roundingLine, m_roundingLabel);

    m_noStepNote = new QCPItemText(this);
    m_noStepNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_noStepNote->position->setCoords(0.5, 0.2);
    m_noStepNote->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_noStepNote->setText(tr("No step yet:\nthe sizes appear after\nthe first training step"));
    m_noStepNote->setTextAlignment(Qt::AlignHCenter);
    m_noStepNote->setVisible(false);

    m_updateRatioAction = new QAction(tr("Show update size (‖ΔW‖ / ‖W‖)"), this);
    m_updateRatioAction->setCheckable(true);
    m_updateRatioAction->setToolTip(
        tr("How much each step changes each layer's weights, relative to their size; around "
           "1e-3 is the usual healthy rate"));
    connect(m_updateRatioAction, &QAction::toggled, this, &GradientPlot::setShowUpdateRatio);

    xAxis->setLabel(tr("hidden layer (1 = input side)")); // short: fits when presenting
    yAxis->setLabel(tr("gradient size (log scale)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    yAxis->setNumberFormat(QStringLiteral("eb"));
    yAxis->setNumberPrecision(0);
    xAxis->setTicker(PlotStyle::integerTicker(10)); // every layer labelled up to depth 10
    xAxis->setRange(0.5, 4.5);
    yAxis->setRange(1e-4, 1);
    placeLegendAbove();
    finishSetup();
}

GradientPlot::~GradientPlot() = default;

bool GradientPlot::limitLinesShown() const
{
    return m_normalLine->visible();
}

QString GradientPlot::title() const
{
    return tr("Gradient size per layer");
}

QString GradientPlot::shortTitle() const
{
    return tr("Gradient per layer");
}

QString GradientPlot::explanation() const
{
    return tr("How strong the learning signal is in each hidden layer: lines falling towards "
              "the input mean vanishing gradients, rising ones exploding gradients.");
}

void GradientPlot::applyStyle()
{
    const QColor blue = PlotStyle::color(Palette::Blue);
    const QColor green = PlotStyle::color(Palette::BluishGreen);
    const double size = style().markerSize();
    m_gradW->setPen(style().pen(blue));
    m_gradW->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, blue, size));
    m_gradZ->setPen(style().pen(green, 1.0, Qt::DashLine));
    m_gradZ->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, style().pen(green, 0.7),
                                             QBrush(green), size * 0.9));
    const int n = kMaxHistory;
    for (int i = 0; i < n; ++i) {
        m_pastW[size_t(i)]->setPen(
            style().pen(PlotStyle::color(Palette::Blue, fadeAlpha(i, n)), 0.6));
        m_pastZ[size_t(i)]->setPen(style().pen(
            PlotStyle::color(Palette::BluishGreen, fadeAlpha(i, n)), 0.6, Qt::DashLine));
    }
    m_pastLegend->setPen(style().pen(PlotStyle::color(Palette::Blue, fadeAlpha(n / 2, n)), 0.6));
    setComparePen(m_compareW, m_gradW);
    m_zeroNote->setFont(style().noteFont());
    for (QCPItemStraightLine *line : {m_normalLine, m_subnormalLine, m_roundingLine})
        line->setPen(style().pen(PlotStyle::color(Palette::ReddishPurple), 0.6, Qt::DashDotLine));
    for (QCPItemText *label : {m_normalLabel, m_subnormalLabel, m_roundingLabel}) {
        label->setFont(style().tickFont());
        label->setColor(PlotStyle::color(Palette::ReddishPurple));
    }
    m_zeroNote->setColor(PlotStyle::color(Palette::Vermillion));
    m_theory->setPen(style().pen(PlotStyle::color(Palette::Orange), 1.8, Qt::DashLine));
    m_theory->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    m_theoryNoteEntry->setPen(Qt::NoPen);

    m_ratio->setPen(style().pen(blue));
    m_ratio->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, blue, size));
    setComparePen(m_compareRatio, m_ratio);
    const QColor shade =
        PlotStyle::color(Palette::BluishGreen, style().theme() == Theme::Dark ? 70 : 45);
    m_band->setPen(Qt::NoPen);
    m_band->setBrush(shade);
    // A thick line of the band's colour is its swatch in the legend.
    QPen swatch(shade, 0.6 * legend->iconSize().height());
    swatch.setCapStyle(Qt::FlatCap);
    m_bandEntry->setPen(swatch);
    m_ratioZeroEntry->setPen(Qt::NoPen);
    m_noStepNote->setFont(style().labelFont());
    m_noStepNote->setColor(style().ink());
    // On a patch of background, so the grid lines do not run through the words.
    QColor patch = style().background();
    patch.setAlpha(220);
    m_noStepNote->setBrush(patch);
    const int pad = int(6 * style().scale());
    m_noStepNote->setPadding(QMargins(pad, pad, pad, pad));
}

void GradientPlot::addContextActions(QMenu *menu)
{
    menu->setToolTipsVisible(true);
    menu->addAction(m_updateRatioAction);
}

void GradientPlot::setShowUpdateRatio(bool on)
{
    if (on == m_ratioOn)
        return;
    m_ratioOn = on;
    m_updateRatioAction->setChecked(on);
    showTitle(on ? tr("Update size per layer") : QString());
    yAxis->setLabel(on ? tr("‖ΔW‖ / ‖W‖ (log scale)") : tr("gradient size (log scale)"));
    setToolTip(on ? tr("How much the last step changed each hidden layer's weights, relative to "
                       "their size: around 1e-3 is the usual healthy rate, far below it the "
                       "layer hardly learns, far above it training is unstable.")
                  : explanation());
    if (m_frame)
        updateDescription(*m_frame); // the kept frame holds both modes' numbers
    redraw();
}

void GradientPlot::setTheoryOverlay(bool on)
{
    if (on == m_theoryOn)
        return;
    m_theoryOn = on;
    if (!on) {
        m_theory->data()->clear();
        m_theory->setVisible(false);
        m_theoryNoteText.clear();
        showTheoryLegend(false);
    }
    // Drawn (and the range refitted) with the next frame; a paused run sends none, so the
    // owner hands the latest frame again (MainWindow::setTheoryOverlay).
    finishFrame();
}

void GradientPlot::showTheoryLegend(bool on)
{
    const bool note = on && !m_theoryNoteText.isEmpty();
    if (on)
        m_theory->addToLegend();
    else
        m_theory->removeFromLegend();
    // The note is the longest legend line; PlotBase wraps it to the plot's width.
    m_theoryNoteEntry->setName(note ? tr("⚠ %1").arg(m_theoryNoteText) : QString());
    if (note)
        m_theoryNoteEntry->addToLegend();
    else
        m_theoryNoteEntry->removeFromLegend();
}

const TheoryPrediction *GradientPlot::theoryFor(const TrainingFrame &frame)
{
    if (!m_theoryConfig || !(*m_theoryConfig == frame.config)) {
        m_theoryConfig = frame.config;
        ++m_theoryComputations;
        try {
            // The data decides the input dimension and E‖x‖² (a CSV file has its own).
            m_theoryCache = frame.dataset ? predictAtInit(frame.config, *frame.dataset)
                                          : predictAtInit(frame.config, makeDataset(frame.config));
            m_theoryValid = true;
        } catch (const std::exception &) {
            m_theoryValid = false;
        }
    }
    return m_theoryValid ? &m_theoryCache : nullptr;
}

QVector<QCPGraphData> GradientPlot::theoryPoints(const TrainingFrame &frame)
{
    QVector<QCPGraphData> points;
    const TheoryPrediction *prediction = theoryFor(frame);
    const auto &layers = frame.snapshot.layers;
    const double anchor = layers.empty() ? 0.0 : layers.back().gradZRms;
    QStringList notes;
    if (!prediction) {
        notes << tr("theory: no prediction for this data");
    } else if (!(anchor > 0) || !std::isfinite(anchor)) {
        notes << tr("theory: the last layer's ∂L/∂z is 0, nothing to anchor the line on");
    } else {
        const size_t n = std::min(layers.size(), prediction->layers.size());
        for (size_t i = 0; i < n; ++i) {
            const double v = prediction->layers[i].gradZRmsRatio * anchor;
            if (v > 0 && std::isfinite(v))
                points.append(QCPGraphData(double(i + 1), v));
        }
    }
    if (frame.snapshot.step > 0)
        notes << tr("prediction is for initialisation");
    const TrainingConfig &c = frame.config;
    // Short: the note is a legend line, which must fit a narrow plot at presentation size.
    if (c.width < 32)
        notes << tr("width %1 is narrow: expect scatter").arg(c.width);
    else if (4 * c.depth > c.width)
        notes << tr("deep for width %1: expect scatter").arg(c.width);
    m_theoryNoteText = notes.join(QStringLiteral("; "));
    return points;
}

void GradientPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    if (!m_frame)
        m_frame = std::make_unique<TrainingFrame>();
    m_frame->config = frame.config;
    m_frame->dataset = frame.dataset; // the theory's data
    m_frame->compare = frame.compare;
    m_frame->snapshot = drawnPart(frame.snapshot);
    m_frame->recent.clear();
    const size_t kept = std::min<size_t>(kMaxHistory, frame.recent.size());
    for (size_t i = frame.recent.size() - kept; i < frame.recent.size(); ++i)
        m_frame->recent.push_back(drawnPart(frame.recent[i]));
    redraw();
}

void GradientPlot::redraw()
{
    if (!m_frame)
        return; // drawn with the first frame
    // Each mode empties and hides what belongs to the other one.
    const std::initializer_list<QCPAbstractItem *> ratioItems{m_band, m_noStepNote};
    if (m_ratioOn) {
        for (std::vector<QCPGraph *> *past : {&m_pastW, &m_pastZ})
            for (QCPGraph *g : *past) {
                g->data()->clear();
                g->setVisible(false);
            }
        for (QCPGraph *g :
             {m_gradW, m_gradZ, m_compareW, m_pastLegend, m_theory, m_theoryNoteEntry}) {
            g->data()->clear();
            g->setVisible(false);
            g->removeFromLegend();
        }
        m_historyShown = 0;
        for (QCPAbstractItem *item : std::initializer_list<QCPAbstractItem *>{
                 m_normalLine, m_subnormalLine, m_normalLabel, m_subnormalLabel})
            item->setVisible(false);
        showRatios(*m_frame);
    } else {
        for (QCPGraph *g : {m_ratio, m_compareRatio, m_bandEntry, m_ratioZeroEntry}) {
            g->data()->clear();
            g->setVisible(false);
            g->removeFromLegend();
        }
        for (QCPAbstractItem *item : ratioItems)
            item->setVisible(false);
        m_roundingLine->setVisible(false);
        m_roundingLabel->setVisible(false);
        for (QCPItemText *label : m_stalledLabels)
            label->setVisible(false);
        showGradients(*m_frame);
    }
    finishFrame();
}

void GradientPlot::restoreGradientLegend()
{
    for (QCPGraph *g : {m_gradW, m_gradZ, m_pastLegend}) {
        g->setVisible(true);
        if (!legend->hasItemWithPlottable(g))
            g->addToLegend();
    }
    for (std::vector<QCPGraph *> *past : {&m_pastW, &m_pastZ})
        for (QCPGraph *g : *past)
            g->setVisible(true);
    m_theoryNoteEntry->setVisible(true);
}

void GradientPlot::showRatios(const TrainingFrame &frame)
{
    Series now = collect(frame.snapshot.layers, &LayerMetrics::updateRatio);
    Series compare;
    if (frame.compare)
        compare = collect(frame.compare->snapshot.layers, &LayerMetrics::updateRatio);
    // The band is always in view: it is the scale the values are read against.
    double lo = kHealthyLow, hi = kHealthyHigh;
    // So is a narrow format's noise floor: a layer whose update size sinks to it has most of
    // its steps rounded away (issue 15's claim about rounding noise).
    const Precision precision = frame.config.precision;
    const bool rounding = isEmulated(precision);
    if (rounding) {
        const double u = precisionLimits(precision).unitRoundoff;
        lo = std::min(lo, u / 3);
        hi = std::max(hi, u * 3);
        m_roundingLine->point1->setCoords(0, u);
        m_roundingLine->point2->setCoords(1, u);
        m_roundingLabel->position->setCoords(0.99, u);
        // Short: it must fit a plot a third of the window wide.
        m_roundingLabel->setText(tr("%1: smaller steps round away")
                                     .arg(QString::fromUtf8(precisionName(precision).data())));
    }
    m_roundingLine->setVisible(rounding);
    m_roundingLabel->setVisible(rounding);
    for (const Series *s : {&now, &compare})
        for (const QCPGraphData &p : s->points) {
            lo = std::min(lo, p.value);
            hi = std::max(hi, p.value);
        }
    const bool anyZero = !now.zeroKeys.isEmpty() || !compare.zeroKeys.isEmpty();
    const bool anyValue = anyZero || !now.points.isEmpty() || !compare.points.isEmpty();
    const auto [bottom, top] = logView(lo, hi, anyZero);
    const double floor = bottom * 1.15;

    m_ratio->data()->set(withZeros(now, floor), true);
    labelCompareSeries(m_ratio, m_compareRatio, frame, tr("‖ΔW‖ / ‖W‖ of the last step"));
    if (frame.compare)
        m_compareRatio->data()->set(withZeros(compare, floor), true);
    m_ratio->setVisible(true);
    // In this order after the series (run B's joins after A's, see labelCompareSeries).
    for (QCPGraph *g : {m_ratio, m_bandEntry, m_ratioZeroEntry})
        g->removeFromLegend();
    m_ratio->addToLegend();
    if (frame.compare) {
        m_compareRatio->removeFromLegend();
        m_compareRatio->addToLegend();
    }
    m_bandEntry->addToLegend();
    if (anyZero)
        m_ratioZeroEntry->addToLegend();
    m_band->setVisible(true);
    showStalledLabels(frame, floor);
    // Step 0 (or weights just set by hand): nothing has moved yet, which is not "0".
    m_noStepNote->setVisible(!anyValue);
    m_zeroNote->setVisible(false);

    const size_t compareLayers = frame.compare ? frame.compare->snapshot.layers.size() : 0;
    const int layers = std::max<int>(1, int(std::max(frame.snapshot.layers.size(), compareLayers)));
    xAxis->setRange(0.5, layers + 0.5);
    yAxis->setRange(bottom, top);
}

void GradientPlot::showGradients(const TrainingFrame &frame)
{
    restoreGradientLegend();
    m_zeroNote->setText(tr("gradient exactly 0 (dead)\n→ drawn on the bottom edge"));
    const auto &recent = frame.recent;
    const int shown = std::min<int>(kMaxHistory, int(recent.size()));
    const size_t firstShown = recent.size() - size_t(shown);

    std::vector<Series> past, now;
    for (size_t i = firstShown; i < recent.size(); ++i) {
        past.push_back(collect(recent[i].layers, &LayerMetrics::gradWNorm));
        past.push_back(collect(recent[i].layers, &LayerMetrics::gradZRms));
    }
    now.push_back(collect(frame.snapshot.layers, &LayerMetrics::gradWNorm));
    now.push_back(collect(frame.snapshot.layers, &LayerMetrics::gradZRms));
    if (frame.compare)
        now.push_back(collect(frame.compare->snapshot.layers, &LayerMetrics::gradWNorm));
    const QVector<QCPGraphData> theory = m_theoryOn ? theoryPoints(frame) : QVector<QCPGraphData>();

    // The view spans whole decades around every positive value drawn.
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    bool anyZero = false;
    for (const auto *group : {&past, &now})
        for (const Series &s : *group) {
            anyZero = anyZero || !s.zeroKeys.isEmpty();
            for (const QCPGraphData &p : s.points) {
                lo = std::min(lo, p.value);
                hi = std::max(hi, p.value);
            }
        }
    // The prediction shares the view: a line running off the plot would hide the lesson.
    for (const QCPGraphData &p : theory) {
        lo = std::min(lo, p.value);
        hi = std::max(hi, p.value);
    }
    if (hi <= 0) {
        lo = 1e-4;
        hi = 1;
    }
    double bottom = std::pow(10.0, std::floor(std::log10(lo)) - (anyZero ? 1 : 0));
    // Each format's own limits: float16's smallest normal, 6.1e-5, is a gradient size that
    // training meets; float32's (1.2e-38) only vanishing gradients reach.
    const PrecisionLimits format = precisionLimits(frame.config.precision);
    placeLimitLines(frame.config.precision);
    // float16's lines come within two decades; the wide formats' only near vanishing.
    const double showBelow = frame.config.precision == Precision::Float16
                                 ? 100 * format.smallestNormal
                                 : format.smallestNormal * (kShowLimitsBelow / kSmallestNormal);
    const bool limits = hi > 0 && lo < showBelow;
    // Room below the subnormal line, so its label and the zeros underneath stay apart.
    if (limits)
        bottom = std::min(bottom, format.smallestSubnormal / 1000);
    // Half a marker of room above the largest value.
    double top = std::pow(10.0, std::ceil(std::log10(hi * 1.5)));
    if (top / bottom < 100)
        bottom = top / 100;
    // Zeros sit a hair above the bottom edge, so their markers stay inside the plot.
    const double floor = bottom * 1.15;

    for (int i = 0; i < kMaxHistory; ++i) {
        QCPGraph *w = m_pastW[size_t(i)];
        QCPGraph *z = m_pastZ[size_t(i)];
        // The newest earlier snapshot gets the darkest of the fading pens (the last slots).
        const int slot = i - (kMaxHistory - shown);
        if (slot < 0) {
            w->data()->clear();
            z->data()->clear();
            continue;
        }
        w->data()->set(withZeros(past[2 * size_t(slot)], floor), true);
        z->data()->set(withZeros(past[2 * size_t(slot) + 1], floor), true);
    }
    m_gradW->data()->set(withZeros(now[0], floor), true);
    m_gradZ->data()->set(withZeros(now[1], floor), true);
    // Short when two runs are named: the long name pushed the legend past the plot's edge.
    labelCompareSeries(m_gradW, m_compareW, frame,
                       frame.compare ? tr("‖∂L/∂W‖") : tr("‖∂L/∂W‖ (weight gradient)"));
    if (frame.compare)
        m_compareW->data()->set(withZeros(now[2], floor), true);
    m_historyShown = shown;
    m_theory->data()->set(theory, true);
    m_theory->setVisible(m_theoryOn && !theory.isEmpty());
    if (m_theoryOn)
        showTheoryLegend(true);
    m_zeroNote->setVisible(anyZero);
    // With the limit lines the bottom is theirs: the note moves to the top left, which is
    // empty when gradients vanish (the only way to get there).
    if (limits) {
        m_zeroNote->position->setCoords(0.03, 0.04);
        m_zeroNote->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    } else {
        m_zeroNote->position->setCoords(0.5, 0.9);
        m_zeroNote->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
    }
    for (QCPAbstractItem *item : std::initializer_list<QCPAbstractItem *>{
             m_normalLine, m_subnormalLine, m_normalLabel, m_subnormalLabel})
        item->setVisible(limits);

    const size_t compareLayers = frame.compare ? frame.compare->snapshot.layers.size() : 0;
    const int layers = std::max<int>(1, int(std::max(frame.snapshot.layers.size(), compareLayers)));
    xAxis->setRange(0.5, layers + 0.5);
    yAxis->setRange(bottom, top);
}

void GradientPlot::showStalledLabels(const TrainingFrame &frame, double floor)
{
    const auto &layers = frame.snapshot.layers;
    const bool shown =
        isEmulated(frame.config.precision) && int(layers.size()) <= kMaxStalledLabels;
    for (int i = 0; shown && i < int(layers.size()); ++i) {
        if (i >= m_stalledLabels.size()) {
            auto *label = new QCPItemText(this);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setClipToAxisRect(true);
            m_stalledLabels.append(label);
        }
        QCPItemText *label = m_stalledLabels[i];
        const LayerMetrics &layer = layers[size_t(i)];
        label->setFont(style().tickFont());
        label->setColor(PlotStyle::color(Palette::ReddishPurple));
        const bool known = std::isfinite(layer.stalledUpdates);
        label->setVisible(known);
        if (!known)
            continue;
        const double y = layer.updateRatio > 0 ? layer.updateRatio : floor;
        label->position->setCoords(i + 1, y * 1.6);
        // The first layer's label starts at its point: centred, it ran off the plot's edge.
        label->setPositionAlignment((i == 0 ? Qt::AlignLeft : Qt::AlignHCenter) |
                                    Qt::AlignBottom);
        label->setText(tr("%1% lost").arg(std::lround(100 * layer.stalledUpdates)));
    }
    for (qsizetype i = shown ? qsizetype(layers.size()) : 0; i < m_stalledLabels.size(); ++i)
        m_stalledLabels[i]->setVisible(false);
}

void GradientPlot::placeLimitLines(Precision p)
{
    const PrecisionLimits format = precisionLimits(p);
    const QString name = QString::fromUtf8(precisionName(p).data());
    m_normalLine->point1->setCoords(0, format.smallestNormal);
    m_normalLine->point2->setCoords(1, format.smallestNormal);
    m_normalLabel->position->setCoords(0.99, format.smallestNormal);
    m_normalLabel->setText(
        tr("%1 smallest normal %2").arg(name).arg(format.smallestNormal, 0, 'g', 2));
    m_subnormalLine->point1->setCoords(0, format.smallestSubnormal);
    m_subnormalLine->point2->setCoords(1, format.smallestSubnormal);
    m_subnormalLabel->position->setCoords(0.99, format.smallestSubnormal);
    m_subnormalLabel->setText(
        tr("smallest subnormal %1 (below: 0)").arg(format.smallestSubnormal, 0, 'g', 2));
}

QString GradientPlot::describeFrame(const TrainingFrame &frame) const
{
    const auto &layers = frame.snapshot.layers;
    if (layers.empty())
        return tr("No hidden layers to show.");
    const auto number = [](double v) { return QString::number(v, 'e', 1); };
    if (m_ratioOn) {
        const double first = layers.front().updateRatio, last = layers.back().updateRatio;
        if (!std::isfinite(first) || !std::isfinite(last))
            return tr("No optimiser step yet to measure the update size.");
        return tr("Update size |ΔW|/|W| is %1 at layer 1 and %2 at layer %3.")
            .arg(number(first), number(last))
            .arg(layers.size());
    }
    const double first = layers.front().gradWNorm, last = layers.back().gradWNorm;
    if (!std::isfinite(first) || !std::isfinite(last))
        return tr("The gradients are no longer numbers: training diverged.");
    if (layers.size() == 1)
        return tr("Gradient size %1 at layer 1.").arg(number(first));
    const QString trend = last < first ? tr("falls") : last > first ? tr("rises") : tr("stays");
    return tr("Gradient size %1 from %2 at layer 1 to %3 at layer %4.")
        .arg(trend, number(first), number(last))
        .arg(layers.size());
}

} // namespace relulab
