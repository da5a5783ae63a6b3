// SPDX-License-Identifier: MIT
// The six plots and the frame recorder, fed with frames from a real core Trainer.
#include "activation_plot.h"
#include "dead_neuron_plot.h"
#include "derivative_plot.h"
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "loss_plot.h"
#include "output_plot.h"
#include "trainer.h"

#include <QTest>

#include <cmath>
#include <optional>

using namespace relulab;

namespace {

TrainingConfig makeConfig(Activation activation, double alpha = 0.01)
{
    TrainingConfig c;
    c.activation = activation;
    c.alpha = alpha;
    return c;
}

/// Records step 0, trains `steps` in `chunks` pieces recording after each, returns the last frame.
FramePtr trainedFrame(const TrainingConfig &config, int steps = 0, int chunks = 1)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    FramePtr frame = recorder.record(trainer, 0, false);
    for (int i = 0; i < chunks && steps > 0; ++i) {
        trainer.train(steps / chunks);
        frame = recorder.record(trainer, 0, false);
    }
    return frame;
}

std::optional<double> valueAt(const QCPGraph *graph, double key)
{
    for (const QCPGraphData &p : *graph->data())
        if (p.key == key)
            return p.value;
    return std::nullopt;
}

bool allFinite(const QCPGraph *graph)
{
    for (const QCPGraphData &p : *graph->data())
        if (!std::isfinite(p.key) || !std::isfinite(p.value))
            return false;
    return true;
}

/// True if two consecutive points of `graph` lie strictly on both sides of z = 0.
bool crossesZero(const QCPGraph *graph)
{
    const auto *data = graph->data().data();
    for (int i = 1; i < data->size(); ++i)
        if (data->at(i - 1)->key < 0 && data->at(i)->key > 0)
            return true;
    return false;
}

} // namespace

class TestPlots : public QObject
{
    Q_OBJECT

private slots:
    void activationAtMinusOneIsMinusAlpha_data();
    void activationAtMinusOneIsMinusAlpha();
    void activationShowsPreluLearntSlope();
    void longLegendEntriesWrapInANarrowPlot();
    void derivativeDrawsTheJump_data();
    void derivativeDrawsTheJump();
    void derivativeOfSmoothActivationIsOneLine();
    void gradientPlotHasOnePointPerLayer();
    void gradientPlotPutsZerosOnTheFloor();
    void deadBannerWhenNetworkDead();
    void leakyUnitsAreNegativeButAlive();
    void lossPlotMarksDivergence();
    void stepLabelsNeverOverlap();
    void outputPlotClassification();
    void outputPlotRegression();
    void nonFiniteValuesAreNeverDrawn();
    void recorderKeepsHistoryBounded();
    void recorderReplacesSameStepAndSharesDataset();
    void recorderStartsOverForNewNetwork();
    void recorderResamplesExpensiveOutputOnlyWhenDue();
    void plotsHaveIdsTitlesAndExplanations();
};

void TestPlots::activationAtMinusOneIsMinusAlpha_data()
{
    QTest::addColumn<double>("alpha");
    QTest::newRow("alpha 0.3") << 0.3;
    QTest::newRow("alpha 0") << 0.0;
    QTest::newRow("alpha 0.01") << 0.01;
}

void TestPlots::activationAtMinusOneIsMinusAlpha()
{
    QFETCH(double, alpha);
    ActivationPlot plot;
    plot.setFrame(*trainedFrame(makeConfig(Activation::LeakyRelu, alpha)));
    const auto atMinusOne = valueAt(plot.curve(), -1.0);
    QVERIFY(atMinusOne.has_value());
    QCOMPARE(*atMinusOne, -alpha);
    QCOMPARE(valueAt(plot.curve(), 2.0).value_or(kNaN), 2.0);
    QCOMPARE(valueAt(plot.reference(), -1.0).value_or(kNaN), 0.0);
    QCOMPARE(plot.curve()->data()->size(), 601);
}

void TestPlots::activationShowsPreluLearntSlope()
{
    TrainingConfig c = makeConfig(Activation::Prelu, 0.25);
    const FramePtr frame = trainedFrame(c, 200);
    const double learnt = frame->snapshot.layers.front().alpha;
    QVERIFY(std::abs(learnt - 0.25) > 1e-6); // training moved the slope
    ActivationPlot plot;
    plot.setFrame(*frame);
    QVERIFY(std::abs(*valueAt(plot.curve(), -1.0) + learnt) < 1e-12);
}

