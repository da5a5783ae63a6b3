// SPDX-License-Identifier: MIT
// relulab-cli lesson check FILE | lesson new --from NAME [--out FILE] [--force]: teachers'
// own lessons, checked in full and started from a copy of a built-in one.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "save_file.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace relulab {

namespace {

// A string as JSON text, quotes and escapes included.
QByteArray jsonString(const QString &text)
{
    QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

int runCheck(const CliOptions &options)
{
    LessonInfo info;
    QStringList problems;
    const QString shown = escapedForMessage(options.lessonFile);
    if (!readLessonFile(options.lessonFile, info, &problems).isEmpty()) {
        for (const QString &problem : problems)
            printError(QStringLiteral("%1: %2").arg(shown, problem));
        return kExitBadInput;
    }
    QString summary = QStringLiteral("%1: ok: lesson %2, %3 steps, %4 locked, %5 hidden")
                          .arg(shown, quotedForMessage(info.name))
                          .arg(info.steps)
                          .arg(info.locked.size())
                          .arg(info.hidden.size());
    if (info.pauseAt > 0)
        summary += QStringLiteral(", pauses at step %1").arg(info.pauseAt);
    if (info.hasCompare()) {
        QStringList overrides;
        for (const auto &[key, value] : info.compare.entries())
            overrides << QString::fromStdString(key + '=' + value);
        summary += QStringLiteral(", run B with %1").arg(overrides.join(QStringLiteral(", ")));
    }
    printOut(summary + QLatin1Char('\n'));
    return kExitOk;
}

int runNew(const CliOptions &options)
{
    QFile file(QStringLiteral(":/lessons/%1.json").arg(options.lessonFrom));
    if (!file.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("lesson new: cannot read the built-in lesson %1")
                       .arg(quotedForMessage(options.lessonFrom)));
        return kExitFailure;
    }
    QByteArray bytes = file.readAll();
    if (!options.outPath.isEmpty()) {
        // The copy is named after its file, so neither a message nor a session mistakes it
        // for the built-in lesson; everything else is kept byte for byte, comments of layout
        // included, as a teacher's starting point.
        const QString stem = QFileInfo(options.outPath).completeBaseName();
        static const QRegularExpression name(QStringLiteral("\"name\"\\s*:\\s*\"[^\"]*\""));
        const QString text = QString::fromUtf8(bytes);
        const QRegularExpressionMatch match = name.match(text);
        if (match.hasMatch() && !stem.isEmpty())
            bytes = (text.left(match.capturedStart()) + QStringLiteral("\"name\": ") +
                     QString::fromUtf8(jsonString(stem)) + text.mid(match.capturedEnd()))
                        .toUtf8();
        if (QString error = saveFile(options.outPath, bytes); !error.isEmpty()) {
            printError(error);
            return kExitBadInput;
        }
        printOut(QStringLiteral("%1: a copy of the built-in lesson %2, named %3; edit it, then "
                                "relulab-cli lesson check %1\n")
                     .arg(escapedForMessage(options.outPath), quotedForMessage(options.lessonFrom),
                          quotedForMessage(stem)));
        return kExitOk;
    }
    printOut(QString::fromUtf8(bytes));
    return kExitOk;
}

} // namespace

QString parseLessonOptions(const QCommandLineParser &parser, const QStringList &arguments,
                           CliOptions &options)
{
    const QString usage = QStringLiteral("expected lesson check FILE or lesson new --from NAME "
                                         "[--out FILE] [--force]");
    if (arguments.isEmpty())
        return QStringLiteral("lesson: %1").arg(usage);
    options.lessonAction = arguments.front();
    const bool check = options.lessonAction == QLatin1String("check");
    const bool create = options.lessonAction == QLatin1String("new");
    if (!check && !create)
        return QStringLiteral("lesson: unknown action %1: %2")
            .arg(quotedForMessage(options.lessonAction), usage);
    if (check) {
        if (arguments.size() != 2)
            return arguments.size() < 2 ? QStringLiteral("lesson check: expected a FILE")
                                        : QStringLiteral("lesson check: unexpected argument %1")
                                              .arg(quotedForMessage(arguments.at(2)));
        for (const char *option : {"from", "out", "force"}) {
            if (parser.isSet(QLatin1String(option)))
                return QStringLiteral("lesson check: --%1 is an option of lesson new")
                    .arg(QLatin1String(option));
        }
        options.lessonFile = arguments.at(1);
        return {};
    }
    if (arguments.size() > 1)
        return QStringLiteral("lesson new: unexpected argument %1")
            .arg(quotedForMessage(arguments.at(1)));
    const QStringList from = parser.values(QStringLiteral("from"));
    if (from.isEmpty())
        return QStringLiteral("lesson new: --from NAME is required (one of %1)")
            .arg(presetNames().join(QStringLiteral(", ")));
    if (from.size() > 1)
        return QStringLiteral("--from: given %1 times; give it once").arg(from.size());
    if (!presetNames().contains(from.front()))
        return QStringLiteral("--from: unknown lesson %1 (known: %2)")
            .arg(quotedForMessage(from.front()), presetNames().join(QStringLiteral(", ")));
    options.lessonFrom = from.front();
    options.force = parser.isSet(QStringLiteral("force"));
    const QStringList out = parser.values(QStringLiteral("out"));
    if (out.size() > 1)
        return QStringLiteral("--out: given %1 times; give it once").arg(out.size());
    if (out.isEmpty()) {
        if (options.force)
            return QStringLiteral("lesson new: --force only applies with --out FILE");
        return {};
    }
    options.outPath = out.front();
    if (QString error = checkOutputFile(QStringLiteral("out"), options.outPath); !error.isEmpty())
        return error;
    // A teacher's edited lesson is never replaced by a fresh copy by accident.
    if (QFileInfo::exists(options.outPath) && !options.force)
        return QStringLiteral("--out %1: exists; add --force to replace it")
            .arg(escapedForMessage(options.outPath));
    return {};
}

int runLesson(const CliOptions &options)
{
    return options.lessonAction == QLatin1String("check") ? runCheck(options) : runNew(options);
}

} // namespace relulab
