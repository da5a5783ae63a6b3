// SPDX-License-Identifier: MIT
#include "training_worker.h"

#include "frame_mailbox.h"

#include <QMetaObject>
#include <QMetaType>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace relulab {

namespace {

// A slice inside a chunk lasts about this long, so the 8 ms budget is checked often enough.
constexpr double kSliceNs = 1'000'000;
// As fast as possible, recording frames may take at most this share of the training thread's
// time, so training keeps ~88% of its speed; a deep network shows fewer frames instead.
constexpr double kUnlimitedRecordShare = 0.12;
// With a speed cap, frames may use this share of the time that training leaves idle.
constexpr double kIdleRecordShare = 0.5;

} // namespace

TrainingWorker::TrainingWorker(const TrainingConfig &config, FrameMailbox *mailbox, QObject *parent)
    : QObject(parent), m_runs(config), m_mailbox(mailbox), m_throttle(new QTimer(this))
{
    registerMetaTypes();
    m_clock.start();
    m_throttle->setSingleShot(true);
    m_throttle->setTimerType(Qt::PreciseTimer);
    connect(m_throttle, &QTimer::timeout, this, [this] {
        m_chunkScheduled = false;
        runChunk();
    });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::registerMetaTypes()
{
    qRegisterMetaType<TrainingConfig>("relulab::TrainingConfig");
    qRegisterMetaType<FramePtr>("relulab::FramePtr");
    qRegisterMetaType<CompareSettings>("relulab::CompareSettings");
    qRegisterMetaType<UnitEdit>("relulab::UnitEdit");
}

void TrainingWorker::reportBuildFailures()
{
    for (const std::string &message : m_runs.takeMessages())
        emit configRejected(QString::fromLocal8Bit(message.data(), qsizetype(message.size())));
}

bool TrainingWorker::ensureBuilt()
{
    const bool built = m_runs.ensureBuilt();
    reportBuildFailures();
    return built;
}

void TrainingWorker::rebuild()
{
    m_runs.rebuild();
    reportBuildFailures();
    restartPace();
}

void TrainingWorker::start()
{
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureBuilt();
    publishFrame();
}

void TrainingWorker::setConfig(const TrainingConfig &config)
{
    if (m_stopped)
        return;
    // Latest wins: a slider drag queues hundreds of configs; only the newest is applied, once
    // the queued ones are drained (or earlier, by the next command that needs it).
    m_pendingConfig = config;
    if (!m_configQueued) {
        m_configQueued = true;
        QMetaObject::invokeMethod(this, &TrainingWorker::onConfigQueued, Qt::QueuedConnection);
    }
}

void TrainingWorker::onConfigQueued()
{
    m_configQueued = false;
    if (m_stopped)
        return;
    if (applyPendingConfig())
        publishFrame();
}

bool TrainingWorker::applyPendingConfig()
{
    if (!m_pendingConfig)
        return false;
    const TrainingConfig config = *m_pendingConfig;
    m_pendingConfig.reset();
    // The window validated these settings; core's Trainer refuses any it still cannot build,
    // and the runs then keep what ran (the frame's refusedConfig says so).
    const RunPair::Applied applied = m_runs.apply(config);
    if (applied == RunPair::Applied::Nothing)
        return false;
    reportBuildFailures();
    if (applied == RunPair::Applied::Rebuilt)
        restartPace();
    return true;
}

void TrainingWorker::setCompare(const CompareSettings &settings)
{
    if (m_stopped)
        return;
    applyPendingConfig();
    m_compare = settings;
    m_runs.setCompare(settings.enabled ? std::optional(settings.overrides) : std::nullopt);
    reportBuildFailures();
    restartPace();
    publishFrame();
    if (m_playing)
        scheduleChunk();
}

TrainingWorker::SessionState TrainingWorker::currentState()
{
    applyPendingConfig();
    // First, as a failed build falls back to other settings. No trainer at all: no state, so
    // the session starts its config from step 0.
    ensureBuilt();
    SessionState session{m_runs.config(), std::nullopt, m_compare, std::nullopt};
    if (m_runs.a())
        session.state = m_runs.a()->state();
    if (m_runs.b())
        session.compareState = m_runs.b()->state();
    return session;
}

bool TrainingWorker::restoreSession(const SessionState &session)
{
    if (m_stopped)
        return false;
    const auto compare =
        session.compare.enabled ? std::optional(session.compare.overrides) : std::nullopt;
    if (!m_runs.restore(session.config, session.state, compare, session.compareState))
        return false;
    m_pendingConfig.reset();
    m_compare = session.compare;
    restartPace();
    if (m_runs.allDiverged())
        m_playing = false;
    publishFrame();
    if (m_playing)
        scheduleChunk();
    return true;
}

bool TrainingWorker::beginCommand()
{
    if (m_stopped)
        return false;
    // Queued settings first, so the command acts on the newest ones.
    applyPendingConfig();
    ensureBuilt();
    return true;
}

void TrainingWorker::halt()
{
    m_playing = false;
    cancelTimedChunk();
}

void TrainingWorker::play()
{
    if (!beginCommand())
        return;
    m_playing = !m_runs.allDiverged();
    restartPace();
    publishFrame();
    if (m_playing)
        scheduleChunk();
}

void TrainingWorker::pause()
{
    if (!beginCommand())
        return;
    halt();
    publishFrame();
}

void TrainingWorker::togglePlaying()
{
    if (m_playing)
        pause();
    else
        play();
}

void TrainingWorker::stepOnce()
{
    if (!beginCommand())
        return;
    halt();
    train(1);
    publishFrame();
}

void TrainingWorker::reset()
{
    if (m_stopped)
        return;
    applyPendingConfig();
    rebuild();
    publishFrame();
    if (m_playing)
        scheduleChunk();
}

void TrainingWorker::setSpeed(int stepsPerSecond)
{
    m_budget.setSpeed(stepsPerSecond, now());
    if (m_playing && m_throttle->isActive()) {
        cancelTimedChunk();
        scheduleChunk();
    }
}

void TrainingWorker::stop()
{
    m_stopped = true;
    m_playing = false;
    m_pendingConfig.reset();
    cancelTimedChunk();
    emit stopped();
}

void TrainingWorker::setDistributions(bool on)
{
    if (m_runs.distributions() == on)
        return;
    m_runs.setDistributions(on);
    if (on)
        publishIfPaused();
}

void TrainingWorker::setPauseAt(int step)
{
    m_pauseAt = std::max(0, step);
}

void TrainingWorker::publishIfPaused()
{
    // While playing the next frame comes anyway; paused, a view just shown must fill now.
    if (!m_stopped && !m_playing && m_runs.a())
        publishFrame();
}

void TrainingWorker::setNetworkView(bool on)
{
    if (m_runs.networkView() == on)
        return;
    m_runs.setNetworkView(on);
    if (on)
        publishIfPaused();
}

void TrainingWorker::editUnit(const UnitEdit &edit)
{
    if (!beginCommand() || !m_runs.a())
        return;
    if (!m_runs.a()->setUnit(edit.layer, edit.unit, edit.bias, edit.weights)) {
        emit configRejected(tr("Unit edit not applied: layer %1 has no unit %2 with %3 inputs "
                               "now, or a value is not finite.")
                                .arg(edit.layer + 1)
                                .arg(edit.unit + 1)
                                .arg(edit.weights.size()));
        return;
    }
    publishIfPaused();
}

void TrainingWorker::killUnit(int layer, int unit)
{
    moveBias(layer, unit, true);
}

void TrainingWorker::reviveUnit(int layer, int unit)
{
    moveBias(layer, unit, false);
}

void TrainingWorker::moveBias(int layer, int unit, bool kill)
{
    if (!beginCommand() || !m_runs.a())
        return;
    Trainer &a = *m_runs.a();
    const Network<float> &net = a.network();
    if (layer < 0 || layer >= net.hiddenLayers() || unit < 0 ||
        unit >= net.parameters()[size_t(layer)].W.rows()) {
        emit configRejected((kill ? tr("Kill not applied: layer %1 has no unit %2 now.")
                                  : tr("Revive not applied: layer %1 has no unit %2 now."))
                                .arg(layer + 1)
                                .arg(unit + 1));
        return;
    }
    const Eigen::VectorXd weights =
        net.parameters()[size_t(layer)].W.row(unit).transpose().cast<double>();
    a.setUnit(layer, unit, kill ? a.killBias(layer, unit) : a.reviveBias(layer, unit), weights);
    publishIfPaused();
}

void TrainingWorker::cancelTimedChunk()
{
    if (m_throttle->isActive()) {
        m_throttle->stop();
        m_chunkScheduled = false;
    }
}

void TrainingWorker::scheduleChunk()
{
    if (m_chunkScheduled || !m_playing || m_stopped)
        return;
    m_chunkScheduled = true;
    if (m_budget.due(now()) > 0) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_chunkScheduled = false;
                runChunk();
            },
            Qt::QueuedConnection);
        return;
    }
    // Wait until the next step is due, or the next frame if that comes first: at 200 steps/s
    // steps are 5 ms apart, and waking only for them would show a frame every 20 ms, not 16.
    // Steps not shown yet are the only reason to wake for a frame.
    int waitMs = m_budget.msUntilNext(now());
    if (m_unshownSteps > 0) {
        const qint64 frameDueNs = m_lastPublishNs + frameInterval() - now();
        waitMs =
            std::min(waitMs, int(std::clamp<qint64>((frameDueNs + 999'999) / 1'000'000, 1, 1000)));
    }
    m_throttle->start(waitMs);
}

void TrainingWorker::runChunk()
{
    if (!m_playing || m_stopped)
        return;
    ensureBuilt();
    // New settings are shown before training on with them, not at the next frame interval.
    if (applyPendingConfig())
        publishFrame();
    if (!m_playing)
        return;

    const qint64 chunkStart = now();
    int allowed = m_budget.due(chunkStart);
    const long long stepBefore = m_runs.a() ? m_runs.a()->stepCount() : 0;
    const bool pauseAhead = m_pauseAt > 0 && stepBefore < m_pauseAt;
    if (pauseAhead)
        allowed = int(std::min<long long>(allowed, m_pauseAt - stepBefore));
    int done = 0;
    while (done < allowed && !m_runs.allDiverged()) {
        const int slice = int(std::clamp(kSliceNs / m_nsPerStep, 1.0, double(allowed - done)));
        const qint64 sliceStart = now();
        const int trained = train(slice);
        done += trained;
        if (trained > 0) {
            const double perStep = double(now() - sliceStart) / trained;
            m_nsPerStep = std::max(100.0, 0.7 * m_nsPerStep + 0.3 * perStep);
        }
        if (trained < slice || now() - chunkStart >= kChunkBudgetNs)
            break;
    }
    m_budget.spend(done);
    m_unshownSteps += done;

    if (m_runs.allDiverged()) {
        // Training cannot continue; the frame says where it diverged.
        m_playing = false;
        publishFrame();
        return;
    }
    if (pauseAhead && m_runs.a() && m_runs.a()->stepCount() >= m_pauseAt) {
        halt();
        publishFrame();
        emit trainingPaused(
            QStringLiteral("the lesson pauses at step %1; press Play to go on").arg(m_pauseAt));
        return;
    }
    if (now() - m_lastPublishNs >= frameInterval() && m_mailbox->readyForFrame())
        publishFrame();
    scheduleChunk();
}

qint64 TrainingWorker::frameInterval() const
{
    // The speed cap limits training, never frames: below the cap the thread is idle part of
    // the time, and frames may use that.
    double share = kUnlimitedRecordShare;
    if (!m_budget.unlimited()) {
        const double training = std::min(1.0, m_budget.speed() * m_nsPerStep * 1e-9);
        share = std::max(share, kIdleRecordShare * (1.0 - training));
    }
    return std::max(kMinFrameIntervalNs, qint64(m_recordCostNs / share));
}

void TrainingWorker::restartPace()
{
    m_rate.restart(now(), m_runs.a() ? m_runs.a()->stepCount() : 0);
    m_budget.restart(now());
}

int TrainingWorker::train(int steps)
{
    // A slot must not throw: memory can run out in a large network's step.
    try {
        return m_runs.train(steps);
    } catch (const std::exception &e) {
        outOfResources(e);
        return 0;
    }
}

void TrainingWorker::outOfResources(const std::exception &e)
{
    halt();
    emit trainingPaused(QString::fromLocal8Bit(e.what()));
}

void TrainingWorker::publishFrame()
{
    if (m_playing && m_runs.a())
        m_rate.update(now(), m_runs.a()->stepCount());
    else
        m_rate.clear();
    const qint64 start = now();
    std::shared_ptr<TrainingFrame> frame;
    try {
        frame = m_runs.record(m_rate.value(), m_playing);
    } catch (const std::exception &e) {
        outOfResources(e);
        return;
    }
    if (!frame)
        return; // nothing could be built, and the runs have said why
    const auto stuck = [](const TrainingFrame &f) {
        return f.snapshot.networkDead || f.snapshot.diverged;
    };
    const bool allStuck = stuck(*frame) && (!frame->compare || stuck(*frame->compare));
    // Smoothed: a frame that samples the output field anew costs more than the ones between.
    m_recordCostNs = 0.8 * m_recordCostNs + 0.2 * double(now() - start);
    m_lastPublishNs = now();
    m_unshownSteps = 0;
    if (m_playing && frame->snapshot.networkDead && allStuck) {
        // Every input meets a layer with no gradient: nothing more can be learnt, so stop and
        // let the frame say why.
        halt();
        frame->playing = false;
        frame->stepsPerSecond = 0;
    }
    m_mailbox->publish(std::move(frame));
}

} // namespace relulab
