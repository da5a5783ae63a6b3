// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <optional>

namespace relulab {

/// What the φ(z) and φ′(z) plots should draw right after the controls changed, while the
/// worker's frame with the new settings is still on its way: `shown` with the activation and
/// alpha of `controls`. Those two plots depend on nothing the worker computes except PReLU's
/// learnt slopes, which a live alpha change resets to alpha anyway, so the preview is exact.
/// Returns nullopt if `shown` already has the controls' activation and alpha.
std::optional<TrainingFrame> activationPreview(const TrainingFrame &shown,
                                               const TrainingConfig &controls);

} // namespace relulab
