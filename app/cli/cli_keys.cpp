// SPDX-License-Identifier: MIT
// relulab-cli keys: the settings, straight from core's one list of keys.
#include "cli_commands.h"
#include "cli_output.h"
#include "training_config.h"

#include <QString>

namespace relulab {

namespace {

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

int runKeys()
{
    const TrainingConfig defaults;
    QString out;
    for (const ConfigKey &key : configKeys()) {
        out += QStringLiteral("%1 %2 default %3\n")
                   .arg(text(key.name), -14)
                   .arg(text(key.type), -6)
                   .arg(QString::fromStdString(configValue(defaults, key.name)));
        out += QStringLiteral("    range: %1\n    %2\n").arg(text(key.range), text(key.meaning));
    }
    printOut(out);
    return kExitOk;
}

} // namespace relulab
