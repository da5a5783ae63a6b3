// SPDX-License-Identifier: MIT
// SIGKILL during a save: a real writer (relulab-cli train --json of a few MB, a session save,
// relulab-cli export's eight files) is killed at 50 random moments spread over its write. After
// every kill each target holds exactly its complete old or complete new bytes (both produced by
// unkilled runs), and nothing else is beside it.
//
// What "nothing else" can honestly mean: QSaveFile writes an unnamed O_TMPFILE (ext4, tmpfs and
// xfs have it; the summary line says whether the test folder does), so a kill while writing or
// syncing leaves nothing. But POSIX cannot link a file over an existing name, so for the final
// replace the file gets a temporary name and is renamed over the target; a kill between those two
// system calls (or, for several files, between the first of those links and the removal of the
// last kept previous version) strands a named file. save_file.cpp names it recognisably and the
// next save of that target removes it. So a leftover is accepted only if it has save_file's name
// and the complete old or new bytes of its target, and after the next (unkilled) save the folder
// must be clean. The summary line counts such strandings. (Without O_TMPFILE, QSaveFile names its
// file while writing it: a partial leftover is then accepted too, and must be gone after the next
// save all the same.)
#include "fault_test_support.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <random>
#include <string_view>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace relulab::testing;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kKills = 50;
constexpr std::uint64_t kSeed = 20261204;

/// A writer: the command that writes the old or the new version of `files` into `dir`.
struct Writer
{
    const char *name;
    std::function<QStringList(const QString &dir, bool isNew)> command; ///< program, arguments
};

pid_t spawn(const QStringList &command)
{
    std::vector<QByteArray> args;
    for (const QString &a : command)
        args.push_back(QFile::encodeName(a));
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Whether `pid` has begun writing a new version into `dirPrefix` ("<dir>/"): an open regular
/// file there that is QSaveFile's unnamed one ("#<inode> (deleted)"), save_file's named one,
/// or one of the `targets` themselves (a writer that is not atomic, which the test must catch).
/// relulab-cli's own probe of the folder is an unnamed file too, but empty and 0600; saves
/// here are 0644 (the umask is 022 and the previous files are 0644).
bool isWriting(pid_t pid, const std::string &dirPrefix, const std::vector<std::string> &targets)
{
    const std::string fdDir = "/proc/" + std::to_string(pid) + "/fd";
    DIR *dir = ::opendir(fdDir.c_str());
    if (!dir)
        return false;
    bool writing = false;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        const std::string fd = fdDir + '/' + entry->d_name;
        char link[4096];
        const ssize_t n = ::readlink(fd.c_str(), link, sizeof link);
        if (n <= 0)
            continue;
        const std::string_view target(link, size_t(n));
        if (!target.starts_with(dirPrefix))
            continue;
        const std::string_view name = target.substr(dirPrefix.size());
        struct stat st
        {};
        if (::stat(fd.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
            (st.st_size == 0 && (st.st_mode & 0777) == 0600))
            continue;
        if (name.starts_with('#') || name.find(".relulab-new-") != std::string_view::npos ||
            std::find(targets.begin(), targets.end(), name) != targets.end()) {
            writing = true;
            break;
        }
    }
    ::closedir(dir);
    return writing;
}

struct Run
{
    bool sawWrite = false;
    Clock::duration writeToReplace{}; ///< first sight of the write to the last target replaced
    bool killed = false;              ///< SIGKILL arrived before the process ended
    int exitCode = -1;
};

ino_t inodeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

/// Runs `command`; once it is seen writing into `dir`, waits `killAfter` and sends SIGKILL.
/// With a negative `killAfter` it runs to the end and measures when every one of `targets` has
/// been replaced (its inode changed).
Run runAndMaybeKill(const QStringList &command, const QString &dir, Clock::duration killAfter,
                    const QStringList &targets = {})
{
    const std::string prefix = QFile::encodeName(dir).toStdString() + '/';
    std::vector<ino_t> before;
    std::vector<std::string> names;
    for (const QString &t : targets) {
        before.push_back(inodeOf(t));
        names.push_back(QFile::encodeName(QFileInfo(t).fileName()).toStdString());
    }
    Run run;
    const pid_t pid = spawn(command);
    const Clock::time_point started = Clock::now();
    Clock::time_point seen;
    bool replaced = false;
    int status = 0;
    for (;;) {
        if (::waitpid(pid, &status, WNOHANG) == pid)
            break;
        if (!run.sawWrite && isWriting(pid, prefix, names)) {
            run.sawWrite = true;
            seen = Clock::now();
            if (killAfter >= Clock::duration::zero()) {
                std::this_thread::sleep_until(seen + killAfter);
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                break;
            }
        }
        if (killAfter < Clock::duration::zero() && run.sawWrite && !replaced &&
            !targets.isEmpty()) {
            replaced = true;
            for (qsizetype i = 0; i < targets.size(); ++i)
                replaced = replaced && inodeOf(targets[i]) != before[size_t(i)];
            if (replaced)
                run.writeToReplace = Clock::now() - seen;
        }
        if (Clock::now() - started > std::chrono::seconds(60)) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(20));
    }
    // Targets written in place (no new inode) were "replaced" when the process ended.
    if (run.sawWrite && !replaced)
        run.writeToReplace = Clock::now() - seen;
    run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

/// Every file `command` writes into a fresh folder, by name.
std::map<QString, QByteArray> unkilledOutput(const QStringList &command, const QString &dir)
{
    const Run run = runAndMaybeKill(command, dir, Clock::duration(-1));
    EXPECT_EQ(run.exitCode, 0) << command.join(' ').toStdString();
    std::map<QString, QByteArray> files;
    for (const QString &name : entries(dir))
        files[name] = readAll(QDir(dir).filePath(name));
    return files;
}

void putBack(const QString &dir, const std::map<QString, QByteArray> &files)
{
    for (const auto &[name, bytes] : files) {
        const QString path = QDir(dir).filePath(name);
        ASSERT_TRUE(writeAll(path, bytes));
        ASSERT_TRUE(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner |
                                                    QFile::ReadGroup | QFile::ReadOther));
    }
    QStringList names;
    for (const auto &entry : files)
        names << entry.first;
    ASSERT_EQ(entries(dir), names);
}

