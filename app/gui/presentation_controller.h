// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QRect>
#include <QSize>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QToolBar;
class QWidget;

namespace relulab {

class ControlPanel;
class PlotGrid;

/// Presentation mode (F5) and the light/dark theme. Entering remembers everything it changes —
/// window state and geometry, dock layout, fonts, which controls were hidden — so Esc puts the
/// window back exactly as it was. In between: full screen, larger fonts and lines everywhere,
/// only the controls a lesson turns (activation, alpha, depth, init, init scale) and the lesson's
/// "what to look for" as a large caption under the plots.
class PresentationController : public QObject
{
    Q_OBJECT

public:
    static constexpr double kPlotScale = 1.4;       ///< plot fonts and lines, × (12 pt → 17 pt)
    static constexpr double kPanelScale = 1.3;      ///< control panel and toolbar fonts, ×
    static constexpr double kCaptionPoints = 18;    ///< the caption, in points
    static constexpr double kMinCaptionPoints = 12; ///< ... shrunk to fit, at most down to this

    PresentationController(QMainWindow *window, PlotGrid *grid, ControlPanel *controls,
                           QDockWidget *controlsDock);

    QAction *presentationAction() const { return m_presentAction; } ///< F5, checkable
    QAction *exitAction() const { return m_exitAction; }            ///< Esc, while presenting
    /// View → Theme: Light, Dark (exclusive).
    QMenu *themeMenu() const { return m_themeMenu; }

    bool isActive() const { return m_active; }
    Theme theme() const { return m_theme; }
    /// The caption shown under the plots while presenting (hidden otherwise).
    QLabel *caption() const { return m_caption; }
    /// The controls presentation mode hides (found by object name in the control panel).
    QList<QWidget *> advancedControls() const;

public slots:
    void setActive(bool on);
    void setTheme(relulab::Theme theme);
    /// What to look for in the current lesson; empty for no lesson (no caption then).
    void setLookFor(const QString &text);

signals:
    void activeChanged(bool active);
    void themeChanged(relulab::Theme theme);

private:
    void enter();
    void leave();
    void applyWindowPalette();
    void updateCaption();
    /// Shrinks the caption's type until its text fits the room it has.
    void fitCaption();

    /// Everything enter() changes, as it was before.
    struct Saved
    {
        QByteArray dockState;
        QRect geometry;
        Qt::WindowStates windowState;
        QFont panelFont;
        QFont toolBarFont;
        QSize toolBarIcons;
        int panelMinimumWidth = 0;
        double plotScale = 1.0;
        QList<QPair<QPointer<QWidget>, bool>> hidden; ///< widget, was explicitly hidden
        QList<QPair<QPointer<QWidget>, QFont>>
            fonts; ///< each panel widget's own font, or QFont() if inherited
    };

    QMainWindow *m_window;
    PlotGrid *m_grid;
    ControlPanel *m_controls;
    QDockWidget *m_controlsDock;
    QToolBar *m_toolBar = nullptr;
    QDockWidget *m_captionDock = nullptr;
    QLabel *m_caption = nullptr;
    QAction *m_presentAction = nullptr;
    QAction *m_exitAction = nullptr;
    QAction *m_lightAction = nullptr;
    QAction *m_darkAction = nullptr;
    QMenu *m_themeMenu = nullptr;
    QPalette m_lightPalette; ///< the window's palette before any theme was applied
    QString m_lookFor;
    Theme m_theme = Theme::Light;
    bool m_active = false;
    Saved m_saved;
};

} // namespace relulab
