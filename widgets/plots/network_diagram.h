// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <qcustomplot.h>

#include <Eigen/Core>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace relulab {

class PlotStyle;
struct NetworkWeights;
struct TrainingFrame;

/// What the network view draws for one unit: its picture and whether it is dead.
struct UnitDrawing
{
    QImage image;               ///< 2-D data: what the unit computes over the input plane
    std::vector<float> curve;   ///< 1-D data: the same over x, scaled into [-1, 1]
    bool dead = false;          ///< crossed out: it never learns again
    bool negativeAlive = false; ///< z <= 0 everywhere yet passing gradient (leaky slopes)
};

/// Every input, hidden unit and output of a small network in columns, linked by its weights:
/// one QCPLayerable painting the lot with QPainter, so a frame costs no QCP items and an export
/// (savePng, toPixmap) draws it like the screen. Positions follow the axis rect: column c is
/// centred on x = c of the axis rect's x axis (inputs 0, hidden layers 1..depth, output
/// depth + 1), and every column is centred vertically.
class NetworkDiagram : public QCPLayerable
{
public:
    /// `style` is the plot's, read at every draw (presentation scale and theme).
    NetworkDiagram(QCPAxisRect *rect, const PlotStyle *style);

    /// Takes what to draw from `frame`; false (and nothing drawn) unless the frame has weights
    /// and unit pictures that fit its snapshot.
    bool setFrame(const TrainingFrame &frame);
    void clear();
    bool isEmpty() const { return m_layers.empty(); }

    int depth() const { return int(m_layers.size()); }
    int columns() const { return depth() + 2; }
    int inputs() const { return m_inputs; }
    int outputs() const { return m_outputs; }
    const UnitDrawing &unit(int layer, int unit) const
    {
        return m_layers[size_t(layer)][size_t(unit)];
    }
    int unitCount(int layer) const { return int(m_layers[size_t(layer)].size()); }

    /// The pixel rectangle of hidden unit `unit` of 0-based hidden layer `layer` (its picture).
    QRectF unitRect(int layer, int unit) const;
    /// The hidden unit whose picture (or a few pixels around it) holds `pixel`.
    std::optional<std::pair<int, int>> unitAt(QPointF pixel) const;

    void setHovered(std::optional<std::pair<int, int>> unit) { m_hovered = unit; }
    void setPinned(std::optional<std::pair<int, int>> unit) { m_pinned = unit; }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    /// Centre of node `index` of column `column`, and the side of the column's nodes.
    QPointF centre(int column, int index, int count) const;
    double nodeSide() const;
    double inputSide() const;
    int rowSlots() const;
    void drawLinks(QCPPainter *painter) const;
    /// The links from column `gap` to column gap + 1.
    void drawLinks(QCPPainter *painter, int gap) const;
    /// Draws the links from the cached image, redrawing it first when it is out of date.
    void drawCachedLinks(QCPPainter *painter);
    void drawPicture(QCPPainter *painter, const QRectF &rect, const UnitDrawing &unit) const;
    void drawInputs(QCPPainter *painter) const;

    QCPAxisRect *m_rect;
    const PlotStyle *m_style;
    int m_inputs = 0;
    int m_outputs = 0;
    std::vector<std::vector<UnitDrawing>> m_layers;
    UnitDrawing m_output; ///< what the network outputs, as a picture like the units'
    std::shared_ptr<const NetworkWeights> m_weights;
    double m_maxAbsWeight = 0;
    bool m_playing = false; ///< the frame's: while training, links are redrawn less often
    /// The links of one gap between columns as last drawn, and the weights they show.
    struct LinkImage
    {
        QImage image;  ///< only the strip between the two columns: all gaps cost one plot's area
        QPoint origin; ///< where the strip's top left corner goes
        Eigen::MatrixXd weights;
    };
    std::vector<LinkImage> m_links;
    size_t m_nextLinkGap = 0;
    // What the link images were drawn for: a change in any redraws them all.
    QRect m_linkArea;
    double m_linkScale = 0;
    int m_linkTheme = -1;
    bool m_linkOutputPicture = false;
    double m_linkDpr = 0;
    std::optional<std::pair<int, int>> m_hovered;
    std::optional<std::pair<int, int>> m_pinned;
};

} // namespace relulab
