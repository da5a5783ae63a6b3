// SPDX-License-Identifier: MIT
// The assembled window, driven through its real widgets: sliders reach the plots through the
// worker thread, shortcuts work over the plots, and closing ends the thread.
#include "activation_plot.h"
#include "alpha_control.h"
#include "config_json.h"
#include "control_panel.h"
#include "derivative_plot.h"
#include "frame_mailbox.h"
#include "gradient_plot.h"
#include "main_window.h"
#include "training_status_bar.h"
#include "training_worker.h"
#include "window_fixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QPointer>
#include <QSlider>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>
#include <optional>

using namespace relulab;

namespace {

std::optional<double> valueNear(const QCPGraph *graph, double key)
{
    for (const QCPGraphData &p : *graph->data()) {
        if (std::abs(p.key - key) < 1e-9)
            return p.value;
    }
    return std::nullopt;
}

int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task"))
                   .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                   .size());
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_window.reset(); }
    void alphaSliderChangesActivationPlot();
    void alphaKeyboardStepReachesPlot();
    void depthSliderChangesGradientPlot();
    void shortcutsWorkWithFocusOnPlot();
    void statusBarSaysWhyTrainingStopped();
    void refusedSettingsPutTheControlsBack_data();
    void refusedSettingsPutTheControlsBack();
    void lessonAndDefaults();
    void closingDuringTrainingEndsThread();
    void repeatedOpenCloseLeavesNoThreads();

private:
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::alphaSliderChangesActivationPlot()
{
    TrainingConfig config;
    config.activation = Activation::LeakyRelu;
    QVERIFY(openWindow(m_window, config, true));
    auto *slider = m_window->controlPanel()->findChild<QSlider *>(QStringLiteral("alphaSlider"));
    QVERIFY(slider);
    auto *activation = qobject_cast<ActivationPlot *>(m_window->plot(QStringLiteral("activation")));
    auto *derivative = qobject_cast<DerivativePlot *>(m_window->plot(QStringLiteral("derivative")));
    QVERIFY(activation && derivative);

    for (double alpha : {0.3, 0.0, 0.001, 0.76}) {
        slider->setValue(AlphaControl::positionOf(alpha));
        QVERIFY(waitForShown(*m_window,
                             [alpha](const TrainingFrame &f) { return f.config.alpha == alpha; }));
        QTRY_COMPARE(valueNear(activation->curve(), -1.0).value_or(kNaN), -alpha);
        // The derivative jumps at 0: alpha on the left piece, 1 on the right.
        QCOMPARE(valueNear(derivative->leftPiece(), -1.0).value_or(kNaN), alpha);
        QCOMPARE(valueNear(derivative->rightPiece(), 1.0).value_or(kNaN), 1.0);
        QVERIFY(m_window->shownFrame()->playing); // a live change, training continues
    }
}

void TestMainWindow::alphaKeyboardStepReachesPlot()
{
    TrainingConfig config;
    config.activation = Activation::LeakyRelu;
    config.alpha = 0.01;
    QVERIFY(openWindow(m_window, config, false));
    auto *slider = m_window->controlPanel()->findChild<QSlider *>(QStringLiteral("alphaSlider"));
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Right);
    QTest::keyClick(slider, Qt::Key_Right);
    auto *activation = qobject_cast<ActivationPlot *>(m_window->plot(QStringLiteral("activation")));
    QTRY_COMPARE(valueNear(activation->curve(), -1.0).value_or(kNaN), -0.02);
}

void TestMainWindow::depthSliderChangesGradientPlot()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, true));
    auto *gradients = qobject_cast<GradientPlot *>(m_window->plot(QStringLiteral("gradients")));
    QVERIFY(gradients);
    QTRY_COMPARE(gradients->weightGradient()->data()->size(), 4);
    for (int depth : {9, 1, 23}) {
        m_window->controlPanel()->depthSlider()->setValue(depth);
        QVERIFY(waitForShown(*m_window,
                             [depth](const TrainingFrame &f) { return f.config.depth == depth; }));
        QTRY_COMPARE(gradients->weightGradient()->data()->size(), depth);
        QCOMPARE(int(m_window->shownFrame()->snapshot.layers.size()), depth);
    }
}

void TestMainWindow::shortcutsWorkWithFocusOnPlot()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
    PlotBase *plot = m_window->plot(QStringLiteral("loss"));
    QTest::mouseClick(plot, Qt::LeftButton, {}, plot->rect().center());
    plot->setFocus();

    const qint64 playIcon = m_window->playPauseAction()->icon().cacheKey();
    QTest::keyClick(plot, Qt::Key_Space);
    QVERIFY(waitForShown(*m_window,
                         [](const TrainingFrame &f) { return f.playing && f.snapshot.step > 0; }));
    QCOMPARE(m_window->playPauseAction()->text(), tr("&Pause"));
    QVERIFY(m_window->playPauseAction()->icon().cacheKey() != playIcon);
    QTest::keyClick(plot, Qt::Key_Space);
    const FramePtr paused =
        waitForShown(*m_window, [](const TrainingFrame &f) { return !f.playing; });
    QVERIFY(paused);
    QCOMPARE(m_window->playPauseAction()->text(), tr("&Play"));
    // The same QIcon again: a new one per toggle would add pixmap-cache entries every time.
    QCOMPARE(m_window->playPauseAction()->icon().cacheKey(), playIcon);

    const std::int64_t step = paused->snapshot.step;
    QTest::keyClick(plot, Qt::Key_S);
    QVERIFY(waitForShown(*m_window,
                         [step](const TrainingFrame &f) { return f.snapshot.step == step + 1; }));
    QTest::keyClick(plot, Qt::Key_R);
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 0; }));
    QTest::qWait(100);
    QCOMPARE(m_window->shownFrame()->snapshot.step, 0); // Space was not pressed twice
    QCOMPARE(m_window->currentPlot(), plot);
}

