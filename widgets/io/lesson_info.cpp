// SPDX-License-Identifier: MIT
#include "lesson_info.h"

#include "config_json.h"
#include "json_checks.h"
#include "message_quote.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>

namespace relulab {

namespace {

// Required text fields: JSON name, and where the lesson stores it.
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

QString keyName(const ConfigKey &key)
{
    return QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
}

QString knownKeys()
{
    QStringList names;
    for (const ConfigKey &key : configKeys())
        names << keyName(key);
    return names.join(QStringLiteral(", "));
}

// A member's name in a path: as it is if it is a plain word, else quoted and escaped (it is
// outside input, and a message is one line).
QString pathKey(const QString &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]{1,40}$"));
    return plain.match(key).hasMatch() ? key : quotedForMessage(key);
}

// Every problem found so far, each "path: what is wrong".
class Problems
{
public:
    void add(const QString &path, const QString &what)
    {
        m_lines << path + QLatin1String(": ") + what;
    }
    int count() const { return int(m_lines.size()); }
    const QStringList &lines() const { return m_lines; }

private:
    QStringList m_lines;
};

// A non-empty string field; `optional` fields may be absent (then `out` stays empty).
void readText(const QJsonObject &object, const QString &field, bool optional, QString &out,
              Problems &problems)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined()) {
        if (!optional)
            problems.add(field, QStringLiteral("missing"));
        return;
    }
    if (!value.isString())
        problems.add(field, QStringLiteral("expected a string, got %1").arg(jsonTypeName(value)));
    else if (value.toString().trimmed().isEmpty())
        problems.add(field, QStringLiteral("is empty"));
    else
        out = value.toString();
}

// An array of distinct config key names.
void readKeyList(const QJsonObject &object, const QString &field, QStringList &out,
                 Problems &problems)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined()) {
        problems.add(field, QStringLiteral("missing (use [] if the lesson fixes nothing)"));
        return;
    }
    if (!value.isArray()) {
        problems.add(
            field,
            QStringLiteral("expected an array of setting names, got %1").arg(jsonTypeName(value)));
        return;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(field).arg(i);
        const QJsonValue item = array.at(i);
        if (!item.isString()) {
            problems.add(path,
                         QStringLiteral("expected a setting name, got %1").arg(jsonTypeName(item)));
            continue;
        }
        const QString key = item.toString();
        if (!findConfigKey(key.toStdString()))
            problems.add(path, QStringLiteral("unknown key %1 (known keys: %2)")
                                   .arg(quotedForMessage(key), knownKeys()));
        else if (out.contains(key))
            problems.add(path, QStringLiteral("\"%1\" is listed twice").arg(key));
        else
            out << key;
    }
}

// An integer field in 1..max: "steps" (required) and "pause_at" (optional, at most steps).
void readStep(const QJsonObject &object, const QString &field, bool optional, int max, int &out,
              Problems &problems)
{
    const QJsonValue value = object.value(field);
    const QString range = QStringLiteral("1..%1").arg(max);
    if (value.isUndefined()) {
        if (!optional)
            problems.add(field, QStringLiteral("missing (an integer in %1)").arg(range));
        return;
    }
    const double v = value.toDouble(std::nan(""));
    if (!value.isDouble() || v != std::floor(v) || v < 1 || v > max)
        problems.add(field,
                     QStringLiteral("expected an integer in %1, got %2")
                         .arg(range, value.isDouble() ? QString::number(v) : jsonTypeName(value)));
    else
        out = int(v);
}

// "depth: 0 is out of range [1, 200]" from applyConfigJson becomes "settings.depth: ...".
void addSettingProblem(const QString &field, const QString &key, const QString &error,
                       Problems &problems)
{
    const QString own = key + QLatin1String(": ");
    problems.add(field + QLatin1Char('.') + key,
                 error.startsWith(own) ? error.mid(own.size()) : error);
}

