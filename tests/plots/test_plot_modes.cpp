// SPDX-License-Identifier: MIT
// The output plot's test data, discretised map and hovered unit, and the gradient plot's
// update-ratio mode. The core does not fill unit pictures and update ratios yet: the frames
// here get them by hand (the pictures from the trained network's own forward pass).
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "output_plot.h"
#include "trainer.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <functional>
#include <memory>
#include <set>

using namespace relulab;

namespace {

FramePtr trainedFrame(const TrainingConfig &config, int steps = 0)
{
    Trainer trainer(config);
    FrameRecorder recorder;
    if (steps > 0)
        trainer.train(steps);
    return recorder.record(trainer, 0, false);
}

/// What every hidden unit computes over a `resolution` grid on the output field's extent, from
/// the trainer's own forward pass (what the core will record).
std::shared_ptr<const UnitPictures> unitPictures(const Trainer &trainer, const OutputField &field,
                                                 bool twoD, int resolution)
{
    auto pictures = std::make_shared<UnitPictures>();
    pictures->resolution = resolution;
    pictures->twoD = twoD;
    const double xSpan = (field.resolution - 1) * field.dx;
    const double ySpan = (field.resolution - 1) * field.dy;
    pictures->x0 = field.x0;
    pictures->y0 = field.y0;
    pictures->dx = xSpan / (resolution - 1);
    pictures->dy = twoD ? ySpan / (resolution - 1) : 0;
    const Eigen::Index points = twoD ? Eigen::Index(resolution) * resolution : resolution;
    Eigen::MatrixXf X(twoD ? 2 : 1, points);
    for (Eigen::Index k = 0; k < points; ++k) {
        X(0, k) = float(pictures->x0 + double(k % resolution) * pictures->dx);
        if (twoD)
            X(1, k) = float(pictures->y0 + double(k / resolution) * pictures->dy);
    }
    Workspace<float> ws;
    trainer.network().forward(X, ws);
    for (const Eigen::MatrixXf &A : ws.A)
        pictures->layers.push_back(A);
    return pictures;
}

TrainingFrame withPictures(const TrainingConfig &config, int steps, int resolution)
{
    Trainer trainer(config);
    trainer.train(steps);
    FrameRecorder recorder;
    TrainingFrame frame = *recorder.record(trainer, 0, false);
    const bool twoD = frame.dataset->inputDim() == 2;
    frame.unitPictures = unitPictures(trainer, frame.output, twoD, resolution);
    return frame;
}

/// Update ratios by hand, layer i + 1 getting ratios[i].
TrainingFrame withRatios(TrainingFrame frame, const std::vector<double> &ratios)
{
    for (size_t i = 0; i < frame.snapshot.layers.size() && i < ratios.size(); ++i)
        frame.snapshot.layers[i].updateRatio = ratios[i];
    return frame;
}

bool containsPoint(const QCPGraph *graph, double key, double value)
{
    for (const QCPGraphData &p : *graph->data())
        if (p.key == key && p.value == value)
            return true;
    return false;
}

QVector<QCPGraphData> points(const QCPGraph *graph)
{
    return QVector<QCPGraphData>(graph->data()->constBegin(), graph->data()->constEnd());
}

bool samePoints(const QCPGraph *a, const QCPGraph *b)
{
    const auto pa = points(a), pb = points(b);
    if (pa.size() != pb.size())
        return false;
    for (qsizetype i = 0; i < pa.size(); ++i)
        if (pa[i].key != pb[i].key || pa[i].value != pb[i].value)
            return false;
    return true;
}

QStringList legendNames(const QCustomPlot &plot)
{
    QStringList names;
    for (int i = 0; i < plot.legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(plot.legend->item(i)))
            names << item->plottable()->name();
    return names;
}

/// The text of the plot's title line.
QString drawnTitle(QCustomPlot &plot)
{
    for (QCPLayoutElement *e : plot.plotLayout()->elements(true))
        if (auto *text = qobject_cast<QCPTextElement *>(e))
            return text->text();
    return QString();
}

/// The plot's right-click menu, read while it is open: its actions (those the menu owns are
/// gone once it closes, so only their texts are kept: "|" for a separator).
struct ContextMenu
{
    QList<QAction *> actions;
    QStringList texts;
    bool toolTipsVisible = false;
};

ContextMenu contextMenu(PlotBase &plot)
{
    ContextMenu seen;
    auto read = [&] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *menu = qobject_cast<QMenu *>(w); menu && menu->isVisible()) {
                seen.actions = menu->actions();
                for (QAction *a : seen.actions)
                    seen.texts << (a->isSeparator() ? QStringLiteral("|") : a->text());
                seen.toolTipsVisible = menu->toolTipsVisible();
                menu->close();
            }
    };
    QTimer::singleShot(100, &plot, read);
    QTimer::singleShot(3000, &plot, read); // never hang if the first one came too soon
    emit plot.customContextMenuRequested(QPoint(20, 20));
    return seen;
}

