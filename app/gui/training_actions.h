// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QObject>
#include <QStyle>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace relulab {

class StableIconStyle;
class TrainingController;

/// Play/Pause (Space), Step (S), Reset (R) and Reset settings to defaults: the Training menu and
/// the toolbar, driving the TrainingController. Play shows Pause while the frames say playing;
/// the icons are redrawn for the dark theme.
class TrainingActions : public QObject
{
    Q_OBJECT

public:
    /// Adds the actions to `window`, so their shortcuts work with the menu bar hidden.
    TrainingActions(QMainWindow *window, TrainingController *training,
                    const StableIconStyle *icons);

    QAction *playPauseAction() const { return m_play; }
    QAction *stepAction() const { return m_step; }
    QAction *resetAction() const { return m_reset; }
    QAction *defaultsAction() const { return m_defaults; }
    void addToMenu(QMenu *menu);
    /// The toolbar: Play, Step, Reset, then `extra` (e.g. Compare A/B), never taking focus.
    QToolBar *createToolBar(const QFont &font, const QList<QAction *> &extra);

public slots:
    /// Play or Pause, as the frame says.
    void showFrame(const relulab::FramePtr &frame);
    void setDarkTheme(bool dark);

private:
    QIcon icon(QStyle::StandardPixmap which) const;
    void refreshIcons();

    QMainWindow *m_window;
    const StableIconStyle *m_icons;
    bool m_dark = false;
    bool m_playing = false;
    QAction *m_play;
    QAction *m_step;
    QAction *m_reset;
    QAction *m_defaults;
};

} // namespace relulab
