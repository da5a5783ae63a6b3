// SPDX-License-Identifier: MIT
#include "theory.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace relulab;

TEST(Theory, ClosedFormsForRectifiers)
{
    // Unit Gaussian input: E[relu²] = 1/2, E[relu'²] = 1/2; leaky: (1 + a²)/2 for both.
    EXPECT_NEAR(expectedPhiSquared(Activation::Relu, 0, 0, 1), 0.5, 1e-12);
    EXPECT_NEAR(expectedDerivativeSquared(Activation::Relu, 0, 0, 1), 0.5, 1e-12);
    EXPECT_NEAR(expectedPhiSquared(Activation::LeakyRelu, 0.3, 0, 2.0), 2.0 * (1 + 0.09) / 2,
                1e-12);
    EXPECT_NEAR(expectedDerivativeSquared(Activation::LeakyRelu, 0.3, 0, 2.0), (1 + 0.09) / 2,
                1e-12);
    EXPECT_NEAR(expectedPhiSquared(Activation::Linear, 0, 0.5, 2.0), 2.25, 1e-12);
    EXPECT_NEAR(expectedPhi(Activation::Relu, 0, 0, 1), 1 / std::sqrt(2 * M_PI), 1e-12);
    EXPECT_NEAR(expectedPhi(Activation::LeakyRelu, 0.1, 0, 1), 0.9 / std::sqrt(2 * M_PI), 1e-12);
}

TEST(Theory, ReluClosedFormsScaleWithTheVariance)
{
    // z ~ N(0, σ²): E[relu²] = σ²/2, E[relu] = σ/√(2π), E[relu'²] = 1/2 whatever σ.
    for (double sigma : {0.01, 0.5, 1.0, 3.0, 100.0}) {
        const double v = sigma * sigma;
        EXPECT_NEAR(expectedPhiSquared(Activation::Relu, 0, 0, v), v / 2, 1e-12 * v);
        EXPECT_NEAR(expectedPhi(Activation::Relu, 0, 0, v), sigma / std::sqrt(2 * M_PI),
                    1e-12 * sigma);
        EXPECT_NEAR(expectedDerivativeSquared(Activation::Relu, 0, 0, v), 0.5, 1e-15);
    }
    for (double a : {0.0, 0.01, 0.2, 1.0})
        EXPECT_NEAR(expectedDerivativeSquared(Activation::LeakyRelu, a, 0, 1.7), (1 + a * a) / 2,
                    1e-15);
}

TEST(Theory, PlainReluGainsAreOneHalfAndASixth)
{
    // The numbers: He 1, Xavier 1/2 (equal widths), PyTorch's default Linear 1/6.
    TrainingConfig c;
    c.activation = Activation::Relu;
    c.depth = 5;
    c.width = 100;
    auto gainOf = [&](Init init) {
        c.init = init;
        return predictAtInit(c, 2, 1.0).layers[1].backwardGain;
    };
    EXPECT_NEAR(gainOf(Init::HeNormal), 1.0, 1e-12);
    EXPECT_NEAR(gainOf(Init::HeUniform), 1.0, 1e-12);
    EXPECT_NEAR(gainOf(Init::XavierNormal), 0.5, 1e-12);
    EXPECT_NEAR(gainOf(Init::PytorchDefault), 1.0 / 6, 1e-12);
    // The ratio to the last layer compounds the gain: (1/6)^(1/2) per layer.
    c.init = Init::PytorchDefault;
    EXPECT_NEAR(predictAtInit(c, 2, 1.0).layers[0].gradZRmsRatio, std::pow(1.0 / 6, 2.0), 1e-12);
}

TEST(Theory, EachInputFollowsItsOwnVarianceMap)
{
    // ReLU is homogeneous: a spread of ‖x‖² changes nothing but the pooled scale. GELU is not:
    // large inputs keep their variance while small ones decay, so the pooled std decays more
    // slowly than that of the average input.
    TrainingConfig c;
    c.depth = 10;
    c.width = 512;
    const std::vector<double> spread = {0.02, 0.1, 0.5, 1.0, 2.38};
    const double mean = 0.8;
    const TheoryPrediction reluSpread = predictAtInit(c, 2, spread);
    const TheoryPrediction reluMean = predictAtInit(c, 2, mean);
    for (size_t l = 0; l < 10; ++l) {
        EXPECT_NEAR(reluSpread.layers[l].preactStd, reluMean.layers[l].preactStd, 1e-12);
        EXPECT_NEAR(reluSpread.layers[l].gradZRmsRatio, reluMean.layers[l].gradZRmsRatio, 1e-12);
    }
    c.activation = Activation::Gelu;
    const TheoryPrediction geluSpread = predictAtInit(c, 2, spread);
    const TheoryPrediction geluMean = predictAtInit(c, 2, mean);
    EXPECT_NEAR(geluSpread.layers[0].preactStd, geluMean.layers[0].preactStd, 1e-12);
    EXPECT_GT(geluSpread.layers[9].preactStd, 1.2 * geluMean.layers[9].preactStd);
}

