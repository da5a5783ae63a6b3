// SPDX-License-Identifier: MIT
// The network view in the window: its data is computed only while it is shown, hovering and
// pinning a unit, the unit editor's edits, Kill and Revive as worker commands with undo, and
// a session that keeps the view and the edited weights.
#include "network_plot.h"
#include "network_view_controller.h"
#include "output_plot.h"
#include "plot_grid.h"
#include "scroll_dock.h"
#include "session_controller.h"
#include "training_controller.h"
#include "unit_editor.h"
#include "view_controller.h"
#include "window_fixture.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace relulab;

namespace {

/// A small ReLU network the diagram draws unit by unit.
TrainingConfig smallNet()
{
    TrainingConfig c;
    c.activation = Activation::Relu;
    c.depth = 2;
    c.width = 6;
    return c;
}

double bias(const TrainingFrame &f, int layer, int unit)
{
    return f.weights ? f.weights->b[size_t(layer)](unit) : kNaN;
}

} // namespace

class TestNetworkWindow : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(openWindow(m_window, smallNet(), false)); }
    void cleanup() { m_window.reset(); }

    void unitPicturesAreComputedOnlyWhileTheViewIsShown()
    {
        MainWindow &w = *m_window;
        QVERIFY(!w.shownFrame()->unitPictures); // the dead-neuron tab is in front
        QVERIFY(!w.plotGrid()->plotShown(QStringLiteral("network")));
        w.viewController()->networkViewAction()->trigger();
        QVERIFY(w.plotGrid()->plotShown(QStringLiteral("network")));
        // Paused: turning the view on publishes a frame at once.
        const FramePtr shown =
            waitForShown(w, [](const TrainingFrame &f) { return f.unitPictures && f.weights; });
        QVERIFY(shown);
        QCOMPARE(int(shown->unitPictures->layers.size()), 2);
        QCOMPARE(int(shown->unitPictures->layers[0].rows()), 6);
        w.viewController()->networkViewAction()->trigger(); // back to the dead-neuron bars
        QVERIFY(w.plotGrid()->plotShown(QStringLiteral("dead")));
        QVERIFY(stepAndWait(w, 1));
        QVERIFY(!w.shownFrame()->unitPictures);
    }

    void hoverShowsTheUnitLargeAndPinningKeepsIt()
    {
        MainWindow &w = *m_window;
        w.viewController()->networkViewAction()->trigger();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bool(f.unitPictures); }));
        auto *network = qobject_cast<NetworkPlot *>(w.plotGrid()->plot(QStringLiteral("network")));
        auto *output = qobject_cast<OutputPlot *>(w.plotGrid()->plot(QStringLiteral("output")));
        QVERIFY(network && output);
        emit network->unitHovered(1, 3);
        QCOMPARE(output->shownUnit(), std::make_pair(1, 3));
        emit network->unitHovered(-1, -1);
        QVERIFY(!output->shownUnit());
        emit network->unitPinned(0, 2);
        QCOMPARE(output->shownUnit(), std::make_pair(0, 2)); // the pinned unit stays shown
        NetworkViewController *view = w.networkView();
        QCOMPARE(view->pinnedUnit(), qMakePair(0, 2));
        QVERIFY(view->editorDock()->isVisible());
        QCOMPARE(view->editor()->layer(), 0);
        QCOMPARE(view->editor()->unit(), 2);
    }

    void editKillUndoAndReviveReachTheNetwork()
    {
        MainWindow &w = *m_window;
        w.viewController()->networkViewAction()->trigger();
        const FramePtr first =
            waitForShown(w, [](const TrainingFrame &f) { return bool(f.weights); });
        QVERIFY(first);
        NetworkViewController *view = w.networkView();
        view->setPinnedUnit(1, 4);
        UnitEditor *editor = view->editor();
        QCOMPARE(editor->biasBox()->value(), std::round(bias(*first, 1, 4) * 1000) / 1000);

        // A typed bias reaches the worker and comes back in the next frame.
        editor->biasBox()->setValue(0.625);
        FramePtr f = waitForShown(w, [](const TrainingFrame &f) { return bias(f, 1, 4) == 0.625; });
        QVERIFY2(f, "the edited bias never came back from the worker");
        QCOMPARE(f->snapshot.step, first->snapshot.step); // an edit is no training step

        // Kill: z < 0 for every input, so the ReLU unit is dead in the very next frame.
        editor->killButton()->click();
        f = waitForShown(w,
                         [](const TrainingFrame &f) { return f.snapshot.layers[1].units[4].dead; });
        QVERIFY2(f, "the killed unit is not dead");
        QVERIFY(bias(*f, 1, 4) < 0);
        QVERIFY(editor->reviveButton()->isEnabled());
        QCOMPARE(view->undoStack()->count(), 2);

        // Ctrl+Z: back to the typed bias.
        view->undoStack()->undo();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bias(f, 1, 4) == 0.625; }));
        view->undoStack()->undo();
        QVERIFY(waitForShown(
            w, [&](const TrainingFrame &f) { return bias(f, 1, 4) == bias(*first, 1, 4); }));
        // Redo both, then Revive puts back the values from before the kill.
        view->undoStack()->redo();
        view->undoStack()->redo();
        QVERIFY(waitForShown(
            w, [](const TrainingFrame &f) { return f.snapshot.layers[1].units[4].dead; }));
        editor->reviveButton()->click();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bias(f, 1, 4) == 0.625; }));
    }

    void reviveBringsBackAUnitThatDiedOtherwise()
    {
        MainWindow &w = *m_window;
        w.viewController()->networkViewAction()->trigger();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bool(f.weights); }));
        NetworkViewController *view = w.networkView();
        view->setPinnedUnit(0, 3);
        UnitEditor *editor = view->editor();
        QVERIFY(!editor->reviveButton()->isEnabled()); // alive, not killed
        // A bias typed far down kills it as a dying unit dies: no Kill to go back from.
        editor->biasBox()->setValue(-100.0);
        QVERIFY(waitForShown(
            w, [](const TrainingFrame &f) { return f.snapshot.layers[0].units[3].dead; }));
        QTRY_VERIFY(editor->reviveButton()->isEnabled());
        editor->reviveButton()->click();
        const FramePtr revived = waitForShown(
            w, [](const TrainingFrame &f) { return !f.snapshot.layers[0].units[3].dead; });
        QVERIFY2(revived, "Revive did not bring the unit back");
        const double share = revived->snapshot.layers[0].units[3].aliveShare;
        QVERIFY2(share > 0.3 && share < 0.7, qPrintable(QString::number(share)));
        QCOMPARE(view->undoStack()->undoText(), QStringLiteral("Revive layer 1, unit 4"));
        view->undoStack()->undo();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bias(f, 0, 3) == -100.0; }));
    }

    void aResetForgetsEditsOfTheOldNetwork()
    {
        MainWindow &w = *m_window;
        w.viewController()->networkViewAction()->trigger();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bool(f.weights); }));
        NetworkViewController *view = w.networkView();
        view->setPinnedUnit(0, 0);
        view->editor()->killButton()->click();
        QVERIFY(waitForShown(
            w, [](const TrainingFrame &f) { return f.snapshot.layers[0].units[0].dead; }));
        QVERIFY(stepAndWait(w, 2));
        QCOMPARE(view->undoStack()->count(), 1); // training on keeps the edit undoable
        w.trainingController()->reset();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return f.snapshot.step == 0; }));
        QCOMPARE(view->undoStack()->count(), 0);
    }

    void aSessionKeepsTheViewThePinnedUnitAndTheEditedWeights()
    {
        MainWindow &w = *m_window;
        w.viewController()->networkViewAction()->trigger();
        QVERIFY(waitForShown(w, [](const TrainingFrame &f) { return bool(f.weights); }));
        w.networkView()->setPinnedUnit(1, 1);
        w.networkView()->editor()->killButton()->click();
        const FramePtr killed = waitForShown(
            w, [](const TrainingFrame &f) { return f.snapshot.layers[1].units[1].dead; });
        QVERIFY(killed);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("edited.relulab"));
        QCOMPARE(w.sessionController()->saveTo(file), QString());

        std::unique_ptr<MainWindow> other;
        QVERIFY(openWindow(other, TrainingConfig{}, false));
        QCOMPARE(other->sessionController()->openFrom(file), QString());
        const FramePtr restored = waitForShown(*other, [&](const TrainingFrame &f) {
            return f.weights && bias(f, 1, 1) == bias(*killed, 1, 1);
        });
        QVERIFY2(restored, "the killed unit's bias did not come back with the session");
        QVERIFY(restored->snapshot.layers[1].units[1].dead);
        QVERIFY(other->plotGrid()->plotShown(QStringLiteral("network")));
        QCOMPARE(other->networkView()->pinnedUnit(), qMakePair(1, 1));
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestNetworkWindow)
#include "test_network_window.moc"
