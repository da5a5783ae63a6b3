// SPDX-License-Identifier: MIT
// The convergence metrics of a sweep (steps_to_accuracy, steps_to_loss): the step found equals a
// Trainer's own snapshot after every step, censoring at the step limit and how the CSV marks it,
// step 0, regression data, thread counts, targets and cancel.
#include "grid_spec.h"
#include "sweep.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace relulab;

namespace {

SweepSpec spec(const TrainingConfig &base, const std::vector<std::string> &grid, int seeds,
               int steps, SweepMetric metric)
{
    SweepSpec s;
    s.base = base;
    s.seeds = seeds;
    s.steps = steps;
    s.metric = metric;
    EXPECT_EQ(parseGridSpec(grid, base, s.grid), "");
    return s;
}

/// The first step at which `met` holds for a Trainer's own snapshot, checked at step 0 and
/// after every single step; -1 if not within `steps`. The sweep must find exactly this.
template <typename Met> int firstStepBySnapshots(const TrainingConfig &config, int steps, Met met)
{
    Trainer trainer(config);
    for (int step = 0; step <= steps; ++step) {
        if (step > 0) {
            EXPECT_EQ(trainer.train(1), 1);
        }
        if (met(trainer.snapshot()))
            return step;
    }
    return -1;
}

/// Checks every run of `s` against firstStepBySnapshots; returns how many were censored.
template <typename Met> int expectSnapshotSteps(const SweepSpec &s, const SweepResult &r, Met met)
{
    int censored = 0;
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
        for (int seed = 0; seed < s.seeds; ++seed) {
            TrainingConfig config = s.grid.cellConfig(s.base, c);
            config.seed = s.base.seed + std::uint64_t(seed);
            const int want = firstStepBySnapshots(config, s.steps, met);
            const SweepCell &cell = r.cells[c];
            EXPECT_EQ(cell.censored[size_t(seed)] != 0, want < 0)
                << "cell " << c << " seed " << seed;
            EXPECT_EQ(cell.values[size_t(seed)], want < 0 ? s.steps : want)
                << "cell " << c << " seed " << seed;
            censored += want < 0;
        }
    }
    return censored;
}

TEST(SweepConvergence, StepsToAccuracyIsTheFirstStepASnapshotShows)
{
    TrainingConfig base;
    base.depth = 2;
    base.width = 8;
    SweepSpec s = spec(base, {"learning_rate=0.003,0.01"}, 3, 150, SweepMetric::StepsToAccuracy);
    s.target = 0.9;
    const SweepResult r = runSweep(s, 2);
    const int censored =
        expectSnapshotSteps(s, r, [&](const Snapshot &snap) { return snap.accuracy >= 0.9; });
    // The case must test something: runs that reach it after some training, not all at once.
    int reachedLater = 0;
    for (const SweepCell &c : r.cells) {
        for (std::size_t i = 0; i < c.values.size(); ++i)
            reachedLater += !c.censored[i] && c.values[i] > 0;
    }
    EXPECT_GE(reachedLater, 3);
    EXPECT_EQ(r.cells[0].censoredCount + r.cells[1].censoredCount, censored);
}

TEST(SweepConvergence, StepsToLossIsTheFirstStepASnapshotShows)
{
    TrainingConfig base;
    base.depth = 2;
    base.width = 8;
    SweepSpec s = spec(base, {"activation=relu,tanh"}, 3, 150, SweepMetric::StepsToLoss);
    s.target = 0.3;
    const SweepResult r = runSweep(s, 1);
    expectSnapshotSteps(s, r, [&](const Snapshot &snap) { return snap.loss <= 0.3; });
    EXPECT_GT(r.cells[0].mean, 0);
}

