// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

#include <memory>
#include <vector>

namespace relulab {

class DeathTimeline;

/// When units died: the death timeline as a heat map, one row per unit (or per few units of a
/// large layer) grouped by layer with layer 1 at the top, training steps left to right, colour
/// the alive share and dead cells dark, so the moment a layer dies is one dark vertical edge.
/// The timeline's columns thin out with age, so they are drawn on an even grid of steps, each
/// cell from the column nearest to it: the x axis reads in steps. Compare mode puts run A and
/// run B side by side.
class TimelinePlot : public PlotBase
{
    Q_OBJECT

public:
    /// At most this many cells in one map (rows × step cells), whatever the timeline's size:
    /// a frame of the largest network then costs milliseconds, not a stutter.
    static constexpr int kMaxCells = 400'000;
    /// At most this many step cells across (a plot is narrower than this in pixels).
    static constexpr int kMaxStepCells = 800;
    /// At most this many rows drawn (a plot is shorter than this in pixels): past it,
    /// neighbouring rows of a layer are drawn as one.
    static constexpr int kMaxDrawnRows = 1024;

    explicit TimelinePlot(QWidget *parent = nullptr);
    ~TimelinePlot() override;

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("timeline"); }
    QString title() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    /// Run A's panel (0) and, in compare mode, run B's (1).
    int panelCount() const;
    QCPAxisRect *panelRect(int run) const;
    /// The run's alive shares at (step, row): row r of the timeline at y = r (up to
    /// kMaxDrawnRows rows; past it, y counts the drawn rows).
    QCPColorMap *aliveMap(int run = 0) const;
    /// Alpha 255 on dead cells, 0 elsewhere, in the same cells as aliveMap().
    QCPColorMap *deadCells(int run = 0) const;
    /// The panel's title ("A: ReLU"), empty outside compare mode.
    QString panelTitle(int run) const;
    /// What the tooltip says at a widget pixel: layer, units, step, alive share; empty off the map.
    QString cellText(QPointF pixelPos) const;

protected:
    void applyStyle() override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    struct Panel;
    void showTimeline(Panel &panel, const DeathTimeline &timeline);
    void setCompareShown(bool shown);

    std::vector<std::unique_ptr<Panel>> m_panels; ///< A, then B
    QCPLayoutGrid *m_body = nullptr;              ///< titles over the panels, then the colour bar
    QCPColorScale *m_colorScale = nullptr;
    QCPMarginGroup *m_margins = nullptr; ///< tops and bottoms of the panels and colour bar
    QCPMarginGroup *m_sides = nullptr;   ///< compare mode: left margins of the two panels
    bool m_compare = false;
};

} // namespace relulab
