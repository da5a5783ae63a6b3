// SPDX-License-Identifier: MIT
// The network view's data: the update ratio, editing a unit (setUnit, killBias), each unit's
// death step through the frame recorder, the death timeline and the unit pictures.
#include "death_timeline.h"
#include "frame_recorder.h"
#include "run_pair.h"
#include "snapshot.h"
#include "trainer.h"
#include "training_config.h"
#include "training_frame.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace relulab;

namespace {

TrainingConfig smallConfig()
{
    TrainingConfig c;
    c.depth = 3;
    c.width = 8;
    c.samples = 300;
    c.seed = 4;
    return c;
}

/// ‖W1 − W0‖_F / ‖W0‖_F in double, element by element.
double frobeniusRatio(const Eigen::MatrixXf &before, const Eigen::MatrixXf &after)
{
    double change = 0, base = 0;
    for (Eigen::Index i = 0; i < before.size(); ++i) {
        const double b = before(i), a = after(i);
        change += (a - b) * (a - b);
        base += b * b;
    }
    return std::sqrt(change) / std::sqrt(base);
}

void expectAllNaN(const std::vector<double> &ratios, const std::string &when)
{
    for (double r : ratios)
        EXPECT_TRUE(std::isnan(r)) << when << ": " << r;
}

bool sameNumber(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

/// Every metric of two snapshots, bit for bit (NaN equals NaN).
void expectSameSnapshot(const Snapshot &a, const Snapshot &b)
{
    EXPECT_TRUE(sameNumber(a.loss, b.loss));
    EXPECT_TRUE(sameNumber(a.testLoss, b.testLoss));
    EXPECT_TRUE(sameNumber(a.accuracy, b.accuracy));
    EXPECT_EQ(a.networkDead, b.networkDead);
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (size_t l = 0; l < a.layers.size(); ++l) {
        const LayerMetrics &x = a.layers[l], &y = b.layers[l];
        EXPECT_EQ(x.gradWNorm, y.gradWNorm);
        EXPECT_EQ(x.gradZRms, y.gradZRms);
        EXPECT_EQ(x.preactMean, y.preactMean);
        EXPECT_EQ(x.preactStd, y.preactStd);
        EXPECT_EQ(x.deadFraction, y.deadFraction);
        EXPECT_EQ(x.negativeFraction, y.negativeFraction);
        EXPECT_TRUE(sameNumber(x.updateRatio, y.updateRatio));
        ASSERT_EQ(x.units.size(), y.units.size());
        for (size_t u = 0; u < x.units.size(); ++u) {
            EXPECT_EQ(x.units[u].aliveShare, y.units[u].aliveShare);
            EXPECT_EQ(x.units[u].dead, y.units[u].dead);
            EXPECT_EQ(x.units[u].negative, y.units[u].negative);
            EXPECT_EQ(x.units[u].zMean, y.units[u].zMean);
            EXPECT_EQ(x.units[u].zStd, y.units[u].zStd);
        }
    }
}

Eigen::VectorXd incomingWeights(const Trainer &t, int layer, int unit)
{
    return t.network().parameters()[size_t(layer)].W.row(unit).transpose().cast<double>();
}

double unitBias(const Trainer &t, int layer, int unit)
{
    return double(t.network().parameters()[size_t(layer)].b(unit));
}

/// z of one unit for every training input, through the float network.
Eigen::RowVectorXf unitZ(const Trainer &t, int layer, int unit)
{
    Workspace<float> ws;
    t.network().forward(t.dataset().trainX.cast<float>(), ws);
    return ws.Z[size_t(layer)].row(unit);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Update ratio

TEST(UpdateRatio, IsTheRelativeChangeOfTheLastStep)
{
    Trainer t(smallConfig());
    expectAllNaN(t.updateRatios(), "step 0");
    for (const LayerMetrics &m : t.snapshot().layers)
        EXPECT_TRUE(std::isnan(m.updateRatio)) << "step 0";

    for (int step = 0; step < 3; ++step) {
        const TrainerState before = t.state();
        ASSERT_EQ(t.train(1), 1);
        const TrainerState after = t.state();
        const std::vector<double> ratios = t.updateRatios();
        const Snapshot s = t.snapshot();
        ASSERT_EQ(ratios.size(), 3u);
        for (size_t l = 0; l < 3; ++l) {
            const double expected = frobeniusRatio(before.params[l].W, after.params[l].W);
            EXPECT_GT(expected, 0);
            EXPECT_NEAR(ratios[l], expected, 1e-12 * expected) << "layer " << l + 1;
            EXPECT_EQ(s.layers[l].updateRatio, ratios[l]);
        }
    }
}

TEST(UpdateRatio, NaNAfterAnythingButAStep)
{
    const TrainingConfig c = smallConfig();
    Trainer t(c);
    t.train(2);
    const TrainerState two = t.state();

    ASSERT_TRUE(t.setUnit(0, 1, 0.5, incomingWeights(t, 0, 1)));
    expectAllNaN(t.updateRatios(), "after setUnit");
    expectAllNaN(
        [&] {
            std::vector<double> r;
            for (const LayerMetrics &m : t.snapshot().layers)
                r.push_back(m.updateRatio);
            return r;
        }(),
        "snapshot after setUnit");
    t.train(1);
    EXPECT_FALSE(std::isnan(t.updateRatios()[0]));

    ASSERT_TRUE(t.setParameters(two.params));
    expectAllNaN(t.updateRatios(), "after setParameters");
    t.train(1);
    ASSERT_TRUE(t.restoreState(two));
    expectAllNaN(t.updateRatios(), "after restoreState");
    t.train(1);
    Trainer other(c);
    ASSERT_TRUE(t.copyWeightsFrom(other));
    expectAllNaN(t.updateRatios(), "after copyWeightsFrom");

    // A new step after a restore to an earlier step: read anew, not from the step it replays.
    const TrainerState previous = t.state();
    t.train(1);
    const double first = t.updateRatios()[1];
    ASSERT_TRUE(t.restoreState(previous)); // the same step count comes round again
    TrainingConfig faster = c;
    faster.learningRate = 0.05;
    ASSERT_TRUE(t.applyLive(faster));
    const TrainerState before = t.state();
    t.train(1);
    const double expected = frobeniusRatio(before.params[1].W, t.state().params[1].W);
    EXPECT_NEAR(t.updateRatios()[1], expected, 1e-12 * expected);
    EXPECT_NE(t.updateRatios()[1], first);
    // A live change that moves no weight keeps the ratio.
    TrainingConfig slower = faster;
    slower.learningRate = 0.001;
    ASSERT_TRUE(t.applyLive(slower));
    EXPECT_NEAR(t.updateRatios()[1], expected, 1e-12 * expected);
}

TEST(UpdateRatio, NaNWhereTheWeightsWereZero)
{
    Trainer t(smallConfig());
    Parameters<float> p = t.network().parameters();
    p[1].W.setZero();
    ASSERT_TRUE(t.setParameters(p));
    t.train(1);
    const std::vector<double> r = t.updateRatios();
    EXPECT_TRUE(std::isnan(r[1]));
    EXPECT_FALSE(std::isnan(r[0]));
    EXPECT_FALSE(std::isnan(r[2]));
}

// ---------------------------------------------------------------------------------------------
// setUnit and killBias

TEST(UnitEdit, KillPutsEveryInputBelowZeroAndReviveRestores)
{
    Trainer t(smallConfig());
    t.train(20);
    const Snapshot original = t.snapshot();
    for (int layer = 0; layer < 3; ++layer) {
        for (int unit : {0, 5}) {
            SCOPED_TRACE("layer " + std::to_string(layer) + " unit " + std::to_string(unit));
            const Eigen::VectorXd w = incomingWeights(t, layer, unit);
            const double b = unitBias(t, layer, unit);
            const double kill = t.killBias(layer, unit);
            ASSERT_TRUE(std::isfinite(kill));
            ASSERT_TRUE(t.setUnit(layer, unit, kill, w));
            EXPECT_LT(unitZ(t, layer, unit).maxCoeff(), 0.0f);
            const Snapshot killed = t.snapshot();
            const UnitMetrics &u = killed.layers[size_t(layer)].units[size_t(unit)];
            EXPECT_TRUE(u.dead);
            EXPECT_TRUE(u.negative);
            EXPECT_EQ(u.aliveShare, 0.0);
            EXPECT_LE(u.zMean, -1.0);

            ASSERT_TRUE(t.setUnit(layer, unit, b, w));
            const Snapshot revived = t.snapshot();
            for (const LayerMetrics &m : revived.layers)
                EXPECT_TRUE(std::isnan(m.updateRatio));
            Snapshot expected = original;
            for (LayerMetrics &m : expected.layers)
                m.updateRatio = kNaN; // setUnit counts as no step
            expectSameSnapshot(revived, expected);
        }
    }
}

TEST(UnitEdit, KillBiasIsTheFormula)
{
    Trainer t(smallConfig());
    // Layer 0 sees the inputs themselves: m = max_i w·x_i.
    const Eigen::VectorXd w = incomingWeights(t, 0, 3);
    const Eigen::MatrixXd X = t.dataset().trainX.cast<float>().cast<double>();
    const double m = (w.transpose() * X).maxCoeff();
    EXPECT_NEAR(t.killBias(0, 3), -m - std::max(1.0, std::abs(m)), 1e-12 * (1 + std::abs(m)));
    // A unit that never sees a positive input still gets a margin of at least 1.
    Parameters<float> p = t.network().parameters();
    p[0].W.row(3).setZero();
    ASSERT_TRUE(t.setParameters(p));
    EXPECT_EQ(t.killBias(0, 3), -1.0);
}

TEST(UnitEdit, ReviveBiasBringsADeadUnitBackOnAboutHalfTheInputs)
{
    Trainer t(smallConfig());
    t.train(10);
    for (int layer = 0; layer < 3; ++layer) {
        SCOPED_TRACE(layer);
        const Eigen::VectorXd w = incomingWeights(t, layer, 2);
        ASSERT_TRUE(t.setUnit(layer, 2, t.killBias(layer, 2), w));
        ASSERT_TRUE(t.snapshot().layers[size_t(layer)].units[2].dead);
        ASSERT_TRUE(t.setUnit(layer, 2, t.reviveBias(layer, 2), w));
        const UnitMetrics u = t.snapshot().layers[size_t(layer)].units[2];
        EXPECT_FALSE(u.dead);
        EXPECT_GT(u.aliveShare, 0.3);
        EXPECT_LT(u.aliveShare, 0.7);
    }
    // Layer 0 sees the inputs themselves: the bias is minus the median of w·x.
    const Eigen::VectorXd w = incomingWeights(t, 0, 4);
    const Eigen::MatrixXd X = t.dataset().trainX.cast<float>().cast<double>();
    Eigen::RowVectorXd wx = w.transpose() * X;
    std::vector<double> v(wx.data(), wx.data() + wx.size());
    std::sort(v.begin(), v.end());
    EXPECT_NEAR(t.reviveBias(0, 4), -v[v.size() / 2], 1e-12 * (1 + std::abs(v[v.size() / 2])));
    // Nothing tells the inputs apart (w = 0): on for every input.
    Parameters<float> p = t.network().parameters();
    p[0].W.row(4).setZero();
    ASSERT_TRUE(t.setParameters(p));
    EXPECT_EQ(t.reviveBias(0, 4), 1.0);
    EXPECT_TRUE(std::isnan(t.reviveBias(3, 0))); // the output layer is no hidden layer
}

TEST(UnitEdit, BadInputIsRefusedAndChangesNothing)
{
    Trainer t(smallConfig());
    t.train(3);
    const TrainerState before = t.state();
    const Eigen::VectorXd w8 = Eigen::VectorXd::Ones(8), w2 = Eigen::VectorXd::Ones(2);
    const double inf = std::numeric_limits<double>::infinity();
    Eigen::VectorXd nanW = w8;
    nanW(3) = kNaN;
    Eigen::VectorXd infW = w8;
    infW(0) = -inf;
    Eigen::VectorXd hugeW = w8;
    hugeW(7) = 1e300; // finite in double, infinite in float
    EXPECT_FALSE(t.setUnit(-1, 0, 0.0, w2));
    EXPECT_FALSE(t.setUnit(3, 0, 0.0, w8)); // the output layer is not a hidden one
    EXPECT_FALSE(t.setUnit(1, -1, 0.0, w8));
    EXPECT_FALSE(t.setUnit(1, 8, 0.0, w8));
    EXPECT_FALSE(t.setUnit(0, 0, 0.0, w8)); // layer 0's fan-in is 2
    EXPECT_FALSE(t.setUnit(1, 0, 0.0, w2));
    EXPECT_FALSE(t.setUnit(1, 0, kNaN, w8));
    EXPECT_FALSE(t.setUnit(1, 0, inf, w8));
    EXPECT_FALSE(t.setUnit(1, 0, 1e300, w8));
    EXPECT_FALSE(t.setUnit(1, 0, 0.0, nanW));
    EXPECT_FALSE(t.setUnit(1, 0, 0.0, infW));
    EXPECT_FALSE(t.setUnit(1, 0, 0.0, hugeW));
    const TrainerState after = t.state();
    for (size_t l = 0; l < before.params.size(); ++l) {
        EXPECT_EQ(before.params[l].W, after.params[l].W);
        EXPECT_EQ(before.params[l].b, after.params[l].b);
    }
    EXPECT_FALSE(std::isnan(t.updateRatios()[0])) << "a refused edit is no edit";
    EXPECT_TRUE(std::isnan(t.killBias(-1, 0)));
    EXPECT_TRUE(std::isnan(t.killBias(3, 0)));
    EXPECT_TRUE(std::isnan(t.killBias(0, 8)));
}

// ---------------------------------------------------------------------------------------------
// Death steps through the frame recorder

TEST(UnitDeath, RecorderKeepsTheStepAUnitDiedAt)
{
    TrainingConfig c = smallConfig();
    // Plain SGD without decay: a dead unit of layer 1 gets no gradient, so it stays dead.
    c.optimizer = Optimizer::Sgd;
    c.weightDecay = 0;
    Trainer t(c);
    FrameRecorder recorder;
    t.train(3);
    const int layer = 0, unit = 2;
    auto frame = recorder.record(t, 0, false);
    ASSERT_FALSE(frame->snapshot.layers[layer].units[unit].dead) << "pick a live unit";
    EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, -1);

    t.train(2); // step 5
    const Eigen::VectorXd w = incomingWeights(t, layer, unit);
    const double b = unitBias(t, layer, unit);
    ASSERT_TRUE(t.setUnit(layer, unit, t.killBias(layer, unit), w));
    frame = recorder.record(t, 0, false);
    EXPECT_EQ(frame->snapshot.step, 5);
    EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, 5);
    for (int more = 0; more < 3; ++more) {
        t.train(4);
        frame = recorder.record(t, 0, false);
        ASSERT_TRUE(frame->snapshot.layers[layer].units[unit].dead);
        EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, 5);
    }
    // Every unit: -1 exactly when alive.
    for (const LayerMetrics &m : frame->snapshot.layers)
        for (const UnitMetrics &u : m.units)
            EXPECT_EQ(u.diedAtStep < 0, !u.dead);

