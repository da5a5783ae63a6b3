// SPDX-License-Identifier: MIT
// The network view and the death timeline, on frames built by hand (no trainer): diagram or
// map, hover and pin, a unit's death in pixels, the timeline's cells and its compare panels.
// With RELULAB_PLOT_PNG_DIR set, renderPngs() writes the plots there to be looked at.
#include "network_diagram.h"
#include "network_plot.h"
#include "timeline_plot.h"
#include "training_frame.h"

#include <QDir>
#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <cmath>
#include <memory>
#include <random>

using namespace relulab;

namespace {

constexpr int kPictureResolution = 16;

std::shared_ptr<Dataset> dataset(int inputs, int samples = 64)
{
    auto d = std::make_shared<Dataset>();
    d->trainX.resize(inputs, samples);
    d->trainY.resize(samples);
    for (int i = 0; i < samples; ++i) {
        for (int k = 0; k < inputs; ++k)
            d->trainX(k, i) = std::sin(0.37 * i + 1.3 * k);
        d->trainY(i) = i % 2;
    }
    d->classification = inputs == 2;
    return d;
}

/// A snapshot of depth × width units: alive shares spread over (0, 1], none dead.
Snapshot snapshot(int depth, int width, std::int64_t step)
{
    Snapshot s;
    s.step = step;
    for (int l = 0; l < depth; ++l) {
        LayerMetrics layer;
        layer.index = l + 1;
        for (int u = 0; u < width; ++u) {
            UnitMetrics m;
            m.aliveShare = 0.05 + 0.9 * std::fmod(0.173 * (l * width + u), 1.0);
            m.zMean = std::sin(0.7 * u + l) - 0.2;
            m.zStd = 0.5 + 0.1 * u;
            layer.units.push_back(m);
        }
        s.layers.push_back(layer);
    }
    return s;
}

void kill(Snapshot &s, int layer, int unit, std::int64_t since)
{
    UnitMetrics &m = s.layers[size_t(layer)].units[size_t(unit)];
    m.aliveShare = 0;
    m.dead = true;
    m.negative = true;
    m.diedAtStep = since;
}

/// A frame of a network small enough for the diagram, with weights and unit pictures
/// (each unit a ReLU of a line through the input plane, or of x in 1-D).
TrainingFrame diagramFrame(int depth, int width, bool twoD = true)
{
    TrainingFrame f;
    f.config.depth = depth;
    f.config.width = width;
    f.config.dataset = twoD ? DatasetKind::Moons : DatasetKind::Sine;
    const int inputs = twoD ? 2 : 1;
    f.dataset = dataset(inputs);
    f.snapshot = snapshot(depth, width, 200);
    // He-initialised weights, as a real network starts with.
    std::mt19937_64 rng(7);
    auto weights = std::make_shared<NetworkWeights>();
    for (int l = 0; l <= depth; ++l) {
        const int in = l == 0 ? inputs : width, out = l == depth ? 1 : width;
        std::normal_distribution<double> normal(0, std::sqrt(2.0 / in));
        Eigen::MatrixXd W(out, in);
        for (int j = 0; j < out; ++j)
            for (int i = 0; i < in; ++i)
                W(j, i) = normal(rng);
        weights->W.push_back(W);
        weights->b.push_back(Eigen::VectorXd::Zero(out));
    }
    f.weights = weights;
    auto pictures = std::make_shared<UnitPictures>();
    const int r = kPictureResolution;
    pictures->resolution = r;
    pictures->twoD = twoD;
    pictures->x0 = pictures->y0 = -1.5;
    pictures->dx = pictures->dy = 3.0 / (r - 1);
    for (int l = 0; l < depth; ++l) {
        Eigen::MatrixXf values(width, twoD ? r * r : r);
        for (int u = 0; u < width; ++u) {
            const double angle = 0.9 * u + 1.7 * l, offset = 0.4 * std::sin(2.1 * u + l);
            for (int iy = 0; iy < (twoD ? r : 1); ++iy)
                for (int ix = 0; ix < r; ++ix) {
                    const double x = pictures->x0 + ix * pictures->dx;
                    const double y = twoD ? pictures->y0 + iy * pictures->dy : 0;
                    const double z = std::cos(angle) * x + std::sin(angle) * y + offset;
                    values(u, iy * r + ix) = float(std::max(0.0, z) * (1 + 0.3 * l));
                }
        }
        pictures->layers.push_back(values);
    }
    f.unitPictures = pictures;
    const int n = twoD ? 40 : 120;
    f.output.resolution = n;
    f.output.x0 = f.output.y0 = -1.5;
    f.output.dx = f.output.dy = 3.0 / (n - 1);
    for (int iy = 0; iy < (twoD ? n : 1); ++iy)
        for (int ix = 0; ix < n; ++ix) {
            const double x = -1.5 + ix * f.output.dx, y = -1.5 + iy * f.output.dy;
            f.output.values.push_back(twoD ? 1 / (1 + std::exp(-4 * (y - 0.5 * std::sin(2 * x))))
                                           : std::sin(M_PI * x));
        }
    f.timeline.append(f.snapshot);
    return f;
}

/// A frame too large for the diagram: units only, some of them dead.
TrainingFrame mapFrame(int depth, int width)
{
    TrainingFrame f;
    f.config.depth = depth;
    f.config.width = width;
    f.dataset = dataset(2);
    f.snapshot = snapshot(depth, width, 3000);
    for (int u = 0; u < width; u += 3)
        kill(f.snapshot, depth - 1, u, 2500); // the last layer mostly dead
    for (int l = 0; l < depth; l += 7)
        kill(f.snapshot, l, (l * 31) % width, 1000 + l);
    f.timeline.append(f.snapshot);
    return f;
}

/// Snapshots every `every` steps up to `last`; layer `dying` (0-based) dies whole at `diesAt`.
DeathTimeline timeline(int depth, int width, int dying, std::int64_t diesAt, std::int64_t last,
                       std::int64_t every = 10)
{
    DeathTimeline t;
    for (std::int64_t step = 0; step <= last; step += every) {
        Snapshot s = snapshot(depth, width, step);
        // Shares drift with the step, so columns differ.
        for (auto &layer : s.layers)
            for (auto &u : layer.units)
                u.aliveShare = std::clamp(
                    u.aliveShare * (1 - 0.3 * double(step) / double(last + 1)), 0.01, 1.0);
        if (step >= diesAt)
            for (int u = 0; u < width; ++u)
                kill(s, dying, u, diesAt);
        t.append(s);
    }
    return t;
}

QImage render(QCustomPlot &plot)
{
    plot.replot();
    return plot.toPixmap(plot.width(), plot.height(), 1.0).toImage();
}

/// Share of the pixels inside `rect` that differ between two images.
double changedShare(const QImage &a, const QImage &b, const QRect &rect)
{
    int changed = 0, total = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x, ++total)
            changed += a.pixel(x, y) != b.pixel(x, y);
    return total == 0 ? 0 : double(changed) / total;
}

