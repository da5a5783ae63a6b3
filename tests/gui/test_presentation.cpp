// SPDX-License-Identifier: MIT
// Presentation mode and themes in the real window: F5 goes full screen with large text and only
// the main controls, Esc restores everything; the dark theme repaints the plots; the
// explanations panel follows the plot under the mouse.
#include "control_panel.h"
#include "cost_chart.h"
#include "cost_panel.h"
#include "explanation_panel.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "main_window.h"
#include "plot_base.h"
#include "presentation_controller.h"
#include "window_fixture.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QSlider>
#include <QTest>

using namespace relulab;

namespace {

QColor backgroundOf(PlotBase *plot)
{
    const QImage image = plot->toPixmap(plot->width(), plot->height(), 1.0).toImage();
    return image.pixelColor(2, image.height() - 3);
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT

private slots:
    void f5EntersAndEscRestores()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.resize(kTestWindowSize);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        PresentationController *p = window.presentation();
        const QRect geometry = window.geometry();
        const double panelPoints = window.controlPanel()->font().pointSizeF();
        QWidget *depth = window.controlPanel()->depthSlider();
        const double depthPoints = depth->font().pointSizeF();
        const QList<QWidget *> advanced = p->advancedControls();
        QCOMPARE(advanced.size(), 9);
        // Tick counts: fewer, larger labels while presenting; each axis's own count after.
        QCPAxis *layers = window.plot(QStringLiteral("gradients"))->xAxis;
        QCPAxis *steps = window.plot(QStringLiteral("loss"))->xAxis;
        for (PlotBase *plot : window.plots())
            plot->replot();
        const int layerTicks = layers->ticker()->tickCount();
        const int stepTicks = steps->ticker()->tickCount();
        for (QWidget *w : advanced)
            QVERIFY(!w->isHidden());

        // What MainWindow passes on when a lesson is shown (LessonController::lessonChanged).
        const QString lookFor = QStringLiteral("The dead share climbs to 100%.");
        p->setLookFor(lookFor);
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(p->isActive());
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        for (QWidget *w : advanced)
            QVERIFY2(w->isHidden(), qPrintable(w->objectName()));
        QVERIFY(!window.controlPanel()
                     ->findChild<QComboBox *>(QStringLiteral("activationCombo"))
                     ->isHidden());
        QVERIFY(!window.controlPanel()->depthSlider()->isHidden());
        QVERIFY(window.controlPanel()->font().pointSizeF() > panelPoints * 1.2);
        QVERIFY(depth->font().pointSizeF() > depthPoints * 1.2);
        for (PlotBase *plot : window.plots())
            QCOMPARE(plot->presentationScale(), PresentationController::kPlotScale);
        for (PlotBase *plot : window.plots())
            plot->replot(); // a step axis counts its ticks for its width at each replot
        // Fewer than the 10 the layer axis asks for; how many of them fit the axis's length
        // (a full screen's is longer) is test_screens' check that no two labels touch.
        QVERIFY(layers->ticker()->tickCount() < 10);
        // The step axis counts its ticks for its width and label size (test_plots checks they
        // never overlap): larger labels never get more of them.
        QVERIFY(steps->ticker()->tickCount() <= stepTicks);
        QVERIFY2(p->caption()->isVisibleTo(&window), qPrintable(p->caption()->text()));
        QVERIFY(p->caption()->text().contains(lookFor));

        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!p->isActive());
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QTRY_COMPARE(window.geometry(), geometry);
        for (QWidget *w : advanced)
            QVERIFY(!w->isHidden());
        QCOMPARE(window.controlPanel()->font().pointSizeF(), panelPoints);
        QCOMPARE(depth->font().pointSizeF(), depthPoints);
        for (PlotBase *plot : window.plots())
            QCOMPARE(plot->presentationScale(), 1.0);
        for (PlotBase *plot : window.plots())
            plot->replot();
        // The presentation's reduction is undone (the count may be larger than before if the
        // axis is now longer: it is also fitted to the room).
        QVERIFY(layers->ticker()->tickCount() >= layerTicks);
        QCOMPARE(steps->ticker()->tickCount(), stepTicks);
        QVERIFY(!p->caption()->isVisibleTo(&window));
        QVERIFY(!p->presentationAction()->isChecked());
    }

    void lessonBannerMakesRoomWhilePresenting()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.resize(1200, 800);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(window.lessonController()->load(QStringLiteral("dying-relu")), QString());
        QVERIFY(window.lessonBanner()->isVisibleTo(&window));
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(window.presentation()->isActive());
        QVERIFY(!window.lessonBanner()->isVisibleTo(&window));
        QVERIFY(window.presentation()->caption()->isVisibleTo(&window));
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(window.lessonBanner()->isVisibleTo(&window));
    }

    void escOutsidePresentationDoesNothing()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!window.presentation()->exitAction()->isEnabled());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.presentation()->isActive());
    }

    void hiddenByLessonStaysHiddenAfterPresentation()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QWidget *seed = window.presentation()->advancedControls().last();
        seed->hide(); // as a lesson's lock-down might
        window.presentation()->setActive(true);
        window.presentation()->setActive(false);
        QVERIFY(seed->isHidden());
    }

    void dockIconsAreMadeOnceAcrossPresentations()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("controlsDock"));
        QVERIFY(dock);
        auto *floatButton =
            dock->findChild<QAbstractButton *>(QStringLiteral("qt_dockwidget_floatbutton"));
        QVERIFY(floatButton);
        const qint64 icon = floatButton->icon().cacheKey();
        // Leaving restores the dock layout, which re-docks every dock and asks the style for
        // its title-bar icons again: the same icons must come back, not new ones.
        for (int i = 0; i < 3; ++i) {
            window.presentation()->setActive(true);
            window.presentation()->setActive(false);
            QCOMPARE(floatButton->icon().cacheKey(), icon);
        }
    }

    void themeSwitchRepaintsPlotBackgrounds()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PlotBase *loss = window.plot(QStringLiteral("loss"));
        QCOMPARE(backgroundOf(loss), QColor(Qt::white));
        const qint64 lightIcon = window.resetAction()->icon().cacheKey();
        window.presentation()->setTheme(Theme::Dark);
        // Toolbar icons in light ink on the dark toolbar.
        const qint64 darkIcon = window.resetAction()->icon().cacheKey();
        QVERIFY(darkIcon != lightIcon);
        for (PlotBase *plot : window.plots()) {
            QCOMPARE(plot->theme(), Theme::Dark);
            QVERIFY(backgroundOf(plot).lightness() < 40);
        }
        QVERIFY(window.palette().color(QPalette::Window).lightness() < 60);
        window.presentation()->setTheme(Theme::Light);
        QCOMPARE(backgroundOf(loss), QColor(Qt::white));
        QVERIFY(window.palette().color(QPalette::Window).lightness() > 150);
        // Each theme's icons are made once: new QIcons per switch would grow the pixmap cache.
        QCOMPARE(window.resetAction()->icon().cacheKey(), lightIcon);
        window.presentation()->setTheme(Theme::Dark);
        QCOMPARE(window.resetAction()->icon().cacheKey(), darkIcon);
        // The cost chart, made after the switch, and then following it.
        window.costAction()->trigger();
        QVERIFY(window.costPanel());
        QCOMPARE(window.costPanel()->chart()->theme(), Theme::Dark);
        window.presentation()->setTheme(Theme::Light);
        QCOMPARE(window.costPanel()->chart()->theme(), Theme::Light);
        window.costPanel()->close();
    }

    void explanationPanelFollowsTheHoveredPlot()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ExplanationPanel *panel = window.explanationPanel();
        QEvent enter(QEvent::Enter);
        QApplication::sendEvent(window.plot(QStringLiteral("gradients")), &enter);
        QCOMPARE(panel->plot(), window.plot(QStringLiteral("gradients")));
        const QString before = panel->explanationText();
        QApplication::sendEvent(window.plot(QStringLiteral("output")), &enter);
        QCOMPARE(panel->plot(), window.plot(QStringLiteral("output")));
        QVERIFY(panel->explanationText() != before);

        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("explanationDock"));
        QVERIFY(dock && dock->isAncestorOf(panel));
        dock->hide();
        QTest::keyClick(&window, Qt::Key_F1);
        QVERIFY(dock->isVisible());
    }

    void everyControlAndPlotHasATooltip()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        for (PlotBase *plot : window.plots())
            QVERIFY2(!plot->toolTip().isEmpty(), qPrintable(plot->plotId()));
        const auto fields = window.controlPanel()->findChildren<QWidget *>();
        int checked = 0;
        for (QWidget *w : fields) {
            if (w->objectName().endsWith(QLatin1String("Slider")) ||
                w->objectName().endsWith(QLatin1String("Combo")) ||
                w->objectName().endsWith(QLatin1String("SpinBox"))) {
                // Qt passes a tooltip request up to the parent, so a composite control's
                // parts show the composite's tooltip.
                QWidget *tipped = w;
                while (tipped && tipped->toolTip().isEmpty() && tipped != window.controlPanel())
                    tipped = tipped->parentWidget();
                QVERIFY2(tipped && !tipped->toolTip().isEmpty(), qPrintable(w->objectName()));
                ++checked;
            }
        }
        QVERIFY(checked >= 12);
    }
};

QTEST_MAIN(TestPresentation)
#include "test_presentation.moc"
