// SPDX-License-Identifier: MIT
#include "trainer.h"

#include "float_environment.h"
#include "seed.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
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

template <typename S> double accuracyOf(const RowVec<S> &s, const Vec<S> &y)
{
    Eigen::Index correct = 0;
    for (Eigen::Index i = 0; i < s.size(); ++i)
        correct += (s(i) > S(0)) == (y(i) > S(0.5));
    return double(correct) / double(s.size());
}

/// The per-layer statistics of z and φ', in one pass over the layer (it is hot: the GUI takes
/// up to 60 snapshots a second of every layer on the whole training set).
template <typename S>
void layerStatistics(Activation act, S alpha, const Mat<S> &Z, const Mat<S> &dZ, LayerMetrics &m,
                     Eigen::Array<bool, 1, Eigen::Dynamic> &sampleReached)
{
    const Eigen::Index rows = Z.rows(), cols = Z.cols();
    // φ'(z) = 0 exactly when z <= 0 for ReLU-like units with zero slope; 0 nowhere for leaky
    // ones with a nonzero slope; other activations need their derivative evaluated.
    const bool rectifier =
        act == Activation::Relu ||
        ((act == Activation::LeakyRelu || act == Activation::Prelu) && alpha == S(0));
    const bool slope = (act == Activation::LeakyRelu || act == Activation::Prelu) && !rectifier;
    Vec<S> rowMax = Vec<S>::Constant(rows, -std::numeric_limits<S>::infinity());
    Eigen::Array<bool, Eigen::Dynamic, 1> unitAlive =
        Eigen::Array<bool, Eigen::Dynamic, 1>::Constant(rows, slope || act == Activation::Linear);
    Vec<S> d(rows);
    double sum = 0, sumSq = 0, gradSq = 0;
    for (Eigen::Index j = 0; j < cols; ++j) {
        const auto z = Z.col(j);
        rowMax = rowMax.cwiseMax(z);
        sum += double(z.sum());
        sumSq += double(z.squaredNorm());
        gradSq += double(dZ.col(j).squaredNorm());
        bool alive = true;
        if (rectifier) {
            alive = z.maxCoeff() > S(0);
        } else if (!slope && act != Activation::Linear) {
            derivativeArray<S>(act, alpha, z.data(), d.data(), long(rows));
            const auto nonzero = d.array() != S(0);
            alive = nonzero.any();
            unitAlive = unitAlive || nonzero;
        }
        sampleReached(j) = sampleReached(j) && alive;
    }
    if (rectifier)
        unitAlive = rowMax.array() > S(0);
    const double count = double(Z.size());
    const double mean = sum / count;
    m.preactMean = mean;
    m.preactStd = std::sqrt(std::max(0.0, sumSq / count - mean * mean));
    m.gradZRms = std::sqrt(gradSq / count);
    m.negativeFraction = double((rowMax.array() <= S(0)).count()) / double(rows);
    m.deadFraction = double((!unitAlive).count()) / double(rows);
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

template <typename S>
Snapshot measure(const Network<S> &net, const Mat<S> &trainX, const Vec<S> &trainY,
                 const Mat<S> &testX, const Vec<S> &testY, LossKind kind, Workspace<S> &ws,
                 std::int64_t step, bool diverged, Workspace<S> *testWs)
{
    Snapshot snap;
    snap.step = step;
    snap.diverged = diverged;
    Parameters<S> grads;
    snap.loss = double(net.lossAndGradient(kind, trainX, trainY, ws, grads));
    if (kind == LossKind::BceLogits)
        snap.accuracy = accuracyOf<S>(ws.output, trainY);

    const int hidden = net.hiddenLayers();
    const Activation act = net.activation();
    // A sample "reaches" the output only if every layer has some unit passing gradient.
    Eigen::Array<bool, 1, Eigen::Dynamic> sampleReached =
        Eigen::Array<bool, 1, Eigen::Dynamic>::Constant(trainX.cols(), true);
    snap.layers.resize(size_t(hidden));
    for (int l = 0; l < hidden; ++l) {
        const S alpha = net.parameters()[size_t(l)].alpha;
        LayerMetrics &m = snap.layers[size_t(l)];
        m.index = l + 1;
        m.gradWNorm = double(grads[size_t(l)].W.norm());
        m.gradBNorm = double(grads[size_t(l)].b.norm());
        layerStatistics<S>(act, alpha, ws.Z[size_t(l)], ws.dZ[size_t(l)], m, sampleReached);
        m.alpha = usesAlpha(act) ? double(alpha) : kNaN;
    }
    snap.networkDead = !sampleReached.any();

    Workspace<S> &tws = testWs ? *testWs : ws;
    net.forward(testX, tws);
    snap.testLoss = double(meanLoss<S>(kind, tws.output, testY));
    if (kind == LossKind::BceLogits)
        snap.testAccuracy = accuracyOf<S>(tws.output, testY);
    return snap;
}

template Snapshot measure<float>(const Network<float> &, const Mat<float> &, const Vec<float> &,
                                 const Mat<float> &, const Vec<float> &, LossKind,
                                 Workspace<float> &, std::int64_t, bool, Workspace<float> *);
template Snapshot measure<double>(const Network<double> &, const Mat<double> &, const Vec<double> &,
                                  const Mat<double> &, const Vec<double> &, LossKind,
                                  Workspace<double> &, std::int64_t, bool, Workspace<double> *);

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
    m_order.resize(size_t(config.samples));
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_batchRng);
    m_grads = m_net.zeroLike();
}

void Trainer::nextBatch()
{
    const int batch = std::min(m_config.batchSize, m_config.samples);
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
    const bool fullBatch = m_config.batchSize >= m_config.samples;
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
    return measure<float>(m_net, m_trainX, m_trainY, m_testX, m_testY, m_lossKind, m_measureWs,
                          m_step, m_diverged, &m_testWs);
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
