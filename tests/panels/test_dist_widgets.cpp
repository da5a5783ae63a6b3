// SPDX-License-Identifier: MIT
// Distributions in frames and the ridge plot; the Cost panel measuring offscreen.
#include "cost_panel.h"
#include "distribution_plot.h"
#include "frame_recorder.h"
#include "trainer.h"
#include "training_frame.h"

#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>


using namespace relulab;

class TestDistWidgets : public QObject
{
    Q_OBJECT

private slots:
    void framesCarryHistogramsOnlyWhenAsked();
    void histogramsMatchTheTrainersNetwork();
    void ridgePlotHasOneRidgePerLayer();
    void ridgesSplitAtZeroAndLabelTheExactShare();
    void switchShowsWeights();
    void deadLayerIsLabelled();
    void costPanelRunsToCompletion();
    void costPanelCancelAndCloseAreSafe();

private:
    static FramePtr recordedFrame(const TrainingConfig &config, bool distributions);
};

FramePtr TestDistWidgets::recordedFrame(const TrainingConfig &config, bool distributions)
{
    Trainer trainer(config);
    trainer.train(5);
    FrameRecorder recorder;
    recorder.setDistributions(distributions);
    return recorder.record(trainer, 0, false);
}

void TestDistWidgets::framesCarryHistogramsOnlyWhenAsked()
{
    TrainingConfig config;
    Trainer trainer(config);
    FrameRecorder recorder;
    QVERIFY(!recorder.distributions());
    QVERIFY(!recorder.record(trainer, 0, false)->distributions);
    recorder.setDistributions(true);
    trainer.train(1);
    FramePtr frame = recorder.record(trainer, 0, false);
    QVERIFY(frame->distributions);
    QCOMPARE(int(frame->distributions->preactivations.size()), config.depth);
    QCOMPARE(int(frame->distributions->weights.size()), config.depth);
    recorder.setDistributions(false);
    trainer.train(1);
    QVERIFY(!recorder.record(trainer, 0, false)->distributions);
}

void TestDistWidgets::histogramsMatchTheTrainersNetwork()
{
    TrainingConfig config;
    config.depth = 3;
    config.width = 8;
    Trainer trainer(config);
    trainer.train(20);
    FrameRecorder recorder;
    recorder.setDistributions(true);
    const FramePtr frame = recorder.record(trainer, 0, false);
    // The same forward pass done here: every z of every unit for every training input.
    Workspace<float> ws;
    const Eigen::MatrixXf X = trainer.dataset().trainX.cast<float>();
    trainer.network().forward(X, ws);
    for (int l = 0; l < config.depth; ++l) {
        const Histogram &h = frame->distributions->preactivations[size_t(l)];
        const Eigen::MatrixXf &z = ws.Z[size_t(l)];
        QCOMPARE(h.total, std::int64_t(z.size()));
        QCOMPARE(h.nonPositive, std::int64_t((z.array() <= 0).count()));
        QCOMPARE(int(h.counts.size()), kHistogramBins);
    }
}

void TestDistWidgets::ridgePlotHasOneRidgePerLayer()
{
    DistributionPlot plot;
    plot.resize(500, 600);
    QCOMPARE(plot.ridgeCount(), 0);
    QVERIFY(plot.placeholder()->visible());

    TrainingConfig config;
    plot.setFrame(*recordedFrame(config, true));
    QCOMPARE(plot.ridgeCount(), 4);
    QVERIFY(!plot.placeholder()->visible());
    config.depth = 7;
    plot.setFrame(*recordedFrame(config, true));
    QCOMPARE(plot.ridgeCount(), 7);
    // Each ridge sits on its own baseline: layer i's curve never dips below i - 1.
    for (int i = 0; i < 7; ++i) {
        for (const QCPGraphData &p : *plot.positiveRidge(i)->data())
            QVERIFY(p.value >= i);
    }
    // Thirty layers: every ridge drawn, but only every third labelled, as on the axis.
    config.depth = 30;
    plot.setFrame(*recordedFrame(config, true));
    QCOMPARE(plot.ridgeCount(), 30);
    int labelled = 0;
    for (int i = 0; i < 30; ++i)
        labelled += plot.shareLabel(i)->visible() ? 1 : 0;
    QVERIFY(plot.shareLabel(0)->visible());
    QCOMPARE(labelled, 10);
    config.depth = 2;
    plot.setFrame(*recordedFrame(config, true));
    QCOMPARE(plot.ridgeCount(), 2);
    QCOMPARE(plot.graphCount(), 2 * 4); // no leftovers from the 7-layer network
    // A frame without histograms (the dock was just opened) keeps the last ridges.
    plot.setFrame(*recordedFrame(config, false));
    QCOMPARE(plot.ridgeCount(), 2);
}

