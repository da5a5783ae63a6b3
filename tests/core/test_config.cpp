// SPDX-License-Identifier: MIT
#include "training_config.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace relulab;

namespace {

const std::vector<std::string> kKeyNames = {
    "activation", "alpha",         "depth",       "width",        "init",      "init_scale",
    "bias_init",  "dataset",       "standardize", "samples",      "noise",     "input_shift",
    "optimizer",  "learning_rate", "batch_size",  "weight_decay", "precision", "seed"};

// setConfigValue must fail with one line that names the key, and leave the config alone.
void expectRejected(const std::string &key, const std::string &value,
                    const TrainingConfig &start = TrainingConfig{})
{
    TrainingConfig c = start;
    const std::string err = setConfigValue(c, key, value);
    EXPECT_FALSE(err.empty()) << key << "=" << value << " was accepted";
    EXPECT_EQ(err.rfind(key + ":", 0), 0u) << "message does not start with the key: " << err;
    EXPECT_EQ(err.find('\n'), std::string::npos) << "message is not one line: " << err;
    EXPECT_NE(err.find(value.empty() ? key : value), std::string::npos)
        << "message does not quote the value: " << err;
    EXPECT_EQ(c, start) << key << "=" << value << " changed the config";
}

void expectAccepted(const std::string &key, const std::string &value)
{
    TrainingConfig c;
    EXPECT_EQ(setConfigValue(c, key, value), "") << key << "=" << value;
    TrainingConfig back;
    EXPECT_EQ(setConfigValue(back, key, configValue(c, key)), "") << key;
    EXPECT_EQ(back, c) << key << "=" << value << " printed as " << configValue(c, key);
}

} // namespace

TEST(Config, Defaults)
{
    const TrainingConfig c;
    EXPECT_EQ(c.activation, Activation::Relu);
    EXPECT_EQ(c.alpha, 0.01);
    EXPECT_EQ(c.depth, 4);
    EXPECT_EQ(c.width, 16);
    EXPECT_EQ(c.init, Init::HeNormal);
    EXPECT_EQ(c.initScale, 1.0);
    EXPECT_EQ(c.biasInit, 0.0);
    EXPECT_EQ(c.dataset, DatasetKind::Moons);
    EXPECT_EQ(c.samples, 256);
    EXPECT_EQ(c.noise, 0.1);
    EXPECT_EQ(c.inputShift, 0.0);
    EXPECT_EQ(c.optimizer, Optimizer::Adam);
    EXPECT_EQ(c.learningRate, 0.01);
    EXPECT_EQ(c.batchSize, 64);
    EXPECT_EQ(c.weightDecay, 0.0);
    EXPECT_EQ(c.precision, Precision::Float32);
    EXPECT_EQ(c.seed, 1u);
    EXPECT_EQ(validateConfig(c), "");
}

TEST(Config, KeysAreDeclaredOnce)
{
    ASSERT_EQ(configKeys().size(), kKeyNames.size());
    for (size_t i = 0; i < kKeyNames.size(); ++i) {
        EXPECT_EQ(std::string(configKeys()[i].name), kKeyNames[i]);
        const ConfigKey *k = findConfigKey(kKeyNames[i]);
        ASSERT_NE(k, nullptr) << kKeyNames[i];
        EXPECT_EQ(k, &configKeys()[i]);
        const std::string type(k->type);
        EXPECT_TRUE(type == "enum" || type == "int" || type == "float") << type;
        EXPECT_FALSE(k->range.empty()) << kKeyNames[i];
        EXPECT_FALSE(k->meaning.empty()) << kKeyNames[i];
    }
    EXPECT_EQ(findConfigKey("foo"), nullptr);
    EXPECT_EQ(findConfigKey("Depth"), nullptr);
    EXPECT_EQ(std::string(findConfigKey("depth")->type), "int");
    EXPECT_EQ(findConfigKey("depth")->min, 1);
    EXPECT_EQ(findConfigKey("depth")->max, 200);
    EXPECT_EQ(findConfigKey("width")->max, 1024);
    EXPECT_EQ(std::string(findConfigKey("learning_rate")->type), "float");
    EXPECT_EQ(findConfigKey("learning_rate")->min, 1e-6);
    EXPECT_EQ(findConfigKey("seed")->max, 9007199254740991.0);
    EXPECT_EQ(std::string(findConfigKey("activation")->type), "enum");
}

