// SPDX-License-Identifier: MIT
// Every file the CLI writes (--json, --csv, export --out) against an unwritable folder, a
// missing folder and a full disk: one clear line on stderr, a failing exit code, and any
// previous file byte-identical with no temporary file left beside it. Plus the extreme
// configuration (depth 200 x width 1024) finishing in bounded memory.
#include "cli_test_support.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

using namespace relulab::clitest;

namespace {

struct Writer
{
    const char *name;
    QStringList args; ///< the command up to the output option
    QString option;   ///< --json or --csv
};

// Small runs: the faults are in the writing, not in the training.
const QList<Writer> &writers()
{
    static const QList<Writer> list = {
        {"train --json", {"train", "--steps", "3"}, "--json"},
        {"train --csv", {"train", "--steps", "3"}, "--csv"},
        {"dump-state --json", {"dump-state", "--steps", "1"}, "--json"},
        {"theory --json", {"theory", "--set", "depth=3"}, "--json"},
        {"cost --json", {"cost", "--set", "depth=2", "--set", "width=8"}, "--json"},
        {"sweep --json", {"sweep", "--grid", "alpha=0,0.1", "--seeds", "1"}, "--json"},
        {"sweep --csv", {"sweep", "--grid", "alpha=0,0.1", "--seeds", "1"}, "--csv"},
    };
    return list;
}

const QByteArray kPrevious = "previous contents, to be kept byte for byte\n";

/// Root ignores permission bits: run the CLI as nobody then, so chmod 0555 applies.
CliRun runMaybeAsNobody(const QStringList &args)
{
    if (::geteuid() != 0)
        return runCli(args);
    return runProgram(QStringLiteral("setpriv"),
                      QStringList{"--reuid=65534", "--regid=65534", "--clear-groups",
                                  QStringLiteral(RELULAB_CLI_PATH)} +
                          args);
}

/// A file size limit of 0 makes every write fail with EFBIG, as a full disk fails with
/// ENOSPC, without filling a real disk and without root; SIGXFSZ is ignored (inherited
/// through exec) so the write returns the error instead of killing the process.
CliRun runOnFullDisk(const QStringList &args)
{
    QStringList quoted;
    for (const QString &a : args)
        quoted << QLatin1Char('\'') + a + QLatin1Char('\'');
    return runProgram(QStringLiteral("bash"),
                      {"-c", QStringLiteral("trap '' XFSZ; ulimit -f 0; exec '%1' %2")
                                 .arg(QStringLiteral(RELULAB_CLI_PATH), quoted.join(' '))});
}

QByteArray readAllOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

/// Failed cleanly: exited (no crash) with an error code and exactly one error line on stderr
/// (sweep's progress lines aside), which names the problem.
void expectOneLineFailure(const CliRun &run, const QString &mention, const char *what)
{
    EXPECT_GT(run.exitCode, 0) << what << ": " << run.err.toStdString();
    QStringList errors;
    for (const QString &line : run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.startsWith(QStringLiteral("sweep: ")))
            errors << line;
    }
    ASSERT_EQ(errors.size(), 1) << what << ": " << run.err.toStdString();
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("relulab-cli: "))) << errors[0].toStdString();
    EXPECT_TRUE(errors[0].contains(mention)) << what << ": " << errors[0].toStdString();
    std::printf("  %-18s -> %s\n", what, qPrintable(errors[0]));
}

struct Folder
{
    QTemporaryDir tmp;
    QString dir;  ///< holds only out.<ext> with kPrevious
    QString file; ///< dir/out.<ext>

    /// writeFile's ASSERT returns from here alone: callers check HasFatalFailure().
    explicit Folder(const QString &ext)
    {
        // The temporary folder itself is 0700: let nobody in, to reach the folder under test.
        QFile::setPermissions(tmp.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ExeGroup | QFile::ExeOther);
        dir = tmp.filePath(QStringLiteral("out"));
        QDir().mkdir(dir);
        file = dir + QStringLiteral("/out.") + ext;
        writeFile(file, kPrevious);
    }
    void expectIntact(const char *what) const
    {
        EXPECT_EQ(readAllOf(file), kPrevious) << what;
        EXPECT_EQ(listTree(dir), QStringList{file}) << what;
    }
};

QString extOf(const Writer &w)
{
    return w.option == QStringLiteral("--csv") ? QStringLiteral("csv") : QStringLiteral("json");
}

} // namespace

TEST(CliFaults, UnwritableFolderKeepsThePreviousFile)
{
    for (const Writer &w : writers()) {
        Folder folder(extOf(w));
        ASSERT_FALSE(HasFatalFailure()) << "Folder could not write its previous file";
        ASSERT_TRUE(QFile::setPermissions(folder.dir, QFile::ReadOwner | QFile::ExeOwner |
                                                          QFile::ReadGroup | QFile::ExeGroup |
                                                          QFile::ReadOther | QFile::ExeOther));
        const CliRun run = runMaybeAsNobody(w.args + QStringList{w.option, folder.file});
        ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
            run, "cannot create a file in " + folder.dir + ": Permission denied", w.name));
        QFile::setPermissions(folder.dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        folder.expectIntact(w.name);
    }
}

