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
#include <QSignalBlocker>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

namespace relulab {

namespace {

constexpr int kSpacing = 6;
/// What a plot may shrink to while the grid settles on an arrangement for a new size.
constexpr QSize kFloorPlotSize{200, 160};

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
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 4, 4);
    column->setSpacing(2);
    m_chooser = new QTabBar(this);
    m_chooser->setObjectName(QStringLiteral("plotChooser"));
    m_chooser->setDocumentMode(true);
    m_chooser->setExpanding(false);
    m_chooser->setUsesScrollButtons(true);
    m_chooser->setElideMode(Qt::ElideRight);
    m_chooser->setAccessibleName(tr("Plot shown"));
    m_chooser->setToolTip(tr("The window is too small for every plot at a readable size: pick "
                             "the one to show. Larger windows show them all."));
    m_chooser->hide();
    column->addWidget(m_chooser);
    m_cellGrid = new QGridLayout;
    m_cellGrid->setContentsMargins(0, 0, 0, 0);
    m_cellGrid->setSpacing(kSpacing);
    column->addLayout(m_cellGrid, 1);
    for (std::unique_ptr<PlotBase> &owned : makeDashboardPlots()) {
        owned->setParent(this);
        m_plots.append(owned.release());
    }
    QList<PlotBase *> placed;
    for (const QStringList &ids : cells()) {
        QList<PlotBase *> members;
        for (const QString &id : ids) {
            if (PlotBase *p = plot(id))
                members.append(p);
        }
        if (members.size() == 1) {
            m_cells.append(members.front());
        } else if (members.size() > 1) {
            auto *tabs = new QTabWidget(this);
            tabs->setDocumentMode(true);
            // A narrow cell shortens the tabs' titles rather than hiding one behind arrows.
            tabs->setElideMode(Qt::ElideRight);
            tabs->setUsesScrollButtons(false);
            for (PlotBase *p : members) {
                const int index = tabs->addTab(p, p->title());
                tabs->setTabToolTip(index, p->explanation());
            }
            QStringList titles;
            for (const PlotBase *p : members)
                titles.append(p->title());
            const QString name = titles.join(QStringLiteral(" | "));
            const QString description =
                tr("These plots share a cell: pick the one shown with the arrow keys.");
            // Tab reaches the tab bar where focusOrder() puts it; the tab widget around it
            // would be a second stop, out of order.
            tabs->setFocusPolicy(Qt::NoFocus);
            tabs->tabBar()->setFocusPolicy(Qt::TabFocus); // the tab widget passed it on
            for (QWidget *w :
                 {static_cast<QWidget *>(tabs), static_cast<QWidget *>(tabs->tabBar())}) {
                w->setAccessibleName(name);
                w->setAccessibleDescription(description);
            }
            connect(tabs, &QTabWidget::currentChanged, this, [this, tabs] { onTabChanged(tabs); });
            m_tabs.append(tabs);
            m_cells.append(tabs);
        }
        placed += members;
    }
    for (PlotBase *p : std::as_const(m_plots)) {
        if (!placed.contains(p))
            m_cells.append(p); // a plot the layout does not name still gets a cell of its own
        // The grid picks an arrangement that leaves each plot its readable size; a larger
        // minimum here would only stop the window from fitting a small screen.
        p->setMinimumSize(kFloorPlotSize);
        p->installEventFilter(this);
        connect(p, &QCustomPlot::beforeReplot, this, [this, p] { onReplot(p); });
        connect(p, &PlotBase::painted, this, [this, p] { onPainted(p); });
    }
    m_fullCells = m_cells;
    rebuildChooser();
    connect(m_chooser, &QTabBar::currentChanged, this, &PlotGrid::chooseCell);
    m_states.fill(FrameState::Shown, m_plots.size());
    m_stale.fill(false, m_plots.size());
    m_current = m_plots.front();
    // The plots were made before the cells that hold them: without this Tab would visit them
    // in the order they were made, then the tab bars.
    const QList<QWidget *> order = focusOrder();
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
    m_arrangement = Arrangement::Single; // so that arrange() below lays the cells out
    arrange(Arrangement::Wide);
    // The smallest the grid can be: one plot with the chooser above it.
    const QSize floor = kFloorPlotSize;
    setMinimumSize(floor.width() + 8, floor.height() + m_chooser->sizeHint().height() + 10);
}

QList<QWidget *> PlotGrid::focusOrder() const
{
    QList<QWidget *> order{m_chooser};
    for (int i = 0; i < m_cells.size(); ++i) {
        if (auto *tabs = qobject_cast<QTabWidget *>(m_cells[i]))
            order.append(tabs->tabBar());
        for (PlotBase *p : cellPlots(i))
            order.append(p);
    }
    return order;
}

