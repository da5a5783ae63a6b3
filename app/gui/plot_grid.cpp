// SPDX-License-Identifier: MIT
#include "plot_grid.h"

#include "activation_plot.h"
#include "dead_neuron_plot.h"
#include "derivative_plot.h"
#include "frame_preview.h"
#include "gradient_plot.h"
#include "loss_plot.h"
#include "offscreen_export.h"
#include "output_plot.h"

#include <QEvent>
#include <QGridLayout>
#include <QTabWidget>

#include <memory>
#include <optional>

namespace relulab {

namespace {

constexpr int kColumns = 3;

/// The grid's cells in reading order; a cell of several plots shows them as tabs, the first in
/// front. The network view sits beside the dead-neuron bars (both about death) rather than
/// beside "What the network computes", which must stay visible: hovering a unit shows it there.
const QList<QStringList> &cells()
{
    static const QList<QStringList> layout = {
        {QStringLiteral("activation")},
        {QStringLiteral("derivative")},
        {QStringLiteral("gradients")},
        {QStringLiteral("dead"), QStringLiteral("network")},
        {QStringLiteral("loss"), QStringLiteral("timeline")},
        {QStringLiteral("output")},
    };
    return layout;
}

} // namespace

PlotGrid::PlotGrid(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(6);
    for (std::unique_ptr<PlotBase> &owned : makeDashboardPlots()) {
        owned->setParent(this);
        m_plots.append(owned.release());
    }
    QList<PlotBase *> placed;
    int cell = 0;
    auto place = [&](QWidget *w) {
        grid->addWidget(w, cell / kColumns, cell % kColumns);
        ++cell;
    };
    for (const QStringList &ids : cells()) {
        QList<PlotBase *> members;
        for (const QString &id : ids) {
            if (PlotBase *p = plot(id))
                members.append(p);
        }
        if (members.size() == 1) {
            place(members.front());
        } else if (members.size() > 1) {
            auto *tabs = new QTabWidget(this);
            tabs->setDocumentMode(true);
            for (PlotBase *p : members) {
                const int index = tabs->addTab(p, p->title());
                tabs->setTabToolTip(index, p->explanation());
            }
            connect(tabs, &QTabWidget::currentChanged, this, [this, tabs] { onTabChanged(tabs); });
            m_tabs.append(tabs);
            place(tabs);
        }
        placed += members;
    }
    for (PlotBase *p : std::as_const(m_plots)) {
        if (!placed.contains(p))
            place(p); // a plot the layout does not name still gets a cell of its own
        p->setMinimumSize(320, 240);
        p->installEventFilter(this);
        connect(p, &QCustomPlot::beforeReplot, this, [this, p] { onReplot(p); });
        connect(p, &PlotBase::painted, this, [this, p] { onPainted(p); });
    }
    m_states.fill(FrameState::Shown, m_plots.size());
    m_stale.fill(false, m_plots.size());
    m_current = m_plots.front();
}

void PlotGrid::showPlot(const QString &id)
{
    PlotBase *p = plot(id);
    for (QTabWidget *tabs : std::as_const(m_tabs)) {
        if (p && tabs->indexOf(p) >= 0)
            tabs->setCurrentWidget(p);
    }
}

bool PlotGrid::plotShown(const QString &id) const
{
    const PlotBase *p = plot(id);
    if (!p)
        return false;
    for (const QTabWidget *tabs : m_tabs) {
        if (tabs->indexOf(const_cast<PlotBase *>(p)) >= 0)
            return tabs->currentWidget() == p;
    }
    return true;
}

void PlotGrid::drawHiddenPlots()
{
    for (PlotBase *p : std::as_const(m_plots))
        catchUp(p);
}

void PlotGrid::onTabChanged(QTabWidget *tabs)
{
    for (int i = 0; i < tabs->count(); ++i) {
        auto *p = qobject_cast<PlotBase *>(tabs->widget(i));
        if (!p)
            continue;
        const bool front = tabs->currentIndex() == i;
        if (front)
            catchUp(p);
        emit plotShownChanged(p->plotId(), front);
    }
}

void PlotGrid::catchUp(PlotBase *p)
{
    const int i = m_plots.indexOf(p);
    if (i < 0 || !m_stale[i] || !m_frame)
        return;
    m_stale[i] = false;
    const std::optional<TrainingFrame> preview = activationPreview(*m_frame, m_controls);
    p->setFrame(preview && drawsActivation(p) ? *preview : *m_frame);
}

PlotBase *PlotGrid::plot(const QString &id) const
{
    for (PlotBase *p : m_plots) {
        if (p->plotId() == id)
            return p;
    }
    return nullptr;
}

bool PlotGrid::drawsActivation(const PlotBase *plot)
{
    return qobject_cast<const ActivationPlot *>(plot) || qobject_cast<const DerivativePlot *>(plot);
}

void PlotGrid::showFrame(const FramePtr &frame, const TrainingConfig &controls)
{
    if (!frame)
        return;
    m_frame = frame;
    m_controls = controls;
    const std::optional<TrainingFrame> preview = activationPreview(*frame, controls);
    m_framePending = true;
    for (int i = 0; i < m_plots.size(); ++i) {
        PlotBase *p = m_plots[i];
        // A tab in the back is drawn when it comes to the front: drawing it now would cost
        // every frame for a plot nobody sees.
        if (!plotShown(p->plotId())) {
            m_stale[i] = true;
            m_states[i] = FrameState::Shown;
            continue;
        }
        m_stale[i] = false;
        m_states[i] = FrameState::Replotting;
        p->setFrame(preview && drawsActivation(p) ? *preview : *frame);
    }
}

void PlotGrid::previewControls(const TrainingFrame &shown, const TrainingConfig &controls)
{
    m_controls = controls;
    if (const std::optional<TrainingFrame> preview = activationPreview(shown, controls)) {
        for (PlotBase *p : m_plots) {
            if (drawsActivation(p))
                p->setFrame(*preview);
        }
    }
}

void PlotGrid::setPresentationScale(double factor)
{
    for (PlotBase *p : m_plots)
        p->setPresentationScale(factor);
}

void PlotGrid::setTheme(Theme theme)
{
    for (PlotBase *p : m_plots)
        p->setTheme(theme);
}

void PlotGrid::onReplot(PlotBase *plot)
{
    FrameState &state = m_states[m_plots.indexOf(plot)];
    if (state == FrameState::Replotting)
        state = FrameState::Painting;
}

void PlotGrid::onPainted(PlotBase *plot)
{
    // A paint before the plot's replot (another widget's repaint overlapping it) still shows
    // the old frame, so it does not count.
    FrameState &state = m_states[m_plots.indexOf(plot)];
    if (state != FrameState::Painting)
        return;
    state = FrameState::Shown;
    if (!m_framePending)
        return;
    // A hidden plot is never painted: only the plots on screen are waited for.
    for (int i = 0; i < m_plots.size(); ++i) {
        if (m_states[i] != FrameState::Shown && m_plots[i]->isVisible())
            return;
    }
    m_framePending = false;
    emit frameRepainted();
}

void PlotGrid::setCurrentPlot(const QString &id)
{
    PlotBase *p = plot(id);
    if (p && p != m_current) {
        m_current = p;
        emit currentPlotChanged(p);
    }
}

bool PlotGrid::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::Enter || type == QEvent::MouseButtonPress) {
        auto *p = qobject_cast<PlotBase *>(watched);
        if (p && p != m_current && m_plots.contains(p)) {
            m_current = p;
            emit currentPlotChanged(p);
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace relulab
