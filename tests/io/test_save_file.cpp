// SPDX-License-Identifier: MIT
// The one atomic save (widgets/save_file) and relulab-cli's multi-file output built on it:
// refusals and their messages, the mode of new and replaced files, leftovers of killed saves,
// and saveFiles as a transaction: a failure after the first target was replaced (the test seam)
// puts every previous file back byte for byte and leaves nothing else in the folder.
#include "cli_output.h"
#include "fault_test_support.h"
#include "save_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <ostream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

// Readable failures: gtest finds PrintTo by argument-dependent lookup (QString is global).
void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

using namespace relulab;
using namespace relulab::testing;

namespace {

const QByteArray kPreviousA = "previous A, to be kept byte for byte\n";
const QByteArray kPreviousB = "previous B, to be kept byte for byte\n";
const QByteArray kNewA = "new A\n";
const QByteArray kNewB = "new B\n";

mode_t modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

/// A file size limit of `bytes` in a child: writes past it fail with EFBIG as on a full disk.
QString withFileSizeLimit(rlim_t bytes, const std::function<QString()> &body)
{
    return runInChild([&] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = bytes;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            return QStringLiteral("setrlimit failed");
        return body();
    });
}

/// The name of a temporary file a process with id `pid` would have left.
QString leftoverName(const QString &target, const char *kind, long pid)
{
    return QStringLiteral(".%1.relulab-%2-%3-0123abcd").arg(target, QLatin1String(kind)).arg(pid);
}

} // namespace

TEST(SaveFile, WritesANewFileWithTheUsualModeAndNothingElse)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    // QSaveFile's mode, 0666 & ~umask: never wider (the old umask(0) window), never narrower.
    for (const mode_t mask : {mode_t(022), mode_t(077), mode_t(002)}) {
        QFile::remove(path);
        const mode_t saved = ::umask(mask);
        const QString error = saveFile(path, kNewA);
        ::umask(saved);
        ASSERT_EQ(error, QString());
        EXPECT_EQ(modeOf(path), 0666 & ~mask) << std::oct << mask;
        EXPECT_EQ(readAll(path), kNewA);
        EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("out.json")});
    }
}

TEST(SaveFile, ReplacingKeepsTheModeOfThePreviousFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    ASSERT_TRUE(writeAll(path, kPreviousA));
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0640), 0);
    ASSERT_EQ(saveFile(path, kNewA), QString());
    EXPECT_EQ(readAll(path), kNewA);
    EXPECT_EQ(modeOf(path), mode_t(0640));
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("out.json")});
}

TEST(SaveFile, ASymbolicLinkKeepsPointingAtTheReplacedFile)
{
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("real.json"));
    const QString link = dir.filePath(QStringLiteral("link.json"));
    ASSERT_TRUE(writeAll(real, kPreviousA));
    ASSERT_TRUE(QFile::link(real, link));
    ASSERT_EQ(saveFile(link, kNewA), QString());
    EXPECT_TRUE(QFileInfo(link).isSymLink());
    EXPECT_EQ(readAll(real), kNewA);
}

TEST(SaveFile, RefusalsSayWhyInTheCallersWords)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("file"));
    ASSERT_TRUE(writeAll(file, kPreviousA));
    const QString missing = dir.filePath(QStringLiteral("missing/out.csv"));
    EXPECT_EQ(saveFile(missing, kNewA), "cannot write " + missing + ": the folder " +
                                            dir.filePath(QStringLiteral("missing")) +
                                            " does not exist");
    const QString underFile = file + QStringLiteral("/out.csv");
    EXPECT_EQ(saveFile(underFile, kNewA),
              "cannot write " + underFile + ": " + file + " is not a folder");
    EXPECT_EQ(saveFile(dir.path(), kNewA), "cannot write " + dir.path() + ": it is a folder");
    EXPECT_EQ(saveFile(QStringLiteral("/dev/full"), kNewA),
              QStringLiteral("cannot write /dev/full: not a regular file"));
    EXPECT_EQ(saveFile(QString(), kNewA), QStringLiteral("cannot write: no file name given"));
    const SaveWording session{QStringLiteral("save")};
    EXPECT_EQ(saveFile(QStringLiteral("/dev/null"), kNewA, session),
              QStringLiteral("cannot save /dev/null: not a regular file"));
    const SaveWording quoted{QStringLiteral("write"), true};
    EXPECT_EQ(saveFile(dir.path(), kNewA, quoted),
              "cannot write \"" + dir.path() + "\": it is a folder");
    // Outside input cannot split the message line.
    const QString odd = dir.filePath(QStringLiteral("no\nsuch/x"));
    EXPECT_FALSE(saveFile(odd, kNewA).contains(QLatin1Char('\n')));
    EXPECT_EQ(readAll(file), kPreviousA);
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("file")});
}

