// SPDX-License-Identifier: MIT
// Evidence lessons' verdicts: paired differences against a recomputation in double, each rule
// fed synthetic results where its claim holds, where it does not and where the numbers do not
// decide, the experiment's checks, and a real experiment that is the same on 1 and 2 threads.
#include "evidence.h"
#include "grid_spec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace relulab;

namespace {

/// An experiment comparing activation relu (a) with prelu (b) along depth 1, 4, 16.
Experiment depthExperiment(EvidenceRule rule)
{
    Experiment e;
    e.grid = {"activation=relu,prelu", "depth=1,4,16"};
    e.seeds = 4;
    e.rule = rule;
    e.key = "activation";
    e.a = "relu";
    e.b = "prelu";
    e.measures.assign(std::size_t(evidenceMeasureCount(rule)), EvidenceMeasure{});
    e.measures[0].steps = 100;
    return e;
}

/// A finished result whose cell for (activation index k, depth index d) holds values(k, d).
template <typename Values>
SweepResult resultOf(const SweepSpec &spec, Values values, bool convergence = false)
{
    SweepResult r;
    r.cells.resize(spec.grid.cellCount());
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
        const std::vector<std::size_t> at = spec.grid.cellCoordinates(c);
        SweepCell &cell = r.cells[c];
        cell.index = c;
        cell.values = values(at[0], at.size() > 1 ? at[1] : 0);
        if (convergence)
            cell.censored.assign(cell.values.size(), 0);
        cell.done = true;
        summarizeCell(cell);
    }
    r.cellsDone = r.cells.size();
    return r;
}

const std::vector<double> kNoise{0.01, -0.01, 0.02, -0.02}; // paired SE of a gap: 0.0091

} // namespace

TEST(Evidence, PairedDifferenceMatchesARecomputationInDouble)
{
    SweepCell a, b;
    a.values = {0.5, 0.7, kNaN, 0.9, 0.4};
    b.values = {0.4, 0.75, 0.3, 0.6, kNaN};
    const PairedDifference d = pairedDifference(a, b);
    const double diffs[] = {-0.1, 0.05, -0.3};
    const double mean = (diffs[0] + diffs[1] + diffs[2]) / 3;
    double ss = 0;
    for (double x : diffs)
        ss += (x - mean) * (x - mean);
    EXPECT_EQ(d.n, 3);
    EXPECT_NEAR(d.mean, mean, 1e-15);
    EXPECT_NEAR(d.standardError, std::sqrt(ss / 2) / std::sqrt(3.0), 1e-15);
    EXPECT_EQ(d.bBelowA, 2);
    EXPECT_FALSE(d.beyondTwoSE()); // −0.117 ± 0.103
    SweepCell one;
    one.values = {1.0};
    EXPECT_TRUE(std::isnan(pairedDifference(one, one).standardError));
    EXPECT_FALSE(pairedDifference(one, one).beyondTwoSE());
}

TEST(Evidence, GapVanishesHoldsContradictsOrDoesNotDecide)
{
    const Experiment e = depthExperiment(EvidenceRule::GapVanishes);
    TrainingConfig base;
    ASSERT_EQ(experimentError(e, base), "");
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    ASSERT_EQ(specs.size(), 1u);
    ASSERT_EQ(specs[0].grid.axes[0].key, "activation");
    // gap[d]: prelu − relu at depth index d, plus seed noise on prelu only.
    auto run = [&](std::array<double, 3> gap) {
        const SweepResult r = resultOf(specs[0], [&](std::size_t k, std::size_t d) {
            std::vector<double> v(4, 0.3);
            if (k == 1)
                for (std::size_t s = 0; s < 4; ++s)
                    v[s] += gap[d] + kNoise[s];
            return v;
        });
        return judgeExperiment(e, specs, {r}, 0);
    };
    const Verdict holds = run({-0.05, -0.02, 0.005});
    EXPECT_EQ(holds.outcome, VerdictOutcome::Holds) << holds.text;
    ASSERT_EQ(holds.rows.size(), 3u);
    EXPECT_EQ(holds.rows[0].x, "depth=1");
    EXPECT_NEAR(holds.rows[0].first.mean, -0.05, 1e-12);
    EXPECT_NEAR(holds.rows[2].first.mean, 0.005, 1e-12);
    EXPECT_NE(holds.text.find("−0.05 ± 0.00913"), std::string::npos) << holds.text;
    EXPECT_NE(holds.text.find("the claim holds here"), std::string::npos) << holds.text;

    const Verdict grows = run({-0.05, -0.2, -0.5});
    EXPECT_EQ(grows.outcome, VerdictOutcome::Contradicted) << grows.text;
    EXPECT_NE(grows.text.find("at depth=16: −0.5 ± 0.00913"), std::string::npos) << grows.text;
    EXPECT_NE(grows.text.find("does not hold"), std::string::npos);

    // Within 2 SE at both ends, and a smaller gap beyond 2 SE at the end: no decision.
    EXPECT_EQ(run({0.01, 0.0, -0.01}).outcome, VerdictOutcome::Unclear);
    EXPECT_EQ(run({-0.5, -0.2, -0.1}).outcome, VerdictOutcome::Unclear);
}

