// SPDX-License-Identifier: MIT
// The training worker on its own thread: frames while playing, none while paused, determinism,
// rebuilds, a flood of settings, stop conditions and shutdown.
#include "frame_mailbox.h"
#include "instrumented.h"
#include "thread_inbox.h"
#include "training_thread.h"
#include "training_worker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace relulab;

class TestWorker : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void deliversFramesOnlyWhilePlaying();
    void resetWithSameSeedReproducesLoss();
    void depthChangeRebuildsWithThatManyLayers();
    void alphaChangeIsAppliedLive();
    void floodOfConfigsKeepsGuiResponsive();
    void speedCapLimitsSteps();
    void divergenceStopsTraining();
    void deadNetworkStopsTraining();
    void unbuildableConfigFallsBackToDefaults();
    void stopDuringHeavyTrainingIsFast();
    void mailboxFoldsNotificationsAndPaces();
    void trainingThreadCleansUp();
    void inboxRunsClosuresInOrderOnItsThread();
    void inboxCallWaitsAndRethrows();

private:
    /// Starts a worker and waits for its first frame; false (and the test must stop) if none.
    [[nodiscard]] bool startWorker(const TrainingConfig &config);
    /// Queues `call` on the worker's thread.
    template <typename F> void send(F &&call);
    /// Waits until the latest frame satisfies `pred`.
    template <typename P> FramePtr waitForFrame(P &&pred, int timeoutMs = 10000);
    void shutDown();

    std::unique_ptr<FrameMailbox> m_mailbox;
    std::unique_ptr<TrainingThread> m_training;
};

bool TestWorker::startWorker(const TrainingConfig &config)
{
    m_mailbox = std::make_unique<FrameMailbox>();
    m_training =
        std::make_unique<TrainingThread>(config, TrainingWorker::kUnlimitedSpeed, m_mailbox.get());
    m_training->start(false);
    return waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 0; }) != nullptr;
}

template <typename F> void TestWorker::send(F &&call)
{
    m_training->post(std::forward<F>(call));
}

template <typename P> FramePtr TestWorker::waitForFrame(P &&pred, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (FramePtr f = m_mailbox->latest(); f && pred(*f))
            return f;
        QTest::qWait(5);
    }
    return nullptr;
}

void TestWorker::shutDown()
{
    if (m_training)
        m_training->stop(); // joins the thread
    m_training.reset();
}

void TestWorker::cleanup()
{
    shutDown();
    m_mailbox.reset();
}

void TestWorker::deliversFramesOnlyWhilePlaying()
{
    QVERIFY(startWorker(TrainingConfig{}));
    QSignalSpy spy(m_mailbox.get(), &FrameMailbox::frameAvailable);
    send([](TrainingWorker &w) { w.play(); });
    // Frames are spaced by what recording one costs (TrainingWorker::frameInterval).
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 10, 5000 * kSlowdown);
    const FramePtr playing = m_mailbox->latest();
    QVERIFY(playing->playing);
    QVERIFY(playing->snapshot.step > 0);
    QVERIFY(playing->stepsPerSecond > 0);

    send([](TrainingWorker &w) { w.pause(); });
    const FramePtr paused = waitForFrame([](const TrainingFrame &f) { return !f.playing; });
    QVERIFY(paused);
    QTest::qWait(50); // let the pause frame's notification arrive
    const int framesAtPause = spy.count();
    const quint64 publishedAtPause = m_mailbox->publishedCount();
    QTest::qWait(400);
    QCOMPARE(spy.count(), framesAtPause);
    QCOMPARE(m_mailbox->publishedCount(), publishedAtPause);
    QCOMPARE(m_mailbox->latest()->snapshot.step, paused->snapshot.step);
}

void TestWorker::resetWithSameSeedReproducesLoss()
{
    constexpr int kSteps = 40;
    QVERIFY(startWorker(TrainingConfig{}));
    const auto trainSteps = [this] {
        for (int i = 0; i < kSteps; ++i)
            send([](TrainingWorker &w) { w.stepOnce(); });
        return waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == kSteps; });
    };
    const FramePtr first = trainSteps();
    QVERIFY(first);
    send([](TrainingWorker &w) { w.reset(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 0; }));
    const FramePtr second = trainSteps();
    QVERIFY(second);
    QVERIFY(std::isfinite(first->snapshot.loss));
    QCOMPARE(second->snapshot.loss, first->snapshot.loss);
    QCOMPARE(second->snapshot.testLoss, first->snapshot.testLoss);

    // A different seed is a different run (so the equality above is not vacuous).
    TrainingConfig other;
    other.seed = 2;
    send([other](TrainingWorker &w) { w.setConfig(other); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.config.seed == 2; }));
    const FramePtr third = trainSteps();
    QVERIFY(third);
    QVERIFY(third->snapshot.loss != first->snapshot.loss);
}