TEST(SaveFile, AFullDiskKeepsThePreviousFileAndReportsErrno)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    ASSERT_TRUE(writeAll(path, kPreviousA));
    // Larger than the limit, so the first write is short and the second one fails.
    const QByteArray big(64 * 1024, 'x');
    const QString error = withFileSizeLimit(4096, [&] { return saveFile(path, big); });
    EXPECT_EQ(error, "cannot write " + path + ": File too large");
    EXPECT_EQ(readAll(path), kPreviousA);
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("out.json")});
}

TEST(SaveFile, LeftoversOfKilledSavesGoOnceTheirProcessIsGone)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    ASSERT_TRUE(writeAll(path, kPreviousA));
    // A process id that is certainly free: a child that has exited and been reaped.
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ASSERT_GT(child, 0);
    ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    const QString deadNew = leftoverName(QStringLiteral("out.json"), "new", child);
    const QString deadOld = leftoverName(QStringLiteral("out.json"), "old", child);
    const QString liveNew = leftoverName(QStringLiteral("out.json"), "new", ::getpid());
    const QString otherTarget = leftoverName(QStringLiteral("other.json"), "new", child);
    const QString usersOwn = QStringLiteral("out.json.backup");
    for (const QString &name : {deadNew, deadOld, liveNew, otherTarget, usersOwn})
        ASSERT_TRUE(writeAll(dir.filePath(name), kPreviousB));
    EXPECT_TRUE(isSaveLeftover(deadNew));
    EXPECT_TRUE(isSaveLeftover(deadOld));
    EXPECT_FALSE(isSaveLeftover(usersOwn));
    EXPECT_FALSE(isSaveLeftover(QStringLiteral(".out.json.relulab-new-12-notahex!")));

    ASSERT_EQ(saveFile(path, kNewA), QString());
    // Only the dead process's leftovers of this very target went.
    QStringList expected{QStringLiteral("out.json"), liveNew, otherTarget, usersOwn};
    expected.sort();
    EXPECT_EQ(entries(dir.path()), expected);
}

TEST(SaveFiles, AFailureAfterTheFirstReplacementPutsEverythingBack)
{
    // Every moment a later step can fail: after the first and after the last replacement, with
    // B absent before the call and with B present.
    for (const int failAt : {0, 1}) {
        for (const bool bExisted : {false, true}) {
            QTemporaryDir dir;
            const QString a = dir.filePath(QStringLiteral("a.json"));
            const QString b = dir.filePath(QStringLiteral("b.csv"));
            ASSERT_TRUE(writeAll(a, kPreviousA));
            if (bExisted) {
                ASSERT_TRUE(writeAll(b, kPreviousB));
            }
            int calls = 0;
            const QString error =
                saveFiles({{a, kNewA}, {b, kNewB}}, {}, [&](int index) -> QString {
                    ++calls;
                    // The seam runs with the target really replaced.
                    EXPECT_EQ(readAll(index == 0 ? a : b), index == 0 ? kNewA : kNewB);
                    return index == failAt ? QStringLiteral("injected failure") : QString();
                });
            const QString failed = failAt == 0 ? a : b;
            EXPECT_EQ(error, "cannot write " + failed + ": injected failure");
            EXPECT_EQ(calls, failAt + 1);
            EXPECT_EQ(readAll(a), kPreviousA) << failAt << bExisted;
            QStringList expected{QStringLiteral("a.json")};
            if (bExisted) {
                EXPECT_EQ(readAll(b), kPreviousB);
                expected << QStringLiteral("b.csv");
            }
            EXPECT_EQ(entries(dir.path()), expected) << failAt << bExisted;
        }
    }
}

