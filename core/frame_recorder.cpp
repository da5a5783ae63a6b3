// SPDX-License-Identifier: MIT
#include "frame_recorder.h"

#include "float_environment.h"
#include "trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace relulab {

namespace {

/// Multiply-adds of one forward pass per sample.
double forwardCost(const Network<float> &net)
{
    double cost = 0;
    for (const Layer<float> &layer : net.parameters())
        cost += double(layer.W.rows()) * double(layer.W.cols());
    return std::max(1.0, cost);
}

/// Extent of one input coordinate over the training and test data, with a margin.
std::pair<double, double> extent(const Dataset &data, int row)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Eigen::MatrixXd *X : {&data.trainX, &data.testX})
        for (Eigen::Index i = 0; i < X->cols(); ++i) {
            const double v = (*X)(row, i);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    if (!(lo <= hi))
        return {-1.5, 1.5};
    const double margin = std::max(0.12 * (hi - lo), 0.1);
    return {lo - margin, hi + margin};
}

/// A copy of `s` without its units (which it moves out and back rather than copy).
Snapshot withoutUnits(Snapshot &s)
{
    std::vector<std::vector<UnitMetrics>> units(s.layers.size());
    for (size_t l = 0; l < s.layers.size(); ++l)
        units[l].swap(s.layers[l].units);
    Snapshot copy = s;
    for (size_t l = 0; l < s.layers.size(); ++l)
        units[l].swap(s.layers[l].units);
    return copy;
}

} // namespace

FrameRecorder::FrameRecorder(int maxHistory, int recentCount, int outputResolution)
    : m_maxHistory(std::max(4, maxHistory)), m_recentCount(std::max(0, recentCount)),
      m_outputResolution(std::max(2, outputResolution))
{}

void FrameRecorder::reset()
{
    m_started = false;
    m_dataset.reset();
    m_grid = Grid();
    m_history.clear();
    m_recent.clear();
    m_last.reset();
    m_divergedAtStep = -1;
    m_diedAtStep = -1;
    m_layerDiedAtStep.clear();
    m_trainX.resize(0, 0);
    m_output.reset();
    m_timeline.reset(0, 0);
    m_unitDiedAt.clear();
    m_pictureGrid = UnitPictures();
    m_pictureInputs.resize(0, 0);
    // Scratch sized for the last network: a smaller one must not keep a larger one's memory.
    m_pictureWs = Workspace<float>();
    m_outputBuffers = PredictBuffers<float>();
}

void FrameRecorder::startRun(const Trainer &trainer)
{
    reset();
    m_started = true;
    m_config = trainer.config();
    // Copied once per run; every frame of the run shares it.
    m_dataset = std::make_shared<const Dataset>(trainer.dataset());
    buildGrid(trainer);
}

void FrameRecorder::buildGrid(const Trainer &trainer)
{
    const Dataset &data = *m_dataset;
    const double perSample = forwardCost(trainer.network());
    const double affordable = kOutputBudget / perSample;
    Grid g;
    if (data.inputDim() == 2) {
        const int wanted = m_outputResolution;
        const int fit = int(std::sqrt(affordable));
        g.resolution = std::clamp(fit, std::min(kMinOutputResolution, wanted), wanted);
        const auto [xLo, xHi] = extent(data, 0);
        const auto [yLo, yHi] = extent(data, 1);
        g.x0 = xLo;
        g.y0 = yLo;
        g.dx = (xHi - xLo) / (g.resolution - 1);
        g.dy = (yHi - yLo) / (g.resolution - 1);
        g.inputs.resize(2, Eigen::Index(g.resolution) * g.resolution);
        for (int iy = 0; iy < g.resolution; ++iy)
            for (int ix = 0; ix < g.resolution; ++ix) {
                const Eigen::Index k = Eigen::Index(iy) * g.resolution + ix;
                g.inputs(0, k) = float(g.x0 + ix * g.dx);
                g.inputs(1, k) = float(g.y0 + iy * g.dy);
            }
    } else {
        // A curve needs no second dimension: twice the points make ReLU's kinks sharp.
        const int wanted = 2 * m_outputResolution;
        g.resolution = std::clamp(int(affordable), std::min(kMinOutputResolution, wanted), wanted);
        const auto [xLo, xHi] = extent(data, 0);
        g.x0 = xLo;
        g.dx = (xHi - xLo) / (g.resolution - 1);
        g.inputs.resize(1, g.resolution);
        for (int i = 0; i < g.resolution; ++i)
            g.inputs(0, i) = float(g.x0 + i * g.dx);
    }
    g.macs = double(g.inputs.cols()) * perSample;
    m_grid = std::move(g);
}

