// SPDX-License-Identifier: MIT
// Teachers' own lessons: every corrupted variant of every built-in lesson (one field deleted, of
// the wrong type or out of range) is rejected naming that field, a file with several problems
// has them all listed, files that are not lessons say so, pause_at, the name of a file lesson,
// a session that carries a file lesson, and the README's lesson written by a teacher.
#include "config_json.h"
#include "lesson_info.h"
#include "session_file.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace relulab {
namespace {

QString keyName(const ConfigKey &key)
{
    return QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
}

struct Variant
{
    QString what;  ///< e.g. "settings.depth: out of range"
    QString field; ///< the JSON path the error must start with
    QJsonObject object;
};

// A value of the wrong type for each top-level field.
QJsonValue wrongType(const QString &field)
{
    if (field == "settings" || field == "compare")
        return QJsonArray{1, 2};
    if (field == "locked" || field == "hidden")
        return QStringLiteral("seed");
    if (field == "steps" || field == "pause_at")
        return QStringLiteral("10");
    return 42; // every text field
}

// A value out of range for a setting: a number far beyond any range, a name no enum has.
QJsonValue outOfRange(const ConfigKey &key)
{
    if (key.type == "enum")
        return QStringLiteral("no-such-value");
    return 1e17;
}

QJsonValue wrongTypeFor(const ConfigKey &key)
{
    return key.type == "enum" ? QJsonValue(3) : QJsonValue(QStringLiteral("3"));
}

// Every variant of `lesson` that differs in one field, built programmatically, so a new field
// or setting is covered without touching this test. `file`: checked as a teacher's file, where
// "name" may be left out.
std::vector<Variant> corruptedVariants(const QJsonObject &lesson, bool file)
{
    std::vector<Variant> out;
    const auto with = [&](const QString &what, const QString &field,
                          const std::function<void(QJsonObject &)> &change) {
        QJsonObject o = lesson;
        change(o);
        out.push_back({what, field, o});
    };
    const QStringList optional = {"compare", "reference", "pause_at", "beginner_view",
                                  "experiment"};
    for (const QString &field : lessonFieldNames()) {
        if (lesson.contains(field) && !optional.contains(field) && !(file && field == "name"))
            with(field + ": deleted", field, [&](QJsonObject &o) { o.remove(field); });
        with(field + ": wrong type", field, [&](QJsonObject &o) { o[field] = wrongType(field); });
    }
    const int steps = lesson.value("steps").toInt();
    with("steps: 0", "steps", [](QJsonObject &o) { o["steps"] = 0; });
    with("steps: too many", "steps", [](QJsonObject &o) { o["steps"] = kMaxLessonSteps + 1; });
    with("steps: fraction", "steps", [](QJsonObject &o) { o["steps"] = 2.5; });
    with("pause_at: 0", "pause_at", [](QJsonObject &o) { o["pause_at"] = 0; });
    with("pause_at: after steps", "pause_at", [&](QJsonObject &o) { o["pause_at"] = steps + 1; });
    with("title: empty", "title", [](QJsonObject &o) { o["title"] = " "; });
    with("locked[0]: unknown key", "locked[0]",
         [](QJsonObject &o) { o["locked"] = QJsonArray{"widht"}; });
    with("hidden[0]: not a name", "hidden[0]",
         [](QJsonObject &o) { o["hidden"] = QJsonArray{QJsonValue(1)}; });
    with("unknown field", "teacher-notes", [](QJsonObject &o) { o["teacher-notes"] = "x"; });
    if (!file)
        with("name: not the file's", "name", [](QJsonObject &o) { o["name"] = "not-this-one"; });
    const QJsonObject settings = lesson.value("settings").toObject();
    for (const ConfigKey &key : configKeys()) {
        const QString name = keyName(key);
        const QString path = "settings." + name;
        const auto setTo = [&](const QJsonValue &value) {
            return [=](QJsonObject &o) {
                QJsonObject s = o["settings"].toObject();
                if (value.isUndefined())
                    s.remove(name);
                else
                    s[name] = value;
                o["settings"] = s;
            };
        };
        if (key.name != "precision") // newer than lesson files: may be left out (see below)
            with(path + ": deleted", path, setTo(QJsonValue::Undefined));
        with(path + ": wrong type", path, setTo(wrongTypeFor(key)));
        with(path + ": out of range", path, setTo(outOfRange(key)));
    }
    for (const QString &key : lesson.value("compare").toObject().keys()) {
        const ConfigKey *config = findConfigKey(key.toStdString());
        const QString path = "compare." + key;
        with(path + ": wrong type", path, [&](QJsonObject &o) {
            QJsonObject c = o["compare"].toObject();
            c[key] = wrongTypeFor(*config);
            o["compare"] = c;
        });
    }
    if (lesson.contains("experiment")) {
        const auto inExperiment = [&](const QString &what, const QString &field,
                                      const std::function<void(QJsonObject &)> &change) {
            with("experiment." + what, "experiment." + field, [&](QJsonObject &o) {
                QJsonObject e = o["experiment"].toObject();
                change(e);
                o["experiment"] = e;
            });
        };
        for (const char *name :
             {"claim", "source", "rule", "key", "a", "b", "grid", "seeds", "measures", "seconds"})
            inExperiment(QString(name) + ": deleted", name,
                         [&](QJsonObject &e) { e.remove(QLatin1String(name)); });
        inExperiment("rule: unknown", "rule", [](QJsonObject &e) { e["rule"] = "gap"; });
        inExperiment("seeds: 1", "seeds", [](QJsonObject &e) { e["seeds"] = 1; });
        inExperiment("seeds: too many", "seeds", [](QJsonObject &e) { e["seeds"] = 101; });
        inExperiment("seconds: 0", "seconds", [](QJsonObject &e) { e["seconds"] = 0; });
        inExperiment("grid: empty", "grid", [](QJsonObject &e) { e["grid"] = QJsonArray{}; });
        inExperiment("grid: bad value", "grid",
                     [](QJsonObject &e) { e["grid"] = QJsonArray{"depth=0,4"}; });
        inExperiment("b: not on the grid", "b", [](QJsonObject &e) { e["b"] = "relux"; });
        inExperiment("key: not on the grid", "key", [](QJsonObject &e) { e["key"] = "width"; });
        inExperiment("measures: none", "measures",
                     [](QJsonObject &e) { e["measures"] = QJsonArray{}; });
        inExperiment("measures[0].metric: unknown", "measures[0].metric", [](QJsonObject &e) {
            QJsonArray m = e["measures"].toArray();
            QJsonObject first = m[0].toObject();
            first["metric"] = "speed";
            m[0] = first;
            e["measures"] = m;
        });
        inExperiment("measures[0].steps: negative", "measures[0].steps", [](QJsonObject &e) {
            QJsonArray m = e["measures"].toArray();
            QJsonObject first = m[0].toObject();
            first["steps"] = -1;
            m[0] = first;
            e["measures"] = m;
        });
        inExperiment("contrast: bad setting", "contrast.depth", [](QJsonObject &e) {
            e["contrast"] = QJsonObject{{"depth", 0}};
        });
        inExperiment("unknown field", "colour", [](QJsonObject &e) { e["colour"] = "red"; });
    }
    return out;
}

TEST(LessonCheck, EveryCorruptedVariantOfEveryBuiltInLessonIsRejectedNamingItsField)
{
    int variants = 0;
    for (const QString &name : presetNames()) {
        QJsonObject lesson;
        ASSERT_EQ(readPreset(name, lesson), QString());
        ASSERT_TRUE(lessonProblems(lesson, name).isEmpty()) << name.toStdString();
        ASSERT_TRUE(lessonProblems(lesson).isEmpty()) << name.toStdString();
        for (bool file : {false, true}) {
            for (const Variant &v : corruptedVariants(lesson, file)) {
                SCOPED_TRACE((name + (file ? " as a file: " : ": ") + v.what).toStdString());
                ++variants;
                LessonInfo info;
                const QString error = file ? parseFileLesson(name, v.object, info)
                                           : parseLesson(name, v.object, info);
                // The one line the window shows starts with the field's path...
                const QString prefix = file ? QString() : "lesson \"" + name + "\": ";
                EXPECT_TRUE(error.startsWith(prefix + v.field + ":")) << error.toStdString();
                EXPECT_FALSE(error.contains('\n'));
                EXPECT_TRUE(info.name.isEmpty()); // left unchanged
                // ...and lesson check lists it.
                const QStringList problems = lessonProblems(v.object, file ? QString() : name);
                EXPECT_FALSE(problems.isEmpty());
                EXPECT_TRUE(problems.front().startsWith(v.field + ":"))
                    << problems.join('\n').toStdString();
            }
        }
    }
    // 16 lessons × (14 deletions and wrong types, 10 more, 51 settings variants) × 2, and 24
    // variants of each evidence lesson's experiment × 2.
    EXPECT_GT(variants, 2000);
}

TEST(LessonCheck, ALessonWrittenBeforePrecisionTrainsInFloat32)
{
    QJsonObject lesson;
    ASSERT_EQ(readPreset(QStringLiteral("dying-relu"), lesson), QString());
    QJsonObject settings = lesson.value("settings").toObject();
    ASSERT_EQ(settings.value("precision").toString(), "float32");
    settings.remove("precision");
    lesson["settings"] = settings;
    EXPECT_TRUE(lessonProblems(lesson).isEmpty());
    LessonInfo info;
    ASSERT_EQ(parseFileLesson(QStringLiteral("old-lesson"), lesson, info), QString());
    EXPECT_EQ(info.settings.precision, Precision::Float32);
}

TEST(LessonCheck, EveryProblemOfAFileIsListedWithItsPath)
{
    QJsonObject lesson;
    ASSERT_EQ(readPreset("dying-relu", lesson), QString());
    QJsonObject settings = lesson["settings"].toObject();
    settings["depth"] = 0;
    settings["activation"] = "relu6";
    settings.remove("seed");
    lesson["settings"] = settings;
    lesson.remove("why");
    lesson["locked"] = QJsonArray{"depth", "widht", "depth"};
    lesson["hidden"] = QJsonArray{"depth"};
    lesson["pause_at"] = 900;
    lesson["colour"] = "red";
    const QStringList problems = lessonProblems(lesson);
    const QStringList expected = {
        "colour:",        "why:",      "settings.activation:", "settings.depth:",
        "settings.seed:", "pause_at:", "locked[1]:",           "locked[2]:"};
    ASSERT_EQ(problems.size(), expected.size()) << problems.join('\n').toStdString();
    for (qsizetype i = 0; i < expected.size(); ++i)
        EXPECT_TRUE(problems[i].startsWith(expected[i])) << problems[i].toStdString();
    EXPECT_EQ(problems[3], "settings.depth: 0 is out of range 1..200");
    EXPECT_EQ(problems[4], "settings.seed: missing");
    EXPECT_EQ(problems[5], "pause_at: expected an integer in 1..500, got 900");
    EXPECT_TRUE(problems[7].contains("\"depth\" is listed twice"));

    // The window's one line: the first problem and how many more.
    LessonInfo info;
    const QString error = parseFileLesson("mine", lesson, info);
    EXPECT_TRUE(error.startsWith("colour: unknown field")) << error.toStdString();
    EXPECT_TRUE(error.contains("(and 7 more; relulab-cli lesson check lists them all)"));
}

TEST(LessonCheck, CrossKeyRulesUseTheLessonsOwnSettings)
{
    QJsonObject lesson;
    ASSERT_EQ(readPreset("dying-relu", lesson), QString());
    QJsonObject settings = lesson["settings"].toObject();
    // alpha 2 is out of range for a slope (ReLU's family) but fine for elu.
    settings["activation"] = "elu";
    settings["alpha"] = 2;
    lesson["settings"] = settings;
    lesson.remove("compare"); // run B's leaky_relu would break it
    EXPECT_TRUE(lessonProblems(lesson).isEmpty())
        << lessonProblems(lesson).join('\n').toStdString();
    // Run B may break the rule: its activation is what makes alpha wrong there.
    lesson["compare"] = QJsonObject{{"activation", "leaky_relu"}};
    QStringList problems = lessonProblems(lesson);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems[0], "compare.activation: alpha: 2 is out of range [0, 1] for leaky_relu");
    settings["activation"] = "leaky_relu";
    lesson["settings"] = settings;
    lesson.remove("compare");
    problems = lessonProblems(lesson);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems[0].startsWith("settings.alpha: 2 is out of range"))
        << problems[0].toStdString();
}

