// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"

namespace relulab {

class PreluSlopeOverlay;

/// Dead units: per hidden layer the share that is dead (zero slope for every training input),
/// stacked with the share that is "negative but alive" (z <= 0 everywhere yet still passing
/// gradient, as with Leaky ReLU), and below it the network's dead share over training steps.
/// A banner says so when the whole network is dead.
class DeadNeuronPlot : public PlotBase
{
    Q_OBJECT

public:
    /// The bars' y range while the banner is shown is at least this (100 % ends below the
    /// banner) and at most kMaxBannerRoom; a banner that would take more than 45 % of the
    /// bars' height (a short plot, a handout's cell) takes the title's place instead.
    static constexpr double kBannerRoom = 140;
    static constexpr double kMaxBannerRoom = 180;

    explicit DeadNeuronPlot(QWidget *parent = nullptr);

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("dead"); }
    QString title() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPBars *deadBars() const { return m_deadBars; }           ///< % dead per layer
    QCPBars *negativeAliveBars() const { return m_aliveBars; } ///< % negative but alive
    QCPGraph *deadOverSteps() const { return m_deadHistory; }  ///< network dead % per step
    QCPItemText *deadBanner() const { return m_banner; }       ///< "network is dead"
    /// Compare mode: run B's dead % per layer (markers) and over steps (dashed); else empty.
    QCPGraph *compareDeadPerLayer() const { return m_compareDead; }
    QCPGraph *compareDeadOverSteps() const { return m_compareHistory; }
    /// PReLU's learnt α per layer over steps, on the lower panel's right axis.
    PreluSlopeOverlay *preluSlopes() const { return m_slopes; }

protected:
    void applyStyle() override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitBanner();
    void makeRoomForBanner();
    QString m_bannerLong;  ///< two lines: dead since when, and what that means
    QString m_bannerShort; ///< one line, for a short plot
    /// Height of the lower panel (steps) against the bars' 3.
    void setPanelStretch(double history);
    /// Puts the history panel beside the bars when the plot is too short to stack them with
    /// readable axes (a 1024 × 768 projector), and back below them when there is room.
    void arrangePanels();

    QCPAxisRect *m_historyRect = nullptr;
    QCPLayoutGrid *m_panels =
        nullptr; ///< the bars' rect and the history's, stacked or side by side
    QCPMarginGroup *m_margins = nullptr;
    double m_historyStretch = 1.6;
    bool m_networkDead = false;
    /// The banner as the title line, where it cannot cover data: longest first.
    QStringList m_bannerTitles;
    QCPBars *m_deadBars = nullptr;
    QCPBars *m_aliveBars = nullptr;
    QCPGraph *m_deadHistory = nullptr;
    QCPGraph *m_compareDead = nullptr;
    QCPGraph *m_compareHistory = nullptr;
    QCPItemText *m_banner = nullptr;
    PreluSlopeOverlay *m_slopes = nullptr;
};

} // namespace relulab
