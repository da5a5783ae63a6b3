// SPDX-License-Identifier: MIT
#include "network_plot.h"

#include "alive_share_map.h"
#include "compare_settings.h"
#include "mark_legend_item.h"
#include "network_diagram.h"
#include "training_frame.h"
#include "unit_marks.h"

#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

/// "−0.41": a real minus sign, which reads better at a distance than a hyphen.
QString signedNumber(double x)
{
    if (!std::isfinite(x))
        return QStringLiteral("n/a");
    QString s = QString::number(x, 'f', 2);
    if (s == QLatin1String("-0.00"))
        s = QStringLiteral("0.00");
    return s.replace(QLatin1Char('-'), QChar(0x2212));
}

/// "63%"; a share just above 0 or just below 1 keeps a decimal, so it never reads as 0 or 100.
QString percent(double share)
{
    if (!std::isfinite(share))
        return QStringLiteral("n/a");
    const double p = 100 * std::clamp(share, 0.0, 1.0);
    const bool edge = (p > 0 && p < 1) || (p > 99 && p < 100);
    return QString::number(p, 'f', edge ? 1 : 0) + QLatin1Char('%');
}

QString describe(const UnitMetrics &m)
{
    const QString moments =
        NetworkPlot::tr("z mean %1, std %2").arg(signedNumber(m.zMean), signedNumber(m.zStd));
    if (m.dead) {
        const QString dead = m.diedAtStep >= 0
                                 ? NetworkPlot::tr("dead, died at step %1").arg(m.diedAtStep)
                                 : NetworkPlot::tr("dead");
        return NetworkPlot::tr("%1: alive on no input; %2").arg(dead, moments);
    }
    // "Alive" alone would repeat the share; only the leaky case needs saying.
    const QString share = NetworkPlot::tr("alive on %1 of inputs").arg(percent(m.aliveShare));
    return m.negative ? NetworkPlot::tr("%1 (negative for every input, through the leaky "
                                        "slope); %2")
                            .arg(share, moments)
                      : NetworkPlot::tr("%1; %2").arg(share, moments);
}

} // namespace

NetworkPlot::NetworkPlot(QWidget *parent) : PlotBase(parent)
{
    m_map = std::make_unique<AliveShareMap>(xAxis, yAxis);
    m_colorScale = new QCPColorScale(this);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->setLabel(tr("alive share (% of inputs)"));
    m_map->setColorScale(m_colorScale);
    auto percentTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 25)
        percentTicks->addTick(p / 100.0, QString::number(p));
    m_colorScale->axis()->setTicker(percentTicks);
    // The map and its colour bar share one cell, so the caption row above spans the full width.
    m_mapRow = new QCPLayoutGrid;
    QCPAxisRect *rect = axisRect();
    plotLayout()->take(rect);
    // Over the map row, in compare mode, the note that says which run is drawn.
    m_body = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, m_body);
    m_body->addElement(0, 0, m_mapRow);
    m_note = new QCPTextElement(this, QString());
    m_note->setVisible(false);
    m_mapRow->addElement(0, 0, rect);
    m_mapRow->addElement(0, 1, m_colorScale);
    m_margins = new QCPMarginGroup(this);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);

    m_diagram = new NetworkDiagram(rect, &style());
    for (QCPItemRect **box : {&m_hoverBox, &m_pinBox}) {
        *box = new QCPItemRect(this);
        (*box)->setVisible(false);
        (*box)->setSelectable(false);
    }
    m_layerTicks = PlotStyle::stepTicker(xAxis);
    m_columnNames = QSharedPointer<QCPAxisTickerText>::create();
    xAxis->setTicker(m_layerTicks);
    yAxis->setTicker(PlotStyle::stepTicker(yAxis));
    yAxis->setRangeReversed(true); // unit 1 at the top, as in the diagram
    xAxis->setLabel(tr("hidden layer"));
    yAxis->setLabel(tr("unit"));
    for (QCPAxis *axis : {xAxis, yAxis})
        axis->grid()->setVisible(false); // lines through pictures or cells are only noise
    setMouseTracking(true);
    placeLegendAbove();
    finishSetup();
    setMapShown(true);
}

NetworkPlot::~NetworkPlot()
{
    // Back into the layout, so the plot deletes them while it still can.
    setMapShown(true);
    setNote(QStringLiteral("-"));
}

QString NetworkPlot::title() const
{
    return tr("The network, unit by unit");
}

