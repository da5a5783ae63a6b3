// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

#include <vector>

namespace relulab {

/// What the network computes. 2-D data: P(class 1) over the input plane as a two-colour map,
/// the P = 0.5 decision boundary as a black line, and the training points (two classes, two
/// colours and two shapes). 1-D data: the training points, the fitted curve and the true function.
class OutputPlot : public PlotBase
{
    Q_OBJECT

public:
    static constexpr int kMaxPointsDrawn = 2000; ///< larger training sets are thinned for drawing
    static constexpr int kMaxBoundaryLines = 48; ///< pieces of the 0.5 contour drawn at most

    explicit OutputPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("output"); }
    QString title() const override;
    QString explanation() const override;

    QCPColorMap *probabilityMap() const { return m_map; }
    QCPGraph *classZero() const { return m_class0; }
    QCPGraph *classOne() const { return m_class1; }
    QCPGraph *fittedCurve() const { return m_fit; }
    QCPGraph *dataPoints() const { return m_points; }
    /// Compare mode: run B's P = 0.5 boundary as dots (2-D) or its curve dashed (1-D).
    QCPGraph *compareBoundary() const { return m_compareBoundary; }
    QCPGraph *compareFit() const { return m_compareFit; }
    /// Points on the P = 0.5 boundary drawn now (all pieces together).
    int boundaryPointCount() const;

protected:
    void applyStyle() override;

private:
    void showClassification(const TrainingFrame &frame);
    void showRegression(const TrainingFrame &frame);
    /// Run B's boundary or curve over A's picture, when `frame` is a comparison.
    void showCompare(const TrainingFrame &frame, bool classification);
    void setColorScaleShown(bool shown);

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
};

} // namespace relulab