bool deadAt(QCPColorMap *dead, double key, double value)
{
    int k = 0, v = 0;
    dead->data()->coordToCell(key, value, &k, &v);
    return dead->data()->alpha(k, v) == 255;
}

QString toolTipAt(QWidget *widget, QPoint pos)
{
    QHelpEvent help(QEvent::ToolTip, pos, widget->mapToGlobal(pos));
    QApplication::sendEvent(widget, &help);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

} // namespace

class TestNetworkPlot : public QObject
{
    Q_OBJECT

private slots:
    void smallNetworkIsADiagram();
    void largeNetworkIsAMapOfAliveShares();
    void hoverTellsTheUnitsNumbers();
    void clickPinsAndUnpins();
    void mapCellsHoverAndPin();
    void aDyingUnitChangesItsPixels();
    void linksOnScreenFollowTheWeights();
    void oneDimensionalDataDrawsCurves();
    void compareAddsRunBToTheTooltip();
    void timelineCellsAreTheDecodedColumns();
    void timelineShowsALayerDyingAsAnEdge();
    void timelineThinnedColumnsReadInSteps();
    void timelineCompareHasTwoPanels();
    void timelineEmptyOrOneStepDoesNotCrash();
    void timelineTooltip();
    void renderPngs();
};

void TestNetworkPlot::smallNetworkIsADiagram()
{
    NetworkPlot plot;
    QCOMPARE(plot.plotId(), QStringLiteral("network"));
    QCOMPARE(plot.toolTip(), plot.explanation());
    QVERIFY(!plot.xAxis->label().isEmpty() && !plot.yAxis->label().isEmpty());
    QVERIFY(plot.explanation().endsWith(QLatin1Char('.')));
    QVERIFY(plot.showsMap()); // nothing shown yet
    plot.setFrame(diagramFrame(2, 4));
    QVERIFY(!plot.showsMap());
    QCOMPARE(plot.diagram()->depth(), 2);
    QCOMPARE(plot.diagram()->unitCount(1), 4);
    QCOMPARE(plot.diagram()->inputs(), 2);
    QVERIFY(!plot.aliveMap()->visible());
    QVERIFY(plot.diagram()->visible());
    QVERIFY(plot.legendTexts().contains(QStringLiteral("dead")));
    // The same network without the view's data (just switched on): the map.
    TrainingFrame bare = diagramFrame(2, 4);
    bare.unitPictures.reset();
    plot.setFrame(bare);
    QVERIFY(plot.showsMap());
    QVERIFY(plot.aliveMap()->visible());
    // Weights that do not chain with the pictures are not drawn as a diagram.
    TrainingFrame broken = diagramFrame(2, 4);
    auto weights = std::make_shared<NetworkWeights>(*broken.weights);
    weights->W[1] = Eigen::MatrixXd::Zero(3, 4);
    broken.weights = weights;
    plot.setFrame(broken);
    QVERIFY(plot.showsMap());
}