void TestPlots::longLegendEntriesWrapInANarrowPlot()
{
    // "PReLU (learnt slope), layer 1 learnt α = …" beside run B's name: once cut at the edge.
    const FramePtr frame = trainedFrame(makeConfig(Activation::Prelu, 0.25), 20);
    ActivationPlot plot;
    plot.resize(280, 220);
    plot.setFrame(*frame);
    const QString full = plot.curve()->name();
    int entries = 0;
    for (int i = 0; i < plot.legend->itemCount(); ++i) {
        if (QCPLayoutElement *item = plot.legend->item(i)) {
            ++entries;
            QVERIFY2(item->minimumOuterSizeHint().width() <= plot.width(),
                     qPrintable(QString::number(item->minimumOuterSizeHint().width())));
        }
    }
    QVERIFY(entries >= 2);
    QVERIFY2(full.contains(QLatin1Char('\n')), qPrintable(full));
    // Room again: the full name on one line, the same words.
    plot.resize(1600, 600);
    plot.setFrame(*frame);
    const QString wide = plot.curve()->name();
    QVERIFY2(!wide.contains(QLatin1Char('\n')), qPrintable(wide));
    QCOMPARE(QString(full).replace(QLatin1Char('\n'), QLatin1Char(' ')), wide);
    // A name broken by its owner is flowed anew, not broken again inside its lines.
    plot.curve()->setName(QStringLiteral("a name broken\nby hand"));
    plot.show();
    plot.resize(1601, 600); // a visible plot gets its resize event now, and rewraps
    QCOMPARE(plot.curve()->name(), QStringLiteral("a name broken by hand"));
}

void TestPlots::derivativeDrawsTheJump_data()
{
    QTest::addColumn<int>("activation");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("atZero");
    QTest::addColumn<double>("openAt");
    QTest::newRow("relu") << int(Activation::Relu) << 0.0 << 0.0 << 1.0;
    QTest::newRow("leaky 0.3") << int(Activation::LeakyRelu) << 0.3 << 0.3 << 1.0;
    QTest::newRow("elu 0.5") << int(Activation::Elu) << 0.5 << 0.5 << 1.0;
    QTest::newRow("selu") << int(Activation::Selu) << 0.01 << selu::kScale * selu::kAlpha
                          << selu::kScale;
}

void TestPlots::derivativeDrawsTheJump()
{
    QFETCH(int, activation);
    QFETCH(double, alpha);
    QFETCH(double, atZero);
    QFETCH(double, openAt);
    DerivativePlot plot;
    plot.setFrame(*trainedFrame(makeConfig(Activation(activation), alpha)));
    QVERIFY(!crossesZero(plot.leftPiece()));
    QVERIFY(!crossesZero(plot.rightPiece()));
    QCOMPARE(plot.leftPiece()->data()->size(), 301);
    QCOMPARE(plot.rightPiece()->data()->size(), 301);
    // Each piece ends at 0 on its own side's value.
    QVERIFY(std::abs(plot.leftPiece()->data()->at(300)->value - atZero) < 1e-6);
    QVERIFY(std::abs(plot.rightPiece()->data()->at(0)->value - openAt) < 1e-6);
    QCOMPARE(plot.valueAtZero()->data()->size(), 1);
    QCOMPARE(plot.valueAtZero()->data()->at(0)->key, 0.0);
    QVERIFY(std::abs(plot.valueAtZero()->data()->at(0)->value - atZero) < 1e-12);
    QCOMPARE(plot.openLimit()->data()->size(), 1);
    QCOMPARE(plot.openLimit()->data()->at(0)->key, 0.0);
    QVERIFY(std::abs(plot.openLimit()->data()->at(0)->value - openAt) < 1e-6);
    QVERIFY(plot.valueAtZero()->scatterStyle().brush().style() != Qt::NoBrush);
    QCOMPARE(plot.openLimit()->scatterStyle().brush().color(), QColor(Qt::white));
}

