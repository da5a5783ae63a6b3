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
            m_diverged = true;
            break;
        }
        ++m_step;
    }
    return done;
}

Snapshot Trainer::snapshot()
{
    FlushDenormals flush;
    MeasureScratch<float> &scratch = m_measureScratch;
    return measure<float>(m_net, m_trainX, m_trainY, m_testX, m_testY, m_lossKind, scratch, m_step,
                          m_diverged, m_measureThreads);
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
    m_optimizer.restore(s.firstMoments, s.secondMoments, s.optimizerSteps);
    m_order = s.order;
    m_cursor = size_t(s.cursor);
    m_batchRng = rng;
    return true;
}

} // namespace relulab
