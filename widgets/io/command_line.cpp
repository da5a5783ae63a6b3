// SPDX-License-Identifier: MIT
#include "command_line.h"

#include "config_json.h"
#include "message_quote.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <cstdio>
#include <limits>
#include <utility>

namespace relulab {

std::optional<CommandLineAnswer> parseStandardOptions(QCommandLineParser &parser,
                                                      const QStringList &arguments,
                                                      const QString &program,
                                                      const QString &version,
                                                      const std::function<QString()> &helpText)
{
    using Action = CommandLineAction;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, {});
    const QCommandLineOption showVersion({QStringLiteral("v"), QStringLiteral("version")}, {});
    parser.addOption(help);
    parser.addOption(showVersion);

    if (!parser.parse(arguments))
        return CommandLineAnswer{Action::Error,
                                 escapedForMessage(parser.errorText()) + // Qt quotes the option
                                     QStringLiteral(" (see %1 --help)").arg(program)};
    if (parser.isSet(help))
        return CommandLineAnswer{Action::Help, helpText()};
    if (parser.isSet(showVersion))
        return CommandLineAnswer{Action::Version, QStringLiteral("%1 %2\n").arg(program, version)};
    return std::nullopt;
}

QString singleOptionValue(const QCommandLineParser &parser, const QString &option, QString &value)
{
    const QStringList values = parser.values(option);
    if (values.size() > 1)
        return QStringLiteral("--%1 given %2 times; give it once").arg(option).arg(values.size());
    value = values.isEmpty() ? QString() : values.front();
    return {};
}

QString readSettingsOptions(const QCommandLineParser &parser, SettingsOptions &settings)
{
    for (const auto &[name, target] :
         {std::pair<QString, QString *>{QStringLiteral("preset"), &settings.preset},
          {QStringLiteral("config"), &settings.configPath}}) {
        if (QString error = singleOptionValue(parser, name, *target); !error.isEmpty())
            return error;
    }
    if (parser.isSet(QStringLiteral("preset")) && settings.preset.isEmpty())
        return QStringLiteral("--preset: the name is empty; known presets: %1")
            .arg(presetNames().join(QStringLiteral(", ")));
    if (parser.isSet(QStringLiteral("config")) && settings.configPath.isEmpty())
        return QStringLiteral("--config: the file name is empty");
    settings.sets = parser.values(QStringLiteral("set"));
    return {};
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printErrorLine(const QString &program, const QString &line)
{
    const QString safe = escapedForMessage(line, std::numeric_limits<std::size_t>::max());
    const QByteArray bytes = QStringLiteral("%1: %2\n").arg(program, safe).toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace relulab
