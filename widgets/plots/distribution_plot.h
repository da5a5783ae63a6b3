// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

#include <memory>
#include <vector>

namespace relulab {

struct Histogram;
struct LayerDistributions;

/// A ridge plot of per-layer distributions: one ridge per hidden layer, layer 1 at the bottom,
/// all on one x axis, with the zero line drawn bold and the part of each ridge at or below
/// zero shaded in the "dead" colour. Under ReLU, mass left of the line passes no gradient, so
/// a student sees a layer slide into the negative region before it dies. Shows either the
/// pre-activations z over the training set or the weights W (setQuantity).
class DistributionPlot : public PlotBase
{
    Q_OBJECT

public:
    enum class Quantity
    {
        Preactivations, ///< z = W·a + b of every unit for every training input
        Weights,        ///< the entries of W
    };

    /// Height of a ridge's tallest bin, in layer spacings: ridges overlap a little, as in
    /// every ridge plot, so 20 layers still fit.
    static constexpr double kRidgeHeight = 1.45;

    explicit DistributionPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("distributions"); }
    QString title() const override;
    QString shortTitle() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    Quantity quantity() const { return m_quantity; }
    /// Switches between z and W; redraws from the last frame.
    void setQuantity(Quantity quantity);

    /// Ridges drawn (one per hidden layer of the last frame with histograms).
    int ridgeCount() const { return int(m_ridges.size()); }
    /// Layer `i` (0 = layer 1): the part of the ridge at z <= 0 and at z >= 0, each filled
    /// down to the ridge's baseline, and its label ("63% ≤ 0").
    QCPGraph *negativeRidge(int i) const { return m_ridges.at(size_t(i)).negative; }
    QCPGraph *positiveRidge(int i) const { return m_ridges.at(size_t(i)).positive; }
    QCPItemText *shareLabel(int i) const { return m_ridges.at(size_t(i)).label; }
    QCPItemStraightLine *zeroLine() const { return m_zeroLine; }
    /// "Open the view while training runs" text, shown while no frame had histograms.
    QCPItemText *placeholder() const { return m_placeholder; }

protected:
    void applyStyle() override;

private:
    struct Ridge
    {
        QCPGraph *negativeBase = nullptr; ///< invisible baselines the fills go down to
        QCPGraph *positiveBase = nullptr;
        QCPGraph *negative = nullptr;
        QCPGraph *positive = nullptr;
        QCPItemText *label = nullptr;
    };

    void rebuildRidges(int count);
    void styleRidge(const Ridge &ridge) const;
    void drawRidge(const Ridge &ridge, int index, const Histogram &h) const;
    void redraw();

    Quantity m_quantity = Quantity::Preactivations;
    std::vector<Ridge> m_ridges;
    QCPItemStraightLine *m_zeroLine = nullptr;
    QCPItemText *m_zeroLabel = nullptr;
    QCPItemText *m_placeholder = nullptr;
    /// What the last frame carried, so the z/W switch redraws without waiting for a frame.
    std::shared_ptr<const LayerDistributions> m_distributions;
    std::vector<double> m_deadFractions; ///< per layer, from the last frame's snapshot
    int m_labelEvery = 1; ///< deep networks label every k-th layer (and every dead one)
};

} // namespace relulab
