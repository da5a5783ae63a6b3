// SPDX-License-Identifier: MIT
// PNG/PDF export of single plots, Export all, and the offscreen export behind relulab-cli.
#include "activation_plot.h"
#include "config_json.h"
#include "dead_neuron_plot.h"
#include "derivative_plot.h"
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "loss_plot.h"
#include "offscreen_export.h"
#include "output_plot.h"
#include "plot_exporter.h"
#include "trainer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

using namespace relulab;

namespace {

const QStringList kAllFiles{"activation.png", "derivative.png", "gradients.png", "dead.png",
                            "loss.png",       "output.png",     "network.png",   "timeline.png",
                            "dashboard.png",  "config.json"};

/// The plots at the offscreen export size, showing `config` after `steps` steps.
struct PlotSet
{
    std::vector<std::unique_ptr<PlotBase>> owned;
    QList<PlotBase *> plots;

    explicit PlotSet(const TrainingConfig &config, int steps = 20)
    {
        Trainer trainer(config);
        FrameRecorder recorder;
        recorder.record(trainer, 0, false);
        trainer.train(steps);
        const FramePtr frame = recorder.record(trainer, 0, false);
        owned = makeDashboardPlots();
        for (const auto &p : owned) {
            p->resize(kOffscreenPlotWidth, kOffscreenPlotHeight);
            p->setFrame(*frame);
            plots.append(p.get());
        }
    }
};

TrainingConfig leaky(double alpha)
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = alpha;
    return c;
}

/// Runs `act` on the first popup or modal widget that opens (menus and dialogs block in exec()).
/// A check that fails in `act` returns from it alone: the widget is then closed, so exec()
/// returns, and callers stop on QTest::currentTestFailed().
void whenOpened(std::function<void(QWidget *)> act)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, act] {
        QWidget *w = QApplication::activePopupWidget();
        if (!w)
            w = QApplication::activeModalWidget();
        if (!w)
            return;
        timer->stop();
        timer->deleteLater();
        const QPointer<QWidget> opened = w;
        act(w);
        if (QTest::currentTestFailed() && opened && opened->isVisible())
            opened->close();
    });
    timer->start();
}

/// Pixels that differ between two images of the same size.
int differingPixels(const QImage &a, const QImage &b)
{
    int differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differing += a.pixel(x, y) != b.pixel(x, y);
    return differing;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void pngAtScaleAndBackground();
    void pdfIsWritten();
    void badScaleOrFolderWritesNothing();
    void exportAllWritesEveryFile();
    void activationPixelsDependOnAlpha();
    void networkAndTimelinePixelsChangeWhenAUnitDies();
    void exportAllIntoUnwritableFolderWritesNothing();
    void failedFileRemovesWhatWasWritten();
    void exportDialogWritesTheChosenFormat();
    void contextMenuOffersExportAndCopy();
    void offscreenExportWritesAllTenFiles();
    void offscreenExportRejectsBadInput();
};

void TestExport::pngAtScaleAndBackground()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PlotSet set(TrainingConfig{});
    PlotBase *plot = set.plots.front();
    for (double scale : {1.0, 2.0, 3.0}) {
        const QString path = dir.filePath(QStringLiteral("a%1.png").arg(scale));
        QCOMPARE(PlotExporter::exportPng(plot, path, scale, false), QString());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(kOffscreenPlotWidth, kOffscreenPlotHeight) * scale);
        QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
    }
    const QString clear = dir.filePath(QStringLiteral("clear.png"));
    QCOMPARE(PlotExporter::exportPng(plot, clear, 1.0, true), QString());
    const QImage image(clear);
    QVERIFY(image.hasAlphaChannel());
    QCOMPARE(image.pixelColor(2, 2).alpha(), 0);
    // The plot itself keeps its white background.
    QCOMPARE(PlotExporter::renderImage(plot, 1.0, false).pixelColor(2, 2), QColor(Qt::white));
    QCOMPARE(entries(dir.path()).size(), 4); // no temporary files left behind
}

