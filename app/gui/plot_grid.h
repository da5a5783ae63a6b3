// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"
#include "training_frame.h"

#include <QList>
#include <QWidget>

namespace relulab {

class PlotBase;

/// The six live plots in a 3 × 2 grid. Hands each frame to every plot, keeps φ(z) and φ′(z)
/// in step with the controls, remembers which plot the user last pointed at, and says when a
/// frame has been repainted everywhere.
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
    void showFrame(const TrainingFrame &frame, const TrainingConfig &controls);
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

    QList<PlotBase *> m_plots;
    QList<FrameState> m_states; ///< per plot, in m_plots' order
    bool m_framePending = false;
    PlotBase *m_current = nullptr;
};

} // namespace relulab
