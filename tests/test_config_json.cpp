// SPDX-License-Identifier: MIT
// Settings as JSON and the built-in lessons, in-process (the CLI tests run the binary).
#include "config_json.h"
#include "training_config.h"

#include <QJsonObject>

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

} // namespace