/// The plot `make` builds, at the window's size in both themes and at presentation scale: the
/// legend must fit the width. With RELULAB_RENDER_DIR set, the pictures are written there (as
/// name_scale[_dark].png) to be looked at.
void renderEveryLook(const QString &name, const std::function<PlotBase *()> &make)
{
    const QString dir = qEnvironmentVariable("RELULAB_RENDER_DIR");
    if (!dir.isEmpty())
        QDir().mkpath(dir);
    const std::vector<std::pair<double, Theme>> looks{
        {1.0, Theme::Light}, {1.6, Theme::Light}, {1.0, Theme::Dark}};
    for (const auto &[scale, theme] : looks) {
        std::unique_ptr<PlotBase> plot(make());
        plot->resize(800, 560);
        plot->setPresentationScale(scale);
        plot->setTheme(theme);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        plot->replot();
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (QCPLayoutElement *item = plot->legend->item(i))
                QVERIFY2(item->minimumOuterSizeHint().width() <= plot->width(), qPrintable(name));
        const QPixmap picture = plot->toPixmap(800, 560);
        QVERIFY(!picture.isNull());
        if (!dir.isEmpty())
            QVERIFY(picture.save(
                QStringLiteral("%1/%2_%3%4.png")
                    .arg(dir, name, scale > 1 ? "1.6" : "1", theme == Theme::Dark ? "_dark" : "")));
    }
}

} // namespace

class TestPlotModes : public QObject
{
    Q_OBJECT

private slots:
    void testDataIsDrawnHollowWhenAsked();
    void testDataOfRegressionAndThinning();
    void discretisedMapHasTwoValues();
    void shownUnitReplacesTheMap();
    void shownUnitOfRegressionReplacesTheCurve();
    void shownUnitFallsBackWithoutPictures();
    void outputTogglesAreInTheContextMenu();
    void outputModesRender();
    void updateRatioPerLayer();
    void updateRatioAtStepZeroSaysSo();
    void updateRatioComparesRunB();
    void switchingBackRestoresTheGradients();
    void updateRatioIsInTheContextMenu();
    void updateRatioRenders();
};