// Checks each setting of `given` on its own, so every bad one is reported, then all of them
// together onto `base` (rules that span keys, such as alpha for elu). `complete`: every key
// must be there (a lesson never inherits whatever was set before it). `crossKeys` false: `base`
// is not the lesson's (its settings are broken), so only each value's own type and range count.
bool readSettingsObject(const QString &field, const QJsonObject &given, const TrainingConfig &base,
                        bool complete, bool crossKeys, TrainingConfig &out, Problems &problems)
{
    const int before = problems.count();
    QJsonObject good;
    QStringList suspect;
    for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
        // applyConfigJson would read through a "config" or "settings" member; here that is a
        // mistake, like any other unknown key.
        if (!findConfigKey(it.key().toStdString())) {
            problems.add(field + QLatin1Char('.') + pathKey(it.key()),
                         QStringLiteral("unknown key (known keys: %1)").arg(knownKeys()));
            continue;
        }
        TrainingConfig scratch = base;
        if (applyConfigJson(scratch, QJsonObject{{it.key(), it.value()}}).isEmpty())
            good.insert(it.key(), it.value());
        else
            suspect << it.key();
    }
    // A value refused on its own may only break a rule with the base's other settings (alpha
    // 2 is fine for elu, not for relu): it is wrong only if the lesson's own settings refuse it.
    for (const QString &key : suspect) {
        QJsonObject withKey = good;
        withKey.insert(key, given.value(key));
        TrainingConfig scratch = base;
        const QString error = applyConfigJson(scratch, withKey);
        const QString own = key + QLatin1Char(':');
        if (error.isEmpty())
            continue;
        TrainingConfig alone = base;
        const QString ownError = applyConfigJson(alone, QJsonObject{{key, given.value(key)}});
        if (!error.startsWith(own) && ownError.startsWith(own)) {
            addSettingProblem(field, key, ownError, problems);
        } else if (error.startsWith(own) ||
                   (crossKeys && !given.contains(error.section(QLatin1Char(':'), 0, 0)))) {
            // The key's own error, or a rule with a setting this object does not give
            // (compare's activation against the lesson's alpha): the key that brings it in is
            // the one to change.
            addSettingProblem(field, key, error, problems);
        }
        // Otherwise the rule is about another key given here: that key's problem is reported.
    }
    if (complete) {
        for (const ConfigKey &key : configKeys()) {
            // precision came after lessons were written: absent, it reads as its default
            // (float32, as every older lesson trained), not as what was set before.
            if (!given.contains(keyName(key)) && key.name != "precision")
                problems.add(field + QLatin1Char('.') + keyName(key), QStringLiteral("missing"));
        }
    }
    if (problems.count() > before || !crossKeys)
        return false;
    TrainingConfig config = base;
    if (QString error = applyConfigJson(config, given); !error.isEmpty()) {
        const QString key = error.section(QLatin1Char(':'), 0, 0);
        if (given.contains(key))
            addSettingProblem(field, key, error, problems);
        else
            problems.add(field, error);
        return false;
    }
    out = config;
    return true;
}

void readSettings(const QJsonObject &object, LessonInfo &info, bool &valid, Problems &problems)
{
    const QJsonValue value = object.value(QLatin1String("settings"));
    valid = false;
    if (!value.isObject()) {
        problems.add(QStringLiteral("settings"),
                     QStringLiteral("expected an object with every setting, got %1")
                         .arg(value.isUndefined() ? QStringLiteral("nothing (missing)")
                                                  : jsonTypeName(value)));
        return;
    }
    valid = readSettingsObject(QStringLiteral("settings"), value.toObject(), TrainingConfig{}, true,
                               true, info.settings, problems);
}

