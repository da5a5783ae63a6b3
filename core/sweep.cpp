// SPDX-License-Identifier: MIT
#include "sweep.h"

#include "float_environment.h"
#include "measure.h"
#include "theory.h"
#include "trainer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace relulab {

namespace {

constexpr std::array kMetrics = {SweepMetric::NetworkDead,  SweepMetric::FinalLoss,
                                 SweepMetric::TestAccuracy, SweepMetric::GradRatio,
                                 SweepMetric::DeadFraction, SweepMetric::StepsToAccuracy,
                                 SweepMetric::StepsToLoss};
constexpr std::array<std::string_view, kMetrics.size()> kMetricNames = {
    "network_dead",  "final_loss",        "test_accuracy", "grad_ratio",
    "dead_fraction", "steps_to_accuracy", "steps_to_loss"};

// Cached data sets above this many numbers would cost more memory than rebuilding saves time.
constexpr double kMaxCachedNumbers = 2e7;

/// The training and test data of one seed, in float, as Trainer keeps them.
struct FloatData
{
    Mat<float> trainX, testX;
    Vec<float> trainY, testY;
    LossKind kind = LossKind::BceLogits;
    int inputDim = 1;
};

FloatData toFloat(const Dataset &d)
{
    return {d.trainX.cast<float>(),
            d.testX.cast<float>(),
            d.trainY.cast<float>(),
            d.testY.cast<float>(),
            d.classification ? LossKind::BceLogits : LossKind::Mse,
            d.inputDim()};
}

/// At step 0 a run is its data, its network and one measurement: no optimiser, no batch order.
/// The same code path as Trainer's constructor and snapshot(), so the numbers are identical.
Snapshot measureAtInit(const TrainingConfig &config, const FloatData &data)
{
    const Network<float> net = buildNetwork(config, data.inputDim).cast<float>();
    MeasureScratch<float> scratch;
    return measure<float>(net, data.trainX, data.trainY, data.testX, data.testY, data.kind, scratch,
                          0, false, 1);
}

/// Shares each seed's data set between the cells, when no grid key changes the data.
class DataCache
{
public:
    explicit DataCache(const SweepSpec &spec) : m_spec(spec)
    {
        const TrainingConfig &b = spec.base;
        const double numbers = double(spec.seeds) * (b.samples + testSampleCount(b.samples)) * 3;
        m_enabled = spec.steps == 0 && !isConvergenceMetric(spec.metric) &&
                    !spec.grid.changesData() && b.dataset != DatasetKind::Csv &&
                    numbers <= kMaxCachedNumbers;
        if (m_enabled) {
            m_once = std::make_unique<std::once_flag[]>(size_t(spec.seeds));
            m_data.resize(size_t(spec.seeds));
        }
    }

    bool enabled() const { return m_enabled; }

    const FloatData &data(int seedIndex)
    {
        std::call_once(m_once[size_t(seedIndex)], [&] {
            TrainingConfig config = m_spec.base;
            config.seed = m_spec.base.seed + std::uint64_t(seedIndex);
            m_data[size_t(seedIndex)] = toFloat(makeDataset(config));
        });
        return m_data[size_t(seedIndex)];
    }

private:
    const SweepSpec &m_spec;
    bool m_enabled = false;
    std::unique_ptr<std::once_flag[]> m_once;
    std::vector<FloatData> m_data;
};

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

} // namespace

std::span<const SweepMetric> allSweepMetrics()
{
    return kMetrics;
}

std::string_view sweepMetricName(SweepMetric m)
{
    return kMetricNames[size_t(m)];
}

std::optional<SweepMetric> parseSweepMetric(std::string_view name)
{
    for (size_t i = 0; i < kMetrics.size(); ++i) {
        if (kMetricNames[i] == name)
            return kMetrics[i];
    }
    return std::nullopt;
}

double sweepMetricValue(SweepMetric m, const Snapshot &s)
{
    switch (m) {
    case SweepMetric::NetworkDead:
        return s.networkDead ? 1.0 : 0.0;
    case SweepMetric::FinalLoss:
        // A diverged run has no final loss: its last finite one (1e18, say) would swamp the
        // cell's mean. It is left out of the mean and counted as such.
        return s.diverged ? kNaN : s.loss;
    case SweepMetric::TestAccuracy:
        return s.testAccuracy;
    case SweepMetric::GradRatio:
        // 0/0 for a dead network: undefined, not "no vanishing".
        if (s.layers.empty() || !(s.layers.back().gradZRms > 0))
            return kNaN;
        return s.layers.front().gradZRms / s.layers.back().gradZRms;
    case SweepMetric::DeadFraction:
        return s.deadShare();
    case SweepMetric::StepsToAccuracy:
    case SweepMetric::StepsToLoss:
        return kNaN; // found during training, not from the last snapshot
    }
    return kNaN;
}

