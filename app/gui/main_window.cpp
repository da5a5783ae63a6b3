// SPDX-License-Identifier: MIT
#include "main_window.h"

#include "app_settings.h"
#include "compare_controller.h"
#include "config_json.h"
#include "control_panel.h"
#include "data_controller.h"
#include "distribution_dock.h"
#include "distribution_plot.h"
#include "explanation_panel.h"
#include "export_controller.h"
#include "gradient_plot.h"
#include "help_dialogs.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "link_controller.h"
#include "network_view_controller.h"
#include "plain_message.h"
#include "plot_base.h"
#include "plot_grid.h"
#include "presentation_controller.h"
#include "scroll_dock.h"
#include "session_controller.h"
#include "stable_icon_style.h"
#include "tool_windows.h"
#include "training_actions.h"
#include "training_controller.h"
#include "training_status_bar.h"
#include "training_thread.h"
#include "view_controller.h"
#include "window_action.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QTabBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace relulab {

MainWindow::MainWindow(const TrainingConfig &config, const MainWindowOptions &options,
                       QWidget *parent)
    : QMainWindow(parent),
      m_settings(options.persistSettings ? std::make_unique<AppSettings>() : nullptr),
      m_lesson(options.lesson)
{
    setWindowTitle(tr("ReLU Lab"));
    m_iconStyle = new StableIconStyle(QApplication::style()->name());
    m_iconStyle->setParent(this);
    m_status = new TrainingStatusBar(this);
    setStatusBar(m_status);
    createPlots();
    createControls(config);
    createActions();
    createMenus();
    createToolBar();
    // Every dock exists now: one style for all, so their title-bar icons are made once.
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->setStyle(m_iconStyle);
    if (options.lessonFile.isEmpty())
        showLesson(m_lesson);
    else if (!m_lessons->showFile(options.lessonFile).isEmpty())
        m_lessons->clear(); // checked on the command line; gone since, it just shows no lesson

    restoreSettings();
    applyLessonView();
    if (options.speed)
        m_training->setSpeed(*options.speed);
    connectTraining();
    m_training->start(options.startPlaying);
    if (!options.sessionFile.isEmpty())
        m_sessions->open(options.sessionFile);
    if (!options.link.isEmpty()) {
        if (const QString error = m_links->open(options.link); !error.isEmpty())
            showPlainMessage(this, QMessageBox::Warning, tr("Link not opened"), error);
    }
}

MainWindow::~MainWindow()
{
    m_training->stop(); // before the plots go
}

FrameMailbox *MainWindow::mailbox() const
{
    return m_training->mailbox();
}

QThread *MainWindow::workerThread() const
{
    TrainingThread *thread = m_training->trainingThread();
    return thread ? thread->trainingThread() : nullptr;
}

TrainingWorker *MainWindow::worker() const
{
    TrainingThread *thread = m_training->trainingThread();
    return thread ? thread->worker() : nullptr;
}

CostPanel *MainWindow::costPanel() const
{
    return m_tools->costPanel();
}

QAction *MainWindow::costAction() const
{
    return m_tools->costAction();
}

SweepWindow *MainWindow::sweepWindow() const
{
    return m_tools->sweepWindow();
}

QAction *MainWindow::sweepAction() const
{
    return m_tools->sweepAction();
}

EvidenceDock *MainWindow::evidenceDock() const
{
    return m_tools->evidenceDock();
}

QAction *MainWindow::playPauseAction() const
{
    return m_actions->playPauseAction();
}

QAction *MainWindow::stepAction() const
{
    return m_actions->stepAction();
}

QAction *MainWindow::resetAction() const
{
    return m_actions->resetAction();
}

const QList<PlotBase *> &MainWindow::plots() const
{
    return m_grid->plots();
}

PlotBase *MainWindow::plot(const QString &id) const
{
    return m_grid->plot(id);
}

PlotBase *MainWindow::currentPlot() const
{
    return m_grid->currentPlot();
}

