// SPDX-License-Identifier: MIT
// relulab-cli train --compare: two networks from the same seed and initial weights.
#include "cli_test_support.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace relulab::clitest;

namespace {

QJsonArray layersAt(const QJsonObject &run, int snapshot)
{
    return run.value("snapshots").toArray().at(snapshot).toObject().value("layers").toArray();
}

} // namespace

TEST(CliCompare, TrainsTwoNetworksFromTheSameStart)
{
    QTemporaryDir dir;
    const QString json = dir.filePath("compare.json");
    const CliRun run = runCli({"train", "--preset", "dying-relu", "--steps", "200", "--every",
                               "100", "--compare", "activation=leaky_relu", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("== A ==")) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains("== B (activation=leaky_relu) =="));

    const QJsonObject doc = readJson(json);
    EXPECT_EQ(doc.value("compare").toObject().value("activation").toString(), "leaky_relu");
    const QJsonObject a = doc.value("a").toObject(), b = doc.value("b").toObject();
    EXPECT_EQ(a.value("config").toObject().value("activation").toString(), "relu");
    EXPECT_EQ(b.value("config").toObject().value("activation").toString(), "leaky_relu");
    ASSERT_EQ(a.value("snapshots").toArray().size(), 3);
    ASSERT_EQ(b.value("snapshots").toArray().size(), 3);

    // Same initial weights: at step 0 both networks see the same pre-activations (slopes
    // only act after them), so the first layer's statistics agree exactly.
    const QJsonObject a0 = layersAt(a, 0).at(0).toObject(), b0 = layersAt(b, 0).at(0).toObject();
    EXPECT_EQ(a0.value("preact_mean").toDouble(), b0.value("preact_mean").toDouble());
    EXPECT_EQ(a0.value("preact_std").toDouble(), b0.value("preact_std").toDouble());

    // The lesson's point: ReLU loses many units at this learning rate, Leaky none.
    const QJsonObject aLast = a.value("snapshots").toArray().last().toObject();
    const QJsonObject bLast = b.value("snapshots").toArray().last().toObject();
    EXPECT_GE(aLast.value("dead_share").toDouble(), 0.3);
    EXPECT_EQ(bLast.value("dead_share").toDouble(), 0.0);
}

TEST(CliCompare, CsvHasANetworkColumn)
{
    QTemporaryDir dir;
    const QString csv = dir.filePath("compare.csv");
    const CliRun run = runCli({"train", "--steps", "10", "--compare", "alpha=0.2", "--compare",
                               "activation=leaky_relu", "--csv", csv});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    ASSERT_FALSE(lines.isEmpty());
    EXPECT_TRUE(lines.front().startsWith("network,step,loss"));
    EXPECT_EQ(lines.filter(QRegularExpression("^a,")).size(),
              lines.filter(QRegularExpression("^b,")).size());
    EXPECT_GT(lines.filter(QRegularExpression("^b,")).size(), 0);
}

TEST(CliCompare, BadOverrideIsRefusedWithoutOutput)
{
    QTemporaryDir dir;
    const QString json = dir.filePath("never.json");
    for (const QString &bad : {QString("depth=0"), QString("colour=red"), QString("alpha"),
                               QString("activation=leaky_relu,alpha=2")}) {
        const CliRun run = runCli({"train", "--steps", "5", "--compare", bad, "--json", json});
        EXPECT_EQ(run.exitCode, 2) << bad.toStdString();
        EXPECT_TRUE(run.err.startsWith("relulab-cli: --compare: ")) << run.err.toStdString();
        EXPECT_EQ(run.err.count('\n'), 1) << run.err.toStdString();
        EXPECT_FALSE(QFile::exists(json));
    }
    // --compare belongs to train only.
    const CliRun dump = runCli({"dump-state", "--compare", "alpha=0.1", "--json", json});
    EXPECT_EQ(dump.exitCode, 2);
    EXPECT_FALSE(QFile::exists(json));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// export --compare draws run B into every plot, as the window's compare mode does: the images
// differ from a plain export's, yet the same command twice writes the same bytes.
TEST(CliCompare, ExportDrawsRunB)
{
    QTemporaryDir dir;
    auto exportTo = [&](const QString &name, bool compare) {
        QStringList args = {"export", "--preset",         "dying-relu", "--steps", "30",
                            "--out",  dir.filePath(name), "--scale",    "0.5"};
        if (compare)
            args << "--compare"
                 << "activation=leaky_relu";
        const CliRun run = runCli(args);
        EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    };
    exportTo("plain", false);
    exportTo("compare", true);
    exportTo("compare-again", true);
    auto bytes = [&](const QString &name, const char *plot) {
        QFile file(dir.filePath(name) + "/" + plot);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
        return file.readAll();
    };
    for (const char *plot : {"loss.png", "gradients.png", "dead.png", "output.png"}) {
        SCOPED_TRACE(plot);
        EXPECT_FALSE(bytes("compare", plot).isEmpty());
        EXPECT_NE(bytes("plain", plot), bytes("compare", plot));
        EXPECT_EQ(bytes("compare", plot), bytes("compare-again", plot));
    }
}
