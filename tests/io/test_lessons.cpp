// SPDX-License-Identifier: MIT
// Each lesson's phenomenon, headless through core, from the lesson's own settings over several
// seeds. The "[ measured ]" lines are the numbers the lessons quote.
#include "frame_recorder.h"
#include "lesson_info.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <vector>

namespace relulab {
namespace {

LessonInfo lesson(const char *name)
{
    LessonInfo info;
    const QString error = lessonInfo(QLatin1String(name), info);
    EXPECT_EQ(error, QString());
    return info;
}

TrainingConfig seeded(TrainingConfig config, std::uint64_t seed)
{
    config.seed = seed;
    return config;
}

Snapshot trained(const TrainingConfig &config, int steps)
{
    Trainer trainer(config);
    trainer.train(steps);
    return trainer.snapshot();
}

double mean(const std::vector<double> &v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double minOf(const std::vector<double> &v)
{
    return *std::min_element(v.begin(), v.end());
}
double maxOf(const std::vector<double> &v)
{
    return *std::max_element(v.begin(), v.end());
}

// RMS of dL/dz in the first hidden layer over the last one: < 1 means vanishing.
double firstToLast(const Snapshot &s)
{
    return s.layers.front().gradZRms / s.layers.back().gradZRms;
}

// ---- meet-the-rectifiers -------------------------------------------------------------------

TEST(MeetTheRectifiers, CurvesAtMinusOneAndTheirSlopes)
{
    EXPECT_EQ(activate(Activation::Relu, -1.0, 0.0), 0.0);
    EXPECT_DOUBLE_EQ(activate(Activation::LeakyRelu, -1.0, 0.01), -0.01);
    EXPECT_DOUBLE_EQ(activate(Activation::Prelu, -1.0, 0.25), -0.25);
    EXPECT_NEAR(activate(Activation::Elu, -1.0, 1.0), std::exp(-1.0) - 1.0, 1e-15);
    EXPECT_EQ(activateDerivative(Activation::Relu, -1.0, 0.0), 0.0);
    EXPECT_EQ(activateDerivative(Activation::Relu, 0.0, 0.0), 0.0); // PyTorch's convention
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::LeakyRelu, -1.0, 0.2), 0.2);
    EXPECT_NEAR(activateDerivative(Activation::Elu, -1.0, 2.0), 2.0 * std::exp(-1.0), 1e-15);
    EXPECT_NEAR(activate(Activation::Elu, -40.0, 2.0), -2.0, 1e-12); // saturates at -alpha
}

TEST(MeetTheRectifiers, AlphaMorphsReluIntoAStraightLine)
{
    for (double z = -3; z <= 3; z += 0.125) {
        EXPECT_EQ(activate(Activation::LeakyRelu, z, 0.0), activate(Activation::Relu, z, 0.0));
        EXPECT_EQ(activate(Activation::LeakyRelu, z, 1.0), z);
        // Moving alpha by d moves the curve by at most 3d on [-3, 3]: a smooth morph.
        EXPECT_LE(std::abs(activate(Activation::LeakyRelu, z, 0.3) -
                           activate(Activation::LeakyRelu, z, 0.2)),
                  0.3 + 1e-12);
    }
    // The jump of the derivative at 0 shrinks to 1 - alpha, and ELU's vanishes only at alpha 1.
    const double eps = 1e-9;
    for (double alpha : {0.0, 0.01, 0.25, 1.0}) {
        const double jump = activateDerivative(Activation::LeakyRelu, eps, alpha) -
                            activateDerivative(Activation::LeakyRelu, -eps, alpha);
        EXPECT_NEAR(jump, 1.0 - alpha, 1e-12);
    }
    auto eluJump = [&](double alpha) {
        return activateDerivative(Activation::Elu, eps, alpha) -
               activateDerivative(Activation::Elu, -eps, alpha);
    };
    EXPECT_NEAR(eluJump(1.0), 0.0, 1e-8);
    EXPECT_NEAR(eluJump(0.5), 0.5, 1e-8);
}

TEST(MeetTheRectifiers, LeakyAtAlphaZeroTrainsExactlyLikeRelu)
{
    const LessonInfo info = lesson("meet-the-rectifiers");
    ASSERT_EQ(info.settings.activation, Activation::LeakyRelu);
    ASSERT_EQ(info.settings.alpha, 0.0);
    TrainingConfig relu = info.settings;
    relu.activation = Activation::Relu;
    const Snapshot a = trained(info.settings, info.steps), b = trained(relu, info.steps);
    EXPECT_EQ(a.loss, b.loss);
    EXPECT_EQ(a.deadShare(), b.deadShare());
    std::printf("[ measured ] meet-the-rectifiers: leaky alpha 0 and relu after %d steps: "
                "loss %.6g and %.6g, dead %.3f and %.3f\n",
                info.steps, a.loss, b.loss, a.deadShare(), b.deadShare());
    // PReLU starts as Leaky ReLU with the same alpha, then its slopes move.
    TrainingConfig leaky = info.settings, prelu = info.settings;
    leaky.alpha = prelu.alpha = 0.25;
    prelu.activation = Activation::Prelu;
    Trainer p(prelu);
    EXPECT_EQ(Trainer(leaky).snapshot().loss, p.snapshot().loss);
    p.train(100);
    EXPECT_NE(p.snapshot().layers.front().alpha, 0.25);
}

// ---- dying-relu ----------------------------------------------------------------------------

TEST(DyingRelu, HighLearningRateKillsReluButNotLeaky)
{
    const LessonInfo info = lesson("dying-relu");
    ASSERT_EQ(info.compareSettings.activation, Activation::LeakyRelu);
    std::vector<double> reluDead, leakyDead, slowDead;
    int deadNetworks = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const Snapshot relu = trained(seeded(info.settings, seed), info.steps);
        const Snapshot leaky = trained(seeded(info.compareSettings, seed), info.steps);
        TrainingConfig slow = seeded(info.settings, seed);
        slow.learningRate = 0.01;
        reluDead.push_back(relu.deadShare());
        leakyDead.push_back(leaky.deadShare());
        slowDead.push_back(trained(slow, info.steps).deadShare());
        deadNetworks += relu.networkDead;
        EXPECT_GE(relu.deadShare(), 0.30) << "seed " << seed;
        EXPECT_EQ(leaky.deadShare(), 0.0) << "seed " << seed;
        EXPECT_FALSE(leaky.networkDead) << "seed " << seed;
    }
    // The learning rate is the cause: the same seeds at 0.01 lose far fewer units.
    EXPECT_GE(mean(reluDead), 3 * mean(slowDead));
    std::printf("[ measured ] dying-relu seeds 1-8, %d steps: relu dead %.3f..%.3f (mean %.3f), "
                "%d networks dead; leaky dead max %.3f; relu at lr 0.01 dead %.3f..%.3f\n",
                info.steps, minOf(reluDead), maxOf(reluDead), mean(reluDead), deadNetworks,
                maxOf(leakyDead), minOf(slowDead), maxOf(slowDead));
}