void TestWorker::depthChangeRebuildsWithThatManyLayers()
{
    QVERIFY(startWorker(TrainingConfig{}));
    send([](TrainingWorker &w) { w.play(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step > 100; }));
    TrainingConfig deeper;
    deeper.depth = 7;
    send([deeper](TrainingWorker &w) { w.setConfig(deeper); });
    const FramePtr rebuilt =
        waitForFrame([](const TrainingFrame &f) { return f.config.depth == 7; });
    QVERIFY(rebuilt);
    QCOMPARE(int(rebuilt->snapshot.layers.size()), 7);
    // Rebuilt from the seed, and still playing.
    QVERIFY(rebuilt->snapshot.step < 1000);
    QVERIFY(rebuilt->playing);
}

void TestWorker::alphaChangeIsAppliedLive()
{
    TrainingConfig config;
    config.activation = Activation::LeakyRelu;
    QVERIFY(startWorker(config));
    for (int i = 0; i < 20; ++i)
        send([](TrainingWorker &w) { w.stepOnce(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 20; }));
    config.alpha = 0.25;
    send([config](TrainingWorker &w) { w.setConfig(config); });
    const FramePtr live =
        waitForFrame([](const TrainingFrame &f) { return f.config.alpha == 0.25; });
    QVERIFY(live);
    // Live: the network kept its training instead of being rebuilt at step 0.
    QCOMPARE(live->snapshot.step, std::int64_t(20));
    QCOMPARE(live->snapshot.layers.front().alpha, 0.25);
}

void TestWorker::floodOfConfigsKeepsGuiResponsive()
{
    TrainingConfig config;
    config.activation = Activation::LeakyRelu;
    config.depth = 12;
    config.width = 48;
    // Gently: a loaded machine trains thousands of steps during the flood, and a run that
    // diverges meanwhile stops playing, which is not what this test is about.
    config.learningRate = 1e-3;
    QVERIFY(startWorker(config));
    send([](TrainingWorker &w) { w.play(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step > 0; }));

    // A timer on the GUI thread: its longest gap is how long the event loop was blocked.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestGap = std::max(longestGap, sinceTick.restart());
        ++ticks;
    });
    sinceTick.start();
    ticker.start(5);

    const quint64 publishedBefore = m_mailbox->publishedCount();
    double last = 0;
    for (int i = 1; i <= 1000; ++i) {
        // Never 0: at alpha 0 Leaky is ReLU, which may die, and a dead network stops playing.
        config.alpha = double(i % 997 + 1) / 1000.0;
        last = config.alpha;
        send([config](TrainingWorker &w) { w.setConfig(config); });
        if (i % 100 == 0)
            QTest::qWait(10); // the flood arrives in bursts, as from a fast slider drag
    }
    const FramePtr final =
        waitForFrame([last](const TrainingFrame &f) { return f.config.alpha == last; });
    QVERIFY(final);
    // The network trains in float.
    QCOMPARE(float(final->snapshot.layers.front().alpha), float(last));
    QVERIFY2(final->playing, qPrintable(QStringLiteral("diverged %1 dead %2 step %3")
                                            .arg(final->snapshot.diverged)
                                            .arg(final->snapshot.networkDead)
                                            .arg(final->snapshot.step)));
    QTest::qWait(100);
    QVERIFY2(ticks > 10, qPrintable(QString::number(ticks)));
    QVERIFY2(longestGap < 250, qPrintable(QStringLiteral("GUI blocked for %1 ms").arg(longestGap)));
    // Latest wins: far fewer frames than configs were recorded.
    QVERIFY(m_mailbox->publishedCount() - publishedBefore < 1000);
}

void TestWorker::speedCapLimitsSteps()
{
    QVERIFY(startWorker(TrainingConfig{}));
    send([](TrainingWorker &w) {
        w.setSpeed(50);
        w.play();
    });
    QTest::qWait(1000);
    send([](TrainingWorker &w) { w.pause(); });
    const FramePtr paused = waitForFrame([](const TrainingFrame &f) { return !f.playing; });
    QVERIFY(paused);
    // About 50 steps in one second; generous bounds for a loaded machine.
    QVERIFY2(paused->snapshot.step >= 20 && paused->snapshot.step <= 80,
             qPrintable(QString::number(paused->snapshot.step)));
}