void TestPlotModes::testDataIsDrawnHollowWhenAsked()
{
    const FramePtr frame = trainedFrame(TrainingConfig(), 100);
    const Dataset &data = *frame->dataset;
    QVERIFY(data.testX.cols() > 10);
    OutputPlot plot;
    QVERIFY(!plot.showTestData());
    plot.setFrame(*frame);
    QVERIFY(plot.testClassZero()->data()->isEmpty() && plot.testClassOne()->data()->isEmpty());
    QVERIFY(!plot.testClassZero()->visible());
    QVERIFY(!legendNames(plot).contains(QStringLiteral("test data")));

    // Switched on without a new frame (training paused): drawn at once.
    plot.showTestDataAction()->setChecked(true);
    QVERIFY(plot.showTestData());
    QCOMPARE(plot.testClassZero()->data()->size() + plot.testClassOne()->data()->size(),
             int(data.testX.cols()));
    QVERIFY(plot.testClassZero()->visible() && plot.testClassOne()->visible());
    for (Eigen::Index i : {Eigen::Index(0), data.testX.cols() / 2, data.testX.cols() - 1}) {
        const QCPGraph *graph = data.testY(i) > 0.5 ? plot.testClassOne() : plot.testClassZero();
        QVERIFY(containsPoint(graph, data.testX(0, i), data.testX(1, i)));
    }
    QVERIFY(legendNames(plot).contains(QStringLiteral("test data")));
    // Hollow: a ring in the class colour, no fill; the training points stay filled.
    QCOMPARE(plot.testClassZero()->scatterStyle().brush().style(), Qt::NoBrush);
    QCOMPARE(plot.testClassOne()->scatterStyle().brush().style(), Qt::NoBrush);
    QCOMPARE(plot.testClassZero()->scatterStyle().pen().color(),
             plot.classZero()->scatterStyle().brush().color());
    QCOMPARE(plot.testClassOne()->scatterStyle().pen().color(),
             plot.classOne()->scatterStyle().brush().color());
    // Kept on the next frames.
    plot.setFrame(*frame);
    QCOMPARE(plot.testClassZero()->data()->size() + plot.testClassOne()->data()->size(),
             int(data.testX.cols()));

    plot.setShowTestData(false);
    QVERIFY(!plot.showTestDataAction()->isChecked());
    QVERIFY(plot.testClassZero()->data()->isEmpty() && plot.testClassOne()->data()->isEmpty());
    QVERIFY(!plot.testClassZero()->visible() && !plot.testClassOne()->visible());
    QVERIFY(!legendNames(plot).contains(QStringLiteral("test data")));
}

void TestPlotModes::testDataOfRegressionAndThinning()
{
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    const FramePtr frame = trainedFrame(c, 20);
    const Dataset &data = *frame->dataset;
    OutputPlot plot;
    plot.setShowTestData(true);
    plot.setFrame(*frame);
    QCOMPARE(plot.testPoints()->data()->size(), int(data.testX.cols()));
    QVERIFY(plot.testPoints()->visible());
    QVERIFY(!plot.testClassZero()->visible());
    QVERIFY(containsPoint(plot.testPoints(), data.testX(0, 3), data.testY(3)));
    QCOMPARE(plot.testPoints()->scatterStyle().brush().style(), Qt::NoBrush);
    QVERIFY(legendNames(plot).contains(QStringLiteral("test data")));

    // A large test split is thinned like the training points.
    TrainingFrame big = *frame;
    auto many = std::make_shared<Dataset>(data);
    many->testX = Eigen::MatrixXd::Random(1, 10000);
    many->testY = Eigen::VectorXd::Random(10000);
    big.dataset = many;
    plot.setFrame(big);
    QVERIFY(plot.testPoints()->data()->size() <= OutputPlot::kMaxPointsDrawn);
    QVERIFY(plot.testPoints()->data()->size() >= OutputPlot::kMaxPointsDrawn / 2);
    QVERIFY(containsPoint(plot.testPoints(), many->testX(0, 0), many->testY(0)));
}

