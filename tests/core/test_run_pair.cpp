// SPDX-License-Identifier: MIT
#include "run_pair.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace relulab;

namespace {

ConfigOverrides leaky(const char *alpha = "0.01")
{
    ConfigOverrides o;
    EXPECT_EQ(o.set("activation", "leaky_relu"), "");
    EXPECT_EQ(o.set("alpha", alpha), "");
    return o;
}

} // namespace

TEST(RunPair, LiveChangesKeepTheStepAndShapeChangesRebuild)
{
    RunPair runs{TrainingConfig{}};
    ASSERT_TRUE(runs.ensureBuilt());
    EXPECT_EQ(runs.train(7), 7);
    TrainingConfig live = runs.config();
    live.learningRate = 0.02;
    EXPECT_EQ(runs.apply(live), RunPair::Applied::Live);
    EXPECT_EQ(runs.a()->stepCount(), 7);
    EXPECT_EQ(runs.apply(live), RunPair::Applied::Nothing);
    TrainingConfig deeper = live;
    deeper.depth = live.depth + 1;
    EXPECT_EQ(runs.apply(deeper), RunPair::Applied::Rebuilt);
    EXPECT_EQ(runs.a()->stepCount(), 0);
    EXPECT_EQ(runs.config(), deeper);
    EXPECT_TRUE(runs.takeMessages().empty());
}

TEST(RunPair, CompareStartsFromAsWeightsAndFollowsA)
{
    RunPair runs{TrainingConfig{}};
    runs.ensureBuilt();
    runs.train(5);
    runs.setCompare(leaky());
    ASSERT_TRUE(runs.b());
    EXPECT_EQ(runs.a()->stepCount(), 0); // both restart
    EXPECT_EQ(runs.b()->config().activation, Activation::LeakyRelu);
    const auto frame = runs.record(0, false);
    ASSERT_TRUE(frame && frame->compare);
    // The first layer's z does not depend on the activation: equal weights, equal z.
    EXPECT_EQ(frame->snapshot.layers.front().preactMean,
              frame->compare->snapshot.layers.front().preactMean);
    EXPECT_EQ(runs.train(3), 3);
    EXPECT_EQ(runs.b()->stepCount(), 3);

    TrainingConfig live = runs.config();
    live.learningRate = 0.003;
    EXPECT_EQ(runs.apply(live), RunPair::Applied::Live);
    EXPECT_EQ(runs.b()->config().learningRate, 0.003); // B = A + overrides, live
    EXPECT_EQ(runs.b()->stepCount(), 3);

    runs.setCompare(std::nullopt);
    EXPECT_FALSE(runs.b());
    EXPECT_FALSE(runs.record(0, false)->compare);
}

TEST(RunPair, BadOverridesLeaveAAloneAndSayWhy)
{
    RunPair runs{TrainingConfig{}};
    runs.ensureBuilt();
    runs.setCompare(leaky("0.9"));
    ASSERT_TRUE(runs.b());
    TrainingConfig elu = runs.config();
    elu.activation = Activation::Elu;
    elu.alpha = 2; // fine for ELU, but B's Leaky ReLU override keeps alpha 0.9: fine as well
    EXPECT_EQ(runs.apply(elu), RunPair::Applied::Rebuilt); // ELU's alpha 2 is no live change
    EXPECT_TRUE(runs.b());
    ConfigOverrides bad;
    ASSERT_EQ(bad.set("activation", "leaky_relu"), "");
    runs.setCompare(bad); // B = ELU's alpha 2 on Leaky ReLU: out of [0, 1]
    EXPECT_TRUE(runs.a());
    EXPECT_FALSE(runs.b());
    const auto messages = runs.takeMessages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages.front().rfind("run B: alpha", 0), 0u) << messages.front();
}

TEST(RunPair, SettingsThatCannotBeBuiltKeepWhatRan)
{
    const auto path = std::filesystem::temp_directory_path() / "relulab_run_pair_vanishing.csv";
    {
        std::ofstream file(path);
        for (int i = 0; i < 20; ++i)
            file << i << ',' << i % 3 << ',' << i % 2 << '\n';
    }
    TrainingConfig vanished;
    ASSERT_EQ(setConfigValue(vanished, "dataset", "csv:" + path.string()), "");
    std::filesystem::remove(path);

    RunPair runs{TrainingConfig{}};
    runs.ensureBuilt();
    runs.train(4);
    EXPECT_EQ(runs.apply(vanished), RunPair::Applied::Rebuilt);
    EXPECT_EQ(runs.config(), TrainingConfig{});
    EXPECT_EQ(runs.a()->stepCount(), 4); // untouched
    ASSERT_TRUE(runs.refused());
    EXPECT_EQ(*runs.refused(), vanished);
    EXPECT_EQ(runs.record(0, false)->refusedConfig, vanished);
    ASSERT_EQ(runs.takeMessages().size(), 1u);

    // Nothing ran yet: the defaults instead.
    RunPair fresh{vanished};
    EXPECT_TRUE(fresh.ensureBuilt());
    EXPECT_EQ(fresh.config(), TrainingConfig{});
    EXPECT_EQ(fresh.takeMessages().size(), 1u);
}

TEST(RunPair, RestoreChangesNothingUnlessEverythingFits)
{
    RunPair source{TrainingConfig{}};
    source.ensureBuilt();
    source.setCompare(leaky());
    source.train(6);
    const TrainerState a = source.a()->state();
    const TrainerState b = source.b()->state();

    RunPair target{TrainingConfig{}};
    target.ensureBuilt();
    target.train(2);
    TrainingConfig wider = source.config();
    wider.width += 1;
    EXPECT_FALSE(target.restore(wider, a, std::nullopt, std::nullopt));      // state does not fit
    EXPECT_FALSE(target.restore(source.config(), a, leaky(), std::nullopt)); // B not in step
    EXPECT_EQ(target.a()->stepCount(), 2);
    EXPECT_FALSE(target.b());

    ASSERT_TRUE(target.restore(source.config(), a, leaky(), b));
    EXPECT_EQ(target.a()->stepCount(), 6);
    ASSERT_TRUE(target.b());
    EXPECT_EQ(target.b()->stepCount(), 6);
    target.train(1);
    source.train(1);
    EXPECT_EQ(target.a()->state().step, source.a()->state().step);
    EXPECT_EQ(target.record(0, false)->snapshot.loss, source.record(0, false)->snapshot.loss);
}
