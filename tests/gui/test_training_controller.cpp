// SPDX-License-Identifier: MIT
// The window's one way to training, driven with real controls and a real training thread.
#include "control_panel.h"
#include "training_controller.h"
#include "training_thread.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace relulab;

class TestTrainingController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void refusedSettingsChangeNothing();
    void controlsGoThroughTheController();
    void restartFromStepZeroArrivesWithTheSettings();
    void keepTrainsOnLive();
    void sessionStateRoundTrips();
    void speedFollowsBothWays();
    void afterStopOnlyTheControlsChange();

private:
    /// Waits for a frame that satisfies `accept`; the newest frame seen is kept in m_last.
    bool waitFor(const std::function<bool(const TrainingFrame &)> &accept, int ms = 15000);

    std::unique_ptr<ControlPanel> m_controls;
    std::unique_ptr<TrainingController> m_training;
    FramePtr m_last;
};

void TestTrainingController::init()
{
    m_controls = std::make_unique<ControlPanel>();
    m_training = std::make_unique<TrainingController>(TrainingConfig{}, m_controls.get());
    connect(m_training.get(), &TrainingController::frameArrived, this,
            [this](const FramePtr &frame) { m_last = frame; });
    m_training->start(false);
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 0; }));
}

void TestTrainingController::cleanup()
{
    m_training.reset();
    m_controls.reset();
    m_last.reset();
}

bool TestTrainingController::waitFor(const std::function<bool(const TrainingFrame &)> &accept,
                                     int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (m_last && accept(*m_last))
            return true;
        QTest::qWait(5);
    }
    return false;
}

void TestTrainingController::refusedSettingsChangeNothing()
{
    m_training->step();
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 1; }));
    const TrainingConfig running = m_training->settings();
    QSignalSpy refused(m_training.get(), &TrainingController::settingsRefused);
    QSignalSpy applied(m_training.get(), &TrainingController::settingsApplied);
    TrainingConfig bad = running;
    bad.activation = Activation::Elu;
    bad.alpha = 0; // ELU needs alpha > 0
    const QString message = m_training->applySettings(bad);
    QVERIFY2(message.startsWith(QStringLiteral("alpha:")), qPrintable(message));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.front().front().toString(), message);
    QCOMPARE(applied.size(), 0);
    QVERIFY(m_training->settings() == running);
    QVERIFY(m_controls->config() == running);
    // Nothing went to the worker: it neither rebuilt (step 1 stays) nor says it refused.
    m_training->step();
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 2; }));
    QVERIFY(m_last->config == running);
    QVERIFY(!m_last->refusedConfig);

    // Refused from the controls: they showed the bad value and go back at once.
    m_controls->setConfig(bad);
    emit m_controls->configChanged(bad);
    QCOMPARE(refused.size(), 2);
    QVERIFY(m_controls->config() == running);
}

void TestTrainingController::controlsGoThroughTheController()
{
    TrainingConfig next = m_training->settings();
    next.activation = Activation::LeakyRelu;
    next.alpha = 0.3;
    QSignalSpy applied(m_training.get(), &TrainingController::settingsApplied);
    m_controls->setConfig(next);
    emit m_controls->configChanged(next);
    QCOMPARE(applied.size(), 1);
    QVERIFY(m_training->settings() == next);
    QVERIFY(waitFor([&](const TrainingFrame &f) { return f.config == next; }));
}

void TestTrainingController::restartFromStepZeroArrivesWithTheSettings()
{
    m_training->step();
    m_training->step();
    m_training->step();
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 3; }));
    TrainingConfig next = m_training->settings();
    next.learningRate = 0.02; // a live change: without the restart the step would stay at 3
    QCOMPARE(m_training->applySettings(next, TrainingController::Restart::FromStepZero), QString());
    QVERIFY(m_controls->config() == next); // quietly: no second request went out
    QVERIFY(waitFor([&](const TrainingFrame &f) { return f.config == next; }));
    QCOMPARE(m_last->snapshot.step, 0);
}

void TestTrainingController::keepTrainsOnLive()
{
    m_training->step();
    m_training->step();
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 2; }));
    TrainingConfig next = m_training->settings();
    next.learningRate = 0.02;
    QCOMPARE(m_training->applySettings(next), QString());
    QVERIFY(waitFor([&](const TrainingFrame &f) { return f.config == next; }));
    QCOMPARE(m_last->snapshot.step, 2);
}

void TestTrainingController::sessionStateRoundTrips()
{
    for (int i = 0; i < 5; ++i)
        m_training->step();
    QVERIFY(waitFor([](const TrainingFrame &f) { return f.snapshot.step == 5; }));
    const std::optional<TrainingWorker::SessionState> saved = m_training->currentState();
    QVERIFY(saved && saved->state);
    QCOMPARE(saved->state->step, std::int64_t(5));
    TrainingConfig other = m_training->settings();
    other.depth = 2;
    QCOMPARE(m_training->applySettings(other, TrainingController::Restart::FromStepZero),
             QString());
    QVERIFY(waitFor([&](const TrainingFrame &f) { return f.config == other; }));

    QSignalSpy applied(m_training.get(), &TrainingController::settingsApplied);
    QVERIFY(m_training->restoreSession(*saved));
    QCOMPARE(applied.size(), 1);
    QVERIFY(m_training->settings() == saved->config);
    QVERIFY(m_controls->config() == saved->config);
    QVERIFY(waitFor(
        [&](const TrainingFrame &f) { return f.config == saved->config && f.snapshot.step == 5; }));

    // A state that does not fit its settings is refused, and nothing changes.
    TrainingWorker::SessionState misfit = *saved;
    misfit.config.width = saved->config.width + 1;
    QVERIFY(!m_training->restoreSession(misfit));
    QVERIFY(m_training->settings() == saved->config);
    QVERIFY(m_controls->config() == saved->config);
}

void TestTrainingController::speedFollowsBothWays()
{
    m_training->setSpeed(TrainingWorker::kUnlimitedSpeed);
    QCOMPARE(m_controls->speed(), TrainingWorker::kUnlimitedSpeed);
    m_training->setSpeed(ControlPanel::kDefaultSpeed);
    QCOMPARE(m_controls->speed(), ControlPanel::kDefaultSpeed);
}

void TestTrainingController::afterStopOnlyTheControlsChange()
{
    m_training->stop();
    QVERIFY(!m_training->trainingThread());
    QVERIFY(!m_training->currentState());
    TrainingConfig next = m_training->settings();
    next.seed = 9;
    QCOMPARE(m_training->applySettings(next), QString());
    QVERIFY(m_controls->config() == next);
    m_training->step(); // ignored, no crash
    m_training->reset();
    QVERIFY(!m_training->restoreSession(TrainingWorker::SessionState{next, {}, {}, {}}));
}

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
