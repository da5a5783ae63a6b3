// SPDX-License-Identifier: MIT
// What changes a Trainer from outside its training steps: hand edits of units, new parameters
// and saved state. Each keeps the stored values in the run's precision.
#include "float_environment.h"
#include "trainer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace relulab {

bool Trainer::setUnit(int layer, int unit, double bias, const Eigen::VectorXd &weights)
{
    if (layer < 0 || layer >= m_f.net.hiddenLayers())
        return false;
    Layer<float> &p = m_f.net.parameters()[size_t(layer)];
    if (unit < 0 || unit >= p.W.rows() || weights.size() != p.W.cols())
        return false;
    const float b = float(bias);
    const Eigen::RowVectorXf w = weights.cast<float>().transpose();
    // Checked in float too: a finite double beyond float's range would become infinite.
    if (!std::isfinite(bias) || !weights.allFinite() || !std::isfinite(b) || !w.allFinite())
        return false;
    p.W.row(unit) = w;
    p.b(unit) = b;
    if (m_round) {
        for (Eigen::Index k = 0; k < p.W.cols(); ++k)
            m_round(&p.W(unit, k), 1); // a row is strided
        m_round(&p.b(unit), 1);
    }
    if (m_d) { // the double network gets the values as given
        Layer<double> &q = m_d->net.parameters()[size_t(layer)];
        q.W.row(unit) = weights.transpose();
        q.b(unit) = bias;
    }
    m_backupIsLastStep = false;
    return true;
}

Eigen::RowVectorXd Trainer::incomingDrive(int layer, int unit)
{
    if (layer < 0 || layer >= m_f.net.hiddenLayers() || unit < 0 ||
        unit >= m_f.net.parameters()[size_t(layer)].W.rows())
        return {};
    FlushDenormals flush;
    // The layer's inputs for every training input, as the float network computes them.
    Mat<float> below;
    for (int l = 0; l < layer; ++l) {
        const Layer<float> &p = m_f.net.parameters()[size_t(l)];
        Mat<float> z = l == 0 ? Mat<float>(p.W * m_f.trainX) : Mat<float>(p.W * below);
        z.colwise() += p.b;
        activateArray<float>(m_f.net.activation(), p.alpha, z.data(), z.data(), long(z.size()));
        below = std::move(z);
    }
    const Mat<float> &inputs = layer == 0 ? m_f.trainX : below;
    return m_f.net.parameters()[size_t(layer)].W.row(unit).cast<double>() * inputs.cast<double>();
}

double Trainer::killBias(int layer, int unit)
{
    if (layer < 0 || layer >= m_f.net.hiddenLayers() || unit < 0 ||
        unit >= m_f.net.parameters()[size_t(layer)].W.rows())
        return kNaN;
    const Eigen::RowVectorXd wa = incomingDrive(layer, unit);
    if (wa.size() == 0)
        return -1.0;
    const double m = wa.maxCoeff();
    return -m - std::max(1.0, std::abs(m));
}

double Trainer::reviveBias(int layer, int unit)
{
    if (layer < 0 || layer >= m_f.net.hiddenLayers() || unit < 0 ||
        unit >= m_f.net.parameters()[size_t(layer)].W.rows())
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

bool Trainer::setParameters(const Parameters<float> &params)
{
    const Parameters<float> &mine = m_f.net.parameters();
    if (params.size() != mine.size())
        return false;
    for (size_t l = 0; l < params.size(); ++l) {
        if (params[l].W.rows() != mine[l].W.rows() || params[l].W.cols() != mine[l].W.cols() ||
            params[l].b.size() != mine[l].b.size())
            return false;
    }
    if (!parametersFinite(params))
        return false;
    m_f.net.parameters() = params;
    roundStored();
    copyFloatToDouble();
    m_f.optimizer.reset();
    if (m_d)
        m_d->optimizer.reset();
    m_backupIsLastStep = false;
    return true;
}

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
    if (!sameShapes(other.m_f.net.parameters(), m_f.net.parameters(), false))
        return false;
    Parameters<float> &mine = m_f.net.parameters();
    for (size_t l = 0; l < mine.size(); ++l) {
        mine[l].W = other.m_f.net.parameters()[l].W;
        mine[l].b = other.m_f.net.parameters()[l].b;
    }
    roundStored();
    if (m_d) {
        // Both in double: the exact weights; else the other run's stored values.
        Parameters<double> &exact = m_d->net.parameters();
        for (size_t l = 0; l < exact.size(); ++l) {
            exact[l].W = other.m_d ? other.m_d->net.parameters()[l].W : mine[l].W.cast<double>();
            exact[l].b = other.m_d ? other.m_d->net.parameters()[l].b : mine[l].b.cast<double>();
        }
        m_d->optimizer.reset();
    }
    m_f.optimizer.reset();
    m_backupIsLastStep = false;
    return true;
}

TrainerState Trainer::state() const
{
    TrainerState s;
    s.step = m_step;
    s.diverged = m_diverged;
    s.params = m_f.net.parameters();
    s.firstMoments = m_f.optimizer.firstMoments();
    s.secondMoments = m_f.optimizer.secondMoments();
    s.optimizerSteps = m_f.optimizer.steps();
    if (m_d) {
        s.firstMoments = castParameters<float>(m_d->optimizer.firstMoments());
        s.secondMoments = castParameters<float>(m_d->optimizer.secondMoments());
        s.optimizerSteps = m_d->optimizer.steps();
    }
    s.order = m_order;
    s.cursor = m_cursor;
    std::ostringstream rng;
    rng << m_batchRng;
    s.rngState = rng.str();
    return s;
}

bool Trainer::restoreState(const TrainerState &s)
{
    const Parameters<float> &mine = m_f.net.parameters();
    if (s.step < 0 || s.optimizerSteps < 0 || !sameShapes(s.params, mine, false) ||
        !sameShapes(s.firstMoments, mine, true) || !sameShapes(s.secondMoments, mine, true) ||
        !parametersFinite(s.params) || !parametersFinite(s.firstMoments) ||
        !parametersFinite(s.secondMoments))
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
    m_f.net.parameters() = s.params;
    roundStored(); // a state saved in another precision is stored in this one
    m_backupIsLastStep = false;
    m_f.optimizer.restore(s.firstMoments, s.secondMoments, s.optimizerSteps);
    if (m_round) {
        Parameters<float> first = s.firstMoments, second = s.secondMoments;
        roundInFormat(first);
        roundInFormat(second);
        m_f.optimizer.restore(std::move(first), std::move(second), s.optimizerSteps);
    }
    if (m_d) {
        copyFloatToDouble();
        m_d->optimizer.restore(castParameters<double>(s.firstMoments),
                               castParameters<double>(s.secondMoments), s.optimizerSteps);
        m_f.optimizer.reset();
    }
    m_order = s.order;
    m_cursor = size_t(s.cursor);
    m_batchRng = rng;
    return true;
}

} // namespace relulab
