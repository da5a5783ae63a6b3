// SPDX-License-Identifier: MIT
#include "cli_output.h"

#include "message_quote.h"
#include "save_file.h"

#include <cstdio>
#include <limits>

namespace relulab {

QString writeOutputFiles(const std::vector<std::pair<QString, std::string>> &files)
{
    QList<FileToSave> all;
    for (const auto &[path, contents] : files)
        all.append({path, QByteArray(contents.data(), qsizetype(contents.size()))});
    return saveFiles(all);
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printError(const QString &line)
{
    // The last line of defence for "one line on stderr": a message that quotes input somewhere
    // not escaped at its source cannot split the line or send terminal escape sequences.
    // Idempotent on escaped text, and never cuts: no length limit here.
    const QString safe = escapedForMessage(line, std::numeric_limits<std::size_t>::max());
    const QByteArray bytes = QStringLiteral("relulab-cli: %1\n").arg(safe).toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace relulab
