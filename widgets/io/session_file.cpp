// SPDX-License-Identifier: MIT
#include "session_file.h"

#include "config_json.h"
#include "json_checks.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "save_file.h"
#include "trainer_state_json.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cctype>
#include <exception>
#include <limits>

namespace relulab {

namespace {

constexpr char kFormatTag[] = "relulab-session";
constexpr qsizetype kMaxSelectedPlot = 64;

QString bytesText(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QString readBool(const QJsonObject &object, const QString &field, const char *key, bool &out)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return {}; // optional: keeps the default
    if (!value.isBool())
        return QStringLiteral("%1%2: expected true or false, got %3")
            .arg(field, QLatin1String(key), describeJsonValue(value));
    out = value.toBool();
    return {};
}

QString readConfig(const QJsonValue &value, const QString &field, TrainingConfig &out)
{
    if (!value.isObject())
        return QStringLiteral("%1: expected an object of settings, got %2")
            .arg(field, describeJsonValue(value));
    const QJsonObject object = value.toObject();
    // applyConfigJson would look inside these; a session's settings are flat.
    for (const char *nested : {"config", "settings"}) {
        if (object.contains(QLatin1String(nested)))
            return QStringLiteral("%1: unknown key \"%2\"").arg(field, QLatin1String(nested));
    }
    // Keys left out keep their defaults; applyConfigJson ends with validateConfig.
    TrainingConfig config;
    if (QString error = applyConfigJson(config, object); !error.isEmpty()) {
        // "alpha: 1.5 is out of range" becomes "config.alpha: ...", like every other field.
        const qsizetype colon = error.indexOf(QLatin1Char(':'));
        if (colon > 0 && findConfigKey(error.left(colon).toStdString()))
            return field + QLatin1Char('.') + error;
        return QStringLiteral("%1: %2").arg(field, error);
    }
    out = config;
    return {};
}

QString readLesson(const QJsonValue &value, QString &out)
{
    if (!value.isString())
        return QStringLiteral("lesson: expected a lesson's name, got %1")
            .arg(describeJsonValue(value));
    const QString name = value.toString();
    const QStringList known = presetNames();
    if (!name.isEmpty() && !known.contains(name))
        return QStringLiteral("lesson: unknown lesson %1 (known: %2)")
            .arg(quotedForMessage(name, 40), known.join(QStringLiteral(", ")));
    out = name;
    return {};
}

// A teacher's lesson carried whole; "lesson", if given, must be its name.
QString readLessonFile(const QJsonValue &value, const QJsonValue &lesson, Session &session)
{
    if (!value.isObject())
        return QStringLiteral("lesson_file: expected a lesson's object, got %1")
            .arg(describeJsonValue(value));
    LessonInfo info;
    if (QString error = parseFileLesson(QStringLiteral("lesson"), value.toObject(), info);
        !error.isEmpty())
        return QStringLiteral("lesson_file.%1").arg(error);
    if (!lesson.isUndefined() && lesson.toString() != info.name)
        return QStringLiteral("lesson: %1 does not match lesson_file's name %2")
            .arg(describeJsonValue(lesson), quotedForMessage(info.name, 40));
    session.lesson = info.name;
    session.lessonFile = info.fileObject;
    return {};
}

QString readUnlocked(const QJsonValue &value, QStringList &out)
{
    if (!value.isArray())
        return QStringLiteral("unlocked: expected an array of setting names, got %1")
            .arg(describeJsonValue(value));
    QStringList keys;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("unlocked[%1]").arg(i);
        const QJsonValue item = array.at(i);
        if (!item.isString() || !findConfigKey(item.toString().toStdString()))
            return QStringLiteral("%1: expected the name of a setting (see relulab-cli keys), "
                                  "got %2")
                .arg(field, describeJsonValue(item));
        if (keys.contains(item.toString()))
            return QStringLiteral("%1: \"%2\" is listed twice").arg(field, item.toString());
        keys << item.toString();
    }
    out = keys;
    return {};
}

QString readView(const QJsonValue &value, ViewOptions &out)
{
    const QString field = QStringLiteral("view");
    if (!value.isObject())
        return QStringLiteral("view: expected an object, got %1").arg(describeJsonValue(value));
    const QJsonObject object = value.toObject();
    const auto keys = {"presentation", "dark_theme",   "selected_plot", "theory_overlay",
                       "network_view", "timeline",     "pinned_unit",   "test_data",
                       "discretized",  "update_ratio", "beginner"};
    if (QString error = checkJsonKeys(object, field, keys, {}); !error.isEmpty())
        return error;
    ViewOptions view;
    const QString prefix = QStringLiteral("view.");
    for (const auto &[key, target] :
         {std::pair{"presentation", &view.presentation}, std::pair{"dark_theme", &view.darkTheme},
          std::pair{"theory_overlay", &view.theoryOverlay},
          std::pair{"network_view", &view.networkView}, std::pair{"timeline", &view.timeline},
          std::pair{"test_data", &view.testData}, std::pair{"discretized", &view.discretized},
          std::pair{"update_ratio", &view.updateRatio}, std::pair{"beginner", &view.beginner}}) {
        if (QString error = readBool(object, prefix, key, *target); !error.isEmpty())
            return error;
    }
    const QJsonValue plot = object.value(QLatin1String("selected_plot"));
    if (!plot.isUndefined()) {
        const QString name = plot.toString();
        bool printable = plot.isString() && name.size() <= kMaxSelectedPlot;
        for (QChar c : name)
            printable = printable && c.isPrint();
        if (!printable)
            return QStringLiteral("view.selected_plot: expected a plot's name (up to %1 "
                                  "printable characters), got %2")
                .arg(kMaxSelectedPlot)
                .arg(describeJsonValue(plot));
        view.selectedPlot = name;
    }
    const QJsonValue pinned = object.value(QLatin1String("pinned_unit"));
    if (!pinned.isUndefined() && !pinned.isNull()) {
        const QJsonArray pair = pinned.toArray();
        const auto index = [](const QJsonValue &v) {
            const double d = v.toDouble(-1);
            return v.isDouble() && d >= 0 && d < 1e6 && d == double(int(d)) ? int(d) : -1;
        };
        if (!pinned.isArray() || pair.size() != 2 || index(pair[0]) < 0 || index(pair[1]) < 0)
            return QStringLiteral("view.pinned_unit: expected [layer, unit] (0-based "
                                  "indices) or null, got %1")
                .arg(describeJsonValue(pinned));
        view.pinnedLayer = index(pair[0]);
        view.pinnedUnit = index(pair[1]);
    }
    out = view;
    return {};
}

// The final word on a state: the Trainer that will continue from it must accept it.
QString readState(const QJsonValue &value, const TrainingConfig &config, const QString &field,
                  std::optional<TrainerState> &out)
{
    TrainerState state;
    if (QString error = trainerStateFromJson(value, config, field, state); !error.isEmpty())
        return error;
    try {
        Trainer trainer(config);
        if (!trainer.restoreState(state))
            return QStringLiteral("%1: rejected by a trainer built from its settings (the sample "
                                  "order, cursor or random generator state does not fit)")
                .arg(field);
    } catch (const std::exception &e) {
        return QStringLiteral("%1: cannot build a trainer to check it: %2").arg(field, e.what());
    }
    out = std::move(state);
    return {};
}

QString readHeader(const QJsonObject &root)
{
    const QJsonValue format = root.value(QLatin1String("format"));
    if (format.isUndefined())
        return QStringLiteral("not a ReLU Lab session (no \"format\" member)");
    if (format.toString() != QLatin1String(kFormatTag))
        return QStringLiteral("not a ReLU Lab session (format is %1, expected \"%2\")")
            .arg(describeJsonValue(format), QLatin1String(kFormatTag));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined())
        return QStringLiteral("version: missing");
    qint64 number = 0;
    if (QString error = readJsonInteger(version, QStringLiteral("version"), 1,
                                        std::numeric_limits<int>::max(), number);
        !error.isEmpty())
        return error;
    if (number > kSessionFormatVersion)
        return QStringLiteral("was saved by a newer ReLU Lab (format %1); this version reads "
                              "format %2")
            .arg(number)
            .arg(kSessionFormatVersion);
    return {};
}

