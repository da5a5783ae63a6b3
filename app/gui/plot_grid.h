// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"
#include "training_frame.h"

#include <QList>
#include <QSize>
#include <QWidget>

class QGridLayout;
class QTabBar;
class QTabWidget;

namespace relulab {

class PlotBase;

/// The live plots in six cells; two cells hold two plots as tabs (dead neurons | the network
/// view, loss | the death timeline). The cells reflow with the room the grid has: 3 × 2 when
/// wide, 2 × 3 when tall, and one cell at a time with a chooser above it when neither leaves
/// every plot its minimum readable size (a 1024 × 768 projector with the controls shown).
/// Hands each frame to every plot on screen (a plot out of sight gets the latest frame when it
/// comes back), keeps φ(z) and φ′(z) in step with the controls, remembers which plot the user
/// last pointed at, and says when a frame has been repainted everywhere.
class PlotGrid : public QWidget
{
    Q_OBJECT

public:
    /// How the cells are laid out.
    enum class Arrangement
    {
        Wide,   ///< 3 columns × 2 rows
        Tall,   ///< 2 columns × 3 rows
        Single, ///< one cell, chosen with a tab bar above it
    };

    /// The smallest a plot is drawn in the grid at presentation scale 1, in logical pixels:
    /// below this its axis labels, legend and title no longer fit.
    static constexpr QSize kMinimumPlotSize{280, 220};

    explicit PlotGrid(QWidget *parent = nullptr);

    Arrangement arrangement() const { return m_arrangement; }
    /// The beginner view: four cells (φ with φ′, dead neurons, the network view, what the
    /// network computes) instead of six, large enough for a projector. Off puts every plot
    /// back in its cell and tab as it was.
    void setBeginner(bool on);
    bool isBeginner() const { return m_beginner; }
    /// The arrangement that gives every plot at least minimumPlotSize() in `size`; Wide or
    /// Tall, whichever keeps the plots closer to 4:3, when both do.
    Arrangement arrangementFor(QSize size) const;
    /// kMinimumPlotSize grown with the presentation scale (larger text needs larger plots).
    QSize minimumPlotSize() const;
    /// The tab bar that picks the cell in the Single arrangement (hidden otherwise).
    QTabBar *chooser() const { return m_chooser; }
    /// What Tab visits in the grid, in reading order: the chooser, then each cell's tab bar
    /// (a cell of tabs) and plots. Hidden ones are skipped by Tab itself.
    QList<QWidget *> focusOrder() const;

    const QList<PlotBase *> &plots() const { return m_plots; }
    /// The plot with this plotId(), or null.
    PlotBase *plot(const QString &id) const;
    /// The plot last hovered or clicked (Export plot… and Copy act on it).
    PlotBase *currentPlot() const { return m_current; }
    /// Makes the plot with this plotId() the current one (a restored session); unknown ids
    /// change nothing.
    void setCurrentPlot(const QString &id);

    /// Shows `frame` in every plot; φ and φ′ use `controls`' activation and alpha if the frame
    /// predates their latest change (see activationPreview).
    void showFrame(const FramePtr &frame, const TrainingConfig &controls);
    /// Draws the latest frame in the plots of tabs in the back too (before exporting them all).
    void drawHiddenPlots();
    /// Brings the tab holding this plot to the front (no-op for plots without a tab).
    void showPlot(const QString &id);
    /// Whether the plot is on screen now (its cell chosen, its tab in front).
    bool plotShown(const QString &id) const;
    /// Redraws φ and φ′ for new controls at once, from the frame shown now, instead of waiting
    /// for the worker's frame with the new settings.
    void previewControls(const TrainingFrame &shown, const TrainingConfig &controls);
    /// Enlarges fonts and lines of every plot (1 = classroom default).
    void setPresentationScale(double factor);
    /// Light or dark plots.
    void setTheme(relulab::Theme theme);

signals:
    /// Every visible plot has drawn the frame given to showFrame() and painted it on screen.
    void frameRepainted();
    void currentPlotChanged(relulab::PlotBase *plot);
    /// A tab brought a plot to the front or sent it back (the network view's data is computed
    /// only while it is shown).
    void plotShownChanged(const QString &id, bool shown);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Where a plot is with the frame given to showFrame().
    enum class FrameState
    {
        Replotting, ///< its queued replot has not started yet
        Painting,   ///< replotting; waiting for the paint that puts it on screen (inside the
                    ///< replot with QCP::phImmediateRefresh, after it otherwise)
        Shown,
    };
    void onReplot(PlotBase *plot);
    void onPainted(PlotBase *plot);
    static bool drawsActivation(const PlotBase *plot);
    void onTabChanged(QTabWidget *tabs);
    /// Puts the cells into the grid for `arrangement` (no-op if it is the current one, unless
    /// `force`: the cells changed).
    void arrange(Arrangement arrangement, bool force = false);
    /// Columns of `arrangement` for the cells there are now.
    int columnsFor(Arrangement arrangement) const;
    /// One chooser tab per cell.
    void rebuildChooser();
    /// Shows cell `index` in the Single arrangement.
    void chooseCell(int index);
    /// The plots of cell `index`.
    QList<PlotBase *> cellPlots(int index) const;
    bool cellShown(int index) const;
    /// Draws the plots that came into sight since `wasShown` (shownPlots() before a change)
    /// and emits plotShownChanged for each plot whose visibility flipped.
    void announceShown(const QList<bool> &wasShown);
    QList<bool> shownPlots() const;
    /// Draws the latest frame in `p` (a tab just brought to the front).
    void catchUp(PlotBase *p);

    QList<PlotBase *> m_plots;
    QList<FrameState> m_states; ///< per plot, in m_plots' order
    QList<QTabWidget *> m_tabs;
    QList<QWidget *> m_cells;     ///< a plot or a QTabWidget of plots, in reading order
    QList<QWidget *> m_fullCells; ///< the cells outside the beginner view
    bool m_beginner = false;
    /// Where the beginner view took each plot from: its tabs, index and the tabs' front tab.
    struct TabPlace
    {
        QTabWidget *tabs;
        PlotBase *plot;
        int index;
        int current;
    };
    QList<TabPlace> m_takenFromTabs;
    QGridLayout *m_cellGrid = nullptr;
    QTabBar *m_chooser = nullptr;
    Arrangement m_arrangement = Arrangement::Wide;
    double m_presentationScale = 1.0;
    FramePtr m_frame;          ///< the frame given to showFrame() last
    TrainingConfig m_controls; ///< with it
    QList<bool> m_stale;       ///< per plot: hidden when m_frame arrived, not drawn yet
    bool m_framePending = false;
    PlotBase *m_current = nullptr;
};

} // namespace relulab
