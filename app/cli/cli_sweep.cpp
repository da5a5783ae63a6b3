// SPDX-License-Identifier: MIT
// relulab-cli sweep: every grid cell over S seeds on all cores; CSV/JSON per cell.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "json_writer.h"
#include "message_quote.h"
#include "sweep.h"

#include <QElapsedTimer>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace relulab {

namespace {

bool parseCount(const QString &text, int min, int max, int &out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || text.trimmed() != text || v < min || v > max)
        return false;
    out = int(v);
    return true;
}

QString metricNames()
{
    QStringList names;
    for (SweepMetric m : allSweepMetrics())
        names << QString::fromUtf8(sweepMetricName(m).data(), qsizetype(sweepMetricName(m).size()));
    return names.join(QStringLiteral(", "));
}

std::string sweepJson(const SweepSpec &spec, const SweepResult &result,
                      const std::vector<double> &predicted)
{
    JsonWriter json;
    json.beginObject();
    json.key("config");
    writeConfig(json, spec.base);
    json.key("metric");
    json.string(sweepMetricName(spec.metric));
    const bool convergence = isConvergenceMetric(spec.metric);
    if (convergence) {
        json.key("target");
        json.shortNumber(spec.effectiveTarget());
    }
    json.key("steps");
    json.integer(spec.steps);
    json.key("seeds");
    json.beginArray(JsonWriter::Layout::Compact);
    for (int s = 0; s < spec.seeds; ++s)
        json.integer(std::int64_t(spec.base.seed) + s);
    json.endArray();
    json.key("grid");
    json.beginArray();
    for (const GridAxis &axis : spec.grid.axes) {
        json.beginObject(JsonWriter::Layout::Compact);
        json.key("key");
        json.string(axis.key);
        json.key("values");
        json.beginArray(JsonWriter::Layout::Compact);
        for (size_t i = 0; i < axis.values.size(); ++i) {
            if (axis.numeric)
                json.shortNumber(axis.positions[i]);
            else
                json.string(axis.values[i]);
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.key("cells");
    json.beginArray();
    for (const SweepCell &cell : result.cells) {
        if (!cell.done)
            continue;
        json.beginObject(JsonWriter::Layout::Compact);
        const std::vector<std::size_t> coords = spec.grid.cellCoordinates(cell.index);
        for (size_t i = 0; i < coords.size(); ++i) {
            const GridAxis &axis = spec.grid.axes[i];
            json.key(axis.key);
            if (axis.numeric)
                json.shortNumber(axis.positions[coords[i]]);
            else
                json.string(axis.values[coords[i]]);
        }
        json.key("mean");
        json.number(cell.mean);
        json.key("stderr");
        json.number(cell.standardError);
        json.key("n");
        json.integer(cell.finiteCount);
        if (convergence) {
            // values[s] of a censored seed is the step limit: only a lower bound.
            json.key("censored");
            json.integer(cell.censoredCount);
            json.key("mean_is_lower_bound");
            json.boolean(cell.meanIsLowerBound());
            json.key("censored_seeds");
            json.beginArray(JsonWriter::Layout::Compact);
            for (char c : cell.censored)
                json.boolean(c != 0);
            json.endArray();
        }
        if (!predicted.empty()) {
            json.key("predicted");
            json.number(predicted[cell.index]);
        }
        json.key("values");
        json.beginArray(JsonWriter::Layout::Compact);
        for (double v : cell.values)
            json.number(v);
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.text();
}

QString formatMean(const SweepCell &cell)
{
    if (!std::isfinite(cell.mean))
        return QStringLiteral("-");
    // Censored seeds enter at the step limit, so the true mean can only be larger.
    QString text = QString::asprintf(cell.meanIsLowerBound() ? "≥ %.4g" : "%.4g", cell.mean);
    // Every seed censored: all values are the step limit, and "± 0" would read as precise.
    const bool allCensored = cell.censoredCount > 0 && cell.censoredCount == cell.finiteCount;
    if (std::isfinite(cell.standardError) && !allCensored)
        text += QString::asprintf(" ± %.2g", cell.standardError);
    return text;
}

/// What a cell adds when some seeds gave no number: diverged runs have no final loss.
QString missingNote(const SweepSpec &spec, const SweepCell &cell)
{
    const int missing = int(cell.values.size()) - cell.finiteCount;
    if (missing == 0 || isConvergenceMetric(spec.metric))
        return {};
    if (cell.finiteCount == 0)
        return spec.metric == SweepMetric::FinalLoss
                   ? QStringLiteral("  every seed diverged: no final loss")
                   : QString();
    return QStringLiteral("  %1 of %2 seeds %3: the mean is over the other %4")
        .arg(missing)
        .arg(cell.values.size())
        .arg(spec.metric == SweepMetric::FinalLoss ? QStringLiteral("diverged")
                                                   : QStringLiteral("gave no number"))
        .arg(cell.finiteCount);
}

/// What a convergence cell adds to its line: how many seeds were censored, or why it is empty.
QString convergenceNote(const SweepSpec &spec, const SweepCell &cell)
{
    if (cell.finiteCount == 0 && spec.metric == SweepMetric::StepsToAccuracy)
        return QStringLiteral("  undefined: regression data has no accuracy");
    if (cell.censoredCount == 0)
        return {};
    return QStringLiteral("  %1 of %2 seeds censored (target not reached in %3 steps)")
        .arg(cell.censoredCount)
        .arg(cell.values.size())
        .arg(spec.steps);
}

/// The metric as the summary's first line names it: the convergence metrics with their target.
QString metricHeading(const SweepSpec &spec)
{
    QString name = QString::fromUtf8(sweepMetricName(spec.metric).data());
    if (!isConvergenceMetric(spec.metric))
        return name;
    return QStringLiteral("%1 (target %2 %3)")
        .arg(name, spec.metric == SweepMetric::StepsToAccuracy ? QStringLiteral("≥")
                                                               : QStringLiteral("≤"))
        .arg(spec.effectiveTarget(), 0, 'g', 6);
}

/// A readable summary on stdout: one line per cell (a table for big grids would scroll away
/// anyway; the CSV is the place for those).
QString summary(const SweepSpec &spec, const SweepResult &result,
                const std::vector<double> &predicted, double seconds, int threads)
{
    QString text = QStringLiteral("%1 over %2 seeds, %3 steps: %4 cells, %5 runs in %6 s on %7 "
                                  "threads\n")
                       .arg(metricHeading(spec))
                       .arg(spec.seeds)
                       .arg(spec.steps)
                       .arg(spec.grid.cellCount())
                       .arg(spec.runCount())
                       .arg(seconds, 0, 'f', 2)
                       .arg(threads);
    for (const SweepCell &cell : result.cells) {
        const std::vector<std::size_t> coords = spec.grid.cellCoordinates(cell.index);
        QStringList where;
        for (size_t i = 0; i < coords.size(); ++i)
            where << QString::fromStdString(spec.grid.axes[i].key + "=" +
                                            spec.grid.axes[i].values[coords[i]]);
        text += QStringLiteral("%1  %2")
                    .arg(where.join(QStringLiteral(" ")), -28)
                    .arg(formatMean(cell), -16);
        if (!predicted.empty())
            text += QString::asprintf("  theory %.3f", predicted[cell.index]);
        if (isConvergenceMetric(spec.metric))
            text += convergenceNote(spec, cell);
        text += missingNote(spec, cell);
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace

QString parseSweepOptions(const QStringList &grids, const SweepOptionTexts &texts,
                          CliOptions &options)
{
    const QString &seeds = texts.seeds, &metric = texts.metric, &threads = texts.threads;
    SweepSpec &spec = options.sweep;
    spec.base = options.config;
    spec.steps = options.steps;
    if (!seeds.isNull() && !parseCount(seeds, 1, kMaxSweepSeeds, spec.seeds))
        return QStringLiteral("--seeds: expected an integer in 1..%1, got %2")
            .arg(QString::number(kMaxSweepSeeds), quotedForMessage(seeds));
    if (!metric.isNull()) {
        const std::optional<SweepMetric> m = parseSweepMetric(metric.toStdString());
        if (!m)
            return QStringLiteral("--metric: unknown metric %1 (allowed: %2)")
                .arg(quotedForMessage(metric), metricNames());
        spec.metric = *m;
    }
    if (!texts.target.isNull()) {
        if (!isConvergenceMetric(spec.metric))
            return QStringLiteral("--target: only steps_to_accuracy and steps_to_loss take a "
                                  "target, not %1")
                .arg(QString::fromUtf8(sweepMetricName(spec.metric).data()));
        bool ok = false;
        const double v = texts.target.toDouble(&ok);
        const std::string error = sweepTargetError(spec.metric, v);
        if (!ok || texts.target.trimmed() != texts.target || !error.empty())
            return QStringLiteral("--target: %1 for %2, got %3")
                .arg(QString::fromStdString(error.empty() ? sweepTargetError(spec.metric, kNaN)
                                                          : error),
                     QString::fromUtf8(sweepMetricName(spec.metric).data()),
                     quotedForMessage(texts.target));
        spec.target = v;
    }
    if (QString error = setCliThreads(threads, options); !error.isEmpty())
        return error;
    if (grids.isEmpty())
        return QStringLiteral("sweep: --grid key=v1,v2,... or key=a:b[:step] is required");
    std::vector<std::string> gridTexts;
    for (const QString &g : grids)
        gridTexts.push_back(g.toStdString());
    if (const std::string error = parseGridSpec(gridTexts, spec.base, spec.grid); !error.empty())
        return QStringLiteral("--grid ") + QString::fromStdString(error);
    if (spec.runCount() > kMaxSweepRuns)
        return QStringLiteral("sweep: %1 cells × %2 seeds = %3 runs; at most %4")
            .arg(spec.grid.cellCount())
            .arg(spec.seeds)
            .arg(spec.runCount())
            .arg(kMaxSweepRuns);
    if (spec.metric == SweepMetric::TestAccuracy || spec.metric == SweepMetric::StepsToAccuracy) {
        for (std::size_t c = 0; c < spec.grid.cellCount(); ++c) {
            const TrainingConfig config = spec.grid.cellConfig(spec.base, c);
            if (config.dataset != DatasetKind::Csv && !isClassification(config.dataset))
                return QStringLiteral("--metric %1: %2 is a regression data set; use %3")
                    .arg(QString::fromUtf8(sweepMetricName(spec.metric).data()),
                         QString::fromUtf8(datasetName(config.dataset).data()),
                         spec.metric == SweepMetric::TestAccuracy
                             ? QStringLiteral("final_loss")
                             : QStringLiteral("steps_to_loss"));
        }
    }
    return {};
}

int runSweep(const CliOptions &options)
{
    const SweepSpec &spec = options.sweep;
    const int threads = options.threads > 0 ? options.threads
                                            : std::max(1, int(std::thread::hardware_concurrency()));
    const std::size_t cells = spec.grid.cellCount();
    // On a terminal one line updates in place; in a log, a line every tenth of the grid.
    const bool terminal = ::isatty(STDERR_FILENO);
    QElapsedTimer clock;
    clock.start();
    std::size_t lastPrinted = 0;
    auto progress = [&](const SweepCell &, std::size_t done) {
        const bool tenth = done * 10 / cells != lastPrinted * 10 / cells || done == cells;
        if (!terminal && !tenth)
            return;
        lastPrinted = done;
        std::fprintf(stderr, "%ssweep: %zu/%zu cells, %.1f s%s", terminal ? "\r" : "", done, cells,
                     double(clock.elapsed()) / 1000.0, terminal && done < cells ? "" : "\n");
        std::fflush(stderr);
    };
    const SweepResult result = relulab::runSweep(spec, threads, nullptr, progress);
    const double seconds = double(clock.elapsed()) / 1000.0;
    const std::vector<double> predicted = bornDeadPredictions(spec);
    printOut(summary(spec, result, predicted, seconds, threads));

    std::vector<std::pair<QString, std::string>> files;
    if (!options.jsonPath.isNull())
        files.emplace_back(options.jsonPath, sweepJson(spec, result, predicted));
    if (!options.csvPath.isNull())
        files.emplace_back(options.csvPath, sweepCsv(spec, result));
    if (QString error = writeOutputFiles(files); !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    return kExitOk;
}

} // namespace relulab
