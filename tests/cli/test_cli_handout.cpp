// SPDX-License-Identifier: MIT
// relulab-cli handout, the real binary: the PDF's text (read without poppler, see pdf_text.h)
// holds the lesson's title and question, the teacher's version alone its notes; a bad --out
// exits 2 with one line and writes nothing; every built-in lesson makes a handout.
#include "cli_test_support.h"
#include "config_json.h"
#include "pdf_text.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace relulab::clitest;
using relulab::pdftest::pdfText;
using relulab::pdftest::squeezed;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A built-in lesson's JSON, as `lesson new` prints it.
QJsonObject builtInLesson(const QString &name)
{
    const CliRun run = runCli({"lesson", "new", "--from", name});
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

class CliHandout : public ::testing::Test
{
protected:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

TEST_F(CliHandout, StudentVersionHasTheLessonButNotTheTeacherNotes)
{
    const QJsonObject lesson = builtInLesson("dying-relu");
    ASSERT_FALSE(lesson.value("teacher_notes").toString().isEmpty());
    const QString out = path("dying-relu.pdf");
    const CliRun run = runCli({"handout", "--preset", "dying-relu", "--steps", "20", "--out", out});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("step 20")) << run.out.toStdString();
    const QByteArray pdf = readBytes(out);
    ASSERT_TRUE(pdf.startsWith("%PDF-"));
    const QString text = squeezed(pdfText(pdf));
    EXPECT_TRUE(text.contains(squeezed(lesson.value("title").toString()))) << text.toStdString();
    EXPECT_TRUE(text.contains(squeezed(lesson.value("question").toString())));
    EXPECT_TRUE(text.contains(squeezed(lesson.value("todo").toString()).left(60)));
    EXPECT_TRUE(text.contains("Youranswer"));
    EXPECT_TRUE(text.contains("Thedashboardatstep20"));
    EXPECT_TRUE(text.contains("relulab://open?preset=dying-relu"));
    EXPECT_FALSE(text.contains(squeezed(lesson.value("teacher_notes").toString()).left(40)));
    EXPECT_FALSE(text.contains("Fortheteacher"));
}

TEST_F(CliHandout, TeacherVersionAddsWhyReferenceAndNotes)
{
    const QJsonObject lesson = builtInLesson("dying-relu");
    const QString out = path("teacher.pdf");
    const CliRun run =
        runCli({"handout", "--preset", "dying-relu", "--steps", "20", "--out", out, "--teacher"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString text = squeezed(pdfText(readBytes(out)));
    EXPECT_TRUE(text.contains(squeezed(lesson.value("title").toString())));
    EXPECT_TRUE(text.contains(squeezed(lesson.value("teacher_notes").toString()).left(40)))
        << text.toStdString();
    EXPECT_TRUE(text.contains(squeezed(lesson.value("why").toString()).left(40)));
    EXPECT_TRUE(text.contains("Fortheteacher:notes"));
}

TEST_F(CliHandout, ALessonFilePrintsTheCommandInsteadOfALink)
{
    const QString lesson = path("my-lesson.json");
    ASSERT_EQ(runCli({"lesson", "new", "--from", "relu-vs-leaky", "--out", lesson}).exitCode, 0);
    const QString out = path("mine.pdf");
    const CliRun run = runCli({"handout", "--lesson", lesson, "--steps", "5", "--out", out});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString text = squeezed(pdfText(readBytes(out)));
    EXPECT_TRUE(text.contains(squeezed("relulab --lesson " + lesson))) << text.toStdString();
    EXPECT_FALSE(text.contains("relulab://"));
}

TEST_F(CliHandout, BadInputExitsTwoWithOneLineAndWritesNothing)
{
    const QString missing = path("no-such-folder/handout.pdf");
    for (const QStringList &args :
         {QStringList{"handout", "--preset", "dying-relu", "--out", missing},
          QStringList{"handout", "--preset", "dying-relu", "--out", m_dir.path()},
          QStringList{"handout", "--preset", "no-such-lesson", "--out", path("a.pdf")},
          QStringList{"handout", "--lesson", path("missing.json"), "--out", path("a.pdf")},
          QStringList{"handout", "--preset", "dying-relu", "--lesson", "x.json", "--out",
                      path("a.pdf")},
          QStringList{"handout", "--preset", "dying-relu"},
          QStringList{"handout", "--preset", "dying-relu", "--steps", "-1", "--out", path("a.pdf")},
          QStringList{"handout", "--preset", "dying-relu", "--set", "depth=2", "--out",
                      path("a.pdf")}}) {
        const CliRun run = runCli(args);
        EXPECT_EQ(run.exitCode, 2) << args.join(' ').toStdString();
        EXPECT_EQ(run.err.count('\n'), 1) << run.err.toStdString();
        EXPECT_TRUE(run.out.isEmpty());
    }
    EXPECT_EQ(listTree(m_dir.path()), QStringList());
}

TEST_F(CliHandout, EveryBuiltInLessonMakesAHandout)
{
    for (const QString &name : relulab::presetNames()) {
        const QString out = path(name + ".pdf");
        const CliRun run =
            runCli({"handout", "--preset", name, "--steps", "3", "--out", out, "--teacher"});
        EXPECT_EQ(run.exitCode, 0) << name.toStdString() << ": " << run.err.toStdString();
        const QJsonObject lesson = builtInLesson(name);
        const QString text = squeezed(pdfText(readBytes(out)));
        EXPECT_TRUE(text.contains(squeezed(lesson.value("title").toString())))
            << name.toStdString();
        EXPECT_TRUE(text.contains(squeezed(lesson.value("question").toString())))
            << name.toStdString();
    }
}

TEST(CliHandoutHelp, HelpNamesTheCommand)
{
    const CliRun run = runCli({"--help"});
    EXPECT_TRUE(run.out.contains("relulab-cli handout")) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains("--teacher"));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