void TestPlotModes::discretisedMapHasTwoValues()
{
    const FramePtr frame = trainedFrame(TrainingConfig(), 300);
    const OutputField &f = frame->output;
    const int n = f.resolution;
    OutputPlot plot;
    plot.setFrame(*frame);
    QCOMPARE(plot.colorScale()->label(), QStringLiteral("P(class 1)"));
    plot.discretizeAction()->setChecked(true);
    QVERIFY(plot.discretized());
    std::set<double> values;
    for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix) {
            const double cell = plot.probabilityMap()->data()->cell(ix, iy);
            values.insert(cell);
            QCOMPARE(cell, f.values[size_t(iy) * size_t(n) + size_t(ix)] >= 0.5 ? 1.0 : 0.0);
        }
    QCOMPARE(values, std::set<double>({0.0, 1.0}));
    // The colours: one below 0.5, the other from 0.5 up; the bar says it is the decision.
    QCPColorGradient gradient = plot.probabilityMap()->gradient();
    const QCPRange range(0, 1);
    QCOMPARE(gradient.color(0.0, range), gradient.color(0.49, range));
    QCOMPARE(gradient.color(0.51, range), gradient.color(1.0, range));
    QVERIFY(gradient.color(0.0, range) != gradient.color(1.0, range));
    QVERIFY(plot.colorScale()->label().contains(QStringLiteral("0.5")));
    QVERIFY(plot.boundaryPointCount() > 0); // the line stays

    plot.setDiscretized(false);
    QCOMPARE(plot.probabilityMap()->data()->cell(3, 5), f.values[size_t(5 * n + 3)]);
    gradient = plot.probabilityMap()->gradient();
    QVERIFY(gradient.color(0.3, range) != gradient.color(0.1, range));
    QCOMPARE(plot.colorScale()->label(), QStringLiteral("P(class 1)"));
}

void TestPlotModes::shownUnitReplacesTheMap()
{
    const TrainingFrame frame = withPictures(TrainingConfig(), 200, 24);
    const UnitPictures &pictures = *frame.unitPictures;
    const int r = pictures.resolution;
    OutputPlot plot;
    plot.setFrame(frame);
    const QString normalTitle = drawnTitle(plot);
    QCOMPARE(normalTitle, plot.title());

    // Hovered while paused: drawn at once.
    plot.setShownUnit(1, 4);
    QVERIFY(plot.showingUnit());
    QCOMPARE(plot.shownUnit(), std::optional(std::pair(1, 4)));
    QCOMPARE(plot.probabilityMap()->data()->keySize(), r);
    QCOMPARE(plot.probabilityMap()->data()->valueSize(), r);
    double extent = 0;
    for (int ix : {0, 5, r - 1})
        for (int iy : {0, 11, r - 1}) {
            const double expected = pictures.layers[1](4, iy * r + ix);
            QCOMPARE(plot.probabilityMap()->data()->cell(ix, iy), expected);
        }
    for (Eigen::Index k = 0; k < pictures.layers[1].cols(); ++k)
        extent = std::max(extent, double(std::abs(pictures.layers[1](4, k))));
    QVERIFY(extent > 0);
    const QCPRange range = plot.probabilityMap()->dataRange();
    QCOMPARE(range.lower, -extent);
    QCOMPARE(range.upper, extent);
    QCOMPARE(plot.colorScale()->dataRange().upper, extent);
    QCOMPARE(drawnTitle(plot), QStringLiteral("Layer 2, unit 5: φ(z)"));
    QCOMPARE(plot.colorScale()->label(), QStringLiteral("Layer 2, unit 5: φ(z)"));
    QCOMPARE(plot.title(), normalTitle); // the plot's name stays
    // The network's boundary belongs to its output, not to a unit; the data stays.
    QCOMPARE(plot.boundaryPointCount(), 0);
    QVERIFY(!legendNames(plot).contains(QStringLiteral("boundary (P = 0.5)")));
    QVERIFY(plot.classZero()->visible() && !plot.classZero()->data()->isEmpty());
    // The view does not move from unit to unit.
    const QCPRange x = plot.xAxis->range();
    plot.setShownUnit(0, 0);
    QCOMPARE(plot.xAxis->range(), x);
    QCOMPARE(plot.probabilityMap()->data()->cell(2, 7), double(pictures.layers[0](0, 7 * r + 2)));
    // Discretising does not apply to a unit's φ(z).
    plot.setDiscretized(true);
    QCOMPARE(plot.probabilityMap()->data()->cell(2, 7), double(pictures.layers[0](0, 7 * r + 2)));
    plot.setDiscretized(false);

    plot.clearShownUnit();
    QVERIFY(!plot.showingUnit());
    QVERIFY(!plot.shownUnit());
    const int n = frame.output.resolution;
    QCOMPARE(plot.probabilityMap()->data()->keySize(), n);
    QCOMPARE(plot.probabilityMap()->data()->cell(4, 9), frame.output.values[size_t(9 * n + 4)]);
    QCOMPARE(plot.probabilityMap()->dataRange(), QCPRange(0, 1));
    QCOMPARE(drawnTitle(plot), normalTitle);
    QCOMPARE(plot.colorScale()->label(), QStringLiteral("P(class 1)"));
    QVERIFY(plot.boundaryPointCount() > 0);
}

