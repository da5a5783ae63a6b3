// SPDX-License-Identifier: MIT
#include "cost_measure.h"

#include "float_environment.h"
#include "network.h"
#include "trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <time.h>

namespace relulab {

namespace {

/// The CPU time of the calling thread where the system has one: other programs on a busy
/// machine then slow the measurement down but do not inflate its numbers. Elsewhere, wall time.
struct Clock
{
    using time_point = double; ///< seconds

    static time_point now()
    {
#if defined(CLOCK_THREAD_CPUTIME_ID)
        timespec t{};
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
            return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
#endif
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
};

double secondsSince(Clock::time_point start)
{
    return Clock::now() - start;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// A slope that validateConfig accepts for `a`: the config's if it fits, else a usual one.
TrainingConfig configFor(const TrainingConfig &config, Activation a)
{
    TrainingConfig c = config;
    c.activation = a;
    for (double alpha : {config.alpha, 0.01, 1.0}) {
        c.alpha = alpha;
        if (validateConfig(c).empty())
            return c;
    }
    return c;
}

/// dL/dz = phi'(z) ⊙ dL/da in two vectorised passes over the arrays.
void backwardArray(Activation a, float alpha, const float *z, const float *dA, float *dZ, long n)
{
    derivativeArray<float>(a, alpha, z, dZ, n);
    for (long i = 0; i < n; ++i)
        dZ[i] *= dA[i];
}

/// Seconds one call of `work` takes, repeating it until at least `minSeconds` have passed, so
/// short work is not lost in the clock's resolution.
template <typename Work> double secondsPerCall(double minSeconds, Work &&work)
{
    long calls = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
        work();
        ++calls;
        elapsed = secondsSince(start);
    } while (elapsed < minSeconds);
    return elapsed / double(calls);
}

/// The median over `repeats` of secondsPerCall, after one call to warm caches and predictors.
template <typename Work> double medianSeconds(int repeats, double minSeconds, Work &&work)
{
    work();
    std::vector<double> times;
    times.reserve(size_t(std::max(repeats, 0)));
    for (int r = 0; r < repeats; ++r)
        times.push_back(secondsPerCall(minSeconds, work));
    return median(times);
}

/// Forward and backward ns per element of `a` over the large arrays.
void timeArrays(ActivationCost &cost, const CostOptions &options, const std::vector<float> &z,
                const std::vector<float> &dA, std::vector<float> &out)
{
    const long n = long(z.size());
    const float alpha = float(cost.alpha);
    const double fwd = medianSeconds(options.repeats, 0, [&] {
        activateArray<float>(cost.activation, alpha, z.data(), out.data(), n);
    });
    const double bwd = medianSeconds(options.repeats, 0, [&] {
        backwardArray(cost.activation, alpha, z.data(), dA.data(), out.data(), n);
    });
    cost.forwardNs = 1e9 * fwd / double(n);
    cost.backwardNs = 1e9 * bwd / double(n);
}

/// Random matrices shaped like one training step of `net` on `batch` samples. Inputs stay
/// fixed and outputs go to their own buffers, so repeating the work never feeds results back
/// (which would drift the values towards overflow or subnormals and time those instead).
struct StepShapes
{
    // Per layer: inputs W, A (its input activations), Z, dZ and dAbove (dL/da of its output).
    std::vector<Mat<float>> W, A, Z, dZ, dAbove;
    // Per layer: outputs of the products and of the activation work.
    std::vector<Mat<float>> Zout, gW, dAout, Aout, dZout;

    StepShapes(const Network<float> &net, int batch, std::mt19937_64 &rng)
    {
        std::normal_distribution<float> normal;
        const auto random = [&](Eigen::Index r, Eigen::Index c) {
            Mat<float> m(r, c);
            for (Eigen::Index i = 0; i < m.size(); ++i)
                m.data()[i] = normal(rng);
            return m;
        };
        for (const Layer<float> &p : net.parameters()) {
            const Eigen::Index out = p.W.rows(), in = p.W.cols();
            W.push_back(random(out, in));
            A.push_back(random(in, batch));
            Z.push_back(random(out, batch));
            dZ.push_back(random(out, batch));
            dAbove.push_back(random(out, batch));
            Zout.push_back(Mat<float>(out, batch));
            gW.push_back(Mat<float>(out, in));
            dAout.push_back(Mat<float>(in, batch));
            Aout.push_back(Mat<float>(out, batch));
            dZout.push_back(Mat<float>(out, batch));
        }
    }