void TestNetworkPlot::largeNetworkIsAMapOfAliveShares()
{
    const TrainingFrame frame = mapFrame(50, 256);
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    QVERIFY(plot.showsMap());
    QVERIFY(!plot.diagram()->visible());
    QCPColorMapData *alive = plot.aliveMap()->data();
    QCOMPARE(alive->keySize(), 50);
    QCOMPARE(alive->valueSize(), 256);
    int dead = 0;
    for (int l = 0; l < 50; l += 7)
        for (int u = 0; u < 256; u += 5) {
            const UnitMetrics &m = frame.snapshot.layers[size_t(l)].units[size_t(u)];
            QCOMPARE(alive->data(l + 1, u + 1), m.aliveShare);
            QCOMPARE(deadAt(plot.deadCells(), l + 1, u + 1), m.dead);
            dead += m.dead;
        }
    QVERIFY(dead > 10);
    QVERIFY(plot.colorScale()->visible());
    QVERIFY(plot.colorScale()->label().contains(QStringLiteral("alive share")));
    QVERIFY(plot.legendTexts().join(' ').contains(QStringLiteral("dead")));
    // Depth 200 × width 1024 draws in one map, quickly.
    QElapsedTimer timer;
    timer.start();
    plot.setFrame(mapFrame(200, 1024));
    plot.replot();
    QCOMPARE(plot.aliveMap()->data()->keySize(), 200);
    QCOMPARE(plot.aliveMap()->data()->valueSize(), 1024);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    // Every frame after the first: the map is refilled, not rebuilt.
    const TrainingFrame big = mapFrame(200, 1024);
    timer.restart();
    for (int i = 0; i < 5; ++i) {
        plot.setFrame(big);
        plot.replot();
    }
    qInfo("200 x 1024: %.1f ms per frame", timer.elapsed() / 5.0);
    QVERIFY(plot.itemCount() <= 2); // no item per cell
}

void TestNetworkPlot::hoverTellsTheUnitsNumbers()
{
    TrainingFrame frame = diagramFrame(3, 8);
    frame.snapshot.layers[1].units[4].aliveShare = 0.63;
    frame.snapshot.layers[1].units[4].zMean = -0.41;
    frame.snapshot.layers[1].units[4].zStd = 0.88;
    kill(frame.snapshot, 2, 5, 120);
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setFrame(frame);
    plot.replot();
    const QPointF centre = plot.unitRect(1, 4).center();
    QVERIFY(plot.unitRect(1, 4).width() > 10);
    QCOMPARE(plot.unitAt(centre), std::optional(std::pair{1, 4}));
    QCOMPARE(plot.unitAt(plot.unitRect(2, 5).center()), std::optional(std::pair{2, 5}));
    QVERIFY(!plot.unitAt(QPointF(2, 2)));

    QSignalSpy hovered(&plot, &NetworkPlot::unitHovered);
    QTest::mouseMove(&plot, centre.toPoint());
    QTRY_COMPARE(hovered.count(), 1);
    QCOMPARE(hovered.at(0).at(0).toInt(), 1);
    QCOMPARE(hovered.at(0).at(1).toInt(), 4);
    QCOMPARE(plot.hoveredUnit(), std::optional(std::pair{1, 4}));
    const QString alive = toolTipAt(&plot, centre.toPoint());
    QVERIFY2(alive.startsWith(QStringLiteral("Layer 2, unit 5")), qPrintable(alive));
    QVERIFY2(alive.contains(QStringLiteral("alive on 63% of inputs")), qPrintable(alive));
    QVERIFY2(alive.contains(QStringLiteral("z mean −0.41, std 0.88")), qPrintable(alive));
    QVERIFY2(!alive.contains(QStringLiteral("dead")), qPrintable(alive));

    QTest::mouseMove(&plot, plot.unitRect(2, 5).center().toPoint());
    QTRY_COMPARE(hovered.count(), 2);
    QCOMPARE(hovered.at(1).at(0).toInt(), 2);
    QCOMPARE(hovered.at(1).at(1).toInt(), 5);
    const QString dead = toolTipAt(&plot, plot.unitRect(2, 5).center().toPoint());
    QVERIFY2(dead.contains(QStringLiteral("alive on no input")), qPrintable(dead));
    QVERIFY2(dead.contains(QStringLiteral("died at step 120")), qPrintable(dead));

    // Off every unit: (-1, -1), and the tooltip is the plot's explanation again.
    QTest::mouseMove(&plot, QPoint(3, 3));
    QTRY_COMPARE(hovered.count(), 3);
    QCOMPARE(hovered.at(2).at(0).toInt(), -1);
    QCOMPARE(hovered.at(2).at(1).toInt(), -1);
    QCOMPARE(toolTipAt(&plot, QPoint(3, 3)), plot.explanation());
    QToolTip::hideText();
}