void readCompare(const QJsonObject &object, bool settingsValid, LessonInfo &info,
                 Problems &problems)
{
    info.compareSettings = info.settings;
    const QJsonValue value = object.value(QLatin1String("compare"));
    if (value.isUndefined())
        return;
    const QString field = QStringLiteral("compare");
    if (!value.isObject() || value.toObject().isEmpty()) {
        problems.add(field, QStringLiteral("expected an object of settings for run B, got %1")
                                .arg(value.isObject() ? QStringLiteral("an empty object")
                                                      : jsonTypeName(value)));
        return;
    }
    TrainingConfig compareSettings;
    if (!readSettingsObject(field, value.toObject(), info.settings, false, settingsValid,
                            compareSettings, problems) ||
        !settingsValid)
        return;
    if (compareSettings == info.settings) {
        problems.add(field, QStringLiteral("run B would be identical to run A"));
        return;
    }
    info.compareSettings = compareSettings;
    info.compare = ConfigOverrides::between(info.settings, compareSettings);
}

void readName(const QJsonObject &object, const QString &builtInName, QString &name,
              Problems &problems)
{
    const QString field = QStringLiteral("name");
    if (!builtInName.isEmpty()) {
        readText(object, field, false, name, problems);
        if (!name.isEmpty() && name != builtInName)
            problems.add(field, QStringLiteral("%1 does not match the file name %2")
                                    .arg(quotedForMessage(name), quotedForMessage(builtInName)));
        return;
    }
    readText(object, field, true, name, problems);
    if (name.size() > kMaxLessonNameChars || name.contains(QLatin1Char('\n'))) {
        problems.add(
            field,
            QStringLiteral("expected one line of at most %1 characters").arg(kMaxLessonNameChars));
        name.clear();
    }
}

// An integer field in [lo, hi] of an experiment; false if absent or bad (reported).
bool readInt(const QJsonObject &object, const QString &path, const QString &field, int lo, int hi,
             int &out, Problems &problems)
{
    const QJsonValue value = object.value(field);
    const double v = value.toDouble(std::nan(""));
    if (!value.isDouble() || v != std::floor(v) || v < lo || v > hi) {
        problems.add(path + QLatin1Char('.') + field,
                     QStringLiteral("expected an integer in %1..%2, got %3")
                         .arg(lo)
                         .arg(hi)
                         .arg(value.isUndefined() ? QStringLiteral("nothing (missing)")
                              : value.isDouble()  ? QString::number(v)
                                                  : jsonTypeName(value)));
        return false;
    }
    out = int(v);
    return true;
}

void readMeasures(const QJsonValue &value, const QString &path, Experiment &e, Problems &problems)
{
    if (!value.isArray() || value.toArray().isEmpty()) {
        problems.add(path, QStringLiteral("expected an array of measures such as "
                                          "[{\"metric\": \"final_loss\", \"steps\": 1000}], got %1")
                               .arg(value.isUndefined() ? QStringLiteral("nothing (missing)")
                                                        : describeJsonValue(value)));
        return;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!array.at(i).isObject()) {
            problems.add(
                at, QStringLiteral("expected an object, got %1").arg(jsonTypeName(array.at(i))));
            continue;
        }
        const QJsonObject m = array.at(i).toObject();
        for (auto it = m.constBegin(); it != m.constEnd(); ++it)
            if (it.key() != QLatin1String("metric") && it.key() != QLatin1String("steps") &&
                it.key() != QLatin1String("target"))
                problems.add(at + QLatin1Char('.') + pathKey(it.key()),
                             QStringLiteral("unknown field (known fields: metric, steps, target)"));
        EvidenceMeasure measure;
        const std::optional<SweepMetric> metric =
            parseSweepMetric(m.value(QLatin1String("metric")).toString().toStdString());
        if (!metric) {
            QStringList names;
            for (SweepMetric known : allSweepMetrics())
                names << QString::fromUtf8(sweepMetricName(known).data());
            problems.add(at + QLatin1String(".metric"),
                         QStringLiteral("expected one of %1, got %2")
                             .arg(names.join(QStringLiteral(", ")),
                                  describeJsonValue(m.value(QLatin1String("metric")))));
        } else {
            measure.metric = *metric;
        }
        readInt(m, at, QStringLiteral("steps"), 0, kMaxLessonSteps, measure.steps, problems);
        if (const QJsonValue target = m.value(QLatin1String("target")); !target.isUndefined()) {
            if (!target.isDouble())
                problems.add(at + QLatin1String(".target"),
                             QStringLiteral("expected a number, got %1").arg(jsonTypeName(target)));
            else
                measure.target = target.toDouble();
        }
        e.measures.push_back(measure);
    }
}

