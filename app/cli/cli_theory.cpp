// SPDX-License-Identifier: MIT
// relulab-cli theory: what mean-field theory predicts for the network at initialisation, per
// layer, and the chance that it is born dead. Builds the data (for E‖x‖²), never a network.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "dataset.h"
#include "json_writer.h"
#include "theory.h"

#include <QString>
#include <QStringList>

namespace relulab {

namespace {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString number(double v, int precision = 4)
{
    return QString::number(v, 'g', precision);
}

std::string theoryJson(const TrainingConfig &config, const Dataset &data, const TheoryPrediction &p,
                       const BornDeadPrediction &dead)
{
    JsonWriter json;
    json.beginObject();
    json.key("config");
    writeConfig(json, config);
    json.key("input_dim");
    json.integer(data.inputDim());
    json.key("input_squared_norm");
    json.number(data.trainX.colwise().squaredNorm().mean());
    json.key("layers");
    json.beginArray();
    for (const LayerPrediction &l : p.layers) {
        json.beginObject(JsonWriter::Layout::Compact);
        json.key("index");
        json.integer(l.index);
        json.key("preact_mean");
        json.number(l.preactMean);
        json.key("preact_std");
        json.number(l.preactStd);
        json.key("mean_phi_squared");
        json.number(l.meanPhiSquared);
        json.key("mean_deriv_squared");
        json.number(l.meanDerivSquared);
        json.key("backward_gain");
        json.number(l.backwardGain);
        json.key("grad_z_rms_ratio");
        json.number(l.gradZRmsRatio);
        json.endObject();
    }
    json.endArray();
    json.key("first_last_grad_z_rms_ratio");
    json.number(p.layers.front().gradZRmsRatio);
    json.key("born_dead");
    json.beginObject();
    json.key("applies");
    json.boolean(dead.applies);
    json.key("probability");
    dead.applies ? json.number(dead.probability) : json.null();
    json.key("lower");
    dead.applies ? json.number(dead.lower) : json.null();
    json.key("upper");
    dead.applies ? json.number(dead.upper) : json.null();
    json.key("reason");
    json.string(dead.reason);
    json.endObject();
    json.key("caveats");
    json.beginArray();
    for (const std::string &c : p.caveats)
        json.string(c);
    json.endArray();
    json.endObject();
    return json.text();
}

QString theoryTable(const TrainingConfig &config, const Dataset &data, const TheoryPrediction &p,
                    const BornDeadPrediction &dead)
{
    QStringList lines;
    lines << QStringLiteral("Mean-field prediction at initialisation: %1, %2, width %3, depth %4, "
                            "input dim %5, E‖x‖² %6")
                 .arg(text(activationName(config.activation)), text(initName(config.init)))
                 .arg(config.width)
                 .arg(config.depth)
                 .arg(data.inputDim())
                 .arg(number(data.trainX.colwise().squaredNorm().mean()));
    lines << QStringLiteral("%1 %2 %3 %4 %5 %6")
                 .arg(QStringLiteral("layer"), 5)
                 .arg(QStringLiteral("preact_std"), 11)
                 .arg(QStringLiteral("E[phi^2]"), 11)
                 .arg(QStringLiteral("E[phi'^2]"), 11)
                 .arg(QStringLiteral("back_gain"), 11)
                 .arg(QStringLiteral("grad_z_rms/last"), 16);
    for (const LayerPrediction &l : p.layers)
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(l.index, 5)
                     .arg(number(l.preactStd), 11)
                     .arg(number(l.meanPhiSquared), 11)
                     .arg(number(l.meanDerivSquared), 11)
                     .arg(number(l.backwardGain), 11)
                     .arg(number(l.gradZRmsRatio), 16);
    lines << QStringLiteral("back_gain: how much the variance of dL/dz grows from the next layer "
                            "into this one (the last layer's: from the single output)");
    lines << QStringLiteral("first/last grad_z_rms ratio: %1")
                 .arg(number(p.layers.front().gradZRmsRatio));
    if (dead.applies)
        lines << QStringLiteral("born dead: probability %1 (proven bounds %2 .. %3): %4")
                     .arg(number(dead.probability), number(dead.lower), number(dead.upper),
                          QString::fromStdString(dead.reason));
    else
        lines << QStringLiteral("born dead: no prediction: %1")
                     .arg(QString::fromStdString(dead.reason));
    lines << QStringLiteral("caveats:");
    for (const std::string &c : p.caveats)
        lines << QStringLiteral("  - ") + QString::fromStdString(c);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

int runTheory(const CliOptions &options)
{
    const TrainingConfig &config = options.config;
    const Dataset data = makeDataset(config);
    const TheoryPrediction prediction = predictAtInit(config, data);
    const BornDeadPrediction dead = predictBornDead(config);
    if (!options.jsonPath.isNull()) {
        if (QString error =
                writeOutputFiles({{options.jsonPath, theoryJson(config, data, prediction, dead)}});
            !error.isEmpty()) {
            printError(error);
            return kExitBadInput;
        }
    }
    printOut(theoryTable(config, data, prediction, dead));
    return kExitOk;
}

} // namespace relulab