    ASSERT_TRUE(t.setUnit(layer, unit, b, incomingWeights(t, layer, unit)));
    frame = recorder.record(t, 0, false);
    EXPECT_FALSE(frame->snapshot.layers[layer].units[unit].dead);
    EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, -1);

    // Dying again counts from the new death.
    t.train(1);
    ASSERT_TRUE(t.setUnit(layer, unit, t.killBias(layer, unit), incomingWeights(t, layer, unit)));
    frame = recorder.record(t, 0, false);
    EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, t.stepCount());

    // The timeline saw it: the unit's own row is dark in the newest column.
    const DeathTimeline &timeline = frame->timeline;
    ASSERT_EQ(timeline.rowsPerLayer(), 8);
    ASSERT_FALSE(timeline.empty());
    EXPECT_EQ(timeline.columns().back().step, t.stepCount());
    EXPECT_EQ((*timeline.columns().back().cells)[size_t(layer * 8 + unit)], DeathTimeline::kDead);
    // One column per recorded step (3, 5, 9, 13, 17 and 18; 17 recorded twice).
    EXPECT_EQ(timeline.columns().size(), 6u);

    // Earlier snapshots keep no units; the current one does.
    ASSERT_FALSE(frame->recent.empty());
    for (const Snapshot &s : frame->recent)
        for (const LayerMetrics &m : s.layers)
            EXPECT_TRUE(m.units.empty());
    EXPECT_EQ(frame->snapshot.layers[0].units.size(), 8u);

    // A new run forgets it all.
    recorder.reset();
    frame = recorder.record(t, 0, false);
    EXPECT_EQ(frame->snapshot.layers[layer].units[unit].diedAtStep, t.stepCount());
    EXPECT_EQ(frame->timeline.columns().size(), 1u);
}

