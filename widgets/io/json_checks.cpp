// SPDX-License-Identifier: MIT
#include "json_checks.h"

#include "message_quote.h"

#include <QJsonObject>
#include <QStringList>

#include <charconv>
#include <cmath>

namespace relulab {

QString jsonPositionText(const QByteArray &data, qsizetype offset)
{
    qsizetype line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < data.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("offset %1 (line %2, column %3)").arg(offset).arg(line).arg(column);
}

QString checkJsonNesting(const QByteArray &data, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return QStringLiteral("nested deeper than %1 levels at %2")
                    .arg(maxDepth)
                    .arg(jsonPositionText(data, i));
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return {};
}

QString describeJsonValue(const QJsonValue &value, std::size_t maxStringChars)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        char buffer[64];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, value.toDouble()).ptr;
        return QString::fromLatin1(buffer, qsizetype(end - buffer));
    }
    case QJsonValue::String: {
        // Cut and escaped: a hostile string could be megabytes long or forge lines on a terminal.
        return QStringLiteral("the string %1")
            .arg(quotedForMessage(value.toString(), maxStringChars));
    }
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString checkJsonKeys(const QJsonObject &object, const QString &field,
                      std::initializer_list<const char *> allowed,
                      std::initializer_list<const char *> required)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        bool known = false;
        for (const char *key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known) {
            QStringList names;
            for (const char *key : allowed)
                names << QString::fromLatin1(key);
            return QStringLiteral("%1: unknown member %2 (expected %3)")
                .arg(field, quotedForMessage(it.key(), 40), names.join(QStringLiteral(", ")));
        }
    }
    for (const char *key : required) {
        if (!object.contains(QLatin1String(key)))
            return QStringLiteral("%1.%2: missing").arg(field, QString::fromLatin1(key));
    }
    return {};
}

QString readJsonInteger(const QJsonValue &value, const QString &field, qint64 min, qint64 max,
                        qint64 &out)
{
    const double v = value.toDouble();
    if (!value.isDouble() || !std::isfinite(v) || v != std::floor(v) || v < double(min) ||
        v > double(max))
        return QStringLiteral("%1: expected an integer in %2..%3, got %4")
            .arg(field)
            .arg(min)
            .arg(max)
            .arg(describeJsonValue(value));
    out = qint64(v);
    return {};
}

} // namespace relulab
