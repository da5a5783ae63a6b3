// SPDX-License-Identifier: MIT
#include "dataset.h"
#include "measure.h"
#include "network.h"
#include "snapshot.h"
#include "trainer.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace relulab;

namespace {

TrainingConfig deadLayerConfig(Activation activation)
{
    TrainingConfig c;
    c.activation = activation;
    c.alpha = 0.01;
    c.depth = 3;
    c.width = 8;
    c.samples = 256;
    c.biasInit = 0.1; // layer 3 then sees z = 0.1 > 0 whatever layer 2 outputs
    return c;
}

// Measures `net` on the config's data in double.
Snapshot measureOn(const Network<double> &net, const TrainingConfig &c)
{
    const Dataset d = makeDataset(c);
    Workspace<double> ws;
    const LossKind kind = d.classification ? LossKind::BceLogits : LossKind::Mse;
    return measure<double>(net, d.trainX, d.trainY, d.testX, d.testY, kind, ws, 17, false);
}

Network<double> withDeadSecondLayer(const TrainingConfig &c)
{
    Network<double> net = buildNetwork(c, 2);
    net.parameters()[1].b.setConstant(-100.0);
    return net;
}

} // namespace

TEST(DeadMetrics, VeryNegativeBiasesKillAReluLayer)
{
    const TrainingConfig c = deadLayerConfig(Activation::Relu);
    const Snapshot s = measureOn(withDeadSecondLayer(c), c);
    ASSERT_EQ(s.layers.size(), 3u);
    EXPECT_EQ(s.step, 17);
    EXPECT_FALSE(s.diverged);
    for (int l = 0; l < 3; ++l)
        EXPECT_EQ(s.layers[size_t(l)].index, l + 1);

    EXPECT_EQ(s.layers[1].deadFraction, 1.0);
    EXPECT_EQ(s.layers[1].negativeFraction, 1.0);
    EXPECT_LT(s.layers[1].preactMean, -90.0);
    EXPECT_TRUE(s.networkDead);

    // Nothing flows back through the dead layer: no gradient reaches layers 1 and 2.
    EXPECT_EQ(s.layers[0].gradWNorm, 0.0);
    EXPECT_EQ(s.layers[0].gradBNorm, 0.0);
    EXPECT_EQ(s.layers[0].gradZRms, 0.0);
    EXPECT_EQ(s.layers[1].gradWNorm, 0.0);
    // Layer 3 gets a constant input of 0 and z = 0.1: alive, but its weights get no gradient.
    EXPECT_EQ(s.layers[2].deadFraction, 0.0);
    EXPECT_EQ(s.layers[2].negativeFraction, 0.0);
    EXPECT_NEAR(s.layers[2].preactMean, 0.1, 1e-12);
    EXPECT_NEAR(s.layers[2].preactStd, 0.0, 1e-7);
    EXPECT_EQ(s.layers[2].gradWNorm, 0.0);
    EXPECT_GT(s.layers[2].gradBNorm, 0.0);
    // ReLU has no slope to report.
    EXPECT_TRUE(std::isnan(s.layers[1].alpha));
    // The output is the same for every input: the classifier predicts one class.
    EXPECT_TRUE(s.accuracy == 0.5 || std::abs(s.accuracy - 0.5) < 0.1) << s.accuracy;
}

TEST(DeadMetrics, LeakyLayerIsNegativeButNotDead)
{
    const TrainingConfig c = deadLayerConfig(Activation::LeakyRelu);
    const Snapshot s = measureOn(withDeadSecondLayer(c), c);
    ASSERT_EQ(s.layers.size(), 3u);
    EXPECT_EQ(s.layers[1].deadFraction, 0.0);
    EXPECT_EQ(s.layers[1].negativeFraction, 1.0);
    EXPECT_FALSE(s.networkDead);
    EXPECT_DOUBLE_EQ(s.layers[1].alpha, 0.01);
    // The slope lets gradient through to the first layer.
    EXPECT_GT(s.layers[0].gradWNorm, 0.0);
    EXPECT_GT(s.layers[0].gradZRms, 0.0);
}

