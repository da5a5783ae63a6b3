// SPDX-License-Identifier: MIT
#include "trainer.h"

#include "float_environment.h"
#include "seed.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace relulab {

namespace {

template <typename S> bool allFinite(const Parameters<S> &params)
{
    for (const Layer<S> &p : params) {
        if (!p.W.allFinite() || !p.b.allFinite() || !std::isfinite(p.alpha))
            return false;
    }
    return true;
}

/// Σ (after − before)² and Σ before², in double. Eight independent sums, one per lane, so
/// the loop vectorises without reordering a single sum (the largest network has 210 M weights).
std::pair<double, double> squaredChangeAndNorm(const Mat<float> &before, const Mat<float> &after)
{
    constexpr Eigen::Index kLanes = 8;
    const float *b = before.data();
    const float *a = after.data();
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
    m_net = buildNetwork(config, m_dataset.inputDim()).cast<float>();
    m_trainX = m_dataset.trainX.cast<float>();
    m_trainY = m_dataset.trainY.cast<float>();
    m_testX = m_dataset.testX.cast<float>();
    m_testY = m_dataset.testY.cast<float>();
    m_order.resize(size_t(m_trainX.cols())); // a CSV file decides its own size
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_batchRng);
    m_grads = m_net.zeroLike();
}

void Trainer::nextBatch()
{
    const int batch = std::min(m_config.batchSize, int(m_order.size()));
    m_batchX.resize(m_trainX.rows(), batch);
    m_batchY.resize(batch);
    for (int k = 0; k < batch; ++k) {
        if (m_cursor >= m_order.size()) {
            std::shuffle(m_order.begin(), m_order.end(), m_batchRng);
            m_cursor = 0;
        }
        const int i = m_order[m_cursor++];
        m_batchX.col(k) = m_trainX.col(i);
        m_batchY(k) = m_trainY(i);
    }
}

int Trainer::train(int steps)
{
    FlushDenormals flush;
    const bool fullBatch = size_t(m_config.batchSize) >= m_order.size();
    const bool learnAlpha = m_config.activation == Activation::Prelu;
    int done = 0;
    for (; done < steps && !m_diverged; ++done) {
        if (!fullBatch)
            nextBatch();
        const Mat<float> &X = fullBatch ? m_trainX : m_batchX;
        const Vec<float> &y = fullBatch ? m_trainY : m_batchY;
        const float loss = m_net.lossAndGradient(m_lossKind, X, y, m_ws, m_grads);
        m_lastBatchLoss = double(loss);
        if (!std::isfinite(loss) || double(loss) > kDivergedLoss || !allFinite(m_grads)) {
            m_diverged = true;
            break;
        }
        // The update itself can overflow; keep the last finite parameters if it does.
        m_backup = m_net.parameters();
        m_optimizer.apply(m_config.optimizer, float(m_config.learningRate),
                          float(m_config.weightDecay), learnAlpha, m_net.parameters(), m_grads);
        if (!allFinite(m_net.parameters())) {
            m_net.parameters() = m_backup;
            m_backupIsLastStep = false;
            m_diverged = true;
            break;
        }
        m_backupIsLastStep = true;
        m_updateRatiosStep = -1; // a new step: read its ratio anew
        ++m_step;
    }
    return done;
}

Snapshot Trainer::snapshot()
{
    FlushDenormals flush;
    MeasureScratch<float> &scratch = m_measureScratch;
    Snapshot snap = measure<float>(m_net, m_trainX, m_trainY, m_testX, m_testY, m_lossKind, scratch,
                                   m_step, m_diverged, m_measureThreads);
    const std::vector<double> ratios = updateRatios();
    for (size_t l = 0; l < snap.layers.size() && l < ratios.size(); ++l)
        snap.layers[l].updateRatio = ratios[l];
    return snap;
}

