// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace relulab {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// What one hidden unit is doing, measured on the full training set.
struct UnitMetrics
{
    double aliveShare = 0; ///< share of training inputs with phi'(z) != 0 (exactly 0 when dead)
    bool dead = false;     ///< phi'(z) = 0 for every training input (what deadFraction counts)
    bool negative = false; ///< z <= 0 for every training input (alive under a leaky slope)
    double zMean = 0;      ///< mean of z over the training inputs
    double zStd = 0;       ///< population standard deviation of z over the training inputs
    /// Step of the first snapshot since which the unit has stayed dead; -1 while alive. Set by
    /// FrameRecorder, which sees the snapshots in order (measure() leaves -1).
    std::int64_t diedAtStep = -1;
};

/// What one hidden layer is doing, measured on the full training set.
struct LayerMetrics
{
    int index = 0;           ///< 1-based hidden layer index
    double gradWNorm = 0;    ///< Frobenius norm of dL/dW
    double gradBNorm = 0;    ///< Euclidean norm of dL/db
    double gradZRms = 0;     ///< RMS over units and samples of dL/dz (the back-propagated signal)
    double preactMean = 0;   ///< mean of z over units and samples
    double preactStd = 0;    ///< standard deviation of z over units and samples
    double deadFraction = 0; ///< share of units with phi'(z) = 0 for every training input
    double negativeFraction = 0; ///< share of units with z <= 0 for every training input
    double alpha = kNaN; ///< the slope in use (learnt for PReLU); NaN if the activation has none
    /// ||W_after - W_before||_F / ||W_before||_F of the optimiser step that led here (weights
    /// only); NaN at step 0 and after anything but a step changed the weights.
    double updateRatio = kNaN;
    /// Share of the weights whose optimiser step was non-zero but left the stored value as it
    /// was (lost to rounding), of the step that led here; NaN where updateRatio is.
    double stalledUpdates = kNaN;
    std::vector<UnitMetrics> units; ///< in index order; deadFraction = mean of units[i].dead
};

/// One immutable picture of training, as plotted and written to JSON.
struct Snapshot
{
    std::int64_t step = 0;
    double loss = kNaN;     ///< mean loss over the training set
    double testLoss = kNaN; ///< mean loss over the test set
    double accuracy = kNaN; ///< training accuracy in [0, 1]; NaN for regression
    double testAccuracy = kNaN;
    bool diverged = false;
    bool networkDead =
        false; ///< for every training input some hidden layer is entirely at phi' = 0
    std::vector<LayerMetrics> layers;

    /// Share of all hidden units that are dead.
    double deadShare() const;
};

/// Sets every unit's diedAtStep in `snapshot` (the newest of a run, in step order) from
/// `diedAt`, per layer and unit the step since which it has stayed dead (-1: alive) as of the
/// previous snapshot, and updates `diedAt`: a unit dead now and not before died at this
/// snapshot's step, one dead before keeps its step, a live one reads -1. Empty `diedAt` (or
/// another shape) means no previous snapshot. The one rule FrameRecorder and the CLI share.
void trackUnitDeaths(std::vector<std::vector<std::int64_t>> &diedAt, Snapshot &snapshot);

} // namespace relulab
