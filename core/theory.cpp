// SPDX-License-Identifier: MIT
#include "theory.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <map>
#include <mutex>

namespace relulab {

namespace {

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normalPdf(double x)
{
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
}

struct Rule
{
    Eigen::VectorXd nodes, weights;
};

/// Gauss–Hermite nodes and weights (weight function e^{-x²}) by Golub–Welsch.
const Rule &hermiteRule(int n)
{
    static std::mutex mutex;
    static std::map<int, Rule> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(n);
    if (it != cache.end())
        return it->second;
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, n);
    for (int k = 1; k < n; ++k)
        J(k - 1, k) = J(k, k - 1) = std::sqrt(k / 2.0);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(J);
    Rule rule;
    rule.nodes = solver.eigenvalues();
    rule.weights = std::sqrt(M_PI) * solver.eigenvectors().row(0).array().square().transpose();
    return cache.emplace(n, std::move(rule)).first->second;
}

/// Moments of z ~ N(m, v) restricted to one side of 0, used by the closed forms.
struct HalfMoments
{
    double pPos;  ///< P(z > 0)
    double z2Pos; ///< E[z² 1{z>0}]
    double z2;    ///< E[z²]
};

HalfMoments halfMoments(double m, double v)
{
    const double s = std::sqrt(v);
    if (s == 0) {
        const bool pos = m > 0;
        return {pos ? 1.0 : 0.0, pos ? m * m : 0.0, m * m};
    }
    const double r = m / s;
    return {normalCdf(r), (m * m + v) * normalCdf(r) + m * s * normalPdf(r), m * m + v};
}

/// E[e^{k z} 1{z <= 0}] for z ~ N(m, v).
double expNegative(double k, double m, double v)
{
    const double s = std::sqrt(v);
    if (s == 0)
        return m <= 0 ? std::exp(k * m) : 0.0;
    return std::exp(k * m + 0.5 * k * k * v) * normalCdf((-m - k * v) / s);
}

} // namespace

double gaussHermiteExpectation(const std::function<double(double)> &f, double mean, double variance,
                               int nodes)
{
    const Rule &rule = hermiteRule(nodes);
    const double scale = std::sqrt(2.0 * std::max(variance, 0.0));
    double sum = 0;
    for (int k = 0; k < nodes; ++k)
        sum += rule.weights(k) * f(mean + scale * rule.nodes(k));
    return sum / std::sqrt(M_PI);
}

double expectedPhi(Activation a, double alpha, double m, double v)
{
    const double s = std::sqrt(v);
    // E[z 1{z>0}] = m Φ(m/s) + s φ(m/s).
    const double pos = s == 0 ? std::max(m, 0.0) : m * normalCdf(m / s) + s * normalPdf(m / s);
    switch (a) {
    case Activation::Relu:
        return pos;
    case Activation::LeakyRelu:
    case Activation::Prelu:
        return pos + alpha * (m - pos);
    case Activation::Linear:
        return m;
    default:
        return gaussHermiteExpectation([&](double z) { return activate<double>(a, z, alpha); }, m,
                                       v);
    }
}

double expectedPhiSquared(Activation a, double alpha, double m, double v)
{
    const HalfMoments h = halfMoments(m, v);
    switch (a) {
    case Activation::Relu:
        return h.z2Pos;
    case Activation::LeakyRelu:
    case Activation::Prelu:
        return h.z2Pos + alpha * alpha * (h.z2 - h.z2Pos);
    case Activation::Linear:
        return h.z2;
    case Activation::Elu:
    case Activation::Selu: {
        const double al = a == Activation::Elu ? alpha : selu::kAlpha;
        const double scale = a == Activation::Elu ? 1.0 : selu::kScale;
        // (α(e^z − 1))² = α²(e^{2z} − 2e^z + 1) on z <= 0.
        const double neg =
            al * al * (expNegative(2, m, v) - 2 * expNegative(1, m, v) + (1 - h.pPos));
        return scale * scale * (h.z2Pos + neg);
    }
    default:
        return gaussHermiteExpectation(
            [&](double z) {
                const double p = activate<double>(a, z, alpha);
                return p * p;
            },
            m, v);
    }
}

