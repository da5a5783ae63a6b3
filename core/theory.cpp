// SPDX-License-Identifier: MIT
#include "theory.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace relulab {

namespace {

/// Inputs are followed in this many groups of similar ‖x‖² (enough for a smooth spread).
constexpr size_t kInputGroups = 32;

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

double weightVariance(Init init, Activation activation, double alpha, double initScale, int fanIn,
                      int fanOut)
{
    const double in = fanIn, out = fanOut, g = heGain(activation, alpha);
    switch (init) {
    case Init::HeNormal:
    case Init::HeUniform:
        return initScale * initScale * g * g / in;
    case Init::XavierNormal:
    case Init::XavierUniform:
        return initScale * initScale * 2.0 / (in + out);
    case Init::LecunNormal:
        return initScale * initScale / in;
    case Init::Orthogonal:
        // Unit-norm rows (or columns): each entry has second moment 1/max(in, out).
        return initScale * initScale / std::max(in, out);
    case Init::Normal:
        return initScale * initScale;
    case Init::Uniform:
        return initScale * initScale / 3.0;
    case Init::Zeros:
        return 0;
    case Init::PytorchDefault:
        return initScale * initScale / (3.0 * in);
    case Init::Asymmetric:
        // Second moment of a row is 2 over fan_in + 1 entries (see initializer.cpp).
        return initScale * initScale * 2.0 / (in + 1.0);
    }
    return 0;
}

double biasVariance(Init init, double initScale, int fanIn)
{
    switch (init) {
    case Init::PytorchDefault:
        return 1.0 / (3.0 * fanIn);
    case Init::Asymmetric:
        return initScale * initScale * 2.0 / (fanIn + 1.0);
    default:
        return 0;
    }
}

TheoryPrediction predictAtInit(const TrainingConfig &c, const Dataset &data)
{
    const Eigen::VectorXd norms = data.trainX.colwise().squaredNorm().transpose();
    return predictAtInit(c, data.inputDim(), std::span<const double>(norms.data(), norms.size()));
}

TheoryPrediction predictAtInit(const TrainingConfig &c, int inputDim, double inputSquaredNorm)
{
    return predictAtInit(c, inputDim, std::span<const double>(&inputSquaredNorm, 1));
}

TheoryPrediction predictAtInit(const TrainingConfig &c, int inputDim,
                               std::span<const double> inputSquaredNorms)
{
    TheoryPrediction out;
    const int depth = c.depth;
    out.layers.resize(size_t(depth));
    // Each input runs its own variance map; only for ReLU (homogeneous) may they be pooled
    // first. Inputs are sorted into equal-count groups by ‖x‖², each followed separately.
    std::vector<double> sorted(inputSquaredNorms.begin(), inputSquaredNorms.end());
    if (sorted.empty())
        sorted.push_back(0.0);
    std::sort(sorted.begin(), sorted.end());
    const size_t groups = std::min<size_t>(sorted.size(), kInputGroups);
    std::vector<double> incoming(groups, 0.0); // E‖a_{l-1}‖² summed over units, per group
    for (size_t i = 0; i < sorted.size(); ++i)
        incoming[i * groups / sorted.size()] += sorted[i];
    std::vector<double> weight(groups); // share of the inputs in each group
    for (size_t g = 0; g < groups; ++g) {
        const size_t first = (g * sorted.size() + groups - 1) / groups;
        const size_t next = ((g + 1) * sorted.size() + groups - 1) / groups;
        incoming[g] /= double(next - first);
        weight[g] = double(next - first) / double(sorted.size());
    }
    // derivSq[l][g]: E[φ'(z_l)²] of group g, for the backward pass.
    std::vector<std::vector<double>> derivSq(size_t(depth), std::vector<double>(groups, 0.0));
    // Forward: z_l ~ N(bias, n_{l-1} Var(W_l) E[φ(z_{l-1})²] + Var(b)), per group.
    for (int l = 0; l < depth; ++l) {
        const int fanIn = l == 0 ? inputDim : c.width;
        const double vw =
            weightVariance(c.init, c.activation, c.alpha, c.initScale, fanIn, c.width);
        LayerPrediction &p = out.layers[size_t(l)];
        p.index = l + 1;
        p.preactMean = c.biasInit;
        double variance = 0;
        for (size_t g = 0; g < groups; ++g) {
            const double v = vw * incoming[g] + biasVariance(c.init, c.initScale, fanIn);
            const double phi2 = expectedPhiSquared(c.activation, c.alpha, c.biasInit, v);
            derivSq[size_t(l)][g] = expectedDerivativeSquared(c.activation, c.alpha, c.biasInit, v);
            variance += weight[g] * v;
            p.meanPhiSquared += weight[g] * phi2;
            p.meanDerivSquared += weight[g] * derivSq[size_t(l)][g];
            incoming[g] = c.width * phi2;
        }
        // Every group has the same mean (the bias), so pooled variance is the groups' mean.
        p.preactStd = std::sqrt(variance);
    }
    // Backward: E[dz_l²] = E[φ'(z_l)²] · n_{l+1} Var(W_{l+1}) · E[dz_{l+1}²], per group, from
    // the same dL/dy for every input (the output's own spread is not predicted).
    std::vector<double> gradSq(groups, 1.0);
    double nextMean = 1.0, lastMean = 1.0;
    for (int l = depth - 1; l >= 0; --l) {
        LayerPrediction &p = out.layers[size_t(l)];
        const bool last = l == depth - 1;
        const int fanOut = last ? 1 : c.width;
        const double vw =
            weightVariance(c.init, c.activation, c.alpha, c.initScale, c.width, fanOut);
        double mean = 0;
        for (size_t g = 0; g < groups; ++g) {
            gradSq[g] *= fanOut * vw * derivSq[size_t(l)][g];
            mean += weight[g] * gradSq[g];
        }
        p.backwardGain = nextMean > 0 ? mean / nextMean : 0.0;
        if (last)
            lastMean = mean;
        p.gradZRmsRatio = lastMean > 0 ? std::sqrt(mean / lastMean) : (last ? 1.0 : 0.0);
        nextMean = mean;
    }

    if (c.width < 32)
        out.caveats.push_back("width " + std::to_string(c.width) +
                              " is narrow: mean-field theory assumes wide layers, so single "
                              "networks scatter widely around the prediction");
    // Finite-width corrections to log-gradients grow like depth/width (Hanin 2018): deep and
    // narrow, single networks wander off the mean-field line even when they are not narrow.
    if (c.width >= 32 && 4 * c.depth > c.width)
        out.caveats.push_back("depth " + std::to_string(c.depth) + " is large for width " +
                              std::to_string(c.width) +
                              ": fluctuations grow with depth/width, so compare the slope "
                              "averaged over seeds rather than one network");
    if (c.init == Init::Asymmetric)
        out.caveats.push_back("asymmetric init is not zero-mean; the prediction is approximate");
    if (c.init == Init::Zeros)
        out.caveats.push_back("zero weights: every signal is zero beyond the biases");
    out.caveats.push_back("valid at initialisation only: training moves the weights away from "
                          "the independent random matrices the theory assumes");
    return out;
}

} // namespace relulab