std::vector<double> Trainer::updateRatios() const
{
    const Parameters<float> &now = m_net.parameters();
    const size_t hidden = size_t(m_net.hiddenLayers());
    if (!m_backupIsLastStep || m_backup.size() != now.size())
        return std::vector<double>(hidden, kNaN);
    // Read lazily from the copy train() keeps anyway (no cost per step), once per step.
    if (m_updateRatiosStep == m_step && m_updateRatios.size() == hidden)
        return m_updateRatios;
    m_updateRatios.assign(hidden, kNaN);
    for (size_t l = 0; l < hidden; ++l) {
        const auto [change, base] = squaredChangeAndNorm(m_backup[l].W, now[l].W);
        if (base > 0)
            m_updateRatios[l] = std::sqrt(change / base);
    }
    m_updateRatiosStep = m_step;
    return m_updateRatios;
}

bool Trainer::setUnit(int layer, int unit, double bias, const Eigen::VectorXd &weights)
{
    if (layer < 0 || layer >= m_net.hiddenLayers())
        return false;
    Layer<float> &p = m_net.parameters()[size_t(layer)];
    if (unit < 0 || unit >= p.W.rows() || weights.size() != p.W.cols())
        return false;
    const float b = float(bias);
    const Eigen::RowVectorXf w = weights.cast<float>().transpose();
    // Checked in float too: a finite double beyond float's range would become infinite.
    if (!std::isfinite(bias) || !weights.allFinite() || !std::isfinite(b) || !w.allFinite())
        return false;
    p.W.row(unit) = w;
    p.b(unit) = b;
    m_backupIsLastStep = false;
    return true;
}

Eigen::RowVectorXd Trainer::incomingDrive(int layer, int unit)
{
    if (layer < 0 || layer >= m_net.hiddenLayers() || unit < 0 ||
        unit >= m_net.parameters()[size_t(layer)].W.rows())
        return {};
    FlushDenormals flush;
    // The layer's inputs for every training input, as the float network computes them.
    Mat<float> below;
    for (int l = 0; l < layer; ++l) {
        const Layer<float> &p = m_net.parameters()[size_t(l)];
        Mat<float> z = l == 0 ? Mat<float>(p.W * m_trainX) : Mat<float>(p.W * below);
        z.colwise() += p.b;
        activateArray<float>(m_net.activation(), p.alpha, z.data(), z.data(), long(z.size()));
        below = std::move(z);
    }
    const Mat<float> &inputs = layer == 0 ? m_trainX : below;
    return m_net.parameters()[size_t(layer)].W.row(unit).cast<double>() * inputs.cast<double>();
}

double Trainer::killBias(int layer, int unit)
{
    if (layer < 0 || layer >= m_net.hiddenLayers() || unit < 0 ||
        unit >= m_net.parameters()[size_t(layer)].W.rows())
        return kNaN;
    const Eigen::RowVectorXd wa = incomingDrive(layer, unit);
    if (wa.size() == 0)
        return -1.0;
    const double m = wa.maxCoeff();
    return -m - std::max(1.0, std::abs(m));
}

double Trainer::reviveBias(int layer, int unit)
{
    if (layer < 0 || layer >= m_net.hiddenLayers() || unit < 0 ||
        unit >= m_net.parameters()[size_t(layer)].W.rows())
        return kNaN;
    Eigen::RowVectorXd wa = incomingDrive(layer, unit);
    if (wa.size() == 0)
        return 1.0;
    const double lo = wa.minCoeff(), hi = wa.maxCoeff();
    if (lo == hi)
        return 1.0 - hi; // nothing tells the inputs apart: on for all of them
    // z = w·a + b > 0 exactly for the inputs above the median, about half of them.
    std::vector<double> sorted(wa.data(), wa.data() + wa.size());
    const auto middle = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    // Most inputs at the top value (a layer below mostly at 0): split the range instead.
    return *middle < hi ? -*middle : -(lo + hi) / 2;
}

Eigen::RowVectorXf Trainer::predict(const Eigen::MatrixXf &X) const
{
    FlushDenormals flush;
    return m_net.predict(X);
}