double expectedDerivativeSquared(Activation a, double alpha, double m, double v)
{
    const HalfMoments h = halfMoments(m, v);
    switch (a) {
    case Activation::Relu:
        return h.pPos;
    case Activation::LeakyRelu:
    case Activation::Prelu:
        return h.pPos + alpha * alpha * (1 - h.pPos);
    case Activation::Linear:
        return 1;
    case Activation::Elu:
    case Activation::Selu: {
        const double al = a == Activation::Elu ? alpha : selu::kAlpha;
        const double scale = a == Activation::Elu ? 1.0 : selu::kScale;
        return scale * scale * (h.pPos + al * al * expNegative(2, m, v));
    }
    default:
        return gaussHermiteExpectation(
            [&](double z) {
                const double d = activateDerivative<double>(a, z, alpha);
                return d * d;
            },
            m, v);
    }
}

double weightVariance(Init init, Activation activation, double alpha, double s, int fanIn,
                      int fanOut)
{
    const double in = fanIn, out = fanOut, g = heGain(activation, alpha);
    switch (init) {
    case Init::HeNormal:
    case Init::HeUniform:
        return s * s * g * g / in;
    case Init::XavierNormal:
    case Init::XavierUniform:
        return s * s * 2.0 / (in + out);
    case Init::LecunNormal:
        return s * s / in;
    case Init::Orthogonal:
        // Unit-norm rows (or columns): each entry has second moment 1/max(in, out).
        return s * s / std::max(in, out);
    case Init::Normal:
        return s * s;
    case Init::Uniform:
        return s * s / 3.0;
    case Init::Zeros:
        return 0;
    case Init::PytorchDefault:
        return s * s / (3.0 * in);
    case Init::Asymmetric:
        // Second moment of a row is 2 over fan_in + 1 entries (see initializer.cpp).
        return s * s * 2.0 / (in + 1.0);
    }
    return 0;
}

double biasVariance(Init init, double s, int fanIn)
{
    switch (init) {
    case Init::PytorchDefault:
        return 1.0 / (3.0 * fanIn);
    case Init::Asymmetric:
        return s * s * 2.0 / (fanIn + 1.0);
    default:
        return 0;
    }
}

TheoryPrediction predictAtInit(const TrainingConfig &c, double inputSquaredNorm)
{
    TheoryPrediction out;
    const int depth = c.depth;
    const int inputDim = inputDimension(c.dataset);
    out.layers.resize(size_t(depth));
    // Forward: z_l ~ N(bias, n_{l-1} Var(W_l) E[φ(z_{l-1})²] + Var(b)).
    double incoming = inputSquaredNorm; // E‖a_{l-1}‖² summed over units
    for (int l = 0; l < depth; ++l) {
        const int fanIn = l == 0 ? inputDim : c.width;
        const double vw =
            weightVariance(c.init, c.activation, c.alpha, c.initScale, fanIn, c.width);
        const double variance = vw * incoming + biasVariance(c.init, c.initScale, fanIn);
        LayerPrediction &p = out.layers[size_t(l)];
        p.index = l + 1;
        p.preactMean = c.biasInit;
        p.preactStd = std::sqrt(variance);
        p.meanPhiSquared = expectedPhiSquared(c.activation, c.alpha, c.biasInit, variance);
        p.meanDerivSquared = expectedDerivativeSquared(c.activation, c.alpha, c.biasInit, variance);
        incoming = c.width * p.meanPhiSquared;
    }
    // Backward: E[dz_l²] = E[φ'(z_l)²] · n_{l+1} Var(W_{l+1}) · E[dz_{l+1}²].
    for (int l = depth - 1; l >= 0; --l) {
        LayerPrediction &p = out.layers[size_t(l)];
        const bool last = l == depth - 1;
        const int fanOut = last ? 1 : c.width;
        const double vw =
            weightVariance(c.init, c.activation, c.alpha, c.initScale, c.width, fanOut);
        p.backwardGain = fanOut * vw * p.meanDerivSquared;
        if (!last)
            p.gradZRmsRatio = out.layers[size_t(l + 1)].gradZRmsRatio * std::sqrt(p.backwardGain);
    }

    if (c.width < 32)
        out.caveats.push_back("width " + std::to_string(c.width) +
                              " is narrow: mean-field theory assumes wide layers, so single "
                              "networks scatter widely around the prediction");
    if (c.init == Init::Asymmetric)
        out.caveats.push_back("asymmetric init is not zero-mean; the prediction is approximate");
    if (c.init == Init::Zeros)
        out.caveats.push_back("zero weights: every signal is zero beyond the biases");
    out.caveats.push_back("valid at initialisation only: training moves the weights away from "
                          "the independent random matrices the theory assumes");
    return out;
}

} // namespace relulab
