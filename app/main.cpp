// SPDX-License-Identifier: MIT
// relulab: the live window. Parses the command line before anything is built.
#include "app_settings.h"
#include "gui_options.h"
#include "main_window.h"
#include "plain_message.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>
#include <memory>

namespace {

// Whether a QApplication can start: without a display it would abort instead of showing the
// error message box.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
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
    const GuiParseResult parsed =
        relulab::parseGuiArguments(argumentsOf(argc, argv), settings->trainingConfig());
    switch (parsed.action) {
    case GuiParseResult::Action::Help:
    case GuiParseResult::Action::Version:
        std::fputs(qPrintable(parsed.text), stdout);
        return 0;
    case GuiParseResult::Action::Error:
        std::fprintf(stderr, "relulab: %s\n", qPrintable(parsed.text));
        if (hasDisplay()) {
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
    settings.reset();

    relulab::MainWindow window(parsed.options.config, options);
    window.show();
    return QApplication::exec();
}