TEST(CliFaults, MissingFolderOrAFolderUnderAFileWritesNothing)
{
    for (const Writer &w : writers()) {
        Folder folder(extOf(w));
        ASSERT_FALSE(HasFatalFailure()) << "Folder could not write its previous file";
        const QString missing = folder.dir + QStringLiteral("/missing/out.") + extOf(w);
        ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
            runCli(w.args + QStringList{w.option, missing}),
            "cannot write there: " + folder.dir + "/missing does not exist", w.name));
        const QString underFile = folder.file + QStringLiteral("/out.") + extOf(w);
        ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
            runCli(w.args + QStringList{w.option, underFile}),
            "cannot write there: " + folder.file + " is not a directory", w.name));
        // As root, /proc takes no new files whatever its permission bits say.
        ASSERT_NO_FATAL_FAILURE(
            expectOneLineFailure(runCli(w.args + QStringList{w.option, "/proc/relulab-out"}),
                                 "cannot create a file in /proc", w.name));
        folder.expectIntact(w.name);
    }
}

TEST(CliFaults, FullDiskKeepsThePreviousFileAndTheDevice)
{
    struct stat before
    {};
    ASSERT_EQ(::stat("/dev/full", &before), 0);
    for (const Writer &w : writers()) {
        // /dev/full is refused before writing: replacing it (as root) would destroy the device.
        ASSERT_NO_FATAL_FAILURE(
            expectOneLineFailure(runCli(w.args + QStringList{w.option, "/dev/full"}),
                                 "/dev/full: not a regular file", w.name));
        Folder folder(extOf(w));
        ASSERT_FALSE(HasFatalFailure()) << "Folder could not write its previous file";
        const CliRun run = runOnFullDisk(w.args + QStringList{w.option, folder.file});
        ASSERT_NO_FATAL_FAILURE(
            expectOneLineFailure(run, "cannot write " + folder.file + ": File too large", w.name));
        folder.expectIntact(w.name);
    }
    struct stat after
    {};
    ASSERT_EQ(::stat("/dev/full", &after), 0);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
    EXPECT_EQ(after.st_rdev, before.st_rdev);
}

TEST(CliFaults, ExportOutFaultsKeepPreviousPlots)
{
    const QStringList exportArgs{"export", "--steps", "2", "--scale", "0.5"};
    Folder folder(QStringLiteral("png"));
    ASSERT_FALSE(HasFatalFailure()) << "Folder could not write its previous file";
    const QString previous = folder.dir + QStringLiteral("/loss.png");
    ASSERT_TRUE(QFile::rename(folder.file, previous));
    folder.file = previous;

    // (a) unwritable: an existing read-only --out, and a new --out inside a read-only folder.
    ASSERT_TRUE(QFile::setPermissions(folder.dir, QFile::ReadOwner | QFile::ExeOwner |
                                                      QFile::ReadGroup | QFile::ExeGroup |
                                                      QFile::ReadOther | QFile::ExeOther));
    ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
        runMaybeAsNobody(exportArgs + QStringList{"--out", folder.dir}),
        "cannot create a file in " + folder.dir + ": Permission denied", "export unwritable"));
    const QString inside = folder.dir + QStringLiteral("/new");
    ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
        runMaybeAsNobody(exportArgs + QStringList{"--out", inside}),
        "--out " + inside + ": cannot create a file in " + folder.dir, "export new in ro"));
    QFile::setPermissions(folder.dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    folder.expectIntact("export unwritable");

    // (b) missing: a parent that does not exist is not created (only the last level is).
    const QString deep = folder.dir + QStringLiteral("/missing/deeper");
    ASSERT_NO_FATAL_FAILURE(expectOneLineFailure(
        runCli(exportArgs + QStringList{"--out", deep}),
        "--out " + deep + ": cannot create it: " + folder.dir + "/missing does not exist",
        "export missing"));
    folder.expectIntact("export missing");

    // (c) a device is no folder; a full disk leaves the previous plot and writes nothing else.
    ASSERT_NO_FATAL_FAILURE(
        expectOneLineFailure(runCli(exportArgs + QStringList{"--out", "/dev/full"}),
                             "--out /dev/full: exists and is not a directory", "export /dev/full"));
    ASSERT_NO_FATAL_FAILURE(
        expectOneLineFailure(runOnFullDisk(exportArgs + QStringList{"--out", folder.dir}),
                             "File too large", "export full disk"));
    folder.expectIntact("export full disk");
}

namespace {

CliRun runExtreme(const QString &limit)
{
    return runProgram(QStringLiteral("bash"),
                      {"-c", QStringLiteral("%1exec '%2' train --set depth=200 --set width=1024 "
                                            "--steps 1")
                                 .arg(limit, QStringLiteral(RELULAB_CLI_PATH))},
                      600'000);
}

} // namespace

TEST(CliFaults, ExtremeConfigurationWithoutEnoughMemoryIsRefusedClearly)
{
    // depth 200 x width 1024 is the largest network the settings allow: 210 M weights. Under
    // a 2 GiB address-space limit it cannot be built; the CLI must say so, not crash.
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer reserves terabytes of shadow memory: no ulimit -v run";
#endif
    const CliRun run = runExtreme(QStringLiteral("ulimit -v 2097152; "));
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString();
    EXPECT_EQ(run.err, QStringLiteral("relulab-cli: out of memory: depth × width × samples is "
                                      "too large for this machine\n"));
    EXPECT_TRUE(run.out.isEmpty());
}

TEST(CliFaults, ExtremeConfigurationFinishes)
{
    // The full run takes ~25 s of CPU and ~5.8 GB of memory: opt-in, so the CI's parallel
    // tests keep their memory and time (RELULAB_EXTREME=1 runs it).
    if (qEnvironmentVariableIntValue("RELULAB_EXTREME") != 1)
        GTEST_SKIP() << "set RELULAB_EXTREME=1 to train depth 200 x width 1024";
    const CliRun run = runExtreme(QString());
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("\n  200 "))) << run.out.left(400).toStdString();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
