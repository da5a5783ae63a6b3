// SPDX-License-Identifier: MIT
// The history frames carry: reads like the vector it replaced, thins the same way, and shares
// its full chunks between copies (so a frame's cost does not grow with the step count) without
// one copy ever changing another.
#include "training_history.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using namespace relulab;

namespace {

HistoryPoint pointAt(std::int64_t step)
{
    HistoryPoint p;
    p.step = step;
    p.loss = 1.0 / double(step + 1);
    p.alphas = {double(step)};
    return p;
}

/// The thinning the recorder did on a plain vector before the history had chunks.
std::vector<HistoryPoint> thinnedReference(const std::vector<HistoryPoint> &all)
{
    const size_t half = all.size() / 2;
    std::vector<HistoryPoint> kept;
    for (size_t i = 0; i < half; i += 2)
        kept.push_back(all[i]);
    for (size_t i = half; i < all.size(); ++i)
        kept.push_back(all[i]);
    return kept;
}

/// What identifies a point here: its step, its loss and its alphas (all set by pointAt).
std::vector<std::pair<std::int64_t, double>> keys(const TrainingHistory &history)
{
    std::vector<std::pair<std::int64_t, double>> out;
    for (const HistoryPoint &p : history) {
        EXPECT_EQ(p.alphas, std::vector<double>{double(p.step)});
        out.emplace_back(p.step, p.loss);
    }
    return out;
}

std::vector<std::pair<std::int64_t, double>> keys(const std::vector<HistoryPoint> &points)
{
    std::vector<std::pair<std::int64_t, double>> out;
    for (const HistoryPoint &p : points)
        out.emplace_back(p.step, p.loss);
    return out;
}

} // namespace

TEST(TrainingHistory, ReadsLikeTheVectorOfItsPoints)
{
    TrainingHistory history;
    std::vector<HistoryPoint> reference;
    EXPECT_TRUE(history.empty());
    for (std::int64_t step = 0; step < 1000; step += 3) {
        history.append(pointAt(step));
        reference.push_back(pointAt(step));
    }
    ASSERT_EQ(history.size(), reference.size());
    EXPECT_EQ(keys(history), keys(reference));
    EXPECT_EQ(history.front().step, 0);
    EXPECT_EQ(history.back().step, 999);
    EXPECT_EQ(history[200].step, 600);
    // Measured twice at one step: the second replaces the first.
    HistoryPoint again = pointAt(999);
    again.loss = 42;
    history.append(again);
    EXPECT_EQ(history.size(), reference.size());
    EXPECT_EQ(history.back().loss, 42);
}

TEST(TrainingHistory, ThinsTheOlderHalfAsBefore)
{
    for (const std::int64_t n : {1, 2, 7, 128, 129, 257, 2001}) {
        TrainingHistory history;
        std::vector<HistoryPoint> reference;
        for (std::int64_t step = 0; step < n; ++step) {
            history.append(pointAt(step));
            reference.push_back(pointAt(step));
        }
        history.thinOlderHalf();
        EXPECT_EQ(keys(history), keys(thinnedReference(reference))) << n << " points";
        history.append(pointAt(n)); // still appends after thinning
        EXPECT_EQ(history.back().step, n);
    }
}

TEST(TrainingHistory, CopiesShareFullChunksAndNeverChangeEachOther)
{
    TrainingHistory history;
    for (std::int64_t step = 0; step < 3 * std::int64_t(TrainingHistory::kChunkSize) + 5; ++step)
        history.append(pointAt(step));
    const TrainingHistory frameA = history; // what a published frame holds
    // The full chunks are the same memory, not copies.
    EXPECT_EQ(&frameA[0], &std::as_const(history)[0]);
    EXPECT_EQ(&frameA[2 * TrainingHistory::kChunkSize],
              &std::as_const(history)[2 * TrainingHistory::kChunkSize]);

    // Later points reach the recorder's history, not the frame made before them.
    history.append(pointAt(100000));
    EXPECT_EQ(frameA.size() + 1, history.size());
    EXPECT_EQ(frameA.back().step, history[history.size() - 2].step);

    // A test poisoning its copy of a frame changes that copy alone (copy on write).
    TrainingHistory poisoned = frameA;
    poisoned.front().loss = -1;
    for (HistoryPoint &p : poisoned)
        p.deadShare = 0.5;
    EXPECT_EQ(poisoned.front().loss, -1);
    EXPECT_EQ(poisoned[300].deadShare, 0.5);
    EXPECT_EQ(frameA.front().loss, 1.0);
    EXPECT_EQ(frameA[300].deadShare, 0.0);
    EXPECT_EQ(std::as_const(history)[0].loss, 1.0);
    EXPECT_NE(&std::as_const(poisoned)[0], &frameA[0]);
}