TEST(Evidence, AdvantageVanishesIsSignedAndKnowsWhichWayIsBetter)
{
    Experiment e = depthExperiment(EvidenceRule::AdvantageVanishes);
    e.grid = {"activation=relu,elu", "depth=1,4,16"};
    e.b = "elu";
    TrainingConfig base;
    base.alpha = 1;
    ASSERT_EQ(experimentError(e, base), "");
    auto run = [&](const Experiment &ex, std::array<double, 3> gap) {
        const std::vector<SweepSpec> specs = experimentSweeps(ex, base);
        const SweepResult r = resultOf(specs[0], [&](std::size_t k, std::size_t d) {
            std::vector<double> v(4, 0.5);
            if (k == 1)
                for (std::size_t s = 0; s < 4; ++s)
                    v[s] += gap[d] + kNoise[s];
            return v;
        });
        return judgeExperiment(ex, specs, {r}, 0);
    };
    // Loss: ELU lower (better) when shallow, the same when deep.
    EXPECT_EQ(run(e, {-0.1, -0.05, 0.0}).outcome, VerdictOutcome::Holds);
    // ELU worse when shallow: the research's spiral result.
    const Verdict reversed = run(e, {0.04, -0.03, -0.28});
    EXPECT_EQ(reversed.outcome, VerdictOutcome::Contradicted);
    EXPECT_NE(reversed.text.find("elu is worse than relu at depth=1"), std::string::npos)
        << reversed.text;
    EXPECT_NE(reversed.text.find("elu is better at depth=16"), std::string::npos) << reversed.text;
    // The same numbers for an accuracy: higher is better, so ELU is better when shallow.
    Experiment acc = e;
    acc.measures[0].metric = SweepMetric::TestAccuracy;
    EXPECT_EQ(run(acc, {0.1, 0.05, 0.0}).outcome, VerdictOutcome::Holds);
    EXPECT_EQ(run(acc, {-0.1, 0.0, 0.0}).outcome, VerdictOutcome::Contradicted);
}

