// SPDX-License-Identifier: MIT
#include "run_pair.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace relulab {

RunPair::RunPair(const TrainingConfig &config) : m_config(config) {}

bool RunPair::ensureBuilt()
{
    if (!m_a)
        rebuild();
    return m_a != nullptr;
}

bool RunPair::buildA(const TrainingConfig &config)
{
    try {
        m_a = std::make_unique<Trainer>(config);
        return true;
    } catch (const std::exception &e) {
        m_messages.emplace_back(e.what());
        return false;
    }
}

void RunPair::rebuild()
{
    if (!buildA(m_config)) {
        // Keep training what there was, untouched, else the defaults, else nothing.
        m_refused = m_config;
        if (m_a) {
            m_config = m_a->config();
            return;
        }
        if (m_config != TrainingConfig{}) {
            m_config = TrainingConfig{};
            buildA(m_config);
        }
    }
    m_recorderA.reset();
    buildB();
}

void RunPair::buildB()
{
    m_b.reset();
    m_recorderB.reset();
    if (!m_compare || !m_a)
        return;
    TrainingConfig b;
    if (std::string error = comparedConfig(m_config, *m_compare, b); !error.empty()) {
        m_messages.push_back(std::move(error));
        return;
    }
    try {
        m_b = std::make_unique<Trainer>(b);
    } catch (const std::exception &e) {
        m_messages.push_back(std::string("run B: ") + e.what());
        return;
    }
    // Same starting point, so any difference is the overrides' doing. Overrides that change
    // the network's shape (depth, width) keep B's own weights from the same seed.
    if (m_a->stepCount() == 0)
        m_b->copyWeightsFrom(*m_a);
}

RunPair::Applied RunPair::apply(const TrainingConfig &config)
{
    if (m_a && config == m_config)
        return Applied::Nothing;
    m_refused.reset();
    // A diverged trainer cannot continue, so any change starts a fresh run instead.
    if (m_a && !m_a->diverged() && m_a->applyLive(config)) {
        m_config = config;
        // B = A + overrides: a live change to A is a live change to B, or both restart.
        TrainingConfig b;
        if (!m_b || (comparedConfig(config, *m_compare, b).empty() && !m_b->diverged() &&
                     m_b->applyLive(b)))
            return Applied::Live;
        rebuild();
        return Applied::Rebuilt;
    }
    m_config = config;
    rebuild();
    return Applied::Rebuilt;
}

void RunPair::setCompare(const std::optional<ConfigOverrides> &overrides)
{
    ensureBuilt();
    m_compare = overrides;
    if (m_compare) {
        // B must start from A's initial weights, so both restart from step 0.
        rebuild();
    } else {
        m_b.reset();
        m_recorderB.reset();
    }
}

int RunPair::train(int steps)
{
    if (!m_a)
        return 0;
    const int a = m_a->train(steps);
    const int b = m_b ? m_b->train(steps) : 0;
    return std::max(a, b);
}

bool RunPair::allDiverged() const
{
    return !m_a || (m_a->diverged() && (!m_b || m_b->diverged()));
}

bool RunPair::restore(const TrainingConfig &config, const std::optional<TrainerState> &state,
                      const std::optional<ConfigOverrides> &compare,
                      const std::optional<TrainerState> &compareState)
{
    // Everything is built aside first, so a part that does not fit changes nothing.
    std::unique_ptr<Trainer> a;
    std::unique_ptr<Trainer> b;
    try {
        a = std::make_unique<Trainer>(config);
        if (state && !a->restoreState(*state))
            return false;
        if (compare) {
            TrainingConfig bConfig;
            if (!comparedConfig(config, *compare, bConfig).empty())
                return false;
            b = std::make_unique<Trainer>(bConfig);
            if (compareState) {
                if (!b->restoreState(*compareState))
                    return false;
            } else if (a->stepCount() == 0) {
                b->copyWeightsFrom(*a);
            } else {
                return false; // A continues but B would restart: the two would not be in step
            }
        }
    } catch (const std::exception &) {
        return false;
    }
    m_config = config;
    m_a = std::move(a);
    m_b = std::move(b);
    m_compare = compare;
    m_refused.reset();
    m_recorderA.reset();
    m_recorderB.reset();
    return true;
}

std::shared_ptr<TrainingFrame> RunPair::record(double stepsPerSecond, bool playing)
{
    if (!m_a)
        return nullptr;
    std::shared_ptr<TrainingFrame> frame = m_recorderA.record(*m_a, stepsPerSecond, playing);
    if (m_b)
        frame->compare = m_recorderB.record(*m_b, stepsPerSecond, playing);
    frame->refusedConfig = m_refused;
    return frame;
}

std::vector<std::string> RunPair::takeMessages()
{
    return std::exchange(m_messages, {});
}

} // namespace relulab
