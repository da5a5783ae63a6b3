// SPDX-License-Identifier: MIT
#include "network_view_controller.h"

#include "network_plot.h"
#include "output_plot.h"
#include "plot_grid.h"
#include "scroll_dock.h"
#include "training_controller.h"
#include "unit_editor.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QUndoCommand>
#include <QUndoStack>

namespace relulab {

namespace {

QString unitName(int layer, int unit)
{
    return QObject::tr("layer %1, unit %2").arg(layer + 1).arg(unit + 1);
}

/// A changed bias or weight; drags of one unit merge into one undo step.
class UnitEditCommand : public QUndoCommand
{
public:
    static constexpr int kId = 0x756e6974; // "unit"

    UnitEditCommand(TrainingController *training, const UnitEdit &before, const UnitEdit &after,
                    const QString &text, bool mergeable)
        : QUndoCommand(text), m_training(training), m_before(before), m_after(after),
          m_mergeable(mergeable)
    {}
    void redo() override { m_training->editUnit(m_after); }
    void undo() override { m_training->editUnit(m_before); }
    int id() const override { return m_mergeable ? kId : -1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const UnitEditCommand *>(other);
        if (!o->m_mergeable || o->m_after.layer != m_after.layer || o->m_after.unit != m_after.unit)
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    TrainingController *m_training;
    UnitEdit m_before;
    UnitEdit m_after;
    bool m_mergeable;
};

/// Kill, or Revive of a unit that died in training: the worker computes the bias from the data
/// it trains on; undo puts back `before`.
class BiasCommand : public QUndoCommand
{
public:
    BiasCommand(TrainingController *training, const UnitEdit &before, bool kill)
        : QUndoCommand((kill ? QObject::tr("Kill %1") : QObject::tr("Revive %1"))
                           .arg(unitName(before.layer, before.unit))),
          m_training(training), m_before(before), m_kill(kill)
    {}
    void redo() override
    {
        if (m_kill)
            m_training->killUnit(m_before.layer, m_before.unit);
        else
            m_training->reviveUnit(m_before.layer, m_before.unit);
    }
    void undo() override { m_training->editUnit(m_before); }

private:
    TrainingController *m_training;
    UnitEdit m_before;
    bool m_kill;
};

} // namespace

NetworkViewController::NetworkViewController(QMainWindow *window, PlotGrid *grid,
                                             TrainingController *training, QObject *parent)
    : QObject(parent), m_window(window), m_grid(grid), m_training(training),
      m_undo(new QUndoStack(this)), m_editor(new UnitEditor)
{
    m_plot = qobject_cast<NetworkPlot *>(grid->plot(QStringLiteral("network")));
    m_output = qobject_cast<OutputPlot *>(grid->plot(QStringLiteral("output")));
    m_dock = new ScrollDock(tr("Unit editor"), QStringLiteral("unitEditorDock"), m_editor, window);
    m_dock->setToolTip(tr("Edit the unit pinned in the network view: its bias, its weights, "
                          "Kill and Revive. Ctrl+Z undoes."));
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);

