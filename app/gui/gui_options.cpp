// SPDX-License-Identifier: MIT
#include "gui_options.h"

#include "command_line.h"
#include "config_json.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "session_file.h"
#include "setup_link.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QUrl>

namespace relulab {

namespace {

constexpr int kMaxSpeed = 1'000'000;
constexpr double kMaxMeasureSeconds = 3600;

GuiParseResult fail(const QString &message)
{
    return GuiParseResult::failure(message);
}

QString helpText()
{
    return QStringLiteral(
               "Usage: relulab [--preset NAME | --lesson FILE | --config FILE]"
               " [--set key=value]...\n"
               "               [--paused] [--speed N|max] [--measure SECONDS]\n"
               "       relulab [--paused] [--speed N|max] [--measure SECONDS] SESSION.relulab\n"
               "       relulab [--paused] [--speed N|max] [--measure SECONDS] relulab://open?…\n"
               "\n"
               "ReLU Lab: watch what rectifier activations do to a small network while it "
               "trains.\n"
               "\n"
               "Options:\n"
               "  --preset NAME     start from a built-in lesson: %1\n"
               "  --lesson FILE     start a teacher's own lesson file, with its locks\n"
               "                    (relulab-cli lesson check FILE lists its problems)\n"
               "  --config FILE     start from the settings in a JSON file (as relulab-cli "
               "reads)\n"
               "  --set key=value   override one setting; repeatable (relulab-cli keys lists "
               "them)\n"
               "  --paused          open at step 0 without training until Play is pressed\n"
               "  --speed N|max     steps per second (1 to %2, rounded to the nearest of the "
               "speed\n"
               "                    slider's choices), or max: as fast as possible\n"
               "  --measure SECONDS play for SECONDS in the window, then print one line of JSON\n"
               "                    (fps, frame_p95_ms, stall_max_ms, steps_per_second, "
               "step) and exit\n"
               "  -h, --help        show this help\n"
               "  -v, --version     show the version\n"
               "\n"
               "A relulab://open?… link (File → Copy link, relulab-cli link) opens the setup it\n"
               "names: the lesson, the settings, run B and the view.\n"
               "Without --preset, --lesson or --config the window reopens with the last "
               "settings.\n")
        .arg(presetNames().join(QStringLiteral(", ")))
        .arg(kMaxSpeed);
}

/// Parses --speed's value: "max" or a whole number of steps per second.
std::optional<int> parseSpeed(const QString &text)
{
    if (text == QLatin1String("max"))
        return 0;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > kMaxSpeed)
        return std::nullopt;
    return value;
}

} // namespace

