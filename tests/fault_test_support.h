// SPDX-License-Identifier: MIT
#pragma once
// Helpers for tests of failed writes: file contents, folder listings, and a forked child for
// privileges or resource limits that must not reach the test process.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/wait.h>
#include <unistd.h>

namespace relulab::testing {

/// Runs `body` in a forked child (so privileges or limits changed there stay there) and
/// returns what it returned.
inline QString runInChild(const std::function<QString()> &body)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return QStringLiteral("pipe failed");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const QByteArray text = body().toUtf8();
        const ssize_t written = ::write(fds[1], text.constData(), size_t(text.size()));
        ::_exit(written == ssize_t(text.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    QByteArray text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, n);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return QStringLiteral("child failed: ") + QString::fromUtf8(text);
    return QString::fromUtf8(text);
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

inline QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                               QDir::System);
}

inline bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace relulab::testing