void summarizeCell(SweepCell &cell)
{
    double sum = 0;
    int n = 0;
    for (double v : cell.values) {
        if (std::isfinite(v)) {
            sum += v;
            ++n;
        }
    }
    cell.finiteCount = n;
    cell.censoredCount = int(std::count(cell.censored.begin(), cell.censored.end(), 1));
    cell.mean = n > 0 ? sum / n : kNaN;
    cell.standardError = kNaN;
    if (n >= 2) {
        double squares = 0;
        for (double v : cell.values) {
            if (std::isfinite(v))
                squares += (v - cell.mean) * (v - cell.mean);
        }
        cell.standardError = std::sqrt(squares / (n - 1)) / std::sqrt(double(n));
    }
}

std::string sweepCsv(const SweepSpec &spec, const SweepResult &result)
{
    std::vector<std::string> header;
    for (const GridAxis &axis : spec.grid.axes)
        header.push_back(axis.key);
    for (const char *name : {"mean", "stderr", "n"})
        header.emplace_back(name);
    const bool convergence = isConvergenceMetric(spec.metric);
    if (convergence) {
        header.emplace_back("censored");
        header.emplace_back("mean_is");
    }
    for (int s = 0; s < spec.seeds; ++s)
        header.push_back("seed_" + std::to_string(spec.base.seed + std::uint64_t(s)));
    auto number = [](double v) {
        if (!std::isfinite(v))
            return std::string();
        char buf[40];
        const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17);
        return std::string(buf, r.ptr);
    };
    auto appendRow = [](std::string &out, const std::vector<std::string> &fields) {
        for (size_t i = 0; i < fields.size(); ++i)
            out += (i ? "," : "") + fields[i];
        out += '\n';
    };
    // Built by appending: GCC 12's -Wrestrict misfires on ">" + std::to_string(...).
    std::string censoredText(1, '>');
    censoredText += std::to_string(spec.steps);
    std::string out;
    appendRow(out, header);
    for (const SweepCell &c : result.cells) {
        if (!c.done)
            continue;
        std::vector<std::string> fields;
        const std::vector<std::size_t> coords = spec.grid.cellCoordinates(c.index);
        for (size_t i = 0; i < coords.size(); ++i)
            fields.push_back(spec.grid.axes[i].values[coords[i]]);
        fields.push_back(number(c.mean));
        fields.push_back(number(c.standardError));
        fields.push_back(std::to_string(c.finiteCount));
        if (convergence) {
            fields.push_back(std::to_string(c.censoredCount));
            fields.push_back(c.finiteCount == 0     ? ""
                             : c.meanIsLowerBound() ? "lower_bound"
                                                    : "exact");
        }
        for (size_t s = 0; s < c.values.size(); ++s) {
            // ">1000", not "1000": a censored run did not finish at the limit, it never did.
            const bool censored = s < c.censored.size() && c.censored[s];
            fields.push_back(censored ? censoredText : number(c.values[s]));
        }
        appendRow(out, fields);
    }
    return out;
}

std::vector<double> bornDeadPredictions(const SweepSpec &spec)
{
    // The theory is about networks at birth; after training its assumptions are gone.
    if (spec.metric != SweepMetric::NetworkDead || spec.steps != 0)
        return {};
    std::vector<double> predicted;
    for (std::size_t c = 0; c < spec.grid.cellCount(); ++c) {
        const BornDeadPrediction p = predictBornDead(spec.grid.cellConfig(spec.base, c));
        if (!p.applies)
            return {};
        predicted.push_back(p.probability);
    }
    return predicted;
}

std::optional<Snapshot> sweepRun(const TrainingConfig &config, int steps,
                                 const std::atomic<bool> *cancel)
{
    // The fast path measures the float32 network; another format's starting network (rounded,
    // or in double) is the Trainer's.
    if (steps == 0 && config.precision == Precision::Float32)
        return measureAtInit(config, toFloat(makeDataset(config)));
    Trainer trainer(config);
    int done = 0;
    while (done < steps) {
        if (cancelled(cancel))
            return std::nullopt;
        const int chunk = std::min(kSweepChunkSteps, steps - done);
        const int trained = trainer.train(chunk);
        done += trained;
        if (trained < chunk) // diverged: measured as it stopped
            break;
    }
    return trainer.snapshot();
}

