// SPDX-License-Identifier: MIT
// The Distributions dock and the Cost panel in the main window: hidden by default, histograms
// only while the dock is shown, and measuring pauses training.
#include "cost_panel.h"
#include "distribution_dock.h"
#include "distribution_plot.h"
#include "main_window.h"
#include "window_fixture.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace relulab;

class TestDistWindow : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { m_window.reset(); }
    void dockIsHiddenAndFramesCarryNoHistograms();
    void showingTheDockAddsHistogramsHidingRemovesThem();
    void costPanelOpensFromToolsAndPausesTraining();

private:
    std::unique_ptr<MainWindow> m_window;
};

namespace {

/// Wide enough for the Distributions dock beside the plots.
constexpr QSize kWideWindow(1600, 900);

} // namespace

void TestDistWindow::dockIsHiddenAndFramesCarryNoHistograms()
{
    QVERIFY(openWindow(m_window, TrainingConfig(), true, kWideWindow));
    DistributionDock *dock = m_window->distributionDock();
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());
    QVERIFY(!dock->wanted());
    QCOMPARE(dock->toggleViewAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_H));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step > 20; }));
    QVERIFY(!m_window->shownFrame()->distributions);
}

void TestDistWindow::showingTheDockAddsHistogramsHidingRemovesThem()
{
    TrainingConfig config;
    config.depth = 6;
    QVERIFY(openWindow(m_window, config, false, kWideWindow));
    DistributionDock *dock = m_window->distributionDock();
    QVERIFY(!m_window->shownFrame()->distributions);
    dock->toggleViewAction()->trigger();
    QVERIFY(dock->isVisible());
    // Paused: the worker publishes a frame with histograms at once.
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return bool(f.distributions); }));
    QTRY_COMPARE(dock->plot()->ridgeCount(), 6);

    dock->toggleViewAction()->trigger();
    QVERIFY(!dock->isVisible());
    m_window->stepAction()->trigger();
    const FramePtr after =
        waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 1; });
    QVERIFY(after);
    QVERIFY(!after->distributions);
}

void TestDistWindow::costPanelOpensFromToolsAndPausesTraining()
{
    QVERIFY(openWindow(m_window, TrainingConfig(), true, kWideWindow));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.playing; }));
    QVERIFY(!m_window->costPanel());
    m_window->costAction()->trigger();
    CostPanel *panel = m_window->costPanel();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    CostOptions quick;
    quick.elements = 1 << 12;
    quick.repeats = 1;
    quick.chunkSeconds = 1e-4;
    quick.activations = {Activation::Relu, Activation::LeakyRelu};
    panel->setOptions(quick);
    QSignalSpy ended(panel, &CostPanel::measurementEnded);
    panel->measure();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return !f.playing; }));
    // It may have ended while the pause was awaited: the spy holds the signal either way.
    QTRY_VERIFY_WITH_TIMEOUT(ended.size() == 1, 60000);
    QCOMPARE(ended.first().at(0).toBool(), true);
    QVERIFY(panel->report().has_value());
    QCOMPARE(panel->forwardBars()->data()->size(), 2);
}

QTEST_MAIN(TestDistWindow)
#include "test_dist_window.moc"