TEST(DyingRelu, LessonSeedDiesWithinTwentyStepsAndLeakyLearns)
{
    const LessonInfo info = lesson("dying-relu");
    Trainer relu(info.settings);
    const double before = relu.snapshot().deadShare();
    relu.train(20);
    const double after20 = relu.snapshot().deadShare();
    relu.train(info.steps - 20);
    const Snapshot end = relu.snapshot();
    EXPECT_LE(before, 0.15);
    EXPECT_GE(after20, 0.5);
    EXPECT_TRUE(end.networkDead);
    EXPECT_NEAR(end.loss, std::log(2.0), 0.01);
    const Snapshot leaky = trained(info.compareSettings, info.steps);
    EXPECT_GE(leaky.accuracy, 0.85);
    std::printf("[ measured ] dying-relu seed %llu: dead %.3f -> %.3f after 20 steps -> %.3f "
                "(loss %.4f); leaky accuracy %.3f after %d steps\n",
                static_cast<unsigned long long>(info.settings.seed), before, after20,
                end.deadShare(), end.loss, leaky.accuracy, info.steps);
}

// ---- born-dead -----------------------------------------------------------------------------

TEST(BornDead, AboutHalfOfNarrowDeepReluNetworksAreDeadAtInit)
{
    const LessonInfo info = lesson("born-dead");
    ASSERT_EQ(info.settings.width, 3);
    ASSERT_EQ(info.settings.depth, 10);
    TrainingConfig asymmetric = info.settings;
    asymmetric.init = Init::Asymmetric;
    constexpr int kSeeds = 200;
    int relu = 0, leaky = 0, rai = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
        relu += Trainer(seeded(info.settings, seed)).snapshot().networkDead;
        const Snapshot l = Trainer(seeded(info.compareSettings, seed)).snapshot();
        leaky += l.networkDead || l.deadShare() > 0;
        rai += Trainer(seeded(asymmetric, seed)).snapshot().networkDead;
    }
    EXPECT_GE(relu, 0.40 * kSeeds);
    EXPECT_LE(relu, 0.75 * kSeeds);
    EXPECT_EQ(leaky, 0);
    EXPECT_LT(rai, relu / 2); // Lu et al.'s asymmetric initialisation helps
    std::printf("[ measured ] born-dead seeds 1-%d dead at init: relu %d (%.1f%%), leaky %d, "
                "asymmetric %d\n",
                kSeeds, relu, 100.0 * relu / kSeeds, leaky, rai);
}