QString readSession(const QJsonObject &root, Session &out)
{
    if (QString error = readHeader(root); !error.isEmpty())
        return error;
    const QString top = QStringLiteral("session");
    if (QString error =
            checkJsonKeys(root, top,
                          {"format", "version", "config", "compare", "compare_config", "lesson",
                           "lesson_file", "unlocked", "view", "state", "compare_state"},
                          {});
        !error.isEmpty())
        return error;
    auto member = [&](const char *key) { return root.value(QLatin1String(key)); };
    auto has = [&](const char *key) { return root.contains(QLatin1String(key)); };

    Session session;
    if (!has("config"))
        return QStringLiteral("config: missing");
    if (QString error = readConfig(member("config"), QStringLiteral("config"), session.config);
        !error.isEmpty())
        return error;
    if (QString error = readBool(root, QString(), "compare", session.compare); !error.isEmpty())
        return error;
    if (session.compare && !has("compare_config"))
        return QStringLiteral("compare_config: missing, but compare is true");
    if (has("compare_config")) {
        if (QString error = readConfig(member("compare_config"), QStringLiteral("compare_config"),
                                       session.compareConfig);
            !error.isEmpty())
            return error;
    }
    if (has("lesson_file")) {
        if (QString error = readLessonFile(member("lesson_file"), member("lesson"), session);
            !error.isEmpty())
            return error;
    } else if (has("lesson")) {
        if (QString error = readLesson(member("lesson"), session.lesson); !error.isEmpty())
            return error;
    }
    if (has("unlocked")) {
        if (QString error = readUnlocked(member("unlocked"), session.unlockedKeys);
            !error.isEmpty())
            return error;
    }
    if (has("view")) {
        if (QString error = readView(member("view"), session.view); !error.isEmpty())
            return error;
    }
    if (has("state")) {
        if (QString error =
                readState(member("state"), session.config, QStringLiteral("state"), session.state);
            !error.isEmpty())
            return error;
    }
    if (has("compare_state")) {
        if (!has("compare_config"))
            return QStringLiteral("compare_state: present without compare_config");
        if (QString error = readState(member("compare_state"), session.compareConfig,
                                      QStringLiteral("compare_state"), session.compareState);
            !error.isEmpty())
            return error;
    }
    out = std::move(session);
    return {};
}

} // namespace

