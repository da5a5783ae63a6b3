// SPDX-License-Identifier: MIT
#include "measure.h"

#include "float_environment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace relulab {

namespace {

using BoolRow = Eigen::Array<bool, 1, Eigen::Dynamic>;

template <typename S> struct PartResult
{
    double lossSum = 0;
    Eigen::Index correct = 0;
    BoolRow reached; ///< per sample: every layer passes gradient for it
};

bool zeroSlopeRectifier(Activation act, double alpha)
{
    return act == Activation::Relu ||
           ((act == Activation::LeakyRelu || act == Activation::Prelu) && alpha == 0);
}

/// Folds part b's sums into a's (Chan et al.'s pairwise update of the moments, per unit).
template <typename S> void mergeSums(LayerSums<S> &a, double na, const LayerSums<S> &b, double nb)
{
    const double total = na + nb;
    a.rowMax = a.rowMax.cwiseMax(b.rowMax);
    a.aliveCount += b.aliveCount;
    a.m2 += b.m2 + (b.mean - a.mean).square() * (na * nb / total);
    a.mean += (b.mean - a.mean) * (nb / total);
    a.gradSq += b.gradSq;
}

/// One pass over a layer's z and dL/dz (hot: the GUI measures every layer up to 60 times a
/// second), sample by sample, each loop running over the units of one column so that it
/// vectorises and stays in L1. φ'(z) = 0 exactly when z <= 0 for zero-slope rectifiers, nowhere
/// for leaky ones with a nonzero slope; other activations need their derivative evaluated.
template <typename S>
void accumulateLayer(Activation act, S alpha, const Mat<S> &Z, const Mat<S> &dZ, LayerSums<S> &acc,
                     Vec<S> &d, BoolRow &reached)
{
    const Eigen::Index rows = Z.rows(), cols = Z.cols();
    const bool rectifier = zeroSlopeRectifier(act, double(alpha));
    const bool neverZero = !rectifier && (act == Activation::LeakyRelu ||
                                          act == Activation::Prelu || act == Activation::Linear);
    acc.rowMax.setConstant(rows, -std::numeric_limits<S>::infinity());
    acc.aliveCount.setZero(rows);
    acc.mean.setZero(rows);
    acc.m2.setZero(rows);
    acc.gradSq = 0;
    if (!rectifier && !neverZero)
        d.resize(rows);
    S *const rowMax = acc.rowMax.data();
    int *const aliveCount = acc.aliveCount.data();
    double *const mean = acc.mean.data();
    double *const m2 = acc.m2.data();
    for (Eigen::Index j = 0; j < cols; ++j) {
        const S *const z = Z.data() + j * rows;
        // Welford's update, one unit per lane: one division per sample, none per element. The
        // first sample sets the mean exactly, so a unit with constant z keeps m2 exactly 0.
        const double inv = 1.0 / double(j + 1);
        for (Eigen::Index i = 0; i < rows; ++i) {
            const double zi = double(z[i]);
            const double delta = zi - mean[i];
            mean[i] += delta * inv;
            m2[i] += delta * (zi - mean[i]);
            rowMax[i] = std::max(rowMax[i], z[i]);
        }
        // Square in double: float squares of gradients below ~1e-19 underflow to 0, and the
        // gradient plot must show them down to float's real limits.
        acc.gradSq += dZ.col(j).template cast<double>().squaredNorm();
        int alive = 1;
        if (rectifier) {
            alive = 0;
            for (Eigen::Index i = 0; i < rows; ++i) {
                const int positive = z[i] > S(0);
                aliveCount[i] += positive;
                alive |= positive;
            }
        } else if (!neverZero) {
            derivativeArray<S>(act, alpha, z, d.data(), long(rows));
            alive = 0;
            for (Eigen::Index i = 0; i < rows; ++i) {
                const int nonzero = d[i] != S(0);
                aliveCount[i] += nonzero;
                alive |= nonzero;
            }
        }
        reached(j) = reached(j) && alive != 0;
    }
    if (neverZero)
        acc.aliveCount.setConstant(int(cols));
}

template <typename S>
void measurePart(const Network<S> &net, const Eigen::Ref<const Mat<S>> &X,
                 const Eigen::Ref<const Vec<S>> &y, Eigen::Index total, LossKind kind,
                 Workspace<S> &ws, Parameters<S> &grads, std::vector<LayerSums<S>> &layers,
                 Vec<S> &d, PartResult<S> &out)
{
    FlushDenormals flush; // per thread: the second half runs on its own thread
    const Eigen::Index n = X.cols();
    net.forward(X, ws);
    out.lossSum = double(net.loss(kind, y, ws)) * double(n);
    // loss() normalised by this part's size; the gradient is of the mean over all samples.
    ws.dZ.back() *= S(double(n) / double(total));
    net.backward(X, ws, grads);
    if (kind == LossKind::BceLogits) {
        for (Eigen::Index i = 0; i < n; ++i)
            out.correct += (ws.output(i) > S(0)) == (y(i) > S(0.5));
    }
    const int hidden = net.hiddenLayers();
    layers.resize(size_t(hidden));
    out.reached = BoolRow::Constant(n, true);
    for (int l = 0; l < hidden; ++l)
        accumulateLayer<S>(net.activation(), net.parameters()[size_t(l)].alpha, ws.Z[size_t(l)],
                           ws.dZ[size_t(l)], layers[size_t(l)], d, out.reached);
}

} // namespace