TEST(Config, EveryDefaultRoundTrips)
{
    const TrainingConfig defaults;
    for (const ConfigKey &k : configKeys()) {
        const std::string text = configValue(defaults, k.name);
        EXPECT_FALSE(text.empty()) << k.name;
        TrainingConfig c;
        c.depth = 9; // start elsewhere so a no-op setter cannot pass by accident
        c.seed = 5;
        TrainingConfig expected = defaults;
        expected.depth = k.name == "depth" ? defaults.depth : 9;
        expected.seed = k.name == "seed" ? defaults.seed : 5;
        EXPECT_EQ(setConfigValue(c, k.name, text), "") << k.name << "=" << text;
        EXPECT_EQ(c, expected) << k.name << "=" << text;
    }
}

TEST(Config, NonDefaultValuesRoundTripExactly)
{
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int trial = 0; trial < 200; ++trial) {
        TrainingConfig c;
        c.alpha = unit(rng);
        c.initScale = 1e-3 + unit(rng) * 10;
        c.biasInit = -10 + 20 * unit(rng);
        c.noise = 5 * unit(rng);
        c.inputShift = -10 + 20 * unit(rng);
        c.learningRate = 1e-6 + unit(rng) * 0.1;
        c.weightDecay = unit(rng);
        c.seed = rng() >> 11; // up to 2^53 - 1
        c.depth = 1 + int(rng() % 200);
        c.activation = allActivations()[rng() % allActivations().size()];
        c.init = allInits()[rng() % allInits().size()];
        c.dataset = allDatasets()[rng() % allDatasets().size()];
        c.optimizer = allOptimizers()[rng() % allOptimizers().size()];
        c.precision = allPrecisions()[rng() % allPrecisions().size()];
        TrainingConfig back;
        for (const ConfigKey &k : configKeys())
            ASSERT_EQ(setConfigValue(back, k.name, configValue(c, k.name)), "") << k.name;
        ASSERT_EQ(back, c) << "trial " << trial;
    }
}

TEST(Config, AcceptsEveryEnumName)
{
    for (Activation a : allActivations())
        expectAccepted("activation", std::string(activationName(a)));
    for (Init i : allInits())
        expectAccepted("init", std::string(initName(i)));
    for (DatasetKind d : allDatasets())
        expectAccepted("dataset", std::string(datasetName(d)));
    const std::vector<std::string> optimizers = {"sgd", "momentum", "adam"};
    ASSERT_EQ(allOptimizers().size(), optimizers.size());
    for (size_t i = 0; i < optimizers.size(); ++i) {
        EXPECT_EQ(std::string(optimizerName(allOptimizers()[i])), optimizers[i]);
        ASSERT_TRUE(parseOptimizer(optimizers[i]).has_value());
        EXPECT_EQ(*parseOptimizer(optimizers[i]), allOptimizers()[i]);
        expectAccepted("optimizer", optimizers[i]);
    }
    EXPECT_FALSE(parseOptimizer("rmsprop").has_value());
    for (Precision p : allPrecisions())
        expectAccepted("precision", std::string(precisionName(p)));
    expectRejected("precision", "fp16");
}

