// SPDX-License-Identifier: MIT
#include "death_timeline.h"

#include <algorithm>
#include <cmath>

namespace relulab {

void DeathTimeline::reset(int depth, int width)
{
    m_depth = std::max(depth, 0);
    m_width = std::max(width, 0);
    m_rowsPerLayer =
        m_depth == 0 ? 0 : std::clamp(kMaxRows / m_depth, std::min(m_width, 1), m_width);
    m_columns.clear();
}

int DeathTimeline::firstUnit(int rowInLayer) const
{
    return m_rowsPerLayer == 0 ? 0 : int(std::int64_t(rowInLayer) * m_width / m_rowsPerLayer);
}

int DeathTimeline::lastUnit(int rowInLayer) const
{
    return firstUnit(rowInLayer + 1);
}

std::uint8_t DeathTimeline::encode(double aliveShare, bool allDead)
{
    if (allDead)
        return kDead;
    const double scaled = std::round(std::clamp(aliveShare, 0.0, 1.0) * 255.0);
    return std::uint8_t(std::max(1.0, scaled));
}

void DeathTimeline::append(const Snapshot &snapshot)
{
    const int depth = int(snapshot.layers.size());
    const int width = depth == 0 ? 0 : int(snapshot.layers.front().units.size());
    if (depth != m_depth || width != m_width)
        reset(depth, width);
    if (rows() == 0)
        return;
    auto cells = std::make_shared<std::vector<std::uint8_t>>(size_t(rows()), kDead);
    for (int l = 0; l < depth; ++l) {
        const std::vector<UnitMetrics> &units = snapshot.layers[size_t(l)].units;
        if (int(units.size()) != width)
            return; // a snapshot without units (or of a mixed shape) adds nothing
        for (int r = 0; r < m_rowsPerLayer; ++r) {
            const int lo = firstUnit(r), hi = lastUnit(r);
            double share = 0;
            bool allDead = true;
            for (int u = lo; u < hi; ++u) {
                share += units[size_t(u)].aliveShare;
                allDead = allDead && units[size_t(u)].dead;
            }
            (*cells)[size_t(l) * size_t(m_rowsPerLayer) + size_t(r)] =
                encode(share / double(hi - lo), allDead);
        }
    }
    if (!m_columns.empty() && m_columns.back().step == snapshot.step)
        m_columns.pop_back();
    m_columns.push_back({snapshot.step, std::move(cells)});
    if (int(m_columns.size()) > kMaxColumns) {
        // Thin the older half, as the history does: the recent past stays sharp.
        const size_t half = m_columns.size() / 2;
        std::vector<Column> kept;
        kept.reserve(m_columns.size());
        for (size_t i = 0; i < m_columns.size(); ++i)
            if (i >= half || i % 2 == 1)
                kept.push_back(std::move(m_columns[i]));
        m_columns = std::move(kept);
    }
}

} // namespace relulab