TEST(BornDead, LessonSeedNeverMovesButLeakyTrains)
{
    const LessonInfo info = lesson("born-dead");
    Trainer relu(info.settings);
    const Snapshot start = relu.snapshot();
    const Parameters<float> before = relu.network().parameters();
    relu.train(info.steps);
    const Snapshot end = relu.snapshot();
    EXPECT_TRUE(start.networkDead);
    EXPECT_TRUE(end.networkDead);
    EXPECT_LE(end.accuracy, 0.55);
    EXPECT_EQ(relu.network().parameters().front().W, before.front().W); // no gradient reached it
    const Snapshot leaky = trained(info.compareSettings, info.steps);
    EXPECT_GE(leaky.accuracy, 0.9);
    std::printf("[ measured ] born-dead seed %llu: relu dead %.3f at init, loss %.4f after %d "
                "steps; leaky accuracy %.3f\n",
                static_cast<unsigned long long>(info.settings.seed), start.deadShare(), end.loss,
                info.steps, leaky.accuracy);
}

// ---- init-and-depth ------------------------------------------------------------------------

TEST(InitAndDepth, PytorchDefaultVanishesHeKeepsTheGradientLevel)
{
    const LessonInfo info = lesson("init-and-depth");
    ASSERT_EQ(info.settings.depth, 30);
    ASSERT_EQ(info.compareSettings.init, Init::HeNormal);
    TrainingConfig xavier = info.settings;
    xavier.init = Init::XavierNormal;
    const double lessonPt = firstToLast(Trainer(info.settings).snapshot());
    const double lessonHe = firstToLast(Trainer(info.compareSettings).snapshot());
    EXPECT_LE(lessonPt, 1e-6);
    EXPECT_GE(lessonHe, 0.1);
    EXPECT_LE(lessonHe, 10.0);
    std::vector<double> pt, he, xa;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        pt.push_back(firstToLast(Trainer(seeded(info.settings, seed)).snapshot()));
        he.push_back(firstToLast(Trainer(seeded(info.compareSettings, seed)).snapshot()));
        xa.push_back(firstToLast(Trainer(seeded(xavier, seed)).snapshot()));
        EXPECT_LE(pt.back(), 1e-6) << "seed " << seed;
        EXPECT_GT(xa.back(), 1e3 * pt.back()) << "seed " << seed; // Xavier lies in between
        EXPECT_LT(xa.back(), 1e-2 * he.back()) << "seed " << seed;
        EXPECT_GE(he.back(), 0.05) << "seed " << seed;
        EXPECT_LE(he.back(), 20.0) << "seed " << seed;
    }
    std::vector<double> logHe(he.size());
    std::transform(he.begin(), he.end(), logHe.begin(), [](double r) { return std::log(r); });
    const double geometricHe = std::exp(mean(logHe));
    EXPECT_GE(geometricHe, 0.1);
    EXPECT_LE(geometricHe, 10.0);
    std::printf("[ measured ] init-and-depth first/last RMS dL/dz, seed 1: pytorch_default %.2e, "
                "he_normal %.2f; seeds 1-8: pytorch %.1e..%.1e, xavier %.1e..%.1e, he %.2f..%.2f "
                "(geometric mean %.2f)\n",
                lessonPt, lessonHe, minOf(pt), maxOf(pt), minOf(xa), maxOf(xa), minOf(he),
                maxOf(he), geometricHe);
}

