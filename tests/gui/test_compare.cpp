// SPDX-License-Identifier: MIT
// A/B compare mode: the worker trains run B beside A from the same weights, every plot draws
// B only in compare mode, the status bar names both, and closing mid-training ends the thread.
#include "activation_plot.h"
#include "compare_controller.h"
#include "compare_dialog.h"
#include "compare_settings.h"
#include "config_json.h"
#include "config_overrides.h"
#include "dead_neuron_plot.h"
#include "derivative_plot.h"
#include "frame_mailbox.h"
#include "gradient_plot.h"
#include "lesson_info.h"
#include "loss_plot.h"
#include "main_window.h"
#include "output_plot.h"
#include "training_status_bar.h"
#include "training_worker.h"
#include "window_fixture.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace relulab;

class TestCompare : public QObject
{
    Q_OBJECT

private slots:
    void compareConfigAppliesOverrides();
    void labelsNameTheDifference();
    void dialogReturnsOnlyDifferences();
    void dialogRefusesBadValue();
    void framesCarryBothRunsWhilePlaying();
    void runsStartFromIdenticalWeights();
    void dyingReluKillsAButNotLeakyB();
    void plotsDrawBOnlyInCompareMode();
    void closingDuringCompareTrainingEndsThread();
};

void TestCompare::compareConfigAppliesOverrides()
{
    TrainingConfig a;
    a.learningRate = 0.05;
    TrainingConfig b;
    QVERIFY(comparedConfig(a, CompareSettings::defaultOverrides(), b).empty());
    QCOMPARE(b.activation, Activation::LeakyRelu);
    QCOMPARE(b.alpha, 0.01);
    QCOMPARE(b.learningRate, 0.05); // everything else follows A

    const TrainingConfig before = b;
    ConfigOverrides bad;
    QVERIFY(!bad.set("depth", "abc").empty()); // a bad value never gets into the overrides
    // Each value is valid alone; together they break a cross-key rule (Leaky's alpha ≤ 1).
    QVERIFY(bad.set("activation", "leaky_relu").empty());
    QVERIFY(bad.set("alpha", "2").empty());
    const QString error = QString::fromStdString(comparedConfig(a, bad, b));
    QVERIFY2(error.startsWith(QStringLiteral("run B: ")), qPrintable(error));
    QVERIFY(b == before);
}

void TestCompare::labelsNameTheDifference()
{
    TrainingConfig a;
    TrainingConfig b;
    QVERIFY(comparedConfig(a, CompareSettings::defaultOverrides(), b).empty());
    QCOMPARE(runLabel(QLatin1Char('A'), a, b), QStringLiteral("A: ReLU"));
    QCOMPARE(runLabel(QLatin1Char('B'), b, a), QStringLiteral("B: Leaky ReLU α=0.01"));
    TrainingConfig c = a;
    c.init = Init::XavierNormal;
    QCOMPARE(runLabel(QLatin1Char('B'), c, a), QStringLiteral("B: ReLU, init xavier normal"));
}

