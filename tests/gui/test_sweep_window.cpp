// SPDX-License-Identifier: MIT
// The Sweep window offscreen: a tiny sweep fills the colour map with core's own numbers, the
// chart for one key, the theory contours, a click loads the cell's settings, cancel and close
// stop the threads, and Tools → Sweep… in the main window. The convergence metrics: their
// target box, and censored cells marked in the chart, the heat map and the tooltips.
#include "control_panel.h"
#include "main_window.h"
#include "sweep.h"
#include "sweep_job.h"
#include "sweep_plot.h"
#include "sweep_window.h"
#include "window_fixture.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace relulab;

class TestSweepWindow : public QObject
{
    Q_OBJECT

private slots:
    void heatMapHoldsCoreNumbers();
    void oneKeyDrawsMeansWithErrorBars();
    void bornDeadPresetDrawsTheoryContours();
    void clickingACellChoosesItsConfig();
    void badSpecIsRefusedWithOneLine();
    void cancelAndCloseStopQuickly();
    void mainWindowLoadsAClickedCell();
    void targetBoxFollowsTheMetric();
    void censoredCellsAreMarkedInTheChart();
    void censoredCellsAreMarkedInTheHeatMap();

private:
    /// Runs the window's sweep and waits until it ends.
    static bool runAndWait(SweepWindow &w, int timeoutMs = 60000);
    static SweepResult expected(const SweepWindow &w, const std::vector<std::string> &grid);
    static QPoint cellCentre(SweepPlot *plot, double x, double y);
};

bool TestSweepWindow::runAndWait(SweepWindow &w, int timeoutMs)
{
    QSignalSpy finished(&w, &SweepWindow::sweepFinished);
    if (!w.run().isEmpty())
        return false;
    return finished.wait(timeoutMs);
}

SweepResult TestSweepWindow::expected(const SweepWindow &w, const std::vector<std::string> &grid)
{
    SweepSpec spec = w.plot()->spec();
    if (parseGridSpec(grid, spec.base, spec.grid) != "")
        return {};
    return runSweep(spec, 1);
}

QPoint TestSweepWindow::cellCentre(SweepPlot *plot, double x, double y)
{
    return QPointF(plot->xAxis->coordToPixel(x), plot->yAxis->coordToPixel(y)).toPoint();
}

void TestSweepWindow::heatMapHoldsCoreNumbers()
{
    SweepWindow w;
    TrainingConfig base;
    base.dataset = DatasetKind::Abs;
    w.setBaseConfig(base);
    w.setKey(0, "width", "2,3,5");
    w.setKey(1, "depth", "2:10:4");
    w.setMetric(SweepMetric::DeadFraction);
    w.setSeeds(4);
    w.setSteps(0);
    w.show();
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    QVERIFY(plot->isHeatMap());
    QCPColorMapData *data = plot->colorMap()->data();
    QCOMPARE(data->keySize(), 3);
    QCOMPARE(data->valueSize(), 3);
    const SweepResult want = expected(w, {"width=2,3,5", "depth=2:10:4"});
    QCOMPARE(want.cells.size(), std::size_t(9));
    for (std::size_t c = 0; c < 9; ++c) {
        QCOMPARE(data->cell(int(c % 3), int(c / 3)), want.cells[c].mean);
        QCOMPARE(plot->cellMean(c), want.cells[c].mean);
    }
    QCOMPARE(w.progressBar()->value(), 9);
    QCOMPARE(w.progressBar()->maximum(), 9);
    QVERIFY(w.statusLabel()->text().startsWith("Done: 9 cells"));
    QVERIFY(!w.isRunning());
    QCOMPARE(plot->colorScale()->axis()->label(), QStringLiteral("share of units dead"));

    QTemporaryDir tmp;
    const QString path = tmp.filePath("sweep.csv");
    QCOMPARE(w.exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    SweepSpec spec = plot->spec();
    QCOMPARE(file.readAll().toStdString(), sweepCsv(spec, want));
}

void TestSweepWindow::oneKeyDrawsMeansWithErrorBars()
{
    SweepWindow w;
    w.setBaseConfig(TrainingConfig());
    w.setKey(0, "activation", "relu,tanh,leaky_relu");
    w.setKey(1, "", "");
    w.setMetric(SweepMetric::FinalLoss);
    w.setSeeds(3);
    w.setSteps(20);
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    QVERIFY(!plot->isHeatMap());
    QCOMPARE(plot->meanGraph()->dataCount(), 3);
    const SweepResult want = expected(w, {"activation=relu,tanh,leaky_relu"});
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(plot->meanGraph()->data()->at(i)->key, double(i));
        QCOMPARE(plot->meanGraph()->data()->at(i)->value, want.cells[size_t(i)].mean);
    }
    QVERIFY(plot->cellDescription(1).startsWith("activation = tanh: final training loss"));
}

