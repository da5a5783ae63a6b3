// SPDX-License-Identifier: MIT
// Settings as JSON and the built-in lessons, in-process (the CLI tests run the binary).
#include "config_json.h"
#include "training_config.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace relulab;

namespace {

TEST(ConfigJson, AppliesAllOrNothing)
{
    TrainingConfig config;
    const TrainingConfig before = config;
    const QJsonObject bad{{"depth", 7}, {"width", 0}};
    EXPECT_TRUE(applyConfigJson(config, bad).contains("width"));
    EXPECT_TRUE(config == before);
    EXPECT_TRUE(applyConfigJson(config, {{"config", QJsonObject{}}, {"settings", QJsonObject{}}})
                    .contains("not both"));
    EXPECT_EQ(applyConfigJson(config, {{"settings", QJsonObject{{"depth", 7}}}, {"title", "x"}}),
              QString());
    EXPECT_EQ(config.depth, 7);

    TrainingConfig odd;
    odd.activation = Activation::LeakyRelu;
    odd.alpha = 0.1 + 0.2; // not exactly 0.3: must survive the round trip bit for bit
    odd.init = Init::Asymmetric;
    odd.seed = 12345678901234ULL;
    TrainingConfig back;
    ASSERT_EQ(applyConfigJson(back, configToJson(odd)), QString());
    EXPECT_TRUE(back == odd);
}

TEST(ConfigJson, SetOrderDoesNotMatterForCrossKeyRules)
{
    TrainingConfig config;
    EXPECT_EQ(resolveConfig({}, {}, {"alpha=2", "activation=elu"}, config), QString());
    EXPECT_EQ(config.alpha, 2.0);
    EXPECT_TRUE(resolveConfig({}, {}, {"activation=prelu", "alpha=2"}, config).contains("alpha"));
    EXPECT_EQ(config.activation, Activation::Elu); // unchanged by the failed call
}

TEST(ConfigJson, EveryPresetReadsLikeALesson)
{
    const QStringList names = presetNames();
    ASSERT_GE(names.size(), 3);
    EXPECT_EQ(names.front(), "default");
    for (const QString &name : names) {
        SCOPED_TRACE(name.toStdString());
        const QJsonObject lesson = presetObject(name);
        EXPECT_EQ(lesson.value("name").toString(), name);
        for (const char *field : {"title", "question", "todo", "look_for", "why", "teacher_notes"})
            EXPECT_FALSE(lesson.value(QLatin1String(field)).toString().trimmed().isEmpty())
                << field;
        // Complete settings: a lesson never inherits whatever was set before it.
        EXPECT_EQ(lesson.value("settings").toObject().size(), int(configKeys().size()));
        TrainingConfig config;
        EXPECT_EQ(loadPreset(name, config), QString());
    }
    TrainingConfig config;
    EXPECT_EQ(loadPreset("default", config), QString());
    EXPECT_TRUE(config == TrainingConfig{});
    EXPECT_TRUE(loadPreset("nope", config).contains("default"));
    EXPECT_TRUE(presetObject("../lessons/default").isEmpty());
}

// Control characters (C0, DEL, C1) a terminal or a message box would act on instead of show.
bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
            return true;
    }
    return false;
}

// Input quoted in a message keeps the message one line: escapes show what the input held.
TEST(ConfigJson, ControlCharactersInStringsAreEscapedOnOneLine)
{
    TrainingConfig config;
    const TrainingConfig before = config;
    QJsonObject value{{"activation", "relu\n\x1b[31mFAKE"}};
    QString error = applyConfigJson(config, value);
    EXPECT_TRUE(error.contains(R"("relu\n\e[31mFAKE")")) << error.toStdString();
    EXPECT_FALSE(hasControl(error)) << error.toStdString();

    error = applyConfigJson(config, QJsonObject{{"dep\tth\u0085", 4}});
    EXPECT_TRUE(error.startsWith(R"(unknown key "dep\tth\u0085")")) << error.toStdString();
    EXPECT_FALSE(hasControl(error)) << error.toStdString();

    error = applyConfigJson(config, QJsonObject{{"depth", "4\r"}}); // a string, not a number
    EXPECT_TRUE(error.contains(R"(the string "4\r")")) << error.toStdString();

    error = applySetOption(config, "\x1b[2J");
    EXPECT_EQ(error, R"(--set "\e[2J": expected key=value (see relulab-cli keys))");
    error = loadPreset("no\npe", config);
    EXPECT_TRUE(error.startsWith(R"(unknown preset "no\npe" (known: )")) << error.toStdString();
    EXPECT_TRUE(config == before);

    // A config file whose name and contents both carry control characters.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("bad\nname.json");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"optimizer\": \"adam\\u001b]0;pwned\\u0007\"}");
    file.close();
    error = loadConfigFile(path, config);
    EXPECT_EQ(error, dir.path() +
                         R"(/bad\nname.json: optimizer: unknown value "adam\e]0;pwned\x07" )" +
                         QString::fromStdString(
                             "(allowed: " + std::string(findConfigKey("optimizer")->range) + ")"));
    EXPECT_FALSE(hasControl(error)) << error.toStdString();
    EXPECT_TRUE(config == before);
}

} // namespace