QString NetworkPlot::shortTitle() const
{
    return tr("Network units");
}

QString NetworkPlot::explanation() const
{
    return tr("Every hidden unit as a small picture of what it computes; dark and crossed = dead: "
              "its gradient is 0 for every input, so it never learns again.");
}

QCPColorMap *NetworkPlot::aliveMap() const
{
    return m_map->map();
}

QCPColorMap *NetworkPlot::deadCells() const
{
    return m_map->deadCells();
}

void NetworkPlot::applyStyle()
{
    style().styleAxis(m_colorScale->axis());
    m_colorScale->setBarWidth(int(16 * style().scale()));
    m_hoverBox->setPen(QPen(style().ink(200), 2.0 * style().scale()));
    m_hoverBox->setBrush(Qt::NoBrush);
    m_pinBox->setPen(QPen(PlotStyle::color(Palette::ReddishPurple), 4.0 * style().scale()));
    m_pinBox->setBrush(Qt::NoBrush);
    m_note->setFont(style().legendFont());
    m_note->setTextColor(style().ink());
    wrapNote();
    for (QCPAxis *axis : {xAxis, yAxis})
        axis->grid()->setVisible(false);
}

void NetworkPlot::setMapShown(bool shown)
{
    // The diagram needs no colour bar: out of the layout, so the pictures get its width.
    const bool present = m_colorScale->layout() == m_mapRow;
    // Out of the layout, out of the margin group too: the group would still ask it for a margin.
    if (shown && !present) {
        m_mapRow->addElement(0, 1, m_colorScale);
        m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
    } else if (!shown && present) {
        m_mapRow->take(m_colorScale);
        m_mapRow->simplify();
        m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, nullptr);
    }
    m_colorScale->setVisible(shown);
    m_map->setVisible(shown);
    m_diagram->setVisible(!shown);
    yAxis->setVisible(shown);
}

bool NetworkPlot::valid(const std::vector<LayerMetrics> &layers, int layer, int unit)
{
    return layer >= 0 && size_t(layer) < layers.size() && unit >= 0 &&
           size_t(unit) < layers[size_t(layer)].units.size();
}

void NetworkPlot::setFrame(const TrainingFrame &frame)
{
    noteFrame(frame);
    m_layers = frame.snapshot.layers;
    m_compareLayers = frame.compare ? frame.compare->snapshot.layers : std::vector<LayerMetrics>();
    m_labelA = labelA(frame);
    m_labelB = labelB(frame);
    const bool diagram = m_diagram->setFrame(frame);
    m_showsMap = !diagram;
    setMapShown(m_showsMap);
    if (diagram)
        showDiagram(frame);
    else
        showMap(frame);

    // A unit that is no longer there is neither hovered nor pinned.
    if (m_hovered && !valid(m_layers, m_hovered->first, m_hovered->second))
        setHovered(std::nullopt);
    if (m_pinned && !valid(m_layers, m_pinned->first, m_pinned->second)) {
        m_pinned.reset();
        emit unitPinned(-1, -1);
    }

    // Under ReLU every negative unit is dead: the mark would never be seen.
    m_negativeShown = frame.config.activation != Activation::Relu;
    const int depth = int(m_layers.size());
    const int width = depth == 0 ? 0 : int(m_layers.front().units.size());
    const int inputs = frame.dataset ? frame.dataset->inputDim() : 2;
    QString key = diagram ? QStringLiteral("diagram") : QStringLiteral("map");
    if (diagram && m_negativeShown)
        key += QStringLiteral(" negative");
    if (!diagram && depth > 0 && !fitsNetworkDiagram(depth, width, inputs))
        key += QStringLiteral(" large");
    if (frame.compare)
        key += QStringLiteral("\n") + m_labelA + QStringLiteral("\n") + m_labelB;
    rebuildLegend(key);
    updateHighlights();
    finishFrame();
}

void NetworkPlot::showDiagram(const TrainingFrame &frame)
{
    Q_UNUSED(frame);
    const int depth = m_diagram->depth();
    m_columnNames->clear();
    m_columnNames->addTick(0, tr("input"));
    // Every layer up to 10 (the diagram's limit) has room for its number.
    for (int l = 1; l <= depth; ++l)
        m_columnNames->addTick(l, QString::number(l));
    m_columnNames->addTick(depth + 1, tr("output"));
    xAxis->setTicker(m_columnNames);
    xAxis->setLabel(tr("hidden layer"));
    xAxis->setRange(-0.5, depth + 1.5);
    yAxis->setRange(0, 1);
}