TEST(LessonCheck, PauseAtIsOptionalAndWithinTheSteps)
{
    QJsonObject lesson;
    ASSERT_EQ(readPreset("dying-relu", lesson), QString());
    LessonInfo info;
    ASSERT_EQ(parseFileLesson("x", lesson, info), QString());
    EXPECT_EQ(info.pauseAt, 0);
    lesson["pause_at"] = 500; // the last step is allowed
    ASSERT_EQ(parseFileLesson("x", lesson, info), QString());
    EXPECT_EQ(info.pauseAt, 500);
    lesson["pause_at"] = 1;
    ASSERT_EQ(parseLesson("dying-relu", lesson, info), QString());
    EXPECT_EQ(info.pauseAt, 1);
    for (const QJsonValue &bad : {QJsonValue(0), QJsonValue(501), QJsonValue(2.5), QJsonValue("10"),
                                  QJsonValue(QJsonValue::Null)}) {
        lesson["pause_at"] = bad;
        EXPECT_TRUE(parseFileLesson("x", lesson, info)
                        .startsWith("pause_at: expected an integer in "
                                    "1..500"));
    }
}

TEST(LessonCheck, AFileLessonsNameIsItsOwnOrItsStem)
{
    QJsonObject lesson;
    ASSERT_EQ(readPreset("born-dead", lesson), QString());
    LessonInfo info;
    lesson["name"] = "Frau Meier's born-dead, 9b";
    ASSERT_EQ(parseFileLesson("stem", lesson, info), QString());
    EXPECT_EQ(info.name, "Frau Meier's born-dead, 9b");
    EXPECT_TRUE(info.isFromFile());
    lesson.remove("name");
    ASSERT_EQ(parseFileLesson("stem", lesson, info), QString());
    EXPECT_EQ(info.name, "stem");
    // The object a session carries names the lesson, so it reopens under the same name.
    EXPECT_EQ(info.fileObject.value("name").toString(), "stem");
    lesson["name"] = QString(kMaxLessonNameChars + 1, 'x');
    EXPECT_TRUE(parseFileLesson("stem", lesson, info).startsWith("name: expected one line"));
    lesson["name"] = "";
    EXPECT_TRUE(parseFileLesson("stem", lesson, info).startsWith("name: is empty"));
}

