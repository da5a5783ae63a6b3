// SPDX-License-Identifier: MIT
// The theory overlay on the gradient plot (offscreen): the dashed prediction appears and goes
// with the toggle, has one point per layer anchored at the measured last layer, is computed once
// per config, says when it no longer applies; and the window's View → Theory overlay drives it.
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "main_window.h"
#include "theory.h"
#include "trainer.h"
#include "training_frame.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace relulab;

namespace {

FramePtr frameOf(const TrainingConfig &config, int steps = 0)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    FramePtr frame = recorder.record(trainer, 0, false);
    if (steps > 0) {
        trainer.train(steps);
        frame = recorder.record(trainer, 0, false);
    }
    return frame;
}

TrainingConfig wideConfig(Init init = Init::HeNormal)
{
    TrainingConfig c;
    c.depth = 6;
    c.width = 64;
    c.init = init;
    return c;
}

bool inLegend(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i));
        if (item && item->plottable()->name() == name)
            return true;
    }
    return false;
}

bool legendMentions(QCustomPlot *plot, const QString &text)
{
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i));
        // A long line is wrapped to the plot's width: read it as one line again.
        if (item &&
            item->plottable()->name().replace(QLatin1Char('\n'), QLatin1Char(' ')).contains(text))
            return true;
    }
    return false;
}

} // namespace

class TestTheoryOverlay : public QObject
{
    Q_OBJECT

private slots:
    void appearsAndDisappearsWithTheToggle();
    void followsThePredictedSlopeFromTheLastLayer();
    void computedOncePerConfig();
    void saysWhenItNoLongerApplies();
    void noteFitsANarrowPlot();
    void windowActionDrivesTheOverlayAndIsRemembered();
};

void TestTheoryOverlay::appearsAndDisappearsWithTheToggle()
{
    GradientPlot plot;
    const FramePtr frame = frameOf(wideConfig());
    const QString name = QStringLiteral("theory (at init)");
    plot.setFrame(*frame);
    QVERIFY(!plot.theoryOverlay());
    QVERIFY(!plot.theoryGraph()->visible());
    QCOMPARE(plot.theoryGraph()->data()->size(), 0);
    QVERIFY(!inLegend(&plot, name));

    plot.setTheoryOverlay(true);
    plot.setFrame(*frame);
    QVERIFY(plot.theoryGraph()->visible());
    QCOMPARE(plot.theoryGraph()->data()->size(), 6); // one point per hidden layer
    QVERIFY(inLegend(&plot, name));
    QCOMPARE(plot.theoryGraph()->pen().style(), Qt::DashLine);

    plot.setTheoryOverlay(false);
    QVERIFY(!plot.theoryGraph()->visible());
    QCOMPARE(plot.theoryGraph()->data()->size(), 0);
    QVERIFY(!inLegend(&plot, name));
    plot.setFrame(*frame);
    QCOMPARE(plot.theoryGraph()->data()->size(), 0);
}

void TestTheoryOverlay::followsThePredictedSlopeFromTheLastLayer()
{
    // Xavier: the prediction falls by √½ per layer towards the input; the line ends on the
    // measured last layer and keeps the predicted ratios.
    const TrainingConfig config = wideConfig(Init::XavierNormal);
    const FramePtr frame = frameOf(config);
    GradientPlot plot;
    plot.setTheoryOverlay(true);
    plot.setFrame(*frame);
    const TheoryPrediction expected = predictAtInit(config, *frame->dataset);
    const double anchor = frame->snapshot.layers.back().gradZRms;
    const auto data = plot.theoryGraph()->data();
    QCOMPARE(data->size(), 6);
    for (int i = 0; i < 6; ++i) {
        const QCPGraphData &p = *(data->constBegin() + i);
        QCOMPARE(p.key, double(i + 1));
        QVERIFY(std::abs(p.value / (expected.layers[size_t(i)].gradZRmsRatio * anchor) - 1) <
                1e-12);
    }
    QVERIFY(std::abs((data->constBegin() + 4)->value / (data->constBegin() + 3)->value -
                     std::sqrt(2.0)) < 1e-9);
    // Every predicted point is inside the view.
    QVERIFY(plot.yAxis->range().contains(data->constBegin()->value));
    QVERIFY(plot.yAxis->range().contains((data->constEnd() - 1)->value));
}

void TestTheoryOverlay::computedOncePerConfig()
{
    GradientPlot plot;
    plot.setTheoryOverlay(true);
    const TrainingConfig config = wideConfig();
    Trainer trainer(config);
    FrameRecorder recorder;
    for (int i = 0; i < 10; ++i) {
        trainer.train(1);
        plot.setFrame(*recorder.record(trainer, 0, false));
    }
    QCOMPARE(plot.theoryComputations(), 1);
    TrainingConfig other = config;
    other.init = Init::XavierNormal;
    plot.setFrame(*frameOf(other));
    plot.setFrame(*frameOf(other));
    QCOMPARE(plot.theoryComputations(), 2);
}

