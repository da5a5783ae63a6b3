// SPDX-License-Identifier: MIT
#include "lesson_info.h"

#include "config_json.h"
#include "json_checks.h"
#include "message_quote.h"

#include <QJsonArray>

#include <cmath>

namespace relulab {

namespace {

// Required text fields: JSON name, and where parseLesson stores it.
struct TextField
{
    const char *json;
    QString LessonInfo::*member;
};

constexpr TextField kTextFields[] = {
    {"title", &LessonInfo::title}, {"question", &LessonInfo::question},
    {"todo", &LessonInfo::todo},   {"look_for", &LessonInfo::lookFor},
    {"why", &LessonInfo::why},     {"teacher_notes", &LessonInfo::teacherNotes},
};

QString knownKeys()
{
    QStringList names;
    for (const ConfigKey &key : configKeys())
        names << QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
    return names.join(QStringLiteral(", "));
}

// A non-empty string field; `optional` fields may be absent (then `out` stays empty).
QString readText(const QJsonObject &object, const QString &field, bool optional, QString &out)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() && optional)
        return {};
    if (value.isUndefined())
        return QStringLiteral("%1: missing").arg(field);
    if (!value.isString())
        return QStringLiteral("%1: expected a string, got %2").arg(field, jsonTypeName(value));
    if (value.toString().trimmed().isEmpty())
        return QStringLiteral("%1: is empty").arg(field);
    out = value.toString();
    return {};
}

// An array of distinct config key names.
QString readKeyList(const QJsonObject &object, const QString &field, QStringList &out)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return QStringLiteral("%1: missing (use [] if the lesson fixes nothing)").arg(field);
    if (!value.isArray())
        return QStringLiteral("%1: expected an array of setting names, got %2")
            .arg(field, jsonTypeName(value));
    QStringList keys;
    for (const auto &item : value.toArray()) {
        if (!item.isString())
            return QStringLiteral("%1: expected setting names, got %2")
                .arg(field, jsonTypeName(item));
        const QString key = item.toString();
        if (!findConfigKey(key.toStdString()))
            return QStringLiteral("%1: unknown key %2 (known keys: %3)")
                .arg(field, quotedForMessage(key), knownKeys());
        if (keys.contains(key))
            return QStringLiteral("%1: \"%2\" is listed twice").arg(field, key);
        keys << key;
    }
    out = keys;
    return {};
}

QString readSteps(const QJsonObject &object, int &steps)
{
    const QJsonValue value = object.value(QLatin1String("steps"));
    const QString range = QStringLiteral("1..%1").arg(kMaxLessonSteps);
    if (value.isUndefined())
        return QStringLiteral("steps: missing (an integer in %1)").arg(range);
    const double v = value.toDouble(std::nan(""));
    if (!value.isDouble() || v != std::floor(v) || v < 1 || v > kMaxLessonSteps)
        return QStringLiteral("steps: expected an integer in %1, got %2")
            .arg(range, value.isDouble() ? QString::number(v) : jsonTypeName(value));
    steps = int(v);
    return {};
}

// applyConfigJson would read through a "config" or "settings" member; here that is a mistake.
QString rejectWrapper(const QString &field, const QJsonObject &object)
{
    for (const QLatin1String wrapper : {QLatin1String("config"), QLatin1String("settings")}) {
        if (object.contains(wrapper))
            return QStringLiteral("%1: unknown key \"%2\" (known keys: %3)")
                .arg(field, wrapper, knownKeys());
    }
    return {};
}

// The settings must name every key: a lesson never inherits whatever was set before it.
QString readSettings(const QJsonObject &object, TrainingConfig &settings)
{
    const QJsonValue value = object.value(QLatin1String("settings"));
    if (!value.isObject())
        return QStringLiteral("settings: expected an object with every setting, got %1")
            .arg(jsonTypeName(value));
    const QJsonObject given = value.toObject();
    if (QString error = rejectWrapper(QStringLiteral("settings"), given); !error.isEmpty())
        return error;
    QStringList missing;
    for (const ConfigKey &key : configKeys()) {
        const QString name = QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
        if (!given.contains(name))
            missing << name;
    }
    if (!missing.isEmpty())
        return QStringLiteral("settings: missing %1").arg(missing.join(QStringLiteral(", ")));
    TrainingConfig config;
    if (QString error = applyConfigJson(config, given); !error.isEmpty())
        return QStringLiteral("settings: %1").arg(error);
    settings = config;
    return {};
}