/// save_file.cpp's temporary names: ".<target>.relulab-<new|old>-<pid>-<8 hex digits>", plus
/// ".XXXXXX" where QSaveFile finds no O_TMPFILE and names its file while writing it.
const QRegularExpression kLeftover(
    QStringLiteral("^\\.(.+)\\.relulab-(new|old)-[0-9]+-[0-9a-f]{8}(\\.[A-Za-z0-9]{6})?$"));

/// Whether new files in `dir` can be unnamed (O_TMPFILE), as QSaveFile makes them on Linux.
bool hasUnnamedFiles(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_TMPFILE | O_WRONLY, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

void crashTest(const Writer &writer, std::uint64_t seed)
{
    ::umask(022);
    QTemporaryDir oldDir, newDir, dir;
    const std::map<QString, QByteArray> oldFiles =
        unkilledOutput(writer.command(oldDir.path(), false), oldDir.path());
    const std::map<QString, QByteArray> newFiles =
        unkilledOutput(writer.command(newDir.path(), true), newDir.path());
    ASSERT_FALSE(oldFiles.empty());
    ASSERT_EQ(oldFiles.size(), newFiles.size());
    for (const auto &[name, bytes] : oldFiles)
        ASSERT_NE(bytes, newFiles.at(name)) << name.toStdString();
    const QStringList command = writer.command(dir.path(), true);

    // How long the write takes here, from its first sight to the last target replaced: the
    // span the kills cover (a fifth more, to include the end). The median of three runs, since
    // one can be slowed by the other tests running beside this one.
    QStringList targets;
    for (const auto &entry : oldFiles)
        targets << dir.filePath(entry.first);
    std::vector<Clock::duration> spans;
    for (int attempt = 0; attempt < 10 && spans.size() < 3; ++attempt) {
        ASSERT_NO_FATAL_FAILURE(putBack(dir.path(), oldFiles));
        const Run calibration = runAndMaybeKill(command, dir.path(), Clock::duration(-1), targets);
        ASSERT_EQ(calibration.exitCode, 0);
        for (const auto &[name, bytes] : newFiles)
            ASSERT_EQ(readAll(dir.filePath(name)), bytes) << name.toStdString();
        // A write of a few milliseconds can slip between two looks: try again.
        if (calibration.sawWrite && calibration.writeToReplace > Clock::duration::zero())
            spans.push_back(calibration.writeToReplace);
    }
    ASSERT_EQ(spans.size(), 3U) << writer.name << ": the write was rarely seen";
    std::sort(spans.begin(), spans.end());
    const auto span = spans[1] * 6 / 5;

    std::mt19937_64 random(seed);
    std::uniform_int_distribution<Clock::rep> moment(0, span.count());
    int killed = 0, oldKept = 0, newWritten = 0, stranded = 0, unseen = 0;
    for (int i = 0; i < kKills; ++i) {
        ASSERT_NO_FATAL_FAILURE(putBack(dir.path(), oldFiles));
        const Clock::duration after(moment(random));
        const Run run = runAndMaybeKill(command, dir.path(), after, targets);
        if (!run.sawWrite) {
            // Over before a look caught it writing: no kill, and the new files are in place.
            ++unseen;
            ASSERT_EQ(run.exitCode, 0);
        }
        killed += run.killed;
        ASSERT_TRUE(run.killed || run.exitCode == 0) << writer.name << " kill " << i;

        const QString when =
            QStringLiteral("%1, kill %2 after %3 µs")
                .arg(QLatin1String(writer.name))
                .arg(i)
                .arg(std::chrono::duration_cast<std::chrono::microseconds>(after).count());
        for (const auto &[name, bytes] : oldFiles) {
            const QByteArray now = readAll(dir.filePath(name));
            if (now == bytes)
                ++oldKept;
            else if (now == newFiles.at(name))
                ++newWritten;
            else
                FAIL() << when.toStdString() << ": " << name.toStdString()
                       << " is neither the old nor the new file (" << now.size() << " bytes)";
        }
        bool leftovers = false;
        for (const QString &name : entries(dir.path())) {
            if (oldFiles.count(name))
                continue;
            const QRegularExpressionMatch m = kLeftover.match(name);
            ASSERT_TRUE(m.hasMatch() && oldFiles.count(m.captured(1)))
                << when.toStdString() << ": a stray file " << name.toStdString();
            // Named only once complete, unless QSaveFile had to name it while writing.
            const auto &expected = m.captured(2) == QStringLiteral("new") ? newFiles : oldFiles;
            if (m.captured(3).isEmpty()) {
                EXPECT_EQ(readAll(dir.filePath(name)), expected.at(m.captured(1)))
                    << when.toStdString() << ": " << name.toStdString() << " is incomplete";
            }
            leftovers = true;
        }
        if (leftovers) {
            ++stranded;
            // The next save of the same targets removes what the killed one stranded.
            const Run next = runAndMaybeKill(command, dir.path(), Clock::duration(-1));
            ASSERT_EQ(next.exitCode, 0);
            QStringList names;
            for (const auto &entry : newFiles)
                names << entry.first;
            ASSERT_EQ(entries(dir.path()), names) << when.toStdString() << ", after the next save";
        }
    }
    const auto spanUs = std::chrono::duration_cast<std::chrono::microseconds>(span).count();
    std::printf("  %-12s (%s) kills spread over %lld µs: %d of %d ended the process (%d writes "
                "were over unseen); files after a kill: %d old, %d new; %d kills stranded a "
                "temporary name (removed by the next save)\n",
                writer.name, hasUnnamedFiles(dir.path()) ? "O_TMPFILE" : "no O_TMPFILE",
                static_cast<long long>(spanUs), killed, kKills, unseen, oldKept, newWritten,
                stranded);
    // The moments really fell inside the write: many kills ended the process early, and some
    // of them left the old file in place.
    EXPECT_GE(killed, kKills / 5);
    EXPECT_GT(oldKept, 0);
}

QString cli()
{
    return QStringLiteral(RELULAB_CLI_PATH);
}

} // namespace

