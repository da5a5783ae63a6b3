// SPDX-License-Identifier: MIT
// Born-dead probability of a ReLU network on 1-D symmetric data (declared in theory.h).
//
// Setting (after Lu, Shin, Su & Karniadakis 2019, "Dying ReLU and Initialization: Theory and
// Numerical Examples", arXiv:1903.06733): ReLU, zero biases, weights drawn i.i.d. from a
// symmetric continuous distribution, width w, depth D, input x in [-1, 1]. Let q = 2^-w.
//
// 1. With zero biases the network is positively homogeneous, so every x > 0 behaves like +1
//    and every x < 0 like -1: there are two branches, "+" and "-". The network is dead iff
//    both branches die (some layer entirely at φ' = 0), provided the data has both signs.
// 2. One branch alone: if h_l >= 0 has k_l > 0 active units, the w coordinates of W h_l are
//    independent and symmetric, so k_{l+1} ~ Binomial(w, 1/2) whatever k_l was, and 0 is
//    absorbing (z = 0 gives φ'(0) = 0). Survival per layer is 1 - q, hence exactly
//        P(A) = P(branch dead by layer D) = 1 - (1 - q)^D.
// 3. Both branches: P(A ∩ B) = P(A) + P(B) - P(A ∪ B) = 1 - 2(1 - q)^D + S_D, where
//    S_D = P(both branches alive at every layer 1..D).
//    Layer 1 splits the units: unit i is active for + iff W1_i > 0 and for - otherwise, so
//    both are alive with probability 1 - 2q. Their activity vectors then have disjoint
//    supports, so layer 2 sees them through disjoint columns of W2: independent, and both
//    survive with probability (1 - q)^2. From layer 3 on the branches share weights. Given
//    the past, both survive with 1 - 2q + c, c = P(both die) = P(w·a < 0, w·b < 0)^w for one
//    weight row w and the two non-negative activity vectors a, b. c <= q trivially, and
//    c >= q² by Harris' inequality: {w·a < 0} and {w·b < 0} are both decreasing in every
//    (independent) coordinate of w. Hence, for D >= 2,
//        (1 - 2q)(1 - q)^(2D - 2) <= S_D <= (1 - 2q)(1 - q)^D,
//    which gives the proven lower and upper bounds (both exact for D <= 2).
// 4. Best estimate, exact for Gaussian weights: given the past, each row's pair
//    (w·a/|a|, w·b/|b|) is a standard bivariate normal with correlation ρ = cos θ, θ the angle
//    between a and b. Deaths and the next angle depend on nothing else, so (branches alive,
//    θ) is a Markov chain starting at θ = π/2 (disjoint supports) with
//    c(θ) = ((π - θ) / (2π))^w (Sheppard). The law of the next angle has no closed form; it is
//    tabulated once per width on a grid of angles by fixed-seed sampling (deterministic), and
//    for wide layers (where it concentrates) replaced by the mean-field arc-cosine map
//    cos θ' = (sin θ + (π - θ) cos θ) / π. Uniform weights follow the same law closely.
// 5. Training samples are drawn independently of the weights, uniform on [-1, 1]: with n of
//    them, all share one sign with probability 2^(1-n), and then one dead branch suffices.

#include "theory.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <vector>

