// SPDX-License-Identifier: MIT
// predictBornDead against its exact special cases and against networks built by core: the
// share of seeds whose network is dead at step 0, over width 2..10 × depth 1..30.
#include "theory.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace relulab;

namespace {

TrainingConfig reluOnAbs(int width, int depth)
{
    TrainingConfig c;
    c.activation = Activation::Relu;
    c.dataset = DatasetKind::Abs;
    c.width = width;
    c.depth = depth;
    c.samples = 16; // both signs are present unless all 16 agree (2^-15)
    return c;
}

} // namespace

TEST(BornDead, ExactForOneAndTwoLayers)
{
    for (int w = 1; w <= 12; ++w) {
        const double q = std::ldexp(1.0, -w);
        TrainingConfig c = reluOnAbs(w, 1);
        c.samples = 200;
        // One layer: each unit is active for x > 0 or for x < 0, so one sign always survives.
        BornDeadPrediction p = predictBornDead(c);
        ASSERT_TRUE(p.applies) << p.reason;
        EXPECT_NEAR(p.probability, 0.0, 1e-12) << "width " << w;
        EXPECT_NEAR(p.upper, 0.0, 1e-12) << "width " << w;
        // Two layers: a branch dead in layer 1 (2q) leaves the other alone (dies with q);
        // otherwise both die in layer 2, independently (disjoint supports): q².
        c.depth = 2;
        p = predictBornDead(c);
        const double exact = 2 * q * q + (1 - 2 * q) * q * q;
        EXPECT_NEAR(p.probability, exact, 1e-12) << "width " << w;
        EXPECT_NEAR(p.lower, exact, 1e-12);
        EXPECT_NEAR(p.upper, exact, 1e-12);
    }
}

TEST(BornDead, BoundsAreOrderedAndTheSingleBranchChainCapsThem)
{
    for (int w = 1; w <= 40; w += 3)
        for (int d = 1; d <= 60; d += 7) {
            const BornDeadPrediction p = predictBornDead(reluOnAbs(w, d));
            ASSERT_TRUE(p.applies);
            EXPECT_LE(p.lower, p.probability + 1e-15) << w << "×" << d;
            EXPECT_LE(p.probability, p.upper + 1e-15) << w << "×" << d;
            // Both signs dead needs one dead: 1 - (1 - 2^-w)^depth.
            EXPECT_LE(p.upper, 1 - std::pow(1 - std::ldexp(1.0, -w), d) + 1e-12);
            EXPECT_GE(p.lower, 0);
        }
    // Deeper is deadlier; wider is safer.
    EXPECT_LT(predictBornDead(reluOnAbs(4, 10)).probability,
              predictBornDead(reluOnAbs(4, 20)).probability);
    EXPECT_GT(predictBornDead(reluOnAbs(3, 20)).probability,
              predictBornDead(reluOnAbs(6, 20)).probability);
}

TEST(BornDead, FewSamplesOfOneSignNeedOnlyOneDeadBranch)
{
    TrainingConfig c = reluOnAbs(3, 10);
    c.samples = 100000;
    const double both = predictBornDead(c).probability;
    c.samples = 4;
    const double few = predictBornDead(c).probability;
    const double oneBranch = 1 - std::pow(1 - 0.125, 10);
    EXPECT_NEAR(few, (1 - 0.125) * both + 0.125 * oneBranch, 1e-12);
}