void TestNetworkPlot::clickPinsAndUnpins()
{
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setFrame(diagramFrame(3, 8));
    plot.replot();
    QSignalSpy pinned(&plot, &NetworkPlot::unitPinned);
    const QPoint unit = plot.unitRect(0, 3).center().toPoint();
    QTest::mouseClick(&plot, Qt::LeftButton, {}, unit);
    QCOMPARE(pinned.count(), 1);
    QCOMPARE(pinned.at(0).at(0).toInt(), 0);
    QCOMPARE(pinned.at(0).at(1).toInt(), 3);
    QCOMPARE(plot.pinnedUnit(), std::optional(std::pair{0, 3}));
    // The pinned unit is outlined: its surroundings change.
    const QImage pinnedImage = render(plot);
    plot.setPinnedUnit(-1, -1);
    const QImage plain = render(plot);
    const QRect around = plot.unitRect(0, 3).adjusted(-8, -8, 8, 8).toAlignedRect();
    QVERIFY(changedShare(pinnedImage, plain, around) > 0.05);
    QCOMPARE(pinned.count(), 1); // setPinnedUnit is silent
    QVERIFY(!plot.pinnedUnit());

    QTest::mouseClick(&plot, Qt::LeftButton, {}, unit);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, unit); // the same unit again: unpinned
    QCOMPARE(pinned.count(), 3);
    QCOMPARE(pinned.at(2).at(0).toInt(), -1);
    QCOMPARE(pinned.at(2).at(1).toInt(), -1);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, unit);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, QPoint(3, 3)); // empty space: unpinned
    QCOMPARE(pinned.count(), 5);
    QCOMPARE(pinned.at(4).at(0).toInt(), -1);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, QPoint(3, 3)); // nothing to unpin: silent
    QCOMPARE(pinned.count(), 5);
    QTest::mouseClick(&plot, Qt::RightButton, {}, unit); // the context menu's button: no pin
    QCOMPARE(pinned.count(), 5);

    plot.setPinnedUnit(2, 7);
    QCOMPARE(plot.pinnedUnit(), std::optional(std::pair{2, 7}));
    QCOMPARE(pinned.count(), 5);
    // A unit the next network does not have is unpinned, and says so.
    plot.setFrame(diagramFrame(2, 4));
    QVERIFY(!plot.pinnedUnit());
    QCOMPARE(pinned.count(), 6);
}

void TestNetworkPlot::mapCellsHoverAndPin()
{
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const TrainingFrame frame = mapFrame(50, 256);
    plot.setFrame(frame);
    plot.replot();
    const QRectF cell = plot.unitRect(7, 217);
    QCOMPARE(plot.unitAt(cell.center()), std::optional(std::pair{7, 217}));
    QSignalSpy hovered(&plot, &NetworkPlot::unitHovered);
    QTest::mouseMove(&plot, cell.center().toPoint());
    QTRY_COMPARE(hovered.count(), 1);
    QCOMPARE(hovered.at(0).at(0).toInt(), 7);
    const QString text = toolTipAt(&plot, cell.center().toPoint());
    QVERIFY2(text.startsWith(QStringLiteral("Layer 8, unit 218")), qPrintable(text));
    QToolTip::hideText();
    QSignalSpy pinned(&plot, &NetworkPlot::unitPinned);
    QTest::mouseClick(&plot, Qt::LeftButton, {}, cell.center().toPoint());
    QCOMPARE(pinned.count(), 1);
    QCOMPARE(plot.pinnedUnit(), std::optional(std::pair{7, 217}));
}