void NetworkPlot::showMap(const TrainingFrame &frame)
{
    Q_UNUSED(frame);
    const int depth = int(m_layers.size());
    int width = 0;
    for (const LayerMetrics &layer : m_layers)
        width = std::max(width, int(layer.units.size()));
    if (depth == 0 || width == 0) {
        m_map->clear();
    } else {
        m_map->setGrid(depth, 1, 1, width, 1);
        for (int l = 0; l < depth; ++l) {
            const auto &units = m_layers[size_t(l)].units;
            for (int u = 0; u < int(units.size()); ++u)
                m_map->setCell(l, u, units[size_t(u)].aliveShare, units[size_t(u)].dead);
        }
    }
    xAxis->setTicker(m_layerTicks);
    xAxis->setLabel(tr("hidden layer"));
    yAxis->setLabel(tr("unit"));
    xAxis->setRange(0.5, std::max(depth, 1) + 0.5);
    yAxis->setRange(0.5, std::max(width, 1) + 0.5);
}

void NetworkPlot::rebuildLegend(const QString &key)
{
    if (key == m_legendKey)
        return;
    m_legendKey = key;
    legend->clearItems();
    const QStringList parts = key.split(QLatin1Char('\n'));
    const QString &mode = parts.front();
    if (mode.startsWith(QLatin1String("diagram"))) {
        addDiagramKey(legend, &style(), mode.contains(QLatin1String("negative")));
    } else {
        addDeadCellKey(legend, tr("dead (alive on no input)"));
        if (mode.contains(QLatin1String("large")))
            legend->addItem(
                new MarkLegendItem(legend, tr("one cell per unit: too many to draw one by one")));
    }
    setNote(parts.size() == 3 ? tr("Drawing %1 — the tooltip adds %2").arg(parts[1], parts[2])
                              : QString());
    style().styleLegend(legend);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
}

void NetworkPlot::setNote(const QString &text)
{
    const bool present = m_note->layout() == m_body;
    if (!text.isEmpty() && !present) {
        m_body->insertRow(0);
        m_body->addElement(0, 0, m_note);
        m_body->setRowStretchFactors({0.001, 1.0});
    } else if (text.isEmpty() && present) {
        m_body->take(m_note);
        m_body->simplify();
    }
    m_noteText = text;
    m_note->setVisible(!text.isEmpty());
    wrapNote();
}

void NetworkPlot::wrapNote()
{
    // Run labels grow with the settings B overrides: a long note wraps instead of being cut.
    m_note->setText(wrappedToWidth(m_noteText, m_note->font(),
                                   std::max(1, width() - int(24 * style().scale()))));
}

void NetworkPlot::resizeEvent(QResizeEvent *event)
{
    PlotBase::resizeEvent(event);
    wrapNote();
}

QStringList NetworkPlot::legendTexts() const
{
    QStringList texts;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<MarkLegendItem *>(legend->item(i)))
            texts << item->text();
    return texts;
}

std::optional<NetworkPlot::Unit> NetworkPlot::unitAt(QPointF pixelPos) const
{
    if (!m_showsMap)
        return m_diagram->unitAt(pixelPos);
    if (!axisRect()->rect().contains(pixelPos.toPoint()))
        return std::nullopt;
    const int layer = int(std::lround(xAxis->pixelToCoord(pixelPos.x()))) - 1;
    const int unit = int(std::lround(yAxis->pixelToCoord(pixelPos.y()))) - 1;
    if (!valid(m_layers, layer, unit))
        return std::nullopt;
    return Unit{layer, unit};
}

QRectF NetworkPlot::unitRect(int layer, int unit) const
{
    if (!m_showsMap)
        return m_diagram->unitRect(layer, unit);
    if (!valid(m_layers, layer, unit))
        return QRectF();
    const QPointF a(xAxis->coordToPixel(layer + 0.5), yAxis->coordToPixel(unit + 0.5));
    const QPointF b(xAxis->coordToPixel(layer + 1.5), yAxis->coordToPixel(unit + 1.5));
    return QRectF(a, b).normalized();
}

