// SPDX-License-Identifier: MIT
#include "training_actions.h"

#include "stable_icon_style.h"
#include "training_controller.h"
#include "window_action.h"

#include <QMainWindow>
#include <QMenu>
#include <QToolBar>

namespace relulab {

TrainingActions::TrainingActions(QMainWindow *window, TrainingController *training,
                                 const StableIconStyle *icons)
    : QObject(window), m_window(window), m_icons(icons)
{
    m_play =
        makeWindowAction(tr("&Play"), Qt::Key_Space, tr("Start or pause training (Space)."), this);
    m_step = makeWindowAction(tr("&Step"), Qt::Key_S, tr("Pause and train one step (S)."), this);
    m_reset = makeWindowAction(tr("&Reset"), Qt::Key_R,
                               tr("Rebuild the network from the seed, back to step 0 (R)."), this);
    m_defaults = makeWindowAction(tr("Reset settings to &defaults"), {},
                                  tr("Put every control back to its default value."), this);
    refreshIcons();
    connect(m_play, &QAction::triggered, training, &TrainingController::togglePlaying);
    connect(m_step, &QAction::triggered, training, &TrainingController::step);
    connect(m_reset, &QAction::triggered, training, &TrainingController::reset);
    window->addActions({m_play, m_step, m_reset});
}

void TrainingActions::addToMenu(QMenu *menu)
{
    menu->addActions({m_play, m_step, m_reset});
    menu->addSeparator();
    menu->addAction(m_defaults);
}

QToolBar *TrainingActions::createToolBar(const QFont &font, const QList<QAction *> &extra)
{
    QToolBar *bar = m_window->addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(24, 24));
    bar->setMovable(false);
    bar->setFont(font);
    bar->addActions({m_play, m_step, m_reset});
    bar->addSeparator();
    bar->addActions(extra);
    for (QAction *action : bar->actions()) {
        // The window's shortcuts drive these; a focused button would also take Space itself.
        if (QWidget *button = bar->widgetForAction(action))
            button->setFocusPolicy(Qt::NoFocus);
    }
    return bar;
}

void TrainingActions::showFrame(const FramePtr &frame)
{
    // Only on a change: every new QIcon gets fresh entries in the pixmap cache when drawn.
    if (!frame || frame->playing == m_playing)
        return;
    m_playing = frame->playing;
    m_play->setText(m_playing ? tr("&Pause") : tr("&Play"));
    m_play->setIcon(icon(m_playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void TrainingActions::setDarkTheme(bool dark)
{
    m_dark = dark;
    refreshIcons();
}

QIcon TrainingActions::icon(QStyle::StandardPixmap which) const
{
    return m_icons->toolbarIcon(which, m_dark);
}

void TrainingActions::refreshIcons()
{
    m_play->setIcon(icon(m_playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_step->setIcon(icon(QStyle::SP_MediaSkipForward));
    m_reset->setIcon(icon(QStyle::SP_BrowserReload));
}

} // namespace relulab
