// SPDX-License-Identifier: MIT
#include "save_file.h"

#include "message_quote.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unistd.h>
#include <vector>

// Why the last step is not QSaveFile::commit() onto the target itself: on Linux, Qt 6 writes an
// unnamed O_TMPFILE and links it at commit. A new target is linked directly, but an existing one
// makes link() fail with EEXIST, so Qt links a randomly named "<target>.XXXXXX" and renames that
// over the target. There is no atomic "link over" on POSIX: a SIGKILL between that link and the
// rename strands the named file, and nothing could later tell Qt's random name from a user's
// file. So QSaveFile here commits onto a name we choose (".<name>.relulab-new-<pid>-<random>",
// which does not exist, so Qt links it directly), and we rename that over the target. The
// window is the same two system calls, but what a kill strands there is recognisable, and the
// next save of the same target removes it once the process named in it is gone. saveFiles()
// writes and syncs every file while it is still unnamed, so for several files the window runs
// from the first commit to the removal of the last kept previous version: a few dozen calls.
// (Where a file system has no O_TMPFILE, QSaveFile names its file "<our name>.XXXXXX" from the
// start; that is recognisable too.)

namespace relulab {

namespace {

/// Longest part of the target's name repeated in a temporary name, to stay under NAME_MAX.
constexpr int kNameCharsInTemp = 64;

/// A path or folder as the caller's messages show it: escaped, and quoted if the caller quotes.
QString shown(const QString &path, const SaveWording &wording)
{
    const QString native = QDir::toNativeSeparators(path);
    return wording.quotePath ? quotedForMessage(native, kQuoteMaxPathChars)
                             : escapedForMessage(native);
}

QString failure(const QString &path, const SaveWording &wording, const QString &reason)
{
    return QStringLiteral("cannot %1 %2: %3").arg(wording.verb, shown(path, wording), reason);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// The file a save of `path` replaces: symbolic links followed (a dangling one to its target).
QString resolvedTarget(const QString &path)
{
    QFileInfo info(path);
    for (int depth = 0; depth < 128 && info.isSymLink(); ++depth)
        info.setFile(info.symLinkTarget());
    return info.isSymLink() ? path : info.absoluteFilePath();
}

QString tempPrefix(const QFileInfo &target)
{
    return QLatin1Char('.') + target.fileName().left(kNameCharsInTemp) +
           QStringLiteral(".relulab-");
}

/// A fresh name beside `target`: "new" for the next version, "old" for a kept previous one.
QString tempPath(const QFileInfo &target, const char *kind)
{
    const QString name = tempPrefix(target) + QLatin1String(kind) + QLatin1Char('-') +
                         QString::number(::getpid()) + QLatin1Char('-') +
                         QString::number(QRandomGenerator::global()->generate(), 16)
                             .rightJustified(8, QLatin1Char('0'));
    return target.absoluteDir().filePath(name);
}

bool removeFile(const QString &path)
{
    return ::unlink(QFile::encodeName(path).constData()) == 0;
}

/// Removes what a killed save of `target` stranded. A file whose process still runs may be
/// a save in progress (another thread or program): it stays.
void removeLeftovers(const QFileInfo &target)
{
    const QString prefix = tempPrefix(target);
    const QDir dir = target.absoluteDir();
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (!name.startsWith(prefix) || !isSaveLeftover(name))
            continue;
        const QStringList parts = name.mid(prefix.size()).split(QLatin1Char('-'));
        bool ok = false;
        const long pid = parts.value(1).toLong(&ok);
        if (!ok || pid <= 0)
            continue;
        if (::kill(pid_t(pid), 0) == 0 || errno == EPERM)
            continue;
        removeFile(dir.filePath(name));
    }
}

/// Why `path` cannot be saved (see saveTargetError); sets `target` to the file to replace.
QString checkTarget(const QString &path, const SaveWording &wording, QString &target)
{
    if (path.isEmpty())
        return QStringLiteral("cannot %1: no file name given").arg(wording.verb);
    target = resolvedTarget(path);
    const QFileInfo info(target);
    if (info.exists() && !info.isFile())
        return failure(path, wording,
                       info.isDir() ? QStringLiteral("it is a folder")
                                    : QStringLiteral("not a regular file"));
    const QFileInfo folder(info.absolutePath());
    const QString folderShown = shown(folder.filePath(), wording);
    if (!folder.exists())
        return failure(path, wording,
                       QStringLiteral("the folder %1 does not exist").arg(folderShown));
    if (!folder.isDir())
        return failure(path, wording, QStringLiteral("%1 is not a folder").arg(folderShown));
    // The rename would replace it regardless; a read-only file says "do not replace me".
    if (info.exists() && !info.isWritable())
        return failure(path, wording, QStringLiteral("the file is not writable"));
    return {};
}

struct Step
{
    QString path;   ///< as the caller named it
    QString target; ///< symbolic links resolved
    bool hadPrevious = false;
    std::unique_ptr<QSaveFile> file; ///< the new version, written but not yet committed
    QString temp; ///< the new version, committed under a temporary name until it replaces target
    QString kept; ///< the previous version, while a later step can still fail
    bool replaced = false;
};

/// Writes `bytes` in full and synced into a new QSaveFile beside the target, not yet committed:
/// unnamed where the file system has O_TMPFILE, so nothing visible changes and a crash leaves
/// nothing. On failure the QSaveFile is gone and has removed whatever it made.
QString writeUncommitted(Step &s, const QByteArray &bytes, const SaveWording &wording)
{
    const QFileInfo info(s.target);
    s.file = std::make_unique<QSaveFile>(tempPath(info, "new"));
    QSaveFile &file = *s.file;
    // Unbuffered: a full disk fails the write() itself, with errno's message intact.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        const QString reason = file.errorString();
        s.file.reset();
        // Even a writable file needs a writable folder: the new file is made beside it first.
        if (!QFileInfo(info.absolutePath()).isWritable())
            return failure(s.path, wording,
                           QStringLiteral("the folder %1 is not writable")
                               .arg(shown(info.absolutePath(), wording)));
        return failure(s.path, wording, reason);
    }
    // QSaveFile made it 0666 & ~umask; a replaced file keeps its own mode, as QSaveFile does.
    if (s.hadPrevious)
        file.setPermissions(info.permissions());
    // A short write is not an error to Qt; writing the rest then fails with the reason.
    for (qint64 done = 0; done < bytes.size();) {
        const qint64 written = file.write(bytes.constData() + done, bytes.size() - done);
        if (written <= 0) {
            const QString reason = file.errorString();
            s.file.reset();
            return failure(s.path, wording, reason);
        }
        done += written;
    }
    // Synced now, while the file has no name: commit() then has nothing left to sync, and the
    // moments in which a crash could strand a named temporary file stay a few system calls.
    if (::fdatasync(file.handle()) != 0) {
        const QString reason = errnoText(errno);
        s.file.reset();
        return failure(s.path, wording, reason);
    }
    return {};
}

/// commit() links the written file under its temporary name (the previous file is untouched).
QString commitUnder(Step &s, const SaveWording &wording)
{
    const QString temp = s.file->fileName();
    const bool committed = s.file->commit();
    const QString reason = s.file->errorString();
    s.file.reset();
    if (!committed)
        return failure(s.path, wording, reason);
    s.temp = temp;
    return {};
}

bool renameOver(const QString &from, const QString &to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

/// The previous version of `target` under a temporary name, sharing its bytes (a hard link) or,
/// where the file system has no hard links, copied. Empty on success, else the link's error.
QString keepPrevious(const QString &target, QString &kept)
{
    kept = tempPath(QFileInfo(target), "old");
    if (::link(QFile::encodeName(target).constData(), QFile::encodeName(kept).constData()) == 0)
        return {};
    const int linkError = errno;
    if (QFile::copy(target, kept))
        return {};
    kept.clear();
    return errnoText(linkError);
}

} // namespace

QString saveTargetError(const QString &path, const SaveWording &wording)
{
    QString target;
    return checkTarget(path, wording, target);
}

QString saveFile(const QString &path, const QByteArray &bytes, const SaveWording &wording)
{
    return saveFiles({FileToSave{path, bytes}}, wording);
}

QString saveFiles(const QList<FileToSave> &files, const SaveWording &wording,
                  const SaveStepHook &afterReplace)
{
    std::vector<Step> steps(size_t(files.size()));
    for (size_t i = 0; i < steps.size(); ++i) {
        steps[i].path = files[qsizetype(i)].path;
        if (QString error = checkTarget(steps[i].path, wording, steps[i].target); !error.isEmpty())
            return error;
        for (size_t j = 0; j < i; ++j) {
            if (steps[j].target == steps[i].target)
                return failure(steps[i].path, wording, QStringLiteral("it is named twice"));
        }
    }
    for (Step &s : steps)
        removeLeftovers(QFileInfo(s.target));

    // Undoes everything: replaced targets get their previous version back (or go, if they had
    // none), and every temporary and kept file is removed unless it is the only copy left.
    auto rollBack = [&](QString error) {
        for (auto s = steps.rbegin(); s != steps.rend(); ++s) {
            if (s->replaced && s->hadPrevious) {
                if (!renameOver(s->kept, s->target)) {
                    const QString reason = errnoText(errno);
                    error += QStringLiteral("; its previous version could not be put back (%1) "
                                            "and is kept as %2")
                                 .arg(reason, shown(s->kept, wording));
                }
                // Either it is the target again, or it is the only copy left: never removed.
                s->kept.clear();
            } else if (s->replaced) {
                removeFile(s->target);
            }
            if (!s->temp.isEmpty())
                removeFile(s->temp);
            if (!s->kept.isEmpty())
                removeFile(s->kept);
        }
        return error;
    };

    // Every file in full before anything is replaced or even named: a full disk or a bad folder
    // changes nothing, and a crash meanwhile leaves nothing.
    for (size_t i = 0; i < steps.size(); ++i) {
        steps[i].hadPrevious = QFileInfo::exists(steps[i].target);
        if (QString error = writeUncommitted(steps[i], files[qsizetype(i)].bytes, wording);
            !error.isEmpty())
            return rollBack(error);
    }
    for (Step &s : steps) {
        if (QString error = commitUnder(s, wording); !error.isEmpty())
            return rollBack(error);
    }
    // A single file's rename is the whole transaction; several need the previous versions kept
    // until the last rename has succeeded.
    const bool keep = steps.size() > 1 || afterReplace;
    for (Step &s : steps) {
        if (!keep || !s.hadPrevious)
            continue;
        if (QString error = keepPrevious(s.target, s.kept); !error.isEmpty())
            return rollBack(
                failure(s.path, wording,
                        QStringLiteral("cannot keep its previous version: %1").arg(error)));
    }
    for (size_t i = 0; i < steps.size(); ++i) {
        Step &s = steps[i];
        if (!renameOver(s.temp, s.target))
            return rollBack(failure(s.path, wording, errnoText(errno)));
        s.temp.clear();
        s.replaced = true;
        if (afterReplace) {
            if (QString error = afterReplace(int(i)); !error.isEmpty())
                return rollBack(failure(s.path, wording, error));
        }
    }
    for (Step &s : steps) {
        if (!s.kept.isEmpty())
            removeFile(s.kept);
    }
    return {};
}

bool isSaveLeftover(const QString &fileName)
{
    // tempPath()'s names, plus the ".XXXXXX" QSaveFile adds where it has no O_TMPFILE.
    static const QRegularExpression pattern(
        QStringLiteral("^\\..*\\.relulab-(new|old)-[0-9]+-[0-9a-f]{8}(\\.[A-Za-z0-9]{6})?$"));
    return pattern.match(fileName).hasMatch();
}

} // namespace relulab
