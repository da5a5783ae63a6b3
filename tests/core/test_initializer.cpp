// SPDX-License-Identifier: MIT
#include "initializer.h"

#include <Eigen/Dense>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace relulab;

namespace {

struct Moments
{
    double mean = 0;
    double variance = 0;
    double maxAbs = 0;
};

Moments momentsOf(const Eigen::MatrixXd &W)
{
    Moments m;
    m.mean = W.mean();
    m.variance = (W.array() - m.mean).square().mean();
    m.maxAbs = W.cwiseAbs().maxCoeff();
    return m;
}

struct InitLayer
{
    Eigen::MatrixXd W;
    Eigen::VectorXd b;
};

InitLayer init(Init kind, int fanOut, int fanIn, Activation activation = Activation::Relu,
               double alpha = 0.01, double scale = 1.0, double biasInit = 0.0,
               std::uint64_t seed = 7)
{
    std::mt19937_64 rng(seed);
    InitLayer l;
    l.W.resize(fanOut, fanIn);
    l.b.resize(fanOut);
    l.W.setConstant(123.0); // every entry must be overwritten
    l.b.setConstant(123.0);
    initializeLayer(kind, activation, alpha, scale, biasInit, l.W, l.b, rng);
    return l;
}

// Checks mean 0 and the expected variance of a big layer. 512×512 = 262144 draws give the
// sample variance a relative standard error of ~0.3% (normal) or less (uniform), so 3% is
// many standard errors while still catching a wrong fan or gain.
void expectMoments(const Eigen::MatrixXd &W, double variance, const std::string &what)
{
    const Moments m = momentsOf(W);
    const double n = double(W.size());
    EXPECT_NEAR(m.mean, 0.0, 5.0 * std::sqrt(variance / n)) << what;
    EXPECT_NEAR(m.variance / variance, 1.0, 0.03)
        << what << " variance " << m.variance << " expected " << variance;
}

} // namespace

TEST(Initializer, NamesRoundTrip)
{
    const std::vector<std::string> expected = {
        "he_normal", "he_uniform", "xavier_normal", "xavier_uniform",  "lecun_normal", "orthogonal",
        "normal",    "uniform",    "zeros",         "pytorch_default", "asymmetric"};
    ASSERT_EQ(allInits().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(std::string(initName(allInits()[i])), expected[i]);
        ASSERT_TRUE(parseInit(expected[i]).has_value()) << expected[i];
        EXPECT_EQ(*parseInit(expected[i]), allInits()[i]);
    }
    EXPECT_FALSE(parseInit("kaiming").has_value());
    EXPECT_FALSE(parseInit("").has_value());
}

TEST(Initializer, HeGainIsKaimingsWithNegativeSlope)
{
    EXPECT_DOUBLE_EQ(heGain(Activation::Relu, 0.3), std::sqrt(2.0));
    EXPECT_DOUBLE_EQ(heGain(Activation::LeakyRelu, 0.2), std::sqrt(2.0 / 1.04));
    EXPECT_DOUBLE_EQ(heGain(Activation::Prelu, 0.25), std::sqrt(2.0 / 1.0625));
    EXPECT_DOUBLE_EQ(heGain(Activation::LeakyRelu, 1.0), 1.0);
    // torch's kaiming default (a = 0) for everything else, including ELU's alpha.
    EXPECT_DOUBLE_EQ(heGain(Activation::Elu, 1.0), std::sqrt(2.0));
    EXPECT_DOUBLE_EQ(heGain(Activation::Tanh, 0.5), std::sqrt(2.0));
}

TEST(Initializer, HeNormalVariance)
{
    expectMoments(init(Init::HeNormal, 512, 512).W, 2.0 / 512, "relu");
    // Non-square: the variance must follow fan_in (columns), not fan_out.
    expectMoments(init(Init::HeNormal, 256, 1024).W, 2.0 / 1024, "relu 256x1024");
    expectMoments(init(Init::HeNormal, 512, 512, Activation::LeakyRelu, 0.5).W, 2.0 / 1.25 / 512,
                  "leaky 0.5");
    expectMoments(init(Init::HeNormal, 512, 512, Activation::Prelu, 0.5).W, 2.0 / 1.25 / 512,
                  "prelu 0.5");
    expectMoments(init(Init::HeNormal, 512, 512, Activation::Relu, 0.01, 2.0).W, 4.0 * 2.0 / 512,
                  "init_scale 2");
}

