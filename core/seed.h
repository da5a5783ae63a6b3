// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace relulab {

/// Independent random streams derived from one user seed (SplitMix64), so the data, the
/// initial weights and the batch order never share a generator.
enum class SeedStream : std::uint64_t
{
    TrainData = 1,
    TestData = 2,
    Weights = 3,
    Batches = 4
};

inline std::uint64_t deriveSeed(std::uint64_t seed, SeedStream stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (std::uint64_t(stream) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace relulab
