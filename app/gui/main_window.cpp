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
#include "gradient_plot.h"
#include "help_dialogs.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "plain_message.h"
#include "plot_base.h"
#include "plot_exporter.h"
#include "plot_grid.h"
#include "presentation_controller.h"
#include "session_controller.h"
#include "stable_icon_style.h"
#include "tool_windows.h"
#include "training_controller.h"
#include "training_status_bar.h"
#include "training_thread.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace relulab {

namespace {

constexpr double kExportAllScale = 2.0;
constexpr double kPresentationScale = 1.4;

QAction *makeAction(const QString &text, const QKeySequence &shortcut, const QString &tip,
                    QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setShortcut(shortcut);
    // Window-wide, so Space, S and R work while the mouse and focus are on a plot.
    action->setShortcutContext(Qt::WindowShortcut);
    action->setStatusTip(tip);
    action->setToolTip(tip);
    return action;
}

} // namespace

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
    createActions();
    createPlots();
    createControls(config);
    createMenus();
    createToolBar();
    // Every dock exists now: one style for all, so their title-bar icons are made once.
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->setStyle(m_iconStyle);
    showLesson(m_lesson);

    restoreSettings();
    if (options.speed)
        m_controls->setSpeed(*options.speed);
    connectTraining();
    m_training->start(options.startPlaying);
    if (!options.sessionFile.isEmpty())
        m_sessions->open(options.sessionFile);
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
    connect(m_grid, &PlotGrid::currentPlotChanged, this, [this](PlotBase *plot) {
        m_exportPlotAction->setText(tr("&Export plot “%1”…").arg(plot->title()));
        m_copyAction->setText(tr("&Copy plot “%1”").arg(plot->title()));
    });
}

void MainWindow::createControls(const TrainingConfig &config)
{
    m_controls = new ControlPanel;
    m_training = new TrainingController(config, m_controls, this);
    m_lessons = new LessonController(m_controls, m_banner, m_training, this);
    connect(m_lessons, &LessonController::lessonChanged, this,
            [this](const QString &name) { m_lesson = name; });
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Wide enough that a slider has a few pixels for each of its positions.
    const int panelWidth = 18 * m_controls->fontMetrics().height();
    scroll->setMinimumWidth(std::max(m_controls->sizeHint().width() + 24, panelWidth));
    m_dock = new QDockWidget(tr("Controls"), this);
    m_dock->setObjectName(QStringLiteral("controlsDock"));
    m_dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);
}

QIcon MainWindow::toolIcon(QStyle::StandardPixmap which) const
{
    return m_iconStyle->toolbarIcon(which,
                                    m_presentation && m_presentation->theme() == Theme::Dark);
}