class LessonFile : public ::testing::Test
{
protected:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return path;
    }
    QByteArray preset(const QString &name)
    {
        QJsonObject object;
        EXPECT_EQ(readPreset(name, object), QString());
        return QJsonDocument(object).toJson();
    }
    QTemporaryDir m_dir;
};

TEST_F(LessonFile, BadFilesGiveOneLineNamingTheFile)
{
    struct Bad
    {
        QString name;
        QByteArray bytes;
        QString expected;
    };
    QByteArray big = preset("default");
    big.insert(1, QByteArray(int(kMaxLessonFileBytes), ' '));
    const std::vector<Bad> cases = {
        {"truncated.json", preset("default").left(200), "not a lesson: malformed JSON at offset"},
        {"empty.json", "", "not a lesson: malformed JSON"},
        {"array.json", "[1]", "expected a JSON object at the top level"},
        {"deep.json", QByteArray(50, '[') + QByteArray(50, ']'), "nested deeper than"},
        {"big.json", big, "larger than 256 KiB, too big for a lesson file"},
        {"config.json", R"({"depth": 4, "width": 8})", "not a lesson: it has none of the lesson"},
    };
    for (const Bad &c : cases) {
        SCOPED_TRACE(c.name.toStdString());
        const QString path = write(c.name, c.bytes);
        LessonInfo info;
        QStringList problems;
        const QString error = readLessonFile(path, info, &problems);
        EXPECT_TRUE(error.startsWith(path + ": ")) << error.toStdString();
        EXPECT_TRUE(error.contains(c.expected)) << error.toStdString();
        EXPECT_FALSE(error.contains('\n'));
        EXPECT_EQ(problems.size(), 1);
        EXPECT_TRUE(info.name.isEmpty());
    }
    LessonInfo info;
    EXPECT_TRUE(readLessonFile(m_dir.filePath("gone.json"), info).endsWith("no such file"));
    EXPECT_TRUE(readLessonFile(m_dir.path(), info).endsWith("is a folder"));
}