TEST(InitAndDepth, OnlyHeTrainsAtDepthThirtyAndScaleExplodes)
{
    const LessonInfo info = lesson("init-and-depth");
    const Snapshot pt = trained(info.settings, info.steps);
    const Snapshot he = trained(info.compareSettings, info.steps);
    EXPECT_LE(pt.accuracy, 0.6);
    EXPECT_GE(he.accuracy, 0.95);
    TrainingConfig exploding = info.compareSettings;
    exploding.initScale = 1.5;
    const double ratio = firstToLast(Trainer(exploding).snapshot());
    EXPECT_GE(ratio, 1e3);
    std::printf("[ measured ] init-and-depth after %d steps: pytorch_default accuracy %.3f, "
                "he_normal %.3f; he_normal x1.5 first/last %.2e\n",
                info.steps, pt.accuracy, he.accuracy, ratio);
}

TEST(InitAndDepth, BelowFloatsSmallestNormalAGradientIsZero)
{
    const LessonInfo info = lesson("init-and-depth");
    TrainingConfig tiny = info.settings;
    tiny.initScale = 0.1;
    Trainer trainer(tiny);
    // The true gradient, in double from the same initial weights.
    const Dataset &data = trainer.dataset();
    const Network<double> net = buildNetwork(tiny, data.inputDim());
    Workspace<double> ws;
    Parameters<double> grads = net.zeroLike();
    net.lossAndGradient(trainer.lossKind(), data.trainX, data.trainY, ws, grads);
    const double trueRms = std::sqrt(ws.dZ.front().squaredNorm() / double(ws.dZ.front().size()));
    EXPECT_LT(trueRms, std::numeric_limits<float>::min());
    EXPECT_GT(trueRms, 0.0);
    // In float it is exactly 0, so the first layer never moves while the last ones learn.
    const Parameters<float> before = trainer.network().parameters();
    trainer.train(50);
    const Parameters<float> &after = trainer.network().parameters();
    EXPECT_EQ(after.front().W, before.front().W);
    EXPECT_NE(after[after.size() - 2].W, before[before.size() - 2].W);
    std::printf("[ measured ] init-and-depth init_scale 0.1: true first-layer RMS dL/dz %.2e "
                "(float32 smallest normal %.2e)\n",
                trueRms, double(std::numeric_limits<float>::min()));
}

// ---- why-not-linear ------------------------------------------------------------------------

TEST(WhyNotLinear, AlphaOneCannotSeparateTheCirclesAlphaPointOneCan)
{
    const LessonInfo info = lesson("why-not-linear");
    ASSERT_EQ(info.settings.alpha, 1.0);
    ASSERT_EQ(info.settings.dataset, DatasetKind::Circles);
    std::vector<double> linear, bent;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        Trainer a(seeded(info.settings, seed));
        a.train(info.steps);
        linear.push_back(a.snapshot().accuracy);
        bent.push_back(trained(seeded(info.compareSettings, seed), info.steps).accuracy);
        EXPECT_LE(linear.back(), 0.65) << "seed " << seed;
        EXPECT_GE(bent.back(), 0.95) << "seed " << seed;
        // At alpha = 1 the trained network is one affine map: midpoints map to midpoints.
        const Network<double> net = a.network().cast<double>();
        const Eigen::MatrixXd &X = a.dataset().testX;
        const Eigen::MatrixXd mid = (X.leftCols(32) + X.rightCols(32)) / 2;
        const Eigen::RowVectorXd fa = net.predict(X.leftCols(32)),
                                 fb = net.predict(X.rightCols(32));
        const Eigen::RowVectorXd fm = net.predict(mid);
        EXPECT_LE((fm - (fa + fb) / 2).cwiseAbs().maxCoeff(),
                  1e-9 * (1 + fm.cwiseAbs().maxCoeff()));
    }
    EXPECT_LE(mean(linear), 0.60);
    std::printf("[ measured ] why-not-linear seeds 1-8, %d steps: alpha 1 accuracy %.3f..%.3f "
                "(mean %.3f); alpha %.2g accuracy %.3f..%.3f\n",
                info.steps, minOf(linear), maxOf(linear), mean(linear), info.compareSettings.alpha,
                minOf(bent), maxOf(bent));
}

