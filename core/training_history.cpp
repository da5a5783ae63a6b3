// SPDX-License-Identifier: MIT
#include "training_history.h"

#include <utility>

namespace relulab {

const HistoryPoint &TrainingHistory::at(std::size_t i) const
{
    const std::size_t chunk = i / kChunkSize;
    return chunk < m_full.size() ? (*m_full[chunk])[i % kChunkSize]
                                 : m_open[i - m_full.size() * kChunkSize];
}

HistoryPoint &TrainingHistory::at(std::size_t i)
{
    const std::size_t chunk = i / kChunkSize;
    if (chunk >= m_full.size())
        return m_open[i - m_full.size() * kChunkSize];
    // Shared with other frames: this history gets its own copy before anything changes.
    if (m_full[chunk].use_count() > 1)
        m_full[chunk] = std::make_shared<std::vector<HistoryPoint>>(*m_full[chunk]);
    return (*m_full[chunk])[i % kChunkSize];
}

void TrainingHistory::append(HistoryPoint point)
{
    if (!m_open.empty() && m_open.back().step == point.step) {
        m_open.back() = std::move(point);
        return;
    }
    // Sealed only when the next point arrives, so the newest point is always in m_open.
    if (m_open.size() == kChunkSize) {
        m_full.push_back(std::make_shared<std::vector<HistoryPoint>>(std::move(m_open)));
        m_open = {};
        m_open.reserve(kChunkSize);
    }
    m_open.push_back(std::move(point));
}

void TrainingHistory::thinOlderHalf()
{
    const std::size_t n = size();
    const std::size_t half = n / 2;
    std::vector<HistoryPoint> kept;
    kept.reserve(n - half / 2);
    for (std::size_t i = 0; i < half; i += 2)
        kept.push_back(std::as_const(*this).at(i));
    for (std::size_t i = half; i < n; ++i)
        kept.push_back(std::as_const(*this).at(i));
    clear();
    for (HistoryPoint &p : kept)
        append(std::move(p));
}

void TrainingHistory::clear()
{
    m_full.clear();
    m_open.clear();
}

} // namespace relulab
