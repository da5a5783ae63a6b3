// SPDX-License-Identifier: MIT
// relulab-cli theory through the real binary, checked against core's predictions in-process.
#include "cli_test_support.h"
#include "config_json.h"
#include "dataset.h"
#include "theory.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

using namespace relulab;
using namespace relulab::clitest;

namespace {

TrainingConfig configFor(const QStringList &sets)
{
    TrainingConfig c;
    EXPECT_TRUE(resolveConfig({}, {}, sets, c).isEmpty());
    return c;
}

QStringList withSets(const QStringList &sets)
{
    QStringList args{QStringLiteral("theory")};
    for (const QString &s : sets)
        args << QStringLiteral("--set") << s;
    return args;
}

TEST(CliTheory, PrintsOneRowPerLayerAndTheRatiosOfTheClassicInits)
{
    // Xavier halves the variance of dL/dz per ReLU layer, PyTorch's default divides it by 6
    // (equal widths, so every layer but the last has the same gain).
    struct Case
    {
        const char *init;
        double gain;
    };
    for (const Case &k :
         {Case{"he_normal", 1.0}, Case{"xavier_normal", 0.5}, Case{"pytorch_default", 1.0 / 6}}) {
        const QStringList sets = {"depth=20", "width=64", QStringLiteral("init=") + k.init};
        const CliRun run = runCli(withSets(sets));
        ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
        EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();
        const QStringList lines = run.out.split('\n');
        int rows = 0;
        for (const QString &line : lines)
            rows += line.contains(QRegularExpression(QStringLiteral("^\\s+\\d+\\s+[0-9.e+-]+")))
                        ? 1
                        : 0;
        EXPECT_EQ(rows, 20) << run.out.toStdString();
        const double expected = std::pow(std::sqrt(k.gain), 19);
        const QRegularExpression ratio(QStringLiteral("first/last grad_z_rms ratio: (\\S+)"));
        const auto match = ratio.match(run.out);
        ASSERT_TRUE(match.hasMatch()) << run.out.toStdString();
        EXPECT_NEAR(match.captured(1).toDouble() / expected, 1.0, 1e-3) << k.init;
        EXPECT_TRUE(run.out.contains(QStringLiteral("born dead: no prediction")));
        EXPECT_TRUE(run.out.contains(QStringLiteral("valid at initialisation only")));
    }
}

TEST(CliTheory, JsonHoldsCorePredictionsExactly)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("theory.json"));
    const QStringList sets = {"dataset=abs", "width=5", "depth=12", "activation=relu"};
    QStringList args = withSets(sets);
    args << QStringLiteral("--json") << path;
    const CliRun run = runCli(args);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();

    const TrainingConfig config = configFor(sets);
    const Dataset data = makeDataset(config);
    const TheoryPrediction p = predictAtInit(config, data);
    const BornDeadPrediction dead = predictBornDead(config);

    const QJsonObject json = readJson(path);
    EXPECT_EQ(json.value("config").toObject().value("width").toInt(), 5);
    EXPECT_EQ(json.value("input_dim").toInt(), 1);
    const QJsonArray layers = json.value("layers").toArray();
    ASSERT_EQ(layers.size(), 12);
    for (int l = 0; l < 12; ++l) {
        const QJsonObject o = layers.at(l).toObject();
        const LayerPrediction &e = p.layers[size_t(l)];
        EXPECT_EQ(o.value("index").toInt(), l + 1);
        EXPECT_EQ(o.value("preact_std").toDouble(), e.preactStd);
        EXPECT_EQ(o.value("mean_phi_squared").toDouble(), e.meanPhiSquared);
        EXPECT_EQ(o.value("mean_deriv_squared").toDouble(), e.meanDerivSquared);
        EXPECT_EQ(o.value("backward_gain").toDouble(), e.backwardGain);
        EXPECT_EQ(o.value("grad_z_rms_ratio").toDouble(), e.gradZRmsRatio);
    }
    const QJsonObject born = json.value("born_dead").toObject();
    ASSERT_TRUE(dead.applies);
    EXPECT_TRUE(born.value("applies").toBool());
    EXPECT_EQ(born.value("probability").toDouble(), dead.probability);
    EXPECT_EQ(born.value("lower").toDouble(), dead.lower);
    EXPECT_EQ(born.value("upper").toDouble(), dead.upper);
    EXPECT_GT(dead.probability, 0.05); // narrow and deep: a real chance
    EXPECT_FALSE(json.value("caveats").toArray().isEmpty());
    // The printed line carries the same number.
    EXPECT_TRUE(run.out.contains(
        QStringLiteral("born dead: probability %1").arg(QString::number(dead.probability, 'g', 4))))
        << run.out.toStdString();
}

TEST(CliTheory, LeakyIsNeverBornDeadAndTheHelpListsTheCommand)
{
    const CliRun run =
        runCli(withSets({"dataset=abs", "width=2", "depth=30", "activation=leaky_relu"}));
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("born dead: probability 0 ")))
        << run.out.toStdString();
    const CliRun help = runCli({QStringLiteral("--help")});
    EXPECT_TRUE(help.out.contains(QStringLiteral("relulab-cli theory")));
}

TEST(CliTheory, BadInputExitsWithCode2AndWritesNothing)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = tmp.path();
    const QStringList before = listTree(dir);
    const QList<QStringList> cases = {
        {"theory", "--steps", "10"},
        {"theory", "--set", "depth=0"},
        {"theory", "--set", "init=magic"},
        {"theory", "--json", dir},
        {"theory", "--json", dir + "/missing/out.json"},
        {"theory", "--preset", "no-such-lesson"},
        {"theory", "extra"},
    };
    for (const QStringList &args : cases) {
        const CliRun run = runCli(args);
        EXPECT_EQ(run.exitCode, 2) << args.join(' ').toStdString();
        EXPECT_FALSE(run.err.trimmed().isEmpty());
        EXPECT_FALSE(run.err.trimmed().contains('\n')) << run.err.toStdString();
        EXPECT_TRUE(run.out.isEmpty()) << run.out.toStdString();
    }
    EXPECT_EQ(listTree(dir), before);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
