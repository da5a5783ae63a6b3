// SPDX-License-Identifier: MIT
// relulab-cli sweep through the real binary: CSV and JSON content checked against core,
// progress on stderr, and bad input refused with one line, exit 2 and no file.
#include "cli_test_support.h"
#include "grid_spec.h"
#include "sweep.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace relulab;
using namespace relulab::clitest;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

TEST(CliSweep, WritesCsvAndJsonThatMatchCore)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString csv = tmp.filePath("sweep.csv"), json = tmp.filePath("sweep.json");
    const CliRun run = runCli({"sweep", "--set", "dataset=abs", "--set", "seed=3", "--grid",
                               "width=2,4", "--grid", "depth=5:15:5", "--seeds", "6", "--metric",
                               "network_dead", "--csv", csv, "--json", json, "--threads", "2"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains("sweep: 6/6 cells")) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("network_dead over 6 seeds, 0 steps: 6 cells, 36 runs"))
        << run.out.toStdString();

    SweepSpec spec;
    spec.base.dataset = DatasetKind::Abs;
    spec.base.seed = 3;
    spec.seeds = 6;
    ASSERT_EQ(parseGridSpec({"width=2,4", "depth=5:15:5"}, spec.base, spec.grid), "");
    const SweepResult expected = runSweep(spec, 1);
    EXPECT_EQ(readText(csv).toStdString(), sweepCsv(spec, expected));
    EXPECT_TRUE(readText(csv).startsWith("width,depth,mean,stderr,n,seed_3,seed_4,"));

    const QJsonObject doc = readJson(json);
    EXPECT_EQ(doc["metric"].toString(), "network_dead");
    EXPECT_EQ(doc["steps"].toInt(), 0);
    EXPECT_EQ(doc["seeds"].toArray().size(), 6);
    EXPECT_EQ(doc["config"].toObject()["dataset"].toString(), "abs");
    const QJsonArray grid = doc["grid"].toArray();
    ASSERT_EQ(grid.size(), 2);
    EXPECT_EQ(grid[1].toObject()["key"].toString(), "depth");
    EXPECT_EQ(grid[1].toObject()["values"].toArray(), QJsonArray({5, 10, 15}));
    const QJsonArray cells = doc["cells"].toArray();
    ASSERT_EQ(cells.size(), 6);
    const std::vector<double> predicted = bornDeadPredictions(spec);
    ASSERT_EQ(predicted.size(), 6u); // ReLU on 1-D |x| at birth: the theory applies
    EXPECT_DOUBLE_EQ(cells[5].toObject()["predicted"].toDouble(), predicted[5]);
    EXPECT_TRUE(run.out.contains(QString::asprintf("theory %.3f", predicted[5])));
    for (int c = 0; c < 6; ++c) {
        const QJsonObject cell = cells[c].toObject();
        const SweepCell &e = expected.cells[size_t(c)];
        EXPECT_EQ(cell["width"].toInt(), c % 2 == 0 ? 2 : 4);
        EXPECT_EQ(cell["depth"].toInt(), 5 * (c / 2 + 1));
        EXPECT_DOUBLE_EQ(cell["mean"].toDouble(), e.mean);
        EXPECT_EQ(cell["n"].toInt(), 6);
        const QJsonArray values = cell["values"].toArray();
        ASSERT_EQ(values.size(), 6);
        for (int s = 0; s < 6; ++s)
            EXPECT_EQ(values[s].toDouble(), e.values[size_t(s)]);
    }
}

