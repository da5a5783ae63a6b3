// SPDX-License-Identifier: MIT
// relulab-cli cost: does Leaky ReLU cost more CPU than ReLU? Measured on this machine.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "cost_measure.h"
#include "json_writer.h"

#include <QString>

namespace relulab {

namespace {

QString table(const CostReport &report)
{
    QString out = QString::asprintf(
        "Activation cost on this machine (median of %d; arrays of %ld floats)\n"
        "network: %d hidden layers x %d units, minibatch %d = %ld activations per step\n\n",
        report.repeats, report.arrayElements, report.depth, report.width, report.batch,
        report.elementsPerStep);
    out += QString::asprintf("%-11s %14s %15s %10s %13s %12s\n", "activation", "forward ns/el",
                             "backward ns/el", "step us", "activ. us", "share of step");
    for (const ActivationCost &c : report.activations)
        out += QString::asprintf("%-11s %14.3f %15.3f %10.2f %13.2f %11.1f%%\n",
                                 activationName(c.activation).data(), c.forwardNs, c.backwardNs,
                                 c.stepNs / 1e3, c.activationNs / 1e3, 100.0 * c.stepShare);
    out += QString::asprintf("\nmatrix products of one step: %.2f us = %.1f%% of a %s step\n",
                             report.matmulNs / 1e3, 100.0 * report.matmulShare,
                             activationName(report.configured).data());
    if (const std::string answer = costAnswer(report); !answer.empty())
        out += QString::fromStdString(answer) + QLatin1Char('\n');
    return out;
}

std::string json(const CliOptions &options, const CostReport &report)
{
    JsonWriter json;
    json.beginObject();
    json.key("config");
    writeConfig(json, options.config);
    json.key("array_elements");
    json.integer(report.arrayElements);
    json.key("repeats");
    json.integer(report.repeats);
    json.key("network");
    json.beginObject(JsonWriter::Layout::Compact);
    json.key("depth");
    json.integer(report.depth);
    json.key("width");
    json.integer(report.width);
    json.key("batch");
    json.integer(report.batch);
    json.key("elements_per_step");
    json.integer(report.elementsPerStep);
    json.endObject();
    json.key("matmul_ns");
    json.number(report.matmulNs);
    json.key("matmul_share");
    json.number(report.matmulShare);
    json.key("activations");
    json.beginArray();
    for (const ActivationCost &c : report.activations) {
        json.beginObject(JsonWriter::Layout::Compact);
        json.key("activation");
        json.string(activationName(c.activation));
        json.key("alpha");
        json.shortNumber(c.alpha);
        json.key("forward_ns_per_element");
        json.number(c.forwardNs);
        json.key("backward_ns_per_element");
        json.number(c.backwardNs);
        json.key("step_ns");
        json.number(c.stepNs);
        json.key("activation_ns");
        json.number(c.activationNs);
        json.key("step_share");
        json.number(c.stepShare);
        json.endObject();
    }
    json.endArray();
    json.key("answer");
    json.string(costAnswer(report));
    json.endObject();
    return json.text();
}

} // namespace

int runCost(const CliOptions &options)
{
    const std::optional<CostReport> report = measureCost(options.config);
    if (!report) {
        printError(QStringLiteral("cost: the measurement was cancelled"));
        return kExitFailure;
    }
    if (!options.jsonPath.isEmpty()) {
        if (const QString error = writeOutputFiles({{options.jsonPath, json(options, *report)}});
            !error.isEmpty()) {
            printError(error);
            return kExitBadInput;
        }
    }
    printOut(table(*report));
    return kExitOk;
}

} // namespace relulab
