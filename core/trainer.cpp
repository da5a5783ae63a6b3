// SPDX-License-Identifier: MIT
#include "trainer.h"

#include "float_environment.h"
#include "seed.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace relulab {

namespace {

/// Σ (after − before)² and Σ before², in double. Eight independent sums, one per lane, so
/// the loop vectorises without reordering a single sum (the largest network has 210 M weights).
template <typename S>
std::pair<double, double> squaredChangeAndNorm(const Mat<S> &before, const Mat<S> &after)
{
    constexpr Eigen::Index kLanes = 8;
    const S *b = before.data();
    const S *a = after.data();
    const Eigen::Index n = before.size();
    double change[kLanes] = {}, base[kLanes] = {};
    Eigen::Index i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (Eigen::Index k = 0; k < kLanes; ++k) {
            const double x = b[i + k];
            const double d = double(a[i + k]) - x;
            change[k] += d * d;
            base[k] += x * x;
        }
    for (; i < n; ++i) {
        const double x = b[i];
        const double d = double(a[i]) - x;
        change[0] += d * d;
        base[0] += x * x;
    }
    double c = 0, s = 0;
    for (Eigen::Index k = 0; k < kLanes; ++k) {
        c += change[k];
        s += base[k];
    }
    return {c, s};
}

RoundFn<float> rounderFor(Precision p)
{
    switch (p) {
    case Precision::BFloat16:
        return [](float *data, Eigen::Index n) { roundInPlace(Precision::BFloat16, data, n); };
    case Precision::Float16:
        return [](float *data, Eigen::Index n) { roundInPlace(Precision::Float16, data, n); };
    case Precision::Float32:
    case Precision::Float64:
        break;
    }
    return nullptr;
}

} // namespace

Network<double> buildNetwork(const TrainingConfig &config, int inputDim)
{
    std::mt19937_64 rng(deriveSeed(config.seed, SeedStream::Weights));
    std::vector<Eigen::MatrixXd> weights;
    std::vector<Eigen::VectorXd> biases;
    for (int l = 0; l <= config.depth; ++l) {
        const int fanIn = l == 0 ? inputDim : config.width;
        const int fanOut = l == config.depth ? 1 : config.width;
        Eigen::MatrixXd W(fanOut, fanIn);
        Eigen::VectorXd b(fanOut);
        initializeLayer(config.init, config.activation, config.alpha, config.initScale,
                        config.biasInit, W, b, rng);
        weights.push_back(std::move(W));
        biases.push_back(std::move(b));
    }
    return Network<double>(config.activation, config.alpha, weights, biases);
}

Trainer::Trainer(const TrainingConfig &config)
    : m_config(config), m_batchRng(deriveSeed(config.seed, SeedStream::Batches))
{
    if (const std::string err = validateConfig(config); !err.empty())
        throw std::invalid_argument(err);
    m_dataset = makeDataset(config);
    m_lossKind = m_dataset.classification ? LossKind::BceLogits : LossKind::Mse;
    const Network<double> initial = buildNetwork(config, m_dataset.inputDim());
    m_f.net = initial.cast<float>();
    m_f.trainX = m_dataset.trainX.cast<float>();
    m_f.trainY = m_dataset.trainY.cast<float>();
    m_f.testX = m_dataset.testX.cast<float>();
    m_f.testY = m_dataset.testY.cast<float>();
    m_round = rounderFor(config.precision);
    if (m_round) { // the data and the initial weights are stored in the format too
        for (Mat<float> *m : {&m_f.trainX, &m_f.testX})
            m_round(m->data(), m->size());
        for (Vec<float> *v : {&m_f.trainY, &m_f.testY})
            m_round(v->data(), v->size());
        roundStored();
    }
    if (config.precision == Precision::Float64) {
        m_d.emplace();
        m_d->net = initial;
        m_d->trainX = m_dataset.trainX;
        m_d->trainY = m_dataset.trainY;
        m_d->testX = m_dataset.testX;
        m_d->testY = m_dataset.testY;
        m_d->grads = m_d->net.zeroLike();
    }
    m_order.resize(size_t(m_f.trainX.cols())); // a CSV file decides its own size
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_batchRng);
    m_f.grads = m_f.net.zeroLike();
}

