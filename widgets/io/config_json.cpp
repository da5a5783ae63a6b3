// SPDX-License-Identifier: MIT
#include "config_json.h"

#include "json_checks.h"
#include "message_quote.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <string>

namespace relulab {

namespace {

constexpr int kMaxConfigNesting = 16;

// Lessons in teaching order: first what the rectifiers are, then the ways ReLU units die, then
// what helps. Lessons not listed here follow alphabetically, so a new lesson file shows up
// without touching code.
constexpr const char *kLessonOrder[] = {
    "default",
    "meet-the-rectifiers",
    "dying-relu",
    "born-dead",
    "relu-vs-leaky",
    "init-and-depth",
    "why-not-linear",
    "off-centre-features",
    "prelu-learns-alpha",
    "fewer-units",
    "smooth-cousins",
    "cost",
    // Issue 15's evidence lessons: a forum claim each, put to the test by an experiment.
    "claim-prelu-depth",
    "claim-elu-shallow",
    "claim-convergence-rate",
    "claim-rounding-noise",
};

QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The shortest text that reads back to exactly `value`; to_chars ignores the C locale.
QString exactNumberText(double value)
{
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    return QString::fromLatin1(buf, qsizetype(result.ptr - buf));
}

// Turns a JSON value into the text setConfigValue parses, checking the JSON type first so
// that "4" (a string) is not silently taken for the number 4.
QString valueText(const ConfigKey &key, const QJsonValue &value, QString &text)
{
    const QString name = fromStd(key.name);
    const QString range = fromStd(key.range);
    if (key.type == "enum") {
        if (!value.isString())
            return QStringLiteral("%1: expected a string, one of %2; got %3")
                .arg(name, range, describeJsonValue(value, kQuoteMaxChars));
        text = value.toString();
        return {};
    }
    const bool integer = key.type == "int";
    const QString what = integer ? QStringLiteral("an integer") : QStringLiteral("a number");
    if (!value.isDouble())
        return QStringLiteral("%1: expected %2 in %3, got %4")
            .arg(name, what, range, describeJsonValue(value, kQuoteMaxChars));
    const double v = value.toDouble();
    if (integer && (!std::isfinite(v) || v != std::floor(v)))
        return QStringLiteral("%1: expected an integer in %2, got %3")
            .arg(name, range, describeJsonValue(value, kQuoteMaxChars));
    // Integral values print without an exponent so "1e+06" never reaches an integer key.
    text = integer && std::abs(v) < 9.0e18 ? QString::number(qint64(v)) : exactNumberText(v);
    return {};
}

QString knownKeysText()
{
    QStringList names;
    for (const ConfigKey &key : configKeys())
        names << fromStd(key.name);
    return names.join(QStringLiteral(", "));
}

QString jsonRootName(const QJsonDocument &doc)
{
    if (doc.isArray())
        return QStringLiteral("an array");
    return QStringLiteral("a bare value");
}

// Parses `data` as a JSON object; errors are prefixed with `source` (a file or preset name).
QString parseObject(const QString &source, const QByteArray &data, QJsonObject &object)
{
    // Settings are flat and a --json output nests a few levels; a hostile file must not make
    // Qt's recursive parser go 1024 levels deep.
    if (QString nesting = checkJsonNesting(data, kMaxConfigNesting); !nesting.isEmpty())
        return QStringLiteral("%1: %2; not a settings file").arg(source, nesting);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("%1: malformed JSON at %2: %3")
            .arg(source, jsonPositionText(data, error.offset), error.errorString());
    if (!doc.isObject())
        return QStringLiteral("%1: expected a JSON object at the top level, got %2")
            .arg(source, jsonRootName(doc));
    object = doc.object();
    return {};
}

bool isValidPresetName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return pattern.match(name).hasMatch();
}

QString presetPath(const QString &name)
{
    return QStringLiteral(":/lessons/%1.json").arg(name);
}

} // namespace

