// SPDX-License-Identifier: MIT
// Runs the real relulab-cli binary (QProcess) and checks its output against core, in-process.
#include "cli_test_support.h"
#include "config_json.h"
#include "trainer.h"
#include "training_config.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace relulab;
using namespace relulab::clitest;

namespace {

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, one line on stderr naming the culprit, and no file left behind.

struct BadInput
{
    const char *name;
    QStringList args;    ///< "@" is replaced by the scratch directory
    QStringList mention; ///< words the error line must contain ("@" replaced too)
};

void PrintTo(const BadInput &c, std::ostream *os)
{
    *os << c.name;
}

class CliBadInput : public ::testing::TestWithParam<BadInput>
{};

TEST_P(CliBadInput, ExitsWithCode2OneLineAndNoFile)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = tmp.path();
    writeFile(dir + "/malformed.json", "{\n  \"depth\": 4,\n}\n");
    writeFile(dir + "/unknown_key.json", R"({"depth": 4, "foo": 1})");
    writeFile(dir + "/string_depth.json", R"({"depth": "4"})");
    writeFile(dir + "/fraction_depth.json", R"({"settings": {"depth": 4.5}})");
    writeFile(dir + "/big_rate.json", R"({"config": {"learning_rate": 100}})");
    writeFile(dir + "/mnist.json", R"({"dataset": "mnist"})");
    writeFile(dir + "/array.json", "[1, 2]");
    writeFile(dir + "/leaky_alpha.json", R"({"activation": "leaky_relu", "alpha": 2})");
    if (std::string_view(GetParam().name) == "json_too_big") // 4 MiB: only where needed
        writeFile(dir + "/huge.json",
                  "{\"depth\": 4" + QByteArray(int(kMaxConfigFileBytes), ' ') + "}");
    writeFile(dir + "/file.txt", "not a directory");
    ASSERT_FALSE(HasFatalFailure()) << "a writeFile above failed";
    const QStringList before = listTree(dir);

    QStringList args;
    for (const QString &a : GetParam().args)
        args << QString(a).replace('@', dir);
    const CliRun run = runCli(args);

    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    const QString line = run.err.trimmed();
    EXPECT_FALSE(line.isEmpty());
    EXPECT_FALSE(line.contains('\n')) << "more than one line: " << run.err.toStdString();
    for (const QString &word : GetParam().mention)
        EXPECT_TRUE(line.contains(QString(word).replace('@', dir)))
            << "\"" << line.toStdString() << "\" does not mention " << word.toStdString();
    EXPECT_EQ(listTree(dir), before) << "a file was created or removed";
    EXPECT_TRUE(run.out.isEmpty()) << run.out.toStdString();
}

const QString kOut = QStringLiteral("@/out.json");

QStringList train(const QStringList &more)
{
    return QStringList{"train", "--steps", "3", "--json", kOut, "--csv", "@/out.csv"} + more;
}