QString readCompare(const QJsonObject &object, const TrainingConfig &settings,
                    ConfigOverrides &compare, TrainingConfig &compareSettings)
{
    compareSettings = settings;
    const QJsonValue value = object.value(QLatin1String("compare"));
    if (value.isUndefined())
        return {};
    if (!value.isObject() || value.toObject().isEmpty())
        return QStringLiteral("compare: expected an object of settings for run B, got %1")
            .arg(value.isObject() ? QStringLiteral("an empty object") : jsonTypeName(value));
    const QJsonObject overrides = value.toObject();
    if (QString error = rejectWrapper(QStringLiteral("compare"), overrides); !error.isEmpty())
        return error;
    if (QString error = applyConfigJson(compareSettings, overrides); !error.isEmpty())
        return QStringLiteral("compare: %1").arg(error);
    if (compareSettings == settings)
        return QStringLiteral("compare: run B would be identical to run A");
    compare = ConfigOverrides::between(settings, compareSettings);
    return {};
}

} // namespace

QStringList lessonFieldNames()
{
    return {QStringLiteral("name"),     QStringLiteral("title"),  QStringLiteral("question"),
            QStringLiteral("settings"), QStringLiteral("steps"),  QStringLiteral("todo"),
            QStringLiteral("look_for"), QStringLiteral("why"),    QStringLiteral("teacher_notes"),
            QStringLiteral("locked"),   QStringLiteral("hidden"), QStringLiteral("compare"),
            QStringLiteral("reference")};
}

QString parseLesson(const QString &name, const QJsonObject &object, LessonInfo &info)
{
    const QString where = QStringLiteral("lesson %1: ").arg(quotedForMessage(name));
    const QStringList fields = lessonFieldNames();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!fields.contains(it.key()))
            return where + QStringLiteral("unknown field %1 (known fields: %2)")
                               .arg(quotedForMessage(it.key()), fields.join(QStringLiteral(", ")));
    }

    LessonInfo result;
    QString error = readText(object, QStringLiteral("name"), false, result.name);
    if (error.isEmpty() && result.name != name)
        error = QStringLiteral("name: %1 does not match the file name %2")
                    .arg(quotedForMessage(result.name), quotedForMessage(name));
    for (const TextField &field : kTextFields) {
        if (error.isEmpty())
            error = readText(object, QLatin1String(field.json), false, result.*field.member);
    }
    if (error.isEmpty())
        error = readText(object, QStringLiteral("reference"), true, result.reference);
    if (error.isEmpty())
        error = readSettings(object, result.settings);
    if (error.isEmpty())
        error = readSteps(object, result.steps);
    if (error.isEmpty())
        error = readKeyList(object, QStringLiteral("locked"), result.locked);
    if (error.isEmpty())
        error = readKeyList(object, QStringLiteral("hidden"), result.hidden);
    // A hidden control the student cannot see must not drift from the lesson's value either.
    for (const QString &key : result.hidden) {
        if (error.isEmpty() && !result.locked.contains(key))
            error = QStringLiteral("hidden: \"%1\" is hidden but not locked").arg(key);
    }
    if (error.isEmpty())
        error = readCompare(object, result.settings, result.compare, result.compareSettings);
    if (!error.isEmpty())
        return where + error;
    info = result;
    return {};
}

QString lessonInfo(const QString &name, LessonInfo &info)
{
    QJsonObject object;
    if (QString error = readPreset(name, object); !error.isEmpty())
        return error;
    return parseLesson(name, object, info);
}

} // namespace relulab