QString readPreset(const QString &name, QJsonObject &object)
{
    QFile file(presetPath(name));
    if (!isValidPresetName(name) || !file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown preset %1 (known: %2)")
            .arg(quotedForMessage(name), presetNames().join(QStringLiteral(", ")));
    return parseObject(QStringLiteral("preset %1").arg(quotedForMessage(name)), file.readAll(),
                       object);
}

void writeConfig(JsonWriter &json, const TrainingConfig &config, JsonWriter::Layout layout)
{
    json.beginObject(layout);
    for (const ConfigKey &key : configKeys()) {
        const std::string text = configValue(config, key.name);
        json.key(key.name);
        if (key.type == "enum") {
            json.string(text);
        } else if (key.type == "int") {
            json.integer(std::stoll(text));
        } else {
            // from_chars, not strtod: the window runs in the user's locale, where strtod may
            // stop at the '.'. configValue's text reads back exactly.
            double value = 0;
            std::from_chars(text.data(), text.data() + text.size(), value);
            json.shortNumber(value);
        }
    }
    json.endObject();
}

QJsonObject configToJson(const TrainingConfig &config)
{
    JsonWriter json;
    writeConfig(json, config, JsonWriter::Layout::Dense);
    return QJsonDocument::fromJson(QByteArray::fromStdString(json.text())).object();
}

QString applyConfigJson(TrainingConfig &config, const QJsonObject &object)
{
    const bool hasConfig = object.contains(QLatin1String("config"));
    const bool hasSettings = object.contains(QLatin1String("settings"));
    if (hasConfig && hasSettings)
        return QStringLiteral("expected a \"config\" or a \"settings\" object, not both");
    QJsonObject settings = object;
    if (hasConfig || hasSettings) {
        const QString member = hasConfig ? QStringLiteral("config") : QStringLiteral("settings");
        const QJsonValue inner = object.value(member);
        if (!inner.isObject())
            return QStringLiteral("%1: expected an object, got %2")
                .arg(member, describeJsonValue(inner, kQuoteMaxChars));
        settings = inner.toObject();
    }

    TrainingConfig result = config;
    for (auto it = settings.constBegin(); it != settings.constEnd(); ++it) {
        const ConfigKey *key = findConfigKey(it.key().toStdString());
        if (!key)
            return QStringLiteral("unknown key %1 (known keys: %2)")
                .arg(quotedForMessage(it.key()), knownKeysText());
        QString text;
        if (QString error = valueText(*key, it.value(), text); !error.isEmpty())
            return error;
        const std::string error = setConfigValue(result, key->name, text.toStdString());
        if (!error.empty())
            return QString::fromStdString(error);
    }
    if (const std::string error = validateConfig(result); !error.empty())
        return QString::fromStdString(error);
    config = result;
    return {};
}

QString loadConfigFile(const QString &path, TrainingConfig &config)
{
    const QFileInfo info(path);
    const QString shown = escapedForMessage(path); // outside input
    if (path.isEmpty())
        return QStringLiteral("config file name is empty");
    if (!info.exists())
        return QStringLiteral("%1: cannot read: no such file").arg(shown);
    if (info.isDir())
        return QStringLiteral("%1: cannot read: is a directory").arg(shown);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot read: %2").arg(shown, file.errorString());
    // Read one byte past the limit: pipes and /proc files report no size up front.
    const QByteArray data = file.read(kMaxConfigFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return QStringLiteral("%1: cannot read: %2").arg(shown, file.errorString());
    if (data.size() > kMaxConfigFileBytes)
        return QStringLiteral("%1: larger than %2 bytes, too big for a config file")
            .arg(shown, QString::number(kMaxConfigFileBytes));
    QJsonObject object;
    if (QString error = parseObject(shown, data, object); !error.isEmpty())
        return error;
    if (QString error = applyConfigJson(config, object); !error.isEmpty())
        return QStringLiteral("%1: %2").arg(shown, error);
    return {};
}

QStringList presetNames()
{
    QStringList found = QDir(QStringLiteral(":/lessons"))
                            .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (QString &name : found)
        name.chop(5); // ".json"
    QStringList ordered;
    for (const char *name : kLessonOrder) {
        if (found.removeAll(QLatin1String(name)) > 0)
            ordered << QLatin1String(name);
    }
    return ordered + found;
}

QString loadPreset(const QString &name, TrainingConfig &config)
{
    QJsonObject lesson;
    if (QString error = readPreset(name, lesson); !error.isEmpty())
        return error;
    if (!lesson.value(QLatin1String("settings")).isObject())
        return QStringLiteral("preset %1: has no \"settings\" object").arg(quotedForMessage(name));
    if (QString error = applyConfigJson(config, lesson); !error.isEmpty())
        return QStringLiteral("preset %1: %2").arg(quotedForMessage(name), error);
    return {};
}

QJsonObject presetObject(const QString &name)
{
    QJsonObject lesson;
    if (!readPreset(name, lesson).isEmpty())
        return {};
    return lesson;
}

QString applySetOption(TrainingConfig &config, const QString &keyEqualsValue)
{
    const qsizetype eq = keyEqualsValue.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return QStringLiteral("--set %1: expected key=value (see relulab-cli keys)")
            .arg(quotedForMessage(keyEqualsValue, kQuoteMaxPathChars));
    const std::string error = setConfigValue(config, keyEqualsValue.left(eq).toStdString(),
                                             keyEqualsValue.mid(eq + 1).toStdString());
    return QString::fromStdString(error);
}

QString resolveConfig(const QString &preset, const QString &configPath, const QStringList &sets,
                      TrainingConfig &config)
{
    if (!preset.isEmpty() && !configPath.isEmpty())
        return QStringLiteral("use --preset or --config, not both");
    TrainingConfig result = config;
    if (!preset.isEmpty()) {
        if (QString error = loadPreset(preset, result); !error.isEmpty())
            return error;
    }
    if (!configPath.isEmpty()) {
        if (QString error = loadConfigFile(configPath, result); !error.isEmpty())
            return error;
    }
    for (const QString &set : sets) {
        if (QString error = applySetOption(result, set); !error.isEmpty())
            return error;
    }
    // Checked once at the end: --set activation=elu --set alpha=2 is valid in either order.
    if (const std::string error = validateConfig(result); !error.empty())
        return QString::fromStdString(error);
    config = result;
    return {};
}

} // namespace relulab
