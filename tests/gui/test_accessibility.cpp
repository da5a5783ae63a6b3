// SPDX-License-Identifier: MIT
// The window from the keyboard and through a screen reader (issue 14 §5): Tab walks the controls
// top to bottom, then the lesson banner's buttons, then the plots in reading order, reaching
// every enabled control; every interactive widget and every plot has an accessible name and
// description; each plot's description says what the frame on screen shows.
#include "compare_dialog.h"
#include "control_panel.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "network_view_controller.h"
#include "plot_base.h"
#include "plot_description_check.h"
#include "plot_grid.h"
#include "sweep_window.h"
#include "unit_editor.h"
#include "view_controller.h"
#include "window_fixture.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QTabBar>
#include <QTest>

#include <memory>

using namespace relulab;
using relulab::testing::checkPlotDescription;

namespace {

/// What a person can operate or a screen reader should name: anything Tab reaches,
/// every button (a toolbar's take none: the window's shortcuts drive them) and every plot.
bool interactive(const QWidget *w)
{
    return (w->focusPolicy() & Qt::TabFocus) || qobject_cast<const QAbstractButton *>(w) ||
           qobject_cast<const PlotBase *>(w);
}

QString describeWidget(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QLatin1String(w->metaObject()->className()), w->objectName());
}

/// Walks the accessible tree under `iface`, noting each visible interactive widget without a
/// name or a description, and every widget reached.
void walk(QAccessibleInterface *iface, QStringList &missing, QSet<const QWidget *> &reached,
          int depth = 0)
{
    if (!iface || depth > 64)
        return;
    if (auto *w = qobject_cast<QWidget *>(iface->object()); w && w->isVisible()) {
        reached.insert(w);
        if (interactive(w)) {
            if (iface->text(QAccessible::Name).trimmed().isEmpty())
                missing << describeWidget(w) + QStringLiteral(": no name");
            // Qt's interface of a tab bar reports its tabs' texts only; the bar's own
            // description is the widget's (each tab has its tooltip as description).
            const QString description = qobject_cast<QTabBar *>(w)
                                            ? w->accessibleDescription()
                                            : iface->text(QAccessible::Description);
            if (description.trimmed().isEmpty())
                missing << describeWidget(w) + QStringLiteral(": no description");
        }
    }
    for (int i = 0; i < iface->childCount(); ++i)
        walk(iface->child(i), missing, reached, depth + 1);
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void tabWalksControlsThenBannerThenPlots();
    void clickingABannerButtonLeavesSpaceToPlay();
    void everyInteractiveWidgetAndPlotHasANameAndADescription();
    void plotDescriptionsSayWhatTheShownFrameShows();
    void toolWindowsNameEveryControl();

private:
    /// Activates the window and puts the focus on the first control.
    bool focusFirstControl();
    std::unique_ptr<MainWindow> m_window;
};

void TestAccessibility::init()
{
    // The dying-relu lesson: its banner has both buttons, and some controls are locked.
    MainWindowOptions options = testWindowOptions(false);
    options.lesson = QStringLiteral("dying-relu");
    TrainingConfig config;
    config.learningRate = 0.3;
    config.seed = 5;
    m_window = std::make_unique<MainWindow>(config, options);
    QVERIFY(showWindow(*m_window));
    QVERIFY(m_window->lessonBanner()->isVisible());
    QVERIFY(m_window->lessonBanner()->unlockButton()->isVisible());
}

bool TestAccessibility::focusFirstControl()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return false;
    QWidget *first = m_window->controlPanel()->controlForKey(QStringLiteral("activation"));
    first->setFocus(Qt::TabFocusReason);
    return QTest::qWaitFor([first] { return first->hasFocus(); });
}