void TestPlots::derivativeOfSmoothActivationIsOneLine()
{
    DerivativePlot plot;
    plot.setFrame(*trainedFrame(makeConfig(Activation::Gelu)));
    QCOMPARE(plot.leftPiece()->data()->size(), 601);
    QVERIFY(plot.rightPiece()->data()->isEmpty());
    QVERIFY(plot.valueAtZero()->data()->isEmpty());
    QVERIFY(plot.openLimit()->data()->isEmpty());
    QCOMPARE(valueAt(plot.leftPiece(), 0.0).value_or(kNaN), 0.5); // GELU'(0) = 1/2
    // Leaky ReLU with slope 1 is the identity: no jump to draw either.
    plot.setFrame(*trainedFrame(makeConfig(Activation::LeakyRelu, 1.0)));
    QVERIFY(plot.rightPiece()->data()->isEmpty());
    QVERIFY(plot.openLimit()->data()->isEmpty());
}

void TestPlots::gradientPlotHasOnePointPerLayer()
{
    TrainingConfig c;
    c.depth = 7;
    Trainer trainer(c);
    FrameRecorder recorder(2000, 4);
    FramePtr frame;
    for (int i = 0; i < 6; ++i) {
        frame = recorder.record(trainer, 0, true);
        trainer.train(5);
    }
    GradientPlot plot;
    plot.setFrame(*frame);
    QCOMPARE(plot.weightGradient()->data()->size(), 7);
    QCOMPARE(plot.signalGradient()->data()->size(), 7);
    for (int layer = 1; layer <= 7; ++layer) {
        const double expected = frame->snapshot.layers[size_t(layer - 1)].gradWNorm;
        QCOMPARE(valueAt(plot.weightGradient(), layer).value_or(kNaN), expected);
    }
    QCOMPARE(plot.historyShown(), 4);
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot.yAxis->range().lower > 0);
}

void TestPlots::gradientPlotPutsZerosOnTheFloor()
{
    TrainingConfig c;
    c.depth = 3;
    c.biasInit = -10; // every unit dead: gradients exactly 0
    const FramePtr frame = trainedFrame(c);
    QCOMPARE(frame->snapshot.layers.front().gradWNorm, 0.0);
    GradientPlot plot;
    plot.setFrame(*frame);
    QCOMPARE(plot.weightGradient()->data()->size(), 3);
    for (const QCPGraphData &p : *plot.weightGradient()->data()) {
        QVERIFY(p.value > 0);
        QVERIFY(plot.yAxis->range().contains(p.value));
    }
}

void TestPlots::deadBannerWhenNetworkDead()
{
    TrainingConfig c;
    c.biasInit = -10;
    const FramePtr dead = trainedFrame(c, 10);
    QVERIFY(dead->snapshot.networkDead);
    QCOMPARE(dead->diedAtStep, std::int64_t(0));
    DeadNeuronPlot plot;
    plot.setFrame(*dead);
    QVERIFY(plot.deadBanner()->visible());
    QVERIFY(plot.deadBanner()->text().contains(QStringLiteral("dead")));
    QCOMPARE(plot.deadBars()->data()->size(), 4);
    for (const QCPBarsData &bar : *plot.deadBars()->data())
        QCOMPARE(bar.value, 100.0);
    QCOMPARE(plot.deadOverSteps()->data()->size(), 2);
    QCOMPARE(plot.deadOverSteps()->data()->at(1)->value, 100.0);
    // The banner sits above the 100 % line: it never hides which layers died.
    plot.resize(640, 480);
    plot.replot();
    const double top100 = plot.yAxis->coordToPixel(100);
    const double bannerBottom = plot.deadBanner()->bottom->pixelPosition().y();
    QVERIFY2(
        bannerBottom < top100,
        qPrintable(QStringLiteral("banner bottom %1, 100 % at %2").arg(bannerBottom).arg(top100)));

    plot.setFrame(*trainedFrame(TrainingConfig(), 10));
    QVERIFY(!plot.deadBanner()->visible());
    plot.replot();
    QVERIFY(plot.yAxis->range().upper < DeadNeuronPlot::kBannerRoom);
}

void TestPlots::leakyUnitsAreNegativeButAlive()
{
    TrainingConfig c = makeConfig(Activation::LeakyRelu, 0.1);
    c.biasInit = -10;
    const FramePtr frame = trainedFrame(c);
    QVERIFY(!frame->snapshot.networkDead);
    DeadNeuronPlot plot;
    plot.setFrame(*frame);
    QVERIFY(!plot.deadBanner()->visible());
    for (const QCPBarsData &bar : *plot.deadBars()->data())
        QCOMPARE(bar.value, 0.0);
    for (const QCPBarsData &bar : *plot.negativeAliveBars()->data())
        QCOMPARE(bar.value, 100.0);
    QVERIFY(plot.legend->hasItemWithPlottable(plot.negativeAliveBars()));
}

