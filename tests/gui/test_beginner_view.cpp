// SPDX-License-Identifier: MIT
// View → Beginner view: five controls and four large plots, and back to the full window
// exactly; kept in sessions, links and lessons.
#include "activation.h"
#include "activation_plot.h"
#include "config_json.h"
#include "control_panel.h"
#include "lesson_controller.h"
#include "main_window.h"
#include "plot_base.h"
#include "plot_grid.h"
#include "session_file.h"
#include "setup_link.h"
#include "view_controller.h"
#include "window_fixture.h"

#include <QAction>
#include <QGroupBox>
#include <QSlider>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace relulab;

namespace {

/// Runs the layout passes a change of cells sets off (each resize can post the next).
void settle()
{
    for (int pass = 0; pass < 4; ++pass) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QTest::qWait(20);
    }
}

/// Everything the beginner view changes and must give back: which controls and groups show,
/// which plots are in sight, which tab of each cell is in front, the arrangement.
struct WindowLook
{
    QStringList shownControls;
    QStringList shownPlots;
    QList<int> frontTabs;
    int arrangement = -1;

    bool operator==(const WindowLook &) const = default;
};

WindowLook lookOf(const MainWindow &window)
{
    WindowLook look;
    for (const QWidget *w : window.controlPanel()->findChildren<QWidget *>()) {
        if (!w->isHidden() && !w->objectName().isEmpty())
            look.shownControls.append(w->objectName());
        if (const auto *group = qobject_cast<const QGroupBox *>(w); group && !group->isHidden())
            look.shownControls.append(group->title());
    }
    for (const PlotBase *p : window.plots())
        if (window.plotGrid()->plotShown(p->plotId()))
            look.shownPlots.append(p->plotId());
    for (const QTabWidget *tabs : window.plotGrid()->findChildren<QTabWidget *>())
        look.frontTabs.append(tabs->currentIndex());
    look.arrangement = int(window.plotGrid()->arrangement());
    return look;
}

QStringList visibleKeys(const ControlPanel &panel)
{
    QStringList keys;
    for (const char *key : {"activation", "alpha", "depth", "width", "init", "init_scale",
                            "bias_init", "dataset", "samples", "noise", "input_shift", "optimizer",
                            "learning_rate", "batch_size", "weight_decay", "seed"}) {
        if (const QWidget *control = panel.controlForKey(QLatin1String(key));
            control && !control->isHidden())
            keys.append(QLatin1String(key));
    }
    return keys;
}

} // namespace

class TestBeginnerView : public QObject
{
    Q_OBJECT

private slots:
    void showsFiveControlsAndFourPlotsAndRestoresExactly()
    {
        std::unique_ptr<MainWindow> window;
        QVERIFY(openWindow(window, TrainingConfig{}, false));
        // A tab in the back of its cell before: it must come back there.
        window->viewController()->timelineAction()->setChecked(true);
        settle();
        const WindowLook before = lookOf(*window);
        QCOMPARE(before.shownPlots.size(), 6);
        const QList<QSize> sizesBefore = [&] {
            QList<QSize> s;
            for (const char *id : {"activation", "output"})
                s.append(window->plot(QLatin1String(id))->size());
            return s;
        }();

        QAction *beginner = window->viewController()->beginnerAction();
        beginner->trigger();
        settle();
        QCOMPARE(visibleKeys(*window->controlPanel()),
                 QStringList({"activation", "alpha", "depth", "width", "init"}));
        QVERIFY(window->controlPanel()->findChild<QSlider *>("speedSlider")->isHidden());
        const QStringList four = {"activation", "dead", "network", "output"};
        QStringList shown = lookOf(*window).shownPlots;
        shown.sort();
        QCOMPARE(shown, four);
        for (const QString &id : four) {
            PlotBase *p = window->plot(id);
            QVERIFY2(p->isVisible(), qPrintable(id));
            QVERIFY2(p->width() >= 280 && p->height() >= 220, qPrintable(id));
        }
        // Larger than in the full window (two columns instead of three): that is the point on
        // a projector.
        QVERIFY(window->plot("activation")->width() > 1.4 * sizesBefore[0].width());
        QVERIFY(window->plot("output")->width() > 1.4 * sizesBefore[1].width());

        // φ′ over φ, equal to the activation's derivative at every sample.
        auto *activation = qobject_cast<ActivationPlot *>(window->plot("activation"));
        QVERIFY(activation->showsDerivative());
        const auto data = activation->derivativeCurve()->data();
        QVERIFY(data->size() > 100);
        for (auto it = data->constBegin(); it != data->constEnd(); ++it)
            QCOMPARE(it->value, activateDerivative<double>(Activation::Relu, it->key, 0.01));

        beginner->trigger();
        settle();
        QCOMPARE(lookOf(*window), before);
        QVERIFY(!activation->showsDerivative());
        QVERIFY(window->plotGrid()->plotShown("timeline"));
    }

    void keepsALessonsHiddenControlsHidden()
    {
        std::unique_ptr<MainWindow> window;
        QVERIFY(openWindow(window, TrainingConfig{}, false));
        window->loadLesson(QStringLiteral("dying-relu"));
        QTest::qWait(20);
        const QStringList lessonView = visibleKeys(*window->controlPanel());
        QVERIFY(!lessonView.contains("init_scale")); // the lesson hides it
        window->viewController()->beginnerAction()->setChecked(true);
        QCOMPARE(visibleKeys(*window->controlPanel()),
                 QStringList({"activation", "alpha", "depth", "width", "init"}));
        window->viewController()->beginnerAction()->setChecked(false);
        QCOMPARE(visibleKeys(*window->controlPanel()), lessonView);
    }

    void aBeginnerLessonOpensInTheBeginnerView()
    {
        std::unique_ptr<MainWindow> window;
        QVERIFY(openWindow(window, TrainingConfig{}, false));
        QVERIFY(!window->plotGrid()->isBeginner());
        LessonInfo info;
        QVERIFY(lessonInfo(QStringLiteral("meet-the-rectifiers"), info).isEmpty());
        QVERIFY(info.beginnerView);
        window->loadLesson(QStringLiteral("meet-the-rectifiers"));
        QVERIFY(window->plotGrid()->isBeginner());
        QVERIFY(window->viewController()->beginnerAction()->isChecked());
    }

    void sessionsAndLinksKeepIt()
    {
        std::unique_ptr<MainWindow> window;
        QVERIFY(openWindow(window, TrainingConfig{}, false));
        window->viewController()->beginnerAction()->setChecked(true);
        const ViewOptions view = window->viewController()->viewOptions();
        QVERIFY(view.beginner);

        std::unique_ptr<MainWindow> second;
        QVERIFY(openWindow(second, TrainingConfig{}, false));
        second->viewController()->restoreViewOptions(view);
        QVERIFY(second->plotGrid()->isBeginner());
        second->viewController()->restoreViewOptions(ViewOptions{});
        QVERIFY(!second->plotGrid()->isBeginner());

        SetupLink link;
        QVERIFY(parseLink(QStringLiteral("relulab://open?preset=dying-relu&beginner=1"), link)
                    .isEmpty());
        QVERIFY(link.view.beginner);
        QVERIFY(encodeLink(link).contains(QStringLiteral("beginner=1")));
        SetupLink bad;
        QVERIFY(!parseLink(QStringLiteral("relulab://open?beginner=yes"), bad).isEmpty());
    }
};

QTEST_MAIN(TestBeginnerView)
#include "test_beginner_view.moc"