namespace relulab {

namespace {

constexpr int kAngleNodes = 97;        ///< grid over θ in [0, π/2], both ends included
constexpr int kSamplesPerNode = 5000;  ///< rows of w pairs drawn, shared by every angle
constexpr int kMaxTabulatedWidth = 24; ///< wider: the mean-field angle map (q < 6e-8)

double angleOf(int node)
{
    return 0.5 * M_PI * node / (kAngleNodes - 1);
}

/// P(both branches die at the next layer | angle θ between their activity vectors).
double bothDie(double theta, int width)
{
    return std::pow((M_PI - theta) / (2 * M_PI), width);
}

/// Law of the next angle when both branches survive, from each grid node: rows of
/// `kAngleNodes` probabilities over the grid nodes (summing to 1).
using AngleKernel = std::vector<std::array<double, kAngleNodes>>;

/// Splits mass between the two grid nodes around θ (linear, so the mean angle is kept).
void deposit(std::array<double, kAngleNodes> &row, double theta, double mass)
{
    const double x = std::clamp(theta / (0.5 * M_PI), 0.0, 1.0) * (kAngleNodes - 1);
    const int lo = std::min(int(x), kAngleNodes - 2);
    const double t = x - lo;
    row[size_t(lo)] += mass * (1 - t);
    row[size_t(lo) + 1] += mass * t;
}

AngleKernel sampledKernel(int width)
{
    // The same standard normal pairs serve every grid angle (common random numbers): the
    // kernel is smooth in θ, and drawing costs once per width, not once per node.
    std::mt19937_64 rng(0x5eed0000u + std::uint64_t(width));
    std::normal_distribution<double> gauss(0.0, 1.0);
    const size_t draws = size_t(kSamplesPerNode) * size_t(width);
    std::vector<double> g1(draws), g2(draws);
    for (size_t i = 0; i < draws; ++i) {
        g1[i] = gauss(rng);
        g2[i] = gauss(rng);
    }
    AngleKernel kernel(kAngleNodes);
    for (int node = 0; node < kAngleNodes; ++node) {
        const double rho = std::cos(angleOf(node));
        const double rest = std::sqrt(std::max(0.0, 1 - rho * rho));
        auto &row = kernel[size_t(node)];
        row.fill(0);
        int kept = 0;
        for (size_t s = 0; s < size_t(kSamplesPerNode); ++s) {
            double aa = 0, bb = 0, ab = 0;
            for (size_t i = s * size_t(width); i < (s + 1) * size_t(width); ++i) {
                const double u = g1[i], v = rho * g1[i] + rest * g2[i];
                const double a = u > 0 ? u : 0, b = v > 0 ? v : 0;
                aa += a * a;
                bb += b * b;
                ab += a * b;
            }
            if (aa == 0 || bb == 0)
                continue; // a branch died: accounted for exactly by bothDie and q
            ++kept;
            deposit(row, std::acos(std::clamp(ab / std::sqrt(aa * bb), 0.0, 1.0)), 1.0);
        }
        for (double &p : row)
            p /= std::max(kept, 1);
    }
    return kernel;
}

AngleKernel meanFieldKernel()
{
    AngleKernel kernel(kAngleNodes);
    for (int node = 0; node < kAngleNodes; ++node) {
        const double theta = angleOf(node);
        const double next = (std::sin(theta) + (M_PI - theta) * std::cos(theta)) / M_PI;
        kernel[size_t(node)].fill(0);
        deposit(kernel[size_t(node)], std::acos(std::clamp(next, 0.0, 1.0)), 1.0);
    }
    return kernel;
}

const AngleKernel &angleKernel(int width)
{
    static std::mutex mutex;
    static std::map<int, AngleKernel> cache;
    const int key = width > kMaxTabulatedWidth ? 0 : width;
    std::lock_guard lock(mutex);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.emplace(key, key == 0 ? meanFieldKernel() : sampledKernel(width)).first;
    return it->second;
}

/// S_D = P(both branches alive at layers 1..D) from the angle chain of step 4.
double bothAliveEstimate(int width, int depth)
{
    const double q = std::ldexp(1.0, -width);
    const AngleKernel &kernel = angleKernel(width);
    std::array<double, kAngleNodes> mass{};
    mass.back() = 1 - 2 * q; // after layer 1: disjoint supports, θ = π/2
    for (int l = 2; l <= depth; ++l) {
        std::array<double, kAngleNodes> next{};
        for (int node = 0; node < kAngleNodes; ++node) {
            const double m = mass[size_t(node)];
            if (m == 0)
                continue;
            const double survive = 1 - 2 * q + bothDie(angleOf(node), width);
            for (int to = 0; to < kAngleNodes; ++to)
                next[size_t(to)] += m * survive * kernel[size_t(node)][size_t(to)];
        }
        mass = next;
    }
    double total = 0;
    for (double m : mass)
        total += m;
    return total;
}

BornDeadPrediction notApplicable(std::string reason)
{
    BornDeadPrediction p;
    p.reason = std::move(reason);
    return p;
}

BornDeadPrediction certain(double probability, std::string reason)
{
    BornDeadPrediction p;
    p.applies = true;
    p.reason = std::move(reason);
    p.probability = p.lower = p.upper = probability;
    return p;
}

} // namespace

BornDeadPrediction predictBornDead(const TrainingConfig &c)
{
    const bool slopeBelow =
        c.activation == Activation::LeakyRelu || c.activation == Activation::Prelu;
    if (c.activation == Activation::Linear || (slopeBelow && c.alpha > 0))
        return certain(0, "φ' is never 0, so no unit can be dead");
    if (c.activation != Activation::Relu && !slopeBelow)
        return notApplicable(std::string(activationName(c.activation)) +
                             ": φ' is 0 only where float32 saturates; the recursion covers "
                             "the rectifiers");
    // From here: ReLU (or a leaky slope of 0, which is ReLU at initialisation).
    if (c.dataset != DatasetKind::Abs && c.dataset != DatasetKind::Sine)
        return notApplicable("needs the 1-D symmetric data sets abs or sine, not " +
                             std::string(datasetName(c.dataset)));
    if (c.inputShift != 0)
        return notApplicable("input_shift makes the inputs asymmetric");
    if (c.init == Init::Zeros || c.initScale == 0)
        return certain(1, "zero weights: every pre-activation is 0 and ReLU'(0) = 0");
    if (c.biasInit != 0 || c.init == Init::PytorchDefault || c.init == Init::Asymmetric)
        return notApplicable("needs zero biases (bias_init 0; not pytorch_default or "
                             "asymmetric, which draw biases)");
    if (c.init == Init::Orthogonal)
        return notApplicable("orthogonal weights are not independent draws");

    const int w = c.width, depth = c.depth;
    const double q = std::ldexp(1.0, -w);
    const double oneBranch = 1 - std::pow(1 - q, depth); // exact, step 2
    const double base = 1 - 2 * std::pow(1 - q, depth);
    const double bothLo = (1 - 2 * q) * std::pow(1 - q, 2.0 * depth - 2);
    const double bothHi = (1 - 2 * q) * std::pow(1 - q, depth >= 2 ? depth : 0);
    double lower = std::max(0.0, base + bothLo);
    double upper = std::min(oneBranch, base + bothHi);
    double estimate = std::clamp(base + bothAliveEstimate(w, depth), lower, upper);

    // Step 5: all samples on one side happens with 2^(1-n); then one branch is enough.
    const double oneSign = std::ldexp(1.0, 1 - c.samples);
    auto mix = [&](double both) { return (1 - oneSign) * both + oneSign * oneBranch; };
    BornDeadPrediction p;
    p.applies = true;
    p.probability = mix(estimate);
    p.lower = mix(lower);
    p.upper = mix(upper);
    p.reason = "ReLU, zero biases, symmetric i.i.d. weights, 1-D symmetric input: both input "
               "signs must die; exact single-branch chain 1-(1-2^-w)^depth, two-branch "
               "angle chain (Lu et al. 2019)";
    return p;
}

} // namespace relulab
