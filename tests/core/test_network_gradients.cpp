// SPDX-License-Identifier: MIT
#include "dataset.h"
#include "network.h"
#include "trainer.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace relulab;

namespace relulab {
// Readable parameter names in gtest's failure messages (found by argument-dependent lookup).
void PrintTo(Activation a, std::ostream *os)
{
    *os << activationName(a);
}
void PrintTo(DatasetKind d, std::ostream *os)
{
    *os << datasetName(d);
}
} // namespace relulab

namespace {

std::string nameOf(Activation a)
{
    return std::string(activationName(a));
}

LossKind lossFor(DatasetKind d)
{
    return isClassification(d) ? LossKind::BceLogits : LossKind::Mse;
}

// A slope that is neither 0 nor the default, so a wrong alpha shows.
double alphaFor(Activation a)
{
    if (a == Activation::Elu)
        return 1.3;
    if (a == Activation::Prelu)
        return 0.25;
    return 0.1;
}

// Which side of a kink each pre-activation is on. Inside one such region the loss is smooth,
// so a central difference whose two probes keep the pattern is valid.
using BranchPattern = std::vector<Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>>;

BranchPattern branchesOf(Activation a, const Workspace<double> &ws)
{
    BranchPattern out;
    const double kink = a == Activation::Softplus ? 20.0 : 0.0;
    for (size_t l = 0; l + 1 < ws.Z.size(); ++l)
        out.push_back(ws.Z[l].array() > kink);
    return out;
}

bool samePattern(const BranchPattern &a, const BranchPattern &b)
{
    for (size_t l = 0; l < a.size(); ++l) {
        if ((a[l] != b[l]).any())
            return false;
    }
    return true;
}

struct Probe
{
    double loss;
    BranchPattern branches;
};

Probe probeLoss(const Network<double> &net, LossKind kind, const Eigen::MatrixXd &X,
                const Eigen::VectorXd &y)
{
    Workspace<double> ws;
    net.forward(X, ws);
    return {meanLoss<double>(kind, ws.output, y), branchesOf(net.activation(), ws)};
}

struct CheckResult
{
    int checked = 0;
    int skipped = 0;
};

// Compares every analytic partial derivative with a central difference (h = 1e-6) in double.
CheckResult checkGradients(const TrainingConfig &config, const std::string &what)
{
    const Dataset data = makeDataset(config);
    const LossKind kind = lossFor(config.dataset);
    Network<double> net = buildNetwork(config, data.inputDim());

    Workspace<double> ws;
    Parameters<double> grads;
    const double loss = net.lossAndGradient(kind, data.trainX, data.trainY, ws, grads);
    EXPECT_TRUE(std::isfinite(loss)) << what;
    const BranchPattern base = branchesOf(config.activation, ws);
    EXPECT_EQ(grads.size(), net.parameters().size()) << what;

    constexpr double h = 1e-6;
    CheckResult result;
    int failures = 0;
    auto check = [&](double &param, double analytic, const std::string &where) {
        const double saved = param;
        param = saved + h;
        const Probe plus = probeLoss(net, kind, data.trainX, data.trainY);
        param = saved - h;
        const Probe minus = probeLoss(net, kind, data.trainX, data.trainY);
        param = saved;
        if (!samePattern(base, plus.branches) || !samePattern(base, minus.branches)) {
            ++result.skipped; // a probe crossed a kink: the difference quotient is meaningless
            return;
        }
        ++result.checked;
        const double fd = (plus.loss - minus.loss) / (2 * h);
        // The absolute floor covers the quotient's rounding noise (~1e-16 * loss * sqrt(n) / h):
        // 7e-9 was seen for SELU in the portable (no FMA) -O1 sanitizer build.
        const double tol = 1e-6 * std::max(std::abs(fd), std::abs(analytic)) + 2e-8;
        if (std::abs(fd - analytic) > tol && ++failures <= 5) {
            ADD_FAILURE() << what << " " << where << ": analytic " << analytic << ", numeric " << fd
                          << ", difference " << std::abs(fd - analytic);
        }
    };

    for (size_t l = 0; l < net.parameters().size(); ++l) {
        Layer<double> &p = net.parameters()[l];
        const Layer<double> &g = grads[l];
        EXPECT_EQ(g.W.rows(), p.W.rows()) << what;
        EXPECT_EQ(g.W.cols(), p.W.cols()) << what;
        EXPECT_EQ(g.b.size(), p.b.size()) << what;
        if (g.W.rows() != p.W.rows() || g.W.cols() != p.W.cols() || g.b.size() != p.b.size())
            return result;
        const std::string layer = "layer " + std::to_string(l);
        for (Eigen::Index j = 0; j < p.W.cols(); ++j) {
            for (Eigen::Index i = 0; i < p.W.rows(); ++i)
                check(p.W(i, j), g.W(i, j),
                      layer + " W(" + std::to_string(i) + "," + std::to_string(j) + ")");
        }
        for (Eigen::Index i = 0; i < p.b.size(); ++i)
            check(p.b(i), g.b(i), layer + " b(" + std::to_string(i) + ")");
        if (config.activation == Activation::Prelu && l + 1 < net.parameters().size())
            check(p.alpha, g.alpha, layer + " alpha");
    }
    return result;
}

class NetworkGradients : public ::testing::TestWithParam<std::tuple<Activation, DatasetKind>>
{};

} // namespace

