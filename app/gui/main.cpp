// SPDX-License-Identifier: MIT
// relulab: the live window. Parses the command line before anything is built.
#include "app_settings.h"
#include "command_line.h"
#include "frame_meter.h"
#include "gui_options.h"
#include "main_window.h"
#include "plain_message.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>

#include <memory>

namespace {

// Whether a QApplication can start: without a display it would abort instead of showing the
// error message box.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// A file manager, a browser or the desktop file (Exec=relulab %u) passes one file or link and
// no option; nobody reads stderr then, so the error needs a message box. Options are typed in a
// terminal or a script, where the line on stderr is the message and a modal box would only block.
bool launchedWithAFile(const QStringList &arguments)
{
    return arguments.size() == 2 && !arguments.back().startsWith(QLatin1Char('-'));
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// Projector-friendly text everywhere, in points so it scales with the screen's DPI.
constexpr qreal kMinimumFontPoints = 11;

} // namespace

int main(int argc, char **argv)
{
    using relulab::GuiParseResult;
    QApplication::setOrganizationName(QStringLiteral("relulab"));
    QApplication::setApplicationName(QStringLiteral("relulab"));
    QApplication::setApplicationDisplayName(QStringLiteral("ReLU Lab"));
    QApplication::setApplicationVersion(QStringLiteral(RELULAB_VERSION));

    // Command-line settings override the saved ones, so those are read first.
    auto settings = std::make_unique<relulab::AppSettings>();
    const QStringList arguments = argumentsOf(argc, argv);
    const GuiParseResult parsed = relulab::parseGuiArguments(arguments, settings->trainingConfig());
    switch (parsed.action) {
    case GuiParseResult::Action::Help:
    case GuiParseResult::Action::Version:
        relulab::printOut(parsed.text);
        return 0;
    case GuiParseResult::Action::Error:
        relulab::printErrorLine(QStringLiteral("relulab"), parsed.text);
        if (hasDisplay() && launchedWithAFile(arguments)) {
            QApplication app(argc, argv);
            relulab::showPlainMessage(nullptr, QMessageBox::Critical, QStringLiteral("ReLU Lab"),
                                      parsed.text);
        }
        return 2;
    case GuiParseResult::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/relulab-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    QFont font = QApplication::font();
    if (font.pointSizeF() > 0 && font.pointSizeF() < kMinimumFontPoints) {
        font.setPointSizeF(kMinimumFontPoints);
        QApplication::setFont(font);
    }
    relulab::MainWindowOptions options;
    options.startPlaying = !parsed.options.startPaused;
    options.lesson = parsed.options.fromCommandLine ? parsed.options.lesson : settings->lesson();
    options.sessionFile = parsed.options.sessionFile;
    options.lessonFile = parsed.options.lessonFile;
    options.link = parsed.options.link;
    options.speed = parsed.options.speed;
    settings.reset();
    const double measureSeconds = parsed.options.measureSeconds;
    // A measurement sees the window a new user sees, and leaves the user's settings alone.
    if (measureSeconds > 0)
        options.persistSettings = false;

    relulab::MainWindow window(parsed.options.config, options);
    window.show();
    if (measureSeconds <= 0)
        return QApplication::exec();

    relulab::FrameMeter meter(&window, measureSeconds);
    int exitCode = 0;
    QObject::connect(&meter, &relulab::FrameMeter::finished, &app,
                     [](const relulab::FrameMeasurement &result) {
                         relulab::printOut(result.toJson() + QLatin1Char('\n'));
                         QApplication::exit(0);
                     });
    QObject::connect(&meter, &relulab::FrameMeter::failed, &app, [&exitCode](const QString &why) {
        relulab::printErrorLine(QStringLiteral("relulab"), QStringLiteral("--measure: ") + why);
        exitCode = 1;
        QApplication::exit(1);
    });
    QApplication::exec();
    return exitCode;
}
