// SPDX-License-Identifier: MIT
#include "timeline_plot.h"

#include "alive_share_map.h"
#include "compare_settings.h"
#include "layer_separators.h"
#include "layer_ticker.h"
#include "training_frame.h"
#include "unit_marks.h"

#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

/// The mean alive share of cells [lo, hi), and whether all of them are dead.
double meanShare(const std::vector<std::uint8_t> &cells, int lo, int hi, bool *allDead)
{
    double sum = 0;
    *allDead = true;
    for (int r = lo; r < hi; ++r) {
        sum += DeathTimeline::decode(cells[size_t(r)]);
        *allDead = *allDead && cells[size_t(r)] == DeathTimeline::kDead;
    }
    return hi > lo ? sum / (hi - lo) : 0;
}

QString percent(double share)
{
    const double p = 100 * std::clamp(share, 0.0, 1.0);
    const bool edge = (p > 0 && p < 1) || (p > 99 && p < 100);
    return QString::number(p, 'f', edge ? 1 : 0) + QLatin1Char('%');
}

} // namespace

struct TimelinePlot::Panel
{
    QCPAxisRect *rect = nullptr;
    QCPTextElement *title = nullptr;
    std::unique_ptr<AliveShareMap> map;
    QSharedPointer<LayerTicker> ticker;
    LayerSeparators *separators = nullptr;
    DeathTimeline timeline;        ///< what is drawn (columns shared with the frame)
    int drawnPerLayer = 0;         ///< rows drawn per layer (the timeline's, or fewer)
    std::vector<int> columnOfCell; ///< per step cell, the timeline column it shows
    double firstStep = 0, cellStep = 1;

    /// The timeline rows [first, last) that drawn row `drawn` stands for.
    std::pair<int, int> rowsOf(int drawn) const
    {
        const int layer = drawn / drawnPerLayer, inLayer = drawn % drawnPerLayer;
        const int perLayer = timeline.rowsPerLayer();
        auto start = [&](int j) { return int(std::int64_t(j) * perLayer / drawnPerLayer); };
        return {layer * perLayer + start(inLayer), layer * perLayer + start(inLayer + 1)};
    }
};

TimelinePlot::TimelinePlot(QWidget *parent) : PlotBase(parent)
{
    m_colorScale = new QCPColorScale(this);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setLabel(tr("alive share (% of inputs)"));
    auto percentTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 25)
        percentTicks->addTick(p / 100.0, QString::number(p));
    m_colorScale->axis()->setTicker(percentTicks);
    m_margins = new QCPMarginGroup(this);
    m_sides = new QCPMarginGroup(this);

    m_body = new QCPLayoutGrid;
    QCPAxisRect *first = axisRect();
    plotLayout()->take(first);
    plotLayout()->addElement(0, 0, m_body);
    m_body->addElement(0, 0, first);
    m_body->addElement(0, 1, m_colorScale);
    for (int run = 0; run < 2; ++run) {
        auto panel = std::make_unique<Panel>();
        panel->rect = run == 0 ? first : new QCPAxisRect(this);
        panel->title = new QCPTextElement(this, QString());
        QCPAxis *steps = panel->rect->axis(QCPAxis::atBottom);
        QCPAxis *rows = panel->rect->axis(QCPAxis::atLeft);
        panel->map = std::make_unique<AliveShareMap>(steps, rows);
        panel->map->setColorScale(m_colorScale);
        panel->ticker = QSharedPointer<LayerTicker>::create(rows);
        panel->separators = new LayerSeparators(panel->rect, panel->ticker.data(), &style());
        steps->setLabel(tr("training step"));
        rows->setLabel(tr("units, by layer"));
        steps->setTicker(PlotStyle::stepTicker(steps));
        rows->setTicker(panel->ticker);
        rows->setRangeReversed(true); // layer 1 at the top
        for (QCPAxis *axis : {steps, rows})
            axis->grid()->setVisible(false);
        m_panels.push_back(std::move(panel));
    }
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
    first->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);

    placeLegendAbove();
    addDeadCellKey(legend, tr("dead (every unit of the row)"));
    finishSetup();
    // Run B's panel and both titles wait outside the layout until compare mode.
    Panel &b = *m_panels[1];
    b.rect->setVisible(false);
    b.title->setVisible(false);
    m_panels[0]->title->setVisible(false);
    b.map->setVisible(false);
    b.separators->setVisible(false);
    setMouseTracking(true);
}

TimelinePlot::~TimelinePlot()
{
    // Every element back into the layout, so the plot deletes it while it still can.
    setCompareShown(true);
}

QString TimelinePlot::title() const
{
    return tr("When units died");
}

QString TimelinePlot::explanation() const
{
    return tr("Every hidden unit's alive share over training, layer 1 at the top: a unit turns "
              "dark when it dies, so the moment a whole layer dies is one dark vertical edge.");
}

int TimelinePlot::panelCount() const
{
    return m_compare ? 2 : 1;
}

