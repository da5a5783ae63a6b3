// SPDX-License-Identifier: MIT
#pragma once

#include "grid_spec.h"
#include "snapshot.h"
#include "training_config.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relulab {

/// What a sweep measures on each run, after its training steps.
enum class SweepMetric
{
    NetworkDead,  ///< 1 if the network is dead (no input reaches the output), else 0
    FinalLoss,    ///< mean loss over the training set
    TestAccuracy, ///< share of test samples classified right (NaN for regression data)
    GradRatio,    ///< grad_z_rms of the first hidden layer / that of the last
    DeadFraction, ///< share of hidden units that are dead (Snapshot::deadShare)
};

std::span<const SweepMetric> allSweepMetrics();
std::string_view sweepMetricName(SweepMetric m); ///< "network_dead", "final_loss", ...
std::optional<SweepMetric> parseSweepMetric(std::string_view name);
/// The metric's value for one measured run (NaN where it is undefined).
double sweepMetricValue(SweepMetric m, const Snapshot &snapshot);

constexpr int kMaxSweepSeeds = 10'000;
constexpr std::size_t kMaxSweepRuns = 1'000'000; ///< cells × seeds
/// Training steps between two looks at the cancel flag.
constexpr int kSweepChunkSteps = 25;

/// Everything a sweep needs. Run s of every cell uses seed base.seed + s, so cell (c, s) is the
/// very network the main window shows with that cell's settings and that seed.
struct SweepSpec
{
    TrainingConfig base;
    GridSpec grid;
    int seeds = 10; ///< 1..kMaxSweepSeeds
    int steps = 0;  ///< training steps per run (0: measure the network at initialisation)
    SweepMetric metric = SweepMetric::NetworkDead;

    std::size_t runCount() const { return grid.cellCount() * std::size_t(seeds); }
};

/// One cell's outcome over its seeds.
struct SweepCell
{
    std::size_t index = 0;
    std::vector<double> values;  ///< per seed (seed base.seed + s at values[s]); NaN if undefined
    double mean = kNaN;          ///< over the finite values
    double standardError = kNaN; ///< sample sd / √n over the finite values; NaN if n < 2
    int finiteCount = 0;         ///< how many values entered the mean
    bool done = false;           ///< every seed ran (false for cells a cancel cut short)
};

/// Mean, standard error and finite count of `values` (the other fields are left alone).
void summarizeCell(SweepCell &cell);

struct SweepResult
{
    std::vector<SweepCell> cells; ///< by index; cells not finished (cancel) have no values
    std::size_t cellsDone = 0;
    bool cancelled = false;
};

/// Called once per finished cell with the cell and how many cells are done; from the worker
/// threads, but never two calls at once.
using SweepProgress = std::function<void(const SweepCell &cell, std::size_t cellsDone)>;

/// Runs every cell × seed on `threads` std::threads (0: hardware_concurrency). Each run is one
/// network trained for spec.steps and measured like Trainer::snapshot, so the result is the same
/// whatever the thread count. `cancel` (may be null) is checked between runs and between training
/// chunks of kSweepChunkSteps; when it is set the sweep returns soon with cancelled = true.
/// Throws std::invalid_argument if the spec is invalid (callers validate with parseGridSpec).
SweepResult runSweep(const SweepSpec &spec, int threads = 0,
                     const std::atomic<bool> *cancel = nullptr, const SweepProgress &progress = {});

/// The result as CSV: one row per cell in index order with the grid keys' values, mean,
/// stderr, n (finite values) and one column per seed ("seed_1", ...); NaN cells are empty.
/// Cells a cancelled sweep did not finish are left out.
std::string sweepCsv(const SweepSpec &spec, const SweepResult &result);

/// The born-dead probability theory predicts for each cell (predictBornDead), when the metric is
/// network_dead at step 0 and the theory applies to every cell; otherwise empty.
std::vector<double> bornDeadPredictions(const SweepSpec &spec);

/// One run of cell config `config` (its seed already set): trained for `steps`, then measured.
/// Returns nullopt if cancelled midway.
std::optional<Snapshot> sweepRun(const TrainingConfig &config, int steps,
                                 const std::atomic<bool> *cancel = nullptr);

} // namespace relulab
