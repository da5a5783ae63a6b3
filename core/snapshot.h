// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace relulab {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

} // namespace relulab
