// SPDX-License-Identifier: MIT
// relulab-cli lesson check / lesson new, the real binary: every problem of a file with the
// field's path and exit 2, one "ok" line and exit 0; a copy of a built-in lesson that checks ok,
// written atomically and never over an existing file without --force.
#include "cli_test_support.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace relulab::clitest;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class CliLessonFile : public ::testing::Test
{
protected:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

TEST_F(CliLessonFile, NewWritesACopyThatChecksOk)
{
    const QString out = path("my-lesson.json");
    const CliRun made = runCli({"lesson", "new", "--from", "dying-relu", "--out", out});
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    EXPECT_TRUE(made.err.isEmpty());
    EXPECT_TRUE(made.out.contains("my-lesson.json")) << made.out.toStdString();
    const QJsonObject copy = readJson(out);
    EXPECT_EQ(copy.value("name").toString(), "my-lesson");
    EXPECT_EQ(copy.value("title").toString(),
              "Dying ReLU: a learning rate that is too high kills units");
    EXPECT_EQ(copy.value("locked").toArray().size(), 13);
    // Nothing but the file itself is left in the folder.
    EXPECT_EQ(listTree(m_dir.path()), QStringList{out});

    const CliRun checked = runCli({"lesson", "check", out});
    EXPECT_EQ(checked.exitCode, 0) << checked.err.toStdString();
    EXPECT_TRUE(checked.err.isEmpty());
    EXPECT_EQ(checked.out, out + ": ok: lesson \"my-lesson\", 500 steps, 13 locked, 4 hidden, "
                                 "run B with activation=leaky_relu\n");
}

TEST_F(CliLessonFile, NewNeverOverwritesWithoutForce)
{
    const QString out = path("mine.json");
    writeFile(out, "{\"title\": \"my own work\"}");
    const CliRun refused = runCli({"lesson", "new", "--from", "born-dead", "--out", out});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("exists; add --force to replace it"))
        << refused.err.toStdString();
    EXPECT_EQ(refused.err.count('\n'), 1);
    EXPECT_EQ(readBytes(out), "{\"title\": \"my own work\"}");

    const CliRun forced = runCli({"lesson", "new", "--from", "born-dead", "--out", out, "--force"});
    EXPECT_EQ(forced.exitCode, 0) << forced.err.toStdString();
    EXPECT_EQ(readJson(out).value("name").toString(), "mine");
    EXPECT_EQ(readJson(out).value("steps").toInt(), 300);
    EXPECT_EQ(listTree(m_dir.path()), QStringList{out});
}

