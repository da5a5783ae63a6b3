// SPDX-License-Identifier: MIT
// The grid parser, the sweep metrics on hand-checked cases, determinism across thread counts,
// cancel, and the CSV layout. The convergence metrics: test_sweep_convergence.cpp.
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

GridAxis axis(const std::string &text, const TrainingConfig &base = {})
{
    GridAxis a;
    const std::string error = parseGridAxis(text, base, a);
    EXPECT_EQ(error, "") << text;
    return a;
}

std::string axisError(const std::string &text, const TrainingConfig &base = {})
{
    GridAxis a;
    return parseGridAxis(text, base, a);
}

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

// ---- grid parser -----------------------------------------------------------------------------

TEST(GridSpec, ParsesListsAndRanges)
{
    EXPECT_EQ(axis("depth=1:5").values, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
    EXPECT_EQ(axis("depth=3:30:9").values, (std::vector<std::string>{"3", "12", "21", "30"}));
    EXPECT_EQ(axis("alpha=0:0.3:0.1").values, (std::vector<std::string>{"0", "0.1", "0.2", "0.3"}));
    EXPECT_EQ(axis("learning_rate=0.001:1:x10").values,
              (std::vector<std::string>{"0.001", "0.01", "0.1", "1"}));
    EXPECT_EQ(axis("bias_init=-1:1").values, (std::vector<std::string>{"-1", "0", "1"}));
    const GridAxis widths = axis("width=2,3,10");
    EXPECT_EQ(widths.positions, (std::vector<double>{2, 3, 10}));
    EXPECT_TRUE(widths.numeric);
    const GridAxis acts = axis("activation=relu,leaky_relu");
    EXPECT_FALSE(acts.numeric);
    EXPECT_EQ(acts.positions, (std::vector<double>{0, 1}));
}

TEST(GridSpec, RejectsBadSpecsWithOneClearLine)
{
    EXPECT_EQ(axisError("depth=1:300"), "depth=1:300: 300 is out of range 1..200");
    EXPECT_NE(axisError("foo=1,2").find("unknown key \"foo\""), std::string::npos);
    EXPECT_NE(axisError("depth").find("expected key=v1,v2"), std::string::npos);
    EXPECT_NE(axisError("depth=").find("no values"), std::string::npos);
    EXPECT_NE(axisError("depth=5:1").find("above the end"), std::string::npos);
    EXPECT_NE(axisError("depth=1:5:0").find("step must be above 0"), std::string::npos);
    EXPECT_NE(axisError("depth=1:5:x1").find("factor must be above 1"), std::string::npos);
    EXPECT_NE(axisError("depth=1:2:3:4").find("expected a:b"), std::string::npos);
    EXPECT_NE(axisError("depth=a:4").find("expected an integer in 1..200, got \"a\""),
              std::string::npos);
    EXPECT_NE(axisError("depth=1,,2").find("empty value"), std::string::npos);
    EXPECT_NE(axisError("depth=2,2").find("given twice"), std::string::npos);
    EXPECT_NE(axisError("depth=1.5,2").find("expected an integer"), std::string::npos);
    EXPECT_NE(axisError("activation=relu,foo").find("unknown value \"foo\""), std::string::npos);
    EXPECT_NE(axisError("seed=1:3").find("--seeds"), std::string::npos);
    EXPECT_NE(axisError("samples=4:100000").find("more than 10000 values"), std::string::npos);

    GridSpec grid;
    const TrainingConfig base;
    EXPECT_NE(parseGridSpec({}, base, grid).find("no grid"), std::string::npos);
    EXPECT_NE(parseGridSpec({"depth=1,2", "depth=3"}, base, grid).find("swept twice"),
              std::string::npos);
    EXPECT_NE(parseGridSpec({"depth=1", "width=1", "alpha=0"}, base, grid).find("at most 2"),
              std::string::npos);
    EXPECT_NE(parseGridSpec({"width=1:1024", "depth=1:200"}, base, grid).find("204800 cells"),
              std::string::npos);
    // Each value is valid alone; ELU needs alpha > 0, so the cell (elu, alpha 0) is not.
    EXPECT_EQ(parseGridSpec({"activation=leaky_relu,elu", "alpha=0,0.5"}, base, grid),
              "cell activation=elu, alpha=0: alpha: 0 is out of range (0, 3] for elu");
}

TEST(GridSpec, CellsRunFirstAxisFastest)
{
    GridSpec grid;
    TrainingConfig base;
    ASSERT_EQ(parseGridSpec({"width=2,3,4", "depth=1,7"}, base, grid), "");
    EXPECT_EQ(grid.cellCount(), 6u);
    EXPECT_EQ(grid.cellCoordinates(4), (std::vector<std::size_t>{1, 1}));
    const TrainingConfig c = grid.cellConfig(base, 4);
    EXPECT_EQ(c.width, 3);
    EXPECT_EQ(c.depth, 7);
    EXPECT_FALSE(grid.changesData());
    ASSERT_EQ(parseGridSpec({"noise=0,0.2"}, base, grid), "");
    EXPECT_TRUE(grid.changesData());
}

// ---- metrics ---------------------------------------------------------------------------------

TEST(SweepMetrics, NamesRoundTrip)
{
    for (SweepMetric m : allSweepMetrics())
        EXPECT_EQ(parseSweepMetric(sweepMetricName(m)), m);
    EXPECT_FALSE(parseSweepMetric("accuracy"));
}

TEST(SweepMetrics, HandCheckedValues)
{
    Snapshot s;
    s.networkDead = true;
    s.loss = 0.25;
    s.testAccuracy = 0.75;
    LayerMetrics first, last;
    first.gradZRms = 1e-3;
    first.deadFraction = 0.5;
    last.gradZRms = 0.1;
    last.deadFraction = 0;
    s.layers = {first, last};
    EXPECT_EQ(sweepMetricValue(SweepMetric::NetworkDead, s), 1.0);
    EXPECT_EQ(sweepMetricValue(SweepMetric::FinalLoss, s), 0.25);
    EXPECT_EQ(sweepMetricValue(SweepMetric::TestAccuracy, s), 0.75);
    EXPECT_DOUBLE_EQ(sweepMetricValue(SweepMetric::GradRatio, s), 0.01);
    EXPECT_DOUBLE_EQ(sweepMetricValue(SweepMetric::DeadFraction, s), 0.25);
    s.layers.back().gradZRms = 0; // dead: no ratio
    EXPECT_TRUE(std::isnan(sweepMetricValue(SweepMetric::GradRatio, s)));
    s.diverged = true; // no final loss, whatever the last finite one was
    EXPECT_TRUE(std::isnan(sweepMetricValue(SweepMetric::FinalLoss, s)));
}

TEST(SweepMetrics, MeanAndStandardErrorSkipUndefinedValues)
{
    SweepCell cell;
    cell.values = {1, 0, 1, kNaN};
    summarizeCell(cell);
    EXPECT_EQ(cell.finiteCount, 3);
    EXPECT_DOUBLE_EQ(cell.mean, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(cell.standardError, 1.0 / 3.0); // sd √(1/3), over √3
    cell.values = {0.5};
    summarizeCell(cell);
    EXPECT_EQ(cell.mean, 0.5);
    EXPECT_TRUE(std::isnan(cell.standardError));
}

TEST(SweepMetrics, HugeNegativeBiasKillsReluButNotLeaky)
{
    TrainingConfig base;
    base.biasInit = -10;
    const SweepResult r =
        runSweep(spec(base, {"activation=relu,leaky_relu"}, 5, 0, SweepMetric::NetworkDead), 2);
    ASSERT_EQ(r.cells.size(), 2u);
    EXPECT_EQ(r.cells[0].values, std::vector<double>(5, 1.0));
    EXPECT_EQ(r.cells[0].mean, 1.0);
    EXPECT_EQ(r.cells[0].standardError, 0.0);
    EXPECT_EQ(r.cells[1].values, std::vector<double>(5, 0.0));
    const SweepResult dead =
        runSweep(spec(base, {"activation=relu,leaky_relu"}, 3, 0, SweepMetric::DeadFraction), 1);
    EXPECT_EQ(dead.cells[0].mean, 1.0);
    EXPECT_EQ(dead.cells[1].mean, 0.0);
}

TEST(SweepMetrics, RunsAreTheTrainersOwnNumbers)
{
    TrainingConfig base;
    base.depth = 6;
    base.width = 4;
    const SweepSpec s = spec(base, {"width=3,5"}, 3, 0, SweepMetric::DeadFraction);
    const SweepResult atInit = runSweep(s, 2);
    SweepSpec trained = s;
    trained.steps = 40;
    trained.metric = SweepMetric::FinalLoss;
    const SweepResult after = runSweep(trained, 2);
    for (std::size_t c = 0; c < 2; ++c) {
        for (int seed = 0; seed < 3; ++seed) {
            TrainingConfig config = s.grid.cellConfig(base, c);
            config.seed = base.seed + std::uint64_t(seed);
            Trainer trainer(config);
            EXPECT_EQ(atInit.cells[c].values[size_t(seed)], trainer.snapshot().deadShare());
            trainer.train(40);
            EXPECT_EQ(after.cells[c].values[size_t(seed)], trainer.snapshot().loss);
        }
    }
}

TEST(SweepMetrics, TheoryOnlyForBornDeadAtInit)
{
    TrainingConfig base;
    base.dataset = DatasetKind::Abs;
    SweepSpec s = spec(base, {"width=2,3", "depth=1,10"}, 2, 0, SweepMetric::NetworkDead);
    const std::vector<double> p = bornDeadPredictions(s);
    ASSERT_EQ(p.size(), 4u);
    EXPECT_LT(p[0], 1e-6); // one layer on symmetric 1-D input practically never dies whole
    EXPECT_GT(p[2], p[3]); // at depth 10, width 2 dies more often than width 3
    EXPECT_GT(p[3], p[1]); // width 3: depth 10 more than depth 1
    s.steps = 10;
    EXPECT_TRUE(bornDeadPredictions(s).empty());
    s.steps = 0;
    s.metric = SweepMetric::FinalLoss;
    EXPECT_TRUE(bornDeadPredictions(s).empty());
}

// ---- the runner ------------------------------------------------------------------------------

TEST(SweepRunner, SameResultOnOneTwoAndThreeThreads)
{
    TrainingConfig base;
    base.depth = 3;
    for (int steps : {0, 30}) {
        const SweepSpec s =
            spec(base, {"width=2,4,8", "alpha=0,0.1"}, 4, steps, SweepMetric::FinalLoss);
        const SweepResult one = runSweep(s, 1);
        for (int threads : {2, 3}) {
            const SweepResult many = runSweep(s, threads);
            ASSERT_EQ(many.cells.size(), one.cells.size());
            for (std::size_t c = 0; c < one.cells.size(); ++c) {
                EXPECT_EQ(many.cells[c].values, one.cells[c].values) << "cell " << c;
                EXPECT_EQ(many.cells[c].mean, one.cells[c].mean);
            }
            EXPECT_EQ(sweepCsv(s, many), sweepCsv(s, one));
        }
    }
}

TEST(SweepRunner, ReportsEveryCellOnce)
{
    const SweepSpec s = spec({}, {"depth=1:6"}, 3, 0, SweepMetric::NetworkDead);
    std::vector<int> seen(6, 0);
    std::size_t last = 0;
    const SweepResult r = runSweep(s, 2, nullptr, [&](const SweepCell &cell, std::size_t done) {
        ++seen[cell.index];
        EXPECT_TRUE(cell.done);
        EXPECT_EQ(done, last + 1);
        last = done;
    });
    EXPECT_EQ(seen, std::vector<int>(6, 1));
    EXPECT_EQ(r.cellsDone, 6u);
    EXPECT_FALSE(r.cancelled);
}

TEST(SweepRunner, CancelStopsBetweenRuns)
{
    const SweepSpec s = spec({}, {"depth=1:40"}, 5, 0, SweepMetric::NetworkDead);
    std::atomic<bool> cancel{false};
    const SweepResult r = runSweep(s, 2, &cancel, [&](const SweepCell &, std::size_t) {
        cancel = true; // after the first finished cell
    });
    EXPECT_TRUE(r.cancelled);
    EXPECT_LT(r.cellsDone, 5u);
    for (const SweepCell &c : r.cells) {
        if (!c.done) {
            EXPECT_EQ(c.finiteCount, 0);
        }
    }
    const std::string csv = sweepCsv(s, r);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(r.cellsDone) + 1);

    std::atomic<bool> before{true};
    EXPECT_EQ(runSweep(s, 2, &before).cellsDone, 0u);
}

TEST(SweepRunner, CancelStopsInsideALongTraining)
{
    // Ten million steps would take hours; cancel must cut into the training itself.
    const SweepSpec s = spec({}, {"width=4,8"}, 1, 10'000'000, SweepMetric::FinalLoss);
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

TEST(SweepRunner, CsvHasKeysStatisticsAndSeeds)
{
    TrainingConfig base;
    base.seed = 7;
    base.biasInit = -10;
    const SweepSpec s = spec(base, {"activation=relu,leaky_relu"}, 2, 0, SweepMetric::NetworkDead);
    const std::string csv = sweepCsv(s, runSweep(s, 2));
    EXPECT_EQ(csv, "activation,mean,stderr,n,seed_7,seed_8\n"
                   "relu,1,0,2,1,1\n"
                   "leaky_relu,0,0,2,0,0\n");
}

} // namespace
