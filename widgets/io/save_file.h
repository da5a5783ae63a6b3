// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

// Every file ReLU Lab writes (sessions, plots, CLI outputs, sweep CSV) goes through here, so the
// refusals, the messages and the crash safety are the same everywhere. Qt Core and POSIX only.
namespace relulab {

/// How a caller words its failures: "cannot <verb> <path>: <reason>".
struct SaveWording
{
    QString verb = QStringLiteral("write"); ///< "write", "save", ...
    bool quotePath = false; ///< the path "in double quotes" (export's look) rather than bare
};

/// One target of saveFiles().
struct FileToSave
{
    QString path;
    QByteArray bytes;
};

/// Test seam of saveFiles(), never set in production: called right after target `index` has
/// replaced its previous version; a non-empty return is treated as a failure at that moment.
using SaveStepHook = std::function<QString(int index)>;

/// Why `path` cannot be saved, or empty: no name, a folder, a device or any other non-regular
/// file (an atomic rename would replace it, as root even /dev/full), a missing folder, a folder
/// that is not one, or a read-only previous file. Symbolic links are followed, as QSaveFile does.
QString saveTargetError(const QString &path, const SaveWording &wording = {});

/// Writes `bytes` to `path` atomically: a QSaveFile beside it is written (short writes
/// continued), committed (flushed, synced) and renamed over `path`. Any failure leaves a
/// previous file byte for byte and no temporary file. A new file gets 0666 & ~umask, a replaced
/// one keeps its permissions. Returns an empty string on success, otherwise one line.
QString saveFile(const QString &path, const QByteArray &bytes, const SaveWording &wording = {});

/// All or nothing: if any file fails, every target is as before the call (its previous bytes,
/// or absent if it had none) and no temporary or kept copy is left. Every file is written in
/// full before the first one replaces anything. `afterReplace` is for tests only.
QString saveFiles(const QList<FileToSave> &files, const SaveWording &wording = {},
                  const SaveStepHook &afterReplace = {});

/// Whether `fileName` (no folder) is a temporary or kept copy that saveFile/saveFiles make
/// beside a target. A SIGKILL can strand one (see save_file.cpp); the next save of the same
/// target removes it once its process is gone.
bool isSaveLeftover(const QString &fileName);

} // namespace relulab
