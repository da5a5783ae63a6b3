// SPDX-License-Identifier: MIT
// Training in each precision: float32 as before, float64 closer to the true gradient, the
// emulated formats storing what they compute, and stalled updates counted exactly.
#include "dataset.h"
#include "network.h"
#include "optimizer_state.h"
#include "precision.h"
#include "sweep.h"
#include "trainer.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace relulab;

namespace {

TrainingConfig smallConfig(Precision p)
{
    TrainingConfig c;
    c.depth = 3;
    c.width = 8;
    c.samples = 64;
    c.batchSize = 16;
    c.optimizer = Optimizer::Momentum; // Adam in pure float16 diverges (see below)
    c.precision = p;
    return c;
}

std::vector<double> losses(const TrainingConfig &c, int rounds)
{
    Trainer t(c);
    std::vector<double> out;
    for (int i = 0; i < rounds; ++i) {
        t.train(10);
        out.push_back(t.snapshot().loss);
    }
    return out;
}

bool allIn(Precision p, const Parameters<float> &params)
{
    const auto stored = [p](float v) {
        return p == Precision::BFloat16 ? roundToBFloat16(v) == v : roundToFloat16(v) == v;
    };
    for (const Layer<float> &l : params) {
        for (Eigen::Index i = 0; i < l.W.size(); ++i)
            if (!stored(l.W.data()[i]))
                return false;
        for (Eigen::Index i = 0; i < l.b.size(); ++i)
            if (!stored(l.b(i)))
                return false;
    }
    return true;
}

/// Largest |gradient − difference quotient| over every weight and bias, relative to the
/// largest quotient, taken in double on `reference` (fourth-order central differences: their
/// own error, ~1e-12, is far below what either precision is tested for).
double gradientError(const Parameters<double> &gradient, Network<double> reference,
                     const Dataset &data, LossKind kind)
{
    constexpr double h = 1e-4;
    Workspace<double> ws;
    Parameters<double> unused;
    const auto lossAt = [&]() {
        return reference.lossAndGradient(kind, data.trainX, data.trainY, ws, unused);
    };
    double worst = 0, scale = 0;
    for (size_t l = 0; l < gradient.size(); ++l) {
        Layer<double> &p = reference.parameters()[l];
        const auto check = [&](double &value, double analytic) {
            const double saved = value;
            const auto at = [&](double offset) {
                value = saved + offset;
                return lossAt();
            };
            const double fd = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
            value = saved;
            worst = std::max(worst, std::abs(analytic - fd));
            scale = std::max(scale, std::abs(fd));
        };
        for (Eigen::Index i = 0; i < p.W.size(); ++i)
            check(p.W.data()[i], gradient[l].W.data()[i]);
        for (Eigen::Index i = 0; i < p.b.size(); ++i)
            check(p.b(i), gradient[l].b(i));
    }
    return worst / scale;
}

} // namespace

TEST(PrecisionTraining, DefaultIsFloat32AsBefore)
{
    // The default trains as a plain float loop over the same network and data did before the
    // precision setting existed: same parameters, bit for bit.
    for (Optimizer o : allOptimizers()) {
        TrainingConfig c;
        c.samples = 64;
        c.batchSize = 64; // full batch: the loop needs no batch order
        c.activation = Activation::Prelu;
        c.optimizer = o;
        c.weightDecay = 1e-3;
        TrainingConfig explicitly = c;
        ASSERT_EQ(setConfigValue(explicitly, "precision", "float32"), "");
        ASSERT_EQ(c, explicitly);
        Trainer t(c);
        t.train(20);

        const Dataset d = makeDataset(c);
        Network<float> net = buildNetwork(c, d.inputDim()).cast<float>();
        const Mat<float> X = d.trainX.cast<float>();
        const Vec<float> y = d.trainY.cast<float>();
        OptimizerState<float> opt;
        Workspace<float> ws;
        Parameters<float> grads;
        for (int i = 0; i < 20; ++i) {
            net.lossAndGradient(LossKind::BceLogits, X, y, ws, grads);
            opt.apply(o, float(c.learningRate), float(c.weightDecay), true, net.parameters(),
                      grads);
        }
        for (size_t l = 0; l < net.parameters().size(); ++l) {
            EXPECT_TRUE(net.parameters()[l].W == t.network().parameters()[l].W) << l;
            EXPECT_TRUE(net.parameters()[l].b == t.network().parameters()[l].b) << l;
            EXPECT_EQ(net.parameters()[l].alpha, t.network().parameters()[l].alpha) << l;
        }
    }
}

