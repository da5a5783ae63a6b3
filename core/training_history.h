// SPDX-License-Identifier: MIT
#pragma once

#include "snapshot.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

namespace relulab {

/// One point of the training history (the loss and dead-share curves).
struct HistoryPoint
{
    std::int64_t step = 0;
    double loss = kNaN;
    double testLoss = kNaN;
    double accuracy = kNaN;
    double deadShare = 0; ///< share of all hidden units that are dead, 0..1
    bool networkDead = false;
    std::vector<double> alphas; ///< per hidden layer (PReLU's learnt slopes), may be empty
};

/// The history of a run as frames carry it: full chunks of points are shared by every copy
/// made after them, so copying a history copies at most kChunkSize points and a few pointers
/// however long the run (a frame's cost does not grow with the step count). Reads like a
/// vector of points; writing through a copy unshares the chunk it touches first.
class TrainingHistory
{
public:
    static constexpr std::size_t kChunkSize = 128;

    /// Forward iterator over the points: `Owner` is const for reading, non-const for tests
    /// that poison a frame's copy.
    template <typename Owner, typename Point> class Iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = HistoryPoint;
        using difference_type = std::ptrdiff_t;
        using pointer = Point *;
        using reference = Point &;

        Iterator() = default;
        Iterator(Owner *history, std::size_t index) : m_history(history), m_index(index) {}
        reference operator*() const { return m_history->at(m_index); }
        pointer operator->() const { return &m_history->at(m_index); }
        Iterator &operator++()
        {
            ++m_index;
            return *this;
        }
        Iterator operator++(int)
        {
            Iterator old = *this;
            ++m_index;
            return old;
        }
        bool operator==(const Iterator &other) const { return m_index == other.m_index; }

    private:
        Owner *m_history = nullptr;
        std::size_t m_index = 0;
    };
    using const_iterator = Iterator<const TrainingHistory, const HistoryPoint>;
    using iterator = Iterator<TrainingHistory, HistoryPoint>;

    std::size_t size() const { return m_full.size() * kChunkSize + m_open.size(); }
    bool empty() const { return size() == 0; }
    const HistoryPoint &at(std::size_t i) const;
    const HistoryPoint &operator[](std::size_t i) const { return at(i); }
    const HistoryPoint &front() const { return at(0); }
    const HistoryPoint &back() const { return m_open.back(); }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

    /// Writable access, for tests that poison a copy of a frame: a chunk shared with another
    /// copy is copied first, so other frames never change.
    HistoryPoint &at(std::size_t i);
    HistoryPoint &operator[](std::size_t i) { return at(i); }
    HistoryPoint &front() { return at(0); }
    HistoryPoint &back() { return m_open.back(); }
    iterator begin() { return {this, 0}; }
    iterator end() { return {this, size()}; }

    /// Appends `point`, or replaces the last one if it has the same step (measured twice).
    void append(HistoryPoint point);
    /// Keeps every second point of the older half (the recent past stays sharp), so a long
    /// run's history stays bounded.
    void thinOlderHalf();
    void clear();

private:
    /// Full chunks, shared between copies; changed only through at(), which unshares first.
    std::vector<std::shared_ptr<std::vector<HistoryPoint>>> m_full;
    /// The newest points, never empty once a point was appended, so back() is always here.
    std::vector<HistoryPoint> m_open;
};

} // namespace relulab
