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