TEST(DeadMetrics, PreluWithZeroSlopeIsDead)
{
    TrainingConfig c = deadLayerConfig(Activation::Prelu);
    c.alpha = 0.0;
    const Snapshot s = measureOn(withDeadSecondLayer(c), c);
    EXPECT_EQ(s.layers[1].deadFraction, 1.0);
    EXPECT_TRUE(s.networkDead);
    EXPECT_EQ(s.layers[1].alpha, 0.0);
}

TEST(DeadMetrics, NetworkDeadWithoutAnyDeadLayer)
{
    // Layer 1 (one unit, z = x0) is at zero slope exactly where x0 <= 0; layer 2
    // (z = 1e-9 - a1) exactly where x0 >= 1e-9. No unit is dead for every input, yet every
    // input meets a layer that blocks it, so the output does not depend on the input.
    const std::vector<Eigen::MatrixXd> W = {(Eigen::MatrixXd(1, 2) << 1, 0).finished(),
                                            Eigen::MatrixXd::Constant(1, 1, -1.0),
                                            Eigen::MatrixXd::Constant(1, 1, 1.0)};
    const std::vector<Eigen::VectorXd> b = {
        Eigen::VectorXd::Zero(1), Eigen::VectorXd::Constant(1, 1e-9), Eigen::VectorXd::Zero(1)};
    const Network<double> net(Activation::Relu, 0.0, W, b);
    TrainingConfig c;
    c.samples = 256; // moons: x0 takes both signs
    const Dataset d = makeDataset(c);
    ASSERT_GT((d.trainX.row(0).array() > 1e-6).count(), 10);
    ASSERT_GT((d.trainX.row(0).array() <= 0).count(), 10);

    const Snapshot s = measureOn(net, c);
    ASSERT_EQ(s.layers.size(), 2u);
    EXPECT_EQ(s.layers[0].deadFraction, 0.0);
    EXPECT_EQ(s.layers[1].deadFraction, 0.0);
    EXPECT_EQ(s.layers[0].negativeFraction, 0.0);
    EXPECT_TRUE(s.networkDead);
    EXPECT_EQ(s.deadShare(), 0.0);
}

TEST(DeadMetrics, PartiallyDeadLayer)
{
    TrainingConfig c = deadLayerConfig(Activation::Relu);
    Network<double> net = buildNetwork(c, 2);
    net.parameters()[1].b.head(2).setConstant(-100.0);
    net.parameters()[1].b.tail(6).setConstant(100.0); // surely alive
    const Snapshot s = measureOn(net, c);
    EXPECT_DOUBLE_EQ(s.layers[1].deadFraction, 0.25);
    EXPECT_DOUBLE_EQ(s.layers[1].negativeFraction, 0.25);
    EXPECT_FALSE(s.networkDead);
}