void readExperiment(const QJsonObject &object, bool settingsValid, LessonInfo &info,
                    Problems &problems)
{
    const QString path = QStringLiteral("experiment");
    const QJsonValue value = object.value(path);
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        problems.add(path, QStringLiteral("expected an object, got %1").arg(jsonTypeName(value)));
        return;
    }
    const QJsonObject o = value.toObject();
    const int before = problems.count();
    static const QStringList kFields{
        QStringLiteral("claim"),    QStringLiteral("source"), QStringLiteral("rule"),
        QStringLiteral("key"),      QStringLiteral("a"),      QStringLiteral("b"),
        QStringLiteral("grid"),     QStringLiteral("seeds"),  QStringLiteral("measures"),
        QStringLiteral("contrast"), QStringLiteral("seconds")};
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        if (!kFields.contains(it.key()))
            problems.add(path + QLatin1Char('.') + pathKey(it.key()),
                         QStringLiteral("unknown field (known fields: %1)")
                             .arg(kFields.join(QStringLiteral(", "))));
    Experiment e;
    QString claim, source, rule, key, a, b;
    Problems texts;
    readText(o, QStringLiteral("claim"), false, claim, texts);
    readText(o, QStringLiteral("source"), false, source, texts);
    readText(o, QStringLiteral("rule"), false, rule, texts);
    readText(o, QStringLiteral("key"), false, key, texts);
    readText(o, QStringLiteral("a"), false, a, texts);
    readText(o, QStringLiteral("b"), false, b, texts);
    for (const QString &line : texts.lines())
        problems.add(path + QLatin1Char('.') + line.section(QLatin1String(": "), 0, 0),
                     line.section(QLatin1String(": "), 1));
    if (!rule.isEmpty()) {
        if (const std::optional<EvidenceRule> r = parseEvidenceRule(rule.toStdString()))
            e.rule = *r;
        else
            problems.add(path + QLatin1String(".rule"),
                         QStringLiteral("expected gap_vanishes, advantage_vanishes, "
                                        "rate_matches_outcome or format_stalls, got %1")
                             .arg(quotedForMessage(rule)));
    }
    const QJsonValue grid = o.value(QLatin1String("grid"));
    if (!grid.isArray() || grid.toArray().isEmpty() || grid.toArray().size() > 2) {
        problems.add(path + QLatin1String(".grid"),
                     QStringLiteral("expected one or two \"key=values\" strings, got %1")
                         .arg(grid.isUndefined() ? QStringLiteral("nothing (missing)")
                                                 : describeJsonValue(grid)));
    } else {
        const QJsonArray axes = grid.toArray();
        for (qsizetype i = 0; i < axes.size(); ++i) {
            const QJsonValue axis = axes.at(i);
            if (axis.isString())
                e.grid.push_back(axis.toString().toStdString());
            else
                problems.add(path + QLatin1String(".grid"),
                             QStringLiteral("expected \"key=values\" strings, got %1")
                                 .arg(jsonTypeName(axis)));
        }
    }
    readInt(o, path, QStringLiteral("seeds"), 2, kMaxExperimentSeeds, e.seeds, problems);
    readInt(o, path, QStringLiteral("seconds"), 1, kMaxExperimentSeconds, e.seconds, problems);
    readMeasures(o.value(QLatin1String("measures")), path + QLatin1String(".measures"), e,
                 problems);
    if (const QJsonValue contrast = o.value(QLatin1String("contrast")); !contrast.isUndefined()) {
        TrainingConfig contrastSettings;
        if (!contrast.isObject() || contrast.toObject().isEmpty())
            problems.add(path + QLatin1String(".contrast"),
                         QStringLiteral("expected an object of settings for the second setting, "
                                        "got %1")
                             .arg(contrast.isObject() ? QStringLiteral("an empty object")
                                                      : jsonTypeName(contrast)));
        else if (readSettingsObject(path + QLatin1String(".contrast"), contrast.toObject(),
                                    info.settings, false, settingsValid, contrastSettings,
                                    problems) &&
                 settingsValid)
            e.contrast = ConfigOverrides::between(info.settings, contrastSettings);
    }
    e.claim = claim.toStdString();
    e.source = source.toStdString();
    e.key = key.toStdString();
    e.a = a.toStdString();
    e.b = b.toStdString();
    if (problems.count() > before || !settingsValid)
        return;
    if (const std::string error = experimentError(e, info.settings); !error.empty()) {
        const QString line = QString::fromStdString(error);
        problems.add(path + QLatin1Char('.') + line.section(QLatin1String(": "), 0, 0),
                     line.section(QLatin1String(": "), 1));
        return;
    }
    info.experiment = e;
}

