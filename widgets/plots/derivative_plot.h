// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

namespace relulab {

/// φ′(z) over z in [-3, 3]. Where the derivative jumps at 0 (ReLU, Leaky, PReLU, ELU, SELU) it
/// is drawn as two separate pieces with an open circle at the limit that is not attained and a
/// filled dot at the value used at 0 (PyTorch's convention: the left-hand value).
class DerivativePlot : public PlotBase
{
    Q_OBJECT

public:
    explicit DerivativePlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("derivative"); }
    QString title() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPGraph *leftPiece() const { return m_left; }          ///< z <= 0 (the whole curve if smooth)
    QCPGraph *rightPiece() const { return m_right; }        ///< z >= 0; empty if smooth
    QCPGraph *valueAtZero() const { return m_valueAtZero; } ///< filled dot (0, φ′(0))
    QCPGraph *openLimit() const { return m_openLimit; }     ///< open circle(s), limits not taken
    QCPGraph *compareCurve() const { return m_compareCurve; } ///< run B's φ′(z), compare mode

protected:
    void applyStyle() override;

private:
    QCPGraph *m_left = nullptr;
    QCPGraph *m_right = nullptr;
    QCPGraph *m_openLimit = nullptr;
    QCPGraph *m_valueAtZero = nullptr;
    QCPGraph *m_compareCurve = nullptr; ///< run B's φ′(z) in compare mode
};

} // namespace relulab