TEST_P(NetworkGradients, MatchCentralDifferences)
{
    const auto [activation, dataset] = GetParam();
    int checked = 0, skipped = 0;
    for (int depth : {1, 2, 3, 5, 8}) {
        for (int width : {1, 3, 8}) {
            TrainingConfig c;
            c.activation = activation;
            c.alpha = alphaFor(activation);
            c.dataset = dataset;
            c.samples = 16;
            c.noise = 0.2;
            c.depth = depth;
            c.width = width;
            c.biasInit = 0.05; // biases that are not all zero
            c.seed = std::uint64_t(100 + depth * 10 + width);
            const std::string what = nameOf(activation) + " " + std::string(datasetName(dataset)) +
                                     " depth " + std::to_string(depth) + " width " +
                                     std::to_string(width);
            const CheckResult r = checkGradients(c, what);
            checked += r.checked;
            skipped += r.skipped;
        }
    }
    // Kinks are hit only by accident: nearly every parameter must really be checked.
    EXPECT_GT(checked, 1000);
    EXPECT_LE(skipped, checked / 100) << skipped << " of " << checked + skipped << " skipped";
}

INSTANTIATE_TEST_SUITE_P(
    AllActivations, NetworkGradients,
    ::testing::Combine(::testing::ValuesIn(allActivations().begin(), allActivations().end()),
                       ::testing::Values(DatasetKind::Moons, DatasetKind::Sine)),
    [](const ::testing::TestParamInfo<NetworkGradients::ParamType> &info) {
        return nameOf(std::get<0>(info.param)) + "_" +
               std::string(datasetName(std::get<1>(info.param)));
    });

TEST(NetworkGradientsPrelu, AlphaGradientIsNonTrivial)
{
    // The learnt slope must get a real gradient (not a structurally zero one).
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.25;
    c.depth = 3;
    c.width = 8;
    c.samples = 64;
    const Dataset data = makeDataset(c);
    const Network<double> net = buildNetwork(c, data.inputDim());
    Workspace<double> ws;
    Parameters<double> grads;
    net.lossAndGradient(LossKind::BceLogits, data.trainX, data.trainY, ws, grads);
    double sum = 0;
    for (int l = 0; l < net.hiddenLayers(); ++l)
        sum += std::abs(grads[size_t(l)].alpha);
    EXPECT_GT(sum, 1e-6);
    EXPECT_EQ(grads.back().alpha, 0.0); // the output layer has no slope
}