std::vector<BadInput> badInputs()
{
    std::vector<BadInput> cases = {
        BadInput{"unknown_key", train({"--set", "foo=1"}), {"foo"}},
        BadInput{"unknown_value", train({"--set", "activation=swish"}), {"activation", "swish"}},
        BadInput{"out_of_range", train({"--set", "depth=500"}), {"depth", "1..200"}},
        BadInput{"not_an_integer", train({"--set", "width=2.5"}), {"width", "1..1024"}},
        BadInput{"not_a_number", train({"--set", "noise=lots"}), {"noise", "[0, 5]"}},
        BadInput{"alpha_for_leaky",
                 train({"--set", "activation=leaky_relu", "--set", "alpha=1.5"}),
                 {"alpha", "[0, 1]"}},
        BadInput{"set_without_value", train({"--set", "depth"}), {"depth", "key=value"}},
        BadInput{"unknown_preset", train({"--preset", "nope"}), {"nope", "default"}},
        BadInput{"preset_path", train({"--preset", "../lessons/default"}), {"../lessons"}},
        BadInput{"preset_and_config",
                 train({"--preset", "default", "--config", "@/array.json"}),
                 {"--preset", "--config"}},
        BadInput{"missing_config", train({"--config", "@/missing.json"}), {"@/missing.json"}},
        BadInput{"config_is_dir", train({"--config", "@"}), {"@", "directory"}},
        BadInput{"malformed_json",
                 train({"--config", "@/malformed.json"}),
                 {"@/malformed.json", "offset", "line 3"}},
        BadInput{"json_unknown_key",
                 train({"--config", "@/unknown_key.json"}),
                 {"@/unknown_key.json", "foo"}},
        BadInput{"json_string_for_int",
                 train({"--config", "@/string_depth.json"}),
                 {"@/string_depth.json", "depth"}},
        BadInput{"json_fraction_for_int",
                 train({"--config", "@/fraction_depth.json"}),
                 {"@/fraction_depth.json", "depth", "4.5"}},
        BadInput{"json_out_of_range",
                 train({"--config", "@/big_rate.json"}),
                 {"@/big_rate.json", "learning_rate", "[1e-06, 10]"}},
        BadInput{"json_unknown_value",
                 train({"--config", "@/mnist.json"}),
                 {"@/mnist.json", "dataset", "mnist"}},
        BadInput{
            "json_not_object", train({"--config", "@/array.json"}), {"@/array.json", "object"}},
        BadInput{"json_cross_key",
                 train({"--config", "@/leaky_alpha.json"}),
                 {"@/leaky_alpha.json", "alpha"}},
        BadInput{"json_too_big", train({"--config", "@/huge.json"}), {"@/huge.json", "big"}},
        BadInput{"too_big_for_memory",
                 train({"--set", "depth=200", "--set", "width=1024", "--set", "samples=100000"}),
                 {"memory", "depth 200"}},
        BadInput{"unknown_command", {"frobnicate"}, {"frobnicate", "train"}},
        BadInput{"missing_command", {}, {"command"}},
        BadInput{"unknown_option", train({"--frob"}), {"frob"}},
        BadInput{"negative_steps",
                 {"train", "--steps", "-1", "--json", kOut},
                 {"--steps", "0..10000000"}},
        BadInput{"too_many_steps", {"train", "--steps", "10000001"}, {"--steps"}},
        BadInput{"text_steps", {"train", "--steps", "1e3", "--json", kOut}, {"--steps", "1e3"}},
        BadInput{"repeated_steps", train({"--steps", "4"}), {"--steps"}},
        BadInput{"zero_every", train({"--every", "0"}), {"--every"}},
        BadInput{"option_of_other_command", {"keys", "--steps", "5"}, {"--steps"}},
        BadInput{
            "csv_for_dump_state", {"dump-state", "--json", kOut, "--csv", "@/o.csv"}, {"--csv"}},
        BadInput{"dump_state_without_json", {"dump-state"}, {"--json"}},
        BadInput{"extra_argument", {"train", "more"}, {"more"}},
        BadInput{"missing_output_dir",
                 {"train", "--steps", "3", "--json", "@/no/such/o.json"},
                 {"@/no/such/o.json"}},
        BadInput{"output_under_a_file",
                 {"dump-state", "--json", "@/file.txt/o.json"},
                 {"@/file.txt/o.json", "not a directory"}},
        BadInput{"output_is_a_directory",
                 {"train", "--steps", "3", "--csv", "@"},
                 {"--csv", "directory"}},
        BadInput{"same_json_and_csv", {"train", "--json", kOut, "--csv", kOut}, {"@/out.json"}}};
    cases.insert(
        cases.end(),
        {BadInput{"export_without_out", {"export", "--steps", "1"}, {"--out"}},
         BadInput{"export_bad_scale",
                  {"export", "--out", "@/figs", "--scale", "5"},
                  {"--scale", "[0.5, 4]"}},
         BadInput{
             "export_under_a_file", {"export", "--out", "@/file.txt/figs"}, {"@/file.txt/figs"}},
         BadInput{"export_bad_key", {"export", "--out", "@/figs", "--set", "depth=0"}, {"depth"}}});

    return cases;
}

