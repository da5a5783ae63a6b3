// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace relulab {

/// The speed cap as a budget of steps over time: how many steps are due now, and how long until
/// the next one is. Plain arithmetic on a nanosecond clock the caller passes in, so it can be
/// tested with made-up times.
class StepBudget
{
public:
    /// setSpeed() value meaning "as fast as the machine allows".
    static constexpr int kUnlimited = 0;
    /// A stall (a slow frame, a rebuild) may be caught up by at most this much time.
    static constexpr double kMaxCatchUpSeconds = 0.05;

    int speed() const { return m_speed; }
    bool unlimited() const { return m_speed == kUnlimited; }
    /// Steps per second (kUnlimited, or anything below, for no cap); starts a new budget.
    void setSpeed(int stepsPerSecond, std::int64_t nowNs);
    /// Starts counting again from `nowNs`, with nothing due.
    void restart(std::int64_t nowNs);
    /// Steps due at `nowNs`; a debt of more than kMaxCatchUpSeconds is forgiven, not repaid in
    /// a burst. A huge number when unlimited.
    int due(std::int64_t nowNs);
    /// `steps` were trained.
    void spend(int steps) { m_spent += steps; }
    /// Milliseconds until the next step is due, at least 1 and at most 1000.
    int msUntilNext(std::int64_t nowNs) const;

private:
    int m_speed = kUnlimited;
    std::int64_t m_startNs = 0;
    std::int64_t m_spent = 0;
};

/// Steps per second over a sliding window of a quarter second, with a first estimate after
/// 30 ms so a status bar never shows 0 while training runs.
class StepRate
{
public:
    static constexpr std::int64_t kWindowNs = 250'000'000;
    static constexpr std::int64_t kFirstNs = 30'000'000;

    /// Counting starts again at `step`, with no estimate yet.
    void restart(std::int64_t nowNs, std::int64_t step);
    /// The step count at `nowNs`; returns the estimate.
    double update(std::int64_t nowNs, std::int64_t step);
    double value() const { return m_value; }
    void clear() { m_value = 0; }

private:
    std::int64_t m_startNs = 0;
    std::int64_t m_startStep = 0;
    double m_value = 0;
};

} // namespace relulab