void TestWorker::divergenceStopsTraining()
{
    TrainingConfig config;
    config.dataset = DatasetKind::Sine;
    config.optimizer = Optimizer::Sgd;
    config.learningRate = 10;
    config.initScale = 10;
    config.depth = 6;
    QVERIFY(startWorker(config));
    send([](TrainingWorker &w) { w.play(); });
    const FramePtr stopped =
        waitForFrame([](const TrainingFrame &f) { return f.snapshot.diverged && !f.playing; });
    QVERIFY(stopped);
    QVERIFY(stopped->divergedAtStep >= 0);
    // Play on a diverged run does nothing but say so again.
    const std::int64_t step = stopped->snapshot.step;
    send([](TrainingWorker &w) { w.play(); });
    QTest::qWait(200);
    QVERIFY(!m_mailbox->latest()->playing);
    QCOMPARE(m_mailbox->latest()->snapshot.step, step);
}

void TestWorker::deadNetworkStopsTraining()
{
    TrainingConfig config;
    config.biasInit = -10; // every unit of the first layer starts below zero for every input
    QVERIFY(startWorker(config));
    QVERIFY(m_mailbox->latest()->snapshot.networkDead);
    send([](TrainingWorker &w) { w.play(); });
    QTest::qWait(300);
    const FramePtr f = m_mailbox->latest();
    QVERIFY(f->snapshot.networkDead);
    QVERIFY(!f->playing);
    QVERIFY(f->snapshot.step < 100);
}

void TestWorker::unbuildableConfigFallsBackToDefaults()
{
    // A CSV file read when it was named and deleted before the worker builds from it: the
    // config is still valid (validation does not read the file again) but no Trainer can be
    // built from it. The worker must say so and go on, never throw out of a slot.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("vanishing.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 20; ++i)
            file.write(QByteArray::number(i) + ',' + QByteArray::number(i % 3) + ',' +
                       QByteArray::number(i % 2) + '\n');
    }
    TrainingConfig vanished;
    QCOMPARE(setConfigValue(vanished, "dataset", "csv:" + path.toStdString()), std::string());
    QVERIFY(QFile::remove(path));
    QCOMPARE(validateConfig(vanished), std::string());

    m_mailbox = std::make_unique<FrameMailbox>();
    m_training = std::make_unique<TrainingThread>(vanished, TrainingWorker::kUnlimitedSpeed,
                                                  m_mailbox.get());
    QStringList rejected;
    QObject receiver; // destroyed first, so no queued message outlives `rejected`
    connect(m_training->worker(), &TrainingWorker::configRejected, &receiver,
            [&rejected](const QString &message) { rejected << message; });
    m_training->start(false);

    // No network to keep yet: the defaults instead.
    const FramePtr fallback =
        waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 0; });
    QVERIFY(fallback);
    QVERIFY(fallback->config == TrainingConfig{});
    QTRY_COMPARE(rejected.size(), 1);
    QVERIFY2(rejected.front().contains(QStringLiteral("vanishing.csv")),
             qPrintable(rejected.front()));
    send([](TrainingWorker &w) { w.stepOnce(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 1; }));

    // With a network running, the same settings keep it as it was.
    send([vanished](TrainingWorker &w) {
        w.setConfig(vanished);
        w.stepOnce();
    });
    QTRY_COMPARE(rejected.size(), 2);
    const FramePtr kept = waitForFrame([](const TrainingFrame &f) { return f.snapshot.step == 2; });
    QVERIFY(kept);
    QVERIFY(kept->config == TrainingConfig{});
}

void TestWorker::stopDuringHeavyTrainingIsFast()
{
    TrainingConfig config;
    config.depth = 20;
    config.width = 64;
    config.batchSize = 256;
    QVERIFY(startWorker(config));
    send([](TrainingWorker &w) { w.play(); });
    QVERIFY(waitForFrame([](const TrainingFrame &f) { return f.snapshot.step > 10; }));
    QPointer<TrainingWorker> worker = m_training->worker();
    QElapsedTimer clock;
    clock.start();
    shutDown();
    QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(worker.isNull()); // deleted on its own thread through finished → deleteLater
}

