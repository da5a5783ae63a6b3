// SPDX-License-Identifier: MIT
#include "cli_output.h"

#include "json_writer.h"
#include "message_quote.h"
#include "save_file.h"

#include <cstdio>
#include <limits>

namespace relulab {

void writeConfigJson(JsonWriter &json, const TrainingConfig &config)
{
    json.beginObject();
    for (const ConfigKey &key : configKeys()) {
        const std::string text = configValue(config, key.name);
        json.key(key.name);
        if (key.type == "enum")
            json.string(text);
        else if (key.type == "int")
            json.integer(std::stoll(text));
        else
            json.shortNumber(std::strtod(text.c_str(), nullptr)); // configValue round-trips
    }
    json.endObject();
}

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
