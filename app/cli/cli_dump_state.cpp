// SPDX-License-Identifier: MIT
// relulab-cli dump-state: the parameters, the data and the exact gradients, in double, so an
// outside tool (or PyTorch) can check every number.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "json_writer.h"
#include "trainer.h"

#include <QString>

namespace relulab {

namespace {

template <typename Derived> void writeMatrix(JsonWriter &json, const Eigen::MatrixBase<Derived> &m)
{
    json.beginArray();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json.beginArray();
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            json.number(double(m(r, c)));
        json.endArray();
    }
    json.endArray();
}

void writeVector(JsonWriter &json, const Eigen::VectorXd &v)
{
    json.beginArray();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        json.number(v(i));
    json.endArray();
}

} // namespace

int runDumpState(const CliOptions &options)
{
    Trainer trainer(options.config);
    trainer.train(options.steps);

    // The float parameters widen exactly to double; the gradient is then computed in double.
    const Network<double> net = trainer.network().cast<double>();
    const Dataset &data = trainer.dataset();
    Workspace<double> ws;
    Parameters<double> grads = net.zeroLike();
    const double loss =
        net.lossAndGradient(trainer.lossKind(), data.trainX, data.trainY, ws, grads);

    JsonWriter json;
    json.beginObject();
    json.key("config");
    writeConfig(json, options.config);
    json.key("step");
    json.integer(trainer.stepCount());
    json.key("diverged");
    json.boolean(trainer.diverged());
    json.key("loss");
    json.number(loss);
    json.key("loss_kind");
    json.string(trainer.lossKind() == LossKind::BceLogits ? "bce_logits" : "mse");
    // One row per sample (n × input_dim), like a PyTorch batch; W is out × in as in torch.
    json.key("inputs");
    writeMatrix(json, data.trainX.transpose());
    json.key("targets");
    writeVector(json, data.trainY);
    json.key("layers");
    json.beginArray();
    const Parameters<double> &params = net.parameters();
    for (size_t l = 0; l < params.size(); ++l) {
        const bool output = l + 1 == params.size();
        json.beginObject();
        json.key("activation");
        json.string(output ? std::string_view("linear") : activationName(net.activation()));
        json.key("W");
        writeMatrix(json, params[l].W);
        json.key("b");
        writeVector(json, params[l].b);
        json.key("alpha");
        json.number(params[l].alpha);
        json.key("dW");
        writeMatrix(json, grads[l].W);
        json.key("db");
        writeVector(json, grads[l].b);
        json.key("dalpha");
        json.number(grads[l].alpha);
        json.endObject();
    }
    json.endArray();
    json.endObject();

    if (QString error = writeOutputFiles({{options.jsonPath, json.text()}}); !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    QString summary = QStringLiteral("step %1  loss %2 (%3, double, full training set)  wrote %4\n")
                          .arg(trainer.stepCount())
                          .arg(loss, 0, 'g', 10)
                          .arg(trainer.lossKind() == LossKind::BceLogits ? "bce_logits" : "mse")
                          .arg(options.jsonPath);
    if (trainer.diverged())
        summary += QStringLiteral("training diverged after %1 steps; the state is the last "
                                  "finite one\n")
                       .arg(trainer.stepCount());
    printOut(summary);
    return kExitOk;
}

} // namespace relulab
