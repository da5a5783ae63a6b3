// SPDX-License-Identifier: MIT
// The Evidence dock offscreen: an evidence lesson runs its experiment when it opens, the curves
// hold core's own numbers, the verdict shown is the one judgeExperiment computes from them,
// Cancel leaves no verdict, a clicked point trains that setting, and a lesson without an
// experiment cancels the run and hides the dock.
#include "control_panel.h"
#include "evidence_dock.h"
#include "lesson_controller.h"
#include "main_window.h"
#include "sweep_plot.h"
#include "window_fixture.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace relulab;

class TestEvidenceDock : public QObject
{
    Q_OBJECT

private slots:
    void openingAnEvidenceLessonRunsItsExperiment();
    void cancelLeavesNoVerdict();
    void clickingAPointTrainsThatSetting();
    void anOrdinaryLessonHidesTheDock();
};

void TestEvidenceDock::openingAnEvidenceLessonRunsItsExperiment()
{
    MainWindow main(TrainingConfig(), testWindowOptions(false));
    main.resize(kTestWindowSize);
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QVERIFY(main.evidenceDock() == nullptr);
    QCOMPARE(main.lessonController()->load(QStringLiteral("claim-rounding-noise")), QString());
    EvidenceDock *dock = main.evidenceDock();
    QVERIFY(dock);
    QVERIFY(dock->isVisible());
    QVERIFY(dock->isRunning());
    QSignalSpy finished(dock, &EvidenceDock::experimentFinished);
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!dock->isRunning());

    // The same sweeps in-process, on one thread: the dock's results to the last bit.
    const LessonInfo &lesson = main.lessonController()->info();
    const std::vector<SweepSpec> specs = experimentSweeps(*lesson.experiment, lesson.settings);
    QCOMPARE(dock->specs().size(), specs.size());
    QCOMPARE(dock->results().size(), specs.size());
    std::vector<SweepResult> expected;
    for (const SweepSpec &spec : specs)
        expected.push_back(runSweep(spec, 1));
    for (std::size_t i = 0; i < specs.size(); ++i) {
        for (std::size_t c = 0; c < expected[i].cells.size(); ++c)
            QVERIFY(dock->results()[i].cells[c].values == expected[i].cells[c].values);
        // Each curve point is its cell's mean, and the band its standard error.
        SweepPlot *plot = dock->plot(int(i));
        QVERIFY(plot->isSeries());
        QCOMPARE(plot->seriesGraphs().size(), 2); // float32, bfloat16
        for (std::size_t c = 0; c < expected[i].cells.size(); ++c) {
            const SweepCell &cell = expected[i].cells[c];
            const std::vector<std::size_t> at = specs[i].grid.cellCoordinates(c);
            QCPGraph *graph = plot->seriesGraphs().at(qsizetype(at[0]));
            const auto point = graph->data()->findBegin(double(at[1]), false);
            QVERIFY(point != graph->data()->constEnd());
            QCOMPARE(point->key, double(at[1]));
            QVERIFY(std::abs(point->value - cell.mean) <= 1e-12 * std::abs(cell.mean));
        }
    }
    // The verdict shown is computed from these numbers, for both settings.
    for (int s = 0; s < 2; ++s) {
        const Verdict v = judgeExperiment(*lesson.experiment, specs, expected, s);
        QCOMPARE(v.outcome, VerdictOutcome::Holds);
        QCOMPARE(dock->verdict(s).text, v.text);
        const QString shown = dock->verdictLabel(s)->accessibleName();
        QVERIFY2(shown.startsWith("The claim holds here. "), qPrintable(shown));
        QVERIFY2(shown.endsWith(QString::fromStdString(v.text)), qPrintable(shown));
    }
    QVERIFY(dock->claimLabel()->text().contains("chaotic noise arising from digital rounding"));
    QCOMPARE(dock->command(), QStringLiteral("relulab-cli evidence --preset claim-rounding-noise"));
    QVERIFY(dock->statusLabel()->text().startsWith("4 sweeps in"));
    // Tools → Evidence (Ctrl+Shift+V) is there for an evidence lesson, and only for one.
    QAction *evidence = nullptr;
    for (QAction *action : main.findChildren<QAction *>())
        if (action->text() == QStringLiteral("&Evidence"))
            evidence = action;
    QVERIFY(evidence);
    QCOMPARE(evidence->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    QVERIFY(evidence->isEnabled());
    QCOMPARE(main.lessonController()->load(QStringLiteral("dying-relu")), QString());
    QVERIFY(!evidence->isEnabled());
}

