// SPDX-License-Identifier: MIT
#include "training_worker.h"

#include "frame_mailbox.h"
#include "trainer.h"

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
// The steps/s display is averaged over this window.
constexpr qint64 kRateWindowNs = 250'000'000;
constexpr qint64 kFirstRateNs = 30'000'000;
// As fast as possible, recording frames may take at most this share of the training thread's
// time, so training keeps ~88% of its speed; a deep network shows fewer frames instead.
constexpr double kUnlimitedRecordShare = 0.12;
// With a speed cap, frames may use this share of the time that training leaves idle.
constexpr double kIdleRecordShare = 0.5;
// With a speed cap, a stall (e.g. a slow frame) may be caught up by at most this much time.
constexpr double kMaxCatchUpSeconds = 0.05;

} // namespace

TrainingWorker::TrainingWorker(const TrainingConfig &config, FrameMailbox *mailbox, QObject *parent)
    : QObject(parent), m_config(config), m_mailbox(mailbox), m_throttle(new QTimer(this))
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
}

void TrainingWorker::start()
{
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureTrainer();
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
    if (m_trainer && config == m_config)
        return false;
    // The window validated these settings; core's Trainer refuses any it still cannot build,
    // and rebuild() then keeps what runs (the frame's refusedConfig says so).
    m_refused.reset();
    // A diverged trainer cannot continue, so any change starts a fresh run instead.
    if (m_trainer && !m_trainer->diverged() && m_trainer->applyLive(config)) {
        m_config = config;
        // B = A + overrides: a live change to A is a live change to B, or both restart.
        TrainingConfig b;
        if (m_compareTrainer && compareConfig(config, m_compare.overrides, b).isEmpty() &&
            !m_compareTrainer->diverged() && m_compareTrainer->applyLive(b))
            return true;
        if (m_compareTrainer)
            rebuild();
        return true;
    }
    m_config = config;
    rebuild();
    return true;
}

bool TrainingWorker::ensureTrainer()
{
    if (!m_trainer)
        rebuild();
    return m_trainer != nullptr;
}

bool TrainingWorker::buildTrainer(const TrainingConfig &config)
{
    try {
        m_trainer = std::make_unique<Trainer>(config);
        return true;
    } catch (const std::exception &e) {
        emit configRejected(QString::fromLocal8Bit(e.what()));
        return false;
    }
}

void TrainingWorker::rebuild()
{
    // Settings are validated before they get here, but a CSV file can vanish after its check
    // and memory can run out. A slot must not throw, so keep training what there was,
    // untouched, else the defaults, else nothing: every slot copes with a missing trainer.
    if (!buildTrainer(m_config)) {
        m_refused = m_config;
        if (m_trainer) {
            m_config = m_trainer->config();
            return;
        }
        if (m_config != TrainingConfig{}) {
            m_config = TrainingConfig{};
            buildTrainer(m_config);
        }
    }
    m_recorder.reset();
    m_rateStartNs = now();
    m_rateStartStep = 0;
    restartBudget();
    rebuildCompare();
}

void TrainingWorker::rebuildCompare()
{
    m_compareTrainer.reset();
    m_compareRecorder.reset();
    if (!m_compare.enabled || !m_trainer)
        return;
    TrainingConfig b;
    if (const QString error = compareConfig(m_config, m_compare.overrides, b); !error.isEmpty()) {
        emit configRejected(error);
        return;
    }
    try {
        m_compareTrainer = std::make_unique<Trainer>(b);
    } catch (const std::exception &e) {
        emit configRejected(QStringLiteral("run B: %1").arg(QString::fromLocal8Bit(e.what())));
        return;
    }
    // Same starting point, so any difference is the overrides' doing. Overrides that change
    // the network's shape (depth, width) keep B's own weights from the same seed.
    if (m_trainer->stepCount() == 0)
        m_compareTrainer->copyWeightsFrom(*m_trainer);
}

void TrainingWorker::setCompare(const CompareSettings &settings)
{
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureTrainer();
    m_compare = settings;
    if (settings.enabled) {
        // B must start from A's initial weights, so both restart from step 0.
        rebuild();
    } else {
        m_compareTrainer.reset();
        m_compareRecorder.reset();
    }
    publishFrame();
    if (m_playing)
        scheduleChunk();
}