TEST(WhyNotLinear, DraggingAlphaDownWhileTrainingBendsTheBoundary)
{
    const LessonInfo info = lesson("why-not-linear");
    Trainer trainer(info.settings);
    trainer.train(info.steps);
    const double straight = trainer.snapshot().accuracy;
    ASSERT_TRUE(trainer.applyLive(info.compareSettings)); // alpha changes without a rebuild
    trainer.train(500);
    const double bent = trainer.snapshot().accuracy;
    EXPECT_LE(straight, 0.65);
    EXPECT_GE(bent, 0.95);
    std::printf("[ measured ] why-not-linear seed %llu: accuracy %.3f at alpha 1, %.3f after 500 "
                "more steps at alpha %.2g\n",
                static_cast<unsigned long long>(info.settings.seed), straight, bent,
                info.compareSettings.alpha);
}

// ---- off-centre-features -------------------------------------------------------------------

struct FirstLayerShares
{
    double dead = 0;     ///< mean share of first-layer units dead
    double alwaysOn = 0; ///< mean share positive for every training input
    double negative = 0; ///< mean share at z <= 0 for every input
    int seedsWithDead = 0;
};

FirstLayerShares firstLayerAtInit(const TrainingConfig &config, int seeds)
{
    FirstLayerShares s;
    for (int seed = 1; seed <= seeds; ++seed) {
        Trainer t(seeded(config, std::uint64_t(seed)));
        const Snapshot snap = t.snapshot();
        const Layer<float> &first = t.network().parameters().front();
        const Mat<float> Z = (first.W * t.dataset().trainX.cast<float>()).colwise() + first.b;
        const double on = double((Z.array() > 0).rowwise().all().count()) / double(Z.rows());
        s.dead += snap.layers.front().deadFraction / seeds;
        s.negative += snap.layers.front().negativeFraction / seeds;
        s.alwaysOn += on / seeds;
        s.seedsWithDead += snap.layers.front().deadFraction > 0;
    }
    return s;
}

TEST(OffCentreFeatures, ShiftedInputsSplitTheFirstLayerIntoDeadAndLinear)
{
    const LessonInfo info = lesson("off-centre-features");
    ASSERT_EQ(info.compareSettings.inputShift, 0.0);
    TrainingConfig negative = info.settings, leaky = info.settings;
    negative.inputShift = -info.settings.inputShift;
    leaky.activation = Activation::LeakyRelu;
    const FirstLayerShares shifted = firstLayerAtInit(info.settings, 50);
    const FirstLayerShares centred = firstLayerAtInit(info.compareSettings, 50);
    const FirstLayerShares below = firstLayerAtInit(negative, 50);
    const FirstLayerShares leakyShifted = firstLayerAtInit(leaky, 50);
    EXPECT_GE(shifted.dead, 0.40);
    EXPECT_LE(shifted.dead, 0.55);
    EXPECT_GE(shifted.dead + shifted.alwaysOn, 0.85); // almost no unit bends anything
    EXPECT_EQ(centred.seedsWithDead, 0);
    EXPECT_LE(centred.alwaysOn, 0.05);
    EXPECT_GE(below.dead, 0.40); // the sign of the feature does not matter
    EXPECT_LE(below.dead, 0.55);
    EXPECT_EQ(leakyShifted.dead, 0.0); // Leaky renames the problem but keeps it
    EXPECT_GE(leakyShifted.negative, 0.40);
    std::printf("[ measured ] off-centre-features seeds 1-50 at init, first layer: shift %+g dead "
                "%.3f always-on %.3f; shift %+g dead %.3f; centred dead %.3f; leaky shifted "
                "negative %.3f dead %.3f\n",
                info.settings.inputShift, shifted.dead, shifted.alwaysOn, negative.inputShift,
                below.dead, centred.dead, leakyShifted.negative, leakyShifted.dead);
}

TEST(OffCentreFeatures, CentringHelpsMoreThanLeaky)
{
    const LessonInfo info = lesson("off-centre-features");
    TrainingConfig leaky = info.settings;
    leaky.activation = Activation::LeakyRelu;
    std::vector<double> shifted, shiftedLeaky, centred;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        shifted.push_back(trained(seeded(info.settings, seed), info.steps).accuracy);
        shiftedLeaky.push_back(trained(seeded(leaky, seed), info.steps).accuracy);
        centred.push_back(trained(seeded(info.compareSettings, seed), info.steps).accuracy);
    }
    EXPECT_LE(mean(shifted), mean(centred) - 0.05);
    EXPECT_LE(mean(shiftedLeaky), mean(centred) - 0.05);
    std::printf("[ measured ] off-centre-features seeds 1-4 after %d steps: accuracy shifted "
                "relu %.3f, shifted leaky %.3f, centred relu %.3f\n",
                info.steps, mean(shifted), mean(shiftedLeaky), mean(centred));
}