void MainWindow::refreshToolIcons()
{
    const bool playing = m_shown && m_shown->playing;
    m_playAction->setIcon(toolIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_stepAction->setIcon(toolIcon(QStyle::SP_MediaSkipForward));
    m_resetAction->setIcon(toolIcon(QStyle::SP_BrowserReload));
}

void MainWindow::createActions()
{
    const auto icon = [this](QStyle::StandardPixmap p) { return toolIcon(p); };
    m_playAction =
        makeAction(tr("&Play"), Qt::Key_Space, tr("Start or pause training (Space)."), this);
    m_playAction->setIcon(icon(QStyle::SP_MediaPlay));
    m_stepAction = makeAction(tr("&Step"), Qt::Key_S, tr("Pause and train one step (S)."), this);
    m_stepAction->setIcon(icon(QStyle::SP_MediaSkipForward));
    m_resetAction = makeAction(tr("&Reset"), Qt::Key_R,
                               tr("Rebuild the network from the seed, back to step 0 (R)."), this);
    m_resetAction->setIcon(icon(QStyle::SP_BrowserReload));
    // Added to the window itself so the shortcuts also work with the menu bar hidden.
    addActions({m_playAction, m_stepAction, m_resetAction});

    m_defaultsAction = makeAction(tr("Reset settings to &defaults"), {},
                                  tr("Put every control back to its default value."), this);
    connect(m_defaultsAction, &QAction::triggered, this, &MainWindow::resetSettingsToDefaults);
    m_exportPlotAction = makeAction(tr("&Export plot…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                    tr("Save the plot under the mouse as PNG or PDF."), this);
    connect(m_exportPlotAction, &QAction::triggered, this,
            [this] { m_grid->currentPlot()->exportInteractive(); });
    m_exportAllAction = makeAction(
        tr("Export &all…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Save every plot, a dashboard and config.json into a folder (2× resolution)."), this);
    connect(m_exportAllAction, &QAction::triggered, this, &MainWindow::exportAllPlots);
    m_copyAction = makeAction(tr("&Copy plot"), QKeySequence::Copy,
                              tr("Copy the plot under the mouse as an image."), this);
    connect(m_copyAction, &QAction::triggered, this,
            [this] { m_grid->currentPlot()->copyToClipboard(); });
    m_presentationAction =
        makeAction(tr("&Larger plot text"), QKeySequence(Qt::CTRL | Qt::Key_Equal),
                   tr("Bigger fonts and lines for a large room."), this);
    m_presentationAction->setCheckable(true);
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    m_fullScreenAction =
        makeAction(tr("&Full screen"), QKeySequence::FullScreen, tr("Use the whole screen."), this);
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    addActions({m_exportPlotAction, m_exportAllAction, m_copyAction, m_presentationAction,
                m_fullScreenAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_sessions = new SessionController(this, m_lessons, m_training, m_settings.get(), this);
    m_sessions->setViewHooks(
        [this] {
            ViewOptions view;
            view.presentation = m_presentation->isActive();
            view.darkTheme = m_presentation->theme() == Theme::Dark;
            view.selectedPlot = currentPlot() ? currentPlot()->plotId() : QString();
            view.theoryOverlay = theoryOverlay();
            return view;
        },
        [this](const ViewOptions &view) {
            m_presentation->setTheme(view.darkTheme ? Theme::Dark : Theme::Light);
            m_presentation->setActive(view.presentation);
            m_grid->setCurrentPlot(view.selectedPlot);
            setTheoryOverlay(view.theoryOverlay);
        });
    connect(m_sessions, &SessionController::message, this,
            [this](const QString &text) { m_status->showMessage(text, 10000); });
    m_sessions->addToMenu(file);
    file->addSeparator();
    m_data = new DataController(this, m_controls, m_training, this);
    connect(m_data, &DataController::message, this,
            [this](const QString &text) { m_status->showMessage(text, 10000); });
    connect(m_training, &TrainingController::settingsApplied, m_data,
            &DataController::syncWithSettings);
    m_data->addToMenu(file);
    file->addSeparator();
    file->addActions({m_exportPlotAction, m_exportAllAction, m_copyAction});
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *training = menuBar()->addMenu(tr("&Training"));
    training->addActions({m_playAction, m_stepAction, m_resetAction});
    training->addSeparator();
    training->addAction(m_defaultsAction);

    QMenu *lessons = menuBar()->addMenu(tr("&Lessons"));
    for (const QString &name : presetNames()) {
        const QString title = presetObject(name).value(QStringLiteral("title")).toString();
        QAction *a = lessons->addAction(title.isEmpty() ? name : title);
        a->setStatusTip(tr("Load the \"%1\" lesson and restart from step 0.").arg(name));
        connect(a, &QAction::triggered, this, [this, name] { loadLesson(name); });
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *controls = m_dock->toggleViewAction();
    controls->setText(tr("&Controls"));
    view->addAction(controls);
    view->addActions({m_presentationAction, m_fullScreenAction});
    view->addSeparator();
    m_compare = new CompareController(this, m_training);
    m_sessions->setCompareController(m_compare);
    view->addActions({m_compare->toggleAction(), m_compare->settingsAction()});
    connect(m_lessons, &LessonController::lessonChanged, m_compare,
            [this] { m_compare->setLessonOverrides(m_lessons->info().compare); });
    view->addSeparator();
    m_presentation = new PresentationController(this, m_grid, m_controls, m_dock);
    view->addAction(m_presentation->presentationAction());
    view->addMenu(m_presentation->themeMenu());
    connect(m_lessons, &LessonController::lessonChanged, m_presentation,
            [this] { m_presentation->setLookFor(m_lessons->info().lookFor); });
    createExplanationDock(view);
    createAnalysisTools(view);
    m_theoryAction = makeAction(tr("&Theory overlay"), QKeySequence(Qt::CTRL | Qt::Key_T),
                                tr("Draw what mean-field theory predicts for RMS ∂L/∂z at "
                                   "initialisation over the gradient plot (Ctrl+T)."),
                                this);
    m_theoryAction->setCheckable(true);
    connect(m_theoryAction, &QAction::toggled, this, &MainWindow::setTheoryOverlay);
    view->addAction(m_theoryAction);
    addAction(m_theoryAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // F1 focuses the "What am I looking at?" panel.
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_F1), this,
                    [this] { showKeyboardHelp(this); });
    help->addAction(tr("&About ReLU Lab"), this, [this] { showAboutBox(this); });
}

void MainWindow::createExplanationDock(QMenu *view)
{
    m_explanations = new ExplanationPanel;
    m_explanationDock = new QDockWidget(tr("What am I looking at?"), this);
    m_explanationDock->setObjectName(QStringLiteral("explanationDock"));
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_explanations);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_explanationDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, m_explanationDock);
    QAction *toggle = m_explanationDock->toggleViewAction();
    toggle->setText(tr("&What am I looking at?"));
    toggle->setStatusTip(tr("Show or hide the panel that explains the plot under the mouse."));
    view->addAction(toggle);
    QAction *focus =
        makeAction(tr("Explain this plot"), Qt::Key_F1,
                   tr("Show the explanations panel and move the focus there (F1)."), this);
    connect(focus, &QAction::triggered, this, [this] {
        m_explanationDock->show();
        m_explanationDock->raise();
        m_explanations->setFocus(Qt::ShortcutFocusReason);
    });
    addAction(focus);
    connect(m_grid, &PlotGrid::currentPlotChanged, m_explanations, &ExplanationPanel::setPlot);
    connect(this, &MainWindow::frameShown, m_explanations, &ExplanationPanel::setFrame);
    if (!plots().isEmpty())
        m_explanations->setPlot(plots().first());
}

void MainWindow::createAnalysisTools(QMenu *view)
{
    // A dock, not a seventh plot in the grid: the six plots keep their size, and the ridges
    // get the full height they need for deep networks. Hidden until asked for.
    m_distributions = new DistributionDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_distributions);
    m_distributions->hide();
    view->addAction(m_distributions->toggleViewAction());
    connect(this, &MainWindow::frameShown, m_distributions, &DistributionDock::showFrame);
    connect(m_presentation, &PresentationController::themeChanged, this,
            &MainWindow::refreshToolIcons);
    connect(m_presentation, &PresentationController::themeChanged, m_distributions->plot(),
            &PlotBase::setTheme);
    const auto followGridScale = [this] {
        if (!plots().isEmpty())
            m_distributions->plot()->setPresentationScale(plots().first()->presentationScale());
    };
    connect(m_presentation, &PresentationController::activeChanged, this, followGridScale);
    connect(m_presentationAction, &QAction::toggled, this, followGridScale);

    m_tools = new ToolWindows(this, menuBar()->addMenu(tr("&Tools")), m_training, m_lessons);
    connect(m_tools, &ToolWindows::message, this,
            [this](const QString &text) { m_status->showMessage(text, 10000); });
}

bool MainWindow::theoryOverlay() const
{
    return m_theoryAction->isChecked();
}

void MainWindow::setTheoryOverlay(bool on)
{
    m_theoryAction->setChecked(on); // re-enters through toggled() only on a change
    auto *gradients = qobject_cast<GradientPlot *>(plot(QStringLiteral("gradients")));
    if (!gradients || gradients->theoryOverlay() == on)
        return;
    gradients->setTheoryOverlay(on);
    // A paused run sends no new frame: draw the shown one again, with or without the line.
    if (m_shown)
        gradients->setFrame(*m_shown);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(24, 24));
    bar->setMovable(false);
    bar->setFont(m_controls->font());
    bar->addActions({m_playAction, m_stepAction, m_resetAction});
    bar->addSeparator();
    bar->addAction(m_compare->toggleAction());
    for (QAction *action : bar->actions()) {
        // The window's shortcuts drive these; a focused button would also take Space itself.
        if (QWidget *button = bar->widgetForAction(action))
            button->setFocusPolicy(Qt::NoFocus);
    }
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
    connect(m_playAction, &QAction::triggered, m_training, &TrainingController::togglePlaying);
    connect(m_stepAction, &QAction::triggered, m_training, &TrainingController::step);
    connect(m_resetAction, &QAction::triggered, m_training, &TrainingController::reset);
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
    m_grid->showFrame(*m_shown, m_training->settings());
    m_status->showFrame(*m_shown);
    const bool playing = m_shown->playing;
    // Only on a change: every new QIcon gets fresh entries in the pixmap cache when drawn.
    if (const QString text = playing ? tr("&Pause") : tr("&Play"); m_playAction->text() != text) {
        m_playAction->setText(text);
        m_playAction->setIcon(toolIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    }
    emit frameShown(m_shown);
}

void MainWindow::exportAllPlots()
{
    const QString start = m_settings && !m_settings->exportDirectory().isEmpty()
                              ? m_settings->exportDirectory()
                              : QDir::homePath();
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Export all plots into a folder"), start);
    if (dir.isEmpty())
        return;
    const TrainingConfig config = m_shown ? m_shown->config : m_training->settings();
    if (const QString error = PlotExporter::exportAll(plots(), config, dir, kExportAllScale);
        !error.isEmpty()) {
        showPlainMessage(this, QMessageBox::Warning, tr("Export failed"), error);
        return;
    }
    if (m_settings)
        m_settings->setExportDirectory(dir);
    m_status->showMessage(
        tr("Exported %1 plots, dashboard.png and config.json to %2").arg(plots().size()).arg(dir),
        10000);
}

void MainWindow::loadLesson(const QString &name)
{
    // The controller shows the lesson, locks its keys and asks for the restart.
    if (const QString error = m_lessons->load(name); !error.isEmpty())
        showPlainMessage(this, QMessageBox::Warning, tr("Lesson not loaded"), error);
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

void MainWindow::setPresentationMode(bool on)
{
    m_grid->setPresentationScale(on ? kPresentationScale : 1.0);
}

void MainWindow::restoreSettings()
{
    const QSize available = screen()->availableGeometry().size();
    resize(available * 0.95); // a projector's screen is the lesson: use most of it
    if (!m_settings)
        return;
    if (m_settings->contains(AppSettings::kSpeed.name))
        m_controls->setSpeed(m_settings->speed());
    if (m_settings->darkTheme())
        m_presentation->setTheme(Theme::Dark);
    m_presentationAction->setChecked(m_settings->presentationMode());
    setTheoryOverlay(m_settings->theoryOverlay());
    if (restoreGeometry(m_settings->windowGeometry()))
        restoreState(m_settings->windowState());
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setTrainingConfig(m_training->settings());
    m_settings->setSpeed(m_controls->speed());
    m_settings->setLesson(m_lesson);
    m_settings->setPresentationMode(m_presentationAction->isChecked());
    m_settings->setDarkTheme(m_presentation->theme() == Theme::Dark);
    m_settings->setTheoryOverlay(theoryOverlay());
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
