// SPDX-License-Identifier: MIT
#pragma once

#include "plot_base.h"
#include "theory.h"
#include "training_config.h"

#include <memory>
#include <optional>
#include <vector>

class QAction;

namespace relulab {

struct TrainingFrame;

/// Per-layer gradient magnitudes on a log axis — the vanishing/exploding picture: ‖∂L/∂W‖ and
/// the RMS of ∂L/∂z against the hidden layer index, with recent snapshots fading behind.
/// A gradient of exactly 0 cannot sit on a log axis: it is drawn on the bottom edge, with a note.
/// The theory overlay adds the mean-field prediction of RMS ∂L/∂z at initialisation as a dashed
/// line, anchored at the measured last hidden layer, so the slopes can be compared.
/// The update-ratio mode shows instead how much the last step changed each layer's weights,
/// ‖ΔW‖ / ‖W‖, against the band around the healthy 1e-3. The plot keeps what it draws from the
/// last frame, so switching modes redraws at once, also while training is paused.
class GradientPlot : public PlotBase
{
    Q_OBJECT

public:
    static constexpr int kMaxHistory = 8; ///< fading earlier snapshots drawn at most
    /// float32's smallest normal number (FLT_MIN) and smallest subnormal (FLT_TRUE_MIN): below
    /// the first a float loses precision, below the second it is 0.
    static constexpr double kSmallestNormal = 1.17549435e-38;
    static constexpr double kSmallestSubnormal = 1.40129846e-45;
    /// The limit lines appear once the smallest gradient drawn is below this.
    static constexpr double kShowLimitsBelow = 1e-30;

    /// The shaded band of update ratios around the usual healthy 1e-3.
    static constexpr double kHealthyLow = 1e-4;
    static constexpr double kHealthyHigh = 1e-2;

    explicit GradientPlot(QWidget *parent = nullptr);
    ~GradientPlot() override;

    void setFrame(const TrainingFrame &frame) override;
    QString plotId() const override { return QStringLiteral("gradients"); }
    QString title() const override;
    QString shortTitle() const override;
    QString explanation() const override;
    QString describeFrame(const TrainingFrame &frame) const override;

    QCPGraph *weightGradient() const { return m_gradW; } ///< ‖∂L/∂W‖ per layer, now
    QCPGraph *signalGradient() const { return m_gradZ; } ///< RMS ∂L/∂z per layer, now
    /// Run B's ‖∂L/∂W‖ per layer in compare mode (empty and hidden otherwise).
    QCPGraph *compareWeightGradient() const { return m_compareW; }
    /// Shown fading earlier snapshots (at most kMaxHistory, oldest first).
    int historyShown() const { return m_historyShown; }
    /// Whether the number format's limit lines are drawn: the gradients reach below its
    /// smallest normal × kShowLimitsBelow / kSmallestNormal (float32: kShowLimitsBelow), or
    /// for float16, whose range training meets, below 100 × its smallest normal.
    bool limitLinesShown() const;
    /// In update-size mode with bfloat16 or float16: the format's unit roundoff, below which a
    /// weight's step rounds away (its noise floor); hidden otherwise.
    QCPItemStraightLine *roundingLine() const { return m_roundingLine; }
    /// In update-size mode with bfloat16 or float16 (at most kMaxStalledLabels layers): per
    /// layer, the share of its weights whose step was rounded away ("73% lost"), over the
    /// layer's point; hidden otherwise.
    const QList<QCPItemText *> &stalledLabels() const { return m_stalledLabels; }
    static constexpr int kMaxStalledLabels = 12;
    QCPItemStraightLine *normalLimitLine() const { return m_normalLine; }
    QCPItemStraightLine *subnormalLimitLine() const { return m_subnormalLine; }

    /// Draws the mean-field prediction over the measured RMS ∂L/∂z (off by default).
    void setTheoryOverlay(bool on);
    bool theoryOverlay() const { return m_theoryOn; }
    /// The predicted RMS ∂L/∂z per layer (empty and hidden while the overlay is off).
    QCPGraph *theoryGraph() const { return m_theory; }
    /// Why the prediction may not match now (after step 0, narrow layers...), empty if it
    /// should; shown as a legend line under the overlay.
    QString theoryNote() const { return m_theoryNoteText; }
    /// How often the prediction was computed: once per config, not per frame.
    int theoryComputations() const { return m_theoryComputations; }

