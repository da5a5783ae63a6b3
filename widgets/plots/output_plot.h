// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

#include <Eigen/Core>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QAction;

namespace relulab {

/// What the network computes. 2-D data: P(class 1) over the input plane as a two-colour map,
/// the P = 0.5 decision boundary as a black line, and the training points (two classes, two
/// colours and two shapes). 1-D data: the training points, the fitted curve and the true function.
/// Like TensorFlow Playground, it can add the held-out test points and split the map into the two
/// decisions; while the network view hovers a hidden unit, it shows what that unit computes.
/// The plot keeps what it draws from the last frame, so each of these redraws at once, also
/// while training is paused.
class OutputPlot : public PlotBase
{
    Q_OBJECT

public:
    static constexpr int kMaxPointsDrawn = 2000; ///< larger data sets are thinned for drawing
    static constexpr int kMaxBoundaryLines = 48; ///< pieces of the 0.5 contour drawn at most

    explicit OutputPlot(QWidget *parent = nullptr);
    ~OutputPlot() override;

    /// Also draws the test points (hollow markers), off by default.
    void setShowTestData(bool on);
    bool showTestData() const { return m_showTestData; }
    /// The probability map in two colours split at P = 0.5 (the decision), off by default.
    void setDiscretized(bool on);
    bool discretized() const { return m_discretized; }
    /// Checkable actions for the two toggles (in the right-click menu; a window may add them
    /// to its own menus too).
    QAction *showTestDataAction() const { return m_showTestDataAction; }
    QAction *discretizeAction() const { return m_discretizeAction; }

    /// While set, the map shows φ(z) of hidden unit `unit` of hidden layer `layer` (both
    /// 0-based, as in UnitPictures::layers[layer].row(unit); drawn as "Layer layer+1, unit
    /// unit+1"); for 1-D data, its curve replaces the fitted one. A frame without unit
    /// pictures (or without that unit) shows the usual picture.
    void setShownUnit(int layer, int unit);
    void clearShownUnit();
    /// The unit asked for as (layer, unit), whether or not the frame has its picture.
    std::optional<std::pair<int, int>> shownUnit() const { return m_shownUnit; }
    /// Whether the unit's picture is drawn now (asked for, and in the last frame).
    bool showingUnit() const { return m_unitDrawn; }

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("output"); }
    QString title() const override;
    QString shortTitle() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPColorMap *probabilityMap() const { return m_map; }
    QCPGraph *classZero() const { return m_class0; }
    QCPGraph *classOne() const { return m_class1; }
    QCPGraph *fittedCurve() const { return m_fit; }
    QCPGraph *dataPoints() const { return m_points; }
    /// Compare mode: run B's P = 0.5 boundary as dots (2-D) or its curve dashed (1-D).
    QCPGraph *compareBoundary() const { return m_compareBoundary; }
    QCPGraph *compareFit() const { return m_compareFit; }
    /// The test points: per class for 2-D data (hollow markers in the class colours), all in
    /// testPoints() for 1-D data; empty and hidden while the test data is not shown.
    QCPGraph *testClassZero() const { return m_test0; }
    QCPGraph *testClassOne() const { return m_test1; }
    QCPGraph *testPoints() const { return m_testPoints; }
    /// 1-D data: the shown unit's φ(z) over x (empty and hidden unless a unit is shown).
    QCPGraph *unitCurve() const { return m_unitCurve; }
    QCPColorScale *colorScale() const { return m_colorScale; }
    /// Points on the P = 0.5 boundary drawn now (all pieces together).
    int boundaryPointCount() const;

protected:
    void applyStyle() override;
    void addContextActions(QMenu *menu) override;

private:
    /// Draws the kept frame as the toggles and the shown unit ask.
    void redraw();
    /// `unit`: the shown unit's values (see unitValues), drawn in place of the output if any.
    void showClassification(const TrainingFrame &frame, const Eigen::VectorXf &unit);
    void showRegression(const TrainingFrame &frame, const Eigen::VectorXf &unit);
    /// Run B's boundary or curve over A's picture, when `frame` is a comparison.
    void showCompare(const TrainingFrame &frame, bool classification);
    void setColorScaleShown(bool shown);
    /// The hollow test points, or none while they are not shown.
    void showTestPoints(const TrainingFrame &frame, bool classification);
    /// φ(z) of the shown unit over the frame's unit-picture grid, or nothing if the frame has
    /// none that fits (`twoD`: a resolution² grid; otherwise resolution points along x).
    Eigen::VectorXf unitValues(const TrainingFrame &frame, bool twoD) const;
    /// "Layer L, unit U: φ(z)" for the shown unit.
    QString unitLabel() const;
    /// The map's colours for what it shows now: P(class 1), the decision, or a unit's φ(z).
    void applyMapStyle();

    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_colorScale = nullptr;
    QCPLayoutGrid *m_mapRow = nullptr;  ///< the map's axis rect, then the colour bar
    std::vector<QCPCurve *> m_boundary; ///< created on demand; the first carries the legend entry
    QCPGraph *m_class0 = nullptr;
    QCPGraph *m_class1 = nullptr;
    QCPGraph *m_truth = nullptr;
    QCPGraph *m_points = nullptr;
    QCPGraph *m_fit = nullptr;
    QCPGraph *m_compareBoundary = nullptr;
    QCPGraph *m_compareFit = nullptr;
    QCPGraph *m_test0 = nullptr;
    QCPGraph *m_test1 = nullptr;
    QCPGraph *m_testLegend = nullptr; ///< no data: the legend entry for the 2-D test points
    QCPGraph *m_testPoints = nullptr;
    QCPGraph *m_unitCurve = nullptr;
    QAction *m_showTestDataAction = nullptr;
    QAction *m_discretizeAction = nullptr;
    QSharedPointer<QCPAxisTicker> m_colorTicker;        ///< the colour bar's own (numbers)
    QSharedPointer<QCPAxisTickerText> m_decisionTicker; ///< "class 0", "class 1"

    bool m_showTestData = false;
    bool m_discretized = false;
    std::optional<std::pair<int, int>> m_shownUnit;
    bool m_unitDrawn = false;
    /// What the plot draws from the last frame (the rest of it left out), so that the toggles
    /// and the shown unit redraw without waiting for another one; null before the first frame.
    std::unique_ptr<TrainingFrame> m_frame;
};

} // namespace relulab
