// SPDX-License-Identifier: MIT
// relulab-cli cost end to end: the table, the JSON schema, and bad input (exit 2, one line,
// no file).
#include "activation.h"
#include "cli_test_support.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>

#include <cmath>

namespace relulab {
namespace {

using clitest::listTree;
using clitest::readJson;
using clitest::runCli;

TEST(CliCost, PrintsATableAndWritesTheJsonSchema)
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("cost.json"));
    const auto run = runCli({"cost", "--preset", "cost", "--set", "depth=3", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("forward ns/el"));
    EXPECT_TRUE(run.out.contains("3 hidden layers x 16 units, minibatch 64"));
    EXPECT_TRUE(run.out.contains("Leaky ReLU costs "));
    for (Activation a : allActivations())
        EXPECT_TRUE(run.out.contains(QLatin1String(activationName(a)) + ' ')) << activationName(a);

    const QJsonObject o = readJson(json);
    ASSERT_FALSE(o.isEmpty());
    EXPECT_EQ(o["config"].toObject()["depth"].toInt(), 3);
    const QJsonObject network = o["network"].toObject();
    EXPECT_EQ(network["depth"].toInt(), 3);
    EXPECT_EQ(network["width"].toInt(), 16);
    EXPECT_EQ(network["batch"].toInt(), 64);
    EXPECT_EQ(network["elements_per_step"].toInt(), 3 * 16 * 64);
    EXPECT_EQ(o["array_elements"].toInt(), 1 << 20);
    EXPECT_GT(o["repeats"].toInt(), 0);
    EXPECT_GT(o["matmul_ns"].toDouble(), 0);
    EXPECT_GT(o["matmul_share"].toDouble(), 0);
    EXPECT_LE(o["matmul_share"].toDouble(), 1);
    EXPECT_TRUE(o["answer"].toString().startsWith("In this 3 x 16 network, Leaky ReLU costs "));
    const QJsonArray list = o["activations"].toArray();
    ASSERT_EQ(list.size(), qsizetype(allActivations().size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject c = list[i].toObject();
        SCOPED_TRACE(c["activation"].toString().toStdString());
        EXPECT_EQ(c["activation"].toString(),
                  QLatin1String(activationName(allActivations()[size_t(i)])));
        for (const char *key :
             {"forward_ns_per_element", "backward_ns_per_element", "step_ns", "activation_ns"}) {
            const double v = c[QLatin1String(key)].toDouble(-1);
            EXPECT_TRUE(std::isfinite(v) && v > 0) << key;
        }
        const double share = c["step_share"].toDouble(-1);
        EXPECT_GE(share, 0);
        EXPECT_LE(share, 1);
        EXPECT_TRUE(c["alpha"].isDouble());
    }
}

TEST(CliCost, BadInputGivesOneLineAndWritesNothing)
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("cost.json"));
    const QList<std::pair<QStringList, QString>> cases = {
        {{"cost", "--steps", "5"}, "--steps is not an option of this command"},
        {{"cost", "--csv", dir.filePath("x.csv")}, "--csv is not an option of this command"},
        {{"cost", "--set", "depth=0", "--json", json}, "depth"},
        {{"cost", "--preset", "no-such-lesson", "--json", json}, "no-such-lesson"},
        {{"cost", "--json", dir.filePath("missing/cost.json")}, "--json"},
        {{"cost", "--json", json, "--json", json}, "give it once"},
        {{"cost", "extra"}, "unexpected argument"},
    };
    for (const auto &[args, needle] : cases) {
        SCOPED_TRACE(args.join(' ').toStdString());
        const auto run = runCli(args);
        EXPECT_EQ(run.exitCode, 2);
        EXPECT_TRUE(run.out.isEmpty());
        EXPECT_EQ(run.err.count('\n'), 1) << run.err.toStdString();
        EXPECT_TRUE(run.err.contains(needle)) << run.err.toStdString();
    }
    EXPECT_EQ(listTree(dir.path()), QStringList());
}

} // namespace
} // namespace relulab

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