QSize PlotGrid::minimumPlotSize() const
{
    const double scale = std::max(1.0, m_presentationScale);
    return {int(std::lround(kMinimumPlotSize.width() * scale)),
            int(std::lround(kMinimumPlotSize.height() * scale))};
}

PlotGrid::Arrangement PlotGrid::arrangementFor(QSize size) const
{
    const QSize plotSize = minimumPlotSize();
    // A cell of tabs gives its plot the height under the tab bar.
    const int tabBar = m_tabs.isEmpty() ? 0 : m_tabs.front()->tabBar()->sizeHint().height();
    const QMargins margins = contentsMargins();
    const int width = size.width() - margins.left() - margins.right();
    const int height = size.height() - margins.top() - margins.bottom();
    const auto cellSize = [&](int columns, int rows) {
        rows = (int(m_cells.size()) + columns - 1) / columns;
        return QSizeF(double(width - (columns - 1) * kSpacing) / columns,
                      double(height - (rows - 1) * kSpacing) / rows - tabBar);
    };
    const auto fits = [&](QSizeF cell) {
        return cell.width() >= plotSize.width() && cell.height() >= plotSize.height();
    };
    const QSizeF wide = cellSize(columnsFor(Arrangement::Wide), 0),
                 tall = cellSize(columnsFor(Arrangement::Tall), 0);
    const bool wideFits = fits(wide), tallFits = fits(tall);
    if (wideFits && tallFits) {
        const auto skew = [](QSizeF cell) {
            return std::abs(std::log(cell.width() / cell.height() / (4.0 / 3.0)));
        };
        return skew(wide) <= skew(tall) ? Arrangement::Wide : Arrangement::Tall;
    }
    if (wideFits)
        return Arrangement::Wide;
    if (tallFits)
        return Arrangement::Tall;
    return Arrangement::Single;
}

void PlotGrid::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(arrangementFor(size()));
}

int PlotGrid::columnsFor(Arrangement arrangement) const
{
    // Six cells: 3 × 2 or 2 × 3; the beginner view's four: 2 × 2 either way.
    const int cells = int(m_cells.size());
    return arrangement == Arrangement::Wide ? std::max(1, (cells + 1) / 2) : std::min(2, cells);
}

void PlotGrid::rebuildChooser()
{
    const QSignalBlocker blocker(m_chooser);
    while (m_chooser->count() > 0)
        m_chooser->removeTab(0);
    for (int i = 0; i < m_cells.size(); ++i) {
        QStringList titles;
        for (const PlotBase *p : cellPlots(i))
            titles.append(p->title());
        m_chooser->addTab(titles.join(QStringLiteral(" | ")));
        m_chooser->setTabToolTip(i, cellPlots(i).front()->explanation());
    }
    m_chooser->setCurrentIndex(0);
}

void PlotGrid::setBeginner(bool on)
{
    if (on == m_beginner)
        return;
    const QList<bool> wasShown = shownPlots();
    m_beginner = on;
    for (QWidget *cell : std::as_const(m_cells)) {
        m_cellGrid->removeWidget(cell);
        cell->hide();
    }
    std::vector<QSignalBlocker> quiet;
    for (QTabWidget *tabs : std::as_const(m_tabs))
        quiet.emplace_back(tabs);
    if (on) {
        // The network view stands for the gradients where it exists (the redesign's four).
        QStringList ids = {QStringLiteral("activation"), QStringLiteral("dead"),
                           QStringLiteral("network"), QStringLiteral("output")};
        if (!plot(ids[2]))
            ids[2] = QStringLiteral("gradients");
        QList<QWidget *> cells;
        for (const QString &id : std::as_const(ids)) {
            PlotBase *p = plot(id);
            if (!p)
                continue;
            for (QTabWidget *tabs : std::as_const(m_tabs)) {
                if (const int index = tabs->indexOf(p); index >= 0)
                    m_takenFromTabs.append({tabs, p, index, tabs->currentIndex()});
            }
            cells.append(p);
        }
        for (const TabPlace &place : std::as_const(m_takenFromTabs)) {
            place.tabs->removeTab(place.tabs->indexOf(place.plot));
            place.plot->setParent(this);
        }
        m_cells = cells;
    } else {
        // Back in ascending order, so each index is where it was.
        std::sort(m_takenFromTabs.begin(), m_takenFromTabs.end(),
                  [](const TabPlace &a, const TabPlace &b) { return a.index < b.index; });
        for (const TabPlace &place : std::as_const(m_takenFromTabs)) {
            place.tabs->insertTab(place.index, place.plot, place.plot->title());
            place.tabs->setTabToolTip(place.index, place.plot->explanation());
        }
        for (const TabPlace &place : std::as_const(m_takenFromTabs))
            place.tabs->setCurrentIndex(place.current);
        m_takenFromTabs.clear();
        m_cells = m_fullCells;
    }
    if (auto *activation = qobject_cast<ActivationPlot *>(plot(QStringLiteral("activation"))))
        activation->setShowDerivative(on); // its own plot is not among the four
    rebuildChooser();
    arrange(arrangementFor(size()), true);
    announceShown(wasShown);
}

