// SPDX-License-Identifier: MIT
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>

namespace relulab {

MainWindowOptions testWindowOptions(bool play)
{
    MainWindowOptions options;
    options.persistSettings = false;
    options.startPlaying = play;
    return options;
}

bool showWindow(MainWindow &window, QSize size)
{
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        qWarning("the window was never exposed");
        return false;
    }
    if (!waitForShown(window, [](const TrainingFrame &) { return true; })) {
        qWarning("the window showed no frame within %d ms", kFrameTimeoutMs);
        return false;
    }
    return true;
}

bool openWindow(std::unique_ptr<MainWindow> &window, const TrainingConfig &config, bool play,
                QSize size)
{
    window = std::make_unique<MainWindow>(config, testWindowOptions(play));
    return showWindow(*window, size);
}

bool stepAndWait(MainWindow &window, int n)
{
    const std::int64_t start = window.shownFrame()->snapshot.step;
    for (int i = 0; i < n; ++i)
        window.stepAction()->trigger();
    if (waitForShown(window, [&](const TrainingFrame &f) { return f.snapshot.step == start + n; }))
        return true;
    qWarning("wanted step %lld, shown %lld", qlonglong(start + n),
             qlonglong(window.shownFrame()->snapshot.step));
    return false;
}

MessageBoxAnswerer::MessageBoxAnswerer()
{
    m_timer.setInterval(10);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            ++m_count;
            m_lastText = box->text();
            box->accept();
        }
    });
    m_timer.start();
}

} // namespace relulab
