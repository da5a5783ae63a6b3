// SPDX-License-Identifier: MIT
// The window on the screens a classroom has. ctest runs this suite once per screen of
// tests/data/screens/ (the offscreen platform's configfile): 1024×768, 1280×720, 1366×768,
// 1920×1080 and 3840×2160 at 200 %. On each, in normal and presentation mode, the window must
// fit the screen, every plot in sight must get its readable size, and no title, legend or axis
// label may be wider than the room it has, and no two tick labels may touch.
#include "config_json.h"
#include "main_window.h"
#include "plot_base.h"
#include "plot_grid.h"
#include "presentation_controller.h"
#include "training_config.h"
#include "window_fixture.h"

#include <QAction>
#include <QDockWidget>
#include <QPushButton>
#include <QScreen>
#include <QTabBar>
#include <QTest>

#include <algorithm>
#include <limits>
#include <memory>

using namespace relulab;

namespace {

/// Runs the layout passes a change of docks or arrangement sets off (each resize can post the
/// next), then lets the plots replot at their new sizes.
void settle()
{
    for (int pass = 0; pass < 4; ++pass) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QTest::qWait(20);
    }
}

/// The lesson with the longest banner text: the most a banner ever takes from the plots.
const QString kLesson = QStringLiteral("dying-relu");

QString where(const QScreen *screen, const char *mode, const PlotBase *plot = nullptr)
{
    const QSize size = screen->geometry().size();
    return QStringLiteral("%1×%2 @%3, %4%5")
        .arg(size.width())
        .arg(size.height())
        .arg(screen->devicePixelRatio())
        .arg(QLatin1String(mode))
        .arg(plot ? QStringLiteral(", plot ") + plot->plotId() : QString());
}

/// No two tick labels of `axis` touch: along a horizontal axis their widths, along a vertical
/// one their line heights, must fit between neighbouring ticks.
void checkTickLabelsApart(const QCPAxis *axis, const QString &context)
{
    if (!axis->visible() || !axis->tickLabels() || axis->tickLabelRotation() != 0)
        return;
    const QFontMetrics metrics(axis->tickLabelFont());
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const bool vertical = axis->orientation() == Qt::Vertical;
    double previousEnd = -std::numeric_limits<double>::infinity();
    QString previous;
    QList<std::pair<double, QString>> placed;
    for (qsizetype i = 0; i < ticks.size() && i < labels.size(); ++i)
        if (axis->range().contains(ticks[i]) && !labels[i].isEmpty())
            placed.append({axis->coordToPixel(ticks[i]), labels[i]});
    std::sort(placed.begin(), placed.end());
    for (const auto &[centre, text] : std::as_const(placed)) {
        const QRect box = metrics.boundingRect(QRect(), Qt::AlignCenter, text);
        const double half = (vertical ? box.height() : box.width()) / 2.0;
        QVERIFY2(centre - half >= previousEnd,
                 qPrintable(QStringLiteral("%1: tick labels \"%2\" and \"%3\" overlap on axis "
                                           "\"%4\"")
                                .arg(context, previous, text, axis->label())));
        previousEnd = centre + half;
        previous = text;
    }
}

/// Every text element of `plot` fits it: the title line, each legend row, each axis label.
void checkTextFits(const PlotBase *plot, const QString &context)
{
    const int width = plot->width();
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
        const auto *title = qobject_cast<QCPTextElement *>(plot->plotLayout()->elementAt(i));
        if (!title || !title->visible())
            continue;
        const int advance = QFontMetrics(title->font()).horizontalAdvance(title->text());
        QVERIFY2(advance <= width, qPrintable(QStringLiteral("%1: title \"%2\" is %3 px in %4")
                                                  .arg(context, title->text())
                                                  .arg(advance)
                                                  .arg(width)));
    }
    if (plot->legend && plot->legend->visible() && plot->legend->itemCount() > 0) {
        const QRect legend = plot->legend->outerRect();
        QVERIFY2(legend.left() >= 0 && legend.right() <= width,
                 qPrintable(QStringLiteral("%1: legend spans x %2..%3 in %4")
                                .arg(context)
                                .arg(legend.left())
                                .arg(legend.right())
                                .arg(width)));
    }
    for (QCPAxisRect *rect : plot->axisRects()) {
        if (!rect->visible() || rect->width() <= 0)
            continue;
        for (QCPAxis *axis : rect->axes()) {
            if (!axis->visible() || axis->label().isEmpty())
                continue;
            const int length = axis->orientation() == Qt::Vertical ? rect->height() : rect->width();
            const int advance = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
            QVERIFY2(advance <= length,
                     qPrintable(QStringLiteral("%1: axis label \"%2\" is %3 px on a %4 px axis")
                                    .arg(context, axis->label())
                                    .arg(advance)
                                    .arg(length)));
        }
        for (QCPAxis *axis : rect->axes())
            checkTickLabelsApart(axis, context);
    }
}

} // namespace

class TestScreens : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void windowFitsAndEveryPlotIsReadable();
    void presentationModeFits();

