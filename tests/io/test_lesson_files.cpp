// SPDX-License-Identifier: MIT
// Every built-in lesson file is complete and valid, and parseLesson rejects broken ones with one
// line that names the lesson and the field.
#include "config_json.h"
#include "lesson_info.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>

#include <gtest/gtest.h>

namespace relulab {
namespace {

// The lessons that must be built in, in the order the Lessons menu teaches them.
const QStringList kRequiredLessons = {
    "meet-the-rectifiers", "dying-relu",         "born-dead",   "init-and-depth", "why-not-linear",
    "off-centre-features", "prelu-learns-alpha", "fewer-units", "smooth-cousins",
};

QSet<QString> allKeyNames()
{
    QSet<QString> names;
    for (const ConfigKey &key : configKeys())
        names.insert(QString::fromUtf8(key.name.data(), qsizetype(key.name.size())));
    return names;
}

QSet<QString> stringSet(const QJsonValue &array)
{
    QSet<QString> out;
    for (const QJsonValue &v : array.toArray())
        out.insert(v.toString());
    return out;
}

TEST(LessonFiles, EveryFileInTheSourceTreeIsBuiltIn)
{
    QStringList stems = QDir(QStringLiteral(RELULAB_LESSONS_DIR))
                            .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (QString &stem : stems)
        stem.chop(5); // ".json"
    QStringList names = presetNames();
    ASSERT_FALSE(stems.isEmpty());
    // Same set: a file missing from sources_config.cmake would be absent from the menu.
    QStringList sortedNames = names;
    sortedNames.sort();
    EXPECT_EQ(sortedNames, stems);
    for (const QString &required : kRequiredLessons)
        EXPECT_TRUE(names.contains(required)) << required.toStdString();
}

TEST(LessonFiles, MenuOrderIsTheTeachingOrder)
{
    const QStringList names = presetNames();
    ASSERT_FALSE(names.isEmpty());
    EXPECT_EQ(names.front(), "default");
    qsizetype previous = -1;
    for (const QString &required : kRequiredLessons) {
        const qsizetype at = names.indexOf(required);
        EXPECT_GT(at, previous) << required.toStdString();
        previous = at;
    }
}

TEST(LessonFiles, EveryLessonIsCompleteAndValid)
{
    const QSet<QString> keys = allKeyNames();
    for (const QString &name : presetNames()) {
        SCOPED_TRACE(name.toStdString());
        QJsonObject object;
        ASSERT_EQ(readPreset(name, object), QString());

        // Checked on the raw JSON, independently of parseLesson.
        EXPECT_EQ(object.value("name").toString(), name);
        for (const QString &field : lessonFieldNames()) {
            if (field != "compare" && field != "reference" && field != "pause_at" &&
                field != "beginner_view" && field != "experiment") {
                EXPECT_TRUE(object.contains(field)) << field.toStdString();
            }
        }
        const QStringList settingKeys = object.value("settings").toObject().keys();
        EXPECT_EQ(QSet<QString>(settingKeys.begin(), settingKeys.end()), keys);
        EXPECT_TRUE(stringSet(object.value("locked")).subtract(keys).isEmpty());
        EXPECT_TRUE(stringSet(object.value("hidden")).subtract(keys).isEmpty());
        const QStringList compareKeys = object.value("compare").toObject().keys();
        EXPECT_TRUE(QSet<QString>(compareKeys.begin(), compareKeys.end()).subtract(keys).isEmpty());

        LessonInfo info;
        ASSERT_EQ(lessonInfo(name, info), QString());
        EXPECT_EQ(info.name, name);
        EXPECT_TRUE(info.question.trimmed().endsWith('?')) << info.question.toStdString();
        EXPECT_GE(info.steps, 1);
        // Short enough for a caption and a paragraph on a projector.
        EXPECT_LE(info.title.size(), 80);
        EXPECT_LE(info.lookFor.size(), 700);
        EXPECT_LE(info.why.size(), 1000);
        for (const QString &text :
             {info.title, info.question, info.todo, info.lookFor, info.why, info.teacherNotes}) {
            EXPECT_FALSE(text.contains("TODO") || text.contains("FIXME") || text.contains("XXX"));
            EXPECT_EQ(text, text.trimmed());
        }
        for (const QString &key : info.hidden)
            EXPECT_TRUE(info.locked.contains(key)) << key.toStdString();

        // The settings a lesson opens with are exactly what --preset loads.
        TrainingConfig loaded;
        ASSERT_EQ(loadPreset(name, loaded), QString());
        EXPECT_TRUE(loaded == info.settings);
        EXPECT_EQ(validateConfig(info.settings), std::string());
        if (info.hasCompare()) {
            EXPECT_FALSE(info.compareSettings == info.settings);
            EXPECT_EQ(validateConfig(info.compareSettings), std::string());
        }
    }
}

TEST(LessonFiles, TheNineLessonsFixSomethingAndOfferAComparison)
{
    for (const QString &name : kRequiredLessons) {
        SCOPED_TRACE(name.toStdString());
        LessonInfo info;
        ASSERT_EQ(lessonInfo(name, info), QString());
        // A lesson is a task: some controls are fixed, and at least one is left to move.
        EXPECT_FALSE(info.locked.isEmpty());
        EXPECT_LT(info.locked.size(), qsizetype(configKeys().size()));
        EXPECT_TRUE(info.hasCompare());
        EXPECT_FALSE(info.reference.isEmpty());
    }
}

// A valid lesson object to break one field at a time.
QJsonObject validLesson()
{
    QJsonObject object;
    EXPECT_EQ(readPreset("dying-relu", object), QString());
    return object;
}

struct BrokenLesson
{
    const char *what;
    QJsonObject object;
    const char *expected; ///< part of the one-line error
};

std::vector<BrokenLesson> brokenLessons()
{
    std::vector<BrokenLesson> cases;
    auto broken = [&](const char *what, auto change, const char *expected) {
        QJsonObject o = validLesson();
        change(o);
        cases.push_back({what, o, expected});
    };
    broken(
        "missing question", [](QJsonObject &o) { o.remove("question"); }, "question: missing");
    broken(
        "empty why", [](QJsonObject &o) { o["why"] = "  "; }, "why: is empty");
    broken(
        "number as title", [](QJsonObject &o) { o["title"] = 3; }, "title: expected a string");
    broken(
        "unknown field", [](QJsonObject &o) { o["look-for"] = "x"; }, "look-for: unknown field");
    broken(
        "wrong name", [](QJsonObject &o) { o["name"] = "born-dead"; }, "does not match");
    broken(
        "steps zero", [](QJsonObject &o) { o["steps"] = 0; }, "steps: expected an integer");
    broken(
        "steps fraction", [](QJsonObject &o) { o["steps"] = 2.5; }, "steps: expected an integer");
    broken(
        "steps text", [](QJsonObject &o) { o["steps"] = "500"; }, "got a string");
    broken(
        "steps missing", [](QJsonObject &o) { o.remove("steps"); }, "steps: missing");
    broken(
        "settings incomplete",
        [](QJsonObject &o) {
            QJsonObject s = o["settings"].toObject();
            s.remove("seed");
            s.remove("depth");
            o["settings"] = s;
        },
        "settings.depth: missing");
    broken(
        "settings out of range",
        [](QJsonObject &o) {
            QJsonObject s = o["settings"].toObject();
            s["depth"] = 500;
            o["settings"] = s;
        },
        "settings.depth: 500 is out of range");
    broken(
        "settings not an object", [](QJsonObject &o) { o["settings"] = QJsonArray(); },
        "settings: expected an object");
    broken(
        "locked unknown key", [](QJsonObject &o) { o["locked"] = QJsonArray{"alpah"}; },
        "locked[0]: unknown key \"alpah\"");
    broken(
        "locked twice",
        [](QJsonObject &o) {
            o["locked"] = QJsonArray{"seed", "seed"};
        },
        "locked[1]: \"seed\" is listed twice");
    broken(
        "locked not array", [](QJsonObject &o) { o["locked"] = "seed"; },
        "locked: expected an array");
    broken(
        "hidden missing", [](QJsonObject &o) { o.remove("hidden"); }, "hidden: missing");
    broken(
        "hidden but not locked",
        [](QJsonObject &o) {
            o["locked"] = QJsonArray{"seed"};
            o["hidden"] = QJsonArray{"depth"};
        },
        "\"depth\" is hidden but not locked");
    broken(
        "compare unknown key",
        [](QJsonObject &o) {
            o["compare"] = QJsonObject{{"acti", 1}};
        },
        "compare.acti: unknown key");
    broken(
        "compare bad value",
        [](QJsonObject &o) {
            o["compare"] = QJsonObject{{"activation", "relu6"}};
        },
        "compare.activation: ");
    broken(
        "compare same as A",
        [](QJsonObject &o) {
            o["compare"] = QJsonObject{{"activation", "relu"}};
        },
        "identical to run A");
    broken(
        "compare empty", [](QJsonObject &o) { o["compare"] = QJsonObject(); },
        "compare: expected an object");
    broken(
        "compare wrapped",
        [](QJsonObject &o) {
            o["compare"] = QJsonObject{{"settings", QJsonObject{{"seed", 2}}}};
        },
        "compare.settings: unknown key");
    broken(
        "reference empty", [](QJsonObject &o) { o["reference"] = ""; }, "reference: is empty");
    return cases;
}

TEST(LessonFiles, BrokenLessonsGiveOneLineNamingTheField)
{
    LessonInfo good;
    ASSERT_EQ(parseLesson("dying-relu", validLesson(), good), QString());
    for (const BrokenLesson &c : brokenLessons()) {
        SCOPED_TRACE(c.what);
        LessonInfo info = good;
        const QString error = parseLesson("dying-relu", c.object, info);
        EXPECT_TRUE(error.startsWith("lesson \"dying-relu\": ")) << error.toStdString();
        EXPECT_TRUE(error.contains(QLatin1String(c.expected))) << error.toStdString();
        EXPECT_FALSE(error.contains('\n'));
        // Left unchanged on error.
        EXPECT_TRUE(info.settings == good.settings);
        EXPECT_EQ(info.title, good.title);
        EXPECT_EQ(info.locked, good.locked);
    }
}

TEST(LessonFiles, OptionalFieldsMayBeLeftOut)
{
    QJsonObject object = validLesson();
    object.remove("compare");
    object.remove("reference");
    LessonInfo info;
    ASSERT_EQ(parseLesson("dying-relu", object, info), QString());
    EXPECT_FALSE(info.hasCompare());
    EXPECT_TRUE(info.compareSettings == info.settings);
    EXPECT_TRUE(info.reference.isEmpty());
}

TEST(LessonFiles, UnknownLessonNamesTheKnownOnes)
{
    LessonInfo info;
    const QString error = lessonInfo("no-such-lesson", info);
    EXPECT_TRUE(error.contains("unknown preset \"no-such-lesson\"")) << error.toStdString();
    EXPECT_TRUE(error.contains("born-dead"));
    EXPECT_FALSE(lessonInfo("../lessons/dying-relu", info).isEmpty());
}

} // namespace
} // namespace relulab
