// SPDX-License-Identifier: MIT
#pragma once

#include "grid_spec.h"
#include "snapshot.h"
#include "training_config.h"

#include <atomic>
#include <cmath>
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
    FinalLoss,    ///< mean loss over the training set; NaN if the run diverged
    TestAccuracy, ///< share of test samples classified right (NaN for regression data)
    GradRatio,    ///< grad_z_rms of the first hidden layer / that of the last
    DeadFraction, ///< share of hidden units that are dead (Snapshot::deadShare)
    /// First step (0: at initialisation) at which training accuracy on the whole training set
    /// reaches SweepSpec::target; NaN for regression data. Censored at the step limit.
    StepsToAccuracy,
    /// First step at which the mean training loss falls to SweepSpec::target or below.
    StepsToLoss,
};

std::span<const SweepMetric> allSweepMetrics();
std::string_view sweepMetricName(SweepMetric m); ///< "network_dead", "final_loss", ...
std::optional<SweepMetric> parseSweepMetric(std::string_view name);
/// The metric's value for one measured run (NaN where it is undefined). Not for the
/// convergence metrics, which are found during training (sweepConvergenceRun): NaN for those.
double sweepMetricValue(SweepMetric m, const Snapshot &snapshot);

/// steps_to_accuracy and steps_to_loss: the answer is a step, found while training, and a run
/// that never reaches the target is censored.
bool isConvergenceMetric(SweepMetric m);
/// Training accuracy 0.95 (issue 15's default); mean loss 0.1: for cross-entropy, the right
/// class at a geometric-mean probability of e^-0.1 ≈ 90%. NaN for the other metrics.
double defaultSweepTarget(SweepMetric m);
/// Empty if `target` is valid for `m`, else why: (0, 1] for accuracy, finite and > 0 for loss.
std::string sweepTargetError(SweepMetric m, double target);

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
    /// The convergence metrics' target (accuracy or loss); NaN: defaultSweepTarget(metric).
    double target = kNaN;

    std::size_t runCount() const { return grid.cellCount() * std::size_t(seeds); }
    /// `target`, or the metric's default when it is NaN.
    double effectiveTarget() const
    {
        return std::isnan(target) ? defaultSweepTarget(metric) : target;
    }
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
    /// Convergence metrics only (else empty): per seed, 1 if the run never reached the target
    /// within the steps, its value then being the step limit. char, not bool: the seeds of a
    /// cell are written from different threads, and vector<bool> packs them into shared words.
    std::vector<char> censored;
    int censoredCount = 0; ///< seeds censored; when > 0 the mean is only a lower bound

    /// The mean (and its standard error) are of values some of which are only lower bounds.
    bool meanIsLowerBound() const { return censoredCount > 0; }
};

/// Mean, standard error, finite count of `values` and the censored count (the other fields
/// are left alone). Censored values enter the mean at the step limit, so it is a lower bound.
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
/// Cells a cancelled sweep did not finish are left out. Convergence metrics add, after n,
/// `censored` (how many seeds) and `mean_is` (`exact`, or `lower_bound` when any seed is
/// censored), and write a censored seed as `>N` with N the step limit.
std::string sweepCsv(const SweepSpec &spec, const SweepResult &result);

/// The born-dead probability theory predicts for each cell (predictBornDead), when the metric is
/// network_dead at step 0 and the theory applies to every cell; otherwise empty.
std::vector<double> bornDeadPredictions(const SweepSpec &spec);

/// One run of cell config `config` (its seed already set): trained for `steps`, then measured.
/// Returns nullopt if cancelled midway.
std::optional<Snapshot> sweepRun(const TrainingConfig &config, int steps,
                                 const std::atomic<bool> *cancel = nullptr);

/// How one run of a convergence metric ended.
struct ConvergenceRun
{
    /// The first step at which the target was met; the step limit if censored; NaN where the
    /// metric is undefined (accuracy on regression data), which is not censoring.
    double value = kNaN;
    bool censored = false;
};

/// One run of cell config `config` (its seed already set) for convergence metric `metric`
/// (sweep_convergence.cpp). The target is checked at step 0 and after every step on the whole
/// training set, with Trainer::snapshot's numbers, and training stops once it is met. A run
/// that reaches `steps` first, or diverges (it never will), is censored. nullopt if cancelled.
std::optional<ConvergenceRun> sweepConvergenceRun(const TrainingConfig &config, int steps,
                                                  SweepMetric metric, double target,
                                                  const std::atomic<bool> *cancel = nullptr);

} // namespace relulab