void TestEvidenceDock::cancelLeavesNoVerdict()
{
    MainWindow main(TrainingConfig(), testWindowOptions(false));
    QCOMPARE(main.lessonController()->load(QStringLiteral("claim-prelu-depth")), QString());
    EvidenceDock *dock = main.evidenceDock();
    QVERIFY(dock && dock->isRunning());
    QSignalSpy finished(dock, &EvidenceDock::experimentFinished);
    QVERIFY(dock->cancelButton()->isEnabled());
    QTest::mouseClick(dock->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(dock->verdict(0).outcome, VerdictOutcome::Unclear);
    QVERIFY(dock->verdictLabel(0)->text().contains("cancelled"));
    QVERIFY(dock->verdictLabel(1)->text().contains("cancelled"));
    QVERIFY(dock->statusLabel()->text().startsWith("Cancelled after"));
    QVERIFY(dock->runButton()->isEnabled());
    QVERIFY(!dock->cancelButton()->isEnabled());
}

void TestEvidenceDock::clickingAPointTrainsThatSetting()
{
    MainWindow main(TrainingConfig(), testWindowOptions(false));
    main.resize(kTestWindowSize);
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QCOMPARE(main.lessonController()->load(QStringLiteral("claim-rounding-noise")), QString());
    EvidenceDock *dock = main.evidenceDock();
    QSignalSpy finished(dock, &EvidenceDock::experimentFinished);
    QVERIFY(finished.wait(120000));
    SweepPlot *plot = dock->plot(0);
    plot->replot();
    // bfloat16's point at learning rate 0.001: grid cell (1, 1).
    const SweepSpec &spec = dock->specs()[0];
    const std::size_t cell = 1 + 2 * 1;
    const double mean = dock->results()[0].cells[cell].mean;
    const QPoint at(int(plot->xAxis->coordToPixel(1)), int(plot->yAxis->coordToPixel(mean)));
    QSignalSpy chosen(dock, &EvidenceDock::configChosen);
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    QCOMPARE(chosen.size(), 1);
    const TrainingConfig config = chosen.first().first().value<TrainingConfig>();
    QVERIFY(config == spec.grid.cellConfig(spec.base, cell));
    QCOMPARE(config.precision, Precision::BFloat16);
    QCOMPARE(config.learningRate, 0.001);
    QTRY_VERIFY(main.controlPanel()->config() == config);
}

void TestEvidenceDock::anOrdinaryLessonHidesTheDock()
{
    MainWindow main(TrainingConfig(), testWindowOptions(false));
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QCOMPARE(main.lessonController()->load(QStringLiteral("claim-prelu-depth")), QString());
    EvidenceDock *dock = main.evidenceDock();
    QVERIFY(dock->isVisible() && dock->isRunning());
    QCOMPARE(main.lessonController()->load(QStringLiteral("dying-relu")), QString());
    QVERIFY(!dock->isRunning()); // cancelled and waited for
    QVERIFY(!dock->isVisible());
    QVERIFY(!dock->hasExperiment());
    // And back: the experiment runs again from the start.
    QCOMPARE(main.lessonController()->load(QStringLiteral("claim-rounding-noise")), QString());
    QVERIFY(dock->isVisible() && dock->isRunning());
    QVERIFY(dock->results().empty());
}

QTEST_MAIN(TestEvidenceDock)
#include "test_evidence_dock.moc"