void TestPlotModes::shownUnitOfRegressionReplacesTheCurve()
{
    TrainingConfig c;
    c.dataset = DatasetKind::Abs;
    const TrainingFrame frame = withPictures(c, 200, 60);
    const UnitPictures &pictures = *frame.unitPictures;
    OutputPlot plot;
    plot.setFrame(frame);
    QVERIFY(plot.fittedCurve()->visible());
    QVERIFY(!plot.unitCurve()->visible());
    plot.setShownUnit(0, 2);
    QVERIFY(plot.showingUnit());
    QVERIFY(!plot.fittedCurve()->visible());
    QVERIFY(plot.unitCurve()->visible());
    QCOMPARE(plot.unitCurve()->data()->size(), 60);
    for (int i : {0, 17, 59}) {
        QCOMPARE(plot.unitCurve()->data()->at(i)->key, pictures.x0 + i * pictures.dx);
        QCOMPARE(plot.unitCurve()->data()->at(i)->value, double(pictures.layers[0](2, i)));
        QVERIFY(plot.yAxis->range().contains(plot.unitCurve()->data()->at(i)->value));
    }
    QVERIFY(legendNames(plot).contains(QStringLiteral("Layer 1, unit 3: φ(z)")));
    QVERIFY(!plot.legend->hasItemWithPlottable(plot.fittedCurve()));
    plot.clearShownUnit();
    QVERIFY(plot.fittedCurve()->visible());
    QVERIFY(!plot.unitCurve()->visible());
    QVERIFY(plot.legend->hasItemWithPlottable(plot.fittedCurve()));
}

void TestPlotModes::shownUnitFallsBackWithoutPictures()
{
    const TrainingFrame frame = withPictures(TrainingConfig(), 50, 16);
    TrainingFrame bare = frame;
    bare.unitPictures.reset();
    const int n = frame.output.resolution;
    OutputPlot plot;
    plot.setShownUnit(0, 1); // before any frame
    plot.setFrame(bare);
    QVERIFY(!plot.showingUnit());
    QVERIFY(plot.shownUnit().has_value()); // still asked for: the next frame may have it
    QCOMPARE(plot.probabilityMap()->data()->keySize(), n);
    QCOMPARE(plot.probabilityMap()->data()->cell(1, 2), frame.output.values[size_t(2 * n + 1)]);
    QCOMPARE(drawnTitle(plot), plot.title());
    plot.setFrame(frame);
    QVERIFY(plot.showingUnit());
    // A unit or layer the pictures do not have (the network was made smaller).
    for (auto [layer, unit] : {std::pair(0, 16), std::pair(4, 0), std::pair(-1, 0)}) {
        plot.setShownUnit(layer, unit);
        QVERIFY(!plot.showingUnit());
        QCOMPARE(plot.probabilityMap()->data()->keySize(), n);
    }
}

void TestPlotModes::outputTogglesAreInTheContextMenu()
{
    OutputPlot plot;
    plot.resize(400, 300);
    const ContextMenu menu = contextMenu(plot);
    QVERIFY(menu.actions.contains(plot.showTestDataAction()));
    QVERIFY(menu.actions.contains(plot.discretizeAction()));
    QVERIFY(menu.toolTipsVisible); // the tooltips are the explanation: they must show
    // Export and Copy are still there, after the plot's own entries.
    QCOMPARE(menu.texts.mid(2),
             QStringList({"|", PlotBase::tr("Export plot…"), PlotBase::tr("Copy image")}));
    for (QAction *a : {plot.showTestDataAction(), plot.discretizeAction()}) {
        QVERIFY(a->isCheckable());
        QVERIFY(!a->isChecked());
        QCOMPARE(a->parent(), &plot);
    }
    QVERIFY(plot.showTestDataAction()->toolTip().contains(QStringLiteral("generalise")));
    QVERIFY(plot.discretizeAction()->toolTip().contains(QStringLiteral("P = 0.5")));
}