OutputField FrameRecorder::sampleOutput(const Trainer &trainer)
{
    OutputField field;
    field.resolution = m_grid.resolution;
    field.x0 = m_grid.x0;
    field.dx = m_grid.dx;
    field.y0 = m_grid.y0;
    field.dy = m_grid.dy;
    if (m_grid.inputs.cols() == 0)
        return field;
    {
        FlushDenormals flush;
        // Into kept buffers of one layer each: fresh ones per frame cost more in page faults
        // than the products themselves, and a whole forward workspace kept for a deep network
        // would hold every layer's grid (100 MB at 50 × 256).
        trainer.network().predict(m_grid.inputs, m_outputBuffers);
    }
    const Eigen::RowVectorXf &out = m_outputBuffers.output;
    const bool classification = m_dataset->classification;
    field.values.resize(size_t(out.size()));
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        const double v = out(i);
        field.values[size_t(i)] = classification ? 1.0 / (1.0 + std::exp(-v)) : v;
    }
    return field;
}

const OutputField &FrameRecorder::currentOutput(const Trainer &trainer, bool playing)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point now = Clock::now();
    const auto due =
        std::chrono::nanoseconds(std::int64_t(double(m_outputCostNs) / kOutputTimeShare));
    if (!playing || !m_output || m_grid.macs <= kCheapOutputMacs || now - m_outputAt >= due) {
        m_output = sampleOutput(trainer);
        m_outputAt = now;
        m_outputCostNs =
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - now).count();
    }
    return *m_output;
}

int FrameRecorder::pictureResolution(int units)
{
    const double side = std::round(std::sqrt(kPictureBudget / std::max(units, 1)));
    return int(std::clamp(side, 12.0, 32.0));
}

void FrameRecorder::buildPictureGrid(const Trainer &trainer)
{
    // The output field's extent (its first and last grid lines), sampled more coarsely.
    UnitPictures g;
    const int inputDim = m_dataset->inputDim();
    g.twoD = inputDim == 2;
    const double xHi = m_grid.x0 + m_grid.dx * (m_grid.resolution - 1);
    g.x0 = m_grid.x0;
    if (g.twoD) {
        const int units = trainer.config().depth * trainer.config().width;
        g.resolution = pictureResolution(units);
        const double yHi = m_grid.y0 + m_grid.dy * (m_grid.resolution - 1);
        g.y0 = m_grid.y0;
        g.dx = (xHi - g.x0) / (g.resolution - 1);
        g.dy = (yHi - g.y0) / (g.resolution - 1);
        m_pictureInputs.resize(2, Eigen::Index(g.resolution) * g.resolution);
        for (int iy = 0; iy < g.resolution; ++iy)
            for (int ix = 0; ix < g.resolution; ++ix) {
                const Eigen::Index k = Eigen::Index(iy) * g.resolution + ix;
                m_pictureInputs(0, k) = float(g.x0 + ix * g.dx);
                m_pictureInputs(1, k) = float(g.y0 + iy * g.dy);
            }
    } else {
        g.resolution = kPicturePoints1D;
        g.dx = (xHi - g.x0) / (g.resolution - 1);
        m_pictureInputs.resize(1, g.resolution);
        for (int i = 0; i < g.resolution; ++i)
            m_pictureInputs(0, i) = float(g.x0 + i * g.dx);
    }
    m_pictureGrid = std::move(g);
}