private:
    /// A fresh window on the lesson, as a teacher opens it, with its layout settled.
    void openLessonWindow();
    /// Every plot in sight: at least its readable size, and every text in it fits.
    void checkPlots(const char *mode);

    std::unique_ptr<MainWindow> m_window;
};

void TestScreens::init()
{
    m_window.reset();
}

void TestScreens::openLessonWindow()
{
    TrainingConfig config;
    QVERIFY(loadPreset(kLesson, config).isEmpty());
    MainWindowOptions options = testWindowOptions(false);
    options.lesson = kLesson;
    m_window = std::make_unique<MainWindow>(config, options);
    // As the program opens it: at the size restoreSettings() chose for this screen.
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &) { return true; }));
    settle();
    for (PlotBase *p : m_window->plots())
        p->replot();
}

void TestScreens::checkPlots(const char *mode)
{
    const QScreen *screen = m_window->screen();
    PlotGrid *grid = m_window->plotGrid();
    const QSize minimum = grid->minimumPlotSize();
    int shown = 0;
    for (PlotBase *p : m_window->plots()) {
        if (!grid->plotShown(p->plotId()))
            continue;
        ++shown;
        QVERIFY2(p->isVisible(), qPrintable(where(screen, mode, p)));
        QVERIFY2(p->width() >= minimum.width() && p->height() >= minimum.height(),
                 qPrintable(QStringLiteral("%1: %2×%3, below %4×%5")
                                .arg(where(screen, mode, p))
                                .arg(p->width())
                                .arg(p->height())
                                .arg(minimum.width())
                                .arg(minimum.height())));
        // Inside the window, not cut at its edge.
        const QRect inWindow(p->mapTo(m_window.get(), QPoint(0, 0)), p->size());
        QVERIFY2(m_window->rect().contains(inWindow), qPrintable(where(screen, mode, p)));
        checkTextFits(p, where(screen, mode, p));
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY2(shown >= 1, qPrintable(where(screen, mode)));
    if (grid->arrangement() == PlotGrid::Arrangement::Single)
        QVERIFY(grid->chooser()->isVisible());
}

void TestScreens::windowFitsAndEveryPlotIsReadable()
{
    openLessonWindow();
    if (QTest::currentTestFailed())
        return;
    const QScreen *screen = m_window->screen();
    const QRect available = screen->availableGeometry();
    QVERIFY2(available.contains(m_window->frameGeometry()),
             qPrintable(QStringLiteral("%1: window %2,%3 %4×%5 on %6×%7")
                            .arg(where(screen, "normal"))
                            .arg(m_window->frameGeometry().x())
                            .arg(m_window->frameGeometry().y())
                            .arg(m_window->frameGeometry().width())
                            .arg(m_window->frameGeometry().height())
                            .arg(available.width())
                            .arg(available.height())));
    // Every screen here shows all six cells at once, folding the docks where it must.
    PlotGrid *grid = m_window->plotGrid();
    QVERIFY2(grid->arrangement() != PlotGrid::Arrangement::Single,
             qPrintable(where(screen, "normal")));
    QCOMPARE(m_window->docksFolded(), available.width() < 1200);
    checkPlots("normal");
    // The banner keeps its buttons in the window.
    for (const char *name : {"unlockLessonButton", "resetLessonButton"}) {
        auto *button = m_window->findChild<QPushButton *>(QLatin1String(name));
        QVERIFY(button && button->isVisible());
        const QRect inWindow(button->mapTo(m_window.get(), QPoint(0, 0)), button->size());
        QVERIFY2(m_window->rect().contains(inWindow), name);
    }

    // The controls brought back on a small screen: the plots take turns instead of shrinking.
    if (m_window->docksFolded()) {
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
            if (dock->objectName() == QLatin1String("controlsDock"))
                dock->show();
        settle();
        for (PlotBase *p : m_window->plots())
            p->replot();
        checkPlots("controls shown");
        QCOMPARE(grid->arrangement(), PlotGrid::Arrangement::Single);
        // Choosing another plot puts it in sight, drawn.
        grid->chooser()->setCurrentIndex(grid->chooser()->count() - 1);
        QVERIFY(grid->plotShown(QStringLiteral("output")));
        QVERIFY(!grid->plotShown(QStringLiteral("activation")));
        QVERIFY(m_window->plot(QStringLiteral("output"))->isVisible());
    }
}

void TestScreens::presentationModeFits()
{
    openLessonWindow();
    if (QTest::currentTestFailed())
        return;
    QAction *present = m_window->presentation()->presentationAction();
    present->trigger();
    settle();
    for (PlotBase *p : m_window->plots())
        p->replot();
    QVERIFY(m_window->screen()->geometry().contains(m_window->frameGeometry()));
    checkPlots("presentation");
    present->trigger();
    settle();
    QVERIFY(m_window->screen()->availableGeometry().contains(m_window->frameGeometry()));
}

QTEST_MAIN(TestScreens)
#include "test_screens.moc"
