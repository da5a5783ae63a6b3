// SPDX-License-Identifier: MIT
#include "step_budget.h"

#include <gtest/gtest.h>

using namespace relulab;

namespace {
constexpr std::int64_t kMs = 1'000'000;
}

TEST(StepBudget, StepsFallDueAtTheSpeed)
{
    StepBudget budget;
    budget.setSpeed(200, 0);
    EXPECT_EQ(budget.due(0), 0);
    EXPECT_EQ(budget.due(4 * kMs), 0); // 0.8 of a step
    EXPECT_EQ(budget.due(5 * kMs), 1);
    EXPECT_EQ(budget.due(20 * kMs), 4);
    budget.spend(4);
    EXPECT_EQ(budget.due(20 * kMs), 0);
    EXPECT_EQ(budget.msUntilNext(20 * kMs), 5); // step 5 is due at 25 ms
    EXPECT_EQ(budget.due(25 * kMs), 1);
}

TEST(StepBudget, ALongStallIsForgivenNotRepaid)
{
    StepBudget budget;
    budget.setSpeed(1000, 0);
    // Two seconds late: at most 50 ms worth (50 steps) now, then the normal pace again.
    EXPECT_EQ(budget.due(2000 * kMs), 50);
    budget.spend(50);
    EXPECT_EQ(budget.due(2000 * kMs), 0);
    EXPECT_EQ(budget.due(2001 * kMs), 1);
}

TEST(StepBudget, UnlimitedAndLimits)
{
    StepBudget budget;
    EXPECT_TRUE(budget.unlimited());
    EXPECT_GT(budget.due(0), 1'000'000);
    budget.setSpeed(-5, 0);
    EXPECT_TRUE(budget.unlimited());
    budget.setSpeed(1, 0);
    EXPECT_EQ(budget.msUntilNext(0), 1000);
    budget.setSpeed(100000, 0);
    EXPECT_EQ(budget.msUntilNext(0), 1); // never a zero-length timer
}

TEST(StepRate, FirstEstimateEarlyThenAQuarterSecondWindow)
{
    StepRate rate;
    rate.restart(0, 100);
    EXPECT_EQ(rate.update(10 * kMs, 110), 0); // too early to say
    // 300 steps in 30 ms: 10,000 steps/s, exactly.
    EXPECT_DOUBLE_EQ(rate.update(30 * kMs, 400), 10'000.0);
    // Within the next quarter second the estimate holds, then the window's own rate.
    EXPECT_DOUBLE_EQ(rate.update(100 * kMs, 5000), 10'000.0);
    EXPECT_DOUBLE_EQ(rate.update(280 * kMs, 2900), 10'000.0); // 2500 steps in 250 ms
    EXPECT_DOUBLE_EQ(rate.update(530 * kMs, 3400), 2'000.0);  // 500 steps in 250 ms
    rate.clear();
    EXPECT_EQ(rate.value(), 0);
}
