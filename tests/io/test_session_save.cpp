// SPDX-License-Identifier: MIT
// Session saves that fail (missing folder, under a file, /dev/full, a full disk, an unwritable
// folder or file, a network too large) say why in one line and leave the previous file intact,
// with no temporary file left behind; a save that succeeds replaces the file atomically.
#include "fault_test_support.h"
#include "session_file.h"
#include "session_test_support.h"
#include "trainer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace relulab;
using namespace relulab::testing;

namespace {

// A folder holding a previous session that every failed save must leave byte for byte.
struct PreviousFile
{
    QTemporaryDir dir;
    QString path;
    QByteArray bytes;

    PreviousFile()
    {
        path = dir.filePath(QStringLiteral("class.relulab"));
        EXPECT_EQ(saveSession(path, otherSession()), QString());
        bytes = readAll(path);
    }
    // Intact, and no temporary file left behind.
    void expectIntact() const
    {
        EXPECT_EQ(readAll(path), bytes);
        EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("class.relulab")});
    }
};

} // namespace

TEST(SessionFile, SavingReplacesAtomically)
{
    PreviousFile previous;
    const Session next = richSession();
    ASSERT_EQ(saveSession(previous.path, next), QString());
    EXPECT_EQ(readAll(previous.path), sessionToJson(next));
    EXPECT_EQ(entries(previous.dir.path()), QStringList{QStringLiteral("class.relulab")});
}

TEST(SessionFile, SaveIntoMissingFolderOrUnderAFileFails)
{
    PreviousFile previous;
    const QString missing = previous.dir.filePath(QStringLiteral("no-such-folder/s.relulab"));
    EXPECT_EQ(saveSession(missing, richSession()),
              "cannot save " + missing + ": the folder " +
                  previous.dir.filePath(QStringLiteral("no-such-folder")) + " does not exist");
    const QString underFile = previous.path + QStringLiteral("/s.relulab");
    EXPECT_EQ(saveSession(underFile, richSession()),
              "cannot save " + underFile + ": " + previous.path + " is not a folder");
    EXPECT_EQ(saveSession(previous.dir.path(), richSession()),
              "cannot save " + previous.dir.path() + ": it is a folder");
    EXPECT_FALSE(saveSession(QString(), richSession()).isEmpty());
    previous.expectIntact();
}

TEST(SessionFile, SaveToDevFullFailsAndLeavesTheDeviceAlone)
{
    // QSaveFile would write /dev/full.XXXXXX and rename it over the device when run as root.
    struct stat before
    {};
    ASSERT_EQ(::stat("/dev/full", &before), 0);
    ASSERT_TRUE(S_ISCHR(before.st_mode));
    EXPECT_EQ(saveSession(QStringLiteral("/dev/full"), richSession()),
              QStringLiteral("cannot save /dev/full: not a regular file"));
    // The same through a symbolic link the user might have picked.
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("full.relulab"));
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/full"), link));
    EXPECT_TRUE(saveSession(link, richSession()).contains("not a regular file"));
    struct stat after
    {};
    ASSERT_EQ(::stat("/dev/full", &after), 0);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
    EXPECT_EQ(after.st_rdev, before.st_rdev);
    EXPECT_EQ(QDir(QStringLiteral("/dev"))
                  .entryList({QStringLiteral("full.*")}, QDir::System | QDir::Files | QDir::Hidden),
              QStringList{});
}

TEST(SessionFile, FullDiskDuringSaveKeepsThePreviousFile)
{
    PreviousFile previous;
    // A file size limit makes every write past 4 KiB fail (EFBIG), as a full disk does (ENOSPC),
    // without filling a real disk; the child process keeps the limit away from this one.
    const QString error = runInChild([&] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 4096;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            return QStringLiteral("setrlimit failed");
        return saveSession(previous.path, richSession());
    });
    EXPECT_TRUE(error.startsWith("cannot save " + previous.path + ": ")) << error.toStdString();
    EXPECT_TRUE(error.contains("File too large")) << error.toStdString();
    previous.expectIntact();
}

TEST(SessionFile, UnwritableFolderOrFileKeepsThePreviousFile)
{
    PreviousFile previous;
    const QString folder = previous.dir.path();
    constexpr auto readOnly = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                              QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    ASSERT_TRUE(QFile::setPermissions(folder, readOnly));
    // Root writes anywhere; drop to nobody in a child so permissions apply.
    auto saveAsNobody = [&](const QString &path) {
        return runInChild([&] {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                return QStringLiteral("cannot drop privileges");
            return saveSession(path, richSession());
        });
    };
    // The file itself is writable, but an atomic save needs the folder too.
    ASSERT_TRUE(QFile::setPermissions(previous.path, QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ReadGroup | QFile::WriteGroup |
                                                         QFile::ReadOther | QFile::WriteOther));
    EXPECT_EQ(saveAsNobody(previous.path),
              "cannot save " + previous.path + ": the folder " + folder + " is not writable");
    const QString fresh = previous.dir.filePath(QStringLiteral("new.relulab"));
    EXPECT_EQ(saveAsNobody(fresh),
              "cannot save " + fresh + ": the folder " + folder + " is not writable");
    // A writable folder with a read-only previous file: QSaveFile refuses to replace it.
    ASSERT_TRUE(QFile::setPermissions(folder, readOnly | QFile::WriteOwner | QFile::WriteGroup |
                                                  QFile::WriteOther));
    ASSERT_TRUE(QFile::setPermissions(previous.path,
                                      QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QString error = saveAsNobody(previous.path);
    EXPECT_TRUE(error.startsWith("cannot save " + previous.path + ": ")) << error.toStdString();
    EXPECT_TRUE(error.contains("not writable")) << error.toStdString();
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile::setPermissions(previous.path, QFile::ReadOwner | QFile::WriteOwner);
    previous.expectIntact();
}

TEST(SessionFile, LargeNetworksFitOrAreRefusedBeforeWriting)
{
    // The header's promise: a 50 × 256 network's parameters fit under the limit ...
    TrainingConfig big;
    big.depth = 50;
    big.width = 256;
    big.optimizer = Optimizer::Sgd;
    Session s;
    s.config = big;
    {
        Trainer t(big);
        t.train(1);
        s.state = t.state();
    }
    PreviousFile previous;
    const QString path = previous.dir.filePath(QStringLiteral("big.relulab"));
    ASSERT_EQ(saveSession(path, s), QString());
    const qint64 size = QFileInfo(path).size();
    EXPECT_LT(size, kMaxSessionBytes * 3 / 4) << size;
    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_TRUE(sameSession(s, loaded));
    QFile::remove(path);

    // ... but with Adam's two moments it is refused before anything is written.
    s.config.optimizer = Optimizer::Adam;
    Trainer adam(s.config);
    adam.train(1);
    s.state = adam.state();
    const QString error = saveSession(previous.path, s);
    EXPECT_TRUE(error.contains("over the 64.0 MiB a session file may have")) << error.toStdString();
    previous.expectIntact();
}