template <typename S> void Trainer::nextBatch(TrainBuffers<S> &b)
{
    const int batch = std::min(m_config.batchSize, int(m_order.size()));
    b.batchX.resize(b.trainX.rows(), batch);
    b.batchY.resize(batch);
    for (int k = 0; k < batch; ++k) {
        if (m_cursor >= m_order.size()) {
            std::shuffle(m_order.begin(), m_order.end(), m_batchRng);
            m_cursor = 0;
        }
        const int i = m_order[m_cursor++];
        b.batchX.col(k) = b.trainX.col(i);
        b.batchY(k) = b.trainY(i);
    }
}

template <typename S> int Trainer::trainSteps(TrainBuffers<S> &b, int steps, RoundFn<float> round)
{
    const bool fullBatch = size_t(m_config.batchSize) >= m_order.size();
    const bool learnAlpha = m_config.activation == Activation::Prelu;
    // Only the float path is ever emulated; a double run gets no rounding.
    RoundFn<S> rounding = nullptr;
    if constexpr (std::is_same_v<S, float>)
        rounding = round;
    int done = 0;
    for (; done < steps && !m_diverged; ++done) {
        if (!fullBatch)
            nextBatch(b);
        const Mat<S> &X = fullBatch ? b.trainX : b.batchX;
        const Vec<S> &y = fullBatch ? b.trainY : b.batchY;
        S loss;
        if (rounding) {
            b.net.forward(X, b.ws, rounding);
            loss = b.net.loss(m_lossKind, y, b.ws);
            rounding(b.ws.dZ.back().data(), b.ws.dZ.back().size());
            b.net.backward(X, b.ws, b.grads, rounding);
        } else {
            loss = b.net.lossAndGradient(m_lossKind, X, y, b.ws, b.grads);
        }
        m_lastBatchLoss = double(loss);
        if (!std::isfinite(loss) || double(loss) > kDivergedLoss || !parametersFinite(b.grads)) {
            m_diverged = true;
            m_stepInputsKept = false; // the gradients are this failed step's now
            break;
        }
        // The update itself can overflow; keep the last finite parameters if it does.
        b.backup = b.net.parameters();
        b.optimizer.apply(m_config.optimizer, S(m_config.learningRate), S(m_config.weightDecay),
                          learnAlpha, b.net.parameters(), b.grads, rounding);
        if (!parametersFinite(b.net.parameters())) {
            b.net.parameters() = b.backup;
            m_backupIsLastStep = false;
            m_diverged = true;
            break;
        }
        m_backupIsLastStep = true;
        m_stepInputsKept = true;
        m_updateRatiosStep = -1; // a new step: read its ratio and stalled share anew
        m_stalledStep = -1;
        ++m_step;
    }
    return done;
}

int Trainer::train(int steps)
{
    FlushDenormals flush;
    if (!m_d)
        return trainSteps(m_f, steps, m_round);
    const int done = trainSteps(*m_d, steps, nullptr);
    // What network() and predict() show: the double weights, rounded once.
    m_f.net.parameters() = castParameters<float>(m_d->net.parameters());
    return done;
}

template <typename S> Snapshot Trainer::measureWith(TrainBuffers<S> &b)
{
    return measure<S>(b.net, b.trainX, b.trainY, b.testX, b.testY, m_lossKind, b.scratch, m_step,
                      m_diverged, m_measureThreads);
}

Snapshot Trainer::snapshot()
{
    FlushDenormals flush;
    Snapshot snap = m_d ? measureWith(*m_d) : measureWith(m_f);
    const std::vector<double> ratios = updateRatios();
    const std::vector<double> stalled = stalledUpdates();
    for (size_t l = 0; l < snap.layers.size() && l < ratios.size(); ++l) {
        snap.layers[l].updateRatio = ratios[l];
        snap.layers[l].stalledUpdates = stalled[l];
    }
    return snap;
}

namespace {

template <typename S>
void readUpdateRatios(const Parameters<S> &before, const Parameters<S> &now,
                      std::vector<double> &out)
{
    for (size_t l = 0; l < out.size(); ++l) {
        const auto [change, base] = squaredChangeAndNorm(before[l].W, now[l].W);
        if (base > 0)
            out[l] = std::sqrt(change / base);
    }
}

template <typename S>
std::vector<double> readStalled(const TrainBuffers<S> &b, const TrainingConfig &c, size_t hidden)
{
    std::vector<double> out(hidden, kNaN);
    const Parameters<S> &now = b.net.parameters();
    for (size_t l = 0; l < hidden; ++l) {
        const Eigen::Index n = now[l].W.size();
        const Eigen::Index stalled =
            b.optimizer.stalledWeights(c.optimizer, S(c.learningRate), S(c.weightDecay), l,
                                       b.grads[l].W, b.backup[l].W, now[l].W);
        if (n > 0)
            out[l] = double(stalled) / double(n);
    }
    return out;
}

} // namespace