TEST(Initializer, HeUniformBoundAndVariance)
{
    const double bound = std::sqrt(2.0 / 1.25) * std::sqrt(3.0 / 512);
    const InitLayer l = init(Init::HeUniform, 512, 512, Activation::LeakyRelu, 0.5);
    EXPECT_LE(l.W.cwiseAbs().maxCoeff(), bound);
    EXPECT_GT(l.W.cwiseAbs().maxCoeff(), 0.999 * bound);
    expectMoments(l.W, bound * bound / 3.0, "he_uniform");
}

TEST(Initializer, XavierUsesBothFans)
{
    expectMoments(init(Init::XavierNormal, 256, 1024).W, 2.0 / (256 + 1024), "xavier_normal");
    const double bound = std::sqrt(6.0 / (256 + 1024));
    const InitLayer u = init(Init::XavierUniform, 256, 1024);
    EXPECT_LE(u.W.cwiseAbs().maxCoeff(), bound);
    EXPECT_GT(u.W.cwiseAbs().maxCoeff(), 0.999 * bound);
    expectMoments(u.W, bound * bound / 3.0, "xavier_uniform");
    expectMoments(init(Init::XavierNormal, 512, 512, Activation::Relu, 0.01, 3.0).W,
                  9.0 * 2.0 / 1024, "xavier_normal scale 3");
}

TEST(Initializer, LecunNormalVariance)
{
    expectMoments(init(Init::LecunNormal, 256, 1024).W, 1.0 / 1024, "lecun_normal");
}

TEST(Initializer, NormalAndUniformUseInitScale)
{
    expectMoments(init(Init::Normal, 512, 512).W, 1.0, "normal");
    expectMoments(init(Init::Normal, 512, 512, Activation::Relu, 0.01, 0.1).W, 0.01, "normal 0.1");
    const InitLayer u = init(Init::Uniform, 512, 512, Activation::Relu, 0.01, 0.5);
    EXPECT_LE(u.W.cwiseAbs().maxCoeff(), 0.5);
    EXPECT_GT(u.W.cwiseAbs().maxCoeff(), 0.499);
    expectMoments(u.W, 0.25 / 3.0, "uniform 0.5");
}

TEST(Initializer, OrthogonalRowsOrColumnsAreOrthonormal)
{
    for (double scale : {1.0, 2.5}) {
        // Wide (fan_out <= fan_in): orthonormal rows, W Wᵀ = scale² I.
        const InitLayer wide = init(Init::Orthogonal, 64, 128, Activation::Relu, 0.01, scale);
        const Eigen::MatrixXd wwt = wide.W * wide.W.transpose();
        EXPECT_LT((wwt - scale * scale * Eigen::MatrixXd::Identity(64, 64)).cwiseAbs().maxCoeff(),
                  1e-10)
            << "wide, scale " << scale;
        // Tall: orthonormal columns, Wᵀ W = scale² I.
        const InitLayer tall = init(Init::Orthogonal, 128, 64, Activation::Relu, 0.01, scale);
        const Eigen::MatrixXd wtw = tall.W.transpose() * tall.W;
        EXPECT_LT((wtw - scale * scale * Eigen::MatrixXd::Identity(64, 64)).cwiseAbs().maxCoeff(),
                  1e-10)
            << "tall, scale " << scale;
        const InitLayer square = init(Init::Orthogonal, 50, 50, Activation::Relu, 0.01, scale);
        EXPECT_LT(
            (square.W * square.W.transpose() - scale * scale * Eigen::MatrixXd::Identity(50, 50))
                .cwiseAbs()
                .maxCoeff(),
            1e-10);
    }
    // A 1×n layer is a unit row; different seeds give different directions.
    const InitLayer a = init(Init::Orthogonal, 1, 16, Activation::Relu, 0.01, 1.0, 0.0, 1);
    const InitLayer b = init(Init::Orthogonal, 1, 16, Activation::Relu, 0.01, 1.0, 0.0, 2);
    EXPECT_NEAR(a.W.norm(), 1.0, 1e-12);
    EXPECT_GT((a.W - b.W).norm(), 1e-3);
}

TEST(Initializer, ZerosGivesZeroWeightsAndConstantBias)
{
    const InitLayer l = init(Init::Zeros, 30, 20, Activation::Relu, 0.01, 5.0, -0.75);
    EXPECT_EQ(l.W.cwiseAbs().maxCoeff(), 0.0);
    for (Eigen::Index i = 0; i < l.b.size(); ++i)
        EXPECT_EQ(l.b(i), -0.75);
}

TEST(Initializer, BiasIsTheConstantForPlainInits)
{
    for (Init kind : {Init::HeNormal, Init::HeUniform, Init::XavierNormal, Init::XavierUniform,
                      Init::LecunNormal, Init::Orthogonal, Init::Normal, Init::Uniform}) {
        const InitLayer l = init(kind, 12, 9, Activation::Relu, 0.01, 1.0, 0.3);
        for (Eigen::Index i = 0; i < l.b.size(); ++i)
            EXPECT_EQ(l.b(i), 0.3) << initName(kind);
    }
}

