// SPDX-License-Identifier: MIT
#pragma once

#include "session_file.h"
#include "training_frame.h"

#include <QObject>

class QAction;
class QMainWindow;

namespace relulab {

class AppSettings;
class DistributionDock;
class NetworkViewController;
class PlotGrid;
class PresentationController;

/// How the window shows things, apart from what it shows: larger plot text (Ctrl+=), full
/// screen, the theory overlay (Ctrl+T), the distributions dock following the grid's theme and
/// scale, and the view options a session or the saved settings bring back.
class ViewController : public QObject
{
    Q_OBJECT

public:
    ViewController(QMainWindow *window, PlotGrid *grid, PresentationController *presentation,
                   DistributionDock *distributions, NetworkViewController *network);

    QAction *largerTextAction() const { return m_largerText; }
    QAction *fullScreenAction() const { return m_fullScreen; }
    QAction *theoryAction() const { return m_theory; }
    bool theoryOverlay() const;
    /// Tabs: the network view in front of the dead-neuron bars, the death timeline in front of
    /// the loss (checked while in front).
    QAction *networkViewAction() const { return m_networkView; }
    QAction *timelineAction() const { return m_timeline; }
    /// The plots' own modes, in the View menu too: test data and two colours in "What the
    /// network computes", update sizes in the gradient plot.
    QList<QAction *> plotModeActions() const;
    /// View → Beginner view (Ctrl+Shift+B): five controls and four large plots; off restores
    /// the full window.
    QAction *beginnerAction() const { return m_beginner; }

    /// What a session file keeps of the view, and its restoring.
    ViewOptions viewOptions() const;
    void restoreViewOptions(const ViewOptions &view);
    void restoreSettings(const AppSettings &settings);
    void saveSettings(AppSettings &settings) const;

public slots:
    /// Shows or hides the overlay (also checks the action), redrawing the frame shown.
    void setTheoryOverlay(bool on);
    void setShownFrame(const relulab::FramePtr &frame) { m_shown = frame; }

signals:
    /// The beginner view was turned on or off (the control panel follows).
    void beginnerChanged(bool on);

private:
    void setLargerText(bool on);
    void followGridScale();

    PlotGrid *m_grid;
    NetworkViewController *m_network;
    QAction *m_networkView;
    QAction *m_beginner;
    QAction *m_timeline;
    PresentationController *m_presentation;
    DistributionDock *m_distributions;
    QAction *m_largerText;
    QAction *m_fullScreen;
    QAction *m_theory;
    FramePtr m_shown;
};

} // namespace relulab
