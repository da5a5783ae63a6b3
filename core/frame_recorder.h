// SPDX-License-Identifier: MIT
#pragma once

#include "network.h"
#include "training_frame.h"

#include <Eigen/Dense>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

namespace relulab {

class Trainer;

/// Turns a trainer's state into immutable frames, keeping a bounded history between them.
/// Owned by whichever thread owns the Trainer (the worker, or the CLI's export).
class FrameRecorder
{
public:
    /// Multiply-adds the output field may cost per frame: on big networks the grid gets coarser
    /// (never below kMinOutputResolution) so drawing the boundary never slows training down.
    static constexpr double kOutputBudget = 8e7;
    static constexpr int kMinOutputResolution = 32;
    /// While playing, an output field of more than kCheapOutputMacs multiply-adds is sampled
    /// again only when that takes at most this share of the time since the last sample (on a
    /// deep net the boundary then moves at ~10 Hz while the curves keep the display's pace).
    static constexpr double kOutputTimeShare = 0.1;
    static constexpr double kCheapOutputMacs = 2e7; ///< about two milliseconds

    explicit FrameRecorder(int maxHistory = 2000, int recentCount = 8, int outputResolution = 90);

    /// Forget the history (the network was rebuilt).
    void reset();
    /// Measures the trainer now, appends to the history and returns a new frame. The output
    /// field is sampled anew unless `playing` and it is expensive (see kOutputTimeShare).
    /// A trainer whose settings need a rebuild relative to the last one (or whose step went
    /// back) starts a new history, as if reset() had been called.
    /// The frame is the caller's to finish (run B, a final stop) before it is shared as a
    /// FramePtr; after that nobody changes it.
    std::shared_ptr<TrainingFrame> record(Trainer &trainer, double stepsPerSecond, bool playing);

    /// Whether frames carry per-layer histograms (TrainingFrame::distributions): one more
    /// forward pass over the training set per frame, so only while a view shows them.
    void setDistributions(bool on) { m_distributions = on; }
    bool distributions() const { return m_distributions; }

    /// Whether frames carry the network view's data (TrainingFrame::unitPictures and weights)
    /// when the network fits the diagram: one forward pass over a coarse grid per frame.
    void setNetworkView(bool on) { m_networkView = on; }
    bool networkView() const { return m_networkView; }

    /// Grid points per side of the unit pictures for `units` hidden units in all (2-D data):
    /// about kPictureBudget points over all pictures, within [12, 32]; 1-D data uses
    /// kPicturePoints1D points along x.
    static constexpr double kPictureBudget = 12000;
    static constexpr int kPicturePoints1D = 64;
    static int pictureResolution(int units);

    int maxHistory() const { return m_maxHistory; }
    int recentCount() const { return m_recentCount; }
    /// Grid resolution of the output field in use (0 before the first record).
    int outputResolution() const { return m_grid.resolution; }

private:
    /// Where the output field is sampled: fixed per dataset so the plot's axes stay put.
    struct Grid
    {
        int resolution = 0;
        double x0 = 0, dx = 0, y0 = 0, dy = 0;
        Eigen::MatrixXf inputs; ///< inputDim × points, in the field's order
        double macs = 0;        ///< multiply-adds of one sampling
    };

    void startRun(const Trainer &trainer);
    void buildGrid(const Trainer &trainer);
    void appendHistory(const Snapshot &snapshot);
    OutputField sampleOutput(const Trainer &trainer);
    /// The output field for a frame now: sampled anew, or the last one while that is due.
    const OutputField &currentOutput(const Trainer &trainer, bool playing);
    /// The network view's unit pictures (on a grid built once per run) and weights.
    void buildPictureGrid(const Trainer &trainer);
    std::shared_ptr<const UnitPictures> samplePictures(const Trainer &trainer);

    int m_maxHistory;
    int m_recentCount;
    int m_outputResolution;

    bool m_started = false;
    TrainingConfig m_config; ///< settings of the run being recorded
    std::shared_ptr<const Dataset> m_dataset;
    Grid m_grid;
    TrainingHistory m_history;
    std::deque<Snapshot> m_recent;  ///< earlier snapshots, oldest first
    std::optional<Snapshot> m_last; ///< the snapshot of the previous record
    std::int64_t m_divergedAtStep = -1;
    std::int64_t m_diedAtStep = -1;
    std::vector<std::int64_t> m_layerDiedAtStep; ///< see TrainingFrame::layerDiedAtStep
    bool m_distributions = false;
    bool m_networkView = false;
    DeathTimeline m_timeline;
    /// Per hidden layer and unit: the step since which it has stayed dead, or -1.
    std::vector<std::vector<std::int64_t>> m_unitDiedAt;
    UnitPictures m_pictureGrid;      ///< where the unit pictures are sampled (no layers)
    Eigen::MatrixXf m_pictureInputs; ///< inputDim × points, in the pictures' order
    Workspace<float> m_pictureWs;
    PredictBuffers<float> m_outputBuffers;
    Eigen::MatrixXf m_trainX; ///< the training inputs in float, cast once per run when needed
    std::optional<OutputField> m_output; ///< the last output field sampled in this run
    std::int64_t m_outputCostNs = 0;     ///< what sampling it cost
    std::chrono::steady_clock::time_point m_outputAt;
};

} // namespace relulab
