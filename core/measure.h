// SPDX-License-Identifier: MIT
#pragma once

#include "network.h"
#include "snapshot.h"

#include <cstdint>
#include <vector>

namespace relulab {

/// Sums over one part of the training set for one hidden layer, per unit; parts merge exactly
/// (counts and maxima) or by Chan et al.'s pairwise formula (moments).
template <typename S> struct LayerSums
{
    Vec<S> rowMax;             ///< per unit, largest z seen
    Eigen::ArrayXi aliveCount; ///< per unit, samples with φ'(z) != 0
    /// Per unit, mean of z and sum of squared deviations from it (Welford, in double: E[z²] −
    /// E[z]² cancels catastrophically for a collapsed unit, whose spread must read exactly 0).
    Eigen::ArrayXd mean, m2;
    double gradSq = 0; ///< Σ (dL/dz)² over units and samples
};

/// Buffers reused across measurements so a snapshot allocates little in steady state (the
/// snapshot it returns, and its per-unit metrics, are new).
template <typename S> struct MeasureScratch
{
    Workspace<S> part[2]; ///< one per half of the training set
    Parameters<S> grads[2];
    std::vector<LayerSums<S>> layers[2]; ///< per hidden layer, one set per half
    Vec<S> derivative[2];                ///< φ'(z) of one sample, for the smooth activations
    Workspace<S> test;
};

/// Measures `net` on the training set (gradients of the mean loss, dead units, every hidden
/// unit's metrics, ...) and the loss on the test set. `step` and `diverged` are copied into the
/// snapshot. With threads = 2, a large training set is measured in two halves at once.
template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind,
                 MeasureScratch<S> &scratch, std::int64_t step = 0, bool diverged = false,
                 int threads = 1);

/// Single-threaded convenience form with a caller-owned workspace.
template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind, Workspace<S> &ws,
                 std::int64_t step = 0, bool diverged = false);

} // namespace relulab