    connect(grid, &PlotGrid::plotShownChanged, this, [this](const QString &id, bool shown) {
        if (id == QLatin1String("network"))
            m_training->setNetworkView(shown);
    });
    if (m_plot) {
        connect(m_plot, &NetworkPlot::unitHovered, this, &NetworkViewController::hover);
        connect(m_plot, &NetworkPlot::unitPinned, this, &NetworkViewController::pin);
    }
    connect(m_editor, &UnitEditor::editRequested, this,
            [this](const UnitEdit &before, const UnitEdit &after) {
                const bool bias = before.bias != after.bias;
                m_undo->push(new UnitEditCommand(
                    m_training, before, after,
                    (bias ? tr("Change the bias of %1") : tr("Change a weight of %1"))
                        .arg(unitName(after.layer, after.unit)),
                    true));
            });
    connect(m_editor, &UnitEditor::killRequested, this, &NetworkViewController::kill);
    connect(m_editor, &UnitEditor::reviveRequested, this, &NetworkViewController::revive);
    connect(m_editor, &UnitEditor::unpinRequested, this, [this] { setPinnedUnit(-1, -1); });
}

void NetworkViewController::addToMenu(QMenu *edit)
{
    QAction *undo = m_undo->createUndoAction(edit, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setToolTip(tr("Undo the last edit of a unit in the network view"));
    QAction *redo = m_undo->createRedoAction(edit, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addActions({undo, redo});
}

bool NetworkViewController::networkShown() const
{
    return m_grid->plotShown(QStringLiteral("network"));
}

void NetworkViewController::setNetworkShown(bool shown)
{
    m_grid->showPlot(shown ? QStringLiteral("network") : QStringLiteral("dead"));
}

void NetworkViewController::setPinnedUnit(int layer, int unit)
{
    if (m_plot)
        m_plot->setPinnedUnit(layer, unit);
    pin(layer, unit);
}

void NetworkViewController::pin(int layer, int unit)
{
    const bool none = layer < 0 || unit < 0;
    m_pinned = none ? QPair<int, int>(-1, -1) : QPair<int, int>(layer, unit);
    m_editor->setUnit(m_pinned.first, m_pinned.second);
    m_editor->setRevivable(m_beforeKill.contains(m_pinned) || pinnedUnitDead());
    if (!none) {
        m_dock->show();
        m_dock->raise();
        if (m_shown)
            m_editor->showFrame(*m_shown);
    }
    followOutput();
}

void NetworkViewController::hover(int layer, int unit)
{
    m_hovered = layer < 0 || unit < 0 ? QPair<int, int>(-1, -1) : QPair<int, int>(layer, unit);
    followOutput();
}

void NetworkViewController::followOutput()
{
    if (!m_output)
        return;
    const QPair<int, int> shown = m_hovered.first >= 0 ? m_hovered : m_pinned;
    // The plot redraws what it keeps of the last frame at once, also while paused.
    if (shown.first >= 0)
        m_output->setShownUnit(shown.first, shown.second);
    else
        m_output->clearShownUnit();
}

void NetworkViewController::kill(int layer, int unit)
{
    const UnitEdit before = m_editor->shownValues();
    if (layer < 0 || before.layer != layer || before.unit != unit || before.weights.size() == 0)
        return;
    m_beforeKill.insert({layer, unit}, before);
    m_undo->push(new BiasCommand(m_training, before, true));
    m_editor->setRevivable(true);
}

void NetworkViewController::revive(int layer, int unit)
{
    const UnitEdit before = m_editor->shownValues();
    if (layer < 0 || before.layer != layer || before.unit != unit || before.weights.size() == 0)
        return;
    // Killed by hand: back to where it was. Died in training: a bias that brings it back.
    if (const auto it = m_beforeKill.constFind({layer, unit}); it != m_beforeKill.constEnd())
        m_undo->push(new UnitEditCommand(m_training, before, *it,
                                         tr("Revive %1").arg(unitName(layer, unit)), false));
    else
        m_undo->push(new BiasCommand(m_training, before, false));
}

bool NetworkViewController::pinnedUnitDead() const
{
    if (!m_shown || m_pinned.first < 0)
        return false;
    const auto &layers = m_shown->snapshot.layers;
    return size_t(m_pinned.first) < layers.size() &&
           size_t(m_pinned.second) < layers[size_t(m_pinned.first)].units.size() &&
           layers[size_t(m_pinned.first)].units[size_t(m_pinned.second)].dead;
}

void NetworkViewController::forgetEdits()
{
    m_undo->clear();
    m_beforeKill.clear();
}

void NetworkViewController::showFrame(const FramePtr &frame)
{
    if (!frame)
        return;
    // Another network (rebuilt, reset, a session or lesson): its units are not the ones edited.
    if (m_shown && (needsRebuild(m_shown->config, frame->config) ||
                    frame->snapshot.step < m_shown->snapshot.step))
        forgetEdits();
    m_shown = frame;
    m_editor->showFrame(*frame);
    m_editor->setRevivable(m_beforeKill.contains(m_pinned) || pinnedUnitDead());
}

} // namespace relulab