INSTANTIATE_TEST_SUITE_P(All, CliBadInput, ::testing::ValuesIn(badInputs()),
                         [](const ::testing::TestParamInfo<BadInput> &info) {
                             return std::string(info.param.name);
                         });

// Outside input with a newline and an ANSI escape sequence: still exactly one line on stderr,
// with no ESC byte (a terminal would act on it), and the escapes show what was typed.
TEST(Cli, ControlCharactersInInputGiveOneLineWithVisibleEscapes)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString red = QStringLiteral("\x1b[31m");
    const std::vector<std::pair<QStringList, QString>> cases = {
        {{"train", "--set", "activation=relu\n" + red + "relulab-cli: all good"},
         R"(activation: unknown value "relu\n\e[31mrelulab-cli: all good")"},
        {{"train", "--set", "depth=4\r" + red}, R"(got "4\r\e[31m")"},
        {{"train", "--set", "\n" + red + "=1"}, R"(unknown key "\n\e[31m")"},
        {{"train", "--set", "dataset=csv:" + tmp.path() + "/a\n" + red + ".csv"},
         tmp.path() + R"(/a\n\e[31m.csv: cannot open the file)"},
        {{"sweep", "--grid", "depth=1,2\n" + red}, R"(depth=1,2\n\e[31m: )"},
        {{"train\n" + red}, R"(unknown command "train\n\e[31m")"},
        {{"train", "--steps", "1\n" + red}, R"(--steps: expected an integer in 0..)"},
        {{"train", "--json", tmp.path() + "/no\n" + red + "/o.json"}, R"(/no\n\e[31m/o.json)"},
    };
    for (const auto &[args, expected] : cases) {
        QProcess process;
        process.start(QStringLiteral(RELULAB_CLI_PATH), args);
        ASSERT_TRUE(process.waitForFinished(120'000));
        const QByteArray err = process.readAllStandardError();
        const QString shown = QString::fromUtf8(err);
        EXPECT_EQ(process.exitCode(), 2) << shown.toStdString();
        EXPECT_EQ(err.count('\n'), 1) << shown.toStdString();
        EXPECT_TRUE(err.endsWith('\n')) << shown.toStdString();
        EXPECT_FALSE(err.contains('\x1b')) << shown.toStdString();
        EXPECT_FALSE(err.contains('\r')) << shown.toStdString();
        EXPECT_TRUE(shown.contains(expected))
            << shown.toStdString() << " lacks " << expected.toStdString();
    }
}

// ---------------------------------------------------------------------------------------------

TEST(Cli, HelpAndVersion)
{
    const CliRun help = runCli({"--help"});
    EXPECT_EQ(help.exitCode, 0);
    for (const char *word : {"train", "dump-state", "keys", "--preset", "--set", "--every"})
        EXPECT_TRUE(help.out.contains(QLatin1String(word))) << word;
    const CliRun version = runCli({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith("relulab-cli ")) << version.out.toStdString();
}

TEST(Cli, KeysListsEverySettingWithItsDefault)
{
    const CliRun run = runCli({"keys"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QStringList listed;
    for (const QString &line : run.out.split('\n')) {
        if (!line.isEmpty() && !line.startsWith(' '))
            listed << line.section(' ', 0, 0);
    }
    QStringList expected;
    for (const ConfigKey &key : configKeys())
        expected << QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
    EXPECT_EQ(expected.size(), 18);
    EXPECT_EQ(listed, expected);
    EXPECT_TRUE(run.out.contains(QRegularExpression("depth +int +default 4\n +range: 1..200")));
}

std::vector<std::int64_t> snapshotSteps(const QJsonObject &doc)
{
    std::vector<std::int64_t> steps;
    for (const QJsonValue &s : doc.value("snapshots").toArray())
        steps.push_back(s.toObject().value("step").toInteger());
    return steps;
}

TEST(Cli, TrainWritesSnapshotsAtZeroEveryKAndLast)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("run.json"), csv = tmp.filePath("run.csv");
    const CliRun run = runCli({"train", "--steps", "25", "--every", "10", "--set", "depth=3",
                               "--set", "activation=prelu", "--json", json, "--csv", csv});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject doc = readJson(json);
    EXPECT_EQ(snapshotSteps(doc), (std::vector<std::int64_t>{0, 10, 20, 25}));
    EXPECT_EQ(doc.value("loss_kind").toString(), "bce_logits");

    const QJsonObject first = doc.value("snapshots").toArray().first().toObject();
    EXPECT_TRUE(std::isfinite(first.value("loss").toDouble()));
    EXPECT_FALSE(first.value("diverged").toBool(true));
    const QJsonArray layers = first.value("layers").toArray();
    ASSERT_EQ(layers.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject layer = layers[i].toObject();
        EXPECT_EQ(layer.value("index").toInt(), i + 1);
        for (const char *field : {"grad_w_norm", "grad_b_norm", "grad_z_rms", "preact_mean",
                                  "preact_std", "dead_fraction", "negative_fraction"})
            EXPECT_TRUE(layer.value(QLatin1String(field)).isDouble()) << field;
        EXPECT_EQ(layer.value("alpha").toDouble(), double(0.01f)); // the float slope in use
    }

    // The same run in-process gives the same numbers, to the last bit.
    TrainingConfig config;
    config.depth = 3;
    config.activation = Activation::Prelu;
    Trainer trainer(config);
    trainer.train(25);
    const Snapshot last = trainer.snapshot();
    const QJsonObject lastJson = doc.value("snapshots").toArray().last().toObject();
    EXPECT_EQ(lastJson.value("loss").toDouble(), last.loss);
    EXPECT_EQ(lastJson.value("layers").toArray()[1].toObject().value("grad_w_norm").toDouble(),
              last.layers[1].gradWNorm);

    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(csvFile.readAll()).trimmed().split('\n');
    ASSERT_EQ(rows.size(), 1 + 4 * 3); // header, then 4 snapshots × 3 layers
    EXPECT_TRUE(rows[0].startsWith("step,loss,test_loss,accuracy"));
    EXPECT_TRUE(rows[1].startsWith("0,"));
    EXPECT_TRUE(rows[12].startsWith("25,"));
    EXPECT_EQ(rows[12].count(','), rows[0].count(','));

    // The per-layer table on stdout.
    EXPECT_TRUE(run.out.contains("step 25 ")) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QRegularExpression("\n +3 +\\S+ +\\S+% +\\S+% +\\S+\n")));
    EXPECT_TRUE(run.out.contains("network_dead"));
    EXPECT_TRUE(run.out.contains("dead units:"));
}

TEST(Cli, TrainDefaultIntervalAndZeroSteps)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("a.json");
    ASSERT_EQ(runCli({"train", "--steps", "30", "--json", json}).exitCode, 0);
    EXPECT_EQ(snapshotSteps(readJson(json)),
              (std::vector<std::int64_t>{0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30}));
    ASSERT_EQ(runCli({"train", "--steps", "0", "--json", json}).exitCode, 0);
    EXPECT_EQ(snapshotSteps(readJson(json)), (std::vector<std::int64_t>{0}));
}

TEST(Cli, TrainWritesUnitsAndUpdateRatios)
{
    // Negative biases: some units are dead from the start, others die along the way.
    QTemporaryDir tmp;
    const QString json = tmp.filePath("units.json"), csv = tmp.filePath("units.csv");
    const CliRun run =
        runCli({"train", "--steps", "40", "--every", "10", "--set", "depth=3", "--set", "width=8",
                "--set", "bias_init=-0.3", "--json", json, "--csv", csv});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonArray snapshots = readJson(json).value("snapshots").toArray();
    ASSERT_EQ(snapshots.size(), 5);
    std::vector<std::vector<bool>> wasDead(3, std::vector<bool>(8, false));
    std::vector<std::vector<std::int64_t>> diedAt(3, std::vector<std::int64_t>(8, -1));
    int deadSeen = 0;
    for (const QJsonValue &snapshot : snapshots) {
        const QJsonObject s = snapshot.toObject();
        const std::int64_t step = s.value("step").toInteger();
        const QJsonArray layers = s.value("layers").toArray();
        ASSERT_EQ(layers.size(), 3);
        for (int l = 0; l < 3; ++l) {
            SCOPED_TRACE("step " + std::to_string(step) + " layer " + std::to_string(l + 1));
            const QJsonObject layer = layers[l].toObject();
            if (step == 0) {
                EXPECT_TRUE(layer.value("update_ratio").isNull());
                EXPECT_TRUE(layer.value("stalled_updates").isNull());
            } else {
                const double stalled = layer.value("stalled_updates").toDouble(-1);
                EXPECT_GE(stalled, 0.0);
                EXPECT_LE(stalled, 1.0);
                EXPECT_TRUE(layer.value("update_ratio").isDouble());
                EXPECT_GT(layer.value("update_ratio").toDouble(), 0.0);
            }
            const QJsonArray units = layer.value("units").toArray();
            ASSERT_EQ(units.size(), 8);
            int dead = 0, negative = 0;
            for (int u = 0; u < 8; ++u) {
                const QJsonObject unit = units[u].toObject();
                for (const char *field : {"alive_share", "z_mean", "z_std"})
                    EXPECT_TRUE(unit.value(QLatin1String(field)).isDouble()) << field;
                const bool isDead = unit.value("dead").toBool();
                dead += isDead;
                negative += unit.value("negative").toBool();
                EXPECT_EQ(isDead, unit.value("alive_share").toDouble() == 0.0);
                // The first snapshot since which the unit has stayed dead; null while alive.
                if (isDead) {
                    if (!wasDead[size_t(l)][size_t(u)])
                        diedAt[size_t(l)][size_t(u)] = step;
                    EXPECT_EQ(unit.value("died_at_step").toInteger(-2),
                              diedAt[size_t(l)][size_t(u)]);
                } else {
                    EXPECT_TRUE(unit.value("died_at_step").isNull());
                }
                wasDead[size_t(l)][size_t(u)] = isDead;
            }
            deadSeen += dead;
            EXPECT_EQ(layer.value("dead_fraction").toDouble(), dead / 8.0);
            EXPECT_EQ(layer.value("negative_fraction").toDouble(), negative / 8.0);
        }
    }
    EXPECT_GT(deadSeen, 0) << "the test needs some dead units";

    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(csvFile.readAll()).trimmed().split('\n');
    ASSERT_EQ(rows.size(), 1 + 5 * 3);
    EXPECT_TRUE(rows[0].endsWith(",alpha,update_ratio,stalled_updates")) << rows[0].toStdString();
    EXPECT_TRUE(rows[1].endsWith(",,,")) << "no alpha for ReLU, no ratio or stall at step 0";
    bool ok = false;
    EXPECT_GT(rows.last().section(',', -2, -2).toDouble(&ok), 0.0);
    EXPECT_TRUE(ok) << rows.last().toStdString();
}

TEST(Cli, TrainStopsAndSaysSoWhenTheLossDiverges)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("d.json");
    const CliRun run = runCli({"train", "--steps", "100", "--every", "10", "--set", "dataset=sine",
                               "--set", "init_scale=30", "--set", "optimizer=sgd", "--set",
                               "learning_rate=10", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("diverged after")) << run.out.toStdString();
    const QJsonArray snapshots = readJson(json).value("snapshots").toArray();
    ASSERT_FALSE(snapshots.isEmpty());
    EXPECT_TRUE(snapshots.last().toObject().value("diverged").toBool());
    EXPECT_LT(snapshots.last().toObject().value("step").toInteger(), 100);
}

TEST(Cli, ConfigOutputFeedsBackAsConfig)
{
    QTemporaryDir tmp;
    const QString first = tmp.filePath("first.json"), second = tmp.filePath("second.json");
    const QStringList sets = {"--set", "activation=elu",      "--set", "alpha=2.5",
                              "--set", "learning_rate=0.003", "--set", "seed=9007199254740991",
                              "--set", "input_shift=-0.1",    "--set", "dataset=abs"};
    ASSERT_EQ(runCli(QStringList{"train", "--steps", "0", "--json", first} + sets).exitCode, 0);
    const CliRun again = runCli({"train", "--steps", "0", "--config", first, "--json", second});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_EQ(readJson(first).value("config"), readJson(second).value("config"));

    TrainingConfig expected;
    ASSERT_EQ(resolveConfig({}, {},
                            {"activation=elu", "alpha=2.5", "learning_rate=0.003",
                             "seed=9007199254740991", "input_shift=-0.1", "dataset=abs"},
                            expected),
              QString());
    TrainingConfig loaded;
    ASSERT_EQ(loadConfigFile(second, loaded), QString());
    EXPECT_TRUE(loaded == expected);
    EXPECT_EQ(loaded.seed, 9007199254740991ULL);
}

TEST(Cli, ExportWritesEveryPlotAndAConfigThatLoadsBack)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath("figs"); // missing: export creates it
    const CliRun run = runCli({"export", "--steps", "20", "--out", dir, "--scale", "0.5", "--set",
                               "activation=leaky_relu", "--set", "alpha=0.25"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    for (const char *name :
         {"activation.png", "derivative.png", "gradients.png", "dead.png", "loss.png", "output.png",
          "network.png", "timeline.png", "dashboard.png", "config.json"})
        EXPECT_GT(QFileInfo(dir + "/" + name).size(), 0) << name;
    TrainingConfig expected;
    ASSERT_EQ(resolveConfig({}, {}, {"activation=leaky_relu", "alpha=0.25"}, expected), QString());
    TrainingConfig loaded;
    EXPECT_EQ(loadConfigFile(dir + "/config.json", loaded), QString());
    EXPECT_TRUE(loaded == expected);
}

TEST(Cli, EveryPresetRunsWithItsSettings)
{
    QTemporaryDir tmp;
    const QString json = tmp.filePath("preset.json");
    for (const QString &name : presetNames()) {
        SCOPED_TRACE(name.toStdString());
        const CliRun run = runCli({"train", "--preset", name, "--steps", "2", "--json", json});
        ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
        TrainingConfig expected, used;
        ASSERT_EQ(loadPreset(name, expected), QString());
        ASSERT_EQ(loadConfigFile(json, used), QString());
        EXPECT_TRUE(used == expected);
    }
}

// The claim of both ReLU lessons: ReLU ends with a dead network, Leaky ReLU with the same seed
// keeps every unit alive and learns.
class CliLesson : public ::testing::TestWithParam<const char *>
{};

TEST_P(CliLesson, ReluDiesButLeakyWithTheSameSeedLearns)
{
    QTemporaryDir tmp;
    const QString relu = tmp.filePath("relu.json"), leaky = tmp.filePath("leaky.json");
    const QString preset = QLatin1String(GetParam());
    ASSERT_EQ(runCli({"train", "--preset", preset, "--json", relu}).exitCode, 0);
    ASSERT_EQ(
        runCli({"train", "--preset", preset, "--set", "activation=leaky_relu", "--json", leaky})
            .exitCode,
        0);
    const QJsonObject reluEnd = readJson(relu).value("snapshots").toArray().last().toObject();
    const QJsonObject leakyEnd = readJson(leaky).value("snapshots").toArray().last().toObject();
    EXPECT_TRUE(reluEnd.value("network_dead").toBool());
    EXPECT_GE(reluEnd.value("dead_share").toDouble(), 0.3);
    EXPECT_NEAR(reluEnd.value("loss").toDouble(), std::log(2.0), 0.01); // a coin flip
    EXPECT_FALSE(leakyEnd.value("network_dead").toBool(true));
    EXPECT_EQ(leakyEnd.value("dead_share").toDouble(-1), 0.0);
    EXPECT_LT(leakyEnd.value("loss").toDouble(), 0.3);
}

INSTANTIATE_TEST_SUITE_P(Presets, CliLesson, ::testing::Values("dying-relu", "relu-vs-leaky"),
                         [](const ::testing::TestParamInfo<const char *> &info) {
                             return QString::fromLatin1(info.param).replace('-', '_').toStdString();
                         });

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