TEST(SweepConvergence, UnreachableTargetIsCensoredAndTheMeanALowerBound)
{
    TrainingConfig base;
    base.noise = 0.5; // moons this noisy overlap: 100% training accuracy is out of reach
    base.depth = 2;
    base.width = 4;
    SweepSpec s = spec(base, {"width=3,4"}, 3, 40, SweepMetric::StepsToAccuracy);
    s.target = 1.0;
    const SweepResult r = runSweep(s, 2);
    for (const SweepCell &c : r.cells) {
        EXPECT_EQ(c.censored, std::vector<char>(3, 1));
        EXPECT_EQ(c.censoredCount, 3);
        EXPECT_EQ(c.values, std::vector<double>(3, 40.0)); // the step limit, marked as such
        EXPECT_TRUE(c.meanIsLowerBound());
        EXPECT_EQ(c.finiteCount, 3);
    }
    const std::string csv = sweepCsv(s, r);
    EXPECT_EQ(csv, "width,mean,stderr,n,censored,mean_is,seed_1,seed_2,seed_3\n"
                   "3,40,0,3,3,lower_bound,>40,>40,>40\n"
                   "4,40,0,3,3,lower_bound,>40,>40,>40\n");
}

TEST(SweepConvergence, TargetMetAtInitialisationIsStepZero)
{
    TrainingConfig base;
    base.depth = 2;
    SweepSpec s = spec(base, {"width=2,8"}, 2, 1000, SweepMetric::StepsToLoss);
    s.target = 1e3; // any untrained network's cross-entropy is below this
    const SweepResult r = runSweep(s, 2);
    for (const SweepCell &c : r.cells) {
        EXPECT_EQ(c.values, std::vector<double>(2, 0.0));
        EXPECT_EQ(c.censoredCount, 0);
        EXPECT_FALSE(c.meanIsLowerBound());
    }
    EXPECT_EQ(sweepCsv(s, r), "width,mean,stderr,n,censored,mean_is,seed_1,seed_2\n"
                              "2,0,0,2,0,exact,0,0\n"
                              "8,0,0,2,0,exact,0,0\n");
    // With no steps at all a run can only be answered at step 0, or censored at 0.
    s.steps = 0;
    s.target = 1e-9;
    const SweepResult none = runSweep(s, 1);
    EXPECT_EQ(none.cells[0].values, std::vector<double>(2, 0.0));
    EXPECT_EQ(none.cells[0].censoredCount, 2);
    EXPECT_NE(sweepCsv(s, none).find("lower_bound,>0,>0"), std::string::npos);
}

TEST(SweepConvergence, SomeSeedsCensoredMakeTheMeanALowerBoundInTheCsv)
{
    SweepSpec s = spec({}, {"depth=1"}, 3, 100, SweepMetric::StepsToAccuracy);
    SweepResult r;
    r.cells.resize(1);
    r.cells[0].values = {12, 100, 40};
    r.cells[0].censored = {0, 1, 0};
    r.cells[0].done = true;
    summarizeCell(r.cells[0]);
    EXPECT_EQ(r.cells[0].censoredCount, 1);
    EXPECT_EQ(r.cells[0].finiteCount, 3);
    EXPECT_DOUBLE_EQ(r.cells[0].mean, 152.0 / 3.0); // the censored seed at its limit
    EXPECT_TRUE(r.cells[0].meanIsLowerBound());
    const std::string csv = sweepCsv(s, r);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "depth,mean,stderr,n,censored,mean_is,seed_1,seed_2,seed_3");
    EXPECT_NE(csv.find(",3,1,lower_bound,12,>100,40\n"), std::string::npos) << csv;
}

TEST(SweepConvergence, RegressionDataHasNoStepsToAccuracy)
{
    TrainingConfig base;
    base.dataset = DatasetKind::Sine;
    base.depth = 2;
    SweepSpec s = spec(base, {"width=4"}, 2, 20, SweepMetric::StepsToAccuracy);
    const SweepResult r = runSweep(s, 2);
    EXPECT_TRUE(std::isnan(r.cells[0].values[0]));
    EXPECT_TRUE(std::isnan(r.cells[0].values[1]));
    EXPECT_EQ(r.cells[0].censoredCount, 0); // undefined is not censored
    EXPECT_EQ(r.cells[0].finiteCount, 0);
    EXPECT_EQ(sweepCsv(s, r), "width,mean,stderr,n,censored,mean_is,seed_1,seed_2\n"
                              "4,,,0,0,,,\n");
    // Loss is defined for regression: steps_to_loss runs there.
    s.metric = SweepMetric::StepsToLoss;
    s.target = 1e3;
    EXPECT_EQ(runSweep(s, 1).cells[0].values, std::vector<double>(2, 0.0));
}