// The whole check; `result` holds what could be read.
QStringList check(const QJsonObject &object, const QString &builtInName, LessonInfo &result)
{
    Problems problems;
    const QStringList fields = lessonFieldNames();
    bool anyKnown = false;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (fields.contains(it.key()))
            anyKnown = true;
        else
            problems.add(pathKey(it.key()), QStringLiteral("unknown field (known fields: %1)")
                                                .arg(fields.join(QStringLiteral(", "))));
    }
    // A settings file or some other JSON: one line saying so beats a line for each of its keys.
    if (!anyKnown && !object.isEmpty())
        return {QStringLiteral("not a lesson: it has none of the lesson fields (%1)")
                    .arg(fields.join(QStringLiteral(", ")))};

    readName(object, builtInName, result.name, problems);
    for (const TextField &field : kTextFields)
        readText(object, QLatin1String(field.json), false, result.*field.member, problems);
    readText(object, QStringLiteral("reference"), true, result.reference, problems);
    bool settingsValid = false;
    readSettings(object, result, settingsValid, problems);
    readStep(object, QStringLiteral("steps"), false, kMaxLessonSteps, result.steps, problems);
    readStep(object, QStringLiteral("pause_at"), true,
             result.steps > 0 ? result.steps : kMaxLessonSteps, result.pauseAt, problems);
    if (const QJsonValue beginner = object.value(QLatin1String("beginner_view"));
        !beginner.isUndefined()) {
        if (beginner.isBool())
            result.beginnerView = beginner.toBool();
        else
            problems.add(
                QStringLiteral("beginner_view"),
                QStringLiteral("expected true or false, got %1").arg(describeJsonValue(beginner)));
    }
    readKeyList(object, QStringLiteral("locked"), result.locked, problems);
    readKeyList(object, QStringLiteral("hidden"), result.hidden, problems);
    // A hidden control the student cannot see must not drift from the lesson's value either.
    for (qsizetype i = 0; i < result.hidden.size(); ++i) {
        const QString &key = result.hidden.at(i);
        if (!result.locked.contains(key) && object.value(QLatin1String("locked")).isArray())
            problems.add(QStringLiteral("hidden"),
                         QStringLiteral("\"%1\" is hidden but not locked").arg(key));
    }
    readCompare(object, settingsValid, result, problems);
    readExperiment(object, settingsValid, result, problems);
    return problems.lines();
}