void TestExport::pdfIsWritten()
{
    QTemporaryDir dir;
    PlotSet set(TrainingConfig{});
    const QString path = dir.filePath(QStringLiteral("loss.pdf"));
    QCOMPARE(PlotExporter::exportPdf(set.plots[4], path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.size() > 1000);
    QVERIFY(file.read(5) == "%PDF-");
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("loss.pdf")});
}

void TestExport::badScaleOrFolderWritesNothing()
{
    QTemporaryDir dir;
    PlotSet set(TrainingConfig{});
    const QString path = dir.filePath(QStringLiteral("x.png"));
    QVERIFY(PlotExporter::exportPng(set.plots[0], path, 0.0, false).contains("scale"));
    QVERIFY(PlotExporter::exportPng(set.plots[0], path, qQNaN(), false).contains("scale"));
    QVERIFY(
        PlotExporter::exportAll(set.plots, TrainingConfig{}, dir.path(), 100).contains("scale"));
    const QString missing = dir.filePath(QStringLiteral("missing/x.png"));
    QVERIFY(PlotExporter::exportPng(set.plots[0], missing, 1, false).contains("does not exist"));
    QVERIFY(PlotExporter::exportPdf(set.plots[0], missing).contains("does not exist"));
    QVERIFY(entries(dir.path()).isEmpty());
}