QCPAxisRect *TimelinePlot::panelRect(int run) const
{
    return m_panels[size_t(std::clamp(run, 0, 1))]->rect;
}

QCPColorMap *TimelinePlot::aliveMap(int run) const
{
    return m_panels[size_t(std::clamp(run, 0, 1))]->map->map();
}

QCPColorMap *TimelinePlot::deadCells(int run) const
{
    return m_panels[size_t(std::clamp(run, 0, 1))]->map->deadCells();
}

QString TimelinePlot::panelTitle(int run) const
{
    return m_compare ? m_panels[size_t(std::clamp(run, 0, 1))]->title->text() : QString();
}

void TimelinePlot::setCompareShown(bool shown)
{
    if (shown == m_compare)
        return;
    m_compare = shown;
    Panel &a = *m_panels[0];
    Panel &b = *m_panels[1];
    // Rebuilt whole: taking cells out of a grid leaves empty rows that would still get room.
    for (QCPLayoutElement *e :
         std::initializer_list<QCPLayoutElement *>{a.title, a.rect, b.title, b.rect, m_colorScale})
        if (e->layout() == m_body)
            m_body->take(e);
    m_body->simplify();
    if (shown) {
        m_body->addElement(0, 0, a.title);
        m_body->addElement(0, 1, b.title);
        m_body->addElement(1, 0, a.rect);
        m_body->addElement(1, 1, b.rect);
        m_body->addElement(1, 2, m_colorScale);
        m_body->setRowStretchFactors({0.001, 1.0});
    } else {
        m_body->addElement(0, 0, a.rect);
        m_body->addElement(0, 1, m_colorScale);
    }
    a.title->setVisible(shown);
    b.title->setVisible(shown);
    // Only a panel in the layout may be in a margin group: the group asks each member for its
    // margin, and a panel outside the layout has stale ticks (QCP then reads past its labels).
    // Equal left margins give the two runs equally wide maps, so their steps line up.
    if (shown) {
        b.rect->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
        for (QCPAxisRect *rect : {a.rect, b.rect})
            rect->setMarginGroup(QCP::msLeft, m_sides);
    } else {
        for (QCPAxisRect *rect : {a.rect, b.rect})
            rect->setMarginGroup(QCP::msLeft, nullptr);
        b.rect->setMarginGroup(QCP::msTop | QCP::msBottom, nullptr);
    }
    b.rect->setVisible(shown);
    b.map->setVisible(shown);
    b.separators->setVisible(shown);
    applyStyle(); // B's axes were out of the layout while the style changed
}

void TimelinePlot::applyStyle()
{
    style().styleAxis(m_colorScale->axis());
    m_colorScale->setBarWidth(int(16 * style().scale()));
    for (const auto &panel : m_panels) {
        style().styleAxisRect(panel->rect);
        for (QCPAxis *axis : panel->rect->axes())
            axis->grid()->setVisible(false);
        panel->title->setFont(style().noteFont());
        panel->title->setTextColor(style().ink());
    }
}

void TimelinePlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    setCompareShown(bool(frame.compare));
    showTimeline(*m_panels[0], frame.timeline);
    if (frame.compare) {
        m_panels[0]->title->setText(labelA(frame));
        m_panels[1]->title->setText(labelB(frame));
        showTimeline(*m_panels[1], frame.compare->timeline);
    }
    // Runs of one shape share their rows: B's layer labels would only repeat A's.
    const DeathTimeline &a = m_panels[0]->timeline, &b = m_panels[1]->timeline;
    const bool sameRows = a.depth() == b.depth() && a.rowsPerLayer() == b.rowsPerLayer();
    QCPAxis *rowsB = m_panels[1]->rect->axis(QCPAxis::atLeft);
    rowsB->setTickLabels(!(frame.compare && sameRows));
    rowsB->setLabel(frame.compare && sameRows ? QString() : tr("units, by layer"));
    finishFrame();
}

