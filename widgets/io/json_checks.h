// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cstddef>
#include <initializer_list>

// The one set of helpers for reading outside JSON (settings and --config files, lessons, session
// files): the checks return an empty string on success, otherwise one line that starts with the
// field it is about.
namespace relulab {

/// "offset N (line L, column C)" of a byte offset, so a hand-edited file can be fixed.
QString jsonPositionText(const QByteArray &data, qsizetype offset);

/// Rejects arrays and objects nested deeper than `maxDepth` before Qt's recursive parser sees
/// them. Brackets inside strings do not count.
QString checkJsonNesting(const QByteArray &data, int maxDepth);

/// How a JSON value looks in an error message: `true`, `3.5` (the shortest text that reads back
/// exactly), `the string "x"` (escaped, cut after `maxStringChars`), `an array`.
QString describeJsonValue(const QJsonValue &value, std::size_t maxStringChars = 40);

/// The kind of a JSON value, for messages about its type: `a boolean`, `a number`, `a string`,
/// `an array`, `an object`, `null`.
QString jsonTypeName(const QJsonValue &value);

/// Checks that `object` has only `allowed` keys and every key of `required`; errors name
/// `field` and the key.
QString checkJsonKeys(const QJsonObject &object, const QString &field,
                      std::initializer_list<const char *> allowed,
                      std::initializer_list<const char *> required);

/// Reads an integer in [min, max] (both at most 2^53 - 1, where doubles stop being exact).
QString readJsonInteger(const QJsonValue &value, const QString &field, qint64 min, qint64 max,
                        qint64 &out);

} // namespace relulab