void PlotGrid::arrange(Arrangement arrangement, bool force)
{
    if (arrangement == m_arrangement && !force)
        return;
    const QList<bool> wasShown = shownPlots();
    m_arrangement = arrangement;
    for (QWidget *cell : std::as_const(m_cells))
        m_cellGrid->removeWidget(cell);
    const int columns = columnsFor(arrangement);
    const bool single = arrangement == Arrangement::Single;
    for (int i = 0; i < m_cells.size(); ++i) {
        if (single) {
            m_cellGrid->addWidget(m_cells[i], 0, 0);
            m_cells[i]->setVisible(i == m_chooser->currentIndex());
        } else {
            m_cellGrid->addWidget(m_cells[i], i / columns, i % columns);
            m_cells[i]->show();
        }
    }
    // Stretch only the rows and columns in use: a column left over from another arrangement
    // would keep a share of the width.
    for (int r = 0; r < 3; ++r)
        m_cellGrid->setRowStretch(
            r, single ? (r == 0 ? 1 : 0) : (r < (m_cells.size() + columns - 1) / columns ? 1 : 0));
    for (int c = 0; c < 3; ++c)
        m_cellGrid->setColumnStretch(c, single ? (c == 0 ? 1 : 0) : (c < columns ? 1 : 0));
    m_chooser->setVisible(single);
    announceShown(wasShown);
}

void PlotGrid::chooseCell(int index)
{
    if (m_arrangement != Arrangement::Single || index < 0)
        return;
    const QList<bool> wasShown = shownPlots();
    for (int i = 0; i < m_cells.size(); ++i)
        m_cells[i]->setVisible(i == index);
    announceShown(wasShown);
}

QList<PlotBase *> PlotGrid::cellPlots(int index) const
{
    QWidget *cell = m_cells.value(index);
    if (auto *p = qobject_cast<PlotBase *>(cell))
        return {p};
    QList<PlotBase *> members;
    if (auto *tabs = qobject_cast<QTabWidget *>(cell)) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (auto *p = qobject_cast<PlotBase *>(tabs->widget(i)))
                members.append(p);
        }
    }
    return members;
}

bool PlotGrid::cellShown(int index) const
{
    return m_arrangement != Arrangement::Single || index == m_chooser->currentIndex();
}

QList<bool> PlotGrid::shownPlots() const
{
    QList<bool> shown;
    for (const PlotBase *p : m_plots)
        shown.append(plotShown(p->plotId()));
    return shown;
}

void PlotGrid::announceShown(const QList<bool> &wasShown)
{
    for (int i = 0; i < m_plots.size(); ++i) {
        PlotBase *p = m_plots[i];
        const bool shown = plotShown(p->plotId());
        if (shown && m_stale[i])
            catchUp(p);
        if (shown != wasShown.value(i))
            emit plotShownChanged(p->plotId(), shown);
    }
}

void PlotGrid::showPlot(const QString &id)
{
    PlotBase *p = plot(id);
    if (!p)
        return;
    for (QTabWidget *tabs : std::as_const(m_tabs)) {
        if (tabs->indexOf(p) >= 0)
            tabs->setCurrentWidget(p);
    }
    for (int i = 0; i < m_cells.size(); ++i) {
        if (cellPlots(i).contains(p))
            m_chooser->setCurrentIndex(i);
    }
}

bool PlotGrid::plotShown(const QString &id) const
{
    PlotBase *p = plot(id);
    if (!p)
        return false;
    for (int i = 0; i < m_cells.size(); ++i) {
        if (cellPlots(i).contains(p)) {
            const auto *tabs = qobject_cast<const QTabWidget *>(m_cells[i]);
            return cellShown(i) && (!tabs || tabs->currentWidget() == p);
        }
    }
    return false; // in no cell now (the beginner view leaves it out)
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
        const bool shown = plotShown(p->plotId()); // its tab in front and its cell chosen
        if (shown)
            catchUp(p);
        emit plotShownChanged(p->plotId(), shown);
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
    m_presentationScale = factor;
    for (PlotBase *p : m_plots)
        p->setPresentationScale(factor);
    arrange(arrangementFor(size()));
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