void TestNetworkPlot::aDyingUnitChangesItsPixels()
{
    TrainingFrame frame = diagramFrame(3, 8);
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    const QImage alive = render(plot);
    kill(frame.snapshot, 1, 2, 150);
    plot.setFrame(frame);
    const QImage dead = render(plot);
    QVERIFY(plot.diagram()->unit(1, 2).dead);
    const QRect unit = plot.unitRect(1, 2).toAlignedRect();
    QVERIFY2(changedShare(alive, dead, unit) > 0.5,
             qPrintable(QString::number(changedShare(alive, dead, unit))));
    // Darker on the whole: a dead unit is dark.
    auto lightness = [&](const QImage &image) {
        double sum = 0;
        for (int y = unit.top(); y <= unit.bottom(); ++y)
            for (int x = unit.left(); x <= unit.right(); ++x)
                sum += QColor(image.pixel(x, y)).lightnessF();
        return sum / (unit.width() * unit.height());
    };
    QVERIFY(lightness(dead) < 0.5 * lightness(alive));
    // Its neighbours look the same.
    const QRect other = plot.unitRect(1, 5).toAlignedRect();
    QCOMPARE(changedShare(alive, dead, other), 0.0);

    // Negative but alive (Leaky ReLU) has a mark of its own, and its legend entry.
    frame.config.activation = Activation::LeakyRelu;
    frame.snapshot.layers[1].units[2] = frame.snapshot.layers[1].units[3];
    frame.snapshot.layers[1].units[2].negative = true;
    plot.setFrame(frame);
    const QImage negative = render(plot);
    QVERIFY(plot.diagram()->unit(1, 2).negativeAlive);
    QVERIFY(changedShare(negative, dead, unit) > 0.3);
    QVERIFY(plot.legendTexts().contains(QStringLiteral("negative but alive")));
}

/// Largest difference of one colour channel between two images, over `rect`.
int largestDifference(const QImage &a, const QImage &b, const QRect &rect)
{
    int most = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            most = std::max({most, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                             std::abs(qBlue(p) - qBlue(q))});
        }
    return most;
}

void TestNetworkPlot::linksOnScreenFollowTheWeights()
{
    // The screen keeps the links it drew (an export always draws them afresh): whatever it
    // shows must be what an export of the same frame shows, at once when paused and within
    // one frame per gap between columns while training.
    constexpr int kDepth = 3;
    TrainingFrame frame = diagramFrame(kDepth, 8);
    frame.playing = false;
    NetworkPlot plot;
    plot.resize(800, 560);
    const auto screen = [&plot] {
        plot.replot();
        return plot.grab().toImage().convertToFormat(QImage::Format_RGB32);
    };
    const auto exported = [&plot] {
        return plot.toPixmap(plot.width(), plot.height(), 1.0)
            .toImage()
            .convertToFormat(QImage::Format_RGB32);
    };
    plot.setFrame(frame);
    QImage shown = screen();
    const QRect all = plot.axisRect()->rect(); // laid out by the replot
    QVERIFY(all.width() > 400 && all.height() > 300);
    const QImage before = exported();
    // Links composited from an image and links stroked in place round differently by a few
    // units; a link of the wrong sign differs by more than 40.
    constexpr int kRounding = 8;
    QVERIFY2(largestDifference(shown, before, all) <= kRounding,
             qPrintable(QString::number(largestDifference(shown, before, all))));

    // Training: every weight changes sign; the next frames bring the gaps up to date in turn.
    auto flipped = std::make_shared<NetworkWeights>(*frame.weights);
    for (Eigen::MatrixXd &W : flipped->W)
        W = -W;
    frame.weights = flipped;
    frame.playing = true;
    plot.setFrame(frame);
    const QImage after = exported();
    QVERIFY(largestDifference(before, after, all) > 40);
    shown = screen();
    QVERIFY2(largestDifference(shown, after, all) > 40, "every gap redrawn in one frame");
    for (int gap = 1; gap <= kDepth; ++gap) {
        plot.setFrame(frame);
        shown = screen();
    }
    QVERIFY2(largestDifference(shown, after, all) <= kRounding,
             qPrintable(QString::number(largestDifference(shown, after, all))));

    // Paused: the frame's own links at once.
    frame.weights = std::make_shared<NetworkWeights>(*diagramFrame(kDepth, 8).weights);
    frame.playing = false;
    plot.setFrame(frame);
    shown = screen();
    QVERIFY2(largestDifference(shown, before, all) <= kRounding,
             qPrintable(QString::number(largestDifference(shown, before, all))));
}

