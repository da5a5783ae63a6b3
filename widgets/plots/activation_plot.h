// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"
#include "plot_base.h"

namespace relulab {

/// φ(z) over z in [-3, 3] for the current activation and alpha (PReLU: the first hidden
/// layer's learnt slope), with plain ReLU drawn faintly as the reference and axes through 0.
class ActivationPlot : public PlotBase
{
    Q_OBJECT

public:
    static constexpr double kZRange = 3.0;    ///< z runs over [-kZRange, kZRange]
    static constexpr int kStepsPerUnit = 100; ///< samples per unit of z (z = -1 is a sample)

    explicit ActivationPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("activation"); }
    QString title() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPGraph *curve() const { return m_curve; }                ///< φ(z) of the current settings
    QCPGraph *compareCurve() const { return m_compareCurve; }  ///< run B's φ(z) (compare mode)
    QCPGraph *reference() const { return m_reference; }        ///< plain ReLU
    QCPGraph *derivativeCurve() const { return m_derivative; } ///< φ′(z), when shown

    /// Draws φ′(z) over φ(z) as well (the beginner view, which has no derivative plot).
    void setShowDerivative(bool on);
    bool showsDerivative() const { return m_derivative->visible(); }

protected:
    void applyStyle() override;

private:
    QCPGraph *m_reference = nullptr;
    QCPGraph *m_curve = nullptr;
    QCPGraph *m_compareCurve = nullptr;
    QCPGraph *m_derivative = nullptr;
    Activation m_activation = Activation::Relu; ///< of the frame shown last
    double m_alpha = 0;
};

} // namespace relulab