TEST(PrecisionTraining, NarrowFormatsChangeTrainingDeterministically)
{
    const std::vector<double> base = losses(smallConfig(Precision::Float32), 5);
    for (Precision p : {Precision::BFloat16, Precision::Float16}) {
        SCOPED_TRACE(std::string(precisionName(p)));
        const std::vector<double> a = losses(smallConfig(p), 5);
        EXPECT_EQ(a, losses(smallConfig(p), 5)); // same seed, same run
        EXPECT_NE(a, base);
        for (double loss : a)
            EXPECT_TRUE(std::isfinite(loss));
        // It still learns: the loss falls.
        EXPECT_LT(a.back(), a.front());
        Trainer t(smallConfig(p));
        EXPECT_TRUE(allIn(p, t.network().parameters()));
        t.train(7);
        EXPECT_TRUE(allIn(p, t.network().parameters())) << "stored in the format";
    }
    EXPECT_NE(losses(smallConfig(Precision::BFloat16), 5),
              losses(smallConfig(Precision::Float16), 5));
}

TEST(PrecisionTraining, Float64MatchesFiniteDifferencesTighterThanFloat32)
{
    TrainingConfig c = smallConfig(Precision::Float32);
    c.activation = Activation::Tanh; // smooth: no kink to straddle
    Trainer single(c);
    c.precision = Precision::Float64;
    Trainer twice(c);
    const Dataset &d = twice.dataset();
    const Network<double> reference = buildNetwork(c, d.inputDim());
    const double error32 = gradientError(single.gradient(), reference, d, single.lossKind());
    const double error64 = gradientError(twice.gradient(), reference, d, twice.lossKind());
    EXPECT_LT(error64, 1e-7);
    EXPECT_GT(error32, 1e-7); // float's weights, data and sums are off by ~1e-7 relative
    EXPECT_LT(error64 * 100, error32) << error64 << " vs " << error32;

    // Training in double leaves the float mirror rounded from it, and differs from float.
    single.train(30);
    twice.train(30);
    EXPECT_NE(single.snapshot().loss, twice.snapshot().loss);
}

TEST(PrecisionTraining, StalledUpdatesExactOnAConstructedCase)
{
    // One hidden layer of 8 linear units on 1-D data: 8 first-layer weights. Units 0..3 get
    // the weight 64 (bfloat16's spacing there is 0.5 above and 0.25 below, so a step under
    // 0.125 rounds away), units 4..7 get 1/16 (spacing 2^-11 and 2^-12); the learning rate is
    // then chosen from the gradient so every step is under 0.1 but at least 2^-9.
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    c.activation = Activation::Linear;
    c.depth = 1;
    c.width = 8;
    c.samples = 32;
    c.batchSize = 32;
    c.optimizer = Optimizer::Sgd;
    c.precision = Precision::BFloat16;
    Trainer t(c);
    Parameters<float> params = t.network().parameters();
    ASSERT_EQ(params[0].W.cols(), 1);
    for (int u = 0; u < 8; ++u)
        params[0].W(u, 0) = u < 4 ? 64.0f : 0.0625f;
    ASSERT_TRUE(t.setParameters(params));
    EXPECT_TRUE(std::isnan(t.snapshot().layers[0].stalledUpdates)) << "no step led here";

    const Eigen::MatrixXd g = t.gradient()[0].W;
    const double smallest = g.cwiseAbs().minCoeff(), largest = g.cwiseAbs().maxCoeff();
    ASSERT_GT(smallest, 0.0);
    const double lr = std::ldexp(1.0, -9) / smallest; // the smallest step: 4 spacings at 1/16
    ASSERT_LT(lr * largest, 0.1) << "the gradients are too spread for this construction";
    TrainingConfig live = c;
    live.learningRate = lr;
    ASSERT_TRUE(t.applyLive(live));
    ASSERT_EQ(t.train(1), 1);
    const Parameters<float> &after = t.network().parameters();
    for (int u = 0; u < 8; ++u) {
        if (u < 4)
            EXPECT_EQ(after[0].W(u, 0), 64.0f) << u;
        else
            EXPECT_NE(after[0].W(u, 0), 0.0625f) << u;
    }
    EXPECT_EQ(t.snapshot().layers[0].stalledUpdates, 0.5);

    // float32 keeps every one of those updates.
    c.precision = Precision::Float32;
    Trainer f(c);
    ASSERT_TRUE(f.setParameters(params));
    live.precision = Precision::Float32;
    ASSERT_TRUE(f.applyLive(live));
    f.train(1);
    EXPECT_EQ(f.snapshot().layers[0].stalledUpdates, 0.0);
}