TEST_F(LessonFile, AGoodFileIsNamedAfterItsStemUnlessItSaysOtherwise)
{
    QJsonObject object;
    ASSERT_EQ(readPreset("fewer-units", object), QString());
    object.remove("name");
    const QString path =
        write("Unit 3 - dead units.json", QJsonDocument(object).toJson(QJsonDocument::Indented));
    LessonInfo info, builtIn;
    QStringList problems{"stale"};
    ASSERT_EQ(readLessonFile(path, info, &problems), QString());
    EXPECT_TRUE(problems.isEmpty());
    ASSERT_EQ(lessonInfo("fewer-units", builtIn), QString());
    EXPECT_EQ(info.name, "Unit 3 - dead units");
    EXPECT_TRUE(info.settings == builtIn.settings);
    EXPECT_EQ(info.locked, builtIn.locked);
    EXPECT_EQ(info.hidden, builtIn.hidden);
    EXPECT_TRUE(info.compare == builtIn.compare);
}

// The acceptance check: a lesson written from the README's "Your own lessons" alone.
TEST(LessonCheck, TheReadmeTeachersLessonLoadsWithItsLocks)
{
    const QString path = QStringLiteral(RELULAB_LESSON_TEST_DATA "/how-small-can-alpha-be.json");
    LessonInfo info;
    QStringList problems;
    ASSERT_EQ(readLessonFile(path, info, &problems), QString())
        << problems.join('\n').toStdString();
    EXPECT_EQ(info.name, "how-small-can-alpha-be");
    EXPECT_EQ(info.settings.activation, Activation::LeakyRelu);
    EXPECT_EQ(info.steps, 400);
    EXPECT_EQ(info.pauseAt, 40);
    EXPECT_EQ(info.locked.size(), 10);
    EXPECT_EQ(info.hidden, QStringList{"init_scale"});
    EXPECT_TRUE(info.hasCompare());
}