std::shared_ptr<const UnitPictures> FrameRecorder::samplePictures(const Trainer &trainer)
{
    if (m_pictureGrid.resolution == 0)
        buildPictureGrid(trainer);
    auto pictures = std::make_shared<UnitPictures>(m_pictureGrid);
    FlushDenormals flush;
    trainer.network().forward(m_pictureInputs, m_pictureWs);
    pictures->layers.assign(m_pictureWs.A.begin(), m_pictureWs.A.end());
    return pictures;
}

void FrameRecorder::appendHistory(const Snapshot &s)
{
    HistoryPoint p;
    p.step = s.step;
    p.loss = s.loss;
    p.testLoss = s.testLoss;
    p.accuracy = s.accuracy;
    p.deadShare = s.deadShare();
    p.networkDead = s.networkDead;
    if (m_config.activation == Activation::Prelu)
        for (const LayerMetrics &layer : s.layers)
            p.alphas.push_back(layer.alpha);

    // Measuring twice at one step (paused, then alpha moved) replaces the point: steps increase.
    m_history.append(std::move(p));
    if (int(m_history.size()) > m_maxHistory)
        m_history.thinOlderHalf(); // the recent past stays sharp, memory bounded
}

std::shared_ptr<TrainingFrame> FrameRecorder::record(Trainer &trainer, double stepsPerSecond,
                                                     bool playing)
{
    if (!m_started || needsRebuild(m_config, trainer.config()) ||
        trainer.stepCount() < (m_last ? m_last->step : 0))
        startRun(trainer);
    m_config = trainer.config();

    Snapshot snapshot = trainer.snapshot();
    trackUnitDeaths(m_unitDiedAt, snapshot);
    m_timeline.append(snapshot);
    if (m_last && m_last->step != snapshot.step) {
        m_recent.push_back(std::move(*m_last));
        while (int(m_recent.size()) > m_recentCount)
            m_recent.pop_front();
    }
    // Earlier snapshots are drawn as fading curves, per layer: they keep no units (on a big
    // network those are most of a snapshot's memory).
    m_last = withoutUnits(snapshot);
    appendHistory(snapshot);
    if (snapshot.diverged && m_divergedAtStep < 0)
        m_divergedAtStep = snapshot.step;
    if (snapshot.networkDead && m_diedAtStep < 0)
        m_diedAtStep = snapshot.step;
    m_layerDiedAtStep.resize(snapshot.layers.size(), -1);
    for (size_t i = 0; i < snapshot.layers.size(); ++i)
        if (snapshot.layers[i].deadFraction >= 1.0 && m_layerDiedAtStep[i] < 0)
            m_layerDiedAtStep[i] = snapshot.step;

    auto frame = std::make_shared<TrainingFrame>();
    frame->config = m_config;
    frame->snapshot = std::move(snapshot);
    frame->history = m_history;
    frame->recent.assign(m_recent.begin(), m_recent.end());
    frame->dataset = m_dataset;
    frame->output = currentOutput(trainer, playing);
    frame->divergedAtStep = m_divergedAtStep;
    frame->diedAtStep = m_diedAtStep;
    frame->layerDiedAtStep = m_layerDiedAtStep;
    if (m_distributions) {
        if (m_trainX.cols() != m_dataset->trainX.cols())
            m_trainX = m_dataset->trainX.cast<float>();
        frame->distributions = std::make_shared<const LayerDistributions>(
            computeDistributions(trainer.network(), m_trainX));
    }
    frame->timeline = m_timeline;
    const TrainingConfig &c = m_config;
    if (m_networkView && fitsNetworkDiagram(c.depth, c.width, m_dataset->inputDim()) &&
        m_grid.inputs.rows() == m_dataset->inputDim()) {
        frame->unitPictures = samplePictures(trainer);
        auto weights = std::make_shared<NetworkWeights>();
        for (const Layer<float> &layer : trainer.network().parameters()) {
            weights->W.push_back(layer.W.cast<double>());
            weights->b.push_back(layer.b.cast<double>());
        }
        frame->weights = std::move(weights);
    }
    frame->stepsPerSecond = stepsPerSecond;
    frame->playing = playing;
    return frame;
}

} // namespace relulab