void TestPlots::lossPlotMarksDivergence()
{
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    c.optimizer = Optimizer::Sgd;
    c.learningRate = 10;
    c.inputShift = 10;
    Trainer trainer(c);
    FrameRecorder recorder;
    FramePtr frame = recorder.record(trainer, 0, true);
    for (int i = 0; i < 20 && !trainer.diverged(); ++i) {
        trainer.train(1);
        frame = recorder.record(trainer, 0, true);
    }
    QVERIFY(trainer.diverged());
    QVERIFY(frame->divergedAtStep >= 0);
    LossPlot plot;
    plot.setFrame(*frame);
    QVERIFY(plot.divergenceMarker()->visible());
    QCOMPARE(plot.divergenceMarker()->point1->key(), double(frame->divergedAtStep));
    QVERIFY(allFinite(plot.trainLoss()));
    QVERIFY(allFinite(plot.testLoss()));
    QVERIFY(!plot.trainLoss()->data()->isEmpty());
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);

    plot.setFrame(*trainedFrame(TrainingConfig(), 40, 4));
    QVERIFY(!plot.divergenceMarker()->visible());
    QCOMPARE(plot.trainLoss()->data()->size(), 5);
    QCOMPARE(plot.testLoss()->data()->size(), 5);
}

void TestPlots::stepLabelsNeverOverlap()
{
    // Thousands of steps in the dead-neuron history strip, which is as narrow as a third of
    // the window, with presentation-size fonts: "0 1000 2000 3000 4000" used to run together.
    const FramePtr frame = trainedFrame(TrainingConfig(), 4990, 10);
    DeadNeuronPlot dead;
    LossPlot loss;
    const QList<std::pair<PlotBase *, QCPAxis *>> axes = {{&dead, dead.deadOverSteps()->keyAxis()},
                                                          {&loss, loss.xAxis}};
    for (const auto &[plot, axis] : axes) {
        for (const int width : {260, 400, 700}) {
            for (const double scale : {1.0, 1.6}) {
                plot->resize(width, 330);
                plot->show(); // a hidden widget gets no resize event, so no new viewport
                QVERIFY(QTest::qWaitForWindowExposed(plot));
                plot->setPresentationScale(scale);
                plot->setFrame(*frame);
                plot->replot();
                const QFontMetrics metrics(axis->tickLabelFont());
                const QVector<double> ticks = axis->tickVector();
                const QVector<QString> labels = axis->tickVectorLabels();
                const QString where = QStringLiteral("%1, %2 px, scale %3: %4")
                                          .arg(plot->plotId())
                                          .arg(width)
                                          .arg(scale)
                                          .arg(QStringList(labels.begin(), labels.end()).join(' '));
                QVERIFY2(ticks.size() >= 2, qPrintable(where));
                for (qsizetype i = 1; i < ticks.size(); ++i) {
                    const double rightOfPrevious = axis->coordToPixel(ticks[i - 1]) +
                                                   metrics.horizontalAdvance(labels[i - 1]) / 2.0;
                    const double leftOfThis =
                        axis->coordToPixel(ticks[i]) - metrics.horizontalAdvance(labels[i]) / 2.0;
                    // At least the width of a space between two labels.
                    QVERIFY2(leftOfThis - rightOfPrevious >= metrics.horizontalAdvance(' '),
                             qPrintable(where));
                }
            }
        }
    }
}

void TestPlots::outputPlotClassification()
{
    const FramePtr frame = trainedFrame(TrainingConfig(), 300);
    const int n = frame->output.resolution;
    QCOMPARE(n, 90);
    QCOMPARE(frame->output.values.size(), size_t(n * n));
    for (double p : frame->output.values)
        QVERIFY(p >= 0 && p <= 1);
    OutputPlot plot;
    plot.setFrame(*frame);
    QVERIFY(plot.probabilityMap()->visible());
    QCOMPARE(plot.probabilityMap()->data()->keySize(), n);
    QCOMPARE(plot.probabilityMap()->data()->valueSize(), n);
    QCOMPARE(plot.classZero()->data()->size() + plot.classOne()->data()->size(), 256);
    QVERIFY(plot.classZero()->data()->size() > 64);
    QVERIFY(plot.classOne()->data()->size() > 64);
    // The trained moons boundary crosses the whole grid.
    QVERIFY(plot.boundaryPointCount() > n / 2);
    QVERIFY(!plot.fittedCurve()->visible());
}

