// SPDX-License-Identifier: MIT
#pragma once
// The window every GUI suite drives: built without the user's settings, shown offscreen and
// waited for until it shows its first frame, then stepped and watched frame by frame.
#include "instrumented.h"
#include "main_window.h"

#include <QElapsedTimer>
#include <QSize>
#include <QTest>
#include <QTimer>

#include <memory>
#include <utility>

namespace relulab {

/// How long a test waits for a frame it expects before it gives up. Under a sanitizer, with
/// another instrumented test on the second core, 15 s was not always enough (test_link_window).
constexpr int kFrameTimeoutMs = kInstrumented ? 60000 : 15000;
/// Large enough that every plot and control gets its full size.
constexpr QSize kTestWindowSize(1400, 900);

/// Options of a window under test: it neither reads nor writes the user's QSettings, and it
/// presses Play once its first frame is there only if `play`.
MainWindowOptions testWindowOptions(bool play);

/// Resizes `window` to `size`, shows it and waits until it is exposed and shows its first
/// frame. false (with a warning saying which did not happen): the test must stop.
[[nodiscard]] bool showWindow(MainWindow &window, QSize size = kTestWindowSize);

/// Makes `window` a new window with `config` and testWindowOptions(play), then showWindow.
[[nodiscard]] bool openWindow(std::unique_ptr<MainWindow> &window, const TrainingConfig &config,
                              bool play, QSize size = kTestWindowSize);

/// Polls `latest()` (a FramePtr, e.g. a mailbox's latest frame) every 5 ms until it returns a
/// frame for which `pred` holds, and returns that frame; null after `timeoutMs`.
template <typename Latest, typename P>
FramePtr waitForFrame(Latest &&latest, P &&pred, int timeoutMs = kFrameTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (FramePtr f = latest(); f && pred(*f))
            return f;
        QTest::qWait(5);
    }
    return nullptr;
}

/// The first frame `window` shows for which `pred` holds (waitForFrame on shownFrame()).
template <typename P>
FramePtr waitForShown(const MainWindow &window, P &&pred, int timeoutMs = kFrameTimeoutMs)
{
    return waitForFrame([&window] { return window.shownFrame(); }, std::forward<P>(pred),
                        timeoutMs);
}

/// Triggers Step `n` times and waits until the window shows the step `n` past the one it
/// showed. false (with a warning naming the step wanted and the one shown): the test must stop.
[[nodiscard]] bool stepAndWait(MainWindow &window, int n);

/// While it lives, answers every modal QMessageBox (it blocks in an event loop of its own, so
/// the test cannot): accepts it and keeps how many it answered and the text of the last.
class MessageBoxAnswerer
{
public:
    MessageBoxAnswerer();
    int count() const { return m_count; }
    QString lastText() const { return m_lastText; }

private:
    QTimer m_timer;
    int m_count = 0;
    QString m_lastText;
};

} // namespace relulab