void TestAccessibility::tabWalksControlsThenBannerThenPlots()
{
    QVERIFY(focusFirstControl());
    QList<QWidget *> visited{QApplication::focusWidget()};
    bool wrapped = false;
    for (int i = 0; i < 200; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        QVERIFY(now);
        if (now == visited.front()) {
            wrapped = true;
            break; // round the whole chain
        }
        if (visited.contains(now)) {
            qInfo("Tab loops back to %s", qPrintable(describeWidget(now)));
            break; // a loop that leaves the controls out
        }
        visited.append(now);
    }
    QStringList names;
    for (const QWidget *w : std::as_const(visited))
        names << describeWidget(w);
    qInfo("Tab order: %s", qPrintable(names.join(QStringLiteral(", "))));

    // Every enabled, visible control of the panel is reached, top to bottom.
    ControlPanel *panel = m_window->controlPanel();
    QList<QWidget *> expected;
    for (QWidget *w : panel->findChildren<QWidget *>())
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(m_window.get()) && w->isEnabled() &&
            !w->focusProxy())
            expected.append(w);
    QVERIFY(expected.size() >= 3); // activation, learning rate, speed: the lesson locks the rest
    int lastControl = -1, lastY = -1;
    for (qsizetype i = 0; i < visited.size(); ++i) {
        if (!panel->isAncestorOf(visited[i]))
            continue;
        QVERIFY2(lastControl < 0 || lastControl == i - 1,
                 "the panel's controls are visited in one run");
        const int y = visited[i]->mapTo(panel, QPoint(0, 0)).y();
        QVERIFY2(y >= lastY, qPrintable(describeWidget(visited[i]) + " is above the one before"));
        lastY = y;
        lastControl = int(i);
    }
    for (QWidget *w : std::as_const(expected))
        QVERIFY2(visited.contains(w), qPrintable(describeWidget(w) + " is never reached by Tab"));
    // Locked controls are skipped (they cannot be changed).
    QWidget *depth = panel->controlForKey(QStringLiteral("depth"));
    QVERIFY(!depth->isEnabled());
    QVERIFY(!visited.contains(depth));

    // Then the banner's buttons, then the plots in reading order.
    LessonBanner *banner = m_window->lessonBanner();
    const qsizetype unlock = visited.indexOf(banner->unlockButton());
    const qsizetype reset = visited.indexOf(banner->resetButton());
    QCOMPARE(unlock, qsizetype(lastControl + 1));
    QCOMPARE(reset, unlock + 1);
    QStringList plotOrder;
    for (qsizetype i = reset + 1; i < visited.size(); ++i) {
        if (auto *plot = qobject_cast<PlotBase *>(visited[i]))
            plotOrder << plot->plotId();
        else if (!qobject_cast<QTabBar *>(visited[i]))
            break;
    }
    // The front plot of each cell; the one behind a tab is reached through its tab bar.
    QCOMPARE(plotOrder, QStringList({QStringLiteral("activation"), QStringLiteral("derivative"),
                                     QStringLiteral("gradients"), QStringLiteral("dead"),
                                     QStringLiteral("loss"), QStringLiteral("output")}));
    // Past the last stop Tab comes back to the first control, and Shift+Tab goes back.
    QVERIFY(wrapped);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget(), visited.back());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), visited.front());
}

void TestAccessibility::clickingABannerButtonLeavesSpaceToPlay()
{
    QVERIFY(focusFirstControl());
    QWidget *before = QApplication::focusWidget();
    QAbstractButton *unlock = m_window->lessonBanner()->unlockButton();
    QTest::mouseClick(unlock, Qt::LeftButton);
    QVERIFY(m_window->lessonController()->isUnlocked());
    QCOMPARE(QApplication::focusWidget(), before); // a click does not take the focus
    // Tabbed to, the button works from the keyboard too.
    unlock->setFocus(Qt::TabFocusReason);
    QVERIFY(unlock->hasFocus());
    QTest::keyClick(unlock, Qt::Key_Space);
    QVERIFY(!m_window->lessonController()->isUnlocked());
    // A plot holding the focus leaves Space to Play.
    PlotBase *loss = m_window->plot(QStringLiteral("loss"));
    loss->setFocus(Qt::TabFocusReason);
    QVERIFY(loss->hasFocus());
    QVERIFY(!m_window->shownFrame()->playing);
    QTest::keyClick(loss, Qt::Key_Space);
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.playing; }));
}

