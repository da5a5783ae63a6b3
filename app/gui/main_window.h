// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QIcon>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QStyle>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

class QAction;
class QDockWidget;
class QMenu;
class QThread;

namespace relulab {

class AppSettings;
class CompareController;
class CostPanel;
class DistributionDock;
class ControlPanel;
class DataController;
class FrameMailbox;
class LessonBanner;
class LessonController;
class LinkController;
class SessionController;
class StableIconStyle;
class ToolWindows;
class EvidenceDock;
class TrainingController;
class SweepWindow;
class PlotBase;
class PlotGrid;
class PresentationController;
class ExplanationDock;
class ExplanationPanel;
class ExportController;
class TrainingStatusBar;
class TrainingActions;
class TrainingThread;
class TrainingWorker;
class ViewController;
class NetworkViewController;

/// How the window starts.
struct MainWindowOptions
{
    bool persistSettings = true; ///< read and write QSettings (tests turn this off)
    bool startPlaying = true;    ///< press Play once the first frame is there
    QString lesson;              ///< preset whose title and question to show, if any
    QString sessionFile;         ///< a `.relulab` session to open once the window is up
    QString lessonFile;          ///< a teacher's lesson file to start (instead of `lesson`)
    QString link;                ///< a relulab://open link to open once the window is up
    std::optional<int> speed;    ///< steps per second (0: unlimited) instead of the saved speed
};

/// Assembles the controls, the plots, the menus and the training thread. Owns nothing
/// but the wiring: training lives in TrainingWorker, drawing in the plot widgets.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const TrainingConfig &config, const MainWindowOptions &options = {},
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    ControlPanel *controlPanel() const { return m_controls; }
    const QList<PlotBase *> &plots() const;
    /// The plot with this plotId(), or null.
    PlotBase *plot(const QString &id) const;
    PlotGrid *plotGrid() const { return m_grid; }
    FrameMailbox *mailbox() const;
    /// The one way to training: settings, play, step, reset, compare, sessions.
    TrainingController *trainingController() const { return m_training; }
    TrainingStatusBar *trainingStatus() const { return m_status; }
    LessonController *lessonController() const { return m_lessons; }
    LessonBanner *lessonBanner() const { return m_banner; }
    SessionController *sessionController() const { return m_sessions; }
    /// File → Copy link and Open link…: the setup as a relulab://open link.
    LinkController *linkController() const { return m_links; }
    DataController *dataController() const { return m_data; }
    NetworkViewController *networkView() const { return m_network; }
    ViewController *viewController() const { return m_view; }
    /// A/B compare mode: the Ctrl+B toggle, run B's settings dialog and the lesson overrides.
    CompareController *compareController() const { return m_compare; }
    /// The training thread and its worker; both null once training was shut down.
    QThread *workerThread() const;
    TrainingWorker *worker() const;
    /// The frame the plots show now.
    FramePtr shownFrame() const { return m_shown; }
    /// When the worker published shownFrame() (nullopt before the first frame).
    std::optional<std::chrono::steady_clock::time_point> shownFramePublishedAt() const
    {
        return m_shownPublishedAt;
    }
    /// Where Export plot… and Copy act: the plot last hovered or clicked.
    PlotBase *currentPlot() const;

    QAction *playPauseAction() const;
    QAction *stepAction() const;
    QAction *resetAction() const;
    /// Presentation mode (F5, Esc) and the light/dark theme.
    PresentationController *presentation() const { return m_presentation; }
    /// The "What am I looking at?" panel (View menu, F1).
    ExplanationPanel *explanationPanel() const { return m_explanations; }
    /// View → Distributions: the per-layer ridge plot (hidden by default).
    DistributionDock *distributionDock() const { return m_distributions; }
    /// Tools → Cost…: null until first opened.
    CostPanel *costPanel() const;
    QAction *costAction() const;
    /// Tools → Sweep… (Ctrl+Shift+G): null until first opened.
    SweepWindow *sweepWindow() const;
    QAction *sweepAction() const;
    /// The evidence lesson's experiment; null until an evidence lesson first opens.
    EvidenceDock *evidenceDock() const;
    /// View → Theory overlay (Ctrl+T): the mean-field prediction on the gradient plot.
    QAction *theoryOverlayAction() const;
    bool theoryOverlay() const;
    /// Shows or hides the overlay (also checks the action), redrawing the frame shown.
    void setTheoryOverlay(bool on);

signals:
    /// The plots were handed a new frame (their repaint is queued).
    void frameShown(const relulab::FramePtr &frame);

public slots:
    /// Loads a built-in lesson's settings and restarts training from step 0.
    void loadLesson(const QString &name);
    /// Starts the teacher's lesson in file `path`; a bad file shows one message, changes nothing.
    void openLessonFile(const QString &path);
    /// Default settings in every control and a fresh network.
    void resetSettingsToDefaults();

    /// The window's frame inside the available area of its screen: never larger than it,
    /// never partly off it (a geometry saved on a larger screen, a screen changed).
    void keepOnScreen();
    /// Whether the docks at the left were folded away when the window first showed, because
    /// with them no arrangement of the plots left each plot its readable size.
    bool docksFolded() const { return !m_foldedDocks.isEmpty(); }
    /// Every Tab stop of the window in Tab's order: the controls top to bottom, the lesson
    /// banner's buttons, the plots in reading order, then the other docks. Tab goes round it,
    /// skipping what is hidden or disabled, and after the last comes the first control again.
    QList<QWidget *> tabStops() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void createPlots();
    void createControls(const TrainingConfig &config);
    void createActions();
    void createMenus();
    void createToolBar();
    void createExplanationDock(QMenu *view);
    /// The Distributions dock (View menu) and the Tools menu with the Cost panel.
    void connectTraining();
    void showFrame(const FramePtr &frame, std::chrono::steady_clock::time_point publishedAt);
    void showLesson(const QString &name);
    void restoreSettings();
    void saveSettings();
    /// The view the lesson in use asks for (its "beginner_view").
    void applyLessonView();
    /// Folds the docks at the left away if that takes the plots from one at a time to all
    /// at once (a 1024-pixel-wide projector); F2 brings the controls back.
    void foldDocksIfCramped();

    std::unique_ptr<AppSettings> m_settings;
    ControlPanel *m_controls = nullptr;
    QDockWidget *m_dock = nullptr;
    PlotGrid *m_grid = nullptr;
    LessonBanner *m_banner = nullptr;
    LessonController *m_lessons = nullptr;
    SessionController *m_sessions = nullptr;
    LinkController *m_links = nullptr;
    DataController *m_data = nullptr;
    CompareController *m_compare = nullptr;
    TrainingStatusBar *m_status = nullptr;
    TrainingController *m_training = nullptr;
    ToolWindows *m_tools = nullptr;
    ExportController *m_export = nullptr;
    ViewController *m_view = nullptr;
    NetworkViewController *m_network = nullptr;
    StableIconStyle *m_iconStyle = nullptr; ///< the docks' style; makes the toolbar's icons
    FramePtr m_shown;
    std::optional<std::chrono::steady_clock::time_point> m_shownPublishedAt;
    QString m_lesson;

    TrainingActions *m_actions = nullptr;
    PresentationController *m_presentation = nullptr;
    ExplanationPanel *m_explanations = nullptr;
    ExplanationDock *m_explanationDock = nullptr;
    bool m_firstShow = true;
    /// Docks foldDocksIfCramped() hid: saved as shown, so a larger screen gets them back.
    QList<QPointer<QDockWidget>> m_foldedDocks;
    DistributionDock *m_distributions = nullptr; ///< View → Distributions
};

} // namespace relulab