TEST(NetworkGradientsFloat, FloatAgreesWithDouble)
{
    // Training runs in float: its gradients must be the double ones up to float rounding.
    for (Activation a : allActivations()) {
        TrainingConfig c;
        c.activation = a;
        c.alpha = alphaFor(a);
        c.depth = 4;
        c.width = 16;
        c.samples = 200;
        const Dataset data = makeDataset(c);
        const Network<double> netD = buildNetwork(c, data.inputDim());
        const Network<float> netF = netD.cast<float>();
        Workspace<double> wsD;
        Workspace<float> wsF;
        Parameters<double> gD;
        Parameters<float> gF;
        const double lossD =
            netD.lossAndGradient(LossKind::BceLogits, data.trainX, data.trainY, wsD, gD);
        const Eigen::MatrixXf Xf = data.trainX.cast<float>();
        const Eigen::VectorXf yf = data.trainY.cast<float>();
        const float lossF = netF.lossAndGradient(LossKind::BceLogits, Xf, yf, wsF, gF);
        EXPECT_NEAR(lossF, lossD, 1e-5 * std::max(1.0, lossD)) << nameOf(a);
        ASSERT_EQ(gF.size(), gD.size());
        for (size_t l = 0; l < gD.size(); ++l) {
            const double norm = gD[l].W.norm();
            EXPECT_LE((gF[l].W.cast<double>() - gD[l].W).norm(), 1e-3 * norm + 1e-6)
                << nameOf(a) << " layer " << l;
            EXPECT_LE((gF[l].b.cast<double>() - gD[l].b).norm(), 1e-3 * gD[l].b.norm() + 1e-6)
                << nameOf(a) << " layer " << l;
        }
    }
}

TEST(Network, HandBuiltForward)
{
    // 2 inputs -> 1 hidden unit -> 1 output: z = x0 - 2 x1 + 0.5, out = 3 phi(z) - 1.
    const std::vector<Eigen::MatrixXd> W = {(Eigen::MatrixXd(1, 2) << 1, -2).finished(),
                                            (Eigen::MatrixXd(1, 1) << 3).finished()};
    const std::vector<Eigen::VectorXd> b = {Eigen::VectorXd::Constant(1, 0.5),
                                            Eigen::VectorXd::Constant(1, -1)};
    const Eigen::MatrixXd X = (Eigen::MatrixXd(2, 3) << 1, 2, 0.5, 1, 0, 0.25).finished();
    // z = -0.5, 2.5, 0.5

    const Network<double> relu(Activation::Relu, 0.0, W, b);
    EXPECT_EQ(relu.hiddenLayers(), 1);
    EXPECT_EQ(relu.inputDim(), 2);
    const Eigen::RowVectorXd r = relu.predict(X);
    ASSERT_EQ(r.size(), 3);
    EXPECT_DOUBLE_EQ(r(0), -1.0);
    EXPECT_DOUBLE_EQ(r(1), 6.5);
    EXPECT_DOUBLE_EQ(r(2), 0.5);

    const Network<double> leaky(Activation::LeakyRelu, 0.1, W, b);
    EXPECT_DOUBLE_EQ(leaky.predict(X)(0), 3 * -0.05 - 1);
    EXPECT_DOUBLE_EQ(leaky.parameters()[0].alpha, 0.1);
    EXPECT_EQ(leaky.parameters()[1].alpha, 0.0); // unused on the output layer

    const Network<double> tanhNet(Activation::Tanh, 0.0, W, b);
    EXPECT_DOUBLE_EQ(tanhNet.predict(X)(1), 3 * std::tanh(2.5) - 1);

    // Hand-computed gradient of the MSE at one sample through ReLU:
    // s = 6.5, y = 0: dL/ds = 2 s = 13; dL/dW2 = 13 * a = 13 * 2.5; dL/dW1 = 13 * 3 * x.
    Workspace<double> ws;
    Parameters<double> grads;
    const Eigen::VectorXd y = Eigen::VectorXd::Zero(1);
    const double loss = relu.lossAndGradient(LossKind::Mse, X.col(1), y, ws, grads);
    EXPECT_DOUBLE_EQ(loss, 6.5 * 6.5);
    EXPECT_DOUBLE_EQ(grads[1].W(0, 0), 13 * 2.5);
    EXPECT_DOUBLE_EQ(grads[1].b(0), 13);
    EXPECT_DOUBLE_EQ(grads[0].W(0, 0), 13 * 3 * 2);
    EXPECT_DOUBLE_EQ(grads[0].W(0, 1), 0.0);
    EXPECT_DOUBLE_EQ(grads[0].b(0), 13 * 3);
}

