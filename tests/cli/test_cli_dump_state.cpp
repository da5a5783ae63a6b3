// SPDX-License-Identifier: MIT
// relulab-cli dump-state: the printed parameters are exactly the trained ones, and the printed
// gradients match core's and central finite differences of the reloaded network.
#include "cli_test_support.h"
#include "config_json.h"
#include "network.h"
#include "trainer.h"
#include "training_config.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using namespace relulab;
using namespace relulab::clitest;

namespace {

// ---------------------------------------------------------------------------------------------
// dump-state: reload the parameters into core's double network and check the gradients.

Eigen::MatrixXd matrixFrom(const QJsonArray &rows)
{
    const int cols = rows.isEmpty() ? 0 : int(rows.first().toArray().size());
    Eigen::MatrixXd m(rows.size(), cols);
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        for (int c = 0; c < cols; ++c)
            m(r, c) = row[c].toDouble(kNaN);
    }
    return m;
}

Eigen::VectorXd vectorFrom(const QJsonArray &values)
{
    Eigen::VectorXd v(values.size());
    for (int i = 0; i < values.size(); ++i)
        v(i) = values[i].toDouble(kNaN);
    return v;
}

struct DumpCase
{
    const char *name;
    QStringList sets;
};

void PrintTo(const DumpCase &c, std::ostream *os)
{
    *os << c.name;
}

class CliDumpState : public ::testing::TestWithParam<DumpCase>
{};

TEST_P(CliDumpState, GradientsMatchCoreAndFiniteDifferences)
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath("state.json");
    QStringList args = {"dump-state", "--steps", "15", "--json", path};
    QStringList sets = {"depth=3", "width=5", "samples=32", "batch_size=8"};
    sets += GetParam().sets;
    for (const QString &set : sets)
        args << "--set" << set;
    const CliRun run = runCli(args);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject doc = readJson(path);
    const QJsonArray layers = doc.value("layers").toArray();
    ASSERT_EQ(layers.size(), 4);
    EXPECT_EQ(layers.last().toObject().value("activation").toString(), "linear");

    // The JSON holds exactly the trained float parameters and the dataset, widened to double.
    TrainingConfig config;
    ASSERT_EQ(resolveConfig({}, {}, sets, config), QString());
    Trainer trainer(config);
    trainer.train(15);
    const Network<double> reference = trainer.network().cast<double>();
    const Eigen::MatrixXd X = matrixFrom(doc.value("inputs").toArray()).transpose();
    const Eigen::VectorXd y = vectorFrom(doc.value("targets").toArray());
    EXPECT_TRUE(X == trainer.dataset().trainX);
    EXPECT_TRUE(y == trainer.dataset().trainY);

    const Activation activation = reference.activation();
    std::vector<Eigen::MatrixXd> weights;
    std::vector<Eigen::VectorXd> biases;
    for (int l = 0; l < layers.size(); ++l) {
        const QJsonObject layer = layers[l].toObject();
        if (l + 1 < layers.size()) {
            EXPECT_EQ(layer.value("activation").toString().toStdString(),
                      activationName(activation));
        }
        weights.push_back(matrixFrom(layer.value("W").toArray()));
        biases.push_back(vectorFrom(layer.value("b").toArray()));
    }
    Network<double> net(activation, config.alpha, weights, biases);
    for (int l = 0; l < layers.size(); ++l) {
        net.parameters()[size_t(l)].alpha = layers[l].toObject().value("alpha").toDouble();
        EXPECT_TRUE(net.parameters()[size_t(l)].W == reference.parameters()[size_t(l)].W);
        EXPECT_EQ(net.parameters()[size_t(l)].alpha, reference.parameters()[size_t(l)].alpha);
    }

    const LossKind kind =
        doc.value("loss_kind").toString() == "mse" ? LossKind::Mse : LossKind::BceLogits;
    Workspace<double> ws;
    Parameters<double> grads = net.zeroLike();
    EXPECT_EQ(net.lossAndGradient(kind, X, y, ws, grads), doc.value("loss").toDouble());

    const auto lossAt = [&](Network<double> &n) {
        Parameters<double> unused = n.zeroLike();
        return n.lossAndGradient(kind, X, y, ws, unused);
    };
    const double h = 1e-6;
    const auto check = [&](double &param, double printed, double exact, const QString &what) {
        EXPECT_EQ(printed, exact) << what.toStdString() << " did not round-trip";
        const double saved = param;
        param = saved + h;
        const double up = lossAt(net);
        param = saved - h;
        const double down = lossAt(net);
        param = saved;
        const double numeric = (up - down) / (2 * h);
        EXPECT_NEAR(printed, numeric, 1e-6 + 1e-5 * std::abs(numeric)) << what.toStdString();
    };
    const bool learnsAlpha = activation == Activation::Prelu;
    for (int l = 0; l < layers.size(); ++l) {
        const QJsonObject layer = layers[l].toObject();
        const Eigen::MatrixXd dW = matrixFrom(layer.value("dW").toArray());
        const Eigen::VectorXd db = vectorFrom(layer.value("db").toArray());
        Layer<double> &p = net.parameters()[size_t(l)];
        const Layer<double> &g = grads[size_t(l)];
        for (Eigen::Index r = 0; r < p.W.rows(); ++r) {
            for (Eigen::Index c = 0; c < p.W.cols(); ++c)
                check(p.W(r, c), dW(r, c), g.W(r, c),
                      QStringLiteral("W%1(%2,%3)").arg(l).arg(r).arg(c));
            check(p.b(r), db(r), g.b(r), QStringLiteral("b%1(%2)").arg(l).arg(r));
        }
        const double dalpha = layer.value("dalpha").toDouble();
        if (learnsAlpha && l + 1 < layers.size()) {
            check(p.alpha, dalpha, g.alpha, QStringLiteral("alpha%1").arg(l));
            EXPECT_NE(dalpha, 0.0);
        } else {
            EXPECT_EQ(dalpha, 0.0);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Activations, CliDumpState,
    ::testing::Values(DumpCase{"prelu_moons", {"activation=prelu", "alpha=0.2"}},
                      DumpCase{"relu_xor", {"activation=relu", "dataset=xor"}},
                      DumpCase{"gelu_sine", {"activation=gelu", "dataset=sine"}},
                      DumpCase{"elu_circles", {"activation=elu", "alpha=1.2", "dataset=circles"}},
                      DumpCase{"leaky_abs_sgd",
                               {"activation=leaky_relu", "alpha=0.3", "dataset=abs",
                                "optimizer=sgd", "input_shift=0.5"}}),
    [](const ::testing::TestParamInfo<DumpCase> &info) { return std::string(info.param.name); });

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