TEST(DeadMetrics, MatchesAHandCountOnARandomNetwork)
{
    // A narrow, deep ReLU net with negative biases: some units die, some do not.
    TrainingConfig c;
    c.depth = 6;
    c.width = 5;
    c.biasInit = -0.3;
    c.samples = 300;
    c.seed = 3;
    const Dataset d = makeDataset(c);
    const Network<double> net = buildNetwork(c, 2);
    const Snapshot s = measureOn(net, c);

    Workspace<double> ws;
    Parameters<double> grads;
    const double loss = net.lossAndGradient(LossKind::BceLogits, d.trainX, d.trainY, ws, grads);
    EXPECT_NEAR(s.loss, loss, 1e-12);
    const Eigen::RowVectorXd testOut = net.predict(d.testX);
    EXPECT_NEAR(s.testLoss, meanLoss<double>(LossKind::BceLogits, testOut, d.testY), 1e-12);

    // Accuracy: logit > 0 predicts class 1.
    const Eigen::RowVectorXd out = net.predict(d.trainX);
    double correct = 0, testCorrect = 0;
    for (Eigen::Index i = 0; i < out.size(); ++i)
        correct += (out(i) > 0) == (d.trainY(i) > 0.5);
    for (Eigen::Index i = 0; i < testOut.size(); ++i)
        testCorrect += (testOut(i) > 0) == (d.testY(i) > 0.5);
    EXPECT_DOUBLE_EQ(s.accuracy, correct / double(out.size()));
    EXPECT_DOUBLE_EQ(s.testAccuracy, testCorrect / double(testOut.size()));

    ASSERT_EQ(s.layers.size(), 6u);
    double deadUnits = 0;
    for (size_t l = 0; l < 6; ++l) {
        const Eigen::ArrayXXd z = ws.Z[l].array();
        const Eigen::ArrayXXd dz = ws.dZ[l].array();
        int dead = 0;
        for (Eigen::Index u = 0; u < z.rows(); ++u)
            dead += (z.row(u) <= 0).all();
        deadUnits += dead;
        const LayerMetrics &m = s.layers[l];
        EXPECT_DOUBLE_EQ(m.deadFraction, dead / 5.0) << "layer " << l + 1;
        EXPECT_DOUBLE_EQ(m.negativeFraction, dead / 5.0) << "layer " << l + 1;
        EXPECT_NEAR(m.preactMean, z.mean(), 1e-12) << "layer " << l + 1;
        EXPECT_NEAR(m.preactStd, std::sqrt((z - z.mean()).square().mean()),
                    1e-9 + 1e-7 * std::abs(z.mean()))
            << "layer " << l + 1;
        EXPECT_NEAR(m.gradWNorm, grads[l].W.norm(), 1e-12 + 1e-9 * grads[l].W.norm());
        EXPECT_NEAR(m.gradBNorm, grads[l].b.norm(), 1e-12 + 1e-9 * grads[l].b.norm());
        EXPECT_NEAR(m.gradZRms, std::sqrt(dz.square().mean()), 1e-12) << "layer " << l + 1;
    }
    EXPECT_GT(deadUnits, 0) << "choose another seed: the test needs some dead units";
    EXPECT_LT(deadUnits, 30) << "choose another seed: the test needs some live units";
    EXPECT_NEAR(s.deadShare(), deadUnits / 30.0, 1e-12);
}

TEST(DeadMetrics, RegressionHasNoAccuracy)
{
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    const Snapshot s = measureOn(buildNetwork(c, 1), c);
    EXPECT_TRUE(std::isnan(s.accuracy));
    EXPECT_TRUE(std::isnan(s.testAccuracy));
    EXPECT_TRUE(std::isfinite(s.loss));
    EXPECT_TRUE(std::isfinite(s.testLoss));
}

TEST(DeadMetrics, TrainerSnapshotSeesTheDeadLayer)
{
    // The same check through the float Trainer, with parameters replaced by hand.
    for (Activation a : {Activation::Relu, Activation::LeakyRelu}) {
        Trainer t(deadLayerConfig(a));
        Parameters<float> p = t.network().parameters();
        p[1].b.setConstant(-100.0f);
        ASSERT_TRUE(t.setParameters(p));
        const Snapshot s = t.snapshot();
        ASSERT_EQ(s.layers.size(), 3u);
        EXPECT_EQ(s.layers[1].negativeFraction, 1.0);
        EXPECT_EQ(s.layers[1].deadFraction, a == Activation::Relu ? 1.0 : 0.0);
        EXPECT_EQ(s.networkDead, a == Activation::Relu);
        if (a == Activation::Relu)
            EXPECT_GE(s.deadShare(), 1.0 / 3.0);
        else
            EXPECT_EQ(s.deadShare(), 0.0); // a 0.01 slope is never zero
    }
}