void TimelinePlot::showTimeline(Panel &panel, const DeathTimeline &timeline)
{
    panel.timeline = timeline;
    const auto &columns = timeline.columns();
    // Past kMaxDrawnRows, neighbouring rows of a layer are drawn as one (more rows than pixels
    // only cost time): a row's share is their mean, and it is dead only if all of them are.
    const int perLayer = timeline.rowsPerLayer();
    const int group = std::max(1, (timeline.rows() + kMaxDrawnRows - 1) / kMaxDrawnRows);
    panel.drawnPerLayer = perLayer == 0 ? 0 : std::max(1, (perLayer + group - 1) / group);
    const int rows = timeline.depth() * panel.drawnPerLayer;
    panel.ticker->setShape(timeline.depth(), panel.drawnPerLayer);
    panel.separators->setShape(timeline.depth(), panel.drawnPerLayer);
    panel.columnOfCell.clear();
    QCPAxis *steps = panel.rect->axis(QCPAxis::atBottom);
    QCPAxis *rowAxis = panel.rect->axis(QCPAxis::atLeft);
    rowAxis->setRange(-0.5, std::max(rows, 1) - 0.5);
    if (columns.empty() || rows == 0) {
        panel.map->clear();
        steps->setRange(0, 1);
        return;
    }
    const double first = double(columns.front().step);
    const double last = double(columns.back().step);
    // An even grid of steps, fine enough for the plot's width, never finer than one step.
    int cells = 1;
    const int affordable = std::min(kMaxStepCells, kMaxCells / rows); // whole cells per row
    if (last > first)
        cells = int(std::clamp<double>(affordable, 2, last - first + 1));
    const double cellStep = cells > 1 ? (last - first) / (cells - 1) : 1.0;
    panel.firstStep = first;
    panel.cellStep = cellStep;
    panel.map->setGrid(cells, first, cellStep, rows, 0);
    size_t c = 0;
    for (int g = 0; g < cells; ++g) {
        // The column nearest to the cell's step (columns are oldest first).
        const double at = first + g * cellStep;
        while (c + 1 < columns.size() &&
               std::abs(double(columns[c + 1].step) - at) <= std::abs(double(columns[c].step) - at))
            ++c;
        panel.columnOfCell.push_back(int(c));
        const std::vector<std::uint8_t> *values = columns[c].cells.get();
        if (!values || int(values->size()) < timeline.rows())
            continue;
        for (int r = 0; r < rows; ++r) {
            const auto [lo, hi] = panel.rowsOf(r);
            bool dead = true;
            const double share = meanShare(*values, lo, hi, &dead);
            panel.map->setCell(g, r, share, dead);
        }
    }
    steps->setRange(first - cellStep / 2, (cells > 1 ? last : first) + cellStep / 2);
}

QString TimelinePlot::cellText(QPointF pixelPos) const
{
    for (int run = 0; run < panelCount(); ++run) {
        const Panel &panel = *m_panels[size_t(run)];
        if (!panel.rect->rect().contains(pixelPos.toPoint()) || panel.columnOfCell.empty())
            continue;
        const DeathTimeline &t = panel.timeline;
        const int row =
            int(std::lround(panel.rect->axis(QCPAxis::atLeft)->pixelToCoord(pixelPos.y())));
        const double step = panel.rect->axis(QCPAxis::atBottom)->pixelToCoord(pixelPos.x());
        const int cell = int(std::lround((step - panel.firstStep) / panel.cellStep));
        if (row < 0 || row >= t.depth() * panel.drawnPerLayer || cell < 0 ||
            cell >= int(panel.columnOfCell.size()))
            return QString();
        const auto &column = t.columns()[size_t(panel.columnOfCell[size_t(cell)])];
        if (!column.cells || int(column.cells->size()) < t.rows())
            return QString();
        const auto [rowLo, rowHi] = panel.rowsOf(row);
        const int layer = rowLo / t.rowsPerLayer();
        const int lo = t.firstUnit(rowLo % t.rowsPerLayer());
        const int hi = t.lastUnit((rowHi - 1) % t.rowsPerLayer());
        const QString units =
            hi - lo > 1 ? tr("units %1–%2").arg(lo + 1).arg(hi) : tr("unit %1").arg(lo + 1);
        bool dead = true;
        const double share = meanShare(*column.cells, rowLo, rowHi, &dead);
        const QString state = dead ? (hi - lo > 1 ? tr("all dead") : tr("dead"))
                                   : tr("alive on %1 of inputs").arg(percent(share));
        QString text =
            tr("Layer %1, %2, step %3 — %4").arg(layer + 1).arg(units).arg(column.step).arg(state);
        if (m_compare)
            text = panel.title->text() + QLatin1Char('\n') + text;
        return text;
    }
    return QString();
}

bool TimelinePlot::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = cellText(help->pos());
        if (!text.isEmpty()) {
            QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
    }
    return PlotBase::event(event);
}

void TimelinePlot::mouseMoveEvent(QMouseEvent *event)
{
    PlotBase::mouseMoveEvent(event);
    // An open tooltip follows the mouse from cell to cell.
    if (QToolTip::isVisible()) {
        const QString text = cellText(event->position());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, this);
    }
}

QString TimelinePlot::describeFrame(const TrainingFrame &frame) const
{
    int units = 0, dead = 0;
    std::int64_t first = -1;
    for (const LayerMetrics &layer : frame.snapshot.layers) {
        for (const UnitMetrics &u : layer.units) {
            ++units;
            if (!u.dead)
                continue;
            ++dead;
            if (u.diedAtStep >= 0 && (first < 0 || u.diedAtStep < first))
                first = u.diedAtStep;
        }
    }
    if (units == 0)
        return tr("No hidden units to show.");
    if (dead == 0)
        return tr("No unit has died by step %1.").arg(frame.snapshot.step);
    if (first < 0)
        return tr("%1 of %2 units are dead at step %3.")
            .arg(dead)
            .arg(units)
            .arg(frame.snapshot.step);
    return tr("%1 of %2 units are dead at step %3; the first of them died at step %4.")
        .arg(dead)
        .arg(units)
        .arg(frame.snapshot.step)
        .arg(first);
}

} // namespace relulab