// ---- prelu-learns-alpha --------------------------------------------------------------------

TEST(PreluLearnsAlpha, SlopesMoveAndTheLastOneGoesNegative)
{
    const LessonInfo info = lesson("prelu-learns-alpha");
    ASSERT_EQ(info.settings.activation, Activation::Prelu);
    double smallestMove = 1e9;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const Snapshot s = trained(seeded(info.settings, seed), info.steps);
        std::printf("[ measured ] prelu-learns-alpha seed %llu slopes:",
                    static_cast<unsigned long long>(seed));
        for (const LayerMetrics &layer : s.layers) {
            std::printf(" %.3f", layer.alpha);
            smallestMove = std::min(smallestMove, std::abs(layer.alpha - info.settings.alpha));
            EXPECT_GT(std::abs(layer.alpha - info.settings.alpha), 0.1) << "seed " << seed;
        }
        std::printf(" (accuracy %.3f)\n", s.accuracy);
        EXPECT_LT(s.layers.back().alpha, 0.0) << "seed " << seed; // V-shaped units
    }
    // With Leaky ReLU the same slope stays where it was put.
    const Snapshot fixed = trained(info.compareSettings, 200);
    EXPECT_EQ(fixed.layers.front().alpha, float(info.compareSettings.alpha));
    std::printf("[ measured ] prelu-learns-alpha: smallest move %.3f\n", smallestMove);
}

// ---- fewer-units ---------------------------------------------------------------------------

TEST(FewerUnits, DeadUnitsCostAccuracyWhenThereAreFew)
{
    const LessonInfo info = lesson("fewer-units");
    std::vector<double> reluDead, reluAcc, leakyAcc;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const Snapshot relu = trained(seeded(info.settings, seed), info.steps);
        const Snapshot leaky = trained(seeded(info.compareSettings, seed), info.steps);
        reluDead.push_back(relu.deadShare());
        reluAcc.push_back(relu.accuracy);
        leakyAcc.push_back(leaky.accuracy);
        EXPECT_EQ(leaky.deadShare(), 0.0) << "seed " << seed;
    }
    EXPECT_GE(mean(reluDead), 0.10);
    EXPECT_GE(mean(leakyAcc) - mean(reluAcc), 0.03);
    std::printf("[ measured ] fewer-units seeds 1-20, %d steps: relu dead mean %.3f, accuracy "
                "relu %.3f vs leaky %.3f\n",
                info.steps, mean(reluDead), mean(reluAcc), mean(leakyAcc));
}

TEST(FewerUnits, LessonSeedLosesALayerWorthOfUnits)
{
    const LessonInfo info = lesson("fewer-units");
    const Snapshot relu = trained(info.settings, info.steps);
    const Snapshot leaky = trained(info.compareSettings, info.steps);
    TrainingConfig wide = info.settings;
    wide.width = 16;
    const Snapshot wideRelu = trained(wide, info.steps);
    EXPECT_GE(relu.deadShare(), 3.0 / 9.0);
    EXPECT_LE(relu.accuracy, 0.95);
    EXPECT_GE(leaky.accuracy, 0.99);
    EXPECT_GE(wideRelu.accuracy, 0.99); // with 16 units, losing a few costs nothing
    std::printf("[ measured ] fewer-units seed %llu: relu dead %.3f accuracy %.3f; leaky %.3f; "
                "relu width 16 dead %.3f accuracy %.3f\n",
                static_cast<unsigned long long>(info.settings.seed), relu.deadShare(),
                relu.accuracy, leaky.accuracy, wideRelu.deadShare(), wideRelu.accuracy);
}

// ---- smooth-cousins ------------------------------------------------------------------------

