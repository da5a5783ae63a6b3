// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <deque>
#include <memory>

namespace relulab {

class Trainer;

/// Turns a trainer's state into immutable frames, keeping a bounded history between them.
/// Owned by whichever thread owns the Trainer (the worker, or the CLI's export).
class FrameRecorder
{
public:
    explicit FrameRecorder(int maxHistory = 2000, int recentCount = 8, int outputResolution = 90);

    /// Forget the history (the network was rebuilt).
    void reset();
    /// Measures the trainer now, appends to the history and returns a new frame.
    FramePtr record(Trainer &trainer, double stepsPerSecond, bool playing);

private:
    // members are the implementer's choice
};

} // namespace relulab
