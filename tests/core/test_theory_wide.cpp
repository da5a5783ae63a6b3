// SPDX-License-Identifier: MIT
// Mean-field predictions against wide networks built by core (width 512): per-layer
// pre-activation std and the ratio of RMS dL/dz to the last hidden layer's, averaged over seeds.
#include "theory.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace relulab;

namespace {

struct Case
{
    const char *name;
    Activation activation;
    double alpha;
    Init init;
};

void PrintTo(const Case &c, std::ostream *os)
{
    *os << c.name;
}

class WideNetworks : public ::testing::TestWithParam<Case>
{};

constexpr int kWidth = 512;
constexpr int kDepth = 8;
constexpr int kSeeds = 32;
// One network's first/last ratio scatters by about 10% (log sd 0.1) at this width and depth,
// its deepest preact std by up to 15%: the average of 32 seeds is good to about 2-3%.
constexpr double kGradTolerance = 0.06;
constexpr double kStdTolerance = 0.08;

// Every layer, averaged over seeds in log terms (the ratios span decades), lands within a few
// percent of the prediction.
TEST_P(WideNetworks, MeasuredLayersFollowThePrediction)
{
    const Case &k = GetParam();
    TrainingConfig c;
    c.activation = k.activation;
    c.alpha = k.alpha;
    c.init = k.init;
    c.depth = kDepth;
    c.width = kWidth;
    c.samples = 128;
    c.dataset = DatasetKind::Gaussians;
    std::vector<double> logStd(kDepth, 0), logGrad(kDepth, 0);
    TheoryPrediction predicted;
    for (int s = 1; s <= kSeeds; ++s) {
        c.seed = std::uint64_t(s);
        Trainer t(c);
        const Snapshot snap = t.snapshot();
        predicted = predictAtInit(c, t.dataset());
        ASSERT_EQ(snap.layers.size(), size_t(kDepth));
        for (int l = 0; l < kDepth; ++l) {
            const LayerMetrics &m = snap.layers[size_t(l)];
            const LayerPrediction &p = predicted.layers[size_t(l)];
            logStd[size_t(l)] += std::log(m.preactStd / p.preactStd) / kSeeds;
            const double ratio = m.gradZRms / snap.layers.back().gradZRms;
            logGrad[size_t(l)] += std::log(ratio / p.gradZRmsRatio) / kSeeds;
        }
    }
    for (int l = 0; l < kDepth; ++l) {
        EXPECT_NEAR(logStd[size_t(l)], 0, kStdTolerance)
            << k.name << " preact std, layer " << l + 1;
        EXPECT_NEAR(logGrad[size_t(l)], 0, kGradTolerance)
            << k.name << " grad_z ratio, layer " << l + 1;
    }
    std::printf("%-22s first/last grad_z: predicted %.4g, measured/predicted %.4f; "
                "preact std layer %d: measured/predicted %.4f\n",
                k.name, predicted.layers.front().gradZRmsRatio, std::exp(logGrad.front()), kDepth,
                std::exp(logStd.back()));
}

INSTANTIATE_TEST_SUITE_P(
    Inits, WideNetworks,
    ::testing::Values(Case{"relu_he", Activation::Relu, 0, Init::HeNormal},
                      Case{"relu_xavier", Activation::Relu, 0, Init::XavierNormal},
                      Case{"relu_pytorch_default", Activation::Relu, 0, Init::PytorchDefault},
                      Case{"leaky_he_uniform", Activation::LeakyRelu, 0.2, Init::HeUniform},
                      Case{"tanh_xavier", Activation::Tanh, 0, Init::XavierNormal},
                      Case{"gelu_he", Activation::Gelu, 0, Init::HeNormal},
                      Case{"elu_lecun", Activation::Elu, 1.0, Init::LecunNormal}),
    [](const ::testing::TestParamInfo<Case> &info) { return std::string(info.param.name); });

// A CSV file has its own input dimension and scale: the first layer's spread is predicted from
// the data actually trained on (2-D, unstandardised values near 50), not from the data set kind.
TEST(TheoryInput, CsvFileSetsTheInputDimensionAndScale)
{
    const auto path = std::filesystem::temp_directory_path() / "relulab_theory_blobs.csv";
    {
        std::ofstream out(path);
        out << "x1,x2,label\n";
        for (int i = 0; i < 200; ++i)
            out << 50 + 3 * (i % 2) + 0.01 * i << ',' << 40 - 0.02 * i << ',' << i % 2 << '\n';
    }
    TrainingConfig c;
    ASSERT_EQ(setConfigValue(c, "dataset", "csv:" + path.string()), "");
    c.standardize = false;
    c.width = kWidth;
    c.depth = 2;
    Trainer t(c);
    const TheoryPrediction p = predictAtInit(c, t.dataset());
    const double measured = t.snapshot().layers.front().preactStd;
    EXPECT_NEAR(measured / p.layers.front().preactStd, 1.0, 0.05);
    // The data-set kind alone would say 1-D: a √2 error in the first layer.
    EXPECT_EQ(t.dataset().inputDim(), 2);
    std::filesystem::remove(path);
}

} // namespace
