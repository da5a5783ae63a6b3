// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace relulab {

struct TrainingFrame;

/// What went wrong in a run, read off one frame: whether training diverged or the network
/// died, at which step, and in which hidden layer it started. Pure: no widgets, no state.
class TrainingDiagnosis
{
public:
    enum class Kind
    {
        Healthy,  ///< nothing to report
        Diverged, ///< the loss or a gradient stopped being a finite number
        Dead,     ///< some hidden layer is 100% dead: no gradient gets through it
    };

    /// A weight gradient this many times its earlier size counts as exploded.
    static constexpr double kExplodedFactor = 10.0;

    explicit TrainingDiagnosis(const TrainingFrame &frame);

    Kind kind() const { return m_kind; }
    /// The step at which it happened (diverged, or the first layer died); -1 when healthy.
    std::int64_t step() const { return m_step; }
    /// 1-based hidden layer where it started; 0 if no layer can be named.
    int layer() const { return m_layer; }
    /// For Diverged: how many times the layer's weight gradient grew before the divergence
    /// (infinite if it stopped being finite); NaN otherwise.
    double growth() const { return m_growth; }
    /// A unit that died, and when (1-based layer and unit, as the network view labels them).
    struct DeadUnit
    {
        int layer = 0;
        int unit = 0;
        std::int64_t step = 0;
        bool operator==(const DeadUnit &) const = default;
    };
    /// For Dead: the units dead now that died first (the earliest death step, up to
    /// kNamedUnits of them, nearest the input first); empty without per-unit records.
    const std::vector<DeadUnit> &firstDeadUnits() const { return m_firstDead; }
    static constexpr int kNamedUnits = 4;

    /// Two or three sentences for the explanations panel: what happened, where, what to try.
    /// Empty when healthy.
    QString summary() const;

private:
    void diagnoseDivergence(const TrainingFrame &frame);
    void diagnoseDeath(const TrainingFrame &frame);

    Kind m_kind = Kind::Healthy;
    std::int64_t m_step = -1;
    int m_layer = 0;
    double m_growth;
    std::int64_t m_fromStep = -1; ///< the last good snapshot the growth is measured from
    std::int64_t m_toStep = -1;   ///< the snapshot that shows the explosion
    int m_deadLayers = 0;         ///< hidden layers that are 100% dead now
    std::vector<DeadUnit> m_firstDead;
    int m_moreDead = 0; ///< units that died at the same step beyond those named
    /// Adam in float16: its squared-gradient average underflows, whatever the learning rate.
    bool m_float16Adam = false;
};

} // namespace relulab
