// SPDX-License-Identifier: MIT
// relulab-cli train: snapshots at step 0, every K steps and at the end; a per-layer table.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "json_writer.h"
#include "trainer.h"

#include <QString>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

namespace relulab {

namespace {

std::string_view lossKindName(LossKind kind)
{
    return kind == LossKind::BceLogits ? "bce_logits" : "mse";
}

/// One network's run: its config, loss kind and snapshots, as members of an open object.
void writeRun(JsonWriter &json, const TrainingConfig &config, LossKind kind,
              const std::vector<Snapshot> &snapshots)
{
    json.key("config");
    writeConfig(json, config);
    json.key("loss_kind");
    json.string(lossKindName(kind));
    json.key("snapshots");
    json.beginArray();
    for (const Snapshot &s : snapshots) {
        json.beginObject();
        json.key("step");
        json.integer(s.step);
        json.key("loss");
        json.number(s.loss);
        json.key("test_loss");
        json.number(s.testLoss);
        json.key("accuracy");
        json.number(s.accuracy);
        json.key("test_accuracy");
        json.number(s.testAccuracy);
        json.key("diverged");
        json.boolean(s.diverged);
        json.key("network_dead");
        json.boolean(s.networkDead);
        json.key("dead_share");
        json.number(s.deadShare());
        json.key("layers");
        json.beginArray();
        for (const LayerMetrics &m : s.layers) {
            json.beginObject(JsonWriter::Layout::Compact);
            json.key("index");
            json.integer(m.index);
            json.key("grad_w_norm");
            json.number(m.gradWNorm);
            json.key("grad_b_norm");
            json.number(m.gradBNorm);
            json.key("grad_z_rms");
            json.number(m.gradZRms);
            json.key("preact_mean");
            json.number(m.preactMean);
            json.key("preact_std");
            json.number(m.preactStd);
            json.key("dead_fraction");
            json.number(m.deadFraction);
            json.key("negative_fraction");
            json.number(m.negativeFraction);
            json.key("alpha");
            json.number(m.alpha);
            json.key("update_ratio");
            json.number(m.updateRatio); // null at step 0 and where no step led here
            json.key("stalled_updates");
            json.number(m.stalledUpdates); // null where update_ratio is
            json.key("units");
            json.beginArray();
            for (const UnitMetrics &u : m.units) {
                json.beginObject();
                json.key("alive_share");
                json.number(u.aliveShare);
                json.key("dead");
                json.boolean(u.dead);
                json.key("negative");
                json.boolean(u.negative);
                json.key("z_mean");
                json.number(u.zMean);
                json.key("z_std");
                json.number(u.zStd);
                json.key("died_at_step");
                if (u.diedAtStep >= 0)
                    json.integer(u.diedAtStep);
                else
                    json.null(); // alive
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
}

/// One trained network: its trainer and the snapshots taken along the way.
struct Run
{
    TrainingConfig config;
    Trainer trainer;
    std::vector<Snapshot> snapshots;
    /// Per layer and unit, the step since which it has stayed dead (trackUnitDeaths).
    std::vector<std::vector<std::int64_t>> unitDiedAt;

    // Headless: the second core is free, so large training sets are measured in two halves.
    explicit Run(const TrainingConfig &c) : config(c), trainer(c) { trainer.setMeasureThreads(2); }
};

std::string trainJson(const std::vector<Run *> &runs, const QStringList &compareSets)
{
    JsonWriter json;
    json.beginObject();
    if (runs.size() == 1) {
        writeRun(json, runs[0]->config, runs[0]->trainer.lossKind(), runs[0]->snapshots);
    } else {
        json.key("config");
        writeConfig(json, runs[0]->config);
        json.key("compare");
        json.beginObject(JsonWriter::Layout::Compact);
        for (const QString &set : compareSets) {
            json.key(set.section(QLatin1Char('='), 0, 0).toStdString());
            json.string(set.section(QLatin1Char('='), 1).toStdString());
        }
        json.endObject();
        const char *names[] = {"a", "b"};
        for (size_t i = 0; i < runs.size(); ++i) {
            json.key(names[i]);
            json.beginObject();
            writeRun(json, runs[i]->config, runs[i]->trainer.lossKind(), runs[i]->snapshots);
            json.endObject();
        }
    }
    json.endObject();
    return json.text();
}

// CSV cell: %.17g like the JSON; empty for NaN/inf, which spreadsheets read as missing.
void appendCell(std::string &row, double value)
{
    row += ',';
    if (!std::isfinite(value))
        return;
    char buf[40];
    const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 17);
    row.append(buf, result.ptr);
}

std::string trainCsv(const std::vector<Run *> &runs)
{
    // Compare runs get a leading "network" column (a or b); single runs keep the plain layout.
    const bool compare = runs.size() > 1;
    std::string out = compare ? "network," : "";
    out += "step,loss,test_loss,accuracy,test_accuracy,diverged,network_dead,layer,"
           "grad_w_norm,grad_b_norm,grad_z_rms,preact_mean,preact_std,dead_fraction,"
           "negative_fraction,alpha,update_ratio,stalled_updates\n";
    for (size_t r = 0; r < runs.size(); ++r) {
        for (const Snapshot &s : runs[r]->snapshots) {
            std::string prefix = compare ? std::string(r == 0 ? "a," : "b,") : std::string();
            prefix += std::to_string(s.step);
            appendCell(prefix, s.loss);
            appendCell(prefix, s.testLoss);
            appendCell(prefix, s.accuracy);
            appendCell(prefix, s.testAccuracy);
            prefix += s.diverged ? ",1" : ",0";
            prefix += s.networkDead ? ",1" : ",0";
            for (const LayerMetrics &m : s.layers) {
                std::string row = prefix + ',' + std::to_string(m.index);
                for (const double v :
                     {m.gradWNorm, m.gradBNorm, m.gradZRms, m.preactMean, m.preactStd,
                      m.deadFraction, m.negativeFraction, m.alpha, m.updateRatio, m.stalledUpdates})
                    appendCell(row, v);
                out += row + '\n';
            }
        }
    }
    return out;
}

QString formatValue(double value, const char *format)
{
    return std::isfinite(value) ? QString::asprintf(format, value) : QStringLiteral("-");
}

QString percent(double share)
{
    return std::isfinite(share) ? QString::asprintf("%.1f%%", 100.0 * share) : QStringLiteral("-");
}

QString summaryTable(const Snapshot &s, const TrainingConfig &config)
{
    QString text =
        QStringLiteral("step %1  loss %2  test loss %3  accuracy %4  network_dead %5  "
                       "diverged %6\n")
            .arg(s.step)
            .arg(formatValue(s.loss, "%.4g"), formatValue(s.testLoss, "%.4g"), percent(s.accuracy),
                 s.networkDead ? QStringLiteral("yes") : QStringLiteral("no"),
                 s.diverged ? QStringLiteral("yes") : QStringLiteral("no"));
    text += QString::asprintf("%5s  %10s  %7s  %10s  %8s\n", "layer", "|dW|", "dead %",
                              "negative %", "alpha");
    for (const LayerMetrics &m : s.layers) {
        text += QString::asprintf(
            "%5d  %10s  %7s  %10s  %8s\n", m.index, qPrintable(formatValue(m.gradWNorm, "%.3e")),
            qPrintable(percent(m.deadFraction)), qPrintable(percent(m.negativeFraction)),
            qPrintable(formatValue(m.alpha, "%.4g")));
    }
    const int units = config.depth * config.width;
    text += QStringLiteral("dead units: %1 of %2 (%3) with %4\n")
                .arg(qRound(s.deadShare() * units))
                .arg(units)
                .arg(percent(s.deadShare()), QLatin1String(activationName(config.activation)));
    return text;
}

} // namespace

/// Trains every run to the same snapshot schedule: step 0, multiples of K, the last step.
void trainRun(Run &run, const CliOptions &options)
{
    Trainer &trainer = run.trainer;
    std::vector<Snapshot> &snapshots = run.snapshots;
    // Only the JSON holds units; without it they need not pile up (a deep, wide run keeps
    // megabytes of them per snapshot).
    const bool keepUnits = !options.jsonPath.isNull();
    const auto take = [&] {
        snapshots.push_back(trainer.snapshot());
        trackUnitDeaths(run.unitDiedAt, snapshots.back()); // as the window's recorder does
        if (!keepUnits)
            for (LayerMetrics &layer : snapshots.back().layers)
                layer.units = {};
    };
    take(); // the freshly initialised network
    int done = 0;
    while (done < options.steps && !trainer.diverged()) {
        const int next = std::min(options.steps, (done / options.every + 1) * options.every);
        done += trainer.train(next - done);
        if (trainer.diverged() && snapshots.back().step == trainer.stepCount())
            snapshots.back().diverged = true; // nothing trained since the last snapshot
        else
            take();
    }
}

QString runReport(const Run &run, const CliOptions &options)
{
    QString report = summaryTable(run.snapshots.back(), run.config);
    if (run.trainer.diverged())
        report += QStringLiteral("training diverged after %1 of %2 steps (the loss exploded); "
                                 "stopped, keeping the last finite parameters\n")
                      .arg(run.trainer.stepCount())
                      .arg(options.steps);
    return report;
}

int runTrain(const CliOptions &options)
{
    Run a(options.config);
    std::unique_ptr<Run> b;
    std::vector<Run *> runs = {&a};
    if (options.compare) {
        b = std::make_unique<Run>(options.compareConfig);
        // Same seed and, where the shapes allow, the very same initial weights.
        b->trainer.copyWeightsFrom(a.trainer);
        runs.push_back(b.get());
    }
    for (Run *run : runs)
        trainRun(*run, options);

    if (runs.size() == 1) {
        printOut(runReport(a, options));
    } else {
        printOut(QStringLiteral("== A ==\n") + runReport(a, options));
        printOut(QStringLiteral("\n== B (") + options.compareSets.join(QStringLiteral(", ")) +
                 QStringLiteral(") ==\n") + runReport(*b, options));
    }

    std::vector<std::pair<QString, std::string>> files;
    if (!options.jsonPath.isNull())
        files.emplace_back(options.jsonPath, trainJson(runs, options.compareSets));
    if (!options.csvPath.isNull())
        files.emplace_back(options.csvPath, trainCsv(runs));
    if (QString error = writeOutputFiles(files); !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    return kExitOk;
}

} // namespace relulab