TEST(Theory, GaussHermiteMatchesKnownMoments)
{
    // Polynomials are exact; a kink (relu) converges slowly, which is why rectifiers use
    // closed forms: 64 nodes are still within 1% of 1/sqrt(2π).
    const double mean = gaussHermiteExpectation([](double z) { return z > 0 ? z : 0; }, 0, 1, 64);
    EXPECT_NEAR(mean, 1 / std::sqrt(2 * M_PI), 4e-3);
    EXPECT_NEAR(gaussHermiteExpectation([](double z) { return std::tanh(z) * std::tanh(z); }, 0, 1),
                0.3942944903978, 1e-8);
    EXPECT_NEAR(gaussHermiteExpectation([](double z) { return z * z * z * z; }, 0, 1), 3.0, 1e-10);
    EXPECT_NEAR(gaussHermiteExpectation([](double z) { return z * z; }, 1.5, 0.25), 2.5, 1e-10);
}

TEST(Theory, EluAndSeluClosedFormsAgreeWithQuadrature)
{
    for (Activation a : {Activation::Elu, Activation::Selu}) {
        const double alpha = 0.7, m = 0.3, v = 1.7;
        const double phi2 = gaussHermiteExpectation(
            [&](double z) { return std::pow(activate<double>(a, z, alpha), 2); }, m, v, 200);
        const double d2 = gaussHermiteExpectation(
            [&](double z) { return std::pow(activateDerivative<double>(a, z, alpha), 2); }, m, v,
            200);
        EXPECT_NEAR(expectedPhiSquared(a, alpha, m, v), phi2, 1e-3 * phi2);
        EXPECT_NEAR(expectedDerivativeSquared(a, alpha, m, v), d2, 2e-2 * d2); // jump at 0
    }
}

TEST(Theory, BackwardGainsOfTheClassicInitialisations)
{
    // Equal widths, leaky alpha: He-with-alpha keeps the signal (gain 1), Xavier halves the
    // variance per layer... (1+a²)/2 of it, PyTorch's default Linear init divides it by 6/(1+a²).
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.2;
    c.depth = 6;
    c.width = 64;
    const double d2 = (1 + c.alpha * c.alpha) / 2;
    auto gainOf = [&](Init init) {
        c.init = init;
        return predictAtInit(c, 2, 2.0).layers[2].backwardGain;
    };
    EXPECT_NEAR(gainOf(Init::HeNormal), 1.0, 1e-12);
    EXPECT_NEAR(gainOf(Init::XavierNormal), d2, 1e-12);
    EXPECT_NEAR(gainOf(Init::PytorchDefault), d2 / 3, 1e-12);
}

TEST(Theory, PredictionsMatchWideNetworksOnAverage)
{
    // Width 512: the measured ratio of first- to last-layer RMS dL/dz, averaged over seeds,
    // lands within 10% of the mean-field prediction (in log terms for the vanishing cases).
    struct Case
    {
        Activation act;
        Init init;
    };
    for (const Case &k :
         {Case{Activation::Relu, Init::HeNormal}, Case{Activation::Tanh, Init::XavierNormal},
          Case{Activation::Relu, Init::PytorchDefault}}) {
        TrainingConfig c;
        c.activation = k.act;
        c.init = k.init;
        c.depth = 8;
        c.width = 512;
        c.samples = 128;
        c.dataset = DatasetKind::Gaussians;
        double logMeasured = 0, logPredicted = 0;
        const int seeds = 6;
        for (int s = 1; s <= seeds; ++s) {
            c.seed = std::uint64_t(s);
            Trainer t(c);
            const Snapshot snap = t.snapshot();
            const TheoryPrediction p = predictAtInit(c, t.dataset());
            logMeasured += std::log(snap.layers.front().gradZRms / snap.layers.back().gradZRms);
            logPredicted += std::log(p.layers.front().gradZRmsRatio);
        }
        const double measured = std::exp(logMeasured / seeds);
        const double predicted = std::exp(logPredicted / seeds);
        EXPECT_NEAR(std::log(measured), std::log(predicted), 0.1)
            << activationName(k.act) << " " << initName(k.init) << ": measured " << measured
            << ", predicted " << predicted;
    }
}

TEST(Theory, SaysWhereItDoesNotApply)
{
    TrainingConfig c;
    c.width = 3;
    const TheoryPrediction p = predictAtInit(c, 2, 1.0);
    ASSERT_FALSE(p.caveats.empty());
    EXPECT_NE(p.caveats.front().find("narrow"), std::string::npos);
}
