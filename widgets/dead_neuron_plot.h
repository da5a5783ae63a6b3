// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

namespace relulab {

/// Dead units: per hidden layer the share that is dead (zero slope for every training input),
/// stacked with the share that is "negative but alive" (z <= 0 everywhere yet still passing
/// gradient, as with Leaky ReLU), and below it the network's dead share over training steps.
/// A banner says so when the whole network is dead.
class DeadNeuronPlot : public PlotBase
{
    Q_OBJECT

public:
    explicit DeadNeuronPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("dead"); }
    QString title() const override;
    QString explanation() const override;

    QCPBars *deadBars() const { return m_deadBars; }           ///< % dead per layer
    QCPBars *negativeAliveBars() const { return m_aliveBars; } ///< % negative but alive
    QCPGraph *deadOverSteps() const { return m_deadHistory; }  ///< network dead % per step
    QCPItemText *deadBanner() const { return m_banner; }       ///< "network is dead"

protected:
    void applyStyle() override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitBanner();

    QCPAxisRect *m_historyRect = nullptr;
    QCPBars *m_deadBars = nullptr;
    QCPBars *m_aliveBars = nullptr;
    QCPGraph *m_deadHistory = nullptr;
    QCPItemText *m_banner = nullptr;
};

} // namespace relulab
