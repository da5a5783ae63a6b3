// SPDX-License-Identifier: MIT
// Per-unit metrics (LayerMetrics::units) against a recount in double, sample by sample, under
// every activation's convention at z = 0, on one thread and on two.
#include "activation.h"
#include "measure.h"
#include "network.h"
#include "snapshot.h"
#include "trainer.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace relulab;

namespace {

constexpr int kWidth = 8;
constexpr int kSamples = 600; // >= 512: threads = 2 measures two halves

/// Inputs with x0 exactly 0 for every 7th sample, so unit 0 of layer 1 (z = x0) sits exactly
/// on the kink there.
struct Data
{
    Eigen::MatrixXd X, testX;
    Eigen::VectorXd y, testY;
};

Data makeData()
{
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal;
    Data d;
    d.X.resize(2, kSamples);
    d.y.resize(kSamples);
    for (int i = 0; i < kSamples; ++i) {
        d.X(0, i) = i % 7 == 0 ? 0.0 : normal(rng);
        d.X(1, i) = normal(rng);
        d.y(i) = d.X(0, i) * d.X(1, i) > 0 ? 1.0 : 0.0;
    }
    d.testX = d.X.leftCols(10);
    d.testY = d.y.head(10);
    return d;
}

/// Three hidden layers of kWidth units with a few units built to test the edges:
/// layer 1: unit 0 z = x0 (exact ties at 0), unit 1 z = 0 everywhere, unit 2 z = -1000
/// everywhere (saturated: zero slope even for the smooth activations), unit 3 z = 0.5
/// everywhere; layer 2: unit 0 z = 0 everywhere; the rest random.
Network<double> edgeNetwork(Activation act, double alpha)
{
    std::mt19937_64 rng(5);
    std::normal_distribution<double> normal;
    std::vector<Eigen::MatrixXd> W;
    std::vector<Eigen::VectorXd> b;
    for (int l = 0; l < 4; ++l) {
        const int fanIn = l == 0 ? 2 : kWidth, fanOut = l == 3 ? 1 : kWidth;
        Eigen::MatrixXd w(fanOut, fanIn);
        Eigen::VectorXd bias(fanOut);
        for (Eigen::Index i = 0; i < w.size(); ++i)
            w(i) = normal(rng) / std::sqrt(double(fanIn));
        for (Eigen::Index i = 0; i < bias.size(); ++i)
            bias(i) = 0.3 * normal(rng);
        W.push_back(w);
        b.push_back(bias);
    }
    W[0].row(0) << 1, 0;
    b[0](0) = 0;
    W[0].row(1).setZero();
    b[0](1) = 0;
    W[0].row(2).setZero();
    b[0](2) = -1000;
    W[0].row(3).setZero();
    b[0](3) = 0.5;
    W[1].row(0).setZero();
    b[1](0) = 0;
    return Network<double>(act, alpha, W, b);
}

/// What a unit does, counted sample by sample in double from the network's z.
struct Expected
{
    std::vector<double> aliveShare, zMean, zStd;
    std::vector<bool> dead, negative;
};

std::vector<Expected> recount(const Network<double> &net, const Eigen::MatrixXd &X)
{
    Workspace<double> ws;
    net.forward(X, ws);
    std::vector<Expected> out;
    for (int l = 0; l < net.hiddenLayers(); ++l) {
        const Eigen::MatrixXd &Z = ws.Z[size_t(l)];
        const double alpha = net.parameters()[size_t(l)].alpha;
        Expected e;
        for (Eigen::Index u = 0; u < Z.rows(); ++u) {
            int alive = 0;
            bool negative = true;
            double sum = 0;
            for (Eigen::Index i = 0; i < Z.cols(); ++i) {
                const double z = Z(u, i);
                alive += activateDerivative<double>(net.activation(), z, alpha) != 0.0;
                negative = negative && z <= 0;
                sum += z;
            }
            const double mean = sum / double(Z.cols());
            double sq = 0;
            for (Eigen::Index i = 0; i < Z.cols(); ++i)
                sq += (Z(u, i) - mean) * (Z(u, i) - mean);
            e.aliveShare.push_back(double(alive) / double(Z.cols()));
            e.dead.push_back(alive == 0);
            e.negative.push_back(negative);
            e.zMean.push_back(mean);
            e.zStd.push_back(std::sqrt(sq / double(Z.cols())));
        }
        out.push_back(e);
    }
    return out;
}

struct Case
{
    Activation activation;
    double alpha;
};

std::string caseName(const Case &c)
{
    return std::string(activationName(c.activation)) + " alpha " + std::to_string(c.alpha);
}

std::vector<Case> allCases()
{
    std::vector<Case> cases;
    for (Activation a : allActivations()) {
        if (usesAlpha(a)) {
            cases.push_back({a, 0.0});
            cases.push_back({a, 0.1});
        } else {
            cases.push_back({a, 0.01});
        }
    }
    return cases;
}

} // namespace

