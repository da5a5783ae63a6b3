// SPDX-License-Identifier: MIT
#include "view_controller.h"

#include "app_settings.h"
#include "distribution_dock.h"
#include "distribution_plot.h"
#include "gradient_plot.h"
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
                               DistributionDock *distributions)
    : QObject(window), m_grid(grid), m_presentation(presentation), m_distributions(distributions)
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

    // The dock is no part of the grid: it follows the grid's theme and scale by itself.
    connect(m_presentation, &PresentationController::themeChanged, m_distributions->plot(),
            &PlotBase::setTheme);
    connect(m_presentation, &PresentationController::activeChanged, this,
            &ViewController::followGridScale);
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
    return view;
}

void ViewController::restoreViewOptions(const ViewOptions &view)
{
    m_presentation->setTheme(view.darkTheme ? Theme::Dark : Theme::Light);
    m_presentation->setActive(view.presentation);
    m_grid->setCurrentPlot(view.selectedPlot);
    setTheoryOverlay(view.theoryOverlay);
}

void ViewController::restoreSettings(const AppSettings &settings)
{
    if (settings.darkTheme())
        m_presentation->setTheme(Theme::Dark);
    m_largerText->setChecked(settings.presentationMode());
    setTheoryOverlay(settings.theoryOverlay());
}

void ViewController::saveSettings(AppSettings &settings) const
{
    settings.setPresentationMode(m_largerText->isChecked());
    settings.setDarkTheme(m_presentation->theme() == Theme::Dark);
    settings.setTheoryOverlay(theoryOverlay());
}

} // namespace relulab