void MainWindow::createPlots()
{
    m_grid = new PlotGrid(this);
    // The lesson banner sits above the plots, where the class looks.
    auto *central = new QWidget(this);
    auto *centralColumn = new QVBoxLayout(central);
    centralColumn->setContentsMargins(0, 0, 0, 0);
    centralColumn->setSpacing(0);
    m_banner = new LessonBanner(central);
    centralColumn->addWidget(m_banner);
    centralColumn->addWidget(m_grid, 1);
    setCentralWidget(central);
    connect(m_grid, &PlotGrid::frameRepainted, m_status, &TrainingStatusBar::noteFramePainted);
}

void MainWindow::createControls(const TrainingConfig &config)
{
    m_controls = new ControlPanel;
    m_training = new TrainingController(config, m_controls, this);
    m_lessons = new LessonController(m_controls, m_banner, m_training, m_settings.get(), this);
    connect(m_lessons, &LessonController::lessonChanged, this,
            [this](const QString &name) { m_lesson = name; });
    m_dock = new ScrollDock(tr("Controls"), QStringLiteral("controlsDock"), m_controls, this);
    // Wide enough that a slider has a few pixels for each of its positions.
    const int panelWidth = 18 * m_controls->fontMetrics().height();
    m_dock->widget()->setMinimumWidth(std::max(m_controls->sizeHint().width() + 24, panelWidth));
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);
}

void MainWindow::createActions()
{
    m_actions = new TrainingActions(this, m_training, m_iconStyle);
    connect(m_actions->defaultsAction(), &QAction::triggered, this,
            &MainWindow::resetSettingsToDefaults);
    connect(this, &MainWindow::frameShown, m_actions, &TrainingActions::showFrame);
    // A dock, not a seventh plot in the grid: the six plots keep their size, and the ridges
    // get the full height they need for deep networks. Hidden until asked for.
    m_distributions = new DistributionDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_distributions);
    m_distributions->hide();
    connect(this, &MainWindow::frameShown, m_distributions, &DistributionDock::showFrame);
    m_presentation = new PresentationController(this, m_grid, m_controls, m_dock);
    connect(m_presentation, &PresentationController::themeChanged, m_actions,
            [this](Theme theme) { m_actions->setDarkTheme(theme == Theme::Dark); });
    m_network = new NetworkViewController(this, m_grid, m_training, this);
    connect(this, &MainWindow::frameShown, m_network, &NetworkViewController::showFrame);
    m_view = new ViewController(this, m_grid, m_presentation, m_distributions, m_network);
    connect(this, &MainWindow::frameShown, m_view, &ViewController::setShownFrame);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_sessions = new SessionController(this, m_lessons, m_training, m_settings.get(), this);
    m_sessions->setViewHooks([this] { return m_view->viewOptions(); },
                             [this](const ViewOptions &v) { m_view->restoreViewOptions(v); });
    const auto note = [this](const QString &text) { m_status->showMessage(text, 10000); };
    connect(m_sessions, &SessionController::message, this, note);
    m_sessions->addToMenu(file);
    file->addSeparator();
    // Made here, before the View menu shows its actions: a link holds run B too.
    m_compare = new CompareController(this, m_training);
    m_sessions->setCompareController(m_compare);
    m_links = new LinkController(this, m_lessons, m_training, m_compare, m_view);
    connect(m_links, &LinkController::message, this, note);
    m_links->addToMenu(file);
    file->addSeparator();
    m_data = new DataController(this, m_controls, m_training, this);
    connect(m_data, &DataController::message, this, note);
    connect(m_training, &TrainingController::settingsApplied, m_data,
            &DataController::syncWithSettings);
    m_data->addToMenu(file);
    file->addSeparator();
    m_export = new ExportController(this, m_grid, m_training, m_settings.get());
    connect(m_export, &ExportController::message, this, note);
    connect(this, &MainWindow::frameShown, m_export, &ExportController::setShownFrame);
    m_export->setLessons(m_lessons);
    m_export->addToMenu(file);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_network->addToMenu(menuBar()->addMenu(tr("&Edit")));
    m_actions->addToMenu(menuBar()->addMenu(tr("&Training")));

    m_lessons->addToMenu(menuBar()->addMenu(tr("&Lessons")));
    connect(m_lessons, &LessonController::lessonRequested, this, &MainWindow::loadLesson);
    connect(m_lessons, &LessonController::lessonFileRequested, this, &MainWindow::openLessonFile);
    m_lessons->acceptDrops(this);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *controls = m_dock->toggleViewAction();
    controls->setText(tr("&Controls"));
    controls->setShortcut(Qt::Key_F2);
    controls->setToolTip(tr("Show or hide the controls (F2). On a small screen hiding them "
                            "lets every plot fit at once."));
    view->addAction(controls);
    view->addActions({m_view->largerTextAction(), m_view->fullScreenAction()});
    view->addSeparator();
    view->addActions({m_compare->toggleAction(), m_compare->settingsAction()});
    connect(m_lessons, &LessonController::lessonChanged, m_compare,
            [this] { m_compare->setLessonOverrides(m_lessons->info().compare); });
    view->addSeparator();
    view->addAction(m_presentation->presentationAction());
    view->addMenu(m_presentation->themeMenu());
    connect(m_lessons, &LessonController::lessonChanged, m_presentation,
            [this] { m_presentation->setLookFor(m_lessons->info().lookFor); });
    createExplanationDock(view);
    view->addAction(m_distributions->toggleViewAction());
    view->addAction(m_view->theoryAction());
    view->addSeparator();
    view->addActions({m_view->networkViewAction(), m_view->timelineAction()});
    view->addAction(m_view->beginnerAction());
    connect(m_view, &ViewController::beginnerChanged, m_controls, [this](bool on) {
        m_controls->setOnlyKeys(on ? ControlPanel::beginnerKeys() : QStringList());
    });
    view->addAction(m_network->editorDock()->toggleViewAction());
    view->addActions(m_view->plotModeActions());
    m_tools = new ToolWindows(this, menuBar()->addMenu(tr("&Tools")), m_training, m_lessons);
    connect(m_tools, &ToolWindows::message, this, note);
    connect(m_presentation, &PresentationController::themeChanged, m_tools, &ToolWindows::setTheme);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // F1 focuses the "What am I looking at?" panel.
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_F1), this,
                    [this] { showKeyboardHelp(this); });
    help->addAction(tr("&About ReLU Lab"), this, [this] { showAboutBox(this); });
}