TEST(UnitMetrics, MatchARecountInDoubleUnderEveryActivation)
{
    const Data d = makeData();
    const int ties = (d.X.row(0).array() == 0.0).count();
    ASSERT_GT(ties, 50);
    for (const Case &c : allCases()) {
        SCOPED_TRACE(caseName(c));
        const Network<double> net = edgeNetwork(c.activation, c.alpha);
        const std::vector<Expected> expected = recount(net, d.X);
        for (int threads : {1, 2}) {
            SCOPED_TRACE("threads " + std::to_string(threads));
            MeasureScratch<double> scratch;
            const Snapshot s = measure<double>(net, d.X, d.y, d.testX, d.testY, LossKind::BceLogits,
                                               scratch, 4, false, threads);
            ASSERT_EQ(s.layers.size(), 3u);
            for (size_t l = 0; l < 3; ++l) {
                const LayerMetrics &m = s.layers[l];
                const Expected &e = expected[l];
                ASSERT_EQ(m.units.size(), size_t(kWidth));
                double dead = 0, negative = 0;
                for (size_t u = 0; u < m.units.size(); ++u) {
                    SCOPED_TRACE("layer " + std::to_string(l + 1) + " unit " + std::to_string(u));
                    const UnitMetrics &unit = m.units[u];
                    EXPECT_EQ(unit.aliveShare, e.aliveShare[u]);
                    EXPECT_EQ(unit.dead, e.dead[u]);
                    EXPECT_EQ(unit.negative, e.negative[u]);
                    EXPECT_EQ(unit.dead, unit.aliveShare == 0.0);
                    EXPECT_EQ(unit.diedAtStep, -1); // the recorder's to set
                    const double scale = std::abs(e.zMean[u]) + e.zStd[u];
                    EXPECT_NEAR(unit.zMean, e.zMean[u], 1e-9 * scale);
                    EXPECT_NEAR(unit.zStd, e.zStd[u], 1e-9 * scale);
                    dead += unit.dead;
                    negative += unit.negative;
                }
                // From the same counts: exactly the mean of the flags.
                EXPECT_EQ(m.deadFraction, dead / kWidth);
                EXPECT_EQ(m.negativeFraction, negative / kWidth);
            }
            // The edge units, by construction.
            const std::vector<UnitMetrics> &first = s.layers[0].units;
            EXPECT_EQ(first[1].zStd, 0.0); // z = 0 everywhere: no spread, not even rounding
            EXPECT_EQ(first[1].zMean, 0.0);
            EXPECT_TRUE(first[1].negative);
            EXPECT_EQ(first[3].zStd, 0.0);
            EXPECT_EQ(first[3].zMean, 0.5);
            EXPECT_FALSE(first[3].negative);
            EXPECT_TRUE(first[2].negative);
            EXPECT_EQ(first[2].zMean, -1000.0);
            EXPECT_EQ(first[2].zStd, 0.0);
            EXPECT_EQ(s.layers[1].units[0].zStd, 0.0);
        }
    }
}

TEST(UnitMetrics, KinkConventionsAtZero)
{
    // Unit 0 of layer 1 has z = x0, exactly 0 on every 7th sample; unit 1 has z = 0 always.
    const Data d = makeData();
    const double positive = double((d.X.row(0).array() > 0.0).count()) / kSamples;
    const auto layer1 = [&](Activation a, double alpha, int threads) {
        MeasureScratch<double> scratch;
        return measure<double>(edgeNetwork(a, alpha), d.X, d.y, d.testX, d.testY,
                               LossKind::BceLogits, scratch, 0, false, threads)
            .layers[0]
            .units;
    };
    for (int threads : {1, 2}) {
        // Zero-slope rectifiers: φ'(0) = 0, alive only where z > 0.
        for (const auto &[a, alpha] :
             {std::pair{Activation::Relu, 0.0}, std::pair{Activation::LeakyRelu, 0.0},
              std::pair{Activation::Prelu, 0.0}}) {
            const std::vector<UnitMetrics> units = layer1(a, alpha, threads);
            EXPECT_EQ(units[0].aliveShare, positive) << activationName(a);
            EXPECT_TRUE(units[1].dead) << activationName(a);
            EXPECT_TRUE(units[2].dead) << activationName(a);
        }
        // A nonzero slope (φ'(0) = alpha) and the identity are never dead.
        for (const auto &[a, alpha] :
             {std::pair{Activation::LeakyRelu, 0.1}, std::pair{Activation::Prelu, 0.1},
              std::pair{Activation::Linear, 0.0}}) {
            const std::vector<UnitMetrics> units = layer1(a, alpha, threads);
            for (const UnitMetrics &u : units) {
                EXPECT_FALSE(u.dead) << activationName(a);
                EXPECT_EQ(u.aliveShare, 1.0) << activationName(a);
            }
            EXPECT_TRUE(units[1].negative);
        }
        // ELU: φ'(0) = alpha, so the ties count as alive unless alpha = 0; z = -1000 has
        // φ' = alpha·e^-1000, which is 0 in double: dead, as evaluated.
        EXPECT_EQ(layer1(Activation::Elu, 0.1, threads)[0].aliveShare, 1.0);
        EXPECT_FALSE(layer1(Activation::Elu, 0.1, threads)[1].dead);
        EXPECT_TRUE(layer1(Activation::Elu, 0.1, threads)[2].dead);
        EXPECT_EQ(layer1(Activation::Elu, 0.0, threads)[0].aliveShare, positive);
        // Saturated tanh and sigmoid have φ' = 0 in double.
        EXPECT_TRUE(layer1(Activation::Tanh, 0.0, threads)[2].dead);
        EXPECT_TRUE(layer1(Activation::Sigmoid, 0.0, threads)[2].dead);
        EXPECT_FALSE(layer1(Activation::Tanh, 0.0, threads)[1].dead);
    }
}