// "first problem" or "first problem (and N more: relulab-cli lesson check lists them all)".
QString firstProblem(const QStringList &problems)
{
    if (problems.size() <= 1)
        return problems.value(0);
    return QStringLiteral("%1 (and %2 more; relulab-cli lesson check lists them all)")
        .arg(problems.front())
        .arg(problems.size() - 1);
}

} // namespace

QStringList lessonFieldNames()
{
    return {QStringLiteral("name"),          QStringLiteral("title"),
            QStringLiteral("question"),      QStringLiteral("settings"),
            QStringLiteral("steps"),         QStringLiteral("pause_at"),
            QStringLiteral("todo"),          QStringLiteral("look_for"),
            QStringLiteral("why"),           QStringLiteral("teacher_notes"),
            QStringLiteral("locked"),        QStringLiteral("hidden"),
            QStringLiteral("compare"),       QStringLiteral("reference"),
            QStringLiteral("beginner_view"), QStringLiteral("experiment")};
}

QStringList lessonProblems(const QJsonObject &object, const QString &builtInName)
{
    LessonInfo scratch;
    return check(object, builtInName, scratch);
}

QString parseLesson(const QString &name, const QJsonObject &object, LessonInfo &info)
{
    LessonInfo result;
    if (const QStringList problems = check(object, name, result); !problems.isEmpty())
        return QStringLiteral("lesson %1: %2").arg(quotedForMessage(name), problems.front());
    info = result;
    return {};
}

QString parseFileLesson(const QString &fallbackName, const QJsonObject &object, LessonInfo &info)
{
    LessonInfo result;
    if (const QStringList problems = check(object, {}, result); !problems.isEmpty())
        return firstProblem(problems);
    if (result.name.isEmpty())
        result.name = fallbackName.isEmpty() ? QStringLiteral("lesson")
                                             : fallbackName.left(kMaxLessonNameChars);
    result.fileObject = object;
    result.fileObject.insert(QStringLiteral("name"), result.name);
    info = result;
    return {};
}

QString readLessonFile(const QString &path, LessonInfo &info, QStringList *problems)
{
    const QString shown = escapedForMessage(path); // outside input
    const auto fail = [&](const QStringList &lines) {
        if (problems)
            *problems = lines;
        return QStringLiteral("%1: %2").arg(shown, firstProblem(lines));
    };
    if (path.isEmpty())
        return fail({QStringLiteral("no file name given")});
    const QFileInfo file(path);
    if (!file.exists())
        return fail({QStringLiteral("cannot open: no such file")});
    if (file.isDir())
        return fail({QStringLiteral("cannot open: is a folder")});
    QFile device(path);
    if (!device.open(QIODevice::ReadOnly))
        return fail({QStringLiteral("cannot open: %1").arg(device.errorString())});
    // One byte past the limit tells "too big" apart without trusting the reported size.
    const QByteArray data = device.read(kMaxLessonFileBytes + 1);
    if (device.error() != QFileDevice::NoError)
        return fail({QStringLiteral("cannot read: %1").arg(device.errorString())});
    if (data.size() > kMaxLessonFileBytes)
        return fail({QStringLiteral("larger than %1 KiB, too big for a lesson file")
                         .arg(kMaxLessonFileBytes / 1024)});
    if (QString error = checkJsonNesting(data, kMaxLessonNesting); !error.isEmpty())
        return fail({error + QStringLiteral("; not a lesson file")});
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            {QStringLiteral("not a lesson: malformed JSON at %1: %2")
                 .arg(jsonPositionText(data, parseError.offset), parseError.errorString())});
    if (!doc.isObject())
        return fail({QStringLiteral("not a lesson: expected a JSON object at the top level")});
    LessonInfo result;
    if (const QStringList lines = check(doc.object(), {}, result); !lines.isEmpty())
        return fail(lines);
    if (QString error = parseFileLesson(file.completeBaseName(), doc.object(), info);
        !error.isEmpty())
        return fail({error}); // not reached: check() found nothing
    if (problems)
        problems->clear();
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