void MainWindow::createExplanationDock(QMenu *view)
{
    m_explanationDock = new ExplanationDock(this);
    m_explanations = m_explanationDock->panel();
    addDockWidget(Qt::LeftDockWidgetArea, m_explanationDock);
    view->addAction(m_explanationDock->toggleViewAction());
    // The unit editor shares the explanations' place (a tab) rather than widening the window.
    tabifyDockWidget(m_explanationDock, m_network->editorDock());
    m_explanationDock->raise();
    addAction(m_explanationDock->focusAction());
    connect(m_grid, &PlotGrid::currentPlotChanged, m_explanations, &ExplanationPanel::setPlot);
    connect(this, &MainWindow::frameShown, m_explanations, &ExplanationPanel::setFrame);
    if (!plots().isEmpty())
        m_explanations->setPlot(plots().first());
}

QAction *MainWindow::theoryOverlayAction() const
{
    return m_view->theoryAction();
}

bool MainWindow::theoryOverlay() const
{
    return m_view->theoryOverlay();
}

void MainWindow::setTheoryOverlay(bool on)
{
    m_view->setTheoryOverlay(on);
}

void MainWindow::createToolBar()
{
    m_actions->createToolBar(m_controls->font(),
                             {m_compare->toggleAction(), m_dock->toggleViewAction()});
}

