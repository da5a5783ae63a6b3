// SPDX-License-Identifier: MIT
// The activation cost measurement: every number positive and finite, shares in [0, 1],
// progress and cancel. No timing thresholds: the machine running the tests is not known.
#include "cost_measure.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace relulab {
namespace {

CostOptions quick()
{
    CostOptions o;
    o.elements = 1 << 14;
    o.repeats = 3;
    o.chunkSeconds = 2e-4;
    return o;
}

bool positiveFinite(double v)
{
    return std::isfinite(v) && v > 0;
}

TEST(CostMeasure, EveryActivationGetsPositiveFiniteTimesAndSharesInRange)
{
    const TrainingConfig config; // depth 4 × width 16, batch 64
    std::vector<double> fractions;
    const auto report = measureCost(config, quick(), [&](double f) {
        fractions.push_back(f);
        return true;
    });
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->depth, config.depth);
    EXPECT_EQ(report->width, config.width);
    EXPECT_EQ(report->batch, 64);
    EXPECT_EQ(report->elementsPerStep, long(config.depth) * config.width * 64);
    EXPECT_EQ(report->arrayElements, 1 << 14);
    ASSERT_EQ(report->activations.size(), allActivations().size());
    for (size_t i = 0; i < allActivations().size(); ++i) {
        const ActivationCost &c = report->activations[i];
        SCOPED_TRACE(std::string(activationName(c.activation)));
        EXPECT_EQ(c.activation, allActivations()[i]);
        EXPECT_TRUE(positiveFinite(c.forwardNs));
        EXPECT_TRUE(positiveFinite(c.backwardNs));
        EXPECT_TRUE(positiveFinite(c.stepNs));
        EXPECT_TRUE(positiveFinite(c.activationNs));
        EXPECT_GT(c.stepShare, 0.0);
        EXPECT_LE(c.stepShare, 1.0);
        EXPECT_EQ(report->find(c.activation), &c);
    }
    EXPECT_TRUE(positiveFinite(report->matmulNs));
    EXPECT_GT(report->matmulShare, 0.0);
    EXPECT_LE(report->matmulShare, 1.0);

    ASSERT_FALSE(fractions.empty());
    EXPECT_DOUBLE_EQ(fractions.front(), 0.0);
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));

    const std::string answer = costAnswer(*report);
    EXPECT_EQ(answer.rfind("In this 4 x 16 network, Leaky ReLU costs ", 0), 0u) << answer;
    // The sentence's share follows from the numbers in the report.
    const ActivationCost *relu = report->find(Activation::Relu);
    const ActivationCost *leaky = report->find(Activation::LeakyRelu);
    char share[32];
    std::snprintf(share, sizeof share, ", %.1f%% of a ",
                  100.0 * std::abs(leaky->activationNs - relu->activationNs) / relu->stepNs);
    EXPECT_NE(answer.find(share), std::string::npos) << answer << " / " << share;
}

TEST(CostMeasure, CancelStopsAtTheFirstCheck)
{
    int calls = 0;
    const auto report = measureCost(TrainingConfig(), quick(), [&](double) {
        ++calls;
        return false;
    });
    EXPECT_FALSE(report.has_value());
    EXPECT_EQ(calls, 1);
}

TEST(CostMeasure, ASubsetAndSlopesThatFitEachActivation)
{
    TrainingConfig config;
    config.activation = Activation::Prelu;
    config.alpha = 0.0; // valid for PReLU, not for ELU (alpha in (0, 3])
    CostOptions o = quick();
    o.activations = {Activation::Elu, Activation::Relu};
    const auto report = measureCost(config, o);
    ASSERT_TRUE(report.has_value());
    ASSERT_EQ(report->activations.size(), 2u);
    EXPECT_EQ(report->activations[0].activation, Activation::Elu);
    EXPECT_GT(report->activations[0].alpha, 0.0);
    EXPECT_EQ(report->configured, Activation::Prelu);
    // PReLU was not in the list, yet its matrix products were timed against its own step.
    EXPECT_TRUE(positiveFinite(report->matmulNs));
    EXPECT_EQ(report->find(Activation::LeakyRelu), nullptr);
    EXPECT_EQ(costAnswer(*report), std::string()); // no Leaky ReLU: no sentence to make
}

} // namespace
} // namespace relulab