TEST(DeadMetrics, ConstantPreactivationsHaveZeroSpread)
{
    // A collapsed layer (every unit, every sample at the same z) is exactly what the
    // pre-activation plot must show as zero spread, in the float path the GUI and CLI use.
    for (double bias : {-0.3, 0.1, 7.7, -100.0}) {
        TrainingConfig c;
        c.depth = 3;
        c.samples = 1000;
        Trainer t(c);
        Parameters<float> p = t.network().parameters();
        p[1].W.setZero();
        p[1].b.setConstant(float(bias));
        ASSERT_TRUE(t.setParameters(p));
        const Snapshot s = t.snapshot();
        EXPECT_NEAR(s.layers[1].preactMean, double(float(bias)), 1e-6 * std::abs(bias));
        EXPECT_LE(s.layers[1].preactStd, 1e-6) << "z = " << bias << " everywhere";
    }
}

TEST(DeadMetrics, TwoThreadsMeasureTheSame)
{
    // Large sets are measured in two halves on two threads; the merge must be exact up to
    // summation order.
    TrainingConfig c;
    c.activation = Activation::Elu;
    c.alpha = 0.7;
    c.samples = 2000;
    c.depth = 5;
    c.biasInit = -0.4;
    const Dataset d = makeDataset(c);
    const Network<double> net = buildNetwork(c, 2);
    MeasureScratch<double> one, two;
    const Snapshot a = measure<double>(net, d.trainX, d.trainY, d.testX, d.testY,
                                       LossKind::BceLogits, one, 3, false, 1);
    const Snapshot b = measure<double>(net, d.trainX, d.trainY, d.testX, d.testY,
                                       LossKind::BceLogits, two, 3, false, 2);
    EXPECT_NEAR(a.loss, b.loss, 1e-12);
    EXPECT_EQ(a.accuracy, b.accuracy);
    EXPECT_EQ(a.testLoss, b.testLoss);
    EXPECT_EQ(a.networkDead, b.networkDead);
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (size_t l = 0; l < a.layers.size(); ++l) {
        EXPECT_NEAR(a.layers[l].gradWNorm, b.layers[l].gradWNorm, 1e-12);
        EXPECT_NEAR(a.layers[l].gradBNorm, b.layers[l].gradBNorm, 1e-12);
        EXPECT_NEAR(a.layers[l].gradZRms, b.layers[l].gradZRms, 1e-12);
        EXPECT_NEAR(a.layers[l].preactMean, b.layers[l].preactMean, 1e-12);
        EXPECT_NEAR(a.layers[l].preactStd, b.layers[l].preactStd, 1e-9);
        EXPECT_EQ(a.layers[l].deadFraction, b.layers[l].deadFraction);
        EXPECT_EQ(a.layers[l].negativeFraction, b.layers[l].negativeFraction);
    }

    // The same through the float Trainer, whose snapshot may use two threads.
    Trainer t1(c), t2(c);
    t1.setMeasureThreads(1);
    t2.setMeasureThreads(2);
    t1.train(20);
    t2.train(20);
    const Snapshot s1 = t1.snapshot(), s2 = t2.snapshot();
    EXPECT_NEAR(s1.loss, s2.loss, 1e-6 * s1.loss);
    EXPECT_EQ(s1.networkDead, s2.networkDead);
    for (size_t l = 0; l < s1.layers.size(); ++l) {
        EXPECT_NEAR(s1.layers[l].gradWNorm, s2.layers[l].gradWNorm, 1e-4 * s1.layers[l].gradWNorm);
        EXPECT_EQ(s1.layers[l].deadFraction, s2.layers[l].deadFraction);
    }
}

TEST(Snapshot, DeadShareIsTheShareOfUnits)
{
    Snapshot s;
    EXPECT_EQ(s.deadShare(), 0.0);
    for (double f : {1.0, 0.0, 0.5}) {
        LayerMetrics m;
        m.deadFraction = f;
        s.layers.push_back(m);
    }
    EXPECT_DOUBLE_EQ(s.deadShare(), 0.5);
}