TEST(CliSweep, TrainsTheGivenSteps)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("loss.json");
    const CliRun run =
        runCli({"sweep", "--set", "depth=2", "--grid", "activation=relu,tanh", "--seeds", "2",
                "--steps", "30", "--metric", "final_loss", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    SweepSpec spec;
    spec.base.depth = 2;
    spec.seeds = 2;
    spec.steps = 30;
    spec.metric = SweepMetric::FinalLoss;
    ASSERT_EQ(parseGridSpec({"activation=relu,tanh"}, spec.base, spec.grid), "");
    const SweepResult expected = runSweep(spec, 1);
    const QJsonArray cells = readJson(json)["cells"].toArray();
    ASSERT_EQ(cells.size(), 2);
    EXPECT_EQ(cells[1].toObject()["activation"].toString(), "tanh");
    EXPECT_EQ(cells[1].toObject()["values"].toArray()[1].toDouble(), expected.cells[1].values[1]);
}

TEST(CliSweep, StepsToAccuracyReportsCensoredSeedsAsSuch)
{
    QTemporaryDir tmp;
    const QString csv = tmp.filePath("speed.csv"), json = tmp.filePath("speed.json");
    const CliRun run = runCli({"sweep", "--set", "depth=2", "--grid", "width=2,8", "--seeds", "3",
                               "--steps", "60", "--metric", "steps_to_accuracy", "--target", "0.85",
                               "--csv", csv, "--json", json, "--threads", "2"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    SweepSpec spec;
    spec.base.depth = 2;
    spec.seeds = 3;
    spec.steps = 60;
    spec.metric = SweepMetric::StepsToAccuracy;
    spec.target = 0.85;
    ASSERT_EQ(parseGridSpec({"width=2,8"}, spec.base, spec.grid), "");
    const SweepResult expected = runSweep(spec, 1);
    EXPECT_EQ(readText(csv).toStdString(), sweepCsv(spec, expected));
    EXPECT_TRUE(run.out.startsWith("steps_to_accuracy (target ≥ 0.85) over 3 seeds, 60 steps: "))
        << run.out.toStdString();

    const QJsonObject doc = readJson(json);
    EXPECT_EQ(doc["target"].toDouble(), 0.85);
    const QJsonArray cells = doc["cells"].toArray();
    ASSERT_EQ(cells.size(), 2);
    const QStringList lines = run.out.split('\n');
    ASSERT_GE(lines.size(), 3);
    bool sawCensored = false, sawExact = false;
    for (int c = 0; c < 2; ++c) {
        const SweepCell &e = expected.cells[size_t(c)];
        const QJsonObject cell = cells[c].toObject();
        EXPECT_EQ(cell["censored"].toInt(), e.censoredCount);
        EXPECT_EQ(cell["mean_is_lower_bound"].toBool(), e.meanIsLowerBound());
        const QJsonArray flags = cell["censored_seeds"].toArray();
        ASSERT_EQ(flags.size(), 3);
        for (int s = 0; s < 3; ++s)
            EXPECT_EQ(flags[s].toBool(), e.censored[size_t(s)] != 0);
        // The summary never shows a censored mean as if it were finished.
        const QString &line = lines[c + 1];
        EXPECT_EQ(line.contains("≥ "), e.meanIsLowerBound()) << line.toStdString();
        EXPECT_EQ(line.contains(QString("%1 of 3 seeds censored (target not reached in 60 steps)")
                                    .arg(e.censoredCount)),
                  e.meanIsLowerBound())
            << line.toStdString();
        sawCensored |= e.meanIsLowerBound();
        sawExact |= e.censoredCount == 0;
    }
    EXPECT_TRUE(sawCensored && sawExact) << run.out.toStdString(); // both cases, or a weak test
}

TEST(CliSweep, DivergedRunsAreCountedNotAveraged)
{
    // float16 with Adam overflows at the first step (its first update divides by a moment that
    // rounds to 0): every run diverges; at a small learning rate in float32 none does.
    const CliRun run = runCli({"sweep", "--grid", "precision=float32,float16", "--seeds", "3",
                               "--steps", "20", "--metric", "final_loss", "--threads", "2"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QStringList lines = run.out.split('\n');
    ASSERT_GE(lines.size(), 3);
    EXPECT_FALSE(lines[1].contains("diverged")) << lines[1].toStdString();
    EXPECT_TRUE(lines[2].startsWith("precision=float16")) << lines[2].toStdString();
    EXPECT_TRUE(lines[2].contains(" -")) << lines[2].toStdString(); // no mean at all
    EXPECT_TRUE(lines[2].contains("every seed diverged: no final loss")) << lines[2].toStdString();

    // Some seeds of ELU at depth 4 on sine at SGD 0.05 diverge: counted, the mean over the
    // others (a diverged run's last finite loss, up to 1e30, used to enter it).
    QTemporaryDir tmp;
    const QString json = tmp.filePath("some.json");
    const CliRun some = runCli({"sweep",
                                "--set",
                                "dataset=sine",
                                "--set",
                                "width=16",
                                "--set",
                                "optimizer=sgd",
                                "--set",
                                "learning_rate=0.05",
                                "--set",
                                "activation=elu",
                                "--set",
                                "alpha=1",
                                "--grid",
                                "depth=4",
                                "--seeds",
                                "12",
                                "--steps",
                                "1000",
                                "--metric",
                                "final_loss",
                                "--json",
                                json});
    ASSERT_EQ(some.exitCode, 0) << some.err.toStdString();
    const QJsonObject cell = readJson(json)["cells"].toArray()[0].toObject();
    const int n = cell["n"].toInt();
    EXPECT_GT(n, 0);
    EXPECT_LT(n, 12);
    double sum = 0;
    for (const QJsonValue &v : cell["values"].toArray())
        if (!v.isNull())
            sum += v.toDouble();
    EXPECT_NEAR(cell["mean"].toDouble(), sum / n, 1e-12);
    EXPECT_LT(cell["mean"].toDouble(), 10.0); // no exploded loss in it
    const QString line = some.out.split('\n').value(1);
    EXPECT_TRUE(line.contains(
        QString("%1 of 12 seeds diverged: the mean is over the other %2").arg(12 - n).arg(n)))
        << line.toStdString();
}

TEST(CliSweep, AFullyCensoredCellShowsNoStandardError)
{
    // 99% training accuracy on noisy xor in 5 steps: no seed gets there.
    const CliRun run =
        runCli({"sweep", "--set", "dataset=xor", "--grid", "width=8", "--seeds", "3", "--steps",
                "5", "--metric", "steps_to_accuracy", "--target", "0.99"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString line = run.out.split('\n').value(1);
    EXPECT_TRUE(line.contains("≥ 5 ")) << line.toStdString();
    EXPECT_FALSE(line.contains("±")) << line.toStdString();
    EXPECT_TRUE(line.contains("3 of 3 seeds censored")) << line.toStdString();
}

TEST(CliSweep, StepsToLossUsesItsDefaultTarget)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("loss.json");
    const CliRun run = runCli({"sweep", "--grid", "width=4", "--seeds", "1", "--steps", "5",
                               "--metric", "steps_to_loss", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(readJson(json)["target"].toDouble(), 0.1);
    EXPECT_TRUE(run.out.startsWith("steps_to_loss (target ≤ 0.1) over 1 seeds, 5 steps"))
        << run.out.toStdString();
}

struct BadSweep
{
    const char *name;
    QStringList args;
    QString mention;
};

void PrintTo(const BadSweep &c, std::ostream *os)
{
    *os << c.name;
}

class CliSweepBadInput : public ::testing::TestWithParam<BadSweep>
{};

TEST_P(CliSweepBadInput, OneLineExit2AndNoFile)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    QStringList args = {"sweep"};
    for (const QString &a : GetParam().args)
        args << QString(a).replace('@', tmp.path());
    args << "--csv" << tmp.filePath("out.csv");
    const CliRun run = runCli(args);
    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    const QString line = run.err.trimmed();
    EXPECT_FALSE(line.contains('\n')) << run.err.toStdString();
    EXPECT_TRUE(line.contains(GetParam().mention))
        << line.toStdString() << " does not mention " << GetParam().mention.toStdString();
    EXPECT_TRUE(run.out.isEmpty());
    EXPECT_TRUE(listTree(tmp.path()).isEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliSweepBadInput,
    ::testing::Values(
        BadSweep{"no_grid", {"--seeds", "2"}, "--grid key=v1,v2,... or key=a:b[:step] is required"},
        BadSweep{"out_of_range",
                 {"--grid", "depth=1:300"},
                 "--grid depth=1:300: 300 is out of range 1..200"},
        BadSweep{"unknown_key", {"--grid", "depht=1,2"}, "unknown key \"depht\""},
        BadSweep{"three_keys",
                 {"--grid", "depth=1", "--grid", "width=2", "--grid", "alpha=0"},
                 "at most 2 grid keys"},
        BadSweep{"too_many_cells",
                 {"--grid", "width=1:1024", "--grid", "depth=1:200"},
                 "204800 cells; at most 10000"},
        BadSweep{"too_many_runs",
                 {"--grid", "width=1:1000", "--seeds", "10000"},
                 "= 10000000 runs; at most 1000000"},
        BadSweep{"seeds_zero", {"--grid", "depth=1", "--seeds", "0"}, "--seeds: expected"},
        BadSweep{"bad_metric",
                 {"--grid", "depth=1", "--metric", "accuracy"},
                 "--metric: unknown metric \"accuracy\""},
        BadSweep{"accuracy_on_regression",
                 {"--grid", "depth=1", "--set", "dataset=sine", "--metric", "test_accuracy"},
                 "sine is a regression data set"},
        BadSweep{"steps_to_accuracy_on_regression",
                 {"--grid", "depth=1", "--set", "dataset=sine", "--metric", "steps_to_accuracy"},
                 "sine is a regression data set; use steps_to_loss"},
        BadSweep{"target_without_its_metric",
                 {"--grid", "depth=1", "--metric", "final_loss", "--target", "0.5"},
                 "--target: only steps_to_accuracy and steps_to_loss take a target, not "
                 "final_loss"},
        BadSweep{"target_with_default_metric",
                 {"--grid", "depth=1", "--target", "0.5"},
                 "not network_dead"},
        BadSweep{"accuracy_target_above_1",
                 {"--grid", "depth=1", "--metric", "steps_to_accuracy", "--target", "1.5"},
                 "--target: expected an accuracy in (0, 1] for steps_to_accuracy, got \"1.5\""},
        BadSweep{"accuracy_target_0",
                 {"--grid", "depth=1", "--metric", "steps_to_accuracy", "--target", "0"},
                 "--target: expected an accuracy in (0, 1]"},
        BadSweep{"target_not_a_number",
                 {"--grid", "depth=1", "--metric", "steps_to_accuracy", "--target", "high"},
                 "--target: expected an accuracy in (0, 1] for steps_to_accuracy, got \"high\""},
        BadSweep{"loss_target_negative",
                 {"--grid", "depth=1", "--metric", "steps_to_loss", "--target", "-0.1"},
                 "--target: expected a finite loss above 0 for steps_to_loss, got \"-0.1\""},
        BadSweep{"loss_target_infinite",
                 {"--grid", "depth=1", "--metric", "steps_to_loss", "--target", "inf"},
                 "--target: expected a finite loss above 0"},
        BadSweep{"threads", {"--grid", "depth=1", "--threads", "0"}, "--threads: expected"},
        BadSweep{"bad_set", {"--grid", "depth=1", "--set", "width=0"}, "width"},
        BadSweep{"every", {"--grid", "depth=1", "--every", "3"}, "--every is not an option"},
        BadSweep{"bad_csv_dir", {"--grid", "depth=1", "--json", "@/missing/x.json"}, "missing"}));

} // namespace