int TrainingWorker::trainBoth(int steps)
{
    if (!m_trainer)
        return 0;
    const int a = m_trainer->train(steps);
    const int b = m_compareTrainer ? m_compareTrainer->train(steps) : 0;
    return std::max(a, b);
}

bool TrainingWorker::allDiverged() const
{
    // Without a trainer nothing can train, like a run that diverged.
    return !m_trainer ||
           (m_trainer->diverged() && (!m_compareTrainer || m_compareTrainer->diverged()));
}

TrainingWorker::SessionState TrainingWorker::currentState()
{
    applyPendingConfig();
    // First, as a failed build falls back to other settings. No trainer at all: no state, so
    // the session starts its config from step 0.
    const bool built = ensureTrainer();
    SessionState session{m_config, std::nullopt, m_compare, std::nullopt};
    if (built)
        session.state = m_trainer->state();
    if (m_compareTrainer)
        session.compareState = m_compareTrainer->state();
    return session;
}

bool TrainingWorker::restoreSession(const SessionState &session)
{
    if (m_stopped)
        return false;
    // Everything is built aside first, so a part that does not fit changes nothing.
    std::unique_ptr<Trainer> trainer;
    std::unique_ptr<Trainer> compareTrainer;
    try {
        trainer = std::make_unique<Trainer>(session.config);
        if (session.state && !trainer->restoreState(*session.state))
            return false;
        if (session.compare.enabled) {
            TrainingConfig b;
            if (!compareConfig(session.config, session.compare.overrides, b).isEmpty())
                return false;
            compareTrainer = std::make_unique<Trainer>(b);
            if (session.compareState) {
                if (!compareTrainer->restoreState(*session.compareState))
                    return false;
            } else if (trainer->stepCount() == 0) {
                compareTrainer->copyWeightsFrom(*trainer);
            } else {
                return false; // A continues but B would restart: the two would not be in step
            }
        }
    } catch (const std::exception &) {
        return false;
    }
    m_pendingConfig.reset();
    m_config = session.config;
    m_trainer = std::move(trainer);
    m_recorder.reset();
    m_compare = session.compare;
    m_compareTrainer = std::move(compareTrainer);
    m_compareRecorder.reset();
    m_rateStartNs = now();
    m_rateStartStep = m_trainer->stepCount();
    restartBudget();
    if (allDiverged())
        m_playing = false;
    publishFrame();
    if (m_playing)
        scheduleChunk();
    return true;
}

void TrainingWorker::play()
{
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureTrainer();
    m_playing = !allDiverged();
    m_rateStartNs = now();
    m_rateStartStep = m_trainer ? m_trainer->stepCount() : 0;
    m_stepsPerSecond = 0;
    restartBudget();
    publishFrame();
    if (m_playing)
        scheduleChunk();
}

void TrainingWorker::pause()
{
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureTrainer();
    m_playing = false;
    cancelTimedChunk();
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
    if (m_stopped)
        return;
    applyPendingConfig();
    ensureTrainer();
    m_playing = false;
    cancelTimedChunk();
    trainBoth(1);
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
    m_speed = std::max(kUnlimitedSpeed, stepsPerSecond);
    restartBudget();
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
    if (m_recorder.distributions() == on)
        return;
    m_recorder.setDistributions(on);
    if (on && !m_stopped && !m_playing && m_trainer)
        publishFrame();
}

void TrainingWorker::cancelTimedChunk()
{
    if (m_throttle->isActive()) {
        m_throttle->stop();
        m_chunkScheduled = false;
    }
}

void TrainingWorker::restartBudget()
{
    m_budgetStartNs = now();
    m_budgetSteps = 0;
}

int TrainingWorker::stepsAllowedNow()
{
    if (m_speed == kUnlimitedSpeed)
        return std::numeric_limits<int>::max();
    const double elapsed = double(now() - m_budgetStartNs) * 1e-9;
    double due = m_speed * elapsed - double(m_budgetSteps);
    const double maxBurst = std::max(1.0, m_speed * kMaxCatchUpSeconds);
    if (due > maxBurst) {
        // Fell behind (a slow frame, a rebuild): forget the debt instead of racing to repay it.
        m_budgetStartNs = now();
        m_budgetSteps = 0;
        due = maxBurst;
    }
    return due < 1 ? 0 : int(due);
}