TEST(SaveCrash, CliTrainJson)
{
    // 4000 snapshots of a small network: about 3 MB of JSON in a tenth of a second.
    crashTest({"train --json",
               [](const QString &dir, bool isNew) {
                   return QStringList{cli(),     "train",
                                      "--set",   "width=4",
                                      "--set",   "depth=2",
                                      "--set",   "samples=32",
                                      "--set",   isNew ? "seed=2" : "seed=1",
                                      "--steps", "4000",
                                      "--every", "1",
                                      "--json",  dir + QStringLiteral("/run.json")};
               }},
              kSeed);
}

TEST(SaveCrash, SessionSave)
{
    crashTest({"session",
               [](const QString &dir, bool isNew) {
                   return QStringList{QStringLiteral(RELULAB_SAVE_CRASH_WRITER),
                                      dir + QStringLiteral("/class.relulab"),
                                      isNew ? "new" : "old"};
               }},
              kSeed + 1);
}

TEST(SaveCrash, ExportPngs)
{
    // Ten files in one transaction: each must be old or new, whatever the others are.
    ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    crashTest({"export",
               [](const QString &dir, bool isNew) {
                   // Settings that change every one of the ten files (under Leaky ReLU alone
                   // no unit dies, so the death timeline would be the same).
                   return QStringList{
                       cli(),     "export",
                       "--steps", "1",
                       "--scale", "0.5",
                       "--set",   isNew ? "activation=leaky_relu" : "activation=relu",
                       "--set",   isNew ? "alpha=0.3" : "alpha=0.05",
                       "--set",   isNew ? "seed=2" : "seed=1",
                       "--out",   dir};
               }},
              kSeed + 2);
}