void TestSweepWindow::bornDeadPresetDrawsTheoryContours()
{
    SweepWindow w;
    w.setBaseConfig(TrainingConfig());
    w.useBornDeadPreset();
    QCOMPARE(w.baseConfig().dataset, DatasetKind::Abs);
    w.setSeeds(4); // the picture's shape, not its statistics
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    QCOMPARE(plot->colorMap()->data()->keySize(), 9);
    QCOMPARE(plot->colorMap()->data()->valueSize(), 30);
    QCOMPARE(plot->contours().size(), 3);
    // Theory: 50% dead is reached within depth 30 at widths 2 to 5 only, deeper when wider.
    const QCPCurve *half = plot->contours().at(1);
    QCOMPARE(half->dataCount(), 4);
    for (int i = 1; i < 4; ++i)
        QVERIFY(half->data()->at(i)->value > half->data()->at(i - 1)->value);
    QVERIFY(plot->contours().at(0)->dataCount() > half->dataCount()); // 10% reaches wider
    // Width 2 at depth 30 is dead nearly always, width 10 at depth 1 never.
    QVERIFY(plot->cellMean(0 + 29 * 9) >= 0.75);
    QCOMPARE(plot->cellMean(8), 0.0);
    QVERIFY(plot->cellDescription(0).contains("theory"));
}

void TestSweepWindow::clickingACellChoosesItsConfig()
{
    SweepWindow w;
    TrainingConfig base;
    base.seed = 5;
    w.setBaseConfig(base);
    w.setKey(0, "width", "2,4,8");
    w.setKey(1, "alpha", "0,0.1");
    w.setSeeds(2);
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    plot->replot();
    QSignalSpy chosen(&w, &SweepWindow::configChosen);
    QTest::mouseClick(plot, Qt::LeftButton, {}, cellCentre(plot, 2, 1));
    QCOMPARE(chosen.count(), 1);
    const auto config = chosen.at(0).at(0).value<TrainingConfig>();
    QCOMPARE(config.width, 8);
    QCOMPARE(config.alpha, 0.1);
    QCOMPARE(config.seed, std::uint64_t(5));
    QCOMPARE(plot->cellAt(cellCentre(plot, 0, 0)), 0L);
    QCOMPARE(plot->cellAt(QPointF(1, 1)), -1L); // the margin, outside every cell
}

void TestSweepWindow::badSpecIsRefusedWithOneLine()
{
    SweepWindow w;
    w.setBaseConfig(TrainingConfig());
    w.setKey(0, "depth", "1:300");
    w.setKey(1, "", "");
    const QString error = w.run();
    QCOMPARE(error, QStringLiteral("depth=1:300: 300 is out of range 1..200"));
    QVERIFY(!w.isRunning());
    w.setKey(0, "width", "2:1000");
    w.setKey(1, "depth", "1:200");
    QVERIFY(w.run().contains("cells; at most 10000"));
}

void TestSweepWindow::cancelAndCloseStopQuickly()
{
    SweepWindow w;
    w.setBaseConfig(TrainingConfig());
    w.setKey(0, "width", "4,8,16");
    w.setKey(1, "", "");
    w.setMetric(SweepMetric::FinalLoss);
    w.setSeeds(2);
    w.setSteps(100000);
    QSignalSpy finished(&w, &SweepWindow::sweepFinished);
    QCOMPARE(w.run(), QString());
    QVERIFY(w.isRunning());
    QTest::qWait(100);
    w.cancel();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(w.statusLabel()->text().startsWith("Cancelled after 0 of 3 cells"));

    // Closing mid-sweep cancels and joins: no thread outlives the window.
    QCOMPARE(w.run(), QString());
    QVERIFY(w.isRunning());
    w.show();
    w.close();
    QVERIFY(!w.isRunning());
    QCOMPARE(w.run(), QString()); // and a new sweep can start
    auto window = std::make_unique<SweepWindow>();
    window->setSteps(100000);
    window->setKey(1, "", "");
    QCOMPARE(window->run(), QString());
    window.reset(); // destroyed while running
}

