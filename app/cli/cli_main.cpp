// SPDX-License-Identifier: MIT
// relulab-cli: the core trainer, synchronously, from the command line.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"

#include <QApplication>
#include <QCoreApplication>

#include <clocale>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>

using namespace relulab;

namespace {

// Without a desktop session Qt warns about XDG_RUNTIME_DIR and then uses a fallback; that line
// would break the one-line error contract, so it is dropped and everything else passes on.
void quietMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // Everything is checked before any application object or network exists.
    const CliParseResult parsed = parseCliArguments(arguments);
    switch (parsed.action) {
    case CliParseResult::Action::Help:
    case CliParseResult::Action::Version:
        printOut(parsed.text);
        return kExitOk;
    case CliParseResult::Action::Error:
        printError(parsed.text);
        return kExitBadInput;
    case CliParseResult::Action::Run:
        break;
    }
    const CliOptions &options = parsed.options;

    std::unique_ptr<QCoreApplication> app;
    if (options.command == CliCommand::Export || options.command == CliCommand::Handout) {
        // The plots are widgets: they need a QApplication, but never a display.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietMessageHandler);
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("relulab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELULAB_VERSION));
    // Qt sets the user's locale; core prints and parses numbers with printf/strtod.
    std::setlocale(LC_NUMERIC, "C");

    try {
        switch (options.command) {
        case CliCommand::Train:
            return runTrain(options);
        case CliCommand::DumpState:
            return runDumpState(options);
        case CliCommand::Keys:
            return runKeys();
        case CliCommand::Export:
            return runExport(options);
        case CliCommand::Sweep:
            return runSweep(options);
        case CliCommand::Cost:
            return runCost(options);
        case CliCommand::Theory:
            return runTheory(options);
        case CliCommand::Lesson:
            return runLesson(options);
        case CliCommand::Link:
            return runLink(options);
        case CliCommand::Handout:
            return runHandout(options);
        case CliCommand::Evidence:
            return runEvidence(options);
        }
    } catch (const std::bad_alloc &) {
        printError(QStringLiteral("out of memory: depth × width × samples is too large for "
                                  "this machine"));
    } catch (const std::exception &e) {
        printError(QString::fromLocal8Bit(e.what()));
    }
    return kExitFailure;
}