void TestExport::exportAllWritesEveryFile()
{
    QTemporaryDir dir;
    TrainingConfig config = leaky(0.2);
    config.depth = 3;
    config.seed = 42;
    PlotSet set(config);
    QCOMPARE(PlotExporter::exportAll(set.plots, config, dir.path(), 1.0), QString());
    QStringList expected = kAllFiles;
    expected.sort();
    QCOMPARE(entries(dir.path()), expected);
    for (const QString &name : kAllFiles)
        QVERIFY2(QFileInfo(dir.filePath(name)).size() > 100, qPrintable(name));
    const QImage dashboard(dir.filePath(QStringLiteral("dashboard.png")));
    QVERIFY(dashboard.width() >= 3 * kOffscreenPlotWidth);
    QVERIFY(dashboard.height() >= 2 * kOffscreenPlotHeight);

    // config.json reproduces the settings exactly.
    QFile json(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(json.open(QIODevice::ReadOnly));
    TrainingConfig back;
    QCOMPARE(applyConfigJson(back, QJsonDocument::fromJson(json.readAll()).object()), QString());
    QVERIFY(back == config);
    const QString title = PlotExporter::describeConfig(config, 20);
    QVERIFY(title.contains("leaky_relu") && title.contains("0.2") && title.contains("seed 42"));
    QVERIFY(title.contains("step 20"));
    QVERIFY(!title.contains("float32"));
    TrainingConfig narrow = config;
    narrow.precision = Precision::BFloat16;
    QVERIFY(PlotExporter::describeConfig(narrow, 20).contains(", in bfloat16"));
}

void TestExport::activationPixelsDependOnAlpha()
{
    QTemporaryDir zeroDir, slopeDir;
    PlotSet zero(leaky(0.0)), slope(leaky(0.3));
    QCOMPARE(PlotExporter::exportAll(zero.plots, leaky(0.0), zeroDir.path(), 1.0), QString());
    QCOMPARE(PlotExporter::exportAll(slope.plots, leaky(0.3), slopeDir.path(), 1.0), QString());
    const QImage a(zeroDir.filePath(QStringLiteral("activation.png")));
    const QImage b(slopeDir.filePath(QStringLiteral("activation.png")));
    QVERIFY(!a.isNull() && !b.isNull());
    QCOMPARE(a.size(), b.size());
    const int differing = differingPixels(a, b);
    // A thick line moved across a third of the plot, not a few pixels of text.
    QVERIFY2(differing > 2000, qPrintable(QString::number(differing)));
}

void TestExport::networkAndTimelinePixelsChangeWhenAUnitDies()
{
    TrainingConfig c;
    c.activation = Activation::Relu;
    c.depth = 2;
    c.width = 6;
    Trainer trainer(c);
    FrameRecorder recorder;
    recorder.setNetworkView(true);
    recorder.record(trainer, 0, false);
    trainer.train(5);
    const FramePtr alive = recorder.record(trainer, 0, false);
    QVERIFY(!alive->snapshot.layers[1].units[3].dead);
    const Eigen::VectorXd w = trainer.network().parameters()[1].W.row(3).transpose().cast<double>();
    QVERIFY(trainer.setUnit(1, 3, trainer.killBias(1, 3), w));
    trainer.train(5);
    const FramePtr killed = recorder.record(trainer, 0, false);
    QVERIFY(killed->snapshot.layers[1].units[3].dead);

    QTemporaryDir before, after;
    for (const auto &[frame, dir] : {std::pair{alive, &before}, std::pair{killed, &after}}) {
        std::vector<std::unique_ptr<PlotBase>> plots = makeDashboardPlots();
        QList<PlotBase *> list;
        for (const auto &p : plots) {
            p->resize(kOffscreenPlotWidth, kOffscreenPlotHeight);
            p->setFrame(*frame);
            list.append(p.get());
        }
        QCOMPARE(PlotExporter::exportAll(list, c, dir->path(), 1.0), QString());
    }
    for (const QString &name : {QStringLiteral("network.png"), QStringLiteral("timeline.png")}) {
        const QImage a(before.filePath(name)), b(after.filePath(name));
        QVERIFY2(!a.isNull() && !b.isNull(), qPrintable(name));
        QCOMPARE(a.size(), b.size());
        const int differing = differingPixels(a, b);
        // The dead unit's dark cross (or its dark row) is larger than a changed tick label.
        QVERIFY2(differing > 300, qPrintable(name + QStringLiteral(": %1").arg(differing)));
    }
}

void TestExport::exportAllIntoUnwritableFolderWritesNothing()
{
    // Tests may run as root, which ignores permission bits: a folder under a regular file can
    // never be created or written by anyone.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plain-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    PlotSet set(TrainingConfig{});
    for (const QString &target : {file + QStringLiteral("/sub"), file, QString()}) {
        const QString error = PlotExporter::exportAll(set.plots, TrainingConfig{}, target, 1.0);
        QVERIFY2(!error.isEmpty(), qPrintable(target));
        QVERIFY(error.startsWith(QStringLiteral("cannot export")));
    }
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("plain-file")});
    QVERIFY(!PlotExporter::exportAll(set.plots, TrainingConfig{}, "/proc", 1.0).isEmpty());
    QVERIFY(!QFileInfo::exists("/proc/activation.png"));
}

void TestExport::failedFileRemovesWhatWasWritten()
{
    QTemporaryDir dir;
    // A folder where loss.png should go makes that one file fail after others were written.
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("loss.png")));
    PlotSet set(TrainingConfig{});
    const QString error = PlotExporter::exportAll(set.plots, TrainingConfig{}, dir.path(), 1.0);
    QVERIFY(error.contains(QStringLiteral("loss.png")));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("loss.png")});
}