TEST(SmoothCousins, SaturationMinimaAndDerivativesAtZero)
{
    auto phi = [](Activation a, double z) { return activate(a, z, 1.0); };
    EXPECT_NEAR(phi(Activation::Elu, -40), -1.0, 1e-12);
    EXPECT_NEAR(phi(Activation::Selu, -40), -selu::kScale * selu::kAlpha, 1e-12);
    EXPECT_NEAR(selu::kScale * selu::kAlpha, 1.7581, 1e-4);
    double gMin = 0, gAt = 0, sMin = 0, sAt = 0;
    for (double z = -4; z <= 0; z += 1e-4) {
        if (phi(Activation::Gelu, z) < gMin)
            gMin = phi(Activation::Gelu, z), gAt = z;
        if (phi(Activation::Silu, z) < sMin)
            sMin = phi(Activation::Silu, z), sAt = z;
        EXPECT_GT(phi(Activation::Softplus, z), 0.0);
    }
    EXPECT_NEAR(gMin, -0.170, 0.001);
    EXPECT_NEAR(gAt, -0.752, 0.001);
    EXPECT_NEAR(sMin, -0.278, 0.001);
    EXPECT_NEAR(sAt, -1.278, 0.001);
    EXPECT_GT(phi(Activation::Gelu, -4), gMin); // they come back up: not monotonic
    EXPECT_NEAR(phi(Activation::Softplus, 0), std::log(2.0), 1e-15);
    const double eps = 1e-7;
    auto jump = [&](Activation a) {
        return activateDerivative(a, eps, 1.0) - activateDerivative(a, -eps, 1.0);
    };
    for (Activation a : {Activation::Gelu, Activation::Silu, Activation::Softplus, Activation::Elu})
        EXPECT_NEAR(jump(a), 0.0, 1e-6) << activationName(a);
    EXPECT_NEAR(jump(Activation::Selu), selu::kScale - selu::kScale * selu::kAlpha, 1e-6);
    EXPECT_EQ(jump(Activation::Relu), 1.0);
    std::printf("[ measured ] smooth-cousins: gelu min %.4f at %.3f, silu min %.4f at %.3f, "
                "selu saturates at %.4f\n",
                gMin, gAt, sMin, sAt, -selu::kScale * selu::kAlpha);
}

// Share of a 1-D fit's grid points where it bends (second difference not 0): a ReLU network
// is piecewise linear, so only points next to its corners count.
double bendingShare(const Trainer &trainer)
{
    const Network<double> net = trainer.network().cast<double>();
    constexpr int kPoints = 2001;
    const Eigen::MatrixXd X = Eigen::RowVectorXd::LinSpaced(kPoints, -1.0, 1.0);
    const Eigen::RowVectorXd f = net.predict(X);
    int bends = 0;
    for (int i = 1; i + 1 < kPoints; ++i)
        bends += std::abs(f(i + 1) - 2 * f(i) + f(i - 1)) > 1e-10;
    return double(bends) / (kPoints - 2);
}

TEST(SmoothCousins, ReluFitsAreStraightPiecesSmoothFitsBendEverywhere)
{
    const LessonInfo info = lesson("smooth-cousins");
    ASSERT_EQ(info.settings.dataset, DatasetKind::Sine);
    ASSERT_EQ(info.compareSettings.activation, Activation::Relu);
    std::vector<double> reluBends, smoothBends, reluLoss, smoothLoss;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Trainer relu(seeded(info.compareSettings, seed)), smooth(seeded(info.settings, seed));
        relu.train(info.steps);
        smooth.train(info.steps);
        reluBends.push_back(bendingShare(relu));
        smoothBends.push_back(bendingShare(smooth));
        reluLoss.push_back(relu.snapshot().loss);
        smoothLoss.push_back(smooth.snapshot().loss);
        EXPECT_LE(reluBends.back(), 0.2) << "seed " << seed;
        EXPECT_GE(smoothBends.back(), 0.9) << "seed " << seed;
        EXPECT_LE(smoothLoss.back(), 0.02) << "seed " << seed;
        EXPECT_LE(reluLoss.back(), 0.02) << "seed " << seed;
    }
    for (Activation a : {Activation::Elu, Activation::Silu, Activation::Softplus}) {
        TrainingConfig config = info.settings;
        config.activation = a;
        Trainer t(config);
        t.train(info.steps);
        EXPECT_GE(bendingShare(t), 0.9) << activationName(a);
    }
    std::printf("[ measured ] smooth-cousins sine seeds 1-4, %d steps: bending share relu "
                "%.3f..%.3f, %s %.3f..%.3f; loss relu %.4f, %s %.4f\n",
                info.steps, minOf(reluBends), maxOf(reluBends),
                std::string(activationName(info.settings.activation)).c_str(), minOf(smoothBends),
                maxOf(smoothBends), mean(reluLoss),
                std::string(activationName(info.settings.activation)).c_str(), mean(smoothLoss));
}

// ---- what the network view shows (the lessons' "watch the network view" lines) ------------