void TestPlots::outputPlotRegression()
{
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    c.inputShift = 2;
    const FramePtr frame = trainedFrame(c, 100);
    OutputPlot plot;
    plot.setFrame(*frame);
    QVERIFY(!plot.probabilityMap()->visible());
    QVERIFY(plot.fittedCurve()->visible());
    QCOMPARE(plot.fittedCurve()->data()->size(), frame->output.resolution);
    QCOMPARE(plot.dataPoints()->data()->size(), 256);
    QCOMPARE(plot.boundaryPointCount() > 0 && plot.probabilityMap()->visible(), false);
    // The view covers the shifted inputs.
    QVERIFY(plot.xAxis->range().contains(1.0) && plot.xAxis->range().contains(3.0));
    // Switching back to 2-D data restores the map.
    plot.setFrame(*trainedFrame(TrainingConfig()));
    QVERIFY(plot.probabilityMap()->visible());
}

void TestPlots::nonFiniteValuesAreNeverDrawn()
{
    TrainingFrame frame = *trainedFrame(TrainingConfig(), 20, 2);
    frame.history.front().loss = kNaN;
    frame.history.back().testLoss = std::numeric_limits<double>::infinity();
    frame.snapshot.layers[1].gradWNorm = kNaN;
    frame.snapshot.layers[2].gradZRms = -std::numeric_limits<double>::infinity();
    frame.snapshot.layers[0].deadFraction = kNaN;
    frame.output.values[5] = kNaN;
    LossPlot loss;
    loss.setFrame(frame);
    QVERIFY(allFinite(loss.trainLoss()));
    QVERIFY(allFinite(loss.testLoss()));
    QCOMPARE(loss.trainLoss()->data()->size(), int(frame.history.size()) - 1);
    GradientPlot gradients;
    gradients.setFrame(frame);
    QVERIFY(allFinite(gradients.weightGradient()));
    QVERIFY(allFinite(gradients.signalGradient()));
    QCOMPARE(gradients.weightGradient()->data()->size(), 3);
    DeadNeuronPlot dead;
    dead.setFrame(frame);
    for (const QCPBarsData &bar : *dead.deadBars()->data())
        QVERIFY(std::isfinite(bar.value));
    OutputPlot output;
    output.setFrame(frame);
    QVERIFY(std::isfinite(output.probabilityMap()->data()->cell(5, 0)));
}

void TestPlots::recorderKeepsHistoryBounded()
{
    Trainer trainer(TrainingConfig{});
    FrameRecorder recorder(10, 3);
    FramePtr frame;
    for (int i = 0; i < 40; ++i) {
        frame = recorder.record(trainer, 0, true);
        trainer.train(1);
    }
    QVERIFY(frame->history.size() <= 10);
    QVERIFY(frame->history.size() >= 5);
    QCOMPARE(frame->history.front().step, std::int64_t(0));
    QCOMPARE(frame->history.back().step, std::int64_t(39));
    for (size_t i = 1; i < frame->history.size(); ++i)
        QVERIFY(frame->history[i].step > frame->history[i - 1].step);
    QCOMPARE(frame->recent.size(), size_t(3));
    QCOMPARE(frame->recent.back().step, std::int64_t(38));
    QCOMPARE(frame->recent.front().step, std::int64_t(36));
    QCOMPARE(frame->snapshot.step, std::int64_t(39));
    QCOMPARE(frame->history.back().loss, frame->snapshot.loss);
}

