// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.h"
#include "network.h"
#include "optimizer_state.h"
#include "snapshot.h"
#include "training_config.h"

#include <cstdint>
#include <random>
#include <vector>

namespace relulab {

/// A loss above this (or a non-finite one) means training diverged.
constexpr double kDivergedLoss = 1e6;

/// Builds the network that `config` describes, in double, from its seed (before any training).
Network<double> buildNetwork(const TrainingConfig &config, int inputDim);

/// Measures `net` on the training set (gradients of the mean loss, dead units, ...) and the
/// loss on the test set. `step` and `diverged` are copied into the snapshot. Pass a separate
/// `testWs` when measuring repeatedly, so neither workspace is resized (reallocated) each time.
template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind, Workspace<S> &ws,
                 std::int64_t step = 0, bool diverged = false, Workspace<S> *testWs = nullptr);

/// Trains one network in float, deterministically for a given config. Not thread-safe: one
/// thread owns a Trainer (the GUI's worker, or the CLI).
class Trainer
{
public:
    explicit Trainer(const TrainingConfig &config);

    const TrainingConfig &config() const { return m_config; }
    const Dataset &dataset() const { return m_dataset; }
    const Network<float> &network() const { return m_net; }
    LossKind lossKind() const { return m_lossKind; }
    std::int64_t stepCount() const { return m_step; }
    bool diverged() const { return m_diverged; }
    /// Loss of the last minibatch trained on (NaN before the first step).
    double lastBatchLoss() const { return m_lastBatchLoss; }

    /// Trains up to `steps` minibatch steps; stops early on divergence. Returns steps done.
    int train(int steps);
    /// Full metrics of the current network on the training set (and test loss).
    Snapshot snapshot();
    /// Network outputs for inputs X (inputDim × n): logits, or regression values.
    Eigen::RowVectorXf predict(const Eigen::MatrixXf &X) const;

    /// Applies settings that need no rebuild (alpha, optimiser, learning rate, batch size,
    /// weight decay). Returns false, changing nothing, if `config` needs a new Trainer.
    bool applyLive(const TrainingConfig &config);
    /// Replaces the parameters (e.g. from a saved session); shapes must match.
    bool setParameters(const Parameters<float> &params);

private:
    void nextBatch();

    TrainingConfig m_config;
    Dataset m_dataset;
    LossKind m_lossKind;
    Network<float> m_net;
    OptimizerState<float> m_optimizer;
    Mat<float> m_trainX, m_testX;
    Vec<float> m_trainY, m_testY;
    Mat<float> m_batchX;
    Vec<float> m_batchY;
    std::vector<int> m_order;
    size_t m_cursor = 0;
    std::mt19937_64 m_batchRng;
    Workspace<float> m_ws;
    Workspace<float> m_measureWs;
    Workspace<float> m_testWs;
    Parameters<float> m_grads;
    Parameters<float> m_backup;
    std::int64_t m_step = 0;
    bool m_diverged = false;
    double m_lastBatchLoss = kNaN;
};

} // namespace relulab
