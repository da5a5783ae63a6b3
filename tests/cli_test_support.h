// SPDX-License-Identifier: MIT
#pragma once
// Runs the real relulab-cli binary for the CLI tests (path from CMake: RELULAB_CLI_PATH).

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

namespace relulab::clitest {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `program` to the end; exit code -1 if it crashed or outlived `timeoutMs`.
inline CliRun runProgram(const QString &program, const QStringList &args, int timeoutMs = 120'000)
{
    QProcess process;
    process.start(program, args);
    CliRun run;
    if (!process.waitForFinished(timeoutMs))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

inline CliRun runCli(const QStringList &args)
{
    return runProgram(QStringLiteral(RELULAB_CLI_PATH), args);
}

/// Its ASSERT returns from here alone: callers check HasFatalFailure() (or wrap the call in
/// ASSERT_NO_FATAL_FAILURE).
inline void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(contents);
}

inline QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Every file under `dir`, hidden ones included (a leftover temp or probe file counts).
inline QStringList listTree(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace relulab::clitest