void TestPlotModes::outputModesRender()
{
    const TrainingFrame moons = withPictures(TrainingConfig(), 400, 24);
    TrainingConfig sine;
    sine.dataset = DatasetKind::Sine;
    const TrainingFrame curve = withPictures(sine, 400, 60);
    auto make = [](const TrainingFrame &frame, auto &&mode) {
        return [&frame, mode] {
            auto *p = new OutputPlot;
            mode(*p);
            p->setFrame(frame);
            return static_cast<PlotBase *>(p);
        };
    };
    renderEveryLook("output_test", make(moons, [](OutputPlot &p) { p.setShowTestData(true); }));
    renderEveryLook("output_discrete", make(moons, [](OutputPlot &p) {
                        p.setDiscretized(true);
                        p.setShowTestData(true);
                    }));
    renderEveryLook("output_unit", make(moons, [](OutputPlot &p) { p.setShownUnit(1, 5); }));
    renderEveryLook("output_test_1d", make(curve, [](OutputPlot &p) { p.setShowTestData(true); }));
    renderEveryLook("output_unit_1d", make(curve, [](OutputPlot &p) {
                        p.setShowTestData(true);
                        p.setShownUnit(0, 4);
                    }));
}

void TestPlotModes::updateRatioPerLayer()
{
    TrainingConfig c;
    c.depth = 5;
    const TrainingFrame frame =
        withRatios(*trainedFrame(c, 10), {2.5e-3, 7.25e-4, 0.0, 3.1e-2, 1.7e-5});
    GradientPlot plot;
    QVERIFY(!plot.showUpdateRatio());
    plot.setFrame(frame);
    QVERIFY(!plot.healthyBand()->visible());
    plot.updateRatioAction()->setChecked(true);
    QVERIFY(plot.showUpdateRatio());
    QCOMPARE(plot.plotId(), QStringLiteral("gradients"));
    QCOMPARE(plot.updateRatio()->data()->size(), 5);
    for (int layer : {1, 2, 4, 5}) {
        const double expected = frame.snapshot.layers[size_t(layer - 1)].updateRatio;
        const double drawn = plot.updateRatio()->data()->at(layer - 1)->value;
        QCOMPARE(plot.updateRatio()->data()->at(layer - 1)->key, double(layer));
        QVERIFY2(
            std::abs(drawn - expected) <= 1e-15 * expected,
            qPrintable(QStringLiteral("layer %1: %2 vs %3").arg(layer).arg(drawn).arg(expected)));
    }
    // The dead layer's 0 sits on the bottom edge, inside the view, with the note.
    const double zero = plot.updateRatio()->data()->at(2)->value;
    QVERIFY(zero > 0 && plot.yAxis->range().contains(zero));
    QVERIFY(zero < 1e-5);
    QVERIFY(plot.legend->hasItemWithPlottable(plot.ratioZeroEntry()));
    QVERIFY(plot.ratioZeroEntry()->name().contains(QStringLiteral("exactly 0")));
    QVERIFY(!plot.zeroNote()->visible()); // the gradients' note
    // Every gradient series is out of the picture.
    for (QCPGraph *g : {plot.weightGradient(), plot.signalGradient()}) {
        QVERIFY(!g->visible());
        QVERIFY(!plot.legend->hasItemWithPlottable(g));
    }
    QCOMPARE(plot.historyShown(), 0);
    QVERIFY(plot.legend->hasItemWithPlottable(plot.updateRatio()));
    // The band: across the plot, 1e-4 to 1e-2, in view.
    const QCPItemRect *band = plot.healthyBand();
    QVERIFY(band->visible());
    QCOMPARE(band->topLeft->typeX(), QCPItemPosition::ptAxisRectRatio);
    QCOMPARE(band->topLeft->typeY(), QCPItemPosition::ptPlotCoords);
    QCOMPARE(band->topLeft->coords(), QPointF(0, 1e-2));
    QCOMPARE(band->bottomRight->coords(), QPointF(1, 1e-4));
    QVERIFY(plot.yAxis->range().contains(1e-2) && plot.yAxis->range().contains(1e-4));
    QVERIFY(plot.yAxis->range().contains(3.1e-2) && plot.yAxis->range().contains(1.7e-5));
    QVERIFY(!plot.noStepNote()->visible());
    QVERIFY(plot.legend->hasItemWithPlottable(plot.healthyBandEntry()));
    QCOMPARE(plot.healthyBandEntry()->pen().color(), plot.healthyBand()->brush().color());
    QCOMPARE(drawnTitle(plot), QStringLiteral("Update size per layer"));
    QVERIFY(plot.yAxis->label().contains(QStringLiteral("‖ΔW‖ / ‖W‖")));
    QVERIFY(plot.toolTip().contains(QStringLiteral("1e-3")));
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
}