void TestCompare::dialogReturnsOnlyDifferences()
{
    TrainingConfig a;
    CompareDialog dialog(a, CompareSettings::defaultOverrides());
    dialog.setFieldText(QStringLiteral("alpha"), QStringLiteral("0.2"));
    dialog.setFieldText(QStringLiteral("learning_rate"), QStringLiteral("0.003"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ConfigOverrides o = dialog.overrides();
    const std::vector<ConfigOverrides::Entry> expected{
        {"activation", "leaky_relu"}, {"alpha", "0.2"}, {"learning_rate", "0.003"}};
    QVERIFY(o.entries() == expected);
}

void TestCompare::dialogRefusesBadValue()
{
    TrainingConfig a;
    const ConfigOverrides start = CompareSettings::defaultOverrides();
    CompareDialog dialog(a, start);
    dialog.setFieldText(QStringLiteral("alpha"), QStringLiteral("abc"));
    dialog.accept();
    QVERIFY(dialog.result() != int(QDialog::Accepted));
    QCOMPARE(dialog.overrides(), start);
    auto *alpha = dialog.findChild<QLineEdit *>(QStringLiteral("alpha"));
    QVERIFY(alpha);
    QCOMPARE(alpha->text(), QStringLiteral("abc"));
}

void TestCompare::framesCarryBothRunsWhilePlaying()
{
    FrameMailbox mailbox;
    TrainingWorker worker(TrainingConfig{}, &mailbox);
    worker.start();
    QVERIFY(!mailbox.latest()->compare);
    worker.setCompare(CompareSettings{true, CompareSettings::defaultOverrides()});
    FramePtr first = mailbox.latest();
    QVERIFY(first->compare);
    QCOMPARE(first->snapshot.step, 0);
    QCOMPARE(first->compare->snapshot.step, 0);
    worker.play();
    FramePtr later = waitForFrame(
        [&mailbox] { return mailbox.latest(); },
        [](const TrainingFrame &f) { return f.compare && f.snapshot.step >= 200; }, 20000);
    QVERIFY(later);
    // One chunk of A, then the same steps of B: they stay in step.
    QCOMPARE(later->compare->snapshot.step, later->snapshot.step);
    QCOMPARE(later->compare->config.activation, Activation::LeakyRelu);
    QCOMPARE(later->config.activation, Activation::Relu);
    QVERIFY(later->compare->history.size() >= 2);
    worker.setCompare(CompareSettings{false, CompareSettings::defaultOverrides()});
    QVERIFY(!mailbox.latest()->compare);
    worker.stop();
}

void TestCompare::runsStartFromIdenticalWeights()
{
    FrameMailbox mailbox;
    TrainingConfig config;
    config.seed = 7;
    TrainingWorker worker(config, &mailbox);
    worker.start();
    worker.setCompare(CompareSettings{true, CompareSettings::defaultOverrides()});
    const FramePtr f = mailbox.latest();
    QVERIFY(f && f->compare);
    const auto &a = f->snapshot.layers;
    const auto &b = f->compare->snapshot.layers;
    QCOMPARE(a.size(), b.size());
    QVERIFY(!a.empty());
    // The first layer's z = W x + b does not depend on the activation: equal weights, equal z.
    QCOMPARE(a.front().preactMean, b.front().preactMean);
    QCOMPARE(a.front().preactStd, b.front().preactStd);
    QVERIFY(a.front().preactStd > 0);
    // Without the copy B's He gain, sqrt(2 / (1 + 0.01²)), would make even these differ.
    worker.stop();
}

void TestCompare::dyingReluKillsAButNotLeakyB()
{
    TrainingConfig config;
    QVERIFY(loadPreset(QStringLiteral("dying-relu"), config).isEmpty());
    LessonInfo lesson;
    QCOMPARE(lessonInfo(QStringLiteral("dying-relu"), lesson), QString());
    const ConfigOverrides lessonCompare = lesson.compare;
    QVERIFY(!lessonCompare.empty());
    FrameMailbox mailbox;
    TrainingWorker worker(config, &mailbox);
    worker.start();
    worker.setCompare(CompareSettings{true, lessonCompare});
    worker.play();
    // A may die completely and stop by itself: B trains on, so wait for B's step.
    const FramePtr f = waitForFrame(
        [&mailbox] { return mailbox.latest(); },
        [](const TrainingFrame &t) { return t.compare && t.compare->snapshot.step >= 500; }, 60000);
    QVERIFY(f);
    const double deadA = f->snapshot.deadShare();
    const double deadB = f->compare->snapshot.deadShare();
    qInfo("dying-relu after %lld steps: A (relu) %.0f%% dead, B (leaky_relu) %.0f%% dead",
          static_cast<long long>(f->compare->snapshot.step), 100 * deadA, 100 * deadB);
    QVERIFY2(deadA >= 0.30, qPrintable(QString::number(deadA)));
    QCOMPARE(deadB, 0.0);
    worker.stop();
}

void TestCompare::plotsDrawBOnlyInCompareMode()
{
    MainWindow w(TrainingConfig{}, testWindowOptions(false));
    QVERIFY(showWindow(w));

    auto *activation = qobject_cast<ActivationPlot *>(w.plot(QStringLiteral("activation")));
    auto *derivative = qobject_cast<DerivativePlot *>(w.plot(QStringLiteral("derivative")));
    auto *gradient = qobject_cast<GradientPlot *>(w.plot(QStringLiteral("gradients")));
    auto *dead = qobject_cast<DeadNeuronPlot *>(w.plot(QStringLiteral("dead")));
    auto *loss = qobject_cast<LossPlot *>(w.plot(QStringLiteral("loss")));
    auto *output = qobject_cast<OutputPlot *>(w.plot(QStringLiteral("output")));
    QVERIFY(activation && derivative && gradient && dead && loss && output);
    const QList<QCPGraph *> bSeries = {
        activation->compareCurve(),        derivative->compareCurve(),
        gradient->compareWeightGradient(), dead->compareDeadPerLayer(),
        dead->compareDeadOverSteps(),      loss->compareTrainLoss(),
        output->compareBoundary()};
    const auto allHidden = [&] {
        for (QCPGraph *g : bSeries)
            if (g->visible() || !g->data()->isEmpty())
                return false;
        return true;
    };
    QVERIFY(allHidden());
    QVERIFY(w.trainingStatus()->compareText().isEmpty());

    QAction *toggle = w.compareController()->toggleAction();
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_B));
    toggle->trigger();
    QVERIFY(w.compareController()->settings().enabled);
    QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bool(f.compare); }));
    w.stepAction()->trigger();
    QVERIFY(waitForShown(
        w, [](const TrainingFrame &f) { return f.compare && f.compare->snapshot.step == 1; }));
    for (QCPGraph *g : bSeries) {
        QVERIFY2(g->visible(), qPrintable(g->name()));
        QVERIFY2(!g->data()->isEmpty(), qPrintable(g->name()));
    }
    QCOMPARE(activation->curve()->name(), QStringLiteral("A: ReLU"));
    QCOMPARE(activation->compareCurve()->name(), QStringLiteral("B: Leaky ReLU α=0.01"));
    QVERIFY(loss->legend->hasItemWithPlottable(loss->compareTrainLoss()));
    const QString status = w.trainingStatus()->compareText();
    QVERIFY2(status.contains(QStringLiteral("A: ReLU: loss ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("B: Leaky ReLU α=0.01: loss ")), qPrintable(status));

    toggle->trigger();
    QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return !f.compare; }));
    QVERIFY(allHidden());
    QVERIFY(!loss->legend->hasItemWithPlottable(loss->compareTrainLoss()));
    QCOMPARE(activation->curve()->name(), QStringLiteral("ReLU"));
    QVERIFY(w.trainingStatus()->compareText().isEmpty());
}

void TestCompare::closingDuringCompareTrainingEndsThread()
{
    auto w = std::make_unique<MainWindow>(TrainingConfig{}, testWindowOptions(true));
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    w->compareController()->setEnabled(true);
    QVERIFY(waitForShown(*w, [](const TrainingFrame &f) {
        return f.compare && f.playing && f.compare->snapshot.step > 50;
    }));
    QPointer<QThread> thread = w->workerThread();
    QVERIFY(thread && thread->isRunning());
    QElapsedTimer clock;
    clock.start();
    w->close();
    QVERIFY(!thread || thread->isFinished());
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    w.reset();
    QVERIFY(!thread);
}

QTEST_MAIN(TestCompare)
#include "test_compare.moc"