TEST(UnitDeath, TrackRuleOnHandMadeSnapshots)
{
    const auto snapshotAt = [](std::int64_t step, std::vector<bool> dead) {
        Snapshot s;
        s.step = step;
        s.layers.resize(1);
        for (bool d : dead) {
            UnitMetrics u;
            u.dead = d;
            s.layers[0].units.push_back(u);
        }
        return s;
    };
    std::vector<std::vector<std::int64_t>> diedAt;
    const auto steps = [&](Snapshot s) {
        trackUnitDeaths(diedAt, s);
        std::vector<std::int64_t> out;
        for (const UnitMetrics &u : s.layers[0].units)
            out.push_back(u.diedAtStep);
        return out;
    };
    using V = std::vector<std::int64_t>;
    EXPECT_EQ(steps(snapshotAt(0, {true, false, false})), (V{0, -1, -1}));
    EXPECT_EQ(steps(snapshotAt(10, {true, true, false})), (V{0, 10, -1}));
    EXPECT_EQ(steps(snapshotAt(10, {true, true, false})), (V{0, 10, -1})); // same step again
    EXPECT_EQ(steps(snapshotAt(20, {false, true, true})), (V{-1, 10, 20}));
    EXPECT_EQ(steps(snapshotAt(30, {true, true, true})), (V{30, 10, 20}));
    // Another shape starts again.
    EXPECT_EQ(steps(snapshotAt(40, {true, true})), (V{40, 40}));
}