void TestWorker::mailboxFoldsNotificationsAndPaces()
{
    FrameMailbox mailbox;
    QSignalSpy spy(&mailbox, &FrameMailbox::frameAvailable);
    // 500 frames from another thread while this one is not looking: one notification.
    QThread *producer = QThread::create([&mailbox] {
        for (int i = 0; i < 500; ++i) {
            auto frame = std::make_shared<TrainingFrame>();
            frame->snapshot.step = i;
            mailbox.publish(std::move(frame));
        }
    });
    producer->start();
    QVERIFY(producer->wait(5000));
    delete producer;
    QCOMPARE(mailbox.publishedCount(), quint64(500));
    QVERIFY(spy.wait(1000));
    QTest::qWait(20);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(mailbox.latest()->snapshot.step, std::int64_t(499));

    // Unpaced, the producer may always publish; paced, only after the consumer took the frame.
    QVERIFY(mailbox.readyForFrame());
    mailbox.setPaced(true);
    mailbox.publish(std::make_shared<TrainingFrame>());
    QVERIFY(!mailbox.readyForFrame());
    mailbox.take();
    QVERIFY(mailbox.readyForFrame());
    mailbox.publish(std::make_shared<TrainingFrame>());
    QVERIFY(!mailbox.readyForFrame());
    // A consumer that never answers (a stuck event loop) cannot stop the frames for long.
    QTest::qWait(int(FrameMailbox::kTakeTimeout.count()) + 20);
    QVERIFY(mailbox.readyForFrame());
}

void TestWorker::trainingThreadCleansUp()
{
    FrameMailbox mailbox;
    {
        // Never started: the worker is still deleted.
        TrainingThread idle(TrainingConfig{}, 0, &mailbox);
        QPointer<TrainingWorker> worker = idle.worker();
        idle.stop();
        QVERIFY(worker.isNull());
        QVERIFY(!idle.trainingThread());
        idle.stop(); // twice is fine
    }
    QPointer<TrainingWorker> worker;
    QPointer<QThread> thread;
    {
        TrainingThread running(TrainingConfig{}, 0, &mailbox);
        worker = running.worker();
        thread = running.trainingThread();
        running.start(true);
        QTRY_VERIFY(mailbox.latest() && mailbox.latest()->snapshot.step > 0);
    } // destroyed while training
    QVERIFY(worker.isNull());
    QVERIFY(thread.isNull());
}

QTEST_MAIN(TestWorker)
void TestWorker::inboxRunsClosuresInOrderOnItsThread()
{
    QThread thread;
    auto *inbox = new ThreadInbox;
    inbox->moveToThread(&thread);
    connect(&thread, &QThread::finished, inbox, &QObject::deleteLater);
    thread.start();

    // Two producers post 2,000 closures; each producer's closures run in its own order, all on
    // the inbox's thread, and a burst costs far fewer wake-ups than closures.
    std::vector<int> seen; // touched only on the inbox's thread
    std::atomic<int> wrongThread{0};
    QThread *target = &thread;
    auto producer = [&](int base) {
        return QThread::create([&, base] {
            for (int i = 0; i < 1000; ++i)
                inbox->post([&, value = base + i] {
                    if (QThread::currentThread() != target)
                        ++wrongThread;
                    seen.push_back(value);
                });
        });
    };
    QThread *a = producer(0);
    QThread *b = producer(100000);
    a->start();
    b->start();
    QVERIFY(a->wait(5000) && b->wait(5000));
    delete a;
    delete b;
    std::vector<int> copy;
    inbox->call([&] { copy = seen; });
    QCOMPARE(copy.size(), std::size_t(2000));
    QCOMPARE(wrongThread.load(), 0);
    std::vector<int> fromA, fromB;
    for (int v : copy)
        (v < 100000 ? fromA : fromB).push_back(v);
    QVERIFY(std::is_sorted(fromA.begin(), fromA.end()) && fromA.size() == 1000);
    QVERIFY(std::is_sorted(fromB.begin(), fromB.end()) && fromB.size() == 1000);

    thread.quit();
    QVERIFY(thread.wait(5000));
}

void TestWorker::inboxCallWaitsAndRethrows()
{
    QThread thread;
    auto *inbox = new ThreadInbox;
    inbox->moveToThread(&thread);
    connect(&thread, &QThread::finished, inbox, &QObject::deleteLater);
    thread.start();

    QThread *ranOn = nullptr;
    inbox->call([&] {
        QThread::msleep(50); // call() must wait for this, not return early
        ranOn = QThread::currentThread();
    });
    QCOMPARE(ranOn, &thread);
    bool thrown = false;
    try {
        inbox->call([] { throw std::runtime_error("refused"); });
    } catch (const std::runtime_error &e) {
        thrown = QByteArray(e.what()) == "refused";
    }
    QVERIFY(thrown);

    // On its own thread, call() runs the closure at once instead of waiting for itself.
    ThreadInbox local;
    bool ran = false;
    local.call([&] { ran = true; });
    QVERIFY(ran);

    thread.quit();
    QVERIFY(thread.wait(5000));
}

#include "test_worker.moc"
