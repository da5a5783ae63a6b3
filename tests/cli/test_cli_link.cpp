// SPDX-License-Identifier: MIT
// relulab-cli link and --link, through the real binary: the printed link, a run from a link
// equal bit for bit to the same run from --preset and --set, and bad links refused everywhere.
#include "cli_test_support.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace relulab::clitest;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

TEST(CliLink, PrintsThePresetAndOnlyWhatDiffers)
{
    CliRun run =
        runCli({"link", "--preset", "dying-relu", "--set", "alpha=0.2", "--set", "seed=7"});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(run.out.toStdString(), "relulab://open?preset=dying-relu&alpha=0.2&seed=7\n");
    EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();

    run = runCli({"link"});
    EXPECT_EQ(run.out.toStdString(), "relulab://open\n");
    // A setting equal to the preset's is no difference; run B keeps --compare's keys.
    run = runCli({"link", "--preset", "dying-relu", "--compare", "alpha=0.010", "--compare",
                  "activation=leaky_relu", "--set", "seed=5"});
    EXPECT_EQ(run.out.toStdString(),
              "relulab://open?preset=dying-relu&b.activation=leaky_relu&b.alpha=0.01\n")
        << run.err.toStdString();
    // A link in, the canonical link out, with --set and --compare on top.
    run = runCli({"link", "--link", "relulab://open?theory=1&seed=3&preset=default&lock=0", "--set",
                  "depth=5", "--compare", "activation=elu"});
    EXPECT_EQ(run.out.toStdString(),
              "relulab://open?preset=default&depth=5&seed=3&b.activation=elu&theory=1&lock=0\n")
        << run.err.toStdString();
}

TEST(CliLink, ARunFromALinkIsTheRunFromItsSettings)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    // The link as relulab-cli prints it, and as the window copies it.
    const CliRun link = runCli({"link", "--preset", "dying-relu", "--set", "alpha=0.2", "--set",
                                "seed=7", "--compare", "activation=leaky_relu"});
    ASSERT_EQ(link.exitCode, 0) << link.err.toStdString();
    const QString url = link.out.trimmed();
    const QString fromLink = tmp.filePath("link.json"), fromSets = tmp.filePath("sets.json");
    CliRun run = runCli({"train", "--link", url, "--steps", "100", "--json", fromLink});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    run = runCli({"train", "--preset", "dying-relu", "--set", "alpha=0.2", "--set", "seed=7",
                  "--compare", "activation=leaky_relu", "--steps", "100", "--json", fromSets});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QByteArray a = readAll(fromLink), b = readAll(fromSets);
    ASSERT_FALSE(a.isEmpty());
    EXPECT_EQ(a, b) << "the same settings must give the same losses, bit for bit";
    EXPECT_TRUE(readJson(fromLink).contains("b"));

    // Without run B, and for a command without one (its b.key are then not used).
    run = runCli({"train", "--link", "relulab://open?preset=born-dead&seed=11", "--steps", "100",
                  "--json", fromLink});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    run = runCli({"train", "--preset", "born-dead", "--set", "seed=11", "--steps", "100", "--json",
                  fromSets});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(readAll(fromLink), readAll(fromSets));
    run = runCli({"theory", "--link", url});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
}

struct BadLink
{
    const char *link;
    const char *mention;
};

TEST(CliLink, BadLinksExitWithCode2AndOneLineInEveryCommand)
{
    const BadLink bad[] = {
        {"https://example.com/?depth=3", "scheme is \"https\""},
        {"relulab://open?colour=red", "unknown key \"colour\""},
        {"relulab://open?depth=3&depth=4", "\"depth\" is given twice"},
        {"relulab://open?alpha=%2x", "malformed %-escape"},
        {"relulab://open?depth=500", "depth: 500 is out of range"},
        {"relulab://open?depth=51", "depth 51 is more than the window's 50"},
        {"relulab://open?b.width=300", "run B: width 300"},
        {"relulab://open?dataset=csv:/etc/hostname", "Ctrl+D"},
        {"relulab://open?lock=0", "lock"},
    };
    const QStringList commands = {"train", "dump-state", "theory", "cost", "sweep", "link"};
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    for (const BadLink &b : bad) {
        for (const QString &command : commands) {
            SCOPED_TRACE(command.toStdString() + " " + b.link);
            QStringList args = {command, "--link", QString::fromUtf8(b.link)};
            if (command == "dump-state")
                args << "--json" << tmp.filePath("state.json");
            if (command == "sweep")
                args << "--grid"
                     << "seed=1,2";
            const CliRun run = runCli(args);
            EXPECT_EQ(run.exitCode, 2);
            const QString line = run.err.trimmed();
            EXPECT_TRUE(line.startsWith("relulab-cli: --link: ")) << line.toStdString();
            EXPECT_TRUE(line.contains(QString::fromUtf8(b.mention))) << line.toStdString();
            EXPECT_FALSE(line.contains('\n')) << line.toStdString();
            EXPECT_TRUE(run.out.isEmpty()) << run.out.toStdString();
        }
    }
    EXPECT_TRUE(listTree(tmp.path()).isEmpty());

    // Too long, and a link with a start of its own.
    QString longLink = "relulab://open?seed=1";
    while (longLink.size() <= 2048)
        longLink += "&theory=1";
    CliRun run = runCli({"train", "--link", longLink});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("more than the 2048")) << run.err.toStdString();
    run = runCli({"train", "--link", "relulab://open", "--preset", "default"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("--link cannot be combined with --preset"))
        << run.err.toStdString();
    // What the window could not open, `link` does not print.
    run = runCli({"link", "--set", "width=1024"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(run.err.trimmed(), "relulab-cli: link: width 1024 is more than the window's 256");
    EXPECT_TRUE(run.out.isEmpty());
    run = runCli({"link", "--compare", "depth"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("--compare")) << run.err.toStdString();
    run = runCli({"keys", "--link", "relulab://open"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("--link is not an option of this command"))
        << run.err.toStdString();
}

TEST(CliLink, HelpNamesTheCommandAndTheOption)
{
    const CliRun run = runCli({"--help"});
    EXPECT_TRUE(run.out.contains("relulab-cli link")) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains("--link URL")) << run.out.toStdString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