GuiParseResult parseGuiArguments(const QStringList &arguments, const TrainingConfig &saved)
{
    QCommandLineParser parser;
    const QCommandLineOption preset(QStringLiteral("preset"), {}, QStringLiteral("NAME"));
    const QCommandLineOption config(QStringLiteral("config"), {}, QStringLiteral("FILE"));
    const QCommandLineOption lesson(QStringLiteral("lesson"), {}, QStringLiteral("FILE"));
    const QCommandLineOption set(QStringLiteral("set"), {}, QStringLiteral("key=value"));
    const QCommandLineOption paused(QStringLiteral("paused"), {});
    const QCommandLineOption speed(QStringLiteral("speed"), {}, QStringLiteral("N"));
    const QCommandLineOption measure(QStringLiteral("measure"), {}, QStringLiteral("SECONDS"));
    parser.addOptions({preset, config, lesson, set, paused, speed, measure});
    if (std::optional<CommandLineAnswer> answer =
            parseStandardOptions(parser, arguments, QStringLiteral("relulab"),
                                 QStringLiteral(RELULAB_VERSION), helpText))
        return {*answer, {}};

    GuiParseResult result;
    QStringList positional = parser.positionalArguments();
    // The desktop file passes %u: a file may come as a file:// URL.
    if (positional.size() == 1 && positional.front().startsWith(QLatin1String("file:")))
        positional.front() = QUrl(positional.front()).toLocalFile();
    const QString sessionSuffix = QLatin1Char('.') + QLatin1String(kSessionSuffix);
    const bool oneLink = positional.size() == 1 && isLink(positional.front());
    const bool oneSession =
        positional.size() == 1 && positional.front().endsWith(sessionSuffix, Qt::CaseInsensitive);
    if (!positional.isEmpty() && !oneSession && !oneLink)
        return fail(QStringLiteral("unexpected argument %1 (see relulab --help)")
                        .arg(quotedForMessage(positional.back())));
    if (!positional.isEmpty() &&
        (parser.isSet(preset) || parser.isSet(config) || parser.isSet(lesson) || parser.isSet(set)))
        return fail(QStringLiteral("a %1 cannot be combined with --preset, --lesson, --config or "
                                   "--set: it holds all the settings")
                        .arg(oneLink ? QStringLiteral("link") : QStringLiteral("session file")));
    SetupLink link;
    if (oneLink) {
        // Checked whole now, so a bad link fails before any window exists.
        if (QString error = parseLink(positional.front(), link); !error.isEmpty())
            return fail(error);
        result.options.link = positional.front();
    } else if (!positional.isEmpty()) {
        // Checked whole now, so a bad file fails before any window exists.
        Session session;
        if (QString error = loadSession(positional.front(), session); !error.isEmpty())
            return fail(error);
        result.options.sessionFile = positional.front();
    }
    SettingsOptions settings;
    if (QString error = readSettingsOptions(parser, settings); !error.isEmpty())
        return fail(error);
    QString speedText, measureText, lessonText;
    for (const auto &[name, target] :
         {std::pair<QString, QString *>{QStringLiteral("speed"), &speedText},
          {QStringLiteral("measure"), &measureText},
          {QStringLiteral("lesson"), &lessonText}}) {
        if (QString error = singleOptionValue(parser, name, *target); !error.isEmpty())
            return fail(error);
    }
    if (int(parser.isSet(preset)) + int(parser.isSet(config)) + int(parser.isSet(lesson)) > 1)
        return fail(QStringLiteral("--preset, --lesson and --config cannot be combined: pick one "
                                   "start"));

    GuiOptions &options = result.options;
    options.startPaused = parser.isSet(paused);
    if (!speedText.isNull()) {
        options.speed = parseSpeed(speedText);
        if (!options.speed)
            return fail(QStringLiteral("--speed must be a whole number of steps per second from 1 "
                                       "to %1, or max (got %2)")
                            .arg(kMaxSpeed)
                            .arg(quotedForMessage(speedText)));
    }
    if (!measureText.isNull()) {
        bool ok = false;
        options.measureSeconds = measureText.toDouble(&ok);
        if (!ok || !(options.measureSeconds > 0) || options.measureSeconds > kMaxMeasureSeconds)
            return fail(QStringLiteral("--measure must be a number of seconds above 0 and at most "
                                       "%1 (got %2)")
                            .arg(kMaxMeasureSeconds)
                            .arg(quotedForMessage(measureText)));
        if (options.startPaused)
            return fail(QStringLiteral("--measure plays the window: it cannot be combined with "
                                       "--paused"));
    }
    // A preset or config file is a whole start; --set alone adjusts the last session's settings.
    const bool freshStart = parser.isSet(preset) || parser.isSet(config) || parser.isSet(lesson);
    options.config = freshStart ? TrainingConfig{} : saved;
    if (parser.isSet(preset))
        options.lesson = settings.preset;
    if (parser.isSet(lesson)) {
        // Checked whole now, like a session file, so a bad lesson fails before any window.
        LessonInfo info;
        if (QString error = readLessonFile(lessonText, info); !error.isEmpty())
            return fail(error);
        options.lessonFile = lessonText;
        options.config = info.settings;
    }
    if (QString error =
            resolveConfig(settings.preset, settings.configPath, settings.sets, options.config);
        !error.isEmpty())
        return fail(error);
    if (oneLink) {
        // The window starts with the link's lesson and settings; it then opens the rest.
        options.config = link.config;
        options.lesson = link.preset;
    }
    options.fromCommandLine = oneLink || parser.isSet(preset) || parser.isSet(config) ||
                              parser.isSet(lesson) || parser.isSet(set);
    result.action = CommandLineAction::Run;
    return result;
}

} // namespace relulab