TEST(Config, AcceptsRangeEnds)
{
    expectAccepted("depth", "1");
    expectAccepted("depth", "200");
    expectAccepted("width", "1024");
    expectAccepted("samples", "4");
    expectAccepted("samples", "100000");
    expectAccepted("alpha", "0");
    expectAccepted("alpha", "3");
    expectAccepted("init_scale", "0.001");
    expectAccepted("init_scale", "1000");
    expectAccepted("bias_init", "-10");
    expectAccepted("noise", "0");
    expectAccepted("noise", "5");
    expectAccepted("input_shift", "-10");
    expectAccepted("learning_rate", "1e-06");
    expectAccepted("learning_rate", "10");
    expectAccepted("batch_size", "1");
    expectAccepted("weight_decay", "1");
    expectAccepted("seed", "0");
    expectAccepted("seed", "9007199254740991");
    // Other spellings of a number are read too.
    TrainingConfig c;
    EXPECT_EQ(setConfigValue(c, "learning_rate", "0.5e-2"), "");
    EXPECT_EQ(c.learningRate, 0.005);
    EXPECT_EQ(setConfigValue(c, "noise", ".25"), "");
    EXPECT_EQ(c.noise, 0.25);
}

TEST(Config, NumbersPrintPlainly)
{
    // configValue feeds `relulab-cli keys`, JSON and the GUI: whole numbers read as such.
    TrainingConfig c;
    c.initScale = 1000;
    c.biasInit = -10;
    c.inputShift = 10;
    c.noise = 0.1;
    c.learningRate = 0.001;
    c.weightDecay = 1e-6;
    c.alpha = 0.30000000000000004; // needs all 17 digits
    EXPECT_EQ(configValue(c, "init_scale"), "1000");
    EXPECT_EQ(configValue(c, "bias_init"), "-10");
    EXPECT_EQ(configValue(c, "input_shift"), "10");
    EXPECT_EQ(configValue(c, "noise"), "0.1");
    EXPECT_EQ(configValue(c, "learning_rate"), "0.001");
    EXPECT_EQ(configValue(c, "weight_decay"), "1e-06");
    EXPECT_EQ(configValue(c, "alpha"), "0.30000000000000004");
    EXPECT_EQ(configValue(c, "seed"), "1");
    EXPECT_EQ(configValue(c, "depth"), "4");
}

TEST(Config, RejectsUnknownKeys)
{
    for (const std::string key : {"foo", "Depth", "learning-rate", "", "alpha "}) {
        TrainingConfig c;
        const std::string err = setConfigValue(c, key, "1");
        EXPECT_NE(err.find("unknown key"), std::string::npos) << err;
        EXPECT_NE(err.find("\"" + key + "\""), std::string::npos) << err;
        EXPECT_EQ(err.find('\n'), std::string::npos) << err;
        EXPECT_EQ(c, TrainingConfig{});
    }
}

TEST(Config, RejectsOutOfRangeNumbers)
{
    expectRejected("depth", "0");
    expectRejected("depth", "201");
    expectRejected("depth", "-3");
    expectRejected("width", "0");
    expectRejected("width", "1025");
    expectRejected("samples", "3");
    expectRejected("samples", "100001");
    expectRejected("alpha", "-0.1");
    expectRejected("alpha", "3.5");
    expectRejected("init_scale", "0.0001");
    expectRejected("init_scale", "1001");
    expectRejected("bias_init", "10.5");
    expectRejected("noise", "-1");
    expectRejected("noise", "5.01");
    expectRejected("input_shift", "-11");
    expectRejected("learning_rate", "0");
    expectRejected("learning_rate", "11");
    expectRejected("batch_size", "0");
    expectRejected("batch_size", "100001");
    expectRejected("weight_decay", "1.5");
    expectRejected("seed", "-1");
    expectRejected("seed", "9007199254740992");
    expectRejected("seed", "1e300");

    TrainingConfig c;
    const std::string err = setConfigValue(c, "depth", "201");
    EXPECT_NE(err.find("1..200"), std::string::npos) << "message should give the range: " << err;
}

