// SPDX-License-Identifier: MIT
// TrainingDiagnosis on real frames, the explanations panel, and float32's limit lines on the
// gradient plot.
#include "config_json.h"
#include "dead_neuron_plot.h"
#include "explanation_panel.h"
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "loss_plot.h"
#include "prelu_slope_overlay.h"
#include "trainer.h"
#include "training_diagnosis.h"

#include <QTest>

#include <cmath>

using namespace relulab;

namespace {

/// Trains `steps` steps one at a time, recording a frame after each (as the worker would at
/// a slow speed), and returns the last frame.
FramePtr run(const TrainingConfig &config, int steps)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    FramePtr frame = recorder.record(trainer, 0, false);
    for (int i = 0; i < steps && !trainer.diverged(); ++i) {
        trainer.train(1);
        frame = recorder.record(trainer, 0, false);
    }
    return frame;
}

} // namespace

class TestDiagnosis : public QObject
{
    Q_OBJECT

private slots:
    void defaultRunIsHealthy()
    {
        const FramePtr frame = run(TrainingConfig{}, 20);
        const TrainingDiagnosis d(*frame);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Healthy);
        QCOMPARE(d.step(), std::int64_t(-1));
        QVERIFY(d.summary().isEmpty());
    }

    void negativeBiasKillsTheFirstLayerAtInit()
    {
        TrainingConfig c;
        c.activation = Activation::Relu;
        c.biasInit = -10;
        const FramePtr frame = run(c, 5);
        QVERIFY(frame->snapshot.networkDead);
        QCOMPARE(frame->layerDiedAtStep.size(), size_t(c.depth));
        QCOMPARE(frame->layerDiedAtStep[0], std::int64_t(0));
        const TrainingDiagnosis d(*frame);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Dead);
        QCOMPARE(d.layer(), 1);
        QCOMPARE(d.step(), std::int64_t(0));
        QVERIFY2(d.summary().contains(QStringLiteral("Hidden layer 1 went 100% dead")),
                 qPrintable(d.summary()));
        QVERIFY(d.summary().contains(QStringLiteral("step 0")));
    }

    void deadLayerDeeperInIsNamed()
    {
        // A hand-made frame: layer 3 died at step 40, layer 2 only later at step 90.
        TrainingFrame f;
        f.snapshot.step = 100;
        f.snapshot.networkDead = true;
        f.snapshot.layers.resize(4);
        f.snapshot.layers[1].deadFraction = 1.0;
        f.snapshot.layers[2].deadFraction = 1.0;
        f.layerDiedAtStep = {-1, 90, 40, -1};
        const TrainingDiagnosis d(f);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Dead);
        QCOMPARE(d.layer(), 3);
        QCOMPARE(d.step(), std::int64_t(40));
        QVERIFY(d.summary().contains(QStringLiteral("2 hidden layers")));
    }

    void hugeSgdStepDivergesAndNamesStepAndLayer()
    {
        TrainingConfig c;
        c.optimizer = Optimizer::Sgd;
        c.learningRate = 10;
        const FramePtr frame = run(c, 200);
        QVERIFY(frame->divergedAtStep >= 0);
        const TrainingDiagnosis d(*frame);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Diverged);
        QCOMPARE(d.step(), frame->divergedAtStep);
        QVERIFY2(d.layer() >= 1 && d.layer() <= c.depth, qPrintable(d.summary()));
        QVERIFY(d.growth() >= TrainingDiagnosis::kExplodedFactor);
        const QString text = d.summary();
        QVERIFY2(text.contains(QStringLiteral("diverged at step %1").arg(d.step())),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("hidden layer %1").arg(d.layer())));
        qInfo("sgd lr 10: diverged at step %lld, layer %d, growth %g", qlonglong(d.step()),
              d.layer(), d.growth());
    }

    void float16AdamDivergesWhateverTheLearningRate()
    {
        // Adam's v = 0.001·g² rounds to zero in float16 once |g| < ~0.005, so m / (√v + ε)
        // explodes at the first step; the advice must not be a smaller learning rate.
        TrainingConfig c;
        c.precision = Precision::Float16;
        c.optimizer = Optimizer::Adam;
        for (double lr : {0.01, 0.0001}) {
            c.learningRate = lr;
            const FramePtr frame = run(c, 50);
            QVERIFY2(frame->divergedAtStep >= 0, qPrintable(QString::number(lr)));
            const QString text = TrainingDiagnosis(*frame).summary();
            QVERIFY2(text.contains(QStringLiteral("at any learning rate")), qPrintable(text));
            QVERIFY(!text.contains(QStringLiteral("Lower the learning rate")));
        }
        // What it says helps does: momentum in float16, and Adam in bfloat16.
        c.learningRate = 0.01;
        c.optimizer = Optimizer::Momentum;
        QCOMPARE(run(c, 200)->divergedAtStep, std::int64_t(-1));
        c.optimizer = Optimizer::Adam;
        c.precision = Precision::BFloat16;
        QCOMPARE(run(c, 200)->divergedAtStep, std::int64_t(-1));
        // Any other divergence keeps the usual advice.
        c.precision = Precision::Float32;
        c.optimizer = Optimizer::Sgd;
        c.learningRate = 10;
        const FramePtr sgd = run(c, 200);
        QVERIFY(sgd->divergedAtStep >= 0);
        QVERIFY(
            TrainingDiagnosis(*sgd).summary().contains(QStringLiteral("Lower the learning rate")));
    }

    void explodingLayerIsTheFirstToGrow()
    {
        // Layer 2 grows 1000× one snapshot before every layer grows.
        TrainingFrame f;
        Snapshot s0, s1;
        s0.step = 10;
        s1.step = 11;
        s0.layers.resize(3);
        s1.layers.resize(3);
        for (auto &l : s0.layers)
            l.gradWNorm = 1.0;
        s1.layers = s0.layers;
        s1.layers[1].gradWNorm = 1000;
        f.recent = {s0, s1};
        f.snapshot.step = 12;
        f.snapshot.diverged = true;
        f.snapshot.layers = s0.layers;
        for (auto &l : f.snapshot.layers)
            l.gradWNorm = 1e9;
        f.divergedAtStep = 12;
        const TrainingDiagnosis d(f);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Diverged);
        QCOMPARE(d.layer(), 2);
        QCOMPARE(d.growth(), 1000.0);
        QVERIFY(d.summary().contains(QStringLiteral("between step 10 and step 11")));
    }

    void panelTextFollowsThePlotAndTheDiagnosis()
    {
        GradientPlot gradients;
        LossPlot loss;
        ExplanationPanel panel;
        panel.setPlot(&gradients);
        const QString gradientText = panel.explanationText();
        QVERIFY(gradientText.contains(QStringLiteral("vanishing")));
        panel.setPlot(&loss);
        QVERIFY(panel.explanationText() != gradientText);
        QVERIFY(panel.explanationText().contains(QStringLiteral("training steps")));
        for (const char *id : {"activation", "derivative", "gradients", "dead", "loss", "output"})
            QVERIFY2(ExplanationPanel::describe(QLatin1String(id)).size() > 150, id);

        QVERIFY(panel.diagnosisText().isEmpty());
        TrainingConfig c;
        c.biasInit = -10;
        panel.setFrame(run(c, 2));
        QVERIFY(panel.diagnosisText().contains(QStringLiteral("Hidden layer 1")));
        panel.setFrame(run(TrainingConfig{}, 2));
        QVERIFY(panel.diagnosisText().isEmpty());
    }

    void float32LimitLinesAppearOnlyForTinyGradients()
    {
        GradientPlot plot;
        plot.resize(800, 600);
        TrainingConfig tiny;
        tiny.init = Init::PytorchDefault;
        tiny.initScale = 0.1;
        tiny.depth = 30;
        tiny.width = 32;
        plot.setFrame(*run(tiny, 0));
        QVERIFY(plot.limitLinesShown());
        QVERIFY(plot.subnormalLimitLine()->visible());
        // The axis reaches below both lines.
        QVERIFY(plot.yAxis->range().lower < GradientPlot::kSmallestSubnormal);

        TrainingConfig lesson;
        QCOMPARE(loadPreset(QStringLiteral("default"), lesson), QString());
        plot.setFrame(*run(lesson, 0));
        QVERIFY(!plot.limitLinesShown());
        QVERIFY(plot.yAxis->range().lower > 1e-30);
    }

    void eachFormatDrawsItsOwnLimitsAndNoiseFloor()
    {
        GradientPlot plot;
        plot.resize(800, 600);
        // float16: its smallest normal 2^-14 and subnormal 2^-24, labelled with the format.
        TrainingConfig half;
        half.precision = Precision::Float16;
        half.optimizer = Optimizer::Sgd;
        half.init = Init::PytorchDefault;
        half.depth = 8;
        plot.setFrame(*run(half, 2));
        QVERIFY(plot.limitLinesShown());
        QCOMPARE(plot.normalLimitLine()->point1->coords().y(), std::ldexp(1.0, -14));
        QCOMPARE(plot.subnormalLimitLine()->point1->coords().y(), std::ldexp(1.0, -24));
        QVERIFY(plot.yAxis->range().lower < std::ldexp(1.0, -24));
        // In update-size mode the noise floor is the unit roundoff: 2^-11 for float16, 2^-8 for
        // bfloat16, inside the view; none for float32.
        plot.setShowUpdateRatio(true);
        QVERIFY(plot.roundingLine()->visible());
        QCOMPARE(plot.roundingLine()->point1->coords().y(), std::ldexp(1.0, -11));
        TrainingConfig brain;
        brain.precision = Precision::BFloat16;
        plot.setFrame(*run(brain, 2));
        QVERIFY(plot.roundingLine()->visible());
        const double u = std::ldexp(1.0, -8);
        QCOMPARE(plot.roundingLine()->point1->coords().y(), u);
        QVERIFY(plot.yAxis->range().contains(u));
        // Over each layer, the share of its steps rounded away, as the snapshot has it.
        const FramePtr frame = run(brain, 2);
        plot.setFrame(*frame);
        const auto &layers = frame->snapshot.layers;
        QVERIFY(plot.stalledLabels().size() >= qsizetype(layers.size()));
        for (std::size_t i = 0; i < layers.size(); ++i) {
            QCPItemText *label = plot.stalledLabels()[qsizetype(i)];
            QVERIFY2(label->visible(), qPrintable(QString::number(layers[i].stalledUpdates)));
            QCOMPARE(label->text(),
                     QStringLiteral("%1% lost").arg(std::lround(100 * layers[i].stalledUpdates)));
            QCOMPARE(label->position->coords().x(), double(i + 1));
        }
        plot.setFrame(*run(TrainingConfig{}, 2));
        QVERIFY(!plot.roundingLine()->visible());
        for (QCPItemText *label : plot.stalledLabels())
            QVERIFY(!label->visible());
        plot.setShowUpdateRatio(false);
        plot.setFrame(*run(brain, 2));
        QVERIFY(!plot.roundingLine()->visible());
        QVERIFY(!plot.limitLinesShown()); // bfloat16 has float32's range
    }

    void preluSlopesPerLayerOverSteps()
    {
        DeadNeuronPlot plot;
        plot.resize(800, 600);
        TrainingConfig c;
        c.activation = Activation::Prelu;
        c.alpha = 0.25;
        c.learningRate = 0.05;
        const FramePtr frame = run(c, 40);
        plot.setFrame(*frame);
        PreluSlopeOverlay *slopes = plot.preluSlopes();
        QVERIFY(slopes->isShown());
        QCOMPARE(slopes->lines().size(), c.depth);
        bool moved = false;
        for (QCPGraph *line : slopes->lines()) {
            QVERIFY(line->visible());
            QCOMPARE(line->dataCount(), 41);
            moved = moved || std::abs(line->data()->at(40)->value - 0.25) > 1e-4;
        }
        QVERIFY(moved); // the slopes are learnt, not the constant start value
        QVERIFY(slopes->lines().first()->pen().color() != slopes->lines().last()->pen().color());

        plot.setFrame(*run(TrainingConfig{}, 3));
        QVERIFY(!slopes->isShown());
        QVERIFY(slopes->lines().isEmpty());
    }
};

QTEST_MAIN(TestDiagnosis)
#include "test_diagnosis.moc"