void TestNetworkPlot::oneDimensionalDataDrawsCurves()
{
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.setFrame(diagramFrame(2, 6, false));
    QVERIFY(!plot.showsMap());
    QCOMPARE(plot.diagram()->inputs(), 1);
    QCOMPARE(plot.diagram()->unit(0, 0).curve.size(), size_t(kPictureResolution));
    QVERIFY(plot.diagram()->unit(0, 0).image.isNull());
    for (float v : plot.diagram()->unit(1, 3).curve)
        QVERIFY(v >= -1 && v <= 1);
    const QImage image = render(plot);
    QVERIFY(!image.isNull());
}

void TestNetworkPlot::compareAddsRunBToTheTooltip()
{
    TrainingFrame frame = diagramFrame(2, 4);
    auto b = std::make_shared<TrainingFrame>(diagramFrame(2, 4));
    b->config.activation = Activation::LeakyRelu;
    b->snapshot.layers[0].units[1].aliveShare = 0.25;
    frame.compare = b;
    NetworkPlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    QVERIFY(!plot.showsMap());
    const QString text = plot.unitText(0, 1);
    QVERIFY2(text.contains(QStringLiteral("\nA: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\nB: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("alive on 25% of inputs")), qPrintable(text));
    QVERIFY2(plot.note().contains(QStringLiteral("A: ReLU")), qPrintable(plot.note()));
    QVERIFY(plot.note().contains(QStringLiteral("B: Leaky ReLU")));
    frame.compare.reset();
    plot.setFrame(frame);
    QVERIFY(plot.note().isEmpty());
}

void TestNetworkPlot::timelineCellsAreTheDecodedColumns()
{
    TrainingFrame frame;
    frame.timeline = timeline(3, 4, 1, 50, 100);
    TimelinePlot plot;
    QCOMPARE(plot.plotId(), QStringLiteral("timeline"));
    QCOMPARE(plot.toolTip(), plot.explanation());
    QVERIFY(!plot.yAxis->label().isEmpty());
    plot.resize(800, 560);
    plot.setFrame(frame);
    const auto &columns = frame.timeline.columns();
    QCOMPARE(int(columns.size()), 11);
    QCPColorMapData *data = plot.aliveMap()->data();
    QCOMPARE(data->valueSize(), frame.timeline.rows());
    for (const int column : {0, 3, 7, 10})
        for (const int row : {0, 2, 5, 11}) {
            const std::uint8_t cell = (*columns[size_t(column)].cells)[size_t(row)];
            const double step = double(columns[size_t(column)].step);
            QCOMPARE(data->data(step, row), DeathTimeline::decode(cell));
            QCOMPARE(deadAt(plot.deadCells(), step, row), cell == DeathTimeline::kDead);
        }
    QVERIFY(plot.xAxis->range().contains(0));
    QVERIFY(plot.xAxis->range().contains(100));
    QCOMPARE(plot.xAxis->label(), QStringLiteral("training step"));
    QVERIFY(plot.yAxis->rangeReversed()); // layer 1 at the top
    const QVector<QString> labels = plot.yAxis->tickVectorLabels();
    plot.replot();
    QCOMPARE(plot.yAxis->tickVectorLabels().first(), QStringLiteral("layer 1"));
}

void TestNetworkPlot::timelineShowsALayerDyingAsAnEdge()
{
    TrainingFrame frame;
    frame.timeline = timeline(4, 8, 2, 60, 200);
    TimelinePlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    const int rows = frame.timeline.rowsPerLayer();
    for (int r = 2 * rows; r < 3 * rows; ++r) {
        QVERIFY(!deadAt(plot.deadCells(), 50, r));
        QVERIFY(deadAt(plot.deadCells(), 60, r));
        QVERIFY(deadAt(plot.deadCells(), 200, r));
    }
    for (int r : {0, rows, 3 * rows})
        QVERIFY(!deadAt(plot.deadCells(), 200, r));
    // In pixels: left of step 60 the dying layer is light, right of it dark.
    const QImage image = render(plot);
    const double y = plot.yAxis->coordToPixel(2.5 * rows - 0.5);
    auto lightness = [&](double step) {
        return QColor(image.pixel(int(plot.xAxis->coordToPixel(step)), int(y))).lightnessF();
    };
    QVERIFY(lightness(40) > 0.5);
    QVERIFY(lightness(80) < 0.1);
}

void TestNetworkPlot::timelineThinnedColumnsReadInSteps()
{
    TrainingFrame frame;
    frame.timeline = timeline(2, 4, 1, 9000, 9990, 10); // 1000 snapshots: thinned
    const auto &columns = frame.timeline.columns();
    QVERIFY(int(columns.size()) <= DeathTimeline::kMaxColumns);
    TimelinePlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    QVERIFY(plot.xAxis->range().contains(double(columns.front().step)));
    QVERIFY(plot.xAxis->range().contains(double(columns.back().step)));
    QVERIFY(plot.aliveMap()->data()->keySize() <= TimelinePlot::kMaxStepCells);
    // The newest columns (evenly spaced, as dense as the grid) are drawn as they are.
    const auto &newest = columns.back();
    QCOMPARE(plot.aliveMap()->data()->data(double(newest.step), 0),
             DeathTimeline::decode((*newest.cells)[0]));
    QVERIFY(deadAt(plot.deadCells(), 9500, 5));
    QVERIFY(!deadAt(plot.deadCells(), 8000, 5));

    // The largest timeline (200 layers of 1024 units, 400 columns) stays within budget.
    TrainingFrame big;
    big.timeline = timeline(200, 1024, 100, 3000, 4000, 20);
    QCOMPARE(big.timeline.rows(), 8000);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3; ++i) {
        plot.setFrame(big);
        plot.replot();
    }
    qInfo("timeline 8000 rows x %d columns: %.1f ms per frame", int(big.timeline.columns().size()),
          timer.elapsed() / 3.0);
    QVERIFY(double(plot.aliveMap()->data()->keySize()) * plot.aliveMap()->data()->valueSize() <=
            TimelinePlot::kMaxCells);
    // Drawn with 5 rows per layer (8 timeline rows each): layer 101 dies at step 3000.
    QCOMPARE(plot.aliveMap()->data()->valueSize(), 1000);
    for (int r = 500; r < 505; ++r) {
        QVERIFY(!deadAt(plot.deadCells(), 2900, r));
        QVERIFY(deadAt(plot.deadCells(), 3100, r));
        QVERIFY(!deadAt(plot.deadCells(), 3100, r + 5));
    }
    plot.replot();
    const QString text =
        plot.cellText(QPointF(plot.xAxis->coordToPixel(3500), plot.yAxis->coordToPixel(500)));
    QVERIFY2(text.startsWith(QStringLiteral("Layer 101, units 1–")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral("all dead")), qPrintable(text));
}

void TestNetworkPlot::timelineCompareHasTwoPanels()
{
    TrainingFrame frame;
    frame.config.activation = Activation::Relu;
    frame.timeline = timeline(3, 4, 1, 50, 100);
    auto b = std::make_shared<TrainingFrame>();
    b->config.activation = Activation::LeakyRelu;
    b->timeline = timeline(3, 4, 2, 80, 100);
    frame.compare = b;
    TimelinePlot plot;
    plot.resize(800, 560);
    QCOMPARE(plot.panelCount(), 1);
    plot.setFrame(frame);
    QCOMPARE(plot.panelCount(), 2);
    QCOMPARE(plot.axisRects().size(), 2);
    QVERIFY(plot.panelTitle(0).startsWith(QStringLiteral("A: ")));
    QVERIFY(plot.panelTitle(1).startsWith(QStringLiteral("B: ")));
    QVERIFY(deadAt(plot.deadCells(1), 90, 8));
    QVERIFY(!deadAt(plot.deadCells(0), 90, 8));
    plot.replot();
    QVERIFY(plot.panelRect(1)->rect().left() > plot.panelRect(0)->rect().right());
    QVERIFY(plot.panelRect(0)->rect().width() < 0.5 * plot.viewport().width());
    const int compareWidth = plot.panelRect(0)->rect().width();
    // Back to one run: one panel, as wide as the plot.
    frame.compare.reset();
    plot.setFrame(frame);
    QCOMPARE(plot.panelCount(), 1);
    QCOMPARE(plot.axisRects().size(), 1);
    plot.replot();
    QVERIFY(plot.panelRect(0)->rect().width() > 1.8 * compareWidth);
}

void TestNetworkPlot::timelineEmptyOrOneStepDoesNotCrash()
{
    TimelinePlot plot;
    plot.resize(800, 560);
    TrainingFrame empty;
    plot.setFrame(empty);
    QVERIFY(!render(plot).isNull());
    TrainingFrame first;
    first.timeline.append(snapshot(3, 5, 0));
    plot.setFrame(first);
    QVERIFY(!render(plot).isNull());
    QVERIFY(plot.xAxis->range().contains(0));
    QCOMPARE(plot.aliveMap()->data()->data(0, 4),
             DeathTimeline::decode((*first.timeline.columns().front().cells)[4]));
    // One unit in all: still one visible cell.
    TrainingFrame single;
    single.timeline.append(snapshot(1, 1, 0));
    plot.setFrame(single);
    QVERIFY(!render(plot).isNull());
    QCOMPARE(plot.aliveMap()->data()->data(0, 0),
             DeathTimeline::decode((*single.timeline.columns().front().cells)[0]));
}

void TestNetworkPlot::timelineTooltip()
{
    TrainingFrame frame;
    frame.timeline = timeline(3, 4, 1, 50, 100);
    TimelinePlot plot;
    plot.resize(800, 560);
    plot.setFrame(frame);
    plot.replot();
    const QPointF dead(plot.xAxis->coordToPixel(60), plot.yAxis->coordToPixel(5));
    const QString text = plot.cellText(dead);
    QVERIFY2(text.startsWith(QStringLiteral("Layer 2, unit 2, step 60")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral("dead")), qPrintable(text));
    const QPointF alive(plot.xAxis->coordToPixel(20), plot.yAxis->coordToPixel(0));
    QVERIFY(plot.cellText(alive).contains(QStringLiteral("alive on ")));
    QVERIFY(plot.cellText(QPointF(2, 2)).isEmpty());
}

void TestNetworkPlot::renderPngs()
{
    const QString dir = qEnvironmentVariable("RELULAB_PLOT_PNG_DIR");
    if (dir.isEmpty())
        QSKIP("set RELULAB_PLOT_PNG_DIR to write the plots as PNGs");
    QDir().mkpath(dir);
    TrainingFrame twoD = diagramFrame(3, 8);
    twoD.config.activation = Activation::LeakyRelu;
    kill(twoD.snapshot, 0, 6, 80);
    kill(twoD.snapshot, 2, 1, 140);
    twoD.snapshot.layers[1].units[3].negative = true;
    TrainingFrame wide = diagramFrame(10, 16);
    kill(wide.snapshot, 9, 3, 10);
    TrainingFrame oneD = diagramFrame(3, 6, false);
    kill(oneD.snapshot, 1, 2, 40);
    TrainingFrame map = mapFrame(50, 256);
    TrainingFrame small = diagramFrame(4, 16); // the view just switched on: no pictures yet
    small.unitPictures.reset();
    kill(small.snapshot, 2, 7, 50);
    TrainingFrame compareNetwork = twoD;
    compareNetwork.compare = std::make_shared<TrainingFrame>(diagramFrame(3, 8));
    TrainingFrame dying;
    dying.timeline = timeline(6, 16, 3, 1200, 3000, 10);
    TrainingFrame deep;
    deep.timeline = timeline(120, 64, 60, 2000, 3000, 25);
    TrainingFrame compare = dying;
    auto b = std::make_shared<TrainingFrame>();
    b->config.activation = Activation::LeakyRelu;
    b->timeline = timeline(6, 16, 5, 2500, 3000, 10);
    compare.compare = b;
    const QList<std::pair<QString, const TrainingFrame *>> network = {
        {"network-2d", &twoD}, {"network-10x16", &wide},      {"network-1d", &oneD},
        {"network-map", &map}, {"network-map-small", &small}, {"network-compare", &compareNetwork}};
    const QList<std::pair<QString, const TrainingFrame *>> timelines = {
        {"timeline", &dying}, {"timeline-deep", &deep}, {"timeline-compare", &compare}};
    for (const double scale : {1.0, 1.6}) {
        for (const Theme theme : {Theme::Light, Theme::Dark}) {
            const QString suffix = QStringLiteral("-%1%2.png")
                                       .arg(scale, 0, 'f', 1)
                                       .arg(theme == Theme::Dark ? "-dark" : "");
            if (theme == Theme::Dark && scale > 1)
                continue;
            for (const auto &[name, frame] : network) {
                NetworkPlot plot;
                plot.resize(800, 560);
                plot.setPresentationScale(scale);
                plot.setTheme(theme);
                plot.setFrame(*frame);
                if (name == QLatin1String("network-2d"))
                    plot.setPinnedUnit(1, 5);
                plot.replot();
                QVERIFY(plot.savePng(dir + '/' + name + suffix, 800, 560));
            }
            for (const auto &[name, frame] : timelines) {
                TimelinePlot plot;
                plot.resize(800, 560);
                plot.setPresentationScale(scale);
                plot.setTheme(theme);
                plot.setFrame(*frame);
                plot.replot();
                QVERIFY(plot.savePng(dir + '/' + name + suffix, 800, 560));
            }
        }
    }
}

QTEST_MAIN(TestNetworkPlot)
#include "test_network_plot.moc"