TEST(Network, PredictWithKeptBuffersIsForwardsOutput)
{
    // One layer at a time gives the training pass's output to the bit, whatever the buffers
    // held before (a deeper and wider network, then a shallower one, then no hidden layer).
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal(0, 0.7);
    PredictBuffers<float> buffers;
    for (const auto &[depth, width] : {std::pair{4, 16}, std::pair{2, 8}, std::pair{0, 0}}) {
        std::vector<Eigen::MatrixXd> W;
        std::vector<Eigen::VectorXd> b;
        for (int l = 0; l <= depth; ++l) {
            const int in = l == 0 ? 2 : width, out = l == depth ? 1 : width;
            W.push_back(Eigen::MatrixXd::NullaryExpr(out, in, [&] { return normal(rng); }));
            b.push_back(Eigen::VectorXd::NullaryExpr(out, [&] { return normal(rng); }));
        }
        const Network<float> net(Activation::LeakyRelu, 0.1, W, b);
        const Eigen::MatrixXf X =
            Eigen::MatrixXf::NullaryExpr(2, 300, [&] { return float(normal(rng)); });
        Workspace<float> ws;
        net.forward(X, ws);
        net.predict(X, buffers);
        ASSERT_EQ(buffers.output.size(), 300);
        for (Eigen::Index i = 0; i < X.cols(); ++i)
            ASSERT_EQ(buffers.output(i), ws.output(i)) << "depth " << depth << ", point " << i;
        EXPECT_EQ(net.predict(X), ws.output);
    }
}

TEST(Network, MeanLossFormulas)
{
    const Eigen::RowVectorXd s = (Eigen::RowVectorXd(3) << 0.0, 2.0, -1.0).finished();
    const Eigen::VectorXd y = (Eigen::VectorXd(3) << 1.0, 0.0, 1.0).finished();
    const double bce = (std::log(2.0) + std::log1p(std::exp(2.0)) + std::log1p(std::exp(1.0))) / 3;
    EXPECT_NEAR(meanLoss<double>(LossKind::BceLogits, s, y), bce, 1e-15);
    EXPECT_NEAR(meanLoss<double>(LossKind::Mse, s, y), (1.0 + 4.0 + 4.0) / 3, 1e-15);

    // Extreme logits: the softplus form never overflows.
    const Eigen::RowVectorXd big = (Eigen::RowVectorXd(2) << 1000.0, -1000.0).finished();
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(2);
    EXPECT_NEAR(meanLoss<double>(LossKind::BceLogits, big, ones), 500.0, 1e-9);
    const Eigen::RowVectorXf bigF = big.cast<float>();
    const Eigen::VectorXf onesF = ones.cast<float>();
    EXPECT_NEAR(meanLoss<float>(LossKind::BceLogits, bigF, onesF), 500.0f, 1e-3f);
}

TEST(Network, LossAndGradientAgreesWithPredict)
{
    TrainingConfig c;
    c.activation = Activation::Gelu;
    c.dataset = DatasetKind::Abs;
    c.samples = 50;
    const Dataset data = makeDataset(c);
    const Network<double> net = buildNetwork(c, data.inputDim());
    Workspace<double> ws;
    Parameters<double> grads;
    const double loss = net.lossAndGradient(LossKind::Mse, data.trainX, data.trainY, ws, grads);
    const Eigen::RowVectorXd out = net.predict(data.trainX);
    EXPECT_NEAR(loss, meanLoss<double>(LossKind::Mse, out, data.trainY), 1e-14);
    EXPECT_LT((ws.output - out).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(Network, BuildNetworkShapesAndDeterminism)
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.2;
    c.depth = 5;
    c.width = 7;
    const Network<double> net = buildNetwork(c, 2);
    ASSERT_EQ(net.parameters().size(), 6u);
    EXPECT_EQ(net.hiddenLayers(), 5);
    EXPECT_EQ(net.activation(), Activation::LeakyRelu);
    for (size_t l = 0; l < 6; ++l) {
        const Layer<double> &p = net.parameters()[l];
        EXPECT_EQ(p.W.rows(), l == 5 ? 1 : 7);
        EXPECT_EQ(p.W.cols(), l == 0 ? 2 : 7);
        EXPECT_EQ(p.b.size(), p.W.rows());
        EXPECT_EQ(p.alpha, l == 5 ? 0.0 : 0.2);
    }
    const Network<double> same = buildNetwork(c, 2);
    for (size_t l = 0; l < 6; ++l)
        EXPECT_TRUE(same.parameters()[l].W == net.parameters()[l].W);
    TrainingConfig other = c;
    other.seed = 2;
    EXPECT_FALSE(buildNetwork(other, 2).parameters()[0].W == net.parameters()[0].W);
    // Regression sets have one input.
    EXPECT_EQ(buildNetwork(c, 1).inputDim(), 1);
}

TEST(Network, SetAlphaTouchesHiddenLayersOnly)
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.25;
    Network<float> net = buildNetwork(c, 2).cast<float>();
    net.setAlpha(0.5f);
    for (int l = 0; l < net.hiddenLayers(); ++l)
        EXPECT_EQ(net.parameters()[size_t(l)].alpha, 0.5f);
    EXPECT_EQ(net.parameters().back().alpha, 0.0f);
}

