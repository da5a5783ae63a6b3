// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"
#include "snapshot.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace relulab {

class AliveShareMap;
class NetworkDiagram;

/// The network, unit by unit. A network that fits the diagram (and whose frame carries weights
/// and unit pictures) is drawn whole: inputs, every hidden unit as a small picture of what it
/// computes over the input, the output, and the weights as links (blue positive, orange
/// negative, wider and stronger the larger |w|). A dead unit is dark and crossed, a negative but
/// alive one dashed with a "−" badge. Any other network is a layer × unit map of alive shares,
/// dead cells dark. Hovering a unit tells its numbers and emits unitHovered(); a click pins it.
/// Compare mode draws run A and adds run B's numbers for the same unit to the tooltip.
class NetworkPlot : public PlotBase
{
    Q_OBJECT

public:
    using Unit = std::pair<int, int>; ///< 0-based hidden layer, 0-based unit

    explicit NetworkPlot(QWidget *parent = nullptr);
    ~NetworkPlot() override;

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("network"); }
    QString title() const override;
    QString shortTitle() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    /// True when the frame shown is drawn as the layer × unit map, not unit by unit.
    bool showsMap() const { return m_showsMap; }
    /// The unit drawn at `pixelPos` (widget pixels), in the diagram or the map.
    std::optional<Unit> unitAt(QPointF pixelPos) const;
    /// Where `layer`'s `unit` is drawn (its picture or map cell), in widget pixels.
    QRectF unitRect(int layer, int unit) const;
    std::optional<Unit> pinnedUnit() const { return m_pinned; }
    std::optional<Unit> hoveredUnit() const { return m_hovered; }
    /// Pins a unit (or unpins with -1, -1) without emitting unitPinned: for sessions and undo.
    void setPinnedUnit(int layer, int unit);
    /// The tooltip of a unit: "Layer 2, unit 5 — alive on 63% of inputs; …"; empty if none.
    QString unitText(int layer, int unit) const;

    QCPColorMap *aliveMap() const;  ///< map mode: alive share at (layer + 1, unit + 1)
    QCPColorMap *deadCells() const; ///< map mode: alpha 255 on dead units
    NetworkDiagram *diagram() const { return m_diagram; }
    QCPColorScale *colorScale() const { return m_colorScale; }
    /// The entries of the caption row, for tests: "dead", "negative but alive", …
    QStringList legendTexts() const;
    /// Compare mode: which run is drawn ("Drawn: A: ReLU. Hover a unit for B: … too."); else empty.
    QString note() const { return m_note->visible() ? m_noteText : QString(); }

signals:
    /// The mouse is over this unit (0-based hidden layer and unit), or (-1, -1) on leaving it.
    void unitHovered(int layer, int unit);
    /// A click pinned this unit, or unpinned with (-1, -1).
    void unitPinned(int layer, int unit);

protected:
    void applyStyle() override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showDiagram(const TrainingFrame &frame);
    void showMap(const TrainingFrame &frame);
    void setMapShown(bool shown);
    void rebuildLegend(const QString &key);
    /// Shows `text` over the plot (compare mode), or takes the note out of the layout if empty.
    void setNote(const QString &text);
    void wrapNote();
    void setHovered(std::optional<Unit> unit);
    void updateHighlights();
    static bool valid(const std::vector<LayerMetrics> &layers, int layer, int unit);

    NetworkDiagram *m_diagram = nullptr;
    std::unique_ptr<AliveShareMap> m_map;
    QCPColorScale *m_colorScale = nullptr;
    QCPLayoutGrid *m_body = nullptr; ///< the note (compare mode), then the map row
    QCPTextElement *m_note = nullptr;
    QString m_noteText;                  ///< the note unwrapped
    QCPLayoutGrid *m_mapRow = nullptr;   ///< the axis rect, then (map mode) the colour bar
    QCPMarginGroup *m_margins = nullptr; ///< tops and bottoms of the axis rect and colour bar
    QSharedPointer<QCPAxisTicker> m_layerTicks;      ///< map mode: whole layer numbers
    QSharedPointer<QCPAxisTickerText> m_columnNames; ///< diagram: input, 1 … depth, output
    QCPItemRect *m_hoverBox = nullptr;               ///< map mode: the hovered cell
    QCPItemRect *m_pinBox = nullptr;                 ///< map mode: the pinned cell
    bool m_showsMap = true;
    bool m_negativeShown = false;
    QString m_legendKey;
    /// The units' numbers for the tooltip (run B's in compare mode, labels "A: …" / "B: …").
    std::vector<LayerMetrics> m_layers;
    std::vector<LayerMetrics> m_compareLayers;
    QString m_labelA, m_labelB;
    std::optional<Unit> m_hovered;
    std::optional<Unit> m_pinned;
};

} // namespace relulab
