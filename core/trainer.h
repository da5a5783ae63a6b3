// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.h"
#include "measure.h"
#include "network.h"
#include "optimizer_state.h"
#include "snapshot.h"
#include "training_config.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace relulab {

/// A loss above this (or a non-finite one) means training diverged.
constexpr double kDivergedLoss = 1e6;

/// Builds the network that `config` describes, in double, from its seed (before any training).
Network<double> buildNetwork(const TrainingConfig &config, int inputDim);

/// Everything a Trainer needs to continue exactly where it was (saved in session files).
struct TrainerState
{
    std::int64_t step = 0;
    bool diverged = false;
    Parameters<float> params;
    Parameters<float> firstMoments;  ///< momentum / Adam m (empty for SGD or before a step)
    Parameters<float> secondMoments; ///< Adam v
    long optimizerSteps = 0;
    std::vector<int> order; ///< the current epoch's sample order
    std::uint64_t cursor = 0;
    std::string rngState; ///< the batch generator, as written by operator<<
};

/// What training in scalar S holds: the network, its optimiser, the data in S and scratch.
template <typename S> struct TrainBuffers
{
    Network<S> net;
    OptimizerState<S> optimizer;
    Mat<S> trainX, testX;
    Vec<S> trainY, testY;
    Mat<S> batchX;
    Vec<S> batchY;
    Workspace<S> ws;
    MeasureScratch<S> scratch;
    Parameters<S> grads;
    Parameters<S> backup; ///< the parameters before the last optimiser step
};

/// Trains one network, deterministically for a given config. Not thread-safe: one thread owns
/// a Trainer (the GUI's worker, or the CLI).
///
/// Precision (config.precision): float32 trains in float. float64 trains a double copy of
/// everything (data, network, optimiser) and mirrors the weights into the float network that
/// network() and predict() show after each train(); snapshots measure the double network.
/// bfloat16 and float16 are emulated on the float path: the data and the parameters are
/// stored rounded to the format (nearest, ties to even), and so is every value a step
/// computes: each layer's z (matrix product accumulated in float32 and the bias added before
/// rounding, as a GEMM epilogue does), its activation, dL/dz, dL/da, the gradients, and the
/// optimiser's moments and new parameters (the update itself runs in float32 registers, as a
/// fused optimiser kernel does). The loss and its derivative at the output are computed in
/// float32 from the stored outputs; the derivative is stored rounded. Snapshots measure the
/// stored network in float32. Training flushes float32 subnormals, so bfloat16's (the same
/// numbers) flush too; float16's are normal floats and survive.
class Trainer
{
public:
    /// Builds the data and the network from the seed. Throws std::invalid_argument if
    /// validateConfig(config) fails (callers validate first and show the message).
    explicit Trainer(const TrainingConfig &config);

    const TrainingConfig &config() const { return m_config; }
    const Dataset &dataset() const { return m_dataset; }
    /// The network in float (in float64 mode, a rounded mirror of the double one).
    const Network<float> &network() const { return m_f.net; }
    LossKind lossKind() const { return m_lossKind; }
    std::int64_t stepCount() const { return m_step; }
    bool diverged() const { return m_diverged; }
    /// Loss of the last minibatch trained on (NaN before the first step).
    double lastBatchLoss() const { return m_lastBatchLoss; }

    /// Trains up to `steps` minibatch steps; stops early on divergence. Returns steps done.
    int train(int steps);
    /// Full metrics of the current network on the training set (and test loss).
    Snapshot snapshot();
    /// Threads snapshot() may use (1 or 2): large training sets are measured in two halves at
    /// once. Default 1: the GUI worker keeps it so the painting thread keeps its core.
    void setMeasureThreads(int threads) { m_measureThreads = threads < 2 ? 1 : 2; }
    /// Network outputs for inputs X (inputDim × n): logits, or regression values.
    Eigen::RowVectorXf predict(const Eigen::MatrixXf &X) const;

