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

#include <memory>
#include <optional>

namespace relulab {

namespace {
constexpr int kColumns = 3;
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
    for (int i = 0; i < m_plots.size(); ++i) {
        PlotBase *p = m_plots[i];
        p->setMinimumSize(320, 240);
        p->installEventFilter(this);
        grid->addWidget(p, i / kColumns, i % kColumns);
        connect(p, &QCustomPlot::beforeReplot, this, [this, p] { onReplot(p); });
        connect(p, &PlotBase::painted, this, [this, p] { onPainted(p); });
    }
    m_states.fill(FrameState::Shown, m_plots.size());
    m_current = m_plots.front();
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

void PlotGrid::showFrame(const TrainingFrame &frame, const TrainingConfig &controls)
{
    const std::optional<TrainingFrame> preview = activationPreview(frame, controls);
    m_states.fill(FrameState::Replotting);
    m_framePending = true;
    for (PlotBase *p : m_plots)
        p->setFrame(preview && drawsActivation(p) ? *preview : frame);
}

void PlotGrid::previewControls(const TrainingFrame &shown, const TrainingConfig &controls)
{
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
