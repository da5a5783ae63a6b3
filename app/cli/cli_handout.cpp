// SPDX-License-Identifier: MIT
// relulab-cli handout [--preset NAME | --lesson FILE] [--steps N] --out FILE.pdf [--teacher]:
// a lesson's printable A4 handout, with the dashboard trained to the lesson's moment.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "handout.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "offscreen_export.h"

#include <QCommandLineParser>
#include <QDir>

namespace relulab {

namespace {

/// The step the handout's dashboard shows unless --steps says otherwise: the lesson's pause
/// (the moment the window stops so the class can look, which is what the questions are about),
/// else the end of its demonstration.
int lessonStep(const LessonInfo &lesson)
{
    return lesson.pauseAt > 0 ? lesson.pauseAt : lesson.steps;
}

} // namespace

QString parseHandoutOptions(const QCommandLineParser &parser, CliOptions &options)
{
    QString preset, lesson, steps, out;
    for (const auto &[name, target] :
         {std::pair<QString, QString *>{QStringLiteral("preset"), &preset},
          {QStringLiteral("lesson"), &lesson},
          {QStringLiteral("steps"), &steps},
          {QStringLiteral("out"), &out}}) {
        if (QString error = singleOptionValue(parser, name, *target); !error.isEmpty())
            return error;
    }
    if (QString error = setCliLessonSource(QStringLiteral("handout"), preset, lesson, options);
        !error.isEmpty())
        return error;
    if (!steps.isNull()) {
        bool ok = false;
        const qint64 v = steps.toLongLong(&ok);
        if (!ok || steps.trimmed() != steps || v < 0 || v > kMaxCliSteps)
            return QStringLiteral("--steps: expected an integer in 0..%1, got %2")
                .arg(QString::number(kMaxCliSteps), quotedForMessage(steps));
        options.handoutSteps = int(v);
    }
    if (out.isNull())
        return QStringLiteral("handout: --out FILE.pdf is required");
    options.outPath = out;
    options.teacher = parser.isSet(QStringLiteral("teacher"));
    if (QString error = checkOutputFile(QStringLiteral("out"), options.outPath); !error.isEmpty())
        return error;
    // A lesson file is read now, so that its problems come before any training.
    LessonInfo info;
    if (QString error = readCliLesson(options, info); !error.isEmpty())
        return error;
    return {};
}

int runHandout(const CliOptions &options)
{
    LessonInfo lesson;
    if (QString error = readCliLesson(options, lesson); !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    const int steps = options.handoutSteps >= 0 ? options.handoutSteps : lessonStep(lesson);
    const FramePtr frame = trainOffscreen(lesson.settings, steps,
                                          lesson.hasCompare() ? &lesson.compareSettings : nullptr);
    if (QString error = writeHandout(options.outPath, handoutText(lesson, options.lessonFile),
                                     *frame, options.teacher);
        !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    printOut(QStringLiteral("wrote the %1handout of lesson %2 at step %3 to %4\n")
                 .arg(options.teacher ? QStringLiteral("teacher's ") : QString(),
                      quotedForMessage(lesson.name))
                 .arg(frame->snapshot.step)
                 .arg(QDir::toNativeSeparators(options.outPath)));
    return kExitOk;
}

} // namespace relulab
