// SPDX-License-Identifier: MIT
#pragma once

#include "network.h"

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace relulab {

/// Bins per histogram: enough to show a shape, few enough that every bin holds samples.
constexpr int kHistogramBins = 40;

/// Counts of values in equal bins over [lo, hi). Values outside the range are counted in
/// `below` / `above`, never folded into the edge bins (that would draw a false spike).
struct Histogram
{
    double lo = 0; ///< left edge of bin 0
    double hi = 0; ///< right edge of the last bin
    std::vector<std::int64_t> counts;
    std::int64_t below = 0;       ///< finite values < lo
    std::int64_t above = 0;       ///< finite values >= hi
    std::int64_t total = 0;       ///< every value seen, including non-finite ones
    std::int64_t nonPositive = 0; ///< values <= 0, counted exactly (not from the bins)

    double binWidth() const { return counts.empty() ? 0 : (hi - lo) / double(counts.size()); }
    /// Centre of bin i.
    double binCentre(int i) const { return lo + (i + 0.5) * binWidth(); }
    /// Share of values <= 0, in [0, 1] (0 when empty).
    double nonPositiveShare() const { return total > 0 ? double(nonPositive) / double(total) : 0; }
    /// The fullest bin's count.
    std::int64_t maxCount() const;
};

/// Per hidden layer (index 0 = layer 1): the histogram of its pre-activations z over the
/// training set, and of its weights W. All layers of one kind share one range, so the ridges
/// line up and a layer drifting negative is seen against the others.
struct LayerDistributions
{
    std::vector<Histogram> preactivations;
    std::vector<Histogram> weights;
};

/// A range [lo, hi) covering the central mass of `values`: the 0.5 % and 99.5 % quantiles,
/// widened by 5 % and always containing 0 (so the zero line is in view). Non-finite values
/// are ignored; at most `maxSamples` evenly spaced values are used to find the quantiles.
std::pair<double, double> robustRange(const std::vector<std::span<const float>> &values,
                                      size_t maxSamples = 50000);

/// Counts `values` into `bins` equal bins over [lo, hi).
Histogram makeHistogram(const float *values, long n, double lo, double hi,
                        int bins = kHistogramBins);

/// One forward pass of `net` over X (inputDim × samples, samples as columns): the histograms
/// of every hidden layer's z, and of every hidden layer's W, each kind over a common range.
LayerDistributions computeDistributions(const Network<float> &net, const Mat<float> &X,
                                        int bins = kHistogramBins);

} // namespace relulab