TEST(LessonCheck, ASessionCarriesAFileLessonWhole)
{
    QJsonObject object;
    ASSERT_EQ(readPreset("born-dead", object), QString());
    object["name"] = "my born-dead";
    object["pause_at"] = 5;
    LessonInfo info;
    ASSERT_EQ(parseFileLesson("x", object, info), QString());

    Session session;
    session.lesson = info.name;
    session.lessonFile = info.fileObject;
    session.unlockedKeys = {"seed"};
    QString error;
    const QByteArray json = sessionToJson(session, &error);
    ASSERT_EQ(error, QString());
    Session back;
    ASSERT_EQ(sessionFromJson(json, back), QString());
    EXPECT_EQ(back.lesson, "my born-dead");
    EXPECT_EQ(back.lessonFile, info.fileObject);
    EXPECT_EQ(back.unlockedKeys, QStringList{"seed"});

    // A session with a built-in lesson (or none) is written as before: no lesson_file.
    Session builtIn;
    builtIn.lesson = "born-dead";
    EXPECT_FALSE(sessionToJson(builtIn).contains("lesson_file"));

    // A broken carried lesson is refused naming the field; so is a name that does not match.
    QJsonDocument doc = QJsonDocument::fromJson(json);
    QJsonObject root = doc.object();
    QJsonObject carried = root["lesson_file"].toObject();
    QJsonObject settings = carried["settings"].toObject();
    settings["depth"] = 0;
    carried["settings"] = settings;
    root["lesson_file"] = carried;
    Session bad;
    EXPECT_TRUE(sessionFromJson(QJsonDocument(root).toJson(), bad)
                    .startsWith("lesson_file.settings.depth: 0 is out of range"));
    root = doc.object();
    root["lesson"] = "born-dead";
    EXPECT_TRUE(sessionFromJson(QJsonDocument(root).toJson(), bad).contains("does not match"));
    root = doc.object();
    root["lesson_file"] = "born-dead.json";
    EXPECT_TRUE(sessionFromJson(QJsonDocument(root).toJson(), bad).startsWith("lesson_file: "));
}

} // namespace
} // namespace relulab