// ---------------------------------------------------------------------------------------------
// Death timeline

TEST(DeathTimeline, EncodeAndDecode)
{
    EXPECT_EQ(DeathTimeline::encode(0.0, true), DeathTimeline::kDead);
    EXPECT_EQ(DeathTimeline::encode(0.7, true), DeathTimeline::kDead);
    EXPECT_EQ(DeathTimeline::encode(0.0, false), 1); // alive never reads as dead
    EXPECT_EQ(DeathTimeline::encode(1e-9, false), 1);
    EXPECT_EQ(DeathTimeline::encode(1.0, false), 255);
    EXPECT_EQ(DeathTimeline::encode(2.0, false), 255);
    EXPECT_EQ(DeathTimeline::decode(DeathTimeline::kDead), 0.0);
    EXPECT_EQ(DeathTimeline::decode(255), 1.0);
    for (double share = 1.0 / 510; share <= 1.0; share += 0.001)
        EXPECT_LE(std::abs(DeathTimeline::decode(DeathTimeline::encode(share, false)) - share),
                  1.0 / 510 + 1e-15)
            << share;
}

namespace {

Snapshot uniformSnapshot(std::int64_t step, int depth, int width, double share)
{
    Snapshot s;
    s.step = step;
    s.layers.resize(size_t(depth));
    for (LayerMetrics &m : s.layers) {
        UnitMetrics u;
        u.aliveShare = share;
        u.dead = share == 0;
        m.units.assign(size_t(width), u);
    }
    return s;
}

} // namespace

