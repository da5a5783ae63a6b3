// SPDX-License-Identifier: MIT
#include "snapshot.h"

#include <cstddef>

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

void trackUnitDeaths(std::vector<std::vector<std::int64_t>> &diedAt, Snapshot &snapshot)
{
    bool sameShape = diedAt.size() == snapshot.layers.size();
    for (size_t l = 0; sameShape && l < diedAt.size(); ++l)
        sameShape = diedAt[l].size() == snapshot.layers[l].units.size();
    if (!sameShape) {
        diedAt.resize(snapshot.layers.size());
        for (size_t l = 0; l < diedAt.size(); ++l)
            diedAt[l].assign(snapshot.layers[l].units.size(), -1);
    }
    for (size_t l = 0; l < diedAt.size(); ++l) {
        std::vector<UnitMetrics> &units = snapshot.layers[l].units;
        for (size_t u = 0; u < units.size(); ++u) {
            std::int64_t &died = diedAt[l][u];
            if (!units[u].dead)
                died = -1;
            else if (died < 0)
                died = snapshot.step;
            units[u].diedAtStep = died;
        }
    }
}

} // namespace relulab