    /// The products Network::forward and backward compute.
    void matmuls()
    {
        for (size_t l = 0; l < W.size(); ++l) {
            Zout[l].noalias() = W[l] * A[l];
            gW[l].noalias() = dZ[l] * A[l].transpose();
            if (l > 0)
                dAout[l].noalias() = W[l].transpose() * dZ[l];
        }
    }

    /// phi on every hidden layer's z, and dL/dz from dL/da (the output layer is linear).
    void activations(Activation a, float alpha)
    {
        for (size_t l = 0; l + 1 < W.size(); ++l) {
            const long n = long(Z[l].size());
            activateArray<float>(a, alpha, Z[l].data(), Aout[l].data(), n);
            backwardArray(a, alpha, Z[l].data(), dAbove[l].data(), dZout[l].data(), n);
        }
    }
};

/// One real training step against the activation work (and matrix products) of its shapes.
struct StepTiming
{
    double stepNs = 0, activationNs = 0, matmulNs = 0; ///< medians
    double activationShare = 0, matmulShare = 0;       ///< medians of the per-repeat ratios
};

/// Times training steps of `config` and, right after each chunk of steps, the same shapes'
/// activation work (and matrix products if `withMatmul`): each ratio compares two timings
/// taken moments apart, so a change of load on a shared machine hits both alike. A diverged
/// trainer is rebuilt so it keeps training.
StepTiming timeStep(const TrainingConfig &config, const CostOptions &options, StepShapes &shapes,
                    bool withMatmul)
{
    auto trainer = std::make_unique<Trainer>(config);
    const auto trainSteps = [&](int steps) {
        int done = 0;
        while (done < steps) {
            done += trainer->train(steps - done);
            if (trainer->diverged())
                trainer = std::make_unique<Trainer>(config);
        }
    };
    const auto activations = [&] { shapes.activations(config.activation, float(config.alpha)); };
    const auto matmuls = [&] { shapes.matmuls(); };
    trainSteps(2);
    activations();
    if (withMatmul)
        matmuls();
    // Chunks of steps long enough to time, sized from one warm step.
    const auto start = Clock::now();
    trainSteps(1);
    const double one = std::max(1e-7, secondsSince(start));
    const int chunk = std::clamp(int(options.chunkSeconds / one), 1, 100000);
    const double minWork = options.chunkSeconds / 2;
    std::vector<double> steps, acts, mms, actShares, mmShares;
    for (int r = 0; r < options.repeats; ++r) {
        const auto t0 = Clock::now();
        trainSteps(chunk);
        const double step = secondsSince(t0) / chunk;
        const double act = secondsPerCall(minWork, activations);
        steps.push_back(step);
        acts.push_back(act);
        actShares.push_back(act / step);
        if (withMatmul) {
            const double mm = secondsPerCall(minWork, matmuls);
            mms.push_back(mm);
            mmShares.push_back(mm / step);
        }
    }
    StepTiming t;
    t.stepNs = 1e9 * median(steps);
    t.activationNs = 1e9 * median(acts);
    t.matmulNs = 1e9 * median(mms);
    t.activationShare = std::clamp(median(actShares), 0.0, 1.0);
    t.matmulShare = std::clamp(median(mmShares), 0.0, 1.0);
    return t;
}

} // namespace

const ActivationCost *CostReport::find(Activation a) const
{
    for (const ActivationCost &c : activations)
        if (c.activation == a)
            return &c;
    return nullptr;
}

std::optional<CostReport> measureCost(const TrainingConfig &config, const CostOptions &options,
                                      const CostProgress &progress)
{
    // As in Trainer::train: subnormal floats would be timed at their microcode speed.
    FlushDenormals flush;
    CostOptions opt = options;
    opt.elements = std::max(1L, opt.elements);
    opt.repeats = std::max(1, opt.repeats);
    if (opt.activations.empty())
        opt.activations.assign(allActivations().begin(), allActivations().end());

    CostReport report;
    report.configured = config.activation;
    report.arrayElements = opt.elements;
    report.repeats = opt.repeats;
    report.depth = config.depth;
    report.width = config.width;
    const Trainer shapes(configFor(config, config.activation));
    report.batch = std::min(config.batchSize, int(shapes.dataset().trainX.cols()));
    report.elementsPerStep = long(config.depth) * config.width * report.batch;

    // Seeded: the same arrays every run. Half the values are negative, as at a good init.
    std::mt19937_64 rng(config.seed);
    std::normal_distribution<float> normal;
    std::vector<float> z(size_t(opt.elements)), dA(size_t(opt.elements)), out(z.size());
    for (size_t i = 0; i < z.size(); ++i) {
        z[i] = normal(rng);
        dA[i] = normal(rng);
    }
    StepShapes step(shapes.network(), report.batch, rng);

    // Progress (and the chance to cancel) after each of two parts per activation.
    const double parts = 2.0 * double(opt.activations.size()) + 1;
    const auto advance = [&](double done) { return !progress || progress(done / parts); };
    if (!advance(0))
        return std::nullopt;

    bool matmulsTimed = false;
    for (size_t i = 0; i < opt.activations.size(); ++i) {
        const TrainingConfig c = configFor(config, opt.activations[i]);
        ActivationCost cost;
        cost.activation = c.activation;
        cost.alpha = c.alpha;
        timeArrays(cost, opt, z, dA, out);
        if (!advance(1 + 2.0 * double(i)))
            return std::nullopt;
        const bool configured = c.activation == config.activation;
        const StepTiming t = timeStep(c, opt, step, configured);
        cost.stepNs = t.stepNs;
        cost.activationNs = t.activationNs;
        cost.stepShare = t.activationShare;
        if (configured) {
            report.matmulNs = t.matmulNs;
            report.matmulShare = t.matmulShare;
            matmulsTimed = true;
        }
        report.activations.push_back(cost);
        if (!advance(2 + 2.0 * double(i)))
            return std::nullopt;
    }
    if (!matmulsTimed) {
        const StepTiming t = timeStep(configFor(config, config.activation), opt, step, true);
        report.matmulNs = t.matmulNs;
        report.matmulShare = t.matmulShare;
    }
    if (!advance(parts))
        return std::nullopt;
    return report;
}

std::string costAnswer(const CostReport &report)
{
    const ActivationCost *relu = report.find(Activation::Relu);
    const ActivationCost *leaky = report.find(Activation::LeakyRelu);
    if (!relu || !leaky || relu->stepNs <= 0 || report.elementsPerStep <= 0)
        return {};
    // From the timings at this network's own shapes, interleaved with its training steps: the
    // large arrays also measure memory bandwidth, which other programs share.
    const double perStepNs = leaky->activationNs - relu->activationNs;
    const double perElement = perStepNs / double(report.elementsPerStep);
    const double share = 100.0 * perStepNs / relu->stepNs;
    char text[512];
    std::snprintf(text, sizeof text,
                  "In this %d x %d network, Leaky ReLU costs %.3f ns/element %s than ReLU "
                  "(forward + backward): %.2f us per step over %ld activations, %.1f%% of a "
                  "%.0f us training step, in which the matrix products take %.0f%%.",
                  report.depth, report.width, std::abs(perElement),
                  perElement >= 0 ? "more" : "less", std::abs(perStepNs) / 1e3,
                  report.elementsPerStep, std::abs(share), relu->stepNs / 1e3,
                  100.0 * report.matmulShare);
    return text;
}

} // namespace relulab