void TestMainWindow::refusedSettingsPutTheControlsBack_data()
{
    QTest::addColumn<bool>("play");
    QTest::newRow("paused") << false;
    QTest::newRow("playing") << true;
}

void TestMainWindow::refusedSettingsPutTheControlsBack()
{
    QFETCH(bool, play);
    QVERIFY(openWindow(m_window, TrainingConfig{}, play));
    ControlPanel *controls = m_window->controlPanel();
    const TrainingConfig running = m_window->shownFrame()->config;
    // ELU needs alpha > 0: core refuses this, the controls showed it.
    TrainingConfig refused = running;
    refused.activation = Activation::Elu;
    refused.alpha = 0;
    controls->setConfig(refused);
    emit controls->configChanged(refused);
    QTRY_VERIFY_WITH_TIMEOUT(controls->config() == running, 10000);
    QVERIFY2(m_window->trainingStatus()->currentMessage().contains(QStringLiteral("alpha")),
             qPrintable(m_window->trainingStatus()->currentMessage()));
    QVERIFY(m_window->shownFrame()->config == running);
    // The next valid change still goes through.
    TrainingConfig next = running;
    next.alpha = 0.25;
    next.activation = Activation::LeakyRelu;
    controls->setConfig(next);
    emit controls->configChanged(next);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->shownFrame()->config == next, 10000);
    QVERIFY(controls->config() == next);
    // Refused and at once replaced by a valid change: the refusal never takes that back.
    controls->setConfig(refused);
    emit controls->configChanged(refused);
    TrainingConfig after = next;
    after.alpha = 0.5;
    controls->setConfig(after);
    emit controls->configChanged(after);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->shownFrame()->config == after, 10000);
    QTest::qWait(100); // a late frame about the refusal would arrive now
    QVERIFY(controls->config() == after);
}

void TestMainWindow::statusBarSaysWhyTrainingStopped()
{
    TrainingConfig config;
    config.biasInit = -10; // dead from the start
    QVERIFY(openWindow(m_window, config, true));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return !f.playing; }));
    QTRY_VERIFY(m_window->trainingStatus()->stateText().contains(QStringLiteral("Network dead")));

    m_window->controlPanel()->resetToDefaults();
    QVERIFY(waitForShown(*m_window,
                         [](const TrainingFrame &f) { return f.config == TrainingConfig{}; }));
    QTest::keyClick(m_window.get(), Qt::Key_Space);
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.playing; }));
    QTRY_COMPARE(m_window->trainingStatus()->stateText(), QStringLiteral("<b>Training</b>"));
    QTest::keyClick(m_window.get(), Qt::Key_Space);
    QTRY_VERIFY(m_window->trainingStatus()->stateText().contains(QStringLiteral("Paused")));
}

void TestMainWindow::lessonAndDefaults()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, true));
    const QStringList lessons = presetNames();
    QVERIFY(!lessons.isEmpty());
    TrainingConfig expected;
    QCOMPARE(loadPreset(lessons.back(), expected), QString());
    m_window->loadLesson(lessons.back());
    QVERIFY(m_window->controlPanel()->config() == expected);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) { return f.config == expected; }));

    m_window->resetSettingsToDefaults();
    QVERIFY(m_window->controlPanel()->config() == TrainingConfig{});
    QVERIFY(waitForShown(*m_window,
                         [](const TrainingFrame &f) { return f.config == TrainingConfig{}; }));
}

void TestMainWindow::closingDuringTrainingEndsThread()
{
    TrainingConfig config;
    config.depth = 20;
    config.width = 64;
    QVERIFY(openWindow(m_window, config, true));
    m_window->controlPanel()->setSpeed(0);
    emit m_window->controlPanel()->speedChanged(0);
    QVERIFY(waitForShown(*m_window,
                         [](const TrainingFrame &f) { return f.playing && f.snapshot.step > 5; }));
    QPointer<QThread> thread = m_window->workerThread();
    QPointer<TrainingWorker> worker = m_window->worker();
    QVERIFY(thread && thread->isRunning());

    QElapsedTimer clock;
    clock.start();
    QVERIFY(m_window->close());
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(thread.isNull());
    QVERIFY(worker.isNull());
    QVERIFY(!m_window->workerThread());
}

void TestMainWindow::repeatedOpenCloseLeavesNoThreads()
{
    // One window first, so Qt's own helper threads (if any) exist before counting.
    QVERIFY(openWindow(m_window, TrainingConfig{}, true));
    m_window->close();
    m_window.reset();
    QTest::qWait(50);
    const int before = threadCount();
    for (int i = 0; i < 20; ++i) {
        QVERIFY(openWindow(m_window, TrainingConfig{}, true));
        QVERIFY(m_window->workerThread()->isRunning());
        QVERIFY(threadCount() > before);
        QVERIFY(m_window->close());
        m_window.reset();
    }
    QTRY_COMPARE(threadCount(), before);
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
