// SPDX-License-Identifier: MIT
#pragma once

#include "compare_settings.h"
#include "run_pair.h"
#include "step_budget.h"
#include "training_config.h"
#include "unit_edit.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <exception>
#include <memory>
#include <optional>
#include <utility>

class QTimer;

namespace relulab {

class FrameMailbox;

/// Trains a core Trainer on its own thread and publishes frames into a FrameMailbox.
///
/// Move it to a QThread and call it through TrainingThread (post, call, forwarder), which runs
/// each command on the worker's thread in the order sent. While playing it trains
/// one time-sliced chunk per event and queues the next chunk behind whatever commands arrived
/// meanwhile, so pause, reset and new settings need no mutex. It never touches a widget.
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    /// setSpeed() value meaning "as fast as the machine allows".
    static constexpr int kUnlimitedSpeed = StepBudget::kUnlimited;
    /// Longest stretch of training per event, so queued commands wait at most about this long.
    static constexpr qint64 kChunkBudgetNs = 8'000'000;
    /// Shortest time between two published frames while playing: a 60 Hz display's pace.
    static constexpr qint64 kMinFrameIntervalNs = 16'000'000;

    /// `mailbox` must outlive the worker; frames are published into it from the worker's thread.
    TrainingWorker(const TrainingConfig &config, FrameMailbox *mailbox, QObject *parent = nullptr);
    ~TrainingWorker() override;

    /// Registers the types of its slots with Qt's meta-type system, for QVariant and
    /// QSignalSpy; no value of them crosses threads as a queued argument (idempotent).
    static void registerMetaTypes();

    /// What a session file needs from the worker: both runs' settings and whole states.
    struct SessionState
    {
        TrainingConfig config;
        std::optional<TrainerState> state; ///< absent: start `config` from step 0
        CompareSettings compare;
        std::optional<TrainerState> compareState; ///< run B's, when compare mode is on
    };

    /// The settings in use (newest queued ones applied first) and the trainers' whole states,
    /// for a session file. Call only on the worker's thread: the GUI waits for it through
    /// TrainingThread::call, so it runs between two chunks of training.
    SessionState currentState();
    /// Continues from a saved session: each state must come from a Trainer with its run's
    /// config (see loadSession). Keeps playing if it was. False, and nothing changed, if any
    /// part does not fit. Worker thread only, like currentState().
    bool restoreSession(const SessionState &session);

public slots:
    /// Builds the network if needed and publishes the first frame.
    void start();
    /// Applies new settings: alpha, optimiser, learning rate and batch size take effect in the
    /// running network; anything else rebuilds it from the same seed. Bursts are folded, so only
    /// the newest of many queued configs is applied.
    void setConfig(const relulab::TrainingConfig &config);
    void play();
    void pause();
    void togglePlaying();
    /// Pauses and trains exactly one step.
    void stepOnce();
    /// Rebuilds the network from the seed (step 0); keeps playing if it was.
    void reset();
    /// Caps training at `stepsPerSecond` (kUnlimitedSpeed for no cap).
    void setSpeed(int stepsPerSecond);
    /// Stops training for good before the thread quits; later commands are ignored.
    void stop();
    /// Compare mode: on, both runs restart from step 0 — B from A's seed and initial weights,
    /// with the overrides — and train in step, chunk by chunk; off, run B is dropped.
    void setCompare(const relulab::CompareSettings &settings);
    /// Frames carry per-layer histograms (TrainingFrame::distributions) while a view shows
    /// them; turned on while paused, a frame is published at once so the view fills.
    void setDistributions(bool on);
    /// Frames carry what the network view draws (each unit's picture, the weights) while it is
    /// shown; turned on while paused, a frame is published at once so the view fills.
    void setNetworkView(bool on);
    /// Sets a hidden unit of run A by hand; a frame shows it at once. An edit that no longer
    /// fits (the network was rebuilt meanwhile) is refused with configRejected.
    void editUnit(const relulab::UnitEdit &edit);
    /// Kill: puts the unit's bias far below every training input's reach (Trainer::killBias).
    void killUnit(int layer, int unit);
    /// Revive: a bias that brings the unit back on about half the inputs (Trainer::reviveBias).
    void reviveUnit(int layer, int unit);
    /// A lesson's pause point: playing stops exactly when run A reaches `step` (0: none), so
    /// the class looks at the moment the lesson is about; Play then continues past it.
    void setPauseAt(int step);

signals:
    /// A config that core refused (the message names the key); the previous one stays in use.
    void configRejected(const QString &message);
    /// Training paused by itself for a reason other than the network (memory ran out, or the
    /// lesson's pause point was reached).
    void trainingPaused(const QString &reason);
    /// stop() was handled.
    void stopped();

private:
    qint64 now() const { return m_clock.nsecsElapsed(); }
    /// Emits configRejected for every build that failed since the last call.
    void reportBuildFailures();
    /// Builds the runs if there are none; false if even that failed (reported already).
    bool ensureBuilt();
    /// Both runs anew from the seed.
    void rebuild();
    void onConfigQueued();
    /// What every command does first; false once stopped.
    bool beginCommand();
    /// Stops playing (the next timed chunk too).
    void halt();
    /// Applies the newest queued config; true if a frame should show the outcome (applied, or
    /// refused: the window then returns its controls to the settings in use).
    bool applyPendingConfig();
    void runChunk();
    void scheduleChunk();
    void cancelTimedChunk();
    /// Steps/s and the speed cap count afresh from now (a new run, play, a restored session).
    void restartPace();
    /// Shortest time between two frames while playing, from what recording one costs.
    qint64 frameInterval() const;
    void publishFrame();
    /// Kill or Revive: the unit's bias from Trainer::killBias or reviveBias, weights kept.
    void moveBias(int layer, int unit, bool kill);
    /// A frame now unless playing (whose next frame comes anyway) or stopped.
    void publishIfPaused();
    /// RunPair::train, pausing with a message instead of throwing (memory out).
    int train(int steps);
    void outOfResources(const std::exception &e);

    RunPair m_runs;
    CompareSettings m_compare; ///< as the window last sent it (kept while compare mode is off)
    std::optional<TrainingConfig> m_pendingConfig;
    FrameMailbox *m_mailbox;
    QTimer *m_throttle;
    QElapsedTimer m_clock;
    StepBudget m_budget;

    bool m_playing = false;
    bool m_stopped = false;
    bool m_configQueued = false;
    bool m_chunkScheduled = false;

    // Measured cost of one step, to size the slices inside a chunk.
    double m_nsPerStep = 50'000;
    // Publishing: recording a frame costs time, so frames are spaced to keep it a small share.
    qint64 m_lastPublishNs = -kMinFrameIntervalNs;
    double m_recordCostNs = 0;
    int m_unshownSteps = 0; ///< trained since the last frame
    int m_pauseAt = 0;      ///< setPauseAt(): the step to stop playing at, 0 for none
    StepRate m_rate;
};

} // namespace relulab