TEST(DeathTimeline, ThinsOlderColumnsWithinTheBound)
{
    DeathTimeline timeline;
    std::int64_t last = 0;
    for (int i = 0; i < 3 * DeathTimeline::kMaxColumns + 17; ++i) {
        last = 5 * i;
        timeline.append(uniformSnapshot(last, 2, 3, 0.5));
        ASSERT_LE(int(timeline.columns().size()), DeathTimeline::kMaxColumns);
    }
    EXPECT_GT(int(timeline.columns().size()), DeathTimeline::kMaxColumns / 2);
    EXPECT_EQ(timeline.columns().back().step, last);
    for (size_t i = 1; i < timeline.columns().size(); ++i)
        EXPECT_LT(timeline.columns()[i - 1].step, timeline.columns()[i].step);
    // The same step again replaces the newest column.
    const size_t count = timeline.columns().size();
    timeline.append(uniformSnapshot(last, 2, 3, 0.0));
    EXPECT_EQ(timeline.columns().size(), count);
    EXPECT_EQ((*timeline.columns().back().cells)[0], DeathTimeline::kDead);
    // A snapshot of mixed shape adds nothing; one of another shape starts again.
    Snapshot mixed = uniformSnapshot(last + 1, 2, 3, 0.5);
    mixed.layers[1].units.clear();
    timeline.append(mixed);
    EXPECT_EQ(timeline.columns().size(), count);
    EXPECT_EQ(timeline.columns().back().step, last);
    timeline.append(uniformSnapshot(last + 2, 4, 3, 0.5));
    EXPECT_EQ(timeline.columns().size(), 1u);
    EXPECT_EQ(timeline.depth(), 4);
}