namespace {

/// Run `seedIndex` of cell config `config`: its value (censored only for the convergence
/// metrics), or nullopt if cancelled.
std::optional<ConvergenceRun> measureRun(const SweepSpec &spec, const TrainingConfig &config,
                                         int seedIndex, DataCache &cache,
                                         const std::atomic<bool> *cancel)
{
    if (isConvergenceMetric(spec.metric))
        return sweepConvergenceRun(config, spec.steps, spec.metric, spec.effectiveTarget(), cancel);
    const bool fastPath = cache.enabled() && config.precision == Precision::Float32;
    const std::optional<Snapshot> snap = fastPath ? measureAtInit(config, cache.data(seedIndex))
                                                  : sweepRun(config, spec.steps, cancel);
    if (!snap)
        return std::nullopt;
    return ConvergenceRun{sweepMetricValue(spec.metric, *snap), false};
}

} // namespace

SweepResult runSweep(const SweepSpec &spec, int threads, const std::atomic<bool> *cancel,
                     const SweepProgress &progress)
{
    if (spec.seeds < 1 || spec.seeds > kMaxSweepSeeds)
        throw std::invalid_argument("seeds: expected 1.." + std::to_string(kMaxSweepSeeds));
    if (spec.steps < 0)
        throw std::invalid_argument("steps: expected 0 or more");
    if (spec.runCount() > kMaxSweepRuns)
        throw std::invalid_argument("more than " + std::to_string(kMaxSweepRuns) + " runs");
    const bool convergence = isConvergenceMetric(spec.metric);
    const double target = spec.effectiveTarget();
    if (const std::string error = sweepTargetError(spec.metric, convergence ? target : spec.target);
        !error.empty())
        throw std::invalid_argument("target: " + error);
    const std::size_t cells = spec.grid.cellCount();
    std::vector<TrainingConfig> configs;
    configs.reserve(cells);
    for (std::size_t c = 0; c < cells; ++c) {
        configs.push_back(spec.grid.cellConfig(spec.base, c));
        if (const std::string error = validateConfig(configs.back()); !error.empty())
            throw std::invalid_argument(error);
    }

    SweepResult result;
    result.cells.resize(cells);
    for (std::size_t c = 0; c < cells; ++c) {
        result.cells[c].index = c;
        result.cells[c].values.assign(size_t(spec.seeds), kNaN);
        if (convergence)
            result.cells[c].censored.assign(size_t(spec.seeds), 0);
    }
    // Seeds of a cell still to finish; the thread that finishes the last one reports the cell.
    std::unique_ptr<std::atomic<int>[]> pending(new std::atomic<int>[cells]);
    for (std::size_t c = 0; c < cells; ++c)
        pending[c].store(spec.seeds);

    DataCache cache(spec);
    const std::size_t runs = spec.runCount();
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex reportMutex;
    std::exception_ptr failure;

    auto worker = [&] {
        FlushDenormals flush; // as the Trainer does: subnormals would slow deep nets ~30×
        while (!stop.load(std::memory_order_relaxed)) {
            if (cancelled(cancel)) {
                stop = true;
                return;
            }
            const std::size_t run = next.fetch_add(1);
            if (run >= runs)
                return;
            const std::size_t c = run / size_t(spec.seeds);
            const int s = int(run % size_t(spec.seeds));
            TrainingConfig config = configs[c];
            config.seed = spec.base.seed + std::uint64_t(s);
            try {
                const std::optional<ConvergenceRun> r = measureRun(spec, config, s, cache, cancel);
                if (!r) {
                    stop = true;
                    return;
                }
                result.cells[c].values[size_t(s)] = r->value;
                if (convergence)
                    result.cells[c].censored[size_t(s)] = r->censored ? 1 : 0;
            } catch (...) {
                const std::lock_guard lock(reportMutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
                return;
            }
            if (pending[c].fetch_sub(1) == 1) {
                const std::lock_guard lock(reportMutex);
                summarizeCell(result.cells[c]);
                result.cells[c].done = true;
                ++result.cellsDone;
                if (progress)
                    progress(result.cells[c], result.cellsDone);
            }
        }
    };

    int count = threads > 0 ? threads : int(std::thread::hardware_concurrency());
    count = std::clamp(count, 1, int(std::min<std::size_t>(runs, 64)));
    std::vector<std::thread> pool;
    for (int t = 1; t < count; ++t)
        pool.emplace_back(worker);
    worker(); // the calling thread works too
    for (std::thread &t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    result.cancelled = result.cellsDone < cells;
    return result;
}

} // namespace relulab