    /// Shows LayerMetrics::updateRatio per layer in place of the gradients (off by default).
    void setShowUpdateRatio(bool on);
    bool showUpdateRatio() const { return m_ratioOn; }
    /// The checkable action for it (in the right-click menu).
    QAction *updateRatioAction() const { return m_updateRatioAction; }
    /// ‖ΔW‖ / ‖W‖ per layer of the last step, and run B's in compare mode (empty and hidden
    /// outside the mode).
    QCPGraph *updateRatio() const { return m_ratio; }
    QCPGraph *compareUpdateRatio() const { return m_compareRatio; }
    /// kHealthyLow..kHealthyHigh across the plot, shaded (hidden outside the mode).
    QCPItemRect *healthyBand() const { return m_band; }
    /// "No step yet": shown in the mode while no layer has a ratio (step 0).
    QCPItemText *noStepNote() const { return m_noStepNote; }
    /// No data: the band's legend entry, and the legend line saying that ratios of exactly 0
    /// sit on the bottom edge (in the legend while there are any).
    QCPGraph *healthyBandEntry() const { return m_bandEntry; }
    QCPGraph *ratioZeroEntry() const { return m_ratioZeroEntry; }
    /// The gradients' note that values of exactly 0 sit on the bottom edge.
    QCPItemText *zeroNote() const { return m_zeroNote; }

protected:
    void applyStyle() override;
    void addContextActions(QMenu *menu) override;

private:
    /// Draws the kept frame in the mode asked for.
    void redraw();
    void showGradients(const TrainingFrame &frame);
    void showRatios(const TrainingFrame &frame);
    /// The gradient picture's own series in the legend, in their order (the mode takes them out).
    void restoreGradientLegend();
    /// The prediction for `frame`'s config, computed on the first frame of each config.
    const TheoryPrediction *theoryFor(const TrainingFrame &frame);
    /// Predicted points anchored at the measured last layer; empty if there is nothing to
    /// anchor on. Sets the note.
    QVector<QCPGraphData> theoryPoints(const TrainingFrame &frame);
    void showTheoryLegend(bool on);

    std::vector<QCPGraph *> m_pastW; ///< oldest first
    std::vector<QCPGraph *> m_pastZ;
    QCPGraph *m_pastLegend = nullptr; ///< no data: the legend entry for the fading lines
    QCPGraph *m_gradW = nullptr;
    QCPGraph *m_gradZ = nullptr;
    QCPGraph *m_compareW = nullptr;
    QCPItemText *m_zeroNote = nullptr;
    QCPItemStraightLine *m_normalLine = nullptr;
    QCPItemStraightLine *m_subnormalLine = nullptr;
    QCPItemText *m_normalLabel = nullptr;
    QCPItemText *m_subnormalLabel = nullptr;
    QCPItemStraightLine *m_roundingLine = nullptr;
    QCPItemText *m_roundingLabel = nullptr;
    QList<QCPItemText *> m_stalledLabels; ///< one per layer, made on demand
    void showStalledLabels(const TrainingFrame &frame, double floor);
    /// Places the limit lines at `p`'s smallest normal and subnormal.
    void placeLimitLines(Precision p);
    int m_historyShown = 0;

    QCPGraph *m_theory = nullptr;
    QCPGraph *m_theoryNoteEntry = nullptr; ///< no data: the note as a legend line
    bool m_theoryOn = false;
    QString m_theoryNoteText;
    std::optional<TrainingConfig> m_theoryConfig; ///< the cache's key
    TheoryPrediction m_theoryCache;
    bool m_theoryValid = false; ///< false if the data for the cached config could not be made
    int m_theoryComputations = 0;

    QCPGraph *m_ratio = nullptr;
    QCPGraph *m_compareRatio = nullptr;
    QCPItemRect *m_band = nullptr;
    QCPGraph *m_bandEntry = nullptr;
    QCPGraph *m_ratioZeroEntry = nullptr;
    QCPItemText *m_noStepNote = nullptr;
    QAction *m_updateRatioAction = nullptr;
    bool m_ratioOn = false;
    /// What the plot draws from the last frame (per-layer numbers of the snapshots, pointers
    /// for the rest), so that switching modes redraws without waiting for another frame.
    std::unique_ptr<TrainingFrame> m_frame;
};

} // namespace relulab
