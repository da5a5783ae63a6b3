// SPDX-License-Identifier: MIT
#include "frame_preview.h"

namespace relulab {

std::optional<TrainingFrame> activationPreview(const TrainingFrame &shown,
                                               const TrainingConfig &controls)
{
    if (shown.config.activation == controls.activation && shown.config.alpha == controls.alpha)
        return std::nullopt;
    // Only what the φ plots read is copied: never the history, the dataset or the output grid.
    TrainingFrame preview;
    preview.config = shown.config;
    preview.config.activation = controls.activation;
    preview.config.alpha = controls.alpha;
    preview.snapshot.step = shown.snapshot.step;
    preview.snapshot.layers = shown.snapshot.layers;
    for (LayerMetrics &layer : preview.snapshot.layers)
        layer.alpha = usesAlpha(controls.activation) ? controls.alpha : kNaN;
    preview.playing = shown.playing;
    return preview;
}

} // namespace relulab
