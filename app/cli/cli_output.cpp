// SPDX-License-Identifier: MIT
#include "cli_output.h"

#include "cli_json_writer.h"
#include "save_file.h"

#include <cstdlib>
#include <string>

namespace relulab {

void writeConfigJson(CliJsonWriter &json, const TrainingConfig &config)
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

void printError(const QString &line)
{
    printErrorLine(QStringLiteral("relulab-cli"), line);
}

} // namespace relulab
