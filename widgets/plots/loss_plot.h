// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

namespace relulab {

/// Training and test loss over steps on a log axis; a divergence is marked by a vertical line
/// and a label at the step where it happened.
class LossPlot : public PlotBase
{
    Q_OBJECT

public:
    explicit LossPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("loss"); }
    QString title() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPGraph *trainLoss() const { return m_train; }
    QCPGraph *testLoss() const { return m_test; }
    /// Run B's training loss in compare mode (empty and hidden otherwise).
    QCPGraph *compareTrainLoss() const { return m_compareTrain; }
    QCPItemStraightLine *divergenceMarker() const { return m_divergedLine; }

protected:
    void applyStyle() override;

private:
    QCPGraph *m_train = nullptr;
    QCPGraph *m_test = nullptr;
    QCPGraph *m_compareTrain = nullptr;
    QCPItemStraightLine *m_divergedLine = nullptr;
    QCPItemText *m_divergedLabel = nullptr;
};

} // namespace relulab
