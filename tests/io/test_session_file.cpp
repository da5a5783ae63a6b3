// SPDX-License-Identifier: MIT
// Session files: an exact round trip (training continues bit for bit), optional parts, floats
// read back bit-exactly, non-finite states refused, and the committed format-1 file still read.
#include "fault_test_support.h"
#include "json_checks.h"
#include "session_file.h"
#include "session_test_support.h"
#include "trainer.h"
#include "trainer_state_json.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace relulab;
using namespace relulab::testing;

TEST(SessionFile, RoundTripKeepsEveryFieldAndTrainingContinuesExactly)
{
    const Session saved = richSession();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("lesson.relulab"));
    ASSERT_EQ(saveSession(path, saved), QString());

    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_TRUE(sameSession(saved, loaded));
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("lesson.relulab")});
    // Saving what was loaded writes the same bytes: nothing is lost or reformatted.
    EXPECT_EQ(sessionToJson(loaded), readAll(path));

    // Both restored trainers continue like the originals, bit for bit, for 50 more steps.
    for (bool compare : {false, true}) {
        const TrainingConfig &config = compare ? saved.compareConfig : saved.config;
        Trainer original(config);
        original.train(compare ? 23 : 37);
        Trainer restored(loaded.compare && compare ? loaded.compareConfig : loaded.config);
        ASSERT_TRUE(restored.restoreState(compare ? *loaded.compareState : *loaded.state));
        EXPECT_EQ(original.train(50), 50);
        EXPECT_EQ(restored.train(50), 50);
        EXPECT_EQ(restored.stepCount(), original.stepCount());
        EXPECT_TRUE(sameState(original.state(), restored.state())) << "compare " << compare;
        EXPECT_EQ(original.snapshot().loss, restored.snapshot().loss);
    }
}

TEST(SessionFile, OptionalPartsRoundTripWhenAbsent)
{
    Session plain; // defaults: no lesson, no compare, no state
    Session loaded = otherSession();
    ASSERT_EQ(sessionFromJson(sessionToJson(plain), loaded), QString());
    EXPECT_TRUE(sameSession(plain, loaded));
    EXPECT_FALSE(loaded.state.has_value());

    // A minimal hand-written file: missing optional members take their defaults.
    Session minimal = otherSession();
    ASSERT_EQ(sessionFromJson(R"({"format":"relulab-session","version":1,
                                  "config":{"activation":"elu","alpha":2}})",
                              minimal),
              QString());
    TrainingConfig elu;
    elu.activation = Activation::Elu;
    elu.alpha = 2;
    EXPECT_TRUE(minimal.config == elu);
    EXPECT_FALSE(minimal.compare);
    EXPECT_TRUE(minimal.view == ViewOptions{});
    EXPECT_FALSE(minimal.state.has_value());
}

TEST(SessionFile, FloatsReadBackBitExactly)
{
    // Every special case, then a million random finite bit patterns, through Qt's parser.
    std::vector<float> values = {0.0f,
                                 -0.0f,
                                 0.1f,
                                 -1.0f / 3.0f,
                                 16777216.0f,
                                 16777217.0f,
                                 1e16f,
                                 std::numeric_limits<float>::min(),
                                 std::numeric_limits<float>::denorm_min(),
                                 -std::numeric_limits<float>::denorm_min(),
                                 std::numeric_limits<float>::max(),
                                 -std::numeric_limits<float>::max(),
                                 std::nextafter(std::numeric_limits<float>::max(), 0.0f)};
    std::mt19937_64 rng(42);
    while (values.size() < 1'000'000) {
        const float f = std::bit_cast<float>(std::uint32_t(rng()));
        if (std::isfinite(f))
            values.push_back(f);
    }
    QByteArray text = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        const QByteArray number = exactFloatText(values[i]);
        ASSERT_FALSE(number.isEmpty());
        text += (i ? "," : "") + number;
    }
    text += ']';
    const QJsonArray parsed = QJsonDocument::fromJson(text).array();
    ASSERT_EQ(parsed.size(), qsizetype(values.size()));
    size_t mismatches = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const float back = float(parsed.at(qsizetype(i)).toDouble());
        mismatches += std::bit_cast<std::uint32_t>(back) != std::bit_cast<std::uint32_t>(values[i]);
    }
    EXPECT_EQ(mismatches, 0u);
    EXPECT_TRUE(exactFloatText(std::numeric_limits<float>::infinity()).isEmpty());
    EXPECT_TRUE(exactFloatText(std::numeric_limits<float>::quiet_NaN()).isEmpty());

    // The same through a whole session: extreme values in the parameters survive.
    Session s = otherSession();
    Parameters<float> &p = s.state->params;
    p[0].W(0, 0) = -0.0f;
    p[0].W(1, 0) = std::numeric_limits<float>::denorm_min();
    p[0].b(0) = std::numeric_limits<float>::max();
    p[1].alpha = -std::numeric_limits<float>::max();
    Session back;
    ASSERT_EQ(sessionFromJson(sessionToJson(s), back), QString());
    EXPECT_TRUE(sameSession(s, back));
}

TEST(SessionFile, NonFiniteStateIsNotSaved)
{
    Session s = otherSession();
    s.state->firstMoments = s.state->params;
    s.state->firstMoments[1].b(0) = std::numeric_limits<float>::infinity();
    QString error;
    EXPECT_TRUE(sessionToJson(s, &error).isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("state.first_moments[1]"))) << error.toStdString();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.relulab"));
    ASSERT_TRUE(writeAll(path, "previous"));
    EXPECT_FALSE(saveSession(path, s).isEmpty());
    EXPECT_EQ(readAll(path), QByteArray("previous"));
}

TEST(SessionFile, CommittedFormatOneFileStillLoads)
{
    // A file written by the first version of the format; later versions must keep reading it.
    const QString path = QStringLiteral(RELULAB_SESSION_TEST_DATA "/format-1.relulab");
    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_EQ(loaded.config.activation, Activation::LeakyRelu);
    EXPECT_EQ(loaded.config.depth, 2);
    EXPECT_EQ(loaded.config.width, 3);
    EXPECT_TRUE(loaded.compare);
    EXPECT_EQ(loaded.compareConfig.activation, Activation::Relu);
    EXPECT_EQ(loaded.lesson, QStringLiteral("dying-relu"));
    EXPECT_EQ(loaded.unlockedKeys, QStringList{QStringLiteral("alpha")});
    EXPECT_TRUE(loaded.view.darkTheme);
    ASSERT_TRUE(loaded.state.has_value());
    EXPECT_EQ(loaded.state->step, 10);
    EXPECT_FALSE(loaded.compareState.has_value());
    Trainer trainer(loaded.config);
    EXPECT_TRUE(trainer.restoreState(*loaded.state));
    EXPECT_EQ(trainer.train(5), 5);
    // Written again and read back, it is the same session: keys added to the config since
    // (standardize) take their defaults, and nothing that was in the file is lost.
    Session again;
    ASSERT_EQ(sessionFromJson(sessionToJson(loaded), again), QString());
    EXPECT_EQ(sessionToJson(again), sessionToJson(loaded));
    EXPECT_EQ(again.config, loaded.config);
    EXPECT_EQ(again.state->params.back().W, loaded.state->params.back().W);
}
