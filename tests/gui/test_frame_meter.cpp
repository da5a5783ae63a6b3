// SPDX-License-Identifier: MIT
// How frames reach the screen: the plot grid says a frame is painted only when every visible
// plot has painted it, FrameMeter turns that into the numbers of `relulab --measure`, and the
// real binary keeps the measuring contract (one line of JSON, exit 0; bad options exit 2).
#include "config_json.h"
#include "frame_mailbox.h"
#include "frame_meter.h"
#include "main_window.h"
#include "plot_base.h"
#include "plot_grid.h"
#include "window_fixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace relulab;

class TestFrameMeter : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_window.reset(); }
    void gridWaitsForEveryVisiblePlot();
    void paintBeforeReplotDoesNotCount();
    void percentileIsNearestRank();
    void meterMeasuresAPlayingWindow();
    void meterStopsWhenTheNetworkIsBornDead();
    void binaryKeepsTheMeasuringContract();
    void binaryRejectsBadSpeedWithOneLine();

private:
    std::unique_ptr<MainWindow> m_window;
};

void TestFrameMeter::gridWaitsForEveryVisiblePlot()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
    PlotGrid *grid = m_window->plotGrid();
    const FramePtr frame = m_window->shownFrame();
    QSignalSpy painted(grid, &PlotGrid::frameRepainted);
    QTest::qWait(100); // the first frame's paint is over
    painted.clear();

    grid->showFrame(frame, frame->config);
    QCOMPARE(painted.count(), 0); // the replots are only queued
    QTRY_COMPARE(painted.count(), 1);
    QTest::qWait(50);
    QCOMPARE(painted.count(), 1); // once per frame, not once per plot

    // A hidden plot is never painted, so it is not waited for.
    grid->plots().back()->hide();
    grid->showFrame(frame, frame->config);
    QTRY_COMPARE(painted.count(), 2);
}

void TestFrameMeter::paintBeforeReplotDoesNotCount()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
    PlotGrid *grid = m_window->plotGrid();
    const FramePtr frame = m_window->shownFrame();
    QTest::qWait(100);
    QSignalSpy painted(grid, &PlotGrid::frameRepainted);
    grid->showFrame(frame, frame->config);
    // Painted now, before their queued replots ran: these show the previous frame.
    for (PlotBase *plot : grid->plots())
        plot->repaint();
    QCOMPARE(painted.count(), 0);
    QTRY_COMPARE(painted.count(), 1);
}

void TestFrameMeter::percentileIsNearestRank()
{
    std::vector<double> values;
    for (int i = 100; i >= 1; --i)
        values.push_back(i);
    QCOMPARE(FrameMeter::percentile(values, 0.95), 95.0);
    QCOMPARE(FrameMeter::percentile(values, 0.5), 50.0);
    QCOMPARE(FrameMeter::percentile({3.0, 1.0, 2.0}, 0.95), 3.0);
    QCOMPARE(FrameMeter::percentile({7.0}, 0.95), 7.0);
    QCOMPARE(FrameMeter::percentile({}, 0.95), 0.0);
}

void TestFrameMeter::meterMeasuresAPlayingWindow()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, true));
    FrameMeter meter(m_window.get(), 0.6);
    // The step of the last frame painted when the meter finished, seen independently (the
    // window may already hold a newer frame that is not painted yet).
    std::int64_t lastPainted = -1, paintedAtFinish = -2;
    connect(m_window->plotGrid(), &PlotGrid::frameRepainted, this,
            [&] { lastPainted = std::int64_t(m_window->shownFrame()->snapshot.step); });
    connect(&meter, &FrameMeter::finished, this, [&] { paintedAtFinish = lastPainted; });
    QSignalSpy finished(&meter, &FrameMeter::finished);
    QVERIFY(finished.wait(15000));
    const auto result = finished.front().front().value<FrameMeasurement>();
    QVERIFY(result.stopped.isEmpty());
    QVERIFY2(result.seconds >= 0.6 && result.seconds < 2, qPrintable(result.toJson()));
    QVERIFY2(result.fps > 0, qPrintable(result.toJson()));
    QVERIFY(result.stepsPerSecond > 0);
    QCOMPARE(result.step, paintedAtFinish);
    // Every number is derived from the same counts: steps/s times the time measured cannot
    // exceed the steps trained.
    QVERIFY(result.stepsPerSecond * result.seconds <= double(result.step) + 1e-9);
    QVERIFY(result.stallMaxMs > 0);

    const QJsonObject json = QJsonDocument::fromJson(result.toJson().toUtf8()).object();
    for (const char *key :
         {"fps", "frame_p95_ms", "stall_max_ms", "steps_per_second", "step", "seconds", "stopped"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QLatin1String("step")).toInteger(), result.step);
    QVERIFY(std::abs(json.value(QLatin1String("fps")).toDouble() - result.fps) <= 0.05);
}

void TestFrameMeter::meterStopsWhenTheNetworkIsBornDead()
{
    // Width 1 × depth 12 with a strongly negative bias: dead before the first step.
    TrainingConfig config;
    QCOMPARE(resolveConfig({}, {}, {"width=1", "depth=12", "bias_init=-1"}, config), QString());
    QVERIFY(openWindow(m_window, config, true));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->shownFrame()->snapshot.networkDead, 10000);
    FrameMeter meter(m_window.get(), 30);
    QSignalSpy finished(&meter, &FrameMeter::finished);
    // The next painted frame ends it: there is nothing to animate.
    m_window->plotGrid()->showFrame(m_window->shownFrame(), config);
    QVERIFY(finished.wait(5000));
    const auto result = finished.front().front().value<FrameMeasurement>();
    QCOMPARE(result.stopped, QStringLiteral("network dead"));
    QCOMPARE(result.fps, 0.0);
}

void TestFrameMeter::binaryKeepsTheMeasuringContract()
{
    QTemporaryDir home;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RELULAB_GUI_PATH),
                  {"--preset", "default", "--speed", "max", "--measure", "1"});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    QCOMPARE(out.count('\n'), 1);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY2(json.value(QLatin1String("fps")).toDouble() > 0, out.constData());
    QVERIFY(json.value(QLatin1String("steps_per_second")).toDouble() > 0);
    QVERIFY(json.value(QLatin1String("step")).toInteger() > 0);
    QVERIFY(json.value(QLatin1String("stall_max_ms")).toDouble() > 0);
    QVERIFY(json.contains(QLatin1String("frame_p95_ms")));
    // A measurement leaves the user's settings alone.
    QVERIFY(QDir(home.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestFrameMeter::binaryRejectsBadSpeedWithOneLine()
{
    for (const QStringList &args :
         {QStringList{"--speed", "fast"}, QStringList{"--speed", "0", "--measure", "1"},
          QStringList{"--measure", "-1"}}) {
        QProcess process;
        process.start(QStringLiteral(RELULAB_GUI_PATH), args);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardOutput().isEmpty());
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.startsWith("relulab: --"), err.constData());
    }
}

QTEST_MAIN(TestFrameMeter)
#include "test_frame_meter.moc"