bool Trainer::applyLive(const TrainingConfig &config)
{
    if (needsRebuild(m_config, config) || !validateConfig(config).empty())
        return false;
    if (config.alpha != m_config.alpha) {
        m_net.setAlpha(float(config.alpha));
        // PReLU's slopes restart from the new value, so their moments must restart too.
        if (config.activation == Activation::Prelu)
            m_optimizer.reset();
    }
    if (config.optimizer != m_config.optimizer)
        m_optimizer.reset();
    // Nothing here changes the weights (a slope is not a weight), so the last step's update
    // ratio still stands; anything that did would have to clear m_backupIsLastStep.
    m_config = config;
    return true;
}

bool Trainer::setParameters(const Parameters<float> &params)
{
    const Parameters<float> &mine = m_net.parameters();
    if (params.size() != mine.size())
        return false;
    for (size_t l = 0; l < params.size(); ++l) {
        if (params[l].W.rows() != mine[l].W.rows() || params[l].W.cols() != mine[l].W.cols() ||
            params[l].b.size() != mine[l].b.size())
            return false;
    }
    if (!allFinite(params))
        return false;
    m_net.parameters() = params;
    m_optimizer.reset();
    m_backupIsLastStep = false;
    return true;
}

} // namespace relulab

namespace relulab {

namespace {

bool sameShapes(const Parameters<float> &a, const Parameters<float> &b, bool allowEmpty)
{
    if (allowEmpty && a.empty())
        return true;
    if (a.size() != b.size())
        return false;
    for (size_t l = 0; l < a.size(); ++l) {
        if (a[l].W.rows() != b[l].W.rows() || a[l].W.cols() != b[l].W.cols() ||
            a[l].b.size() != b[l].b.size())
            return false;
    }
    return true;
}

} // namespace

bool Trainer::copyWeightsFrom(const Trainer &other)
{
    if (!sameShapes(other.m_net.parameters(), m_net.parameters(), false))
        return false;
    Parameters<float> &mine = m_net.parameters();
    for (size_t l = 0; l < mine.size(); ++l) {
        mine[l].W = other.m_net.parameters()[l].W;
        mine[l].b = other.m_net.parameters()[l].b;
    }
    m_optimizer.reset();
    m_backupIsLastStep = false;
    return true;
}

TrainerState Trainer::state() const
{
    TrainerState s;
    s.step = m_step;
    s.diverged = m_diverged;
    s.params = m_net.parameters();
    s.firstMoments = m_optimizer.firstMoments();
    s.secondMoments = m_optimizer.secondMoments();
    s.optimizerSteps = m_optimizer.steps();
    s.order = m_order;
    s.cursor = m_cursor;
    std::ostringstream rng;
    rng << m_batchRng;
    s.rngState = rng.str();
    return s;
}

bool Trainer::restoreState(const TrainerState &s)
{
    const Parameters<float> &mine = m_net.parameters();
    if (s.step < 0 || s.optimizerSteps < 0 || !sameShapes(s.params, mine, false) ||
        !sameShapes(s.firstMoments, mine, true) || !sameShapes(s.secondMoments, mine, true) ||
        !allFinite(s.params) || !allFinite(s.firstMoments) || !allFinite(s.secondMoments))
        return false;
    if (s.order.size() != m_order.size() || s.cursor > s.order.size())
        return false;
    // The order must be a permutation of the samples, or batches would index out of range.
    std::vector<bool> seen(m_order.size(), false);
    for (int i : s.order) {
        if (i < 0 || size_t(i) >= seen.size() || seen[size_t(i)])
            return false;
        seen[size_t(i)] = true;
    }
    std::mt19937_64 rng;
    std::istringstream in(s.rngState);
    in >> rng;
    if (!in)
        return false;

    m_step = s.step;
    m_diverged = s.diverged;
    m_net.parameters() = s.params;
    m_backupIsLastStep = false;
    m_optimizer.restore(s.firstMoments, s.secondMoments, s.optimizerSteps);
    m_order = s.order;
    m_cursor = size_t(s.cursor);
    m_batchRng = rng;
    return true;
}

} // namespace relulab