TEST(DeathTimeline, RowsOfTheLargestNetwork)
{
    DeathTimeline timeline;
    timeline.reset(200, 1024);
    EXPECT_EQ(timeline.rowsPerLayer(), DeathTimeline::kMaxRows / 200);
    EXPECT_LE(timeline.rows(), DeathTimeline::kMaxRows);
    // Rows tile every layer's units without gaps.
    EXPECT_EQ(timeline.firstUnit(0), 0);
    EXPECT_EQ(timeline.lastUnit(timeline.rowsPerLayer() - 1), 1024);
    for (int r = 1; r < timeline.rowsPerLayer(); ++r) {
        EXPECT_EQ(timeline.firstUnit(r), timeline.lastUnit(r - 1));
        EXPECT_LT(timeline.firstUnit(r), timeline.lastUnit(r));
    }
    timeline.reset(3, 16);
    EXPECT_EQ(timeline.rowsPerLayer(), 16);
}

TEST(DeathTimeline, ACellIsDeadOnlyWhenEveryUnitOfItsRowIs)
{
    Snapshot s = uniformSnapshot(7, 200, 1024, 0.0);
    DeathTimeline timeline;
    timeline.reset(200, 1024);
    const int lo = timeline.firstUnit(3), hi = timeline.lastUnit(3);
    ASSERT_GT(hi - lo, 1);
    // Layer 5, row 3: every unit dead but one, alive for a single input out of a million.
    UnitMetrics barely;
    barely.aliveShare = 1e-6;
    s.layers[4].units[size_t(hi - 1)] = barely;
    timeline.append(s);
    ASSERT_EQ(timeline.columns().size(), 1u);
    const std::vector<std::uint8_t> &cells = *timeline.columns().back().cells;
    ASSERT_EQ(int(cells.size()), timeline.rows());
    const int rows = timeline.rowsPerLayer();
    EXPECT_NE(cells[size_t(4 * rows + 3)], DeathTimeline::kDead);
    EXPECT_EQ(cells[size_t(4 * rows + 2)], DeathTimeline::kDead);
    EXPECT_EQ(cells[size_t(5 * rows + 3)], DeathTimeline::kDead);
    int alive = 0;
    for (std::uint8_t cell : cells)
        alive += cell != DeathTimeline::kDead;
    EXPECT_EQ(alive, 1);
}