    /// Applies settings that need no rebuild (alpha, optimiser, learning rate, batch size,
    /// weight decay). Returns false, changing nothing, if `config` needs a new Trainer.
    bool applyLive(const TrainingConfig &config);
    /// Replaces the parameters (e.g. from a saved session); shapes must match.
    bool setParameters(const Parameters<float> &params);
    /// Starts from `other`'s weights and biases (compare mode: same initial weights), keeping
    /// this network's own slopes. False, changing nothing, if the shapes differ.
    bool copyWeightsFrom(const Trainer &other);

    /// Sets one hidden unit's bias and incoming weights by hand (`layer` and `unit` 0-based,
    /// `weights` of the layer's fan-in). False, changing nothing, if out of range or not finite.
    /// Counts as no optimiser step: the next snapshot has no update ratio.
    bool setUnit(int layer, int unit, double bias, const Eigen::VectorXd &weights);
    /// A bias that puts the unit's z below 0 for every training input by a wide margin (what
    /// Kill sets): -(max over inputs of w·a) - max(1, |that max|).
    double killBias(int layer, int unit);
    /// A bias that brings a dead unit back on about half the training inputs (what Revive sets
    /// for a unit that died in training): -(median over inputs of w·a), or 1 - w·a when w·a is
    /// the same for every input. NaN out of range.
    double reviveBias(int layer, int unit);
    /// Per hidden layer, the update ratio of the last optimiser step (see
    /// LayerMetrics::updateRatio); NaN where there is none.
    std::vector<double> updateRatios() const;
    /// Per hidden layer, the share of weights the last optimiser step did not move although
    /// their step was non-zero (see LayerMetrics::stalledUpdates); NaN where there is none.
    std::vector<double> stalledUpdates() const;
    /// The gradient of the mean training loss at the current parameters, computed the way
    /// training computes it (in the configured precision, emulation included), in double.
    Parameters<double> gradient();

    /// In float64 mode the parameters and moments are rounded to float: a restored float64 run
    /// continues from there, close to but not bit for bit where it was.
    TrainerState state() const;
    /// Restores a state saved from a Trainer with the same config; false (and unchanged) if
    /// shapes, sizes or values do not fit.
    bool restoreState(const TrainerState &state);

private:
    template <typename S> void nextBatch(TrainBuffers<S> &b);
    template <typename S> int trainSteps(TrainBuffers<S> &b, int steps, RoundFn<float> round);
    template <typename S> Snapshot measureWith(TrainBuffers<S> &b);
    /// Rounds the stored float parameters to the format (emulated precisions; else a no-op).
    void roundStored();
    void roundInFormat(Parameters<float> &params) const;
    /// After the float parameters changed by hand: the double ones follow (float64 mode).
    void copyFloatToDouble();
    /// w·a of one hidden unit for every training input (a: the layer's inputs, in float as the
    /// network computes them, products in double); empty out of range.
    Eigen::RowVectorXd incomingDrive(int layer, int unit);

    TrainingConfig m_config;
    Dataset m_dataset;
    LossKind m_lossKind;
    TrainBuffers<float> m_f;
    std::optional<TrainBuffers<double>> m_d; ///< float64 mode only: what is trained
    RoundFn<float> m_round = nullptr;        ///< bfloat16/float16 mode only
    std::vector<int> m_order;
    size_t m_cursor = 0;
    std::mt19937_64 m_batchRng;
    int m_measureThreads = 1;
    /// backup holds the weights before the last optimiser step, and nothing but that step
    /// changed them since: the update ratio can be read from the two.
    bool m_backupIsLastStep = false;
    /// The gradients, moments and optimiser settings of that step are still in place, so
    /// which of its steps were non-zero can be recomputed (stalledUpdates()).
    bool m_stepInputsKept = false;
    mutable std::vector<double> m_updateRatios; ///< updateRatios() of the step below, cached
    mutable std::int64_t m_updateRatiosStep = -1;
    mutable std::vector<double> m_stalled; ///< stalledUpdates() of the step below, cached
    mutable std::int64_t m_stalledStep = -1;
    std::int64_t m_step = 0;
    bool m_diverged = false;
    double m_lastBatchLoss = kNaN;
};

} // namespace relulab
