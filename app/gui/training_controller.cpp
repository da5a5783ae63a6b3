// SPDX-License-Identifier: MIT
#include "training_controller.h"

#include "control_panel.h"
#include "frame_mailbox.h"
#include "training_thread.h"

namespace relulab {

TrainingController::TrainingController(const TrainingConfig &config, ControlPanel *controls,
                                       QObject *parent)
    : QObject(parent), m_controls(controls), m_mailbox(new FrameMailbox(this)), m_settings(config)
{
    // The window takes every frame it shows, so the worker records the next one only then.
    m_mailbox->setPaced(true);
    m_controls->setConfig(config);
    connect(m_mailbox, &FrameMailbox::frameAvailable, this, &TrainingController::takeFrame);
    // The user moved a control: the controls already show the new settings.
    connect(m_controls, &ControlPanel::configChanged, this,
            [this](const TrainingConfig &c) { applySettings(c); });
    connect(m_controls, &ControlPanel::speedChanged, this, &TrainingController::setSpeed);
}

TrainingController::~TrainingController()
{
    stop(); // before the mailbox goes
}

void TrainingController::start(bool play)
{
    if (m_thread)
        return;
    m_thread = new TrainingThread(m_settings, m_controls->speed(), m_mailbox, this);
    // A build that failed on the worker (a file gone, memory out) is reported from there.
    connect(m_thread->worker(), &TrainingWorker::configRejected, this,
            &TrainingController::settingsRefused);
    connect(m_thread->worker(), &TrainingWorker::trainingPaused, this,
            &TrainingController::trainingPaused);
    if (m_distributions)
        m_thread->postSlot(&TrainingWorker::setDistributions, true);
    if (m_networkView)
        m_thread->postSlot(&TrainingWorker::setNetworkView, true);
    if (m_pauseAt > 0)
        m_thread->postSlot(&TrainingWorker::setPauseAt, m_pauseAt);
    m_thread->start(play);
}

void TrainingController::stop()
{
    if (!m_thread)
        return;
    m_thread->stop();
    delete m_thread;
    m_thread = nullptr;
}

QString TrainingController::applySettings(const TrainingConfig &config, Restart restart)
{
    if (const std::string error = validateConfig(config); !error.empty()) {
        QString message = QString::fromStdString(error);
        if (m_controls->config() != m_settings)
            m_controls->setConfig(m_settings);
        emit settingsRefused(message);
        return message;
    }
    m_settings = config;
    if (m_controls->config() != config)
        m_controls->setConfig(config); // quietly: this is no new request
    if (m_thread) {
        if (restart == Restart::FromStepZero) {
            // One command, so the new settings and the restart arrive together.
            m_thread->post([config](TrainingWorker &w) {
                w.setConfig(config);
                w.reset();
            });
        } else {
            m_thread->postSlot(&TrainingWorker::setConfig, config);
        }
    }
    emit settingsApplied(config);
    return {};
}

bool TrainingController::restoreSession(const TrainingWorker::SessionState &session)
{
    if (!m_thread || !validateConfig(session.config).empty())
        return false;
    bool restored = false;
    m_thread->call([&](TrainingWorker &w) { restored = w.restoreSession(session); });
    if (!restored)
        return false;
    m_settings = session.config;
    m_controls->setConfig(session.config);
    emit settingsApplied(session.config);
    return true;
}

std::optional<TrainingWorker::SessionState> TrainingController::currentState()
{
    if (!m_thread)
        return std::nullopt;
    TrainingWorker::SessionState state;
    m_thread->call([&state](TrainingWorker &w) { state = w.currentState(); });
    return state;
}

void TrainingController::togglePlaying()
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::togglePlaying);
}

void TrainingController::pause()
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::pause);
}

void TrainingController::step()
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::stepOnce);
}

void TrainingController::reset()
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::reset);
}

void TrainingController::setSpeed(int stepsPerSecond)
{
    if (m_controls->speed() != stepsPerSecond)
        m_controls->setSpeed(stepsPerSecond); // quietly, like the settings
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::setSpeed, stepsPerSecond);
}

void TrainingController::setPauseAt(int step)
{
    m_pauseAt = step;
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::setPauseAt, step);
}

void TrainingController::setCompare(const CompareSettings &settings)
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::setCompare, settings);
}

void TrainingController::setDistributions(bool on)
{
    m_distributions = on;
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::setDistributions, on);
}

void TrainingController::setNetworkView(bool on)
{
    m_networkView = on;
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::setNetworkView, on);
}

void TrainingController::editUnit(const UnitEdit &edit)
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::editUnit, edit);
}

void TrainingController::killUnit(int layer, int unit)
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::killUnit, layer, unit);
}

void TrainingController::reviveUnit(int layer, int unit)
{
    if (m_thread)
        m_thread->postSlot(&TrainingWorker::reviveUnit, layer, unit);
}

void TrainingController::takeFrame()
{
    auto [frame, publishedAt] = m_mailbox->take();
    if (!frame)
        return;
    if (frame->refusedConfig && *frame->refusedConfig == m_settings) {
        // The worker could not build what it was sent and kept (or fell back to) other
        // settings: those are the ones in use now. Controls the user has moved on from since
        // are left alone; their newer request is on its way.
        m_settings = frame->config;
        if (m_controls->config() == *frame->refusedConfig)
            m_controls->setConfig(frame->config);
        emit settingsApplied(m_settings);
    }
    emit frameArrived(frame, publishedAt);
}

} // namespace relulab