QByteArray sessionToJson(const Session &session, QString *error)
{
    // A member a line for people to find their way; the settings, and each layer of a state,
    // dense on one line, since the weights are nearly all of the bytes.
    constexpr auto dense = JsonWriter::Layout::Dense;
    JsonWriter json;
    json.beginObject();
    json.key("format");
    json.string(kFormatTag);
    json.key("version");
    json.integer(kSessionFormatVersion);
    json.key("config");
    writeConfig(json, session.config, dense);
    json.key("compare");
    json.boolean(session.compare);
    json.key("compare_config");
    writeConfig(json, session.compareConfig, dense);
    json.key("lesson");
    json.string(session.lesson.toStdString());
    if (!session.lessonFile.isEmpty()) {
        json.key("lesson_file");
        json.rawValue(
            QJsonDocument(session.lessonFile).toJson(QJsonDocument::Compact).toStdString());
    }
    json.key("unlocked");
    json.beginArray(dense);
    for (const QString &key : session.unlockedKeys)
        json.string(key.toStdString());
    json.endArray();
    json.key("view");
    json.beginObject(dense);
    json.key("dark_theme");
    json.boolean(session.view.darkTheme);
    json.key("presentation");
    json.boolean(session.view.presentation);
    json.key("selected_plot");
    json.string(session.view.selectedPlot.toStdString());
    json.key("theory_overlay");
    json.boolean(session.view.theoryOverlay);
    for (const auto &[key, on] : {std::pair{"network_view", session.view.networkView},
                                  std::pair{"timeline", session.view.timeline},
                                  std::pair{"test_data", session.view.testData},
                                  std::pair{"discretized", session.view.discretized},
                                  std::pair{"update_ratio", session.view.updateRatio},
                                  std::pair{"beginner", session.view.beginner}}) {
        json.key(key);
        json.boolean(on);
    }
    json.key("pinned_unit");
    if (session.view.pinnedLayer >= 0 && session.view.pinnedUnit >= 0) {
        json.beginArray(dense);
        json.number(session.view.pinnedLayer);
        json.number(session.view.pinnedUnit);
        json.endArray();
    } else {
        json.null();
    }
    json.endObject();
    for (const auto &[key, state] :
         {std::pair{"state", &session.state}, std::pair{"compare_state", &session.compareState}}) {
        if (!state->has_value())
            continue;
        json.key(key);
        if (QString problem = writeTrainerState(json, **state, QLatin1String(key));
            !problem.isEmpty()) {
            if (error)
                *error = problem;
            return {};
        }
    }
    json.endObject();
    if (error)
        error->clear();
    return QByteArray::fromStdString(json.text());
}