TEST(BornDead, LeakyAndLinearNeverDieAndOtherSetupsSayWhy)
{
    TrainingConfig c = reluOnAbs(2, 30);
    for (Activation a : {Activation::LeakyRelu, Activation::Prelu, Activation::Linear}) {
        c.activation = a;
        c.alpha = 0.01;
        const BornDeadPrediction p = predictBornDead(c);
        EXPECT_TRUE(p.applies) << activationName(a);
        EXPECT_EQ(p.probability, 0);
        EXPECT_EQ(p.upper, 0);
    }
    // A leaky slope of exactly 0 is ReLU at birth.
    c.activation = Activation::LeakyRelu;
    c.alpha = 0;
    EXPECT_NEAR(predictBornDead(c).probability, predictBornDead(reluOnAbs(2, 30)).probability,
                1e-15);

    auto reasonFor = [](TrainingConfig config) {
        const BornDeadPrediction p = predictBornDead(config);
        EXPECT_FALSE(p.applies) << p.reason;
        EXPECT_FALSE(p.reason.empty());
        return p.reason;
    };
    TrainingConfig k = reluOnAbs(4, 10);
    k.dataset = DatasetKind::Moons;
    EXPECT_NE(reasonFor(k).find("moons"), std::string::npos);
    k = reluOnAbs(4, 10);
    k.biasInit = 0.1;
    EXPECT_NE(reasonFor(k).find("bias"), std::string::npos);
    k.biasInit = 0;
    k.init = Init::PytorchDefault;
    EXPECT_NE(reasonFor(k).find("bias"), std::string::npos);
    k.init = Init::Orthogonal;
    EXPECT_NE(reasonFor(k).find("orthogonal"), std::string::npos);
    k.init = Init::HeNormal;
    k.inputShift = 0.5;
    EXPECT_NE(reasonFor(k).find("input_shift"), std::string::npos);
    k.inputShift = 0;
    k.activation = Activation::Tanh;
    EXPECT_NE(reasonFor(k).find("tanh"), std::string::npos);

    k = reluOnAbs(4, 3);
    k.init = Init::Zeros;
    const BornDeadPrediction zeros = predictBornDead(k);
    EXPECT_TRUE(zeros.applies);
    EXPECT_EQ(zeros.probability, 1);
    EXPECT_TRUE(Trainer(k).snapshot().networkDead);
}

// The share of seeds whose network core builds dead, against the prediction: within
// Monte-Carlo error of the estimate everywhere, and inside the proven bounds.
TEST(BornDead, MatchesNetworksBuiltByCore)
{
    constexpr int kSeeds = 240;
    double chiSquare = 0;
    int cells = 0;
    for (Init init : {Init::HeNormal, Init::HeUniform}) {
        for (int w = 2; w <= 10; ++w) {
            for (int d = 1; d <= 30; ++d) {
                // He uniform on a thinner grid: it only checks the Gaussian law carries over.
                if (init == Init::HeUniform && (d % 5 != 0 || w % 2 != 0))
                    continue;
                TrainingConfig c = reluOnAbs(w, d);
                c.init = init;
                const BornDeadPrediction p = predictBornDead(c);
                ASSERT_TRUE(p.applies) << p.reason;
                int dead = 0;
                for (int s = 1; s <= kSeeds; ++s) {
                    c.seed = std::uint64_t(1000 * w + s);
                    dead += Trainer(c).snapshot().networkDead ? 1 : 0;
                }
                const double measured = double(dead) / kSeeds;
                const double se =
                    std::sqrt(std::max(p.probability * (1 - p.probability), 1.0 / kSeeds) / kSeeds);
                EXPECT_NEAR(measured, p.probability, 4.5 * se)
                    << initName(init) << " width " << w << " depth " << d;
                EXPECT_GE(measured, p.lower - 4.5 * se) << w << "×" << d;
                EXPECT_LE(measured, p.upper + 4.5 * se) << w << "×" << d;
                chiSquare += std::pow((measured - p.probability) / se, 2);
                ++cells;
            }
        }
    }
    // Over all cells the deviations are the size of the sampling noise, not more.
    EXPECT_LT(chiSquare / cells, 1.6) << "chi²/cells over " << cells << " cells";
    std::printf("born-dead: chi²/cells = %.2f over %d cells, %d seeds each\n", chiSquare / cells,
                cells, kSeeds);
}
