// SPDX-License-Identifier: MIT
#include "cli_output.h"

#include "message_quote.h"
#include "save_file.h"

#include <cstdlib>
#include <string>

namespace relulab {

QString writeOutputFiles(const std::vector<std::pair<QString, std::string>> &files)
{
    QList<FileToSave> all;
    for (const auto &[path, contents] : files)
        all.append({path, QByteArray(contents.data(), qsizetype(contents.size()))});
    return saveFiles(all);
}

void printError(const QString &line)
{
    printErrorLine(QStringLiteral("relulab-cli"), line);
}

} // namespace relulab
