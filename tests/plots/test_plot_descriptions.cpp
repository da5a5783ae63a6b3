// SPDX-License-Identifier: MIT
// Each plot's accessible name and one-sentence description of its frame (what a screen reader
// says of it), checked against numbers recomputed from real frames; the description changes
// only when its text does; a focused plot draws the style's focus frame.
#include "distribution_plot.h"
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "offscreen_export.h"
#include "plot_description_check.h"
#include "trainer.h"

#include <QAccessible>
#include <QApplication>
#include <QPushButton>
#include <QTest>

#include <memory>
#include <vector>

using namespace relulab;
using relulab::testing::checkPlotDescription;

namespace {

/// The dying-relu lesson's run: Adam at 0.3 kills layer 4 within the first steps.
TrainingConfig dyingConfig()
{
    TrainingConfig c;
    c.learningRate = 0.3;
    c.seed = 5;
    return c;
}

/// Frames of `config` at step 0 and after each of `chunks` (steps each), recorded in order so
/// every unit's and layer's death step is set.
std::vector<FramePtr> framesOf(const TrainingConfig &config, std::vector<int> chunks)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    recorder.setDistributions(true);
    std::vector<FramePtr> frames{recorder.record(trainer, 0, false)};
    for (int steps : chunks) {
        trainer.train(steps);
        frames.push_back(recorder.record(trainer, 0, false));
    }
    return frames;
}

std::vector<std::unique_ptr<PlotBase>> everyPlot()
{
    std::vector<std::unique_ptr<PlotBase>> plots = makeDashboardPlots();
    plots.push_back(std::make_unique<DistributionPlot>());
    return plots;
}

int s_descriptionEvents = 0;
QObject *s_watched = nullptr;

void countDescriptionEvents(QAccessibleEvent *event)
{
    if (event->type() == QAccessible::DescriptionChanged && event->object() == s_watched)
        ++s_descriptionEvents;
}

} // namespace

class TestPlotDescriptions : public QObject
{
    Q_OBJECT

private slots:
    void everyPlotHasANameAndAnExplanationBeforeItsFirstFrame();
    void descriptionsMatchTheFrames_data();
    void descriptionsMatchTheFrames();
    void deadPlotNamesTheLayerAndStepWhereTheNetworkDied();
    void leakyUnitsAreDescribedAsNegativeButAlive();
    void gradientDescriptionFollowsItsMode();
    void descriptionIsAnnouncedOnlyWhenItChanges();
    void focusedPlotDrawsAFocusFrame();
};

void TestPlotDescriptions::everyPlotHasANameAndAnExplanationBeforeItsFirstFrame()
{
    for (const auto &plot : everyPlot()) {
        QCOMPARE(plot->accessibleName(), plot->title());
        QCOMPARE(plot->frameDescription(), plot->explanation());
        QVERIFY(!plot->frameDescription().isEmpty());
        // Reached by Tab (a screen reader reads it), never focused by a click.
        QCOMPARE(plot->focusPolicy(), Qt::TabFocus);
    }
}

void TestPlotDescriptions::descriptionsMatchTheFrames_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"relu defaults", "dying relu", "leaky, negative bias",
                             "prelu learns its slope", "elu regression", "deep tanh"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestPlotDescriptions::descriptionsMatchTheFrames()
{
    QFETCH(QString, name);
    TrainingConfig config;
    std::vector<int> chunks{20, 80};
    if (name == QLatin1String("dying relu")) {
        config = dyingConfig();
        chunks = {2, 3, 5, 10, 30};
    } else if (name == QLatin1String("leaky, negative bias")) {
        config.activation = Activation::LeakyRelu;
        config.alpha = 0.1;
        config.biasInit = -1;
        chunks = {10, 40};
    } else if (name == QLatin1String("prelu learns its slope")) {
        config.activation = Activation::Prelu;
        config.learningRate = 0.05;
        chunks = {30};
    } else if (name == QLatin1String("elu regression")) {
        config.activation = Activation::Elu;
        config.alpha = 1.5;
        config.dataset = DatasetKind::Sine;
        chunks = {25};
    } else if (name == QLatin1String("deep tanh")) {
        config.depth = 8;
        config.activation = Activation::Tanh;
        config.init = Init::XavierNormal;
        chunks = {10};
    }
    const std::vector<FramePtr> frames = framesOf(config, chunks);
    const auto plots = everyPlot();
    for (const FramePtr &frame : frames) {
        for (const auto &plot : plots) {
            plot->setFrame(*frame);
            const QString text = plot->frameDescription();
            const QString error = checkPlotDescription(plot->plotId(), *frame, text);
            QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("%1 at step %2: %3")
                                                     .arg(plot->plotId())
                                                     .arg(frame->snapshot.step)
                                                     .arg(error)));
            // One sentence, as the tooltip's explanation is.
            QVERIFY2(text.endsWith(QLatin1Char('.')), qPrintable(text));
        }
    }
}

void TestPlotDescriptions::deadPlotNamesTheLayerAndStepWhereTheNetworkDied()
{
    const FramePtr frame = framesOf(dyingConfig(), {5, 5, 10, 20}).back();
    // The lesson's claim: layer 4 is all dead within its first steps.
    QVERIFY(frame->layerDiedAtStep.size() == 4);
    QVERIFY2(frame->layerDiedAtStep[3] >= 0, "layer 4 of the dying-relu run did not die");
    auto plots = makeDashboardPlots();
    PlotBase *dead = plots[3].get();
    QCOMPARE(dead->plotId(), QStringLiteral("dead"));
    dead->setFrame(*frame);
    const QString text = dead->frameDescription();
    QVERIFY2(text.startsWith(QStringLiteral("Layer ")) &&
                 text.contains(QStringLiteral("100% of units dead since step")),
             qPrintable(text));
    QVERIFY2(checkPlotDescription(QStringLiteral("dead"), *frame, text).isEmpty(),
             qPrintable(text));
}

