// SPDX-License-Identifier: MIT
#pragma once

#include "snapshot.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace relulab {

/// Every hidden unit's alive share over the steps of a run: rows are units grouped by layer
/// (layer 1 first), columns are snapshots, oldest first. The moment a layer dies is one dark
/// vertical edge. Columns are shared between copies (a frame copies pointers, not shares), and
/// both dimensions are bounded: past kMaxColumns every second older column is dropped, and
/// past kMaxRows each row stands for several neighbouring units of one layer.
class DeathTimeline
{
public:
    static constexpr int kMaxColumns = 400;
    static constexpr int kMaxRows = 8192;
    /// A cell's value: 0 = every unit of the row is dead; otherwise 1..255 for the row's mean
    /// alive share in (0, 1] (rounded, never 0, so "dead" is never a rounding of "alive").
    static constexpr std::uint8_t kDead = 0;

    struct Column
    {
        std::int64_t step = 0;
        std::shared_ptr<const std::vector<std::uint8_t>> cells; ///< one per row
    };

    /// Starts an empty timeline for `depth` layers of `width` units.
    void reset(int depth, int width);
    /// Adds the snapshot's units as the newest column (replacing the newest if it has the same
    /// step). A snapshot of another shape starts the timeline again.
    void append(const Snapshot &snapshot);

    int depth() const { return m_depth; }
    int width() const { return m_width; }
    /// Rows per layer (width, or fewer when rows stand for several units).
    int rowsPerLayer() const { return m_rowsPerLayer; }
    int rows() const { return m_depth * m_rowsPerLayer; }
    /// Units of one layer that row r of that layer stands for: [firstUnit, lastUnit).
    int firstUnit(int rowInLayer) const;
    int lastUnit(int rowInLayer) const;
    const std::vector<Column> &columns() const { return m_columns; }
    bool empty() const { return m_columns.empty(); }

    /// The cell value for a row's mean alive share (`allDead` for every unit dead).
    static std::uint8_t encode(double aliveShare, bool allDead);
    /// The alive share a cell value stands for (0 for kDead), within 1/510 of what was encoded.
    static double decode(std::uint8_t cell) { return double(cell) / 255.0; }

private:
    int m_depth = 0;
    int m_width = 0;
    int m_rowsPerLayer = 0;
    std::vector<Column> m_columns;
};

} // namespace relulab