void TestPlots::recorderReplacesSameStepAndSharesDataset()
{
    TrainingConfig c = makeConfig(Activation::LeakyRelu, 0.1);
    Trainer trainer(c);
    FrameRecorder recorder;
    const FramePtr first = recorder.record(trainer, 0, false);
    c.alpha = 0.3;
    QVERIFY(trainer.applyLive(c));
    const FramePtr second = recorder.record(trainer, 12.5, true);
    QCOMPARE(second->history.size(), size_t(1));
    QVERIFY(second->recent.empty());
    QCOMPARE(second->config.alpha, 0.3);
    QCOMPARE(second->stepsPerSecond, 12.5);
    QVERIFY(second->playing);
    QCOMPARE(first->dataset.get(), second->dataset.get());
    QCOMPARE(first->dataset->trainX.cols(), Eigen::Index(256));
    recorder.reset();
    const FramePtr third = recorder.record(trainer, 0, false);
    QVERIFY(third->dataset.get() != first->dataset.get());
    QCOMPARE(third->divergedAtStep, std::int64_t(-1));
    QCOMPARE(third->diedAtStep, std::int64_t(-1));
}

void TestPlots::recorderStartsOverForNewNetwork()
{
    FrameRecorder recorder;
    Trainer shallow(TrainingConfig{});
    shallow.train(10);
    recorder.record(shallow, 0, true);
    TrainingConfig deeper;
    deeper.depth = 6;
    Trainer deep(deeper);
    const FramePtr frame = recorder.record(deep, 0, true);
    QCOMPARE(frame->history.size(), size_t(1));
    QCOMPARE(frame->history.front().step, std::int64_t(0));
    QCOMPARE(frame->snapshot.layers.size(), size_t(6));
}

namespace {
/// P(class 1) the network computes at the output field's first grid point, in double.
double firstFieldValue(const Trainer &trainer, const OutputField &field)
{
    Eigen::MatrixXf point(2, 1);
    point << float(field.x0), float(field.y0);
    return 1.0 / (1.0 + std::exp(-double(trainer.predict(point)(0))));
}
} // namespace

void TestPlots::recorderResamplesExpensiveOutputOnlyWhenDue()
{
    // Cheap (the default network): every frame samples the field anew, playing or not.
    FrameRecorder cheap;
    Trainer small(TrainingConfig{});
    cheap.record(small, 0, true);
    small.train(20);
    FramePtr frame = cheap.record(small, 0, true);
    QVERIFY(std::abs(frame->output.values[0] - firstFieldValue(small, frame->output)) < 1e-6);

    // Expensive (1024 grid points through 30 layers of 64): while playing, the next frame soon
    // after keeps the field it has; a paused frame always shows the network as it is.
    TrainingConfig big;
    big.depth = 30;
    big.width = 64;
    big.learningRate = 0.05;
    FrameRecorder recorder;
    Trainer deep(big);
    const FramePtr first = recorder.record(deep, 0, true);
    const double before = firstFieldValue(deep, first->output);
    QVERIFY(std::abs(first->output.values[0] - before) < 1e-6);
    deep.train(5);
    const double after = firstFieldValue(deep, first->output);
    QVERIFY2(std::abs(after - before) > 1e-5, "training must move the field for this test");
    const FramePtr soon = recorder.record(deep, 0, true);
    QCOMPARE(soon->output.values, first->output.values);
    QCOMPARE(soon->snapshot.step, std::int64_t(5)); // the metrics are the new step's
    const FramePtr paused = recorder.record(deep, 0, false);
    QVERIFY(std::abs(paused->output.values[0] - after) < 1e-6);
}

void TestPlots::plotsHaveIdsTitlesAndExplanations()
{
    ActivationPlot a;
    DerivativePlot d;
    GradientPlot g;
    DeadNeuronPlot n;
    LossPlot l;
    OutputPlot o;
    const QList<PlotBase *> plots{&a, &d, &g, &n, &l, &o};
    QStringList ids;
    for (PlotBase *p : plots) {
        ids << p->plotId();
        QVERIFY(!p->title().isEmpty());
        QCOMPARE(p->toolTip(), p->explanation());
        QVERIFY(p->explanation().endsWith(QLatin1Char('.')));
        QVERIFY(!p->xAxis->label().isEmpty());
        QVERIFY(!p->yAxis->label().isEmpty());
        QVERIFY(p->xAxis->tickLabelFont().pointSizeF() >= 12);
        QCOMPARE(p->contextMenuPolicy(), Qt::CustomContextMenu);
        p->setPresentationScale(1.5);
        QCOMPARE(p->xAxis->tickLabelFont().pointSizeF(), 18.0);
    }
    QCOMPARE(ids, QStringList({"activation", "derivative", "gradients", "dead", "loss", "output"}));
}

QTEST_MAIN(TestPlots)
#include "test_plots.moc"