TEST(Network, ZeroLikeAndCast)
{
    TrainingConfig c;
    c.depth = 3;
    c.width = 5;
    const Network<double> net = buildNetwork(c, 2);
    const Parameters<double> z = net.zeroLike();
    ASSERT_EQ(z.size(), net.parameters().size());
    for (size_t l = 0; l < z.size(); ++l) {
        EXPECT_EQ(z[l].W.rows(), net.parameters()[l].W.rows());
        EXPECT_EQ(z[l].W.cols(), net.parameters()[l].W.cols());
        EXPECT_EQ(z[l].b.size(), net.parameters()[l].b.size());
        EXPECT_EQ(z[l].W.cwiseAbs().sum() + z[l].b.cwiseAbs().sum(), 0.0);
    }
    const Network<double> back = net.cast<float>().cast<double>();
    for (size_t l = 0; l < z.size(); ++l) {
        EXPECT_LT((back.parameters()[l].W - net.parameters()[l].W).cwiseAbs().maxCoeff(),
                  1e-6 * net.parameters()[l].W.cwiseAbs().maxCoeff());
    }
}

TEST(NetworkBackward, RectifierBackpropIsExactAndKeepsNaN)
{
    // The last hidden layer's dL/dz and PReLU slope gradient, recomputed here with the scalar
    // rules and an in-order sum, must match bit for bit: the vectorised loops may not reorder
    // the sum nor change a zero's sign. One unit sits exactly at the kink; then one z is NaN.
    for (Activation a : {Activation::Relu, Activation::LeakyRelu, Activation::Prelu}) {
        TrainingConfig c;
        c.activation = a;
        c.alpha = 0.3;
        c.depth = 2;
        c.width = 19; // not a multiple of any SIMD width
        c.samples = 37;
        const Dataset data = makeDataset(c);
        Network<float> net = buildNetwork(c, data.inputDim()).cast<float>();
        Layer<float> &top = net.parameters()[1];
        top.W.row(0).setZero(); // z = 0 exactly
        top.b(0) = 0.0f;
        const Eigen::MatrixXf X = data.trainX.cast<float>();
        const Eigen::VectorXf y = data.trainY.cast<float>();
        Workspace<float> ws;
        Parameters<float> grads;
        net.forward(X, ws);
        net.loss(LossKind::BceLogits, y, ws);

        for (bool withNaN : {false, true}) {
            if (withNaN)
                ws.Z[1](1) = std::numeric_limits<float>::quiet_NaN();
            net.backward(X, ws, grads);
            const Eigen::MatrixXf dA = net.parameters()[2].W.transpose() * ws.dZ[2];
            const Eigen::MatrixXf &z = ws.Z[1];
            const float alpha = top.alpha;
            float slope = 0.0f;
            int kinks = 0;
            for (Eigen::Index i = 0; i < z.size(); ++i) {
                kinks += z(i) == 0.0f ? 1 : 0;
                const float below = a == Activation::Relu ? 0.0f : alpha * dA(i);
                const float want = z(i) > 0.0f ? dA(i) : below;
                EXPECT_EQ(std::bit_cast<std::uint32_t>(ws.dZ[1](i)),
                          std::bit_cast<std::uint32_t>(want))
                    << activationName(a) << " i=" << i << " z=" << z(i);
                // volatile: the product rounded to float first, as in the library (not an FMA).
                const volatile float product = dA(i) * z(i);
                slope += z(i) > 0.0f ? 0.0f : product;
            }
            EXPECT_GE(kinks, int(z.cols()));
            if (a != Activation::Prelu)
                continue;
            if (withNaN) {
                EXPECT_TRUE(std::isnan(grads[1].alpha)) << "a NaN z must reach the slope gradient";
            } else {
                EXPECT_NE(slope, 0.0f);
                EXPECT_EQ(std::bit_cast<std::uint32_t>(grads[1].alpha),
                          std::bit_cast<std::uint32_t>(slope));
            }
        }
    }
}