// ---------------------------------------------------------------------------------------------
// Unit pictures and weights

namespace {

/// φ(z) of every unit of every hidden layer at one input point, in double, by hand.
std::vector<std::vector<double>> unitsAt(const Network<float> &net, std::vector<double> x)
{
    std::vector<std::vector<double>> out;
    for (int l = 0; l < net.hiddenLayers(); ++l) {
        const Layer<float> &p = net.parameters()[size_t(l)];
        std::vector<double> a(size_t(p.W.rows()));
        for (Eigen::Index u = 0; u < p.W.rows(); ++u) {
            double z = p.b(u);
            for (Eigen::Index k = 0; k < p.W.cols(); ++k)
                z += double(p.W(u, k)) * x[size_t(k)];
            a[size_t(u)] = activate<double>(net.activation(), z, double(p.alpha));
        }
        out.push_back(a);
        x = a;
    }
    return out;
}

} // namespace

TEST(UnitPictures, EachPixelIsTheUnitsOutputThere)
{
    TrainingConfig c = smallConfig();
    c.activation = Activation::Elu;
    c.alpha = 0.5;
    Trainer t(c);
    t.train(10);
    FrameRecorder recorder;
    recorder.setNetworkView(true);
    const FramePtr frame = recorder.record(t, 0, false);
    ASSERT_TRUE(frame->unitPictures);
    ASSERT_TRUE(frame->weights);
    const UnitPictures &pics = *frame->unitPictures;
    const int r = FrameRecorder::pictureResolution(24);
    EXPECT_EQ(r, 22); // sqrt(12000 / 24) ≈ 22.4
    EXPECT_EQ(pics.resolution, r);
    EXPECT_TRUE(pics.twoD);
    // The output field's extent.
    const OutputField &out = frame->output;
    EXPECT_EQ(pics.x0, out.x0);
    EXPECT_EQ(pics.y0, out.y0);
    EXPECT_NEAR(pics.x0 + pics.dx * (r - 1), out.x0 + out.dx * (out.resolution - 1), 1e-12);
    EXPECT_NEAR(pics.y0 + pics.dy * (r - 1), out.y0 + out.dy * (out.resolution - 1), 1e-12);
    ASSERT_EQ(pics.layers.size(), 3u);
    for (const Eigen::MatrixXf &A : pics.layers) {
        EXPECT_EQ(A.rows(), 8);
        EXPECT_EQ(A.cols(), r * r);
    }
    for (const auto &[ix, iy] : {std::pair{0, 0}, std::pair{r - 1, 0}, std::pair{3, 17},
                                 std::pair{r - 1, r - 1}, std::pair{11, 5}}) {
        const double x = float(pics.x0 + ix * pics.dx), y = float(pics.y0 + iy * pics.dy);
        const std::vector<std::vector<double>> expected = unitsAt(t.network(), {x, y});
        for (size_t l = 0; l < 3; ++l)
            for (int u = 0; u < 8; ++u) {
                const double e = expected[l][size_t(u)];
                EXPECT_NEAR(pics.layers[l](u, iy * r + ix), e, 1e-5 * (1 + std::abs(e)))
                    << "layer " << l + 1 << " unit " << u << " at " << ix << "," << iy;
            }
    }
    // Weights: double copies of every layer, the output layer included.
    const NetworkWeights &w = *frame->weights;
    ASSERT_EQ(w.W.size(), 4u);
    ASSERT_EQ(w.b.size(), 4u);
    for (size_t l = 0; l < 4; ++l) {
        EXPECT_EQ(w.W[l], t.network().parameters()[l].W.cast<double>());
        EXPECT_EQ(w.b[l], t.network().parameters()[l].b.cast<double>());
    }
    EXPECT_EQ(w.W.back().rows(), 1);
}

