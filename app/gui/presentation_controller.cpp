// SPDX-License-Identifier: MIT
#include "presentation_controller.h"

#include "control_panel.h"
#include "lesson_banner.h"
#include "plot_base.h"
#include "plot_grid.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

/// Control panel fields hidden while presenting (their labels go with them): everything a
/// lesson does not turn on the projector.
const char *const kAdvancedFields[] = {
    "widthSlider",  "learningRateSlider", "optimizerCombo",   "batchSizeSpinBox", "speedSlider",
    "datasetCombo", "noiseSlider",        "inputShiftSlider", "seedSpinBox",
};

QFont scaled(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(int(std::lround(font.pixelSize() * factor)));
    return font;
}

/// A dark window palette matching the dark plots (Fusion draws every control from it).
QPalette darkPalette()
{
    QPalette p;
    const QColor window(36, 36, 40), base(24, 24, 27), text(235, 235, 235);
    const QColor disabled(140, 140, 140);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(50, 50, 56));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(52, 52, 58));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 120, 80));
    p.setColor(QPalette::Light, QColor(80, 80, 88));
    p.setColor(QPalette::Midlight, QColor(66, 66, 72));
    p.setColor(QPalette::Mid, QColor(44, 44, 48));
    p.setColor(QPalette::Dark, QColor(20, 20, 22));
    p.setColor(QPalette::Shadow, Qt::black);
    // Okabe–Ito sky blue: the highlight stays visible and colour-blind safe.
    p.setColor(QPalette::Highlight, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

PresentationController::PresentationController(QMainWindow *window, PlotGrid *grid,
                                               ControlPanel *controls, QDockWidget *controlsDock)
    : QObject(window), m_window(window), m_grid(grid), m_controls(controls),
      m_controlsDock(controlsDock), m_lightPalette(window->palette())
{
    m_presentAction = new QAction(tr("&Presentation"), this);
    m_presentAction->setShortcut(Qt::Key_F5);
    m_presentAction->setShortcutContext(Qt::WindowShortcut);
    m_presentAction->setCheckable(true);
    const QString tip = tr("Full screen, large text, only the main controls and the lesson's "
                           "\"what to look for\" as a caption (F5; Esc returns).");
    m_presentAction->setStatusTip(tip);
    m_presentAction->setToolTip(tip);
    connect(m_presentAction, &QAction::toggled, this, &PresentationController::setActive);

    m_exitAction = new QAction(tr("Leave presentation"), this);
    m_exitAction->setShortcut(Qt::Key_Escape);
    m_exitAction->setShortcutContext(Qt::WindowShortcut);
    // Only while presenting, so Esc keeps its ordinary meaning otherwise.
    m_exitAction->setEnabled(false);
    connect(m_exitAction, &QAction::triggered, this, [this] { setActive(false); });
    window->addActions({m_presentAction, m_exitAction});

    m_themeMenu = new QMenu(tr("&Theme"), window);
    auto *group = new QActionGroup(this);
    m_lightAction = m_themeMenu->addAction(tr("&Light"));
    m_lightAction->setStatusTip(tr("Dark text on white: for bright rooms and printing."));
    m_darkAction = m_themeMenu->addAction(tr("&Dark"));
    m_darkAction->setStatusTip(tr("Light text on dark grey: less glare in a dim room."));
    for (QAction *a : {m_lightAction, m_darkAction}) {
        a->setCheckable(true);
        group->addAction(a);
    }
    m_lightAction->setChecked(true);
    connect(m_lightAction, &QAction::triggered, this, [this] { setTheme(Theme::Light); });
    connect(m_darkAction, &QAction::triggered, this, [this] { setTheme(Theme::Dark); });

    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("presentationCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setMargin(10);
    m_caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    QFont captionFont = m_caption->font();
    captionFont.setPointSizeF(kCaptionPoints);
    m_caption->setFont(captionFont);
    m_captionDock = new QDockWidget(tr("What to look for"), window);
    m_captionDock->setObjectName(QStringLiteral("presentationCaptionDock"));
    m_captionDock->setTitleBarWidget(new QWidget(m_captionDock)); // a caption, not a panel
    m_captionDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_captionDock->setWidget(m_caption);
    // Under the controls, in the column the hidden advanced controls leave empty: below the
    // plots it took a sixth of the screen's height from them.
    window->addDockWidget(Qt::LeftDockWidgetArea, m_captionDock);
    m_captionDock->hide();
}

QList<QWidget *> PresentationController::advancedControls() const
{
    QList<QWidget *> fields;
    for (const char *name : kAdvancedFields)
        if (auto *w = m_controls->findChild<QWidget *>(QLatin1String(name)))
            fields.append(w);
    return fields;
}

void PresentationController::setActive(bool on)
{
    if (on == m_active)
        return;
    on ? enter() : leave();
    m_active = on;
    m_exitAction->setEnabled(on);
    {
        const QSignalBlocker blocker(m_presentAction);
        m_presentAction->setChecked(on);
    }
    emit activeChanged(on);
}

void PresentationController::enter()
{
    m_saved = Saved();
    m_saved.dockState = m_window->saveState();
    m_saved.geometry = m_window->geometry();
    m_saved.windowState = m_window->windowState();
    m_saved.panelFont = m_controls->font();
    m_saved.plotScale =
        m_grid->plots().isEmpty() ? 1.0 : m_grid->plots().first()->presentationScale();

    // Fields, their labels, and any group left with nothing visible.
    QList<QWidget *> hide = advancedControls();
    for (QLabel *label : m_controls->findChildren<QLabel *>())
        if (hide.contains(label->buddy()))
            hide.append(label);
    for (QGroupBox *group : m_controls->findChildren<QGroupBox *>()) {
        const QList<QWidget *> children =
            group->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
        const bool empty = std::all_of(children.begin(), children.end(), [&](QWidget *w) {
            return hide.contains(w) || w->isHidden();
        });
        if (empty && !children.isEmpty())
            hide.append(group);
    }
    // The caption says what to look for; the lesson's question and to-do would take the
    // plots' height on the projector.
    if (auto *banner = m_window->findChild<LessonBanner *>())
        hide.append(banner);
    for (QWidget *w : hide) {
        m_saved.hidden.append({w, w->isHidden()});
        w->hide();
    }

    // Every widget of the panel, not just the panel: the panel's style sheet stops a parent's
    // font from reaching its children.
    m_saved.fonts.clear();
    for (QWidget *w : m_controls->findChildren<QWidget *>()) {
        // An inherited font is restored as "inherit" (an empty QFont resolves nothing).
        m_saved.fonts.append({w, w->testAttribute(Qt::WA_SetFont) ? w->font() : QFont()});
        w->setFont(scaled(w->font(), kPanelScale));
    }
    m_controls->setFont(scaled(m_saved.panelFont, kPanelScale));
    if (auto *scroll = qobject_cast<QScrollArea *>(m_controlsDock->widget())) {
        m_saved.panelMinimumWidth = scroll->minimumWidth();
        scroll->setMinimumWidth(int(m_saved.panelMinimumWidth * kPanelScale));
    }
    m_toolBar = m_window->findChild<QToolBar *>(QStringLiteral("trainingToolBar"));
    if (m_toolBar) {
        m_saved.toolBarFont = m_toolBar->font();
        m_saved.toolBarIcons = m_toolBar->iconSize();
        m_toolBar->setFont(scaled(m_saved.toolBarFont, kPanelScale));
        m_toolBar->setIconSize(m_saved.toolBarIcons * kPanelScale);
    }
    m_grid->setPresentationScale(std::max(kPlotScale, m_saved.plotScale));
    // The plots get the room: other panels wait (restoreState brings them back, F1 still works).
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        if (dock != m_controlsDock && dock != m_captionDock && dock->parentWidget() == m_window)
            dock->hide();
    m_controlsDock->show();
    bool captionBelowControls = false;
    if (m_window->dockWidgetArea(m_controlsDock) == Qt::LeftDockWidgetArea ||
        m_window->dockWidgetArea(m_controlsDock) == Qt::RightDockWidgetArea) {
        m_window->addDockWidget(m_window->dockWidgetArea(m_controlsDock), m_captionDock);
        m_window->splitDockWidget(m_controlsDock, m_captionDock, Qt::Vertical);
        // The caption wraps to the controls' width instead of widening the column.
        const int width = m_controlsDock->widget()->minimumSizeHint().width();
        m_window->resizeDocks({m_controlsDock}, {width}, Qt::Horizontal);
        captionBelowControls = true;
    }
    updateCaption();
    m_captionDock->setVisible(!m_lookFor.isEmpty());
    if (captionBelowControls && !m_lookFor.isEmpty()) {
        // The controls keep the height they need (their advanced part is hidden); the caption,
        // top-aligned, takes the rest.
        const int controls =
            m_controls->sizeHint().height() + 3 * m_controls->fontMetrics().height();
        const int screen = m_window->screen() ? m_window->screen()->geometry().height() : 1080;
        m_window->resizeDocks({m_controlsDock, m_captionDock},
                              {controls, std::max(1, screen - controls)}, Qt::Vertical);
        // Once the docks have their new sizes.
        QTimer::singleShot(0, this, &PresentationController::fitCaption);
    }
    // Without a window manager (a kiosk, Xvfb) full screen is only a request: size it too.
    if (const QScreen *screen = m_window->screen())
        m_window->setGeometry(screen->geometry());
    m_window->showFullScreen();
}

void PresentationController::leave()
{
    m_captionDock->hide();
    for (const auto &[widget, wasHidden] : m_saved.hidden)
        if (widget)
            widget->setHidden(wasHidden);
    m_controls->setFont(m_saved.panelFont);
    for (const auto &[widget, font] : m_saved.fonts)
        if (widget)
            widget->setFont(font);
    if (auto *scroll = qobject_cast<QScrollArea *>(m_controlsDock->widget()))
        scroll->setMinimumWidth(m_saved.panelMinimumWidth);
    if (m_toolBar) {
        m_toolBar->setFont(m_saved.toolBarFont);
        m_toolBar->setIconSize(m_saved.toolBarIcons);
    }
    m_grid->setPresentationScale(m_saved.plotScale);
    m_window->setWindowState(m_saved.windowState);
    if (!(m_saved.windowState & (Qt::WindowFullScreen | Qt::WindowMaximized)))
        m_window->setGeometry(m_saved.geometry);
    m_window->restoreState(m_saved.dockState);
    m_window->show();
    m_saved.hidden.clear();
}

void PresentationController::setTheme(Theme theme)
{
    m_theme = theme;
    (theme == Theme::Dark ? m_darkAction : m_lightAction)->setChecked(true);
    m_grid->setTheme(theme);
    applyWindowPalette();
    emit themeChanged(theme);
}

void PresentationController::applyWindowPalette()
{
    m_window->setPalette(m_theme == Theme::Dark ? darkPalette() : m_lightPalette);
    // The control panel's style sheet stops the window's palette from reaching its widgets;
    // an empty QPalette (light) makes them inherit again.
    const QPalette panel = m_theme == Theme::Dark ? darkPalette() : QPalette();
    m_controls->setPalette(panel);
    for (QWidget *w : m_controls->findChildren<QWidget *>())
        w->setPalette(panel);
    // The caption stands out from the window: the plots' background, the theme's ink.
    const PlotStyle style(1.0, m_theme);
    QPalette p = m_caption->palette();
    p.setColor(QPalette::Window, style.background());
    p.setColor(QPalette::WindowText, style.ink());
    m_caption->setPalette(p);
    m_caption->setAutoFillBackground(true);
}

void PresentationController::setLookFor(const QString &text)
{
    m_lookFor = text.trimmed();
    updateCaption();
    if (m_active) {
        m_captionDock->setVisible(!m_lookFor.isEmpty());
        QTimer::singleShot(0, this, &PresentationController::fitCaption);
    }
}

void PresentationController::fitCaption()
{
    if (!m_active || !m_captionDock->isVisible())
        return;
    // A long "look for" gets smaller type rather than losing its last lines.
    const int width = m_caption->width(), room = m_caption->height();
    QFont font = m_caption->font();
    font.setPointSizeF(kCaptionPoints);
    m_caption->setFont(font);
    while (font.pointSizeF() > kMinCaptionPoints && m_caption->heightForWidth(width) > room) {
        font.setPointSizeF(font.pointSizeF() - 1);
        m_caption->setFont(font);
    }
}

void PresentationController::updateCaption()
{
    m_caption->setText(m_lookFor.isEmpty() ? QString() : tr("Look for: %1").arg(m_lookFor));
}

} // namespace relulab
