// SPDX-License-Identifier: MIT
#pragma once

#include "network.h"
#include "snapshot.h"

#include <cstdint>

namespace relulab {

/// Buffers reused across measurements so a snapshot allocates nothing in steady state.
template <typename S> struct MeasureScratch
{
    Workspace<S> part[2]; ///< one per half of the training set
    Parameters<S> grads[2];
    Workspace<S> test;
};

/// Measures `net` on the training set (gradients of the mean loss, dead units, ...) and the
/// loss on the test set. `step` and `diverged` are copied into the snapshot. With threads = 2,
/// a large training set is measured in two halves at once.
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