void TestExport::exportDialogWritesTheChosenFormat()
{
    QTemporaryDir dir;
    PlotSet set(TrainingConfig{});
    PlotBase *plot = set.plots[1];
    const QString png = dir.filePath(QStringLiteral("mine")); // the suffix is added
    whenOpened([&](QWidget *w) {
        QCOMPARE(w->objectName(), QStringLiteral("exportDialog"));
        w->findChild<QLineEdit *>(QStringLiteral("path"))->setText(png);
        w->findChild<QComboBox *>(QStringLiteral("scale"))->setCurrentIndex(2);
        w->findChild<QComboBox *>(QStringLiteral("background"))->setCurrentIndex(1);
        w->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    });
    plot->exportInteractive();
    if (QTest::currentTestFailed())
        return;
    const QImage image(png + QStringLiteral(".png"));
    QCOMPARE(image.size(), QSize(kOffscreenPlotWidth, kOffscreenPlotHeight) * 3);
    QCOMPARE(image.pixelColor(1, 1).alpha(), 0);

    // Choosing PDF switches the suggested suffix and greys out the PNG-only options.
    whenOpened([&](QWidget *w) {
        auto *path = w->findChild<QLineEdit *>(QStringLiteral("path"));
        path->setText(dir.filePath(QStringLiteral("vector.png")));
        w->findChild<QComboBox *>(QStringLiteral("format"))->setCurrentIndex(1);
        QVERIFY(path->text().endsWith(QStringLiteral("vector.pdf")));
        QVERIFY(!w->findChild<QComboBox *>(QStringLiteral("scale"))->isEnabled());
        w->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    });
    plot->exportInteractive();
    if (QTest::currentTestFailed())
        return;
    QFile pdf(dir.filePath(QStringLiteral("vector.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");

    // Cancel writes nothing.
    whenOpened([](QWidget *w) { static_cast<QDialog *>(w)->reject(); });
    plot->exportInteractive();
    QCOMPARE(entries(dir.path()).size(), 2);
}

void TestExport::contextMenuOffersExportAndCopy()
{
    PlotSet set(TrainingConfig{});
    PlotBase *plot = set.plots[0];
    QStringList actions;
    whenOpened([&](QWidget *w) {
        for (QAction *a : static_cast<QMenu *>(w)->actions())
            actions << a->text();
        w->close();
    });
    emit plot->customContextMenuRequested(QPoint(20, 20));
    QCOMPARE(actions, QStringList({QStringLiteral("Export plot…"), QStringLiteral("Copy image")}));

    QApplication::clipboard()->clear();
    plot->copyToClipboard();
    const QImage copied = QApplication::clipboard()->image();
    QCOMPARE(copied.size(), QSize(kOffscreenPlotWidth, kOffscreenPlotHeight) * 2);
}

void TestExport::offscreenExportWritesAllTenFiles()
{
    QTemporaryDir dir;
    TrainingConfig config;
    config.dataset = DatasetKind::Circles;
    QCOMPARE(exportPlots(config, 150, dir.path(), 2.0), QString());
    QStringList expected = kAllFiles;
    expected.sort();
    QCOMPARE(entries(dir.path()), expected);
    for (const QString &name : kAllFiles) {
        if (!name.endsWith(QStringLiteral(".png")) || name == QStringLiteral("dashboard.png"))
            continue;
        const QImage image(dir.filePath(name));
        QCOMPARE(image.size(), QSize(2 * kOffscreenPlotWidth, 2 * kOffscreenPlotHeight));
    }
    // steps 0 works too: the freshly initialised network.
    QTemporaryDir fresh;
    QCOMPARE(exportPlots(TrainingConfig{}, 0, fresh.path(), 1.0), QString());
    QCOMPARE(entries(fresh.path()).size(), kAllFiles.size());
}

void TestExport::offscreenExportRejectsBadInput()
{
    QTemporaryDir dir;
    TrainingConfig bad = leaky(1.5);
    QVERIFY(exportPlots(bad, 10, dir.path(), 1.0).contains(QStringLiteral("alpha")));
    QVERIFY(!exportPlots(TrainingConfig{}, -1, dir.path(), 1.0).isEmpty());
    QVERIFY(exportPlots(TrainingConfig{}, 10, dir.path(), 9.0).contains(QStringLiteral("scale")));
    QVERIFY(
        exportPlots(TrainingConfig{}, 10, dir.filePath("nope"), 1.0).contains("does not exist"));
    QVERIFY(entries(dir.path()).isEmpty());
}

QTEST_MAIN(TestExport)
#include "test_export.moc"
