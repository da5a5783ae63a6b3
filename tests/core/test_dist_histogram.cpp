// SPDX-License-Identifier: MIT
// Per-layer histograms: bin counts and the exact share of z <= 0 against hand-built networks
// whose pre-activations are known, and the robust common range.
#include "histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

namespace relulab {
namespace {

std::int64_t binned(const Histogram &h)
{
    return std::accumulate(h.counts.begin(), h.counts.end(), std::int64_t(0));
}

// Which bin `v` belongs to, computed independently of makeHistogram.
int expectedBin(const Histogram &h, double v)
{
    return int(std::floor((v - h.lo) / h.binWidth()));
}

TEST(Histogram, CountsValuesIntoBinsAndKeepsOutliersApart)
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> v = {-1.0f, -0.5f, 0.0f, 0.25f, 0.99f, 1.0f, 5.0f, -2.0f, nan};
    const Histogram h = makeHistogram(v.data(), long(v.size()), -1.0, 1.0, 4);
    ASSERT_EQ(h.counts.size(), 4u);
    EXPECT_EQ(h.counts, (std::vector<std::int64_t>{1, 1, 2, 1}));
    EXPECT_EQ(h.below, 1);       // -2
    EXPECT_EQ(h.above, 2);       // 1.0 (hi is exclusive) and 5
    EXPECT_EQ(h.total, 9);       // the NaN counts in the total but in no bin
    EXPECT_EQ(h.nonPositive, 4); // -1, -0.5, 0, -2: exact, whatever the bins
    EXPECT_DOUBLE_EQ(h.nonPositiveShare(), 4.0 / 9.0);
    EXPECT_EQ(h.maxCount(), 2);
    EXPECT_DOUBLE_EQ(h.binCentre(0), -0.75);
}

TEST(Histogram, RobustRangeIgnoresAnOutlierAndAlwaysShowsZero)
{
    std::vector<float> ramp;
    for (int i = 0; i < 1000; ++i)
        ramp.push_back(1.0f + float(i) / 100.0f); // 1 .. 11, all positive
    ramp.push_back(1e6f);
    const auto [lo, hi] = robustRange({std::span<const float>(ramp)});
    EXPECT_LE(lo, 0.0); // zero is in view even if no value is negative
    EXPECT_GT(hi, 10.5);
    EXPECT_LT(hi, 20.0); // the single 1e6 does not stretch the axis
    const Histogram h = makeHistogram(ramp.data(), long(ramp.size()), lo, hi);
    EXPECT_EQ(h.above, 1);
    EXPECT_EQ(h.nonPositive, 0);

    const std::vector<float> zeros(10, 0.0f);
    const auto [zlo, zhi] = robustRange({std::span<const float>(zeros)});
    EXPECT_LT(zlo, 0.0);
    EXPECT_GT(zhi, 0.0);
}

// 1 input, two ReLU layers of 2 units, a linear output; inputs x = -1, 0, 1, 2, 3.
//   layer 1: z = [x, -2x + 1]            -> -1 0 1 2 3 | 3 1 -1 -3 -5   (5 of 10 <= 0)
//   layer 2: z = [a1 + a2 - 1, -a1]      ->  2 0 0 1 2 | 0 0 -1 -2 -3   (7 of 10 <= 0)
Network<float> handBuiltNetwork()
{
    std::vector<Eigen::MatrixXd> W(3);
    std::vector<Eigen::VectorXd> b(3);
    W[0] = (Eigen::MatrixXd(2, 1) << 1, -2).finished();
    b[0] = (Eigen::VectorXd(2) << 0, 1).finished();
    W[1] = (Eigen::MatrixXd(2, 2) << 1, 1, -1, 0).finished();
    b[1] = (Eigen::VectorXd(2) << -1, 0).finished();
    W[2] = (Eigen::MatrixXd(1, 2) << 1, 1).finished();
    b[2] = Eigen::VectorXd::Zero(1);
    return Network<float>(Activation::Relu, 0.0, W, b);
}

TEST(Histogram, PreactivationsOfAHandBuiltNetwork)
{
    const Network<float> net = handBuiltNetwork();
    Mat<float> X(1, 5);
    X << -1, 0, 1, 2, 3;
    const LayerDistributions d = computeDistributions(net, X, 8);
    ASSERT_EQ(d.preactivations.size(), 2u); // hidden layers only, not the output
    ASSERT_EQ(d.weights.size(), 2u);

    const std::vector<std::vector<double>> z = {{-1, 0, 1, 2, 3, 3, 1, -1, -3, -5},
                                                {2, 0, 0, 1, 2, 0, 0, -1, -2, -3}};
    const std::int64_t negatives[] = {5, 7};
    for (size_t l = 0; l < 2; ++l) {
        SCOPED_TRACE(l);
        const Histogram &h = d.preactivations[l];
        // One common range for every layer, covering all of these values and zero.
        EXPECT_EQ(h.lo, d.preactivations[0].lo);
        EXPECT_EQ(h.hi, d.preactivations[0].hi);
        EXPECT_LT(h.lo, -5.0);
        EXPECT_GT(h.hi, 3.0);
        EXPECT_EQ(h.total, 10);
        EXPECT_EQ(h.below + h.above, 0);
        EXPECT_EQ(binned(h), 10);
        EXPECT_EQ(h.nonPositive, negatives[l]);
        EXPECT_DOUBLE_EQ(h.nonPositiveShare(), double(negatives[l]) / 10.0);
        std::vector<std::int64_t> expected(h.counts.size(), 0);
        for (double v : z[l])
            ++expected[size_t(expectedBin(h, v))];
        EXPECT_EQ(h.counts, expected);
    }

    // Weights: layer 1 holds 1, -2; layer 2 holds 1, 1, -1, 0.
    EXPECT_EQ(d.weights[0].total, 2);
    EXPECT_EQ(d.weights[0].nonPositive, 1);
    EXPECT_EQ(d.weights[1].total, 4);
    EXPECT_EQ(d.weights[1].nonPositive, 2);
    EXPECT_EQ(d.weights[0].lo, d.weights[1].lo);
    EXPECT_EQ(binned(d.weights[1]) + d.weights[1].below + d.weights[1].above, 4);
}

TEST(Histogram, NoDataGivesNoHistograms)
{
    const Network<float> net = handBuiltNetwork();
    const LayerDistributions d = computeDistributions(net, Mat<float>(1, 0));
    EXPECT_TRUE(d.preactivations.empty());
    EXPECT_TRUE(d.weights.empty());
}

} // namespace
} // namespace relulab