TEST(Evidence, RateMatchesOutcomeComparesTheTwoVerdictsAtEveryDepth)
{
    Experiment e = depthExperiment(EvidenceRule::RateMatchesOutcome);
    e.measures[0].metric = SweepMetric::StepsToAccuracy;
    e.measures[0].target = 0.99;
    e.measures[1].metric = SweepMetric::TestAccuracy;
    TrainingConfig base;
    ASSERT_EQ(experimentError(e, base), "");
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    ASSERT_EQ(specs.size(), 2u);
    auto with = [&](std::array<double, 3> stepGap, std::array<double, 3> accGap) {
        const SweepResult steps = resultOf(
            specs[0],
            [&](std::size_t k, std::size_t d) {
                std::vector<double> v(4, 400);
                if (k == 1)
                    for (std::size_t s = 0; s < 4; ++s)
                        v[s] += stepGap[d] + 1000 * kNoise[s];
                return v;
            },
            true);
        const SweepResult acc = resultOf(specs[1], [&](std::size_t k, std::size_t d) {
            std::vector<double> v(4, 0.9);
            if (k == 1)
                for (std::size_t s = 0; s < 4; ++s)
                    v[s] += accGap[d] + kNoise[s] / 10;
            return v;
        });
        return judgeExperiment(e, specs, {steps, acc}, 0);
    };
    // Faster and better where it matters, neither elsewhere: rate and outcome agree.
    const Verdict agree = with({0, 0, -300}, {0, 0, 0.1});
    EXPECT_EQ(agree.outcome, VerdictOutcome::Holds) << agree.text;
    EXPECT_NE(agree.rows[2].reading.find("prelu faster"), std::string::npos);
    EXPECT_NE(agree.rows[2].reading.find("better in outcome"), std::string::npos);
    // Faster at depth 4 with no difference in test accuracy: the research's circles result.
    const Verdict faster = with({0, -100, -300}, {0, 0, 0.1});
    EXPECT_EQ(faster.outcome, VerdictOutcome::Contradicted) << faster.text;
    EXPECT_NE(faster.text.find("disagree in 1 of 3: depth=4: prelu faster"), std::string::npos)
        << faster.text;
    // Slower but more accurate.
    EXPECT_EQ(with({70, 0, 0}, {0.02, 0, 0}).outcome, VerdictOutcome::Contradicted);
}

TEST(Evidence, FormatStallsUsesTheShareOfTheReferencesLossReduction)
{
    Experiment e;
    e.grid = {"precision=float32,bfloat16", "learning_rate=0.0001,0.001"};
    e.seeds = 4;
    e.rule = EvidenceRule::FormatStalls;
    e.key = "precision";
    e.a = "float32";
    e.b = "bfloat16";
    e.measures = {{SweepMetric::FinalLoss, 1000, kNaN}, {SweepMetric::FinalLoss, 0, kNaN}};
    TrainingConfig base;
    ASSERT_EQ(experimentError(e, base), "");
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[1].steps, 0);
    // Final losses: float32 0.25 / 0.001, bfloat16 0.68 / 0.025; all start at 0.76.
    const double finals[2][2] = {{0.25, 0.001}, {0.68, 0.025}};
    const SweepResult trained = resultOf(specs[0], [&](std::size_t k, std::size_t lr) {
        std::vector<double> v(4, finals[k][lr]);
        for (std::size_t s = 0; s < 4; ++s)
            v[s] += kNoise[s] / 10;
        return v;
    });
    const SweepResult start =
        resultOf(specs[1], [](std::size_t, std::size_t) { return std::vector<double>(4, 0.76); });
    const Verdict v = judgeExperiment(e, specs, {trained, start}, 0);
    EXPECT_EQ(v.outcome, VerdictOutcome::Holds) << v.text;
    ASSERT_EQ(v.rows.size(), 2u);
    EXPECT_NEAR(v.rows[0].share, (0.76 - 0.68) / (0.76 - 0.25), 1e-12);
    EXPECT_NEAR(v.rows[1].share, (0.76 - 0.025) / (0.76 - 0.001), 1e-12);
    EXPECT_EQ(v.rows[0].reading, "learning stops");
    EXPECT_EQ(v.rows[1].reading, "learning goes on");
    EXPECT_NE(v.text.find("bfloat16 keeps 16% of float32's loss reduction at learning_rate=0.0001"),
              std::string::npos)
        << v.text;
    EXPECT_NE(v.text.find("at learning_rate=0.001 it keeps 97%"), std::string::npos) << v.text;
    EXPECT_NE(v.text.find("ends below its start (0.76 → 0.68)"), std::string::npos) << v.text;

    // Both learn: contradicted.
    const SweepResult close = resultOf(specs[0], [&](std::size_t k, std::size_t) {
        std::vector<double> v(4, k == 0 ? 0.1 : 0.12);
        for (std::size_t s = 0; s < 4; ++s)
            v[s] += kNoise[s] / 10;
        return v;
    });
    EXPECT_EQ(judgeExperiment(e, specs, {close, start}, 0).outcome, VerdictOutcome::Contradicted);
}