/// Per hidden layer, how many units are dead.
std::vector<int> deadPerLayer(const Snapshot &s)
{
    std::vector<int> dead;
    for (const LayerMetrics &layer : s.layers)
        dead.push_back(int(std::count_if(layer.units.begin(), layer.units.end(),
                                         [](const UnitMetrics &u) { return u.dead; })));
    return dead;
}

/// Trains `steps` steps, recording every `every` as the window does; the last frame.
FramePtr recorded(const TrainingConfig &config, int steps, int every)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    FramePtr frame = recorder.record(trainer, 0, false);
    for (int done = 0; done < steps; done += every) {
        trainer.train(std::min(every, steps - done));
        frame = recorder.record(trainer, 0, false);
    }
    return frame;
}

TEST(LessonUnits, DyingReluDarkensLayerFourBy8AndEveryLayerBy20)
{
    const LessonInfo info = lesson("dying-relu");
    // The lesson's seed: layer 4 is entirely dark by step 8 (one frame a step).
    const FramePtr lessonRun = recorded(info.settings, 8, 1);
    EXPECT_EQ(deadPerLayer(lessonRun->snapshot).back(), info.settings.width);
    EXPECT_GE(lessonRun->layerDiedAtStep.back(), 1);
    EXPECT_LE(lessonRun->layerDiedAtStep.back(), 8);
    // Over seeds 1 to 8, by step 20 at least 6 of the 16 units of every layer are dark, and
    // the same seeds under leaky_relu have none.
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        SCOPED_TRACE(seed);
        const std::vector<int> dead = deadPerLayer(trained(seeded(info.settings, seed), 20));
        for (int d : dead)
            EXPECT_GE(d, 6);
        TrainingConfig leaky = seeded(info.settings, seed);
        leaky.activation = Activation::LeakyRelu;
        for (int d : deadPerLayer(trained(leaky, 20)))
            EXPECT_EQ(d, 0);
    }
}

TEST(LessonUnits, BornDeadStartsWithLayersFourToTenDark)
{
    const LessonInfo info = lesson("born-dead");
    const std::vector<int> dead = deadPerLayer(trained(info.settings, 0));
    ASSERT_EQ(dead.size(), size_t(10));
    EXPECT_EQ(dead[0], 0);
    EXPECT_EQ(dead[1], 0);
    EXPECT_EQ(dead[2], 2);
    for (size_t l = 3; l < dead.size(); ++l)
        EXPECT_EQ(dead[l], info.settings.width) << "layer " << l + 1;
}

TEST(LessonUnits, FewerUnitsLeavesLayerTwoOneWorkingUnit)
{
    const LessonInfo info = lesson("fewer-units");
    ASSERT_EQ(info.settings.seed, 14u);
    const FramePtr f = recorded(info.settings, 300, 10);
    const auto &layers = f->snapshot.layers;
    // Layer 2 unit 1 is born dead; layer 2 unit 2 and layer 3 unit 2 die in the first ten
    // steps; layer 1 unit 1 follows around step 110. Layer 2 keeps only unit 3.
    EXPECT_EQ(layers[1].units[0].diedAtStep, 0);
    EXPECT_EQ(layers[1].units[1].diedAtStep, 10);
    EXPECT_EQ(layers[2].units[1].diedAtStep, 10);
    EXPECT_GE(layers[0].units[0].diedAtStep, 100);
    EXPECT_LE(layers[0].units[0].diedAtStep, 120);
    EXPECT_FALSE(layers[1].units[2].dead);
    const std::vector<int> dead = deadPerLayer(f->snapshot);
    EXPECT_EQ(std::accumulate(dead.begin(), dead.end(), 0), 4);
}

TEST(LessonUnits, OffCentreFeaturesDarkensAboutHalfOfLayerOne)
{
    const LessonInfo info = lesson("off-centre-features");
    EXPECT_EQ(deadPerLayer(trained(info.settings, 0)).front(), 14); // the lesson's seed 4
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        SCOPED_TRACE(seed);
        const int dead = deadPerLayer(trained(seeded(info.settings, seed), 0)).front();
        EXPECT_GE(dead, 12);
        EXPECT_LE(dead, 18);
        TrainingConfig centred = seeded(info.settings, seed);
        centred.inputShift = 0;
        EXPECT_EQ(deadPerLayer(trained(centred, 0)).front(), 0);
    }
}

} // namespace
} // namespace relulab
