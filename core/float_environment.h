// SPDX-License-Identifier: MIT
#pragma once

namespace relulab {

/// Flushes subnormal floats to zero on this thread while alive (x86 FTZ and DAZ bits).
/// Deep narrow nets push gradients into the subnormal range, where every operation is ~30×
/// slower; for a teaching tool a gradient below 1e-38 is zero in every sense that matters.
class FlushDenormals
{
public:
    FlushDenormals();
    ~FlushDenormals();
    FlushDenormals(const FlushDenormals &) = delete;
    FlushDenormals &operator=(const FlushDenormals &) = delete;

    /// Whether flushing is in force on the calling thread.
    static bool active();

private:
    unsigned m_saved = 0;
};

} // namespace relulab