void TrainingWorker::scheduleChunk()
{
    if (m_chunkScheduled || !m_playing || m_stopped)
        return;
    m_chunkScheduled = true;
    if (m_speed == kUnlimitedSpeed || stepsAllowedNow() > 0) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_chunkScheduled = false;
                runChunk();
            },
            Qt::QueuedConnection);
        return;
    }
    // Wait until the next step is due, but wake in time to keep frames flowing.
    const double nextDueNs = double(m_budgetSteps + 1) / m_speed * 1e9;
    const double waitNs = nextDueNs - double(now() - m_budgetStartNs);
    const int waitMs = int(std::clamp(std::ceil(waitNs * 1e-6), 1.0, 1000.0));
    m_throttle->start(waitMs);
}

void TrainingWorker::runChunk()
{
    if (!m_playing || m_stopped)
        return;
    ensureTrainer();
    // New settings are shown before training on with them, not at the next frame interval.
    if (applyPendingConfig())
        publishFrame();
    if (!m_playing)
        return;

    const qint64 chunkStart = now();
    const int allowed = stepsAllowedNow();
    int done = 0;
    while (done < allowed && !allDiverged()) {
        const int slice = int(std::clamp(kSliceNs / m_nsPerStep, 1.0, double(allowed - done)));
        const qint64 sliceStart = now();
        const int trained = trainBoth(slice);
        done += trained;
        if (trained > 0) {
            const double perStep = double(now() - sliceStart) / trained;
            m_nsPerStep = std::max(100.0, 0.7 * m_nsPerStep + 0.3 * perStep);
        }
        if (trained < slice || now() - chunkStart >= kChunkBudgetNs)
            break;
    }
    m_budgetSteps += done;

    if (allDiverged()) {
        // Training cannot continue; the frame says where it diverged.
        m_playing = false;
        publishFrame();
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
    if (m_speed != kUnlimitedSpeed) {
        const double training = std::min(1.0, m_speed * m_nsPerStep * 1e-9);
        share = std::max(share, kIdleRecordShare * (1.0 - training));
    }
    return std::max(kMinFrameIntervalNs, qint64(m_recordCostNs / share));
}

void TrainingWorker::updateRate()
{
    if (!m_playing || !m_trainer) {
        m_stepsPerSecond = 0;
        return;
    }
    const qint64 t = now();
    const qint64 dt = t - m_rateStartNs;
    // The first estimate comes early so the status bar never shows 0 while training runs.
    if (dt < kRateWindowNs && (m_stepsPerSecond > 0 || dt < kFirstRateNs))
        return;
    const qint64 steps = m_trainer->stepCount() - m_rateStartStep;
    m_stepsPerSecond = steps > 0 ? double(steps) * 1e9 / double(dt) : 0.0;
    m_rateStartNs = t;
    m_rateStartStep = m_trainer->stepCount();
}

void TrainingWorker::publishFrame()
{
    if (!m_trainer)
        return; // rebuild() could build nothing and has said why through configRejected
    updateRate();
    const qint64 start = now();
    // Finished here, before anyone else sees it: run B goes in without copying run A's frame.
    std::shared_ptr<TrainingFrame> frame =
        m_recorder.record(*m_trainer, m_stepsPerSecond, m_playing);
    const auto stuck = [](const TrainingFrame &f) {
        return f.snapshot.networkDead || f.snapshot.diverged;
    };
    bool allStuck = stuck(*frame);
    if (m_compareTrainer) {
        frame->compare = m_compareRecorder.record(*m_compareTrainer, m_stepsPerSecond, m_playing);
        allStuck = allStuck && stuck(*frame->compare);
    }
    frame->refusedConfig = m_refused;
    // Smoothed: a frame that samples the output field anew costs more than the ones between.
    m_recordCostNs = 0.8 * m_recordCostNs + 0.2 * double(now() - start);
    m_lastPublishNs = now();
    if (m_playing && frame->snapshot.networkDead && allStuck) {
        // Every input meets a layer with no gradient: nothing more can be learnt, so stop and
        // let the frame say why.
        m_playing = false;
        cancelTimedChunk();
        frame->playing = false;
        frame->stepsPerSecond = 0;
    }
    m_mailbox->publish(std::move(frame));
}

} // namespace relulab
