// SPDX-License-Identifier: MIT
// Config files (--config), presets and lesson files: arbitrary bytes through loadConfigFile (via
// a file in an empty folder) and parseLesson; short inputs also as a --preset name. Invariants:
// accepted settings validate and survive configToJson and back; every error is one clean line
// (RELULAB_FUZZ_CHECK_MESSAGE: no control characters, whatever the input held).
#include "config_json.h"
#include "fuzz_support.h"
#include "lesson_info.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

using namespace relulab;

namespace {

void checkAccepted(const TrainingConfig &config, const char *what)
{
    RELULAB_FUZZ_CHECK(validateConfig(config).empty(), what);
    TrainingConfig back;
    const QString error = applyConfigJson(back, configToJson(config));
    RELULAB_FUZZ_CHECK(error.isEmpty(), error.toStdString());
    RELULAB_FUZZ_CHECK(back == config, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    enterEmptyFolder();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    // A --preset name: only the built-in lessons may be read, whatever the text.
    if (size <= 64) {
        TrainingConfig config;
        const TrainingConfig before = config;
        const QString name = QString::fromUtf8(bytes);
        const QString presetError = loadPreset(name, config);
        if (presetError.isEmpty()) {
            RELULAB_FUZZ_CHECK(presetNames().contains(name), name.toStdString());
            checkAccepted(config, "preset");
        } else {
            RELULAB_FUZZ_CHECK_MESSAGE(presetError.toStdString());
            RELULAB_FUZZ_CHECK(config == before, "a failed preset changed the config");
        }
    }

    // A --config file, read the way relulab-cli reads it (size and nesting limits included).
    {
        QFile file(QStringLiteral("config.json"));
        RELULAB_FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                               file.write(bytes) == bytes.size(),
                           "cannot write the input to a file");
    }
    TrainingConfig config;
    config.seed = 7; // not the default, so "unchanged on error" is a real check
    const TrainingConfig before = config;
    const QString error = loadConfigFile(QStringLiteral("config.json"), config);
    if (error.isEmpty()) {
        checkAccepted(config, "config");
    } else {
        RELULAB_FUZZ_CHECK_MESSAGE(error.toStdString());
        RELULAB_FUZZ_CHECK(config == before, error.toStdString());
    }

    // A lesson file's object (built-in lessons are parsed the same way).
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject object = doc.object();

    LessonInfo info;
    info.title = QStringLiteral("unchanged");
    const QString lessonError = parseLesson(QStringLiteral("fuzz"), object, info);
    if (lessonError.isEmpty()) {
        RELULAB_FUZZ_CHECK(info.steps >= 1 && info.steps <= kMaxLessonSteps, "lesson steps");
        checkAccepted(info.settings, "lesson settings");
        checkAccepted(info.compareSettings, "lesson compare settings");
    } else {
        RELULAB_FUZZ_CHECK_MESSAGE(lessonError.toStdString());
        RELULAB_FUZZ_CHECK(info.title == QLatin1String("unchanged"), lessonError.toStdString());
    }
    // A teacher's file: every problem listed, each one line; none exactly when it parses.
    const QStringList problems = lessonProblems(object);
    for (const QString &problem : problems)
        RELULAB_FUZZ_CHECK_MESSAGE(problem.toStdString());
    LessonInfo fileInfo;
    const QString fileError = parseFileLesson(QStringLiteral("fuzz"), object, fileInfo);
    RELULAB_FUZZ_CHECK(fileError.isEmpty() == problems.isEmpty(), "lesson check agrees");
    if (fileError.isEmpty()) {
        RELULAB_FUZZ_CHECK(fileInfo.pauseAt >= 0 && fileInfo.pauseAt <= fileInfo.steps,
                           "lesson pause_at");
        checkAccepted(fileInfo.settings, "file lesson settings");
    }
    return 0;
}