TEST(Initializer, PytorchDefaultMatchesTorchLinear)
{
    const double bound = 1.0 / std::sqrt(512.0);
    const InitLayer l = init(Init::PytorchDefault, 512, 512);
    EXPECT_LE(l.W.cwiseAbs().maxCoeff(), bound);
    EXPECT_GT(l.W.cwiseAbs().maxCoeff(), 0.999 * bound);
    expectMoments(l.W, bound * bound / 3.0, "pytorch_default W");

    // Biases: U(±1/sqrt(fan_in)) around bias_init, and not all equal.
    const InitLayer wide = init(Init::PytorchDefault, 4000, 64, Activation::Relu, 0.01, 1.0, 0.5);
    const double bb = 1.0 / 8.0;
    EXPECT_LE(wide.b.maxCoeff(), 0.5 + bb);
    EXPECT_GE(wide.b.minCoeff(), 0.5 - bb);
    EXPECT_GT(wide.b.maxCoeff(), 0.5 + 0.99 * bb);
    EXPECT_LT(wide.b.minCoeff(), 0.5 - 0.99 * bb);
    EXPECT_NEAR(wide.b.mean(), 0.5, 5.0 * bb / std::sqrt(3.0 * 4000));
}

TEST(Initializer, AsymmetricHasAPositiveEntryPerRow)
{
    // fan_in = 1: a row of [W|b] is two entries. Without the Beta draw a quarter of the rows
    // would be all negative; with it, none may be.
    const InitLayer small = init(Init::Asymmetric, 4000, 1);
    for (Eigen::Index i = 0; i < small.W.rows(); ++i)
        EXPECT_TRUE(small.W(i, 0) > 0 || small.b(i) > 0) << "row " << i;

    const InitLayer big = init(Init::Asymmetric, 512, 512);
    Eigen::MatrixXd rows(512, 513);
    rows << big.W, big.b;
    std::vector<double> rest;
    rest.reserve(512 * 512);
    for (Eigen::Index i = 0; i < rows.rows(); ++i) {
        Eigen::Index top = 0;
        EXPECT_GT(rows.row(i).maxCoeff(&top), 0.0) << "row " << i;
        // The Beta(2,1) entry (mean 2/3) is almost surely the row's largest; the others are
        // the N(0, 1.5/fan_in) draws.
        for (Eigen::Index j = 0; j < rows.cols(); ++j) {
            if (j != top)
                rest.push_back(rows(i, j));
        }
    }
    const Eigen::Map<const Eigen::MatrixXd> gaussian(rest.data(), Eigen::Index(rest.size()), 1);
    expectMoments(gaussian, 1.5 / 512, "asymmetric (Gaussian part)");
    // Row maxima come from Beta(2,1): mean 2/3.
    EXPECT_NEAR(rows.rowwise().maxCoeff().mean(), 2.0 / 3.0, 0.05);
    // The bias is drawn too (it is one of the fan_in+1 row entries), not the constant.
    EXPECT_GT((big.b.array() - big.b.mean()).abs().maxCoeff(), 0.01);
}

TEST(Initializer, AsymmetricScalesRowsAndAddsBiasInit)
{
    const InitLayer base = init(Init::Asymmetric, 64, 32, Activation::Relu, 0.01, 1.0, 0.0, 11);
    const InitLayer scaled = init(Init::Asymmetric, 64, 32, Activation::Relu, 0.01, 3.0, 0.25, 11);
    EXPECT_LT((scaled.W - 3.0 * base.W).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_LT((scaled.b.array() - (3.0 * base.b.array() + 0.25)).abs().maxCoeff(), 1e-12);
}

TEST(Initializer, DeterministicPerSeed)
{
    for (Init kind : allInits()) {
        const InitLayer a = init(kind, 20, 30, Activation::LeakyRelu, 0.1, 1.0, 0.0, 42);
        const InitLayer b = init(kind, 20, 30, Activation::LeakyRelu, 0.1, 1.0, 0.0, 42);
        EXPECT_TRUE(a.W == b.W) << initName(kind);
        EXPECT_TRUE(a.b == b.b) << initName(kind);
        EXPECT_TRUE(a.W.allFinite()) << initName(kind);
        if (kind == Init::Zeros)
            continue;
        const InitLayer c = init(kind, 20, 30, Activation::LeakyRelu, 0.1, 1.0, 0.0, 43);
        EXPECT_FALSE(a.W == c.W) << initName(kind);
    }
}
