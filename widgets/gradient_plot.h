// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

#include <vector>

namespace relulab {

/// Per-layer gradient magnitudes on a log axis — the vanishing/exploding picture: ‖∂L/∂W‖ and
/// the RMS of ∂L/∂z against the hidden layer index, with recent snapshots fading behind.
/// A gradient of exactly 0 cannot sit on a log axis: it is drawn on the bottom edge, with a note.
class GradientPlot : public PlotBase
{
    Q_OBJECT

public:
    static constexpr int kMaxHistory = 8; ///< fading earlier snapshots drawn at most

    explicit GradientPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("gradients"); }
    QString title() const override;
    QString explanation() const override;

    QCPGraph *weightGradient() const { return m_gradW; } ///< ‖∂L/∂W‖ per layer, now
    QCPGraph *signalGradient() const { return m_gradZ; } ///< RMS ∂L/∂z per layer, now
    /// Shown fading earlier snapshots (at most kMaxHistory, oldest first).
    int historyShown() const { return m_historyShown; }

protected:
    void applyStyle() override;

private:
    std::vector<QCPGraph *> m_pastW; ///< oldest first
    std::vector<QCPGraph *> m_pastZ;
    QCPGraph *m_pastLegend = nullptr; ///< no data: the legend entry for the fading lines
    QCPGraph *m_gradW = nullptr;
    QCPGraph *m_gradZ = nullptr;
    QCPItemText *m_zeroNote = nullptr;
    int m_historyShown = 0;
};

} // namespace relulab