TEST(UnitMetrics, TwoThreadsAgreeWithOne)
{
    const Data d = makeData();
    for (const Case &c : allCases()) {
        SCOPED_TRACE(caseName(c));
        const Network<double> net = edgeNetwork(c.activation, c.alpha);
        MeasureScratch<double> one, two;
        const Snapshot a =
            measure<double>(net, d.X, d.y, d.testX, d.testY, LossKind::BceLogits, one, 0, false, 1);
        const Snapshot b =
            measure<double>(net, d.X, d.y, d.testX, d.testY, LossKind::BceLogits, two, 0, false, 2);
        for (size_t l = 0; l < a.layers.size(); ++l) {
            EXPECT_EQ(a.layers[l].deadFraction, b.layers[l].deadFraction);
            EXPECT_NEAR(a.layers[l].preactMean, b.layers[l].preactMean, 1e-12);
            EXPECT_NEAR(a.layers[l].preactStd, b.layers[l].preactStd,
                        1e-12 * a.layers[l].preactStd);
            for (size_t u = 0; u < a.layers[l].units.size(); ++u) {
                const UnitMetrics &x = a.layers[l].units[u], &y = b.layers[l].units[u];
                EXPECT_EQ(x.aliveShare, y.aliveShare);
                EXPECT_EQ(x.dead, y.dead);
                EXPECT_EQ(x.negative, y.negative);
                EXPECT_NEAR(x.zMean, y.zMean, 1e-12 * (std::abs(x.zMean) + x.zStd));
                EXPECT_NEAR(x.zStd, y.zStd, 1e-12 * (std::abs(x.zMean) + x.zStd));
            }
        }
    }
}

TEST(UnitMetrics, LayerMomentsAreThoseOfAllItsUnitsTogether)
{
    const Data d = makeData();
    const Network<double> net = edgeNetwork(Activation::Relu, 0);
    Workspace<double> ws;
    net.forward(d.X, ws);
    for (int threads : {1, 2}) {
        MeasureScratch<double> scratch;
        const Snapshot s = measure<double>(net, d.X, d.y, d.testX, d.testY, LossKind::BceLogits,
                                           scratch, 0, false, threads);
        for (size_t l = 0; l < 3; ++l) {
            const Eigen::ArrayXXd z = ws.Z[l].array();
            const double mean = z.mean();
            const double std = std::sqrt((z - mean).square().mean());
            EXPECT_NEAR(s.layers[l].preactMean, mean, 1e-12 * (std::abs(mean) + std));
            EXPECT_NEAR(s.layers[l].preactStd, std, 1e-12 * (std::abs(mean) + std));
        }
    }
}

TEST(UnitMetrics, FloatTrainerCollapsedUnitHasZeroSpread)
{
    // The float path the window and the CLI use: a unit with constant z reads std exactly 0.
    for (int threads : {1, 2}) {
        TrainingConfig c;
        c.depth = 3;
        c.width = 8;
        c.samples = 1000;
        Trainer t(c);
        t.setMeasureThreads(threads);
        for (double bias : {-0.3, 0.1, 7.7, -100.0}) {
            ASSERT_TRUE(t.setUnit(1, 2, bias, Eigen::VectorXd::Zero(8)));
            const Snapshot s = t.snapshot();
            const UnitMetrics &u = s.layers[1].units[2];
            EXPECT_EQ(u.zStd, 0.0) << bias;
            EXPECT_EQ(u.zMean, double(float(bias)));
            EXPECT_EQ(u.dead, bias < 0);
            EXPECT_EQ(u.aliveShare, bias < 0 ? 0.0 : 1.0);
            double dead = 0;
            for (const UnitMetrics &v : s.layers[1].units)
                dead += v.dead;
            EXPECT_EQ(s.layers[1].deadFraction, dead / 8);
        }
    }
}