TEST(Evidence, AnUnfinishedOrMissingSweepGivesNoVerdict)
{
    const Experiment e = depthExperiment(EvidenceRule::GapVanishes);
    TrainingConfig base;
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    SweepResult cut = resultOf(specs[0], [](std::size_t k, std::size_t) {
        return std::vector<double>(4, k == 0 ? 0.1 : 0.5);
    });
    cut.cancelled = true;
    EXPECT_EQ(judgeExperiment(e, specs, {cut}, 0).outcome, VerdictOutcome::Unclear);
    EXPECT_NE(judgeExperiment(e, specs, {cut}, 0).text.find("did not finish"), std::string::npos);
    EXPECT_EQ(judgeExperiment(e, specs, {}, 0).outcome, VerdictOutcome::Unclear);
    // Every seed diverged (NaN) in a cell.
    const SweepResult nan = resultOf(specs[0], [](std::size_t k, std::size_t) {
        return std::vector<double>(4, k == 0 ? 0.1 : kNaN);
    });
    EXPECT_EQ(judgeExperiment(e, specs, {nan}, 0).outcome, VerdictOutcome::Unclear);
}

TEST(Evidence, ExperimentErrorsNameTheField)
{
    TrainingConfig base;
    Experiment e = depthExperiment(EvidenceRule::GapVanishes);
    e.b = "relux";
    EXPECT_EQ(experimentError(e, base), "b: \"relux\" is not a value of the grid's activation");
    e = depthExperiment(EvidenceRule::GapVanishes);
    e.key = "width";
    EXPECT_EQ(experimentError(e, base), "key: \"width\" is not one of the grid's keys");
    e = depthExperiment(EvidenceRule::GapVanishes);
    e.seeds = 1;
    EXPECT_EQ(experimentError(e, base).rfind("seeds: 1 is out of range", 0), 0u);
    e = depthExperiment(EvidenceRule::RateMatchesOutcome);
    EXPECT_EQ(experimentError(e, base).rfind("measures: rule rate_matches_outcome", 0), 0u);
    e = depthExperiment(EvidenceRule::GapVanishes);
    e.measures.push_back({});
    EXPECT_EQ(experimentError(e, base), "measures: rule gap_vanishes needs 1 measure, not 2");
    e = depthExperiment(EvidenceRule::GapVanishes);
    e.grid = {"depth=0,4"};
    EXPECT_EQ(experimentError(e, base).rfind("grid: ", 0), 0u);
    e = depthExperiment(EvidenceRule::GapVanishes);
    ASSERT_EQ(e.contrast.set("width", "8"), "");
    EXPECT_EQ(experimentError(e, base), "");
    EXPECT_EQ(e.settingCount(), 2);
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[0].base.width, base.width);
    EXPECT_EQ(specs[1].base.width, 8);
    for (const auto &[name, rule] : {std::pair{"gap_vanishes", EvidenceRule::GapVanishes},
                                     std::pair{"format_stalls", EvidenceRule::FormatStalls}}) {
        EXPECT_EQ(parseEvidenceRule(name), rule);
        EXPECT_EQ(evidenceRuleName(rule), name);
    }
    EXPECT_FALSE(parseEvidenceRule("gap"));
}

TEST(Evidence, ARealExperimentIsTheSameOnOneAndTwoThreads)
{
    Experiment e = depthExperiment(EvidenceRule::GapVanishes);
    e.grid = {"activation=relu,prelu", "depth=1,3"};
    e.measures[0].steps = 30;
    TrainingConfig base;
    base.width = 4;
    base.alpha = 0.25;
    const std::vector<SweepSpec> specs = experimentSweeps(e, base);
    const SweepResult one = runSweep(specs[0], 1), two = runSweep(specs[0], 2);
    for (std::size_t c = 0; c < one.cells.size(); ++c)
        EXPECT_EQ(one.cells[c].values, two.cells[c].values) << c;
    const Verdict v1 = judgeExperiment(e, specs, {one}, 0);
    const Verdict v2 = judgeExperiment(e, specs, {two}, 0);
    EXPECT_EQ(v1.text, v2.text);
    EXPECT_EQ(v1.outcome, v2.outcome);
    EXPECT_NE(v1.text.find("prelu − relu at depth=1: "), std::string::npos) << v1.text;
}