void TestDistWidgets::ridgesSplitAtZeroAndLabelTheExactShare()
{
    DistributionPlot plot;
    const FramePtr frame = recordedFrame(TrainingConfig(), true);
    plot.setFrame(*frame);
    QVERIFY(plot.zeroLine());
    QCOMPARE(plot.zeroLine()->point1->key(), 0.0);
    QCOMPARE(plot.zeroLine()->point2->key(), 0.0);
    for (int i = 0; i < plot.ridgeCount(); ++i) {
        QVERIFY(!plot.negativeRidge(i)->data()->isEmpty());
        QVERIFY(!plot.positiveRidge(i)->data()->isEmpty());
        for (const QCPGraphData &p : *plot.negativeRidge(i)->data())
            QVERIFY(p.key <= 0);
        for (const QCPGraphData &p : *plot.positiveRidge(i)->data())
            QVERIFY(p.key >= 0);
        const Histogram &h = frame->distributions->preactivations[size_t(i)];
        const QString share = QString::number(std::round(100 * h.nonPositiveShare())) + '%';
        QVERIFY2(plot.shareLabel(i)->text().contains(share),
                 qPrintable(plot.shareLabel(i)->text()));
        QVERIFY(plot.shareLabel(i)->text().contains(QStringLiteral("z ≤ 0")));
    }
    QCOMPARE(plot.xAxis->range().lower, frame->distributions->preactivations[0].lo);
}

void TestDistWidgets::switchShowsWeights()
{
    DistributionPlot plot;
    const FramePtr frame = recordedFrame(TrainingConfig(), true);
    plot.setFrame(*frame);
    plot.setQuantity(DistributionPlot::Quantity::Weights);
    QCOMPARE(plot.ridgeCount(), 4);
    QCOMPARE(plot.xAxis->range().lower, frame->distributions->weights[0].lo);
    QVERIFY(!plot.shareLabel(0)->text().contains(QStringLiteral("z ≤")));
    QVERIFY(plot.xAxis->label().contains(QStringLiteral("weight")));
    plot.setQuantity(DistributionPlot::Quantity::Preactivations);
    QCOMPARE(plot.xAxis->range().lower, frame->distributions->preactivations[0].lo);
}

void TestDistWidgets::deadLayerIsLabelled()
{
    DistributionPlot plot;
    auto frame = std::make_shared<TrainingFrame>(*recordedFrame(TrainingConfig(), true));
    frame->snapshot.layers[1].deadFraction = 1.0;
    frame->snapshot.layers[2].deadFraction = 0.5;
    plot.setFrame(*frame);
    QVERIFY(plot.shareLabel(1)->text().startsWith(QStringLiteral("dead")));
    QVERIFY(!plot.shareLabel(2)->text().startsWith(QStringLiteral("dead")));
}

void TestDistWidgets::costPanelRunsToCompletion()
{
    CostPanel panel;
    CostOptions quick;
    quick.elements = 1 << 14;
    quick.repeats = 3;
    quick.chunkSeconds = 2e-4;
    panel.setOptions(quick);
    panel.setConfig(TrainingConfig());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy started(&panel, &CostPanel::measurementStarted);
    QSignalSpy ended(&panel, &CostPanel::measurementEnded);
    panel.measure();
    QCOMPARE(started.size(), 1);
    QVERIFY(panel.isRunning());
    panel.measure(); // ignored while running
    QCOMPARE(started.size(), 1);
    // The GUI thread stays free: events keep being processed while the runner works.
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.takeFirst().at(0).toBool(), true);
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.report().has_value());
    const int n = int(allActivations().size());
    QCOMPARE(panel.forwardBars()->data()->size(), n);
    QCOMPARE(panel.backwardBars()->data()->size(), n);
    QCOMPARE(panel.activationShareBars()->data()->size(), n);
    QCOMPARE(panel.matmulShareBars()->data()->size(), n);
    for (int i = 0; i < n; ++i) {
        const double sum = panel.activationShareBars()->data()->at(i)->value +
                           panel.matmulShareBars()->data()->at(i)->value +
                           panel.otherShareBars()->data()->at(i)->value;
        QVERIFY(qAbs(sum - 100.0) < 1e-9);
        QVERIFY(panel.forwardBars()->data()->at(i)->value > 0);
    }
    QVERIFY(panel.answer().startsWith(QStringLiteral("In this 4 x 16 network, Leaky ReLU costs")));
    QVERIFY(panel.status()->text().startsWith(QStringLiteral("Measured in")));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cost.png"));
    QCOMPARE(panel.exportPng(path), QString());
    QVERIFY(!QImage(path).isNull());
    QVERIFY(!panel.exportPng(dir.filePath(QStringLiteral("no/such/dir/cost.png"))).isEmpty());
}

void TestDistWidgets::costPanelCancelAndCloseAreSafe()
{
    QPointer<QThread> thread;
    {
        CostPanel panel;
        panel.setConfig(TrainingConfig());
        QSignalSpy ended(&panel, &CostPanel::measurementEnded);
        panel.measure();
        panel.cancel();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.takeFirst().at(0).toBool(), false);
        QVERIFY(!panel.report().has_value());
        QVERIFY(!panel.isRunning());
        // Closing while measuring, then destroying: the thread stops and is joined.
        thread = panel.findChild<QThread *>();
        QVERIFY(thread);
        panel.measure();
        QTest::qWait(50);
        panel.close();
        // Closing cancels; the measurement has not yet answered, so the destructor meets it
        // running.
        QCOMPARE(panel.status()->text(), QStringLiteral("Cancelled: nothing was measured."));
        QVERIFY(panel.isRunning());
    }
    // The destructor ended the thread's event loop, waited for it and deleted it: Qt aborts
    // the program when a QThread that still runs is destroyed. (No flag set from the thread's
    // finished(): Qt would free that slot object unseen by ThreadSanitizer.)
    QVERIFY(thread.isNull());
}

QTEST_MAIN(TestDistWidgets)
#include "test_dist_widgets.moc"
