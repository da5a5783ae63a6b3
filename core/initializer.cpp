// SPDX-License-Identifier: MIT
#include "initializer.h"

#include <array>
#include <cmath>

namespace relulab {

namespace {

constexpr std::array kInits = {
    Init::HeNormal,    Init::HeUniform,      Init::XavierNormal, Init::XavierUniform,
    Init::LecunNormal, Init::Orthogonal,     Init::Normal,       Init::Uniform,
    Init::Zeros,       Init::PytorchDefault, Init::Asymmetric,
};

constexpr std::array<std::string_view, kInits.size()> kNames = {
    "he_normal", "he_uniform", "xavier_normal", "xavier_uniform",  "lecun_normal", "orthogonal",
    "normal",    "uniform",    "zeros",         "pytorch_default", "asymmetric",
};

void fillNormal(Eigen::MatrixXd &W, double stddev, std::mt19937_64 &rng)
{
    std::normal_distribution<double> dist(0.0, 1.0);
    for (Eigen::Index j = 0; j < W.cols(); ++j)
        for (Eigen::Index i = 0; i < W.rows(); ++i)
            W(i, j) = stddev * dist(rng);
}

void fillUniform(Eigen::MatrixXd &W, double bound, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> dist(-bound, bound);
    for (Eigen::Index j = 0; j < W.cols(); ++j)
        for (Eigen::Index i = 0; i < W.rows(); ++i)
            W(i, j) = dist(rng);
}

void fillOrthogonal(Eigen::MatrixXd &W, std::mt19937_64 &rng)
{
    const Eigen::Index rows = W.rows(), cols = W.cols();
    const bool wide = rows < cols;
    Eigen::MatrixXd A(wide ? cols : rows, wide ? rows : cols);
    fillNormal(A, 1.0, rng);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(A);
    Eigen::MatrixXd Q = qr.householderQ() * Eigen::MatrixXd::Identity(A.rows(), A.cols());
    // Fix the signs so the result is uniformly distributed (as torch.nn.init.orthogonal_ does).
    const Eigen::MatrixXd R = qr.matrixQR().triangularView<Eigen::Upper>();
    for (Eigen::Index k = 0; k < Q.cols(); ++k) {
        if (R(k, k) < 0)
            Q.col(k) = -Q.col(k);
    }
    W = wide ? Eigen::MatrixXd(Q.transpose()) : Q;
}

/// Randomized asymmetric initialisation, from Lu, Shin, Su and Karniadakis (2019), "Dying ReLU
/// and Initialization: Theory and Numerical Examples" (arXiv:1903.06733): each neuron's
/// [weights | bias] vector is symmetric Gaussian except for one randomly chosen entry, which is
/// drawn from Beta(2, 1) and so is positive. The Gaussian variance 1.5/fan_in makes the row's
/// expected squared norm 2 (as under He init): fan_in·1.5/fan_in + E[Beta(2,1)²] = 1.5 + 0.5.
void fillAsymmetric(Eigen::MatrixXd &W, Eigen::VectorXd &b, double scale, std::mt19937_64 &rng)
{
    const Eigen::Index fanIn = W.cols();
    const double stddev = std::sqrt(1.5 / double(fanIn));
    std::normal_distribution<double> normal(0.0, stddev);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<Eigen::Index> pick(0, fanIn);
    for (Eigen::Index i = 0; i < W.rows(); ++i) {
        for (Eigen::Index j = 0; j < fanIn; ++j)
            W(i, j) = scale * normal(rng);
        b(i) = scale * normal(rng);
        // Beta(2, 1) is the law of the larger of two uniforms.
        const double beta = std::max(unit(rng), unit(rng));
        const Eigen::Index k = pick(rng);
        if (k < fanIn)
            W(i, k) = scale * beta;
        else
            b(i) = scale * beta;
    }
}

} // namespace

std::span<const Init> allInits()
{
    return kInits;
}

std::string_view initName(Init i)
{
    return kNames[size_t(i)];
}

std::optional<Init> parseInit(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name)
            return kInits[i];
    }
    return std::nullopt;
}

double heGain(Activation activation, double alpha)
{
    const bool leaky = activation == Activation::LeakyRelu || activation == Activation::Prelu;
    const double a = leaky ? alpha : 0.0;
    return std::sqrt(2.0 / (1.0 + a * a));
}

void initializeLayer(Init init, Activation activation, double alpha, double initScale,
                     double biasInit, Eigen::MatrixXd &W, Eigen::VectorXd &b, std::mt19937_64 &rng)
{
    const double fanIn = double(W.cols());
    const double fanOut = double(W.rows());
    b.setConstant(biasInit);
    switch (init) {
    case Init::HeNormal:
        fillNormal(W, initScale * heGain(activation, alpha) / std::sqrt(fanIn), rng);
        break;
    case Init::HeUniform:
        fillUniform(W, initScale * heGain(activation, alpha) * std::sqrt(3.0 / fanIn), rng);
        break;
    case Init::XavierNormal:
        fillNormal(W, initScale * std::sqrt(2.0 / (fanIn + fanOut)), rng);
        break;
    case Init::XavierUniform:
        fillUniform(W, initScale * std::sqrt(6.0 / (fanIn + fanOut)), rng);
        break;
    case Init::LecunNormal:
        fillNormal(W, initScale / std::sqrt(fanIn), rng);
        break;
    case Init::Orthogonal:
        fillOrthogonal(W, rng);
        W *= initScale;
        break;
    case Init::Normal:
        fillNormal(W, initScale, rng);
        break;
    case Init::Uniform:
        fillUniform(W, initScale, rng);
        break;
    case Init::Zeros:
        W.setZero();
        break;
    case Init::PytorchDefault: {
        // torch.nn.Linear: kaiming_uniform_(a=sqrt(5)) is U(±1/sqrt(fan_in)), and so is the bias.
        const double bound = 1.0 / std::sqrt(fanIn);
        fillUniform(W, initScale * bound, rng);
        std::uniform_real_distribution<double> dist(-bound, bound);
        for (Eigen::Index i = 0; i < b.size(); ++i)
            b(i) = biasInit + dist(rng);
        break;
    }
    case Init::Asymmetric:
        fillAsymmetric(W, b, initScale, rng);
        b.array() += biasInit;
        break;
    }
}

} // namespace relulab
