// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QDockWidget>

class QRadioButton;

namespace relulab {

class DistributionPlot;

/// View → Distributions (Ctrl+H): the per-layer ridge plot in a dock beside the plots,
/// hidden by default so it never crowds them, with a switch between pre-activations and
/// weights. While it is visible the worker adds histograms to every frame (wantedChanged);
/// while it is hidden, frames carry none and cost nothing extra.
class DistributionDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit DistributionDock(QWidget *parent = nullptr);

    DistributionPlot *plot() const { return m_plot; }
    /// True while the dock is on screen (not closed, not behind another tab).
    bool wanted() const { return m_wanted; }

public slots:
    /// Draws `frame` if the dock is visible (a hidden plot is not redrawn).
    void showFrame(const relulab::FramePtr &frame);

signals:
    /// The dock became visible (frames should carry histograms) or hidden.
    void wantedChanged(bool wanted);

private:
    DistributionPlot *m_plot = nullptr;
    QRadioButton *m_preactivations = nullptr;
    QRadioButton *m_weights = nullptr;
    FramePtr m_last; ///< the newest frame, drawn when the dock is shown again
    bool m_wanted = false;
    bool m_sized = false; ///< given its width once this session
};

} // namespace relulab
