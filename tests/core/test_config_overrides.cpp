// SPDX-License-Identifier: MIT
#include "config_overrides.h"

#include <gtest/gtest.h>

#include <random>

using namespace relulab;

TEST(ConfigOverrides, ValuesAreCanonicalAndInKeyOrder)
{
    ConfigOverrides a;
    ASSERT_EQ(a.set("learning_rate", "1e-2"), "");
    ASSERT_EQ(a.set("activation", "leaky_relu"), "");
    ASSERT_EQ(a.set("alpha", "0.010"), "");
    ConfigOverrides b;
    ASSERT_EQ(b.set("alpha", "0.01"), "");
    ASSERT_EQ(b.set("activation", "leaky_relu"), "");
    ASSERT_EQ(b.set("learning_rate", "0.01"), "");
    EXPECT_EQ(a, b); // however it was written, the same difference compares equal
    const std::vector<ConfigOverrides::Entry> expected{
        {"activation", "leaky_relu"}, {"alpha", "0.01"}, {"learning_rate", "0.01"}};
    EXPECT_EQ(a.entries(), expected);
    ASSERT_EQ(a.set("alpha", "0.2"), ""); // replaces, keeps the place
    EXPECT_EQ(a.value("alpha"), "0.2");
    EXPECT_EQ(a.entries().size(), 3u);
    a.remove("activation");
    EXPECT_EQ(a.value("activation"), std::nullopt);
    EXPECT_EQ(a.entries().front().first, "alpha");
}

TEST(ConfigOverrides, BadKeyOrValueLeavesThemUnchanged)
{
    ConfigOverrides o;
    ASSERT_EQ(o.set("depth", "3"), "");
    const ConfigOverrides before = o;
    EXPECT_FALSE(o.set("depht", "3").empty());
    const std::string error = o.set("depth", "abc");
    EXPECT_EQ(error.rfind("depth:", 0), 0u) << error;
    EXPECT_FALSE(o.set("width", "0").empty());
    EXPECT_FALSE(o.set("activation", "relu6").empty());
    EXPECT_EQ(o, before);
}

TEST(ConfigOverrides, BetweenTurnsAIntoBForRandomConfigs)
{
    std::mt19937_64 rng(42);
    const char *activations[] = {"relu", "leaky_relu", "prelu", "elu", "tanh", "linear"};
    for (int i = 0; i < 200; ++i) {
        TrainingConfig a;
        TrainingConfig b;
        for (TrainingConfig *c : {&a, &b}) {
            ASSERT_EQ(setConfigValue(*c, "activation", activations[rng() % 6]), "");
            ASSERT_EQ(setConfigValue(*c, "alpha", std::to_string((rng() % 1000) / 1000.0)), "");
            ASSERT_EQ(setConfigValue(*c, "depth", std::to_string(1 + rng() % 20)), "");
            ASSERT_EQ(setConfigValue(*c, "learning_rate", std::to_string(1e-4 * (1 + rng() % 97))),
                      "");
            ASSERT_EQ(setConfigValue(*c, "seed", std::to_string(rng() % 1000)), "");
        }
        const ConfigOverrides o = ConfigOverrides::between(a, b);
        EXPECT_EQ(o.appliedTo(a), b);
        EXPECT_TRUE(ConfigOverrides::between(a, a).empty());
        for (const auto &[key, value] : o.entries())
            EXPECT_NE(configValue(a, key), value) << key << " is listed but does not differ";
    }
}
