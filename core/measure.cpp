// SPDX-License-Identifier: MIT
#include "measure.h"

#include "float_environment.h"

#include <cmath>
#include <limits>
#include <thread>

namespace relulab {

namespace {

using BoolColumn = Eigen::Array<bool, Eigen::Dynamic, 1>;
using BoolRow = Eigen::Array<bool, 1, Eigen::Dynamic>;

/// Sums over one part of the training set for one hidden layer; parts merge exactly.
template <typename S> struct LayerAccumulator
{
    Vec<S> rowMax;        ///< per unit, largest z seen
    BoolColumn unitAlive; ///< per unit, φ'(z) != 0 for some sample
    // Mean and sum of squared deviations of z (Chan et al.'s pairwise form): E[z²] − E[z]²
    // cancels catastrophically for a collapsed layer, whose spread must read exactly 0.
    double count = 0, mean = 0, m2 = 0;
    double gradSq = 0;

    void addMoments(double n, double otherMean, double otherM2)
    {
        const double total = count + n;
        const double delta = otherMean - mean;
        mean += delta * n / total;
        m2 += otherM2 + delta * delta * count * n / total;
        count = total;
    }

    void merge(const LayerAccumulator &o)
    {
        rowMax = rowMax.cwiseMax(o.rowMax);
        unitAlive = unitAlive || o.unitAlive;
        addMoments(o.count, o.mean, o.m2);
        gradSq += o.gradSq;
    }
};

template <typename S> struct PartResult
{
    double lossSum = 0;
    Eigen::Index correct = 0;
    std::vector<LayerAccumulator<S>> layers;
    BoolRow reached; ///< per sample: every layer passes gradient for it
};

bool zeroSlopeRectifier(Activation act, double alpha)
{
    return act == Activation::Relu ||
           ((act == Activation::LeakyRelu || act == Activation::Prelu) && alpha == 0);
}

/// One pass over a layer's z and dL/dz (hot: the GUI measures every layer up to 60 times a
/// second). φ'(z) = 0 exactly when z <= 0 for zero-slope rectifiers, nowhere for leaky ones with a
/// nonzero slope; other activations need their derivative evaluated.
template <typename S>
void accumulateLayer(Activation act, S alpha, const Mat<S> &Z, const Mat<S> &dZ,
                     LayerAccumulator<S> &acc, BoolRow &reached)
{
    const Eigen::Index rows = Z.rows();
    const bool rectifier = zeroSlopeRectifier(act, double(alpha));
    const bool neverZero = !rectifier && (act == Activation::LeakyRelu ||
                                          act == Activation::Prelu || act == Activation::Linear);
    acc.rowMax = Vec<S>::Constant(rows, -std::numeric_limits<S>::infinity());
    acc.unitAlive = BoolColumn::Constant(rows, neverZero);
    Vec<S> d(rows);
    for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const auto z = Z.col(j);
        acc.rowMax = acc.rowMax.cwiseMax(z);
        const S colMean = z.mean();
        acc.addMoments(double(rows), double(colMean), double((z.array() - colMean).square().sum()));
        // Square in double: float squares of gradients below ~1e-19 underflow to 0, and the
        // gradient plot must show them down to float's real limits.
        acc.gradSq += dZ.col(j).template cast<double>().squaredNorm();
        bool alive = true;
        if (rectifier) {
            alive = z.maxCoeff() > S(0);
        } else if (!neverZero) {
            derivativeArray<S>(act, alpha, z.data(), d.data(), long(rows));
            const auto nonzero = d.array() != S(0);
            alive = nonzero.any();
            acc.unitAlive = acc.unitAlive || nonzero;
        }
        reached(j) = reached(j) && alive;
    }
    if (rectifier)
        acc.unitAlive = acc.rowMax.array() > S(0);
}

template <typename S>
void measurePart(const Network<S> &net, const Eigen::Ref<const Mat<S>> &X,
                 const Eigen::Ref<const Vec<S>> &y, Eigen::Index total, LossKind kind,
                 Workspace<S> &ws, Parameters<S> &grads, PartResult<S> &out)
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
    out.layers.resize(size_t(hidden));
    out.reached = BoolRow::Constant(n, true);
    for (int l = 0; l < hidden; ++l)
        accumulateLayer<S>(net.activation(), net.parameters()[size_t(l)].alpha, ws.Z[size_t(l)],
                           ws.dZ[size_t(l)], out.layers[size_t(l)], out.reached);
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
                           scratch.part[1], scratch.grads[1], parts[1]);
        });
        measurePart<S>(net, trainX.leftCols(first), trainY.head(first), n, kind, scratch.part[0],
                       scratch.grads[0], parts[0]);
        other.join();
    } else {
        measurePart<S>(net, trainX, trainY, n, kind, scratch.part[0], scratch.grads[0], parts[0]);
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
        LayerAccumulator<S> &acc = parts[0].layers[li];
        const Layer<S> &g0 = scratch.grads[0][li];
        LayerMetrics &m = snap.layers[li];
        m.index = l + 1;
        if (split) {
            acc.merge(parts[1].layers[li]);
            const Layer<S> &g1 = scratch.grads[1][li];
            m.gradWNorm = (g0.W + g1.W).template cast<double>().norm();
            m.gradBNorm = (g0.b + g1.b).template cast<double>().norm();
        } else {
            m.gradWNorm = g0.W.template cast<double>().norm();
            m.gradBNorm = g0.b.template cast<double>().norm();
        }
        const double rows = double(acc.rowMax.size());
        const double count = rows * double(n);
        const double mean = acc.mean;
        m.preactMean = mean;
        m.preactStd = std::sqrt(acc.m2 / acc.count);
        m.gradZRms = std::sqrt(acc.gradSq / count);
        m.negativeFraction = double((acc.rowMax.array() <= S(0)).count()) / rows;
        m.deadFraction = double((!acc.unitAlive).count()) / rows;
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