TEST(SweepConvergence, SameResultOnOneAndTwoThreads)
{
    TrainingConfig base;
    base.depth = 2;
    base.width = 6;
    for (SweepMetric m : {SweepMetric::StepsToAccuracy, SweepMetric::StepsToLoss}) {
        SweepSpec s = spec(base, {"width=3,6", "noise=0.1,0.4"}, 3, 120, m);
        s.target = m == SweepMetric::StepsToAccuracy ? 0.9 : 0.35; // some censored, some not
        const SweepResult one = runSweep(s, 1);
        const SweepResult two = runSweep(s, 2);
        int censored = 0, reached = 0;
        for (std::size_t c = 0; c < one.cells.size(); ++c) {
            EXPECT_EQ(two.cells[c].values, one.cells[c].values) << "cell " << c;
            EXPECT_EQ(two.cells[c].censored, one.cells[c].censored) << "cell " << c;
            censored += one.cells[c].censoredCount;
            reached += s.seeds - one.cells[c].censoredCount;
        }
        EXPECT_GT(censored, 0) << sweepMetricName(m);
        EXPECT_GT(reached, 0) << sweepMetricName(m);
        EXPECT_EQ(sweepCsv(s, two), sweepCsv(s, one));
    }
}

TEST(SweepConvergence, TargetsAreValidatedAndDefaulted)
{
    EXPECT_EQ(defaultSweepTarget(SweepMetric::StepsToAccuracy), 0.95);
    EXPECT_EQ(defaultSweepTarget(SweepMetric::StepsToLoss), 0.1);
    EXPECT_TRUE(std::isnan(defaultSweepTarget(SweepMetric::FinalLoss)));
    EXPECT_EQ(sweepTargetError(SweepMetric::StepsToAccuracy, 1.0), "");
    EXPECT_NE(sweepTargetError(SweepMetric::StepsToAccuracy, 0.0), "");
    EXPECT_NE(sweepTargetError(SweepMetric::StepsToAccuracy, 1.01), "");
    EXPECT_NE(sweepTargetError(SweepMetric::StepsToAccuracy, kNaN), "");
    EXPECT_EQ(sweepTargetError(SweepMetric::StepsToLoss, 5.0), "");
    EXPECT_NE(sweepTargetError(SweepMetric::StepsToLoss, 0.0), "");
    EXPECT_NE(sweepTargetError(SweepMetric::StepsToLoss, INFINITY), "");
    EXPECT_NE(sweepTargetError(SweepMetric::FinalLoss, 0.5), "");
    EXPECT_EQ(sweepTargetError(SweepMetric::FinalLoss, kNaN), "");

    SweepSpec s = spec({}, {"width=2"}, 1, 0, SweepMetric::StepsToAccuracy);
    EXPECT_EQ(s.effectiveTarget(), 0.95);
    s.target = 1.5;
    EXPECT_THROW(runSweep(s, 1), std::invalid_argument);
    s.metric = SweepMetric::FinalLoss;
    EXPECT_THROW(runSweep(s, 1), std::invalid_argument); // a target it would ignore
    for (SweepMetric m : {SweepMetric::StepsToAccuracy, SweepMetric::StepsToLoss})
        EXPECT_TRUE(isConvergenceMetric(m));
    EXPECT_FALSE(isConvergenceMetric(SweepMetric::TestAccuracy));
}

TEST(SweepConvergence, CancelStopsAnUnreachableTarget)
{
    TrainingConfig base;
    base.noise = 0.5;
    SweepSpec s = spec(base, {"width=4,8"}, 1, 10'000'000, SweepMetric::StepsToAccuracy);
    s.target = 1.0;
    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    const SweepResult r = runSweep(s, 2, &cancel);
    stopper.join();
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.cellsDone, 0u);
}

} // namespace
