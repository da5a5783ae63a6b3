// SPDX-License-Identifier: MIT
#include "view_controller.h"

#include "app_settings.h"
#include "distribution_dock.h"
#include "distribution_plot.h"
#include "gradient_plot.h"
#include "network_view_controller.h"
#include "output_plot.h"
#include "plot_grid.h"
#include "presentation_controller.h"
#include "window_action.h"

#include <QMainWindow>

namespace relulab {

namespace {

// Larger plot text: fonts and lines for the back of a room.
constexpr double kLargerTextScale = 1.4;

} // namespace

ViewController::ViewController(QMainWindow *window, PlotGrid *grid,
                               PresentationController *presentation,
                               DistributionDock *distributions, NetworkViewController *network)
    : QObject(window), m_grid(grid), m_network(network), m_presentation(presentation),
      m_distributions(distributions)
{
    m_largerText = makeWindowAction(tr("&Larger plot text"), QKeySequence(Qt::CTRL | Qt::Key_Equal),
                                    tr("Bigger fonts and lines for a large room."), this);
    m_largerText->setCheckable(true);
    connect(m_largerText, &QAction::toggled, this, &ViewController::setLargerText);
    m_fullScreen = makeWindowAction(tr("&Full screen"), QKeySequence::FullScreen,
                                    tr("Use the whole screen."), this);
    m_fullScreen->setCheckable(true);
    connect(m_fullScreen, &QAction::toggled, window,
            [window](bool on) { on ? window->showFullScreen() : window->showNormal(); });
    m_theory = makeWindowAction(tr("&Theory overlay"), QKeySequence(Qt::CTRL | Qt::Key_T),
                                tr("Draw what mean-field theory predicts for RMS ∂L/∂z at "
                                   "initialisation over the gradient plot (Ctrl+T)."),
                                this);
    m_theory->setCheckable(true);
    connect(m_theory, &QAction::toggled, this, &ViewController::setTheoryOverlay);
    window->addActions({m_largerText, m_fullScreen, m_theory});

    m_networkView = makeWindowAction(
        tr("&Network view"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        tr("Every hidden unit as a small picture of what it computes; dead units dark and "
           "crossed. Hover a unit to see it large, click to pin and edit it (Ctrl+Shift+N)."),
        this);
    m_timeline = makeWindowAction(
        tr("&Death timeline"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        tr("Every unit's alive share over the training steps: a layer dying is one dark "
           "vertical edge (Ctrl+Shift+L)."),
        this);
    struct Tab
    {
        QAction *action;
        QString id;    ///< the plot the action brings to the front
        QString other; ///< the plot sharing its cell
    };
    for (const Tab &tab : {Tab{m_networkView, QStringLiteral("network"), QStringLiteral("dead")},
                           Tab{m_timeline, QStringLiteral("timeline"), QStringLiteral("loss")}}) {
        QAction *action = tab.action;
        const QString id = tab.id, other = tab.other;
        action->setCheckable(true);
        action->setChecked(m_grid->plotShown(id));
        connect(action, &QAction::toggled, this,
                [this, id, other](bool on) { m_grid->showPlot(on ? id : other); });
        // The beginner view takes plots out of their tabs: the actions keep saying which tab
        // is in front, for when the full window comes back.
        connect(m_grid, &PlotGrid::plotShownChanged, action,
                [this, action, id](const QString &shown, bool front) {
                    if (shown == id && !m_grid->isBeginner())
                        action->setChecked(front);
                });
    }
    window->addActions({m_networkView, m_timeline});
    m_beginner = makeWindowAction(
        tr("&Beginner view"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        tr("Only activation, alpha, depth, width and initialisation, and four large plots: φ "
           "with its slope φ′, dead neurons, the network view and what the network computes. "
           "Off brings the whole window back (Ctrl+Shift+B)."),
        this);
    m_beginner->setCheckable(true);
    connect(m_beginner, &QAction::toggled, this, [this](bool on) {
        m_grid->setBeginner(on);
        emit beginnerChanged(on);
    });
    window->addAction(m_beginner);
    const QKeySequence modes[] = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)};
    const QList<QAction *> actions = plotModeActions();
    // The plots redraw themselves when a mode changes (they keep what they draw).
    for (int i = 0; i < actions.size(); ++i)
        actions[i]->setShortcut(modes[i]);
    window->addActions(actions);
    // Turning on a mode of a plot brings the plot into sight: in the one-plot arrangement of a
    // small screen the change would otherwise happen where nobody looks.
    const QStringList modePlots = {QStringLiteral("output"), QStringLiteral("output"),
                                   QStringLiteral("gradients")};
    for (int i = 0; i < actions.size() && i < modePlots.size(); ++i)
        connect(actions[i], &QAction::toggled, this, [this, id = modePlots[i]](bool on) {
            if (on)
                m_grid->showPlot(id);
        });
    connect(m_theory, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_grid->showPlot(QStringLiteral("gradients"));
    });

    // The dock is no part of the grid: it follows the grid's theme and scale by itself.
    connect(m_presentation, &PresentationController::themeChanged, m_distributions->plot(),
            &PlotBase::setTheme);
    connect(m_presentation, &PresentationController::activeChanged, this,
            &ViewController::followGridScale);
}

QList<QAction *> ViewController::plotModeActions() const
{
    QList<QAction *> actions;
    if (auto *output = qobject_cast<OutputPlot *>(m_grid->plot(QStringLiteral("output"))))
        actions << output->showTestDataAction() << output->discretizeAction();
    if (auto *gradients = qobject_cast<GradientPlot *>(m_grid->plot(QStringLiteral("gradients"))))
        actions << gradients->updateRatioAction();
    return actions;
}

bool ViewController::theoryOverlay() const
{
    return m_theory->isChecked();
}

void ViewController::setTheoryOverlay(bool on)
{
    m_theory->setChecked(on); // re-enters through toggled() only on a change
    auto *gradients = qobject_cast<GradientPlot *>(m_grid->plot(QStringLiteral("gradients")));
    if (!gradients || gradients->theoryOverlay() == on)
        return;
    gradients->setTheoryOverlay(on);
    // A paused run sends no new frame: draw the shown one again, with or without the line.
    if (m_shown)
        gradients->setFrame(*m_shown);
}

void ViewController::setLargerText(bool on)
{
    m_grid->setPresentationScale(on ? kLargerTextScale : 1.0);
    followGridScale();
}

void ViewController::followGridScale()
{
    if (!m_grid->plots().isEmpty())
        m_distributions->plot()->setPresentationScale(m_grid->plots().first()->presentationScale());
}

ViewOptions ViewController::viewOptions() const
{
    ViewOptions view;
    view.presentation = m_presentation->isActive();
    view.darkTheme = m_presentation->theme() == Theme::Dark;
    view.selectedPlot = m_grid->currentPlot() ? m_grid->currentPlot()->plotId() : QString();
    view.theoryOverlay = theoryOverlay();
    view.networkView = m_networkView->isChecked();
    view.timeline = m_timeline->isChecked();
    view.pinnedLayer = m_network->pinnedUnit().first;
    view.pinnedUnit = m_network->pinnedUnit().second;
    const QList<QAction *> modes = plotModeActions();
    view.testData = modes.value(0) && modes.value(0)->isChecked();
    view.discretized = modes.value(1) && modes.value(1)->isChecked();
    view.updateRatio = modes.value(2) && modes.value(2)->isChecked();
    view.beginner = m_beginner->isChecked();
    return view;
}

void ViewController::restoreViewOptions(const ViewOptions &view)
{
    m_presentation->setTheme(view.darkTheme ? Theme::Dark : Theme::Light);
    m_presentation->setActive(view.presentation);
    m_grid->setCurrentPlot(view.selectedPlot);
    setTheoryOverlay(view.theoryOverlay);
    m_networkView->setChecked(view.networkView);
    m_timeline->setChecked(view.timeline);
    m_network->setPinnedUnit(view.pinnedLayer, view.pinnedUnit);
    const QList<QAction *> modes = plotModeActions();
    const bool wanted[] = {view.testData, view.discretized, view.updateRatio};
    for (int i = 0; i < modes.size() && i < 3; ++i)
        modes[i]->setChecked(wanted[i]);
    m_beginner->setChecked(view.beginner);
}

void ViewController::restoreSettings(const AppSettings &settings)
{
    if (settings.darkTheme())
        m_presentation->setTheme(Theme::Dark);
    m_largerText->setChecked(settings.presentationMode());
    setTheoryOverlay(settings.theoryOverlay());
    m_networkView->setChecked(settings.flag(AppSettings::kNetworkView));
    m_timeline->setChecked(settings.flag(AppSettings::kTimeline));
    const QList<QAction *> modes = plotModeActions();
    const AppSettings::Key<bool> keys[] = {AppSettings::kTestData, AppSettings::kDiscretized,
                                           AppSettings::kUpdateRatio};
    for (int i = 0; i < modes.size() && i < 3; ++i)
        modes[i]->setChecked(settings.flag(keys[i]));
    m_beginner->setChecked(settings.flag(AppSettings::kBeginner));
}

void ViewController::saveSettings(AppSettings &settings) const
{
    settings.setPresentationMode(m_largerText->isChecked());
    settings.setDarkTheme(m_presentation->theme() == Theme::Dark);
    settings.setTheoryOverlay(theoryOverlay());
    settings.setFlag(AppSettings::kNetworkView, m_networkView->isChecked());
    settings.setFlag(AppSettings::kTimeline, m_timeline->isChecked());
    const QList<QAction *> modes = plotModeActions();
    const AppSettings::Key<bool> keys[] = {AppSettings::kTestData, AppSettings::kDiscretized,
                                           AppSettings::kUpdateRatio};
    for (int i = 0; i < modes.size() && i < 3; ++i)
        settings.setFlag(keys[i], modes[i]->isChecked());
    settings.setFlag(AppSettings::kBeginner, m_beginner->isChecked());
}

} // namespace relulab