void TestPlotModes::updateRatioAtStepZeroSaysSo()
{
    const FramePtr frame = trainedFrame(TrainingConfig()); // step 0: every ratio NaN
    QVERIFY(std::isnan(frame->snapshot.layers.front().updateRatio));
    GradientPlot plot;
    plot.setShowUpdateRatio(true);
    plot.setFrame(*frame);
    QVERIFY(plot.updateRatio()->data()->isEmpty());
    QVERIFY(plot.noStepNote()->visible());
    QVERIFY(plot.noStepNote()->text().contains(QStringLiteral("no step yet"), Qt::CaseInsensitive));
    QVERIFY(!plot.legend->hasItemWithPlottable(plot.ratioZeroEntry()));
    QVERIFY(plot.healthyBand()->visible()); // the scale is there to read the first step on
    QVERIFY(plot.yAxis->range().contains(1e-3));
    plot.setFrame(withRatios(*frame, {1e-3, 1e-3, 1e-3, 1e-3}));
    QVERIFY(!plot.noStepNote()->visible());
    QCOMPARE(plot.updateRatio()->data()->size(), 4);
    QVERIFY(!plot.legend->hasItemWithPlottable(plot.ratioZeroEntry()));
}

void TestPlotModes::updateRatioComparesRunB()
{
    TrainingFrame frame = withRatios(*trainedFrame(TrainingConfig(), 10), {1e-3, 2e-3, 3e-3, 4e-3});
    TrainingConfig b = frame.config;
    b.activation = Activation::LeakyRelu;
    auto compare =
        std::make_shared<TrainingFrame>(withRatios(*trainedFrame(b, 10), {1e-1, 2e-1, 3e-1, 4e-1}));
    frame.compare = compare;
    GradientPlot plot;
    plot.setShowUpdateRatio(true);
    plot.setFrame(frame);
    QVERIFY(plot.compareUpdateRatio()->visible());
    QCOMPARE(plot.compareUpdateRatio()->data()->size(), 4);
    QCOMPARE(plot.compareUpdateRatio()->data()->at(2)->value, 3e-1);
    QVERIFY(plot.legend->hasItemWithPlottable(plot.compareUpdateRatio()));
    QVERIFY(!plot.compareWeightGradient()->visible());
    QVERIFY(plot.yAxis->range().contains(4e-1));
    // Compare mode off again: run B's series goes.
    frame.compare.reset();
    plot.setFrame(frame);
    QVERIFY(!plot.compareUpdateRatio()->visible());
    QVERIFY(!plot.legend->hasItemWithPlottable(plot.compareUpdateRatio()));
}