std::vector<double> Trainer::updateRatios() const
{
    const size_t hidden = size_t(m_f.net.hiddenLayers());
    const size_t layers = m_f.net.parameters().size();
    const bool kept = m_d ? m_d->backup.size() == layers : m_f.backup.size() == layers;
    if (!m_backupIsLastStep || !kept)
        return std::vector<double>(hidden, kNaN);
    // Read lazily from the copy train() keeps anyway (no cost per step), once per step.
    if (m_updateRatiosStep == m_step && m_updateRatios.size() == hidden)
        return m_updateRatios;
    m_updateRatios.assign(hidden, kNaN);
    if (m_d)
        readUpdateRatios(m_d->backup, m_d->net.parameters(), m_updateRatios);
    else
        readUpdateRatios(m_f.backup, m_f.net.parameters(), m_updateRatios);
    m_updateRatiosStep = m_step;
    return m_updateRatios;
}

std::vector<double> Trainer::stalledUpdates() const
{
    const size_t hidden = size_t(m_f.net.hiddenLayers());
    const size_t layers = m_f.net.parameters().size();
    const bool kept = m_d ? m_d->backup.size() == layers : m_f.backup.size() == layers;
    if (!m_backupIsLastStep || !m_stepInputsKept || !kept)
        return std::vector<double>(hidden, kNaN);
    // Like the update ratio: read lazily, once per step (a large network has millions of weights).
    if (m_stalledStep == m_step && m_stalled.size() == hidden)
        return m_stalled;
    FlushDenormals flush; // the step was computed flushing subnormals; so is its recomputation
    m_stalled = m_d ? readStalled(*m_d, m_config, hidden) : readStalled(m_f, m_config, hidden);
    m_stalledStep = m_step;
    return m_stalled;
}

Parameters<double> Trainer::gradient()
{
    FlushDenormals flush;
    Parameters<double> out;
    if (m_d) {
        Workspace<double> ws;
        m_d->net.lossAndGradient(m_lossKind, m_d->trainX, m_d->trainY, ws, out);
        return out;
    }
    Workspace<float> ws;
    Parameters<float> grads;
    // (not m_f.ws and m_f.grads: the last step's gradients stay for stalledUpdates())
    if (m_round) {
        m_f.net.forward(m_f.trainX, ws, m_round);
        m_f.net.loss(m_lossKind, m_f.trainY, ws);
        m_round(ws.dZ.back().data(), ws.dZ.back().size());
        m_f.net.backward(m_f.trainX, ws, grads, m_round);
    } else {
        m_f.net.lossAndGradient(m_lossKind, m_f.trainX, m_f.trainY, ws, grads);
    }
    return castParameters<double>(grads);
}

void Trainer::roundStored()
{
    roundInFormat(m_f.net.parameters());
}

void Trainer::roundInFormat(Parameters<float> &params) const
{
    if (!m_round)
        return;
    for (Layer<float> &p : params) {
        m_round(p.W.data(), p.W.size());
        m_round(p.b.data(), p.b.size());
        m_round(&p.alpha, 1);
    }
}

void Trainer::copyFloatToDouble()
{
    if (m_d)
        m_d->net = m_f.net.cast<double>();
}

Eigen::RowVectorXf Trainer::predict(const Eigen::MatrixXf &X) const
{
    FlushDenormals flush;
    return m_f.net.predict(X);
}

bool Trainer::applyLive(const TrainingConfig &config)
{
    if (needsRebuild(m_config, config) || !validateConfig(config).empty())
        return false;
    bool reset = config.optimizer != m_config.optimizer;
    if (config.alpha != m_config.alpha) {
        m_f.net.setAlpha(float(config.alpha));
        roundStored();
        if (m_d)
            m_d->net.setAlpha(config.alpha);
        // PReLU's slopes restart from the new value, so their moments must restart too.
        reset = reset || config.activation == Activation::Prelu;
    }
    if (reset) {
        m_f.optimizer.reset();
        if (m_d)
            m_d->optimizer.reset();
    }
    // Nothing here changes the weights (a slope is not a weight), so the last step's update
    // ratio still stands; anything that did would have to clear m_backupIsLastStep. Which of
    // its steps were non-zero can only be recomputed with its moments and settings.
    if (reset || config.learningRate != m_config.learningRate ||
        config.weightDecay != m_config.weightDecay)
        m_stepInputsKept = false;
    m_config = config;
    return true;
}

} // namespace relulab