QList<QWidget *> MainWindow::tabStops() const
{
    // Explicit, because the focus chain alone cannot give it: the central widget was made before
    // the docks, and the plot cells' tab widgets hand Tab back to their tab bars, so the chain
    // went round the plots and docks without ever coming back to the controls.
    QList<QWidget *> order;
    auto take = [&order](QWidget *w) {
        if ((w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() && !order.contains(w))
            order.append(w);
    };
    for (QWidget *w = m_controls->nextInFocusChain(); w != m_controls; w = w->nextInFocusChain())
        if (m_controls->isAncestorOf(w))
            take(w);
    take(m_banner->unlockButton());
    take(m_banner->resetButton());
    for (QWidget *w : m_grid->focusOrder())
        take(w);
    for (QWidget *w = nextInFocusChain(); w != this; w = w->nextInFocusChain())
        take(w);
    return order;
}

bool MainWindow::focusNextPrevChild(bool next)
{
    const QList<QWidget *> order = tabStops();
    const qsizetype at = order.indexOf(focusWidget());
    if (at < 0 || order.isEmpty())
        return QMainWindow::focusNextPrevChild(next);
    const qsizetype n = order.size();
    for (qsizetype step = 1; step < n; ++step) {
        QWidget *w = order[(at + (next ? step : n - step)) % n];
        if (w->isVisible() && w->isEnabled() && w->window() == this) {
            w->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
            return true;
        }
    }
    return false;
}

void MainWindow::connectTraining()
{
    connect(m_training, &TrainingController::frameArrived, this, &MainWindow::showFrame);
    connect(m_training, &TrainingController::settingsApplied, this,
            [this](const TrainingConfig &c) {
                if (m_shown)
                    m_grid->previewControls(*m_shown, c);
            });
    connect(m_training, &TrainingController::settingsRefused, this, [this](const QString &message) {
        m_status->showMessage(tr("Settings not applied: %1").arg(message), 10000);
    });
    connect(m_training, &TrainingController::trainingPaused, this, [this](const QString &reason) {
        m_status->showMessage(tr("Training paused: %1").arg(reason), 10000);
    });
    connect(m_compare, &CompareController::settingsChanged, m_training,
            &TrainingController::setCompare);
    connect(m_distributions, &DistributionDock::wantedChanged, m_training,
            &TrainingController::setDistributions);
    m_training->setDistributions(m_distributions->wanted());
}

void MainWindow::showFrame(const FramePtr &frame, std::chrono::steady_clock::time_point publishedAt)
{
    if (frame == m_shown)
        return;
    m_shown = frame;
    m_shownPublishedAt = publishedAt;
    m_grid->showFrame(m_shown, m_training->settings());
    m_status->showFrame(*m_shown);
    emit frameShown(m_shown);
}

void MainWindow::loadLesson(const QString &name)
{
    // The controller shows the lesson, locks its keys and asks for the restart.
    if (const QString error = m_lessons->load(name); !error.isEmpty())
        showPlainMessage(this, QMessageBox::Warning, tr("Lesson not loaded"), error);
    else
        applyLessonView();
}

void MainWindow::applyLessonView()
{
    // A lesson for beginners turns the beginner view on; any other leaves the view as it is.
    if (m_lessons->info().beginnerView)
        m_view->beginnerAction()->setChecked(true);
}

void MainWindow::openLessonFile(const QString &path)
{
    // A bad file changes nothing: the message names the file and what is wrong with it.
    if (const QString error = m_lessons->loadFile(path); !error.isEmpty())
        showPlainMessage(this, QMessageBox::Warning, tr("Lesson not loaded"), error);
    else
        applyLessonView();
}

void MainWindow::showLesson(const QString &name)
{
    // A lesson that no longer loads (renamed since it was saved) just shows no lesson.
    if (!m_lessons->show(name).isEmpty())
        m_lessons->clear();
}

void MainWindow::resetSettingsToDefaults()
{
    showLesson({});
    m_training->setSpeed(ControlPanel::kDefaultSpeed);
    m_training->applySettings(TrainingConfig{}, TrainingController::Restart::FromStepZero);
}

void MainWindow::restoreSettings()
{
    const QRect available = screen()->availableGeometry();
    // A projector's screen is the lesson: use most of it, and all of a small one, where every
    // row of pixels decides whether the plots fit side by side.
    const bool small = available.width() < 1400 || available.height() < 900;
    resize(small ? available.size() : available.size() * 0.95);
    move(available.center() - rect().center());
    if (m_settings) {
        if (m_settings->contains(AppSettings::kSpeed.name))
            m_controls->setSpeed(m_settings->speed());
        m_view->restoreSettings(*m_settings);
        if (restoreGeometry(m_settings->windowGeometry()))
            restoreState(m_settings->windowState());
    }
    keepOnScreen();
}

void MainWindow::keepOnScreen()
{
    if (isFullScreen() || isMaximized())
        return;
    const QRect available = screen()->availableGeometry();
    // The frame (title bar, borders) is the window manager's; it counts against the screen.
    const QSize frame = frameGeometry().size() - geometry().size();
    const QSize room = available.size() - frame;
    if (width() > room.width() || height() > room.height())
        resize(size().boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
    QRect placed = frameGeometry();
    placed.moveRight(std::min(placed.right(), available.right()));
    placed.moveBottom(std::min(placed.bottom(), available.bottom()));
    placed.moveLeft(std::max(placed.left(), available.left()));
    placed.moveTop(std::max(placed.top(), available.top()));
    if (placed.topLeft() != frameGeometry().topLeft())
        move(placed.topLeft());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // The tab bar that picks between tabbed docks is the layout's, made when first laid out:
    // it says what it is for to a screen reader.
    for (QTabBar *bar : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
        if (bar->accessibleName().isEmpty()) {
            bar->setAccessibleName(tr("Side panels"));
            bar->setAccessibleDescription(tr("Switches between the tabbed side panels."));
        }
    }
    if (!m_firstShow)
        return;
    m_firstShow = false;
    // Only a shown window knows its frame's size; and the docks fold once the layout has
    // given the plots their room.
    keepOnScreen();
    QTimer::singleShot(0, this, &MainWindow::foldDocksIfCramped);
}

void MainWindow::foldDocksIfCramped()
{
    if (m_grid->arrangement() != PlotGrid::Arrangement::Single || isFullScreen())
        return;
    QList<QDockWidget *> left;
    int reclaimed = 0;
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        if (dock->isVisible() && !dock->isFloating() &&
            dockWidgetArea(dock) == Qt::LeftDockWidgetArea) {
            left.append(dock);
            reclaimed = std::max(reclaimed, dock->width());
        }
    }
    if (left.isEmpty())
        return;
    const QSize without(m_grid->width() + reclaimed +
                            style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent),
                        m_grid->height());
    if (m_grid->arrangementFor(without) == PlotGrid::Arrangement::Single)
        return; // folding would not bring the plots back together: keep the controls
    for (QDockWidget *dock : std::as_const(left)) {
        dock->hide();
        m_foldedDocks.append(dock);
    }
    m_status->showMessage(tr("Small screen: the controls are folded away so that every plot "
                             "fits. F2 (or Controls in the toolbar) brings them back."),
                          20000);
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setWindowGeometry(saveGeometry());
    // Folded for this screen only: the state remembers them as the user last chose.
    for (QDockWidget *dock : std::as_const(m_foldedDocks))
        if (dock)
            dock->show();
    m_settings->setWindowState(saveState());
    m_settings->setTrainingConfig(m_training->settings());
    m_settings->setSpeed(m_controls->speed());
    // A file lesson is not reopened at start (its file may be gone); its settings are kept.
    m_settings->setLesson(m_lessons->info().isFromFile() ? QString() : m_lesson);
    m_view->saveSettings(*m_settings);
    // The window is closing, so a failure can only be reported on stderr.
    if (QString error; !m_settings->sync(&error))
        qWarning("relulab: %s", qPrintable(error));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_training->stop();
    QMainWindow::closeEvent(event);
}

} // namespace relulab