TEST_F(CliLessonFile, NewWithoutOutPrintsTheBuiltInLesson)
{
    const CliRun run = runCli({"lesson", "new", "--from", "cost"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    EXPECT_EQ(doc.object().value("name").toString(), "cost");
    EXPECT_TRUE(doc.object().contains("settings"));
}

TEST_F(CliLessonFile, CheckListsEveryProblemWithItsPath)
{
    QJsonObject lesson =
        QJsonDocument::fromJson(runCli({"lesson", "new", "--from", "dying-relu"}).out.toUtf8())
            .object();
    ASSERT_FALSE(lesson.isEmpty());
    QJsonObject settings = lesson["settings"].toObject();
    settings["depth"] = 0;
    settings["init"] = "no-such-init";
    lesson["settings"] = settings;
    lesson["locked"] = QJsonArray{"depth", "widht"};
    lesson["hidden"] = QJsonArray{};
    lesson["pause_at"] = 900;
    lesson.remove("todo");
    const QString file = path("broken.json");
    writeFile(file, QJsonDocument(lesson).toJson());

    const CliRun run = runCli({"lesson", "check", file});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.out.isEmpty());
    const QStringList lines = run.err.trimmed().split('\n');
    const QString at = "relulab-cli: " + file + ": ";
    ASSERT_EQ(lines.size(), 5) << run.err.toStdString();
    EXPECT_EQ(lines[0], at + "todo: missing");
    EXPECT_EQ(lines[1], at + "settings.depth: 0 is out of range 1..200");
    EXPECT_TRUE(lines[2].startsWith(at + "settings.init: ")) << lines[2].toStdString();
    EXPECT_EQ(lines[3], at + "pause_at: expected an integer in 1..500, got 900");
    EXPECT_TRUE(lines[4].startsWith(at + "locked[1]: unknown key \"widht\""))
        << lines[4].toStdString();
}

TEST_F(CliLessonFile, CheckOfFilesThatAreNoLessons)
{
    writeFile(path("cut.json"), "{\"title\": \"x\",");
    writeFile(path("settings.json"), "{\"depth\": 4}");
    for (const auto &[name, expected] :
         {std::pair<QString, QString>{"cut.json", "not a lesson: malformed JSON at offset"},
          {"settings.json", "not a lesson: it has none of the lesson fields"},
          {"gone.json", "cannot open: no such file"}}) {
        const CliRun run = runCli({"lesson", "check", path(name)});
        EXPECT_EQ(run.exitCode, 2) << name.toStdString();
        EXPECT_EQ(run.err.count('\n'), 1) << run.err.toStdString();
        EXPECT_TRUE(run.err.contains(expected)) << run.err.toStdString();
    }
}

TEST_F(CliLessonFile, BadCommandLinesExitWithCode2)
{
    const QList<QStringList> bad = {
        {"lesson"},
        {"lesson", "fix", "x.json"},
        {"lesson", "check"},
        {"lesson", "check", "a.json", "b.json"},
        {"lesson", "check", "a.json", "--force"},
        {"lesson", "new"},
        {"lesson", "new", "--from", "no-such-lesson"},
        {"lesson", "new", "--from", "cost", "--force"},
        {"lesson", "new", "--from", "cost", "--out", path("no/such/folder/x.json")},
        {"lesson", "new", "--from", "cost", "--steps", "5"},
        {"train", "--force"},
    };
    for (const QStringList &args : bad) {
        const CliRun run = runCli(args);
        EXPECT_EQ(run.exitCode, 2) << args.join(' ').toStdString();
        EXPECT_EQ(run.err.count('\n'), 1) << run.err.toStdString();
    }
    EXPECT_EQ(listTree(m_dir.path()), QStringList());
}

TEST_F(CliLessonFile, HelpNamesTheLessonCommands)
{
    const CliRun run = runCli({"--help"});
    EXPECT_TRUE(run.out.contains("relulab-cli lesson check FILE"));
    EXPECT_TRUE(run.out.contains("relulab-cli lesson new --from NAME [--out FILE] [--force]"));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// relulab-cli evidence: an evidence lesson's experiment and its verdict, as the window shows it.
TEST_F(CliLessonFile, EvidencePrintsTheVerdictAndItsNumbers)
{
    const QString json = path("evidence.json");
    const CliRun run = runCli({"evidence", "--preset", "claim-rounding-noise", "--json", json});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("claim: \"Saturation is there loss of signal"));
    EXPECT_TRUE(run.out.contains("setting 1, the lesson's (seeds 1–10):"));
    EXPECT_TRUE(run.out.contains("setting 2, the contrast activation=leaky_relu alpha=0.1"));
    EXPECT_TRUE(run.out.contains("verdict: holds. bfloat16 keeps 17% of float32's loss reduction "
                                 "at learning_rate=0.0001"))
        << run.out.toStdString();
    const QJsonObject result = readJson(json);
    EXPECT_EQ(result.value("lesson").toString(), "claim-rounding-noise");
    const QJsonArray settings = result.value("settings").toArray();
    ASSERT_EQ(settings.size(), 2);
    for (const QJsonValue &setting : settings) {
        EXPECT_EQ(setting.toObject().value("verdict").toString(), "holds");
        for (const QJsonValue &row : setting.toObject().value("rows").toArray()) {
            // Every seed is finite here, so the mean of the per-seed differences is the
            // difference of the means: an independent check of the paired numbers.
            const QJsonObject r = row.toObject();
            const double paired = r.value("paired").toObject().value("mean").toDouble();
            EXPECT_NEAR(paired, r.value("mean_b").toDouble() - r.value("mean_a").toDouble(), 1e-12);
            EXPECT_EQ(r.value("paired").toObject().value("n").toInt(), 10);
        }
    }
    const double share = settings[0]
                             .toObject()
                             .value("rows")
                             .toArray()[0]
                             .toObject()
                             .value("share_of_reduction")
                             .toDouble();
    EXPECT_GT(share, 0.1);
    EXPECT_LT(share, 0.25);

    // Another seed list, from the command its teacher notes print.
    const CliRun other =
        runCli({"evidence", "--preset", "claim-rounding-noise", "--set", "seed=101"});
    ASSERT_EQ(other.exitCode, 0) << other.err.toStdString();
    EXPECT_TRUE(other.out.contains("(seeds 101–110)"));
    EXPECT_TRUE(other.out.contains("verdict: holds."));
    EXPECT_NE(other.out, run.out);
}

TEST_F(CliLessonFile, EvidenceRunsALessonFilesExperimentAndRefusesBadInput)
{
    const QString file = path("noise.json");
    ASSERT_EQ(runCli({"lesson", "new", "--from", "claim-rounding-noise", "--out", file}).exitCode,
              0);
    const CliRun fromFile = runCli({"evidence", "--lesson", file, "--threads", "1"});
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_TRUE(fromFile.out.contains("on 1 threads"));

    const struct
    {
        QStringList args;
        const char *message;
    } bad[] = {
        {{"evidence"}, "give exactly one of --preset NAME"},
        {{"evidence", "--preset", "dying-relu"}, "has no experiment"},
        {{"evidence", "--preset", "claim-prelu-depth", "--set", "width=0"}, "--set: width"},
        {{"evidence", "--preset", "claim-prelu-depth", "--threads", "0"}, "--threads"},
        {{"evidence", "--lesson", path("missing.json")}, "no such file"},
        {{"evidence", "--preset", "claim-prelu-depth", "--steps", "5"}, "not an option"},
    };
    for (const auto &c : bad) {
        const CliRun run = runCli(c.args);
        EXPECT_EQ(run.exitCode, 2) << c.args.join(' ').toStdString();
        EXPECT_TRUE(run.err.contains(c.message)) << run.err.toStdString();
        EXPECT_TRUE(run.out.isEmpty());
    }
}