template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind,
                 MeasureScratch<S> &scratch, std::int64_t step, bool diverged, int threads)
{
    const Eigen::Index n = trainX.cols();
    // Below this, starting a thread costs more than it saves.
    constexpr Eigen::Index kMinSplit = 512;
    const bool split = threads >= 2 && n >= kMinSplit;
    const Eigen::Index first = split ? n / 2 : n;

    PartResult<S> parts[2];
    if (split) {
        std::thread other([&] {
            measurePart<S>(net, trainX.rightCols(n - first), trainY.tail(n - first), n, kind,
                           scratch.part[1], scratch.grads[1], scratch.layers[1],
                           scratch.derivative[1], parts[1]);
        });
        measurePart<S>(net, trainX.leftCols(first), trainY.head(first), n, kind, scratch.part[0],
                       scratch.grads[0], scratch.layers[0], scratch.derivative[0], parts[0]);
        other.join();
    } else {
        measurePart<S>(net, trainX, trainY, n, kind, scratch.part[0], scratch.grads[0],
                       scratch.layers[0], scratch.derivative[0], parts[0]);
    }

    Snapshot snap;
    snap.step = step;
    snap.diverged = diverged;
    const double lossSum = parts[0].lossSum + (split ? parts[1].lossSum : 0.0);
    snap.loss = lossSum / double(n);
    if (kind == LossKind::BceLogits)
        snap.accuracy = double(parts[0].correct + (split ? parts[1].correct : 0)) / double(n);

    const int hidden = net.hiddenLayers();
    const Activation act = net.activation();
    snap.layers.resize(size_t(hidden));
    for (int l = 0; l < hidden; ++l) {
        const size_t li = size_t(l);
        LayerSums<S> &acc = scratch.layers[0][li];
        const Layer<S> &g0 = scratch.grads[0][li];
        LayerMetrics &m = snap.layers[li];
        m.index = l + 1;
        if (split) {
            mergeSums<S>(acc, double(first), scratch.layers[1][li], double(n - first));
            const Layer<S> &g1 = scratch.grads[1][li];
            m.gradWNorm = (g0.W + g1.W).template cast<double>().norm();
            m.gradBNorm = (g0.b + g1.b).template cast<double>().norm();
        } else {
            m.gradWNorm = g0.W.template cast<double>().norm();
            m.gradBNorm = g0.b.template cast<double>().norm();
        }
        const Eigen::Index units = acc.rowMax.size();
        const double rows = double(units);
        const double samples = double(n);
        // The layer's moments from its units' (every unit saw the same samples): the mean of
        // the means, and the spread within units plus the spread between their means.
        const double mean = acc.mean.sum() / rows;
        const double m2 = acc.m2.sum() + samples * (acc.mean - mean).square().sum();
        m.preactMean = mean;
        m.preactStd = std::sqrt(m2 / (rows * samples));
        m.gradZRms = std::sqrt(acc.gradSq / (rows * samples));
        // Flags, fractions and shares from the same counts, so deadFraction is exactly the
        // mean of units[i].dead.
        m.units.resize(size_t(units));
        Eigen::Index dead = 0, negative = 0;
        for (Eigen::Index u = 0; u < units; ++u) {
            UnitMetrics &unit = m.units[size_t(u)];
            const int alive = acc.aliveCount(u);
            unit.aliveShare = double(alive) / samples;
            unit.dead = alive == 0;
            unit.negative = acc.rowMax(u) <= S(0);
            unit.zMean = acc.mean(u);
            unit.zStd = std::sqrt(acc.m2(u) / samples);
            dead += unit.dead;
            negative += unit.negative;
        }
        m.deadFraction = double(dead) / rows;
        m.negativeFraction = double(negative) / rows;
        const S alpha = net.parameters()[li].alpha;
        m.alpha = usesAlpha(act) ? double(alpha) : kNaN;
    }
    // The output depends on the input only through samples that pass every layer.
    snap.networkDead = !parts[0].reached.any() && !(split && parts[1].reached.any());

    net.forward(testX, scratch.test);
    snap.testLoss = double(meanLoss<S>(kind, scratch.test.output, testY));
    if (kind == LossKind::BceLogits) {
        Eigen::Index correct = 0;
        for (Eigen::Index i = 0; i < testY.size(); ++i)
            correct += (scratch.test.output(i) > S(0)) == (testY(i) > S(0.5));
        snap.testAccuracy = double(correct) / double(testY.size());
    }
    return snap;
}

template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind, Workspace<S> &ws,
                 std::int64_t step, bool diverged)
{
    MeasureScratch<S> scratch;
    std::swap(scratch.part[0], ws);
    Snapshot snap = measure<S>(net, trainX, trainY, testX, testY, kind, scratch, step, diverged, 1);
    std::swap(scratch.part[0], ws);
    return snap;
}

#define RELULAB_INSTANTIATE_MEASURE(S)                                                             \
    template Snapshot measure<S>(const Network<S> &, const Mat<S> &, const Vec<S> &,               \
                                 const Mat<S> &, const Vec<S> &, LossKind, MeasureScratch<S> &,    \
                                 std::int64_t, bool, int);                                         \
    template Snapshot measure<S>(const Network<S> &, const Mat<S> &, const Vec<S> &,               \
                                 const Mat<S> &, const Vec<S> &, LossKind, Workspace<S> &,         \
                                 std::int64_t, bool);
RELULAB_INSTANTIATE_MEASURE(float)
RELULAB_INSTANTIATE_MEASURE(double)

} // namespace relulab
