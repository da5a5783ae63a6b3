// SPDX-License-Identifier: MIT
#pragma once

#include "compare_settings.h"
#include "training_config.h"
#include "training_frame.h"
#include "training_worker.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace relulab {

class ControlPanel;
class FrameMailbox;
class TrainingThread;

/// The window's one way to training. Every caller — the controls, the toolbar, lessons,
/// sessions, own data, sweep cells, compare mode — uses these typed calls; settings are
/// validated here, once, and the controls always end up showing the settings in use.
///
/// Data flows one way: a call here → a command to the worker on its thread → a frame in the
/// mailbox → frameArrived(). Nothing here trains or waits for training, except
/// currentState() and restoreSession(), which need the worker's answer.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    enum class Restart
    {
        Keep,        ///< live where possible (alpha, optimiser…), else a rebuild from the seed
        FromStepZero ///< a fresh network from the seed, whatever changed
    };

    /// Starts from `config` (the controls are set to it); training starts with start().
    TrainingController(const TrainingConfig &config, ControlPanel *controls,
                       QObject *parent = nullptr);
    ~TrainingController() override;

    FrameMailbox *mailbox() const { return m_mailbox; }
    /// The training thread; null before start() and after stop().
    TrainingThread *trainingThread() const { return m_thread; }
    /// The settings last handed to the worker: what the next frames will show.
    const TrainingConfig &settings() const { return m_settings; }

    /// Starts the training thread at the controls' speed; it plays if `play`.
    void start(bool play);
    /// Stops training and joins the thread. Later calls change only the controls.
    void stop();

    /// New settings for run A. If core refuses them, returns (and emits) one line naming the
    /// key, the controls go back to settings() and nothing else changes.
    QString applySettings(const TrainingConfig &config, Restart restart = Restart::Keep);
    /// Continues a saved session. False, and nothing changed, if the worker refused it.
    bool restoreSession(const TrainingWorker::SessionState &session);
    /// Both runs' settings and states, handed over by the worker between two chunks; nullopt
    /// once training has stopped.
    std::optional<TrainingWorker::SessionState> currentState();

public slots:
    void togglePlaying();
    void pause();
    /// Pauses and trains one step.
    void step();
    /// A fresh network from the seed (step 0), still playing if it was.
    void reset();
    void setSpeed(int stepsPerSecond);
    /// A lesson's pause point: playing stops when training reaches `step` (0: none).
    void setPauseAt(int step);
    void setCompare(const relulab::CompareSettings &settings);
    void setDistributions(bool on);
    /// Frames carry the network view's data while it is shown.
    void setNetworkView(bool on);
    /// A hand edit of one of run A's hidden units; every plot shows it with the next frame.
    void editUnit(const relulab::UnitEdit &edit);
    /// Puts a unit's bias far below every training input's reach.
    void killUnit(int layer, int unit);
    /// Brings a dead unit back on about half the training inputs (its bias only).
    void reviveUnit(int layer, int unit);

signals:
    /// A new frame to show, and when the worker published it.
    void frameArrived(const relulab::FramePtr &frame,
                      std::chrono::steady_clock::time_point publishedAt);
    /// settings() changed: plots may preview them before the worker's frame shows them.
    void settingsApplied(const relulab::TrainingConfig &config);
    /// Settings not applied, or a run that could not be built; one line saying why.
    void settingsRefused(const QString &message);
    /// Training paused by itself, not for the network's sake (memory ran out, a lesson's pause
    /// point); says why.
    void trainingPaused(const QString &reason);

private:
    void takeFrame();

    ControlPanel *m_controls;
    FrameMailbox *m_mailbox;
    TrainingThread *m_thread = nullptr;
    TrainingConfig m_settings;
    bool m_distributions = false;
    bool m_networkView = false;
    int m_pauseAt = 0;
};

} // namespace relulab