TEST(Config, RejectsNonNumbers)
{
    for (const std::string key : {"depth", "width", "samples", "batch_size", "seed"}) {
        expectRejected(key, "abc");
        expectRejected(key, "");
        expectRejected(key, "1.5"); // not an integer
        expectRejected(key, "12abc");
        expectRejected(key, "nan");
    }
    for (const std::string key : {"alpha", "init_scale", "bias_init", "noise", "input_shift",
                                  "learning_rate", "weight_decay"}) {
        expectRejected(key, "abc");
        expectRejected(key, "");
        expectRejected(key, "0.5x");
        expectRejected(key, "nan");
        expectRejected(key, "inf");
        expectRejected(key, "-inf");
        expectRejected(key, "1e999");
    }
    TrainingConfig c;
    EXPECT_EQ(setConfigValue(c, "depth", "abc"),
              "depth: expected an integer in 1..200, got \"abc\"");
}

TEST(Config, RejectsUnknownEnumNames)
{
    expectRejected("activation", "ReLU");
    expectRejected("activation", "swish");
    expectRejected("init", "kaiming");
    expectRejected("dataset", "mnist");
    expectRejected("optimizer", "rmsprop");
    expectRejected("activation", "");
    // The message lists what is allowed.
    TrainingConfig c;
    const std::string err = setConfigValue(c, "activation", "swish");
    EXPECT_NE(err.find("leaky_relu"), std::string::npos) << err;
    EXPECT_NE(setConfigValue(c, "optimizer", "x").find("momentum"), std::string::npos);
}

TEST(Config, ValidateChecksAlphaPerActivation)
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 1.5;
    const std::string leaky = validateConfig(c);
    EXPECT_FALSE(leaky.empty());
    EXPECT_EQ(leaky.rfind("alpha:", 0), 0u) << leaky;
    EXPECT_NE(leaky.find("leaky_relu"), std::string::npos) << leaky;

    c.activation = Activation::Prelu;
    EXPECT_FALSE(validateConfig(c).empty());
    c.activation = Activation::Elu;
    EXPECT_EQ(validateConfig(c), "");
    c.alpha = 0.0;
    const std::string elu = validateConfig(c);
    EXPECT_FALSE(elu.empty());
    EXPECT_EQ(elu.rfind("alpha:", 0), 0u) << elu;
    c.alpha = 3.0;
    EXPECT_EQ(validateConfig(c), "");

    // Slopes at the ends of [0, 1] are fine for leaky/prelu; others ignore alpha.
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.0;
    EXPECT_EQ(validateConfig(c), "");
    c.alpha = 1.0;
    EXPECT_EQ(validateConfig(c), "");
    c.activation = Activation::Relu;
    c.alpha = 2.5;
    EXPECT_EQ(validateConfig(c), "");
}

TEST(Config, ValidateChecksEveryRange)
{
    TrainingConfig c;
    c.depth = 0;
    EXPECT_EQ(validateConfig(c).rfind("depth:", 0), 0u) << validateConfig(c);
    c = TrainingConfig{};
    c.learningRate = 20;
    EXPECT_EQ(validateConfig(c).rfind("learning_rate:", 0), 0u) << validateConfig(c);
    c = TrainingConfig{};
    c.seed = 9007199254740992ULL;
    EXPECT_FALSE(validateConfig(c).empty());
    c = TrainingConfig{};
    c.noise = std::nan("");
    EXPECT_FALSE(validateConfig(c).empty());
}

TEST(Config, NeedsRebuild)
{
    const TrainingConfig a;
    EXPECT_FALSE(needsRebuild(a, a));
    TrainingConfig b = a;
    b.alpha = 0.3;
    b.optimizer = Optimizer::Sgd;
    b.learningRate = 0.5;
    b.batchSize = 8;
    b.weightDecay = 0.01;
    EXPECT_FALSE(needsRebuild(a, b));

    auto rebuilds = [&a](auto change) {
        TrainingConfig c = a;
        change(c);
        return needsRebuild(a, c);
    };
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.activation = Activation::Elu; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.depth = 5; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.precision = Precision::BFloat16; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.width = 3; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.init = Init::Zeros; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.initScale = 2; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.biasInit = 0.1; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.dataset = DatasetKind::Xor; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.samples = 100; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.noise = 0.2; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.inputShift = 1; }));
    EXPECT_TRUE(rebuilds([](TrainingConfig &c) { c.seed = 2; }));
}
