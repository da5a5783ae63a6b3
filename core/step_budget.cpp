// SPDX-License-Identifier: MIT
#include "step_budget.h"

#include <algorithm>
#include <limits>

namespace relulab {

void StepBudget::setSpeed(int stepsPerSecond, std::int64_t nowNs)
{
    m_speed = std::max(kUnlimited, stepsPerSecond);
    restart(nowNs);
}

void StepBudget::restart(std::int64_t nowNs)
{
    m_startNs = nowNs;
    m_spent = 0;
}

int StepBudget::due(std::int64_t nowNs)
{
    if (unlimited())
        return std::numeric_limits<int>::max();
    const double elapsed = double(nowNs - m_startNs) * 1e-9;
    double due = m_speed * elapsed - double(m_spent);
    const double maxBurst = std::max(1.0, m_speed * kMaxCatchUpSeconds);
    if (due > maxBurst) {
        // Fell behind: catch up at most maxBurst steps, then on at the normal pace. (Restarting
        // the count at `nowNs` would instead charge the burst to the next 50 ms: a stutter.)
        m_startNs = nowNs - std::int64_t(maxBurst / m_speed * 1e9);
        m_spent = 0;
        due = maxBurst;
    }
    return due < 1 ? 0 : int(due);
}

int StepBudget::msUntilNext(std::int64_t nowNs) const
{
    if (unlimited())
        return 1;
    // Integers: 5 ms must not come out as 5.000000001 and round up to 6.
    const std::int64_t nextDueNs = ((m_spent + 1) * 1'000'000'000 + m_speed - 1) / m_speed;
    const std::int64_t waitNs = nextDueNs - (nowNs - m_startNs);
    return int(std::clamp<std::int64_t>((waitNs + 999'999) / 1'000'000, 1, 1000));
}

void StepRate::restart(std::int64_t nowNs, std::int64_t step)
{
    m_startNs = nowNs;
    m_startStep = step;
    m_value = 0;
}

double StepRate::update(std::int64_t nowNs, std::int64_t step)
{
    const std::int64_t dt = nowNs - m_startNs;
    if (dt < kWindowNs && (m_value > 0 || dt < kFirstNs))
        return m_value;
    const std::int64_t steps = step - m_startStep;
    m_value = steps > 0 ? double(steps) * 1e9 / double(dt) : 0.0;
    m_startNs = nowNs;
    m_startStep = step;
    return m_value;
}

} // namespace relulab