TEST(PrecisionTraining, StalledUpdatesFollowTheUpdateRatio)
{
    for (Precision p : allPrecisions()) {
        SCOPED_TRACE(std::string(precisionName(p)));
        TrainingConfig c = smallConfig(p);
        c.learningRate = 1e-5; // small steps: many round away in the narrow formats
        Trainer t(c);
        for (const LayerMetrics &m : t.snapshot().layers)
            EXPECT_TRUE(std::isnan(m.stalledUpdates));
        t.train(3);
        const Snapshot s = t.snapshot();
        for (const LayerMetrics &m : s.layers) {
            EXPECT_GE(m.stalledUpdates, 0.0);
            EXPECT_LE(m.stalledUpdates, 1.0);
            // float32 loses the steps of its smallest gradients too; double loses none.
            const double most = p == Precision::Float64   ? 0.0
                                : p == Precision::Float32 ? 0.25
                                                          : 1.0;
            EXPECT_LE(m.stalledUpdates, most) << "layer " << m.index;
            if (isEmulated(p)) {
                EXPECT_GT(m.stalledUpdates, 0.5) << "layer " << m.index;
            }
        }
        // Changing the learning rate live: the last step can no longer be recomputed.
        TrainingConfig live = c;
        live.learningRate = 1e-3;
        ASSERT_TRUE(t.applyLive(live));
        EXPECT_TRUE(std::isnan(t.snapshot().layers[0].stalledUpdates));
        EXPECT_FALSE(std::isnan(t.snapshot().layers[0].updateRatio));
    }
}

TEST(PrecisionTraining, StateRoundTripsInEveryPrecision)
{
    for (Precision p : allPrecisions()) {
        SCOPED_TRACE(std::string(precisionName(p)));
        const TrainingConfig c = smallConfig(p);
        Trainer a(c);
        a.train(15);
        Trainer b(c);
        ASSERT_TRUE(b.restoreState(a.state()));
        a.train(10);
        b.train(10);
        if (p == Precision::Float64) {
            // Saved rounded to float: close to where it was, not bit for bit.
            EXPECT_NEAR(a.snapshot().loss, b.snapshot().loss, 1e-4);
        } else {
            EXPECT_EQ(a.snapshot().loss, b.snapshot().loss);
        }
    }
}

TEST(PrecisionTraining, Float16AdamDivergesAsPureHalfPrecisionDoes)
{
    // Adam's second moment (1 - 0.999)·g² is below float16's smallest subnormal for |g| under
    // about 8e-3, so it is stored as 0 and the step becomes lr·m/eps: the run blows up at
    // once. Real float16 training keeps the optimiser state in float32 for this reason.
    TrainingConfig c = smallConfig(Precision::Float16);
    c.optimizer = Optimizer::Adam;
    Trainer t(c);
    t.train(20);
    EXPECT_TRUE(t.diverged() || t.snapshot().loss > 100.0);
    c.precision = Precision::BFloat16; // float32's exponent range: no underflow
    Trainer b(c);
    b.train(20);
    EXPECT_FALSE(b.diverged());
    EXPECT_LT(b.snapshot().loss, 1.0);
}

TEST(PrecisionTraining, SweepAtInitialisationMeasuresEachFormatsNetwork)
{
    // Step 0 takes a fast path that measures the float32 network; it must not stand in for
    // the other formats, whose starting network is rounded (or in double).
    SweepSpec spec;
    spec.base = smallConfig(Precision::Float32);
    spec.seeds = 2;
    spec.steps = 0;
    spec.metric = SweepMetric::FinalLoss;
    ASSERT_EQ(parseGridSpec({"precision=float32,bfloat16,float16,float64"}, spec.base, spec.grid),
              "");
    const SweepResult result = runSweep(spec, 2);
    ASSERT_EQ(result.cells.size(), 4u);
    for (std::size_t cell = 0; cell < 4; ++cell) {
        for (int s = 0; s < spec.seeds; ++s) {
            TrainingConfig config = spec.grid.cellConfig(spec.base, cell);
            config.seed = spec.base.seed + std::uint64_t(s);
            EXPECT_EQ(result.cells[cell].values[std::size_t(s)], Trainer(config).snapshot().loss)
                << precisionName(config.precision) << " seed " << config.seed;
        }
    }
    EXPECT_NE(result.cells[0].values[0], result.cells[1].values[0]); // bfloat16 differs
}