void TestPlotModes::switchingBackRestoresTheGradients()
{
    TrainingConfig c;
    c.depth = 3;
    Trainer trainer(c);
    FrameRecorder recorder(2000, 4);
    FramePtr last;
    for (int i = 0; i < 6; ++i) {
        last = recorder.record(trainer, 0, true);
        trainer.train(5);
    }
    TrainingFrame frame = withRatios(*last, {1e-3, 0.0, 5e-3});
    frame.compare = std::make_shared<TrainingFrame>(frame);
    for (const bool theory : {false, true}) {
        GradientPlot untouched;
        untouched.setTheoryOverlay(theory);
        untouched.setFrame(frame);
        GradientPlot plot;
        plot.setTheoryOverlay(theory);
        plot.setFrame(frame);
        plot.setShowUpdateRatio(true);
        plot.setFrame(frame); // a frame arrives while the mode is on
        plot.setShowUpdateRatio(false);
        QVERIFY(!plot.updateRatio()->visible());
        QVERIFY(!plot.healthyBand()->visible());
        QVERIFY(!plot.legend->hasItemWithPlottable(plot.updateRatio()));
        QVERIFY(!plot.legend->hasItemWithPlottable(plot.healthyBandEntry()));
        QVERIFY(samePoints(plot.weightGradient(), untouched.weightGradient()));
        QVERIFY(samePoints(plot.signalGradient(), untouched.signalGradient()));
        QVERIFY(samePoints(plot.compareWeightGradient(), untouched.compareWeightGradient()));
        QVERIFY(samePoints(plot.theoryGraph(), untouched.theoryGraph()));
        QVERIFY(!plot.weightGradient()->data()->isEmpty());
        QCOMPARE(plot.historyShown(), untouched.historyShown());
        QCOMPARE(plot.yAxis->range(), untouched.yAxis->range());
        QCOMPARE(plot.xAxis->range(), untouched.xAxis->range());
        QCOMPARE(plot.yAxis->label(), untouched.yAxis->label());
        QCOMPARE(legendNames(plot), legendNames(untouched));
        QCOMPARE(plot.zeroNote()->visible(), untouched.zeroNote()->visible());
        QCOMPARE(plot.zeroNote()->text(), untouched.zeroNote()->text());
        QCOMPARE(drawnTitle(plot), plot.title());
        QCOMPARE(plot.toolTip(), plot.explanation());
        for (int i = 0; i < plot.graphCount(); ++i) {
            QCOMPARE(plot.graph(i)->visible(), untouched.graph(i)->visible());
            QVERIFY(samePoints(plot.graph(i), untouched.graph(i)));
        }
    }
}

void TestPlotModes::updateRatioIsInTheContextMenu()
{
    GradientPlot plot;
    plot.resize(400, 300);
    const ContextMenu menu = contextMenu(plot);
    QVERIFY(menu.actions.contains(plot.updateRatioAction()));
    QVERIFY(menu.toolTipsVisible);
    QCOMPARE(menu.texts.mid(1),
             QStringList({"|", PlotBase::tr("Export plot…"), PlotBase::tr("Copy image")}));
    QVERIFY(plot.updateRatioAction()->isCheckable());
    QVERIFY(!plot.updateRatioAction()->isChecked());
    QCOMPARE(plot.updateRatioAction()->parent(), &plot);
    QVERIFY(plot.updateRatioAction()->toolTip().contains(QStringLiteral("1e-3")));
}

void TestPlotModes::updateRatioRenders()
{
    TrainingConfig deep;
    deep.depth = 6;
    const TrainingFrame ratios =
        withRatios(*trainedFrame(deep, 20), {4e-3, 1.5e-3, 6e-4, 2e-4, 0.0, 2.2e-2});
    const FramePtr stepZero = trainedFrame(deep);
    auto make = [](const TrainingFrame &frame) {
        return [&frame] {
            auto *p = new GradientPlot;
            p->setShowUpdateRatio(true);
            p->setFrame(frame);
            return static_cast<PlotBase *>(p);
        };
    };
    renderEveryLook("gradient_ratio", make(ratios));
    renderEveryLook("gradient_ratio_step0", make(*stepZero));
}

QTEST_MAIN(TestPlotModes)
#include "test_plot_modes.moc"