TEST(UnitPictures, CurvesForOneDimensionalData)
{
    TrainingConfig c = smallConfig();
    c.dataset = DatasetKind::Sine;
    Trainer t(c);
    FrameRecorder recorder;
    recorder.setNetworkView(true);
    const FramePtr frame = recorder.record(t, 0, false);
    ASSERT_TRUE(frame->unitPictures);
    const UnitPictures &pics = *frame->unitPictures;
    EXPECT_FALSE(pics.twoD);
    EXPECT_EQ(pics.resolution, FrameRecorder::kPicturePoints1D);
    EXPECT_EQ(pics.x0, frame->output.x0);
    ASSERT_EQ(pics.layers.size(), 3u);
    EXPECT_EQ(pics.layers[2].cols(), FrameRecorder::kPicturePoints1D);
    const int i = 40;
    const double x = float(pics.x0 + i * pics.dx);
    const std::vector<std::vector<double>> expected = unitsAt(t.network(), {x});
    for (int u = 0; u < 8; ++u)
        EXPECT_NEAR(pics.layers[2](u, i), expected[2][size_t(u)],
                    1e-5 * (1 + std::abs(expected[2][size_t(u)])));
}

TEST(UnitPictures, OnlyWhenAskedAndTheNetworkFits)
{
    Trainer t(smallConfig());
    FrameRecorder recorder;
    FramePtr frame = recorder.record(t, 0, false);
    EXPECT_FALSE(frame->unitPictures);
    EXPECT_FALSE(frame->weights);
    EXPECT_FALSE(frame->timeline.empty()); // the timeline is always recorded

    recorder.setNetworkView(true);
    EXPECT_TRUE(recorder.record(t, 0, false)->unitPictures);
    recorder.setNetworkView(false);
    EXPECT_FALSE(recorder.record(t, 0, false)->unitPictures);

    for (const auto &[depth, width] :
         {std::pair{kDiagramMaxDepth + 1, 4}, std::pair{2, kDiagramMaxWidth + 1}}) {
        TrainingConfig big = smallConfig();
        big.depth = depth;
        big.width = width;
        ASSERT_FALSE(fitsNetworkDiagram(depth, width, 2));
        Trainer large(big);
        FrameRecorder r;
        r.setNetworkView(true);
        frame = r.record(large, 0, false);
        EXPECT_FALSE(frame->unitPictures) << depth << "x" << width;
        EXPECT_FALSE(frame->weights) << depth << "x" << width;
        EXPECT_EQ(frame->timeline.depth(), depth);
    }
    EXPECT_TRUE(fitsNetworkDiagram(kDiagramMaxDepth, kDiagramMaxWidth, 2));
    EXPECT_EQ(FrameRecorder::pictureResolution(kDiagramMaxDepth * kDiagramMaxWidth), 12);
    EXPECT_EQ(FrameRecorder::pictureResolution(1), 32);
}

TEST(UnitPictures, TheWindowsRunPairPassesTheSwitchOn)
{
    RunPair pair(smallConfig());
    ASSERT_TRUE(pair.ensureBuilt());
    EXPECT_FALSE(pair.networkView());
    EXPECT_FALSE(pair.record(0, false)->unitPictures);
    pair.setNetworkView(true);
    EXPECT_TRUE(pair.networkView());
    const FramePtr frame = pair.record(0, false);
    EXPECT_TRUE(frame->unitPictures);
    EXPECT_TRUE(frame->weights);
}