void TestTheoryOverlay::saysWhenItNoLongerApplies()
{
    GradientPlot plot;
    plot.setTheoryOverlay(true);
    // Wide and shallow, at step 0: nothing to say.
    TrainingConfig config = wideConfig();
    config.depth = 4;
    plot.setFrame(*frameOf(config));
    QVERIFY2(plot.theoryNote().isEmpty(), qPrintable(plot.theoryNote()));
    // After training the weights are no longer the random ones the theory is about.
    plot.setFrame(*frameOf(config, 30));
    QVERIFY(plot.theoryNote().contains(QStringLiteral("prediction is for initialisation")));
    QVERIFY(legendMentions(&plot, QStringLiteral("prediction is for initialisation")));
    // Narrow layers: single networks scatter around the mean-field line.
    config.width = 8;
    plot.setFrame(*frameOf(config));
    QVERIFY(plot.theoryNote().contains(QStringLiteral("narrow")));
    QVERIFY(!plot.theoryNote().contains(QStringLiteral("initialisation")));
    // Off: no note in the legend.
    plot.setTheoryOverlay(false);
    QVERIFY(!legendMentions(&plot, QStringLiteral("narrow")));
}

void TestTheoryOverlay::noteFitsANarrowPlot()
{
    // The longest note (trained, and narrow) at presentation size in a plot of the grid's
    // minimum width: it was cut at the edge ("expect sca…").
    GradientPlot plot;
    plot.setPresentationScale(1.4);
    plot.resize(320, 240);
    plot.show(); // the layout follows resize events, which a hidden widget does not get
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setTheoryOverlay(true);
    TrainingConfig config = wideConfig();
    config.width = 8;
    plot.setFrame(*frameOf(config, 30));
    QVERIFY(legendMentions(&plot, QStringLiteral("width 8 is narrow: expect scatter")));
    plot.replot();
    for (int i = 0; i < plot.legend->itemCount(); ++i) {
        QCPLayoutElement *item = plot.legend->item(i);
        if (item)
            QVERIFY2(item->outerRect().right() <= plot.width() &&
                         item->minimumOuterSizeHint().width() <= plot.width(),
                     qPrintable(QStringLiteral("legend line %1 is %2 px wide, right edge %4, in a "
                                               "%3 px plot, wrap %5, legend %6")
                                    .arg(i)
                                    .arg(item->minimumOuterSizeHint().width())
                                    .arg(plot.width())
                                    .arg(item->outerRect().right())
                                    .arg(plot.legend->wrap())
                                    .arg(plot.legend->outerRect().width())));
    }
    // Wider: the note is rewrapped onto fewer lines (one, at this width).
    const auto noteLines = [&plot] {
        for (int i = 0; i < plot.legend->itemCount(); ++i) {
            auto *item = qobject_cast<QCPPlottableLegendItem *>(plot.legend->item(i));
            if (item && item->plottable()->name().contains(QStringLiteral("narrow")))
                return int(item->plottable()->name().count(QLatin1Char('\n'))) + 1;
        }
        return 0;
    };
    QVERIFY(noteLines() > 1);
    plot.resize(1600, 400);
    QCOMPARE(noteLines(), 1);
}

void TestTheoryOverlay::windowActionDrivesTheOverlayAndIsRemembered()
{
    for (int round = 0; round < 2; ++round) {
        MainWindowOptions options;
        options.startPlaying = false; // paused at step 0: the toggle alone must redraw
        auto window = std::make_unique<MainWindow>(wideConfig(), options);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(window->shownFrame() != nullptr);
        auto *plot = qobject_cast<GradientPlot *>(window->plot(QStringLiteral("gradients")));
        QVERIFY(plot);
        QAction *action = window->theoryOverlayAction();
        QVERIFY(action && action->isCheckable());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        bool inViewMenu = false;
        for (QAction *menu : window->menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(action))
                inViewMenu = menu->text().remove('&') == QStringLiteral("View");
        QVERIFY(inViewMenu);

        if (round == 0) {
            QVERIFY(!action->isChecked());
            QVERIFY(!plot->theoryGraph()->visible());
            action->trigger();
            QVERIFY(window->theoryOverlay());
            QVERIFY(plot->theoryOverlay());
            QVERIFY(plot->theoryGraph()->visible());
            QCOMPARE(plot->theoryGraph()->data()->size(), 6);
            action->trigger();
            QVERIFY(!plot->theoryGraph()->visible());
            window->setTheoryOverlay(true); // what a session file's view.theory_overlay does
            QVERIFY(action->isChecked());
            QVERIFY(plot->theoryGraph()->visible());
        } else {
            // Closing saved it; the new window starts with the overlay on.
            QVERIFY(action->isChecked());
            QVERIFY(plot->theoryOverlay());
            QCOMPARE(plot->theoryGraph()->data()->size(), 6);
        }
        window->close();
    }
}

int main(int argc, char **argv)
{
    // The window reads and writes QSettings: keep them in a scratch directory.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("relulab-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_theory_overlay"));
    TestTheoryOverlay test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_theory_overlay.moc"