void TestSweepWindow::mainWindowLoadsAClickedCell()
{
    MainWindow main(TrainingConfig(), testWindowOptions(false));
    QVERIFY(main.sweepAction());
    QCOMPARE(main.sweepAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    main.sweepAction()->trigger();
    SweepWindow *w = main.sweepWindow();
    QVERIFY(w && w->isVisible());
    QCOMPARE(w->baseConfig(), main.controlPanel()->config());
    w->setKey(0, "depth", "2,7");
    w->setKey(1, "", "");
    w->setSeeds(2);
    QVERIFY(runAndWait(*w));
    emit w->plot()->cellClicked(1);
    QCOMPARE(main.controlPanel()->config().depth, 7);
}

void TestSweepWindow::targetBoxFollowsTheMetric()
{
    SweepWindow w;
    QDoubleSpinBox *target = w.targetBox();
    QVERIFY(!target->isEnabled()); // network_dead has no target
    QVERIFY(!target->toolTip().isEmpty());
    w.setMetric(SweepMetric::StepsToAccuracy);
    QVERIFY(target->isEnabled());
    QCOMPARE(target->value(), 0.95);
    QCOMPARE(target->maximum(), 1.0);
    w.setMetric(SweepMetric::StepsToLoss);
    QCOMPARE(target->value(), 0.1);
    QVERIFY(target->maximum() > 1);
    w.setMetric(SweepMetric::FinalLoss);
    QVERIFY(!target->isEnabled());

    // Other metrics keep no target: their sweep is the one they always were.
    TrainingConfig base;
    base.depth = 2;
    w.setBaseConfig(base);
    w.setKey(0, "width", "4");
    w.setKey(1, "", "");
    w.setSeeds(1);
    w.setSteps(5);
    QVERIFY(runAndWait(w));
    QVERIFY(std::isnan(w.plot()->spec().target));

    base.dataset = DatasetKind::Sine;
    w.setBaseConfig(base);
    w.setMetric(SweepMetric::StepsToAccuracy);
    QCOMPARE(w.run(), QStringLiteral("steps_to_accuracy needs a classification data set; sine is "
                                     "regression"));
}

void TestSweepWindow::censoredCellsAreMarkedInTheChart()
{
    SweepWindow w;
    TrainingConfig base;
    base.depth = 2;
    w.setBaseConfig(base);
    w.setKey(0, "width", "2,8");
    w.setKey(1, "", "");
    w.setMetric(SweepMetric::StepsToAccuracy);
    w.setTarget(0.85);
    w.setSeeds(3);
    w.setSteps(60);
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    QCOMPARE(plot->spec().target, 0.85);
    const SweepResult want = expected(w, {"width=2,8"});
    // Width 2 misses 85% in 60 steps on two of three seeds; width 8 gets there on all three.
    QCOMPARE(want.cells[0].censoredCount, 2);
    QCOMPARE(want.cells[1].censoredCount, 0);
    QCOMPARE(plot->meanGraph()->dataCount(), 2);
    QCOMPARE(plot->meanGraph()->data()->at(0)->value, want.cells[0].mean);
    QCOMPARE(plot->lowerBoundGraph()->dataCount(), 1); // only over the censored cell's mean
    QCOMPARE(plot->lowerBoundGraph()->data()->at(0)->key, 0.0);
    QCOMPARE(plot->lowerBoundGraph()->data()->at(0)->value, want.cells[0].mean);
    QVERIFY(plot->subtitle().contains("△"));
    QVERIFY(plot->yAxis->label().contains("steps to 85% training accuracy"));
    const QString censored = plot->cellDescription(0);
    QVERIFY2(censored.contains(QStringLiteral("≥ %1").arg(want.cells[0].mean, 0, 'g', 4)),
             qPrintable(censored));
    QVERIFY2(censored.contains("2 of 3 did not reach it within 60 steps"), qPrintable(censored));
    QVERIFY(censored.contains("lower bound"));
    QVERIFY(!plot->cellDescription(1).contains("≥"));
    QVERIFY(!plot->cellDescription(1).contains("lower bound"));

    QTemporaryDir tmp;
    const QString path = tmp.filePath("speed.csv");
    QCOMPARE(w.exportCsv(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().toStdString(), sweepCsv(plot->spec(), want));
}

void TestSweepWindow::censoredCellsAreMarkedInTheHeatMap()
{
    SweepWindow w;
    TrainingConfig base;
    base.depth = 2;
    w.setBaseConfig(base);
    w.setKey(0, "width", "2,8");
    w.setKey(1, "learning_rate", "0.01,0.03");
    w.setMetric(SweepMetric::StepsToAccuracy);
    w.setTarget(0.85);
    w.setSeeds(3);
    w.setSteps(60);
    QVERIFY(runAndWait(w));
    SweepPlot *plot = w.plot();
    QVERIFY(plot->isHeatMap());
    QVERIFY(
        plot->subtitle().startsWith("≥ a lower bound: some seeds missed the target in 60 steps"));
    const SweepResult want = expected(w, {"width=2,8", "learning_rate=0.01,0.03"});
    QCOMPARE(plot->valueLabels().size(), 4);
    int bounds = 0;
    for (std::size_t c = 0; c < 4; ++c) {
        const QString label = plot->valueLabels().at(qsizetype(c))->text();
        QCOMPARE(plot->colorMap()->data()->cell(int(c % 2), int(c / 2)), want.cells[c].mean);
        QCOMPARE(label.startsWith("≥"), want.cells[c].meanIsLowerBound());
        QCOMPARE(label.mid(label.startsWith("≥") ? 1 : 0),
                 QString::number(std::llround(want.cells[c].mean)));
        bounds += want.cells[c].meanIsLowerBound();
    }
    QVERIFY(bounds > 0 && bounds < 4); // both kinds of cell, or the test proves little
}

QTEST_MAIN(TestSweepWindow)
#include "test_sweep_window.moc"