QString sessionFromJson(const QByteArray &json, Session &out)
{
    if (json.size() > kMaxSessionBytes)
        return QStringLiteral("larger than %1, too big for a session file")
            .arg(bytesText(kMaxSessionBytes));
    if (std::all_of(json.begin(), json.end(), [](char c) { return std::isspace(uchar(c)); }))
        return QStringLiteral("empty, not a ReLU Lab session");
    if (QString error = checkJsonNesting(json, kMaxSessionNesting); !error.isEmpty())
        return error + QStringLiteral("; not a session file");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return QStringLiteral("not a valid session: malformed or truncated JSON at %1: %2")
            .arg(jsonPositionText(json, parseError.offset), parseError.errorString());
    if (!doc.isObject())
        return QStringLiteral("not a ReLU Lab session (expected a JSON object at the top level)");
    return readSession(doc.object(), out);
}

QString loadSession(const QString &path, Session &out)
{
    if (path.isEmpty())
        return QStringLiteral("cannot open a session: no file name given");
    const QFileInfo info(path);
    const QString shown = escapedForMessage(path); // outside input
    if (!info.exists())
        return QStringLiteral("%1: cannot open: no such file").arg(shown);
    if (info.isDir())
        return QStringLiteral("%1: cannot open: is a folder").arg(shown);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot open: %2").arg(shown, file.errorString());
    // One byte past the limit tells "too big" apart without trusting the reported size
    // (pipes and /proc files have none).
    const QByteArray data = file.read(kMaxSessionBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return QStringLiteral("%1: cannot read: %2").arg(shown, file.errorString());
    if (QString error = sessionFromJson(data, out); !error.isEmpty())
        return QStringLiteral("%1: %2").arg(shown, error);
    return {};
}

QString saveSession(const QString &path, const Session &session)
{
    if (path.isEmpty())
        return QStringLiteral("cannot save the session: no file name given");
    const SaveWording wording{QStringLiteral("save")};
    // The target first: a wrong folder should not wait for a large session to be serialised.
    if (QString error = saveTargetError(path, wording); !error.isEmpty())
        return error;
    const QString shown = escapedForMessage(path); // outside input
    QString error;
    const QByteArray json = sessionToJson(session, &error);
    if (!error.isEmpty())
        return QStringLiteral("cannot save %1: %2").arg(shown, error);
    if (json.size() > kMaxSessionBytes)
        return QStringLiteral("cannot save %1: the session would be %2, over the %3 a session "
                              "file may have; save it without the training state")
            .arg(shown, bytesText(json.size()), bytesText(kMaxSessionBytes));
    return saveFile(path, json, wording);
}

} // namespace relulab