QString NetworkPlot::unitText(int layer, int unit) const
{
    if (!valid(m_layers, layer, unit))
        return QString();
    const QString where = tr("Layer %1, unit %2").arg(layer + 1).arg(unit + 1);
    const UnitMetrics &a = m_layers[size_t(layer)].units[size_t(unit)];
    if (m_labelB.isEmpty())
        return where + QStringLiteral(" — ") + describe(a);
    QString text = where + QLatin1Char('\n') + m_labelA + QStringLiteral(" — ") + describe(a);
    if (valid(m_compareLayers, layer, unit))
        text += QLatin1Char('\n') + m_labelB + QStringLiteral(" — ") +
                describe(m_compareLayers[size_t(layer)].units[size_t(unit)]);
    return text;
}

void NetworkPlot::setPinnedUnit(int layer, int unit)
{
    m_pinned = valid(m_layers, layer, unit) || (layer >= 0 && unit >= 0 && m_layers.empty())
                   ? std::optional<Unit>(Unit{layer, unit})
                   : std::nullopt;
    updateHighlights();
    replot(QCustomPlot::rpQueuedReplot);
}

void NetworkPlot::setHovered(std::optional<Unit> unit)
{
    if (unit == m_hovered)
        return;
    m_hovered = unit;
    emit unitHovered(unit ? unit->first : -1, unit ? unit->second : -1);
    updateHighlights();
    replot(QCustomPlot::rpQueuedReplot);
}

void NetworkPlot::updateHighlights()
{
    m_diagram->setHovered(m_hovered);
    m_diagram->setPinned(m_pinned);
    const std::pair<QCPItemRect *, std::optional<Unit>> boxes[] = {{m_hoverBox, m_hovered},
                                                                   {m_pinBox, m_pinned}};
    for (const auto &[box, unit] : boxes) {
        const bool shown = m_showsMap && unit && (box == m_pinBox || unit != m_pinned);
        box->setVisible(shown);
        if (shown) {
            box->topLeft->setCoords(unit->first + 0.5, unit->second + 0.5);
            box->bottomRight->setCoords(unit->first + 1.5, unit->second + 1.5);
        }
    }
}

bool NetworkPlot::event(QEvent *event)
{
    // Over a unit the tooltip is its numbers; elsewhere the plot's explanation.
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const auto unit = unitAt(help->pos())) {
            QToolTip::showText(help->globalPos(), unitText(unit->first, unit->second), this);
            return true;
        }
    }
    return PlotBase::event(event);
}

void NetworkPlot::mouseMoveEvent(QMouseEvent *event)
{
    PlotBase::mouseMoveEvent(event);
    const auto unit = unitAt(event->position());
    const bool changed = unit != m_hovered;
    setHovered(unit);
    // An open tooltip follows the mouse from unit to unit.
    if (changed && QToolTip::isVisible()) {
        if (unit)
            QToolTip::showText(event->globalPosition().toPoint(),
                               unitText(unit->first, unit->second), this);
        else
            QToolTip::hideText();
    }
}

void NetworkPlot::mousePressEvent(QMouseEvent *event)
{
    PlotBase::mousePressEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    const auto unit = unitAt(event->position());
    // A click on another unit pins it; on the pinned unit or on empty space, unpins.
    const std::optional<Unit> pinned = unit && unit != m_pinned ? unit : std::nullopt;
    if (pinned == m_pinned)
        return;
    m_pinned = pinned;
    emit unitPinned(pinned ? pinned->first : -1, pinned ? pinned->second : -1);
    updateHighlights();
    replot(QCustomPlot::rpQueuedReplot);
}

void NetworkPlot::leaveEvent(QEvent *event)
{
    PlotBase::leaveEvent(event);
    setHovered(std::nullopt);
}

QString NetworkPlot::describeFrame(const TrainingFrame &frame) const
{
    const auto &layers = frame.snapshot.layers;
    int units = 0, dead = 0;
    size_t most = 0;
    std::vector<int> deadPerLayer(layers.size(), 0);
    for (size_t i = 0; i < layers.size(); ++i) {
        for (const UnitMetrics &u : layers[i].units)
            deadPerLayer[i] += u.dead ? 1 : 0;
        units += int(layers[i].units.size());
        dead += deadPerLayer[i];
        if (deadPerLayer[i] > deadPerLayer[most])
            most = i;
    }
    if (units == 0)
        return tr("No hidden units to show.");
    if (dead == 0)
        return tr("All %1 hidden units are alive.").arg(units);
    return tr("%1 of %2 hidden units are dead; layer %3 has the most (%4 of %5).")
        .arg(dead)
        .arg(units)
        .arg(most + 1)
        .arg(deadPerLayer[most])
        .arg(layers[most].units.size());
}

} // namespace relulab