TEST(SaveFiles, APlainFailureOfTheSecondFileLeavesTheFirstUntouched)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.json"));
    ASSERT_TRUE(writeAll(a, kPreviousA));
    const QString missing = dir.filePath(QStringLiteral("missing/b.csv"));
    EXPECT_TRUE(saveFiles({{a, kNewA}, {missing, kNewB}}).contains("does not exist"));
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("b.csv")));
    const QString folder = dir.filePath(QStringLiteral("b.csv"));
    EXPECT_EQ(saveFiles({{a, kNewA}, {folder, kNewB}}),
              "cannot write " + folder + ": it is a folder");
    EXPECT_EQ(saveFiles({{a, kNewA}, {a, kNewB}}), "cannot write " + a + ": it is named twice");
    EXPECT_EQ(readAll(a), kPreviousA);
    QStringList expected{QStringLiteral("a.json"), QStringLiteral("b.csv")};
    EXPECT_EQ(entries(dir.path()), expected);
}

TEST(SaveFiles, AllFilesAreWrittenBeforeAnyIsReplaced)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.json"));
    const QString b = dir.filePath(QStringLiteral("b.csv"));
    ASSERT_TRUE(writeAll(a, kPreviousA));
    ASSERT_TRUE(writeAll(b, kPreviousB));
    // A fits under the limit, B does not: B fails while A's new version has no name yet.
    const QByteArray bigB(64 * 1024, 'b');
    const QString error = withFileSizeLimit(4096, [&] {
        return saveFiles({{a, kNewA}, {b, bigB}});
    });
    EXPECT_EQ(error, "cannot write " + b + ": File too large");
    EXPECT_EQ(readAll(a), kPreviousA);
    EXPECT_EQ(readAll(b), kPreviousB);
    EXPECT_EQ(entries(dir.path()),
              (QStringList{QStringLiteral("a.json"), QStringLiteral("b.csv")}));
    ASSERT_EQ(saveFiles({{a, kNewA}, {b, kNewB}}), QString());
    EXPECT_EQ(readAll(a), kNewA);
    EXPECT_EQ(readAll(b), kNewB);
    EXPECT_EQ(entries(dir.path()),
              (QStringList{QStringLiteral("a.json"), QStringLiteral("b.csv")}));
}

TEST(CliOutputFiles, ASecondFileThatCannotBeWrittenKeepsTheFirstFilesPreviousBytes)
{
    // relulab-cli train --json A --csv B: the JSON is written first. Before, the JSON replaced
    // the user's A, the CSV failed and the clean-up deleted A: the previous A was lost.
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("run.json"));
    const QString b = dir.filePath(QStringLiteral("run.csv"));
    ASSERT_TRUE(writeAll(a, kPreviousA));
    const std::string bigCsv(64 * 1024, 'c');
    const QString error = withFileSizeLimit(4096, [&] {
        return writeOutputFiles({{a, "{\"new\": true}\n"}, {b, bigCsv}});
    });
    EXPECT_EQ(error, "cannot write " + b + ": File too large");
    EXPECT_EQ(readAll(a), kPreviousA);
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("run.json")});

    const QString missing = dir.filePath(QStringLiteral("gone/run.csv"));
    EXPECT_TRUE(writeOutputFiles({{a, "{}\n"}, {missing, "x\n"}}).contains("does not exist"));
    EXPECT_EQ(readAll(a), kPreviousA);
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("run.json")});

    ASSERT_EQ(writeOutputFiles({{a, "{}\n"}, {b, "x\n"}}), QString());
    EXPECT_EQ(readAll(a), QByteArray("{}\n"));
    EXPECT_EQ(readAll(b), QByteArray("x\n"));
}
