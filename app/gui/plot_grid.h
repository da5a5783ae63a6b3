// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"
#include "training_frame.h"

#include <QList>
#include <QWidget>

class QTabWidget;

namespace relulab {

class PlotBase;

/// The live plots in a 3 × 2 grid; two cells hold two plots as tabs (dead neurons | the
/// network view, loss | the death timeline). Hands each frame to every plot on screen (a
/// hidden tab gets the latest frame when it is shown), keeps φ(z) and φ′(z) in step with the
/// controls, remembers which plot the user last pointed at, and says when a frame has been
/// repainted everywhere.
class PlotGrid : public QWidget
{
    Q_OBJECT

public:
    explicit PlotGrid(QWidget *parent = nullptr);

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
    /// Whether the plot is on screen now (its tab in front, the window shown).
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
    /// Draws the latest frame in `p` (a tab just brought to the front).
    void catchUp(PlotBase *p);

    QList<PlotBase *> m_plots;
    QList<FrameState> m_states; ///< per plot, in m_plots' order
    QList<QTabWidget *> m_tabs;
    FramePtr m_frame;          ///< the frame given to showFrame() last
    TrainingConfig m_controls; ///< with it
    QList<bool> m_stale;       ///< per plot: hidden when m_frame arrived, not drawn yet
    bool m_framePending = false;
    PlotBase *m_current = nullptr;
};

} // namespace relulab
