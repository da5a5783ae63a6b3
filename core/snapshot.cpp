// SPDX-License-Identifier: MIT
#include "snapshot.h"

namespace relulab {

double Snapshot::deadShare() const
{
    if (layers.empty())
        return 0;
    double sum = 0;
    for (const LayerMetrics &l : layers)
        sum += l.deadFraction;
    // Every hidden layer has the same width, so the mean of the fractions is the share of units.
    return sum / double(layers.size());
}

} // namespace relulab
