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