void TestPlotDescriptions::leakyUnitsAreDescribedAsNegativeButAlive()
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.1;
    c.biasInit = -10; // every unit negative for every input, none dead
    const FramePtr frame = framesOf(c, {}).back();
    auto plots = makeDashboardPlots();
    PlotBase *dead = plots[3].get();
    dead->setFrame(*frame);
    QCOMPARE(
        dead->frameDescription(),
        QStringLiteral("No dead units; layer 1 has the most negative-but-alive units (100%)."));
}

void TestPlotDescriptions::gradientDescriptionFollowsItsMode()
{
    const FramePtr frame = framesOf(TrainingConfig{}, {10}).back();
    GradientPlot plot;
    plot.setFrame(*frame);
    QVERIFY(plot.frameDescription().startsWith(QStringLiteral("Gradient size")));
    plot.setShowUpdateRatio(true);
    const auto &layers = frame->snapshot.layers;
    const auto m = relulab::testing::matchWhole(
        plot.frameDescription(),
        QStringLiteral(
            "Update size \\|ΔW\\|/\\|W\\| is (\\S+) at layer 1 and (\\S+) at layer (\\d+)\\."));
    QVERIFY2(m.hasMatch(), qPrintable(plot.frameDescription()));
    QVERIFY(relulab::testing::near(m.captured(1), layers.front().updateRatio, 0.05));
    QVERIFY(relulab::testing::near(m.captured(2), layers.back().updateRatio, 0.05));
    QCOMPARE(m.captured(3).toInt(), int(layers.size()));
    plot.setShowUpdateRatio(false);
    QVERIFY(plot.frameDescription().startsWith(QStringLiteral("Gradient size")));
}

void TestPlotDescriptions::descriptionIsAnnouncedOnlyWhenItChanges()
{
    const std::vector<FramePtr> frames = framesOf(TrainingConfig{}, {10});
    auto plots = makeDashboardPlots();
    PlotBase *loss = plots[4].get();
    QCOMPARE(loss->plotId(), QStringLiteral("loss"));
    s_watched = loss;
    QAccessible::installUpdateHandler(countDescriptionEvents);
    loss->setFrame(*frames[0]);
    const QString described = loss->frameDescription();
    const int first = s_descriptionEvents;
    // The same frame again (a paused run repainting): the very same string is kept, and
    // nothing new is announced.
    for (int i = 0; i < 5; ++i)
        loss->setFrame(*frames[0]);
    QVERIFY(loss->frameDescription().isSharedWith(described));
    QCOMPARE(s_descriptionEvents, first);
    loss->setFrame(*frames[1]);
    QVERIFY(loss->frameDescription() != described);
    // Events reach the handler only while assistive technology is active (never offscreen).
    QCOMPARE(s_descriptionEvents, first + (QAccessible::isActive() ? 1 : 0));
    QAccessible::installUpdateHandler(nullptr);
    s_watched = nullptr;
}

void TestPlotDescriptions::focusedPlotDrawsAFocusFrame()
{
    QWidget window;
    auto plots = makeDashboardPlots();
    PlotBase *plot = plots[0].get();
    plot->setParent(&window);
    plot->resize(400, 300);
    QPushButton *other = new QPushButton(QStringLiteral("x"), &window);
    other->move(0, 310);
    window.resize(420, 360);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    plot->setFrame(*framesOf(TrainingConfig{}, {}).back());
    plot->replot();
    other->setFocus();
    QTRY_VERIFY(other->hasFocus());
    QTest::qWait(100); // the queued replots (axis text fitted to the size) are done
    const QImage unfocused = plot->grab().toImage();
    // By the Tab key, as the window's user would: the style frames keyboard focus only.
    QTest::keyClick(other, Qt::Key_Tab);
    QTRY_VERIFY(plot->hasFocus());
    const QImage focused = plot->grab().toImage();
    if (qEnvironmentVariableIsSet("RELULAB_SAVE_FOCUS")) {
        unfocused.save(QStringLiteral("/tmp/unfocused.png"));
        focused.save(QStringLiteral("/tmp/focused.png"));
    }
    // The frame runs along the edges; the inside is the same plot.
    int changedOnEdge = 0;
    for (int x = 0; x < focused.width(); ++x)
        for (int y : {1, 2, focused.height() - 2, focused.height() - 3})
            changedOnEdge += focused.pixel(x, y) != unfocused.pixel(x, y) ? 1 : 0;
    QVERIFY2(changedOnEdge > focused.width() / 2, qPrintable(QString::number(changedOnEdge)));
    // Inside the frame the plot is unchanged.
    int changedInside = 0;
    for (int y = 8; y < focused.height() - 8; ++y)
        for (int x = 8; x < focused.width() - 8; ++x)
            changedInside += focused.pixel(x, y) != unfocused.pixel(x, y) ? 1 : 0;
    QCOMPARE(changedInside, 0);
}

QTEST_MAIN(TestPlotDescriptions)
#include "test_plot_descriptions.moc"