void TestAccessibility::everyInteractiveWidgetAndPlotHasANameAndADescription()
{
    QAccessibleInterface *root = QAccessible::queryAccessibleInterface(m_window.get());
    QVERIFY(root);
    QStringList missing;
    QSet<const QWidget *> reached;
    walk(root, missing, reached);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    // The walk did see the controls, the banner's buttons, the toolbar and every shown plot.
    for (const QString &key : {QStringLiteral("activation"), QStringLiteral("learning_rate")})
        QVERIFY(reached.contains(m_window->controlPanel()->controlForKey(key)));
    QVERIFY(reached.contains(m_window->lessonBanner()->resetButton()));
    for (PlotBase *plot : m_window->plots()) {
        if (!plot->isVisible())
            continue;
        QVERIFY2(reached.contains(plot), qPrintable(plot->plotId()));
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(plot);
        QCOMPARE(iface->text(QAccessible::Name), plot->title());
    }
    // A toolbar button says its action's text (no mnemonic) and its tooltip.
    bool sawPlay = false;
    for (QAbstractButton *button : m_window->findChildren<QAbstractButton *>()) {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(button);
        if (button->isVisible() && iface->text(QAccessible::Name) == QStringLiteral("Play")) {
            sawPlay = true;
            QVERIFY(iface->text(QAccessible::Description).contains(QStringLiteral("Space")));
        }
    }
    QVERIFY(sawPlay);
}

void TestAccessibility::plotDescriptionsSayWhatTheShownFrameShows()
{
    // Adam at 0.3 kills layer 4 within the first steps (the lesson's look-for).
    QVERIFY(stepAndWait(*m_window, 25));
    const FramePtr frame = m_window->shownFrame();
    QCOMPARE(frame->layerDiedAtStep.size(), size_t(4));
    QVERIFY2(frame->layerDiedAtStep[3] >= 0, "layer 4 did not die");
    PlotGrid *grid = m_window->plotGrid();
    QStringList checked;
    for (PlotBase *plot : m_window->plots()) {
        grid->showPlot(plot->plotId()); // a plot behind a tab draws the frame when shown
        QTRY_COMPARE(plot->frameStep(), frame->snapshot.step);
        const QString text = plot->frameDescription();
        const QString error = checkPlotDescription(plot->plotId(), *frame, text);
        QVERIFY2(error.isEmpty(), qPrintable(plot->plotId() + QStringLiteral(": ") + error));
        // What a screen reader reads is that very sentence.
        QCOMPARE(QAccessible::queryAccessibleInterface(plot)->text(QAccessible::Description), text);
        checked << plot->plotId();
    }
    QVERIFY(checked.contains(QStringLiteral("dead")));
    const QString dead = m_window->plot(QStringLiteral("dead"))->frameDescription();
    qInfo("dead neurons: %s", qPrintable(dead));
    QVERIFY2(dead.startsWith(QStringLiteral("Layer ")) &&
                 dead.contains(QStringLiteral("100% of units dead since step")),
             qPrintable(dead));
}

QTEST_MAIN(TestAccessibility)
void TestAccessibility::toolWindowsNameEveryControl()
{
    // The sweep window, run B's dialog and the unit editor: every control named and described.
    auto check = [](QWidget *top, const char *what) {
        QVERIFY2(top && top->isVisible(), what);
        QStringList missing;
        QSet<const QWidget *> reached;
        walk(QAccessible::queryAccessibleInterface(top), missing, reached);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1:\n%2").arg(
                                        QLatin1String(what), missing.join(QLatin1Char('\n')))));
        int interactiveCount = 0;
        for (const QWidget *w : std::as_const(reached))
            interactiveCount += interactive(w) ? 1 : 0;
        QVERIFY2(interactiveCount >= 3, what); // the walk saw the window's controls
    };
    m_window->sweepAction()->trigger();
    check(m_window->sweepWindow(), "sweep window");
    m_window->sweepWindow()->close();

    CompareDialog dialog(TrainingConfig{}, ConfigOverrides{}, m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    check(&dialog, "run B's settings");
    dialog.reject();

    m_window->viewController()->networkViewAction()->trigger();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return bool(f.weights); }));
    m_window->networkView()->setPinnedUnit(0, 0);
    QVERIFY(QTest::qWaitFor([this] { return m_window->networkView()->editor()->isVisible(); }));
    check(m_window->networkView()->editor(), "unit editor");
}

#include "test_accessibility.moc"
