// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "training_config.h"

#include <QString>

namespace relulab {

struct TrainingFrame;

/// A/B compare mode: whether it is on, and the settings in which run B differs from run A.
/// B is always "A + overrides", so changing A's controls keeps the difference the user chose.
struct CompareSettings
{
    bool enabled = false;
    /// The keys and values in which run B differs from run A.
    ConfigOverrides overrides = defaultOverrides();

    /// ReLU against Leaky ReLU with alpha 0.01: the direct answer to "ReLU or Leaky?".
    static ConfigOverrides defaultOverrides();

    bool operator==(const CompareSettings &) const = default;
};

/// A run's legend label, e.g. "A: ReLU" or "B: Leaky ReLU α=0.01"; settings other than the
/// activation are named only where `run` differs from `other` ("B: ReLU, init he normal").
QString runLabel(QChar letter, const TrainingConfig &run, const TrainingConfig &other);

/// The labels of the runs in `frame`: "A: …" for the frame itself and "B: …" for
/// frame.compare; empty strings if the frame is not a comparison.
QString labelA(const TrainingFrame &frame);
QString labelB(const TrainingFrame &frame);

} // namespace relulab
