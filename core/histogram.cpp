// SPDX-License-Identifier: MIT
#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr double kLowQuantile = 0.005;
constexpr double kHighQuantile = 0.995;
constexpr double kMargin = 0.05;

std::span<const float> asSpan(const Mat<float> &m)
{
    return {m.data(), size_t(m.size())};
}

} // namespace

std::int64_t Histogram::maxCount() const
{
    return counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
}

std::pair<double, double> robustRange(const std::vector<std::span<const float>> &values,
                                      size_t maxSamples)
{
    size_t n = 0;
    for (const auto &v : values)
        n += v.size();
    // Evenly spaced, not random: the same network always gets the same range.
    const size_t stride =
        std::max<size_t>(1, (n + maxSamples - 1) / std::max<size_t>(1, maxSamples));
    std::vector<float> sample;
    sample.reserve(n / stride + values.size());
    for (const auto &v : values)
        for (size_t i = 0; i < v.size(); i += stride)
            if (std::isfinite(v[i]))
                sample.push_back(v[i]);
    if (sample.empty())
        return {-1.0, 1.0};

    const auto quantile = [&sample](double q) {
        const size_t k =
            std::min(sample.size() - 1, size_t(std::lround(q * double(sample.size() - 1))));
        std::nth_element(sample.begin(), sample.begin() + std::ptrdiff_t(k), sample.end());
        return double(sample[k]);
    };
    double lo = std::min(0.0, quantile(kLowQuantile));
    double hi = std::max(0.0, quantile(kHighQuantile));
    if (hi - lo <= 0) {
        // Every value is 0 (a dead layer's weights are not, but a zero-initialised bias is).
        const double spread = std::max(std::abs(lo), 1.0);
        return {-spread, spread};
    }
    const double pad = kMargin * (hi - lo);
    lo = lo < 0 ? lo - pad : -pad;
    hi = hi > 0 ? hi + pad : pad;
    return {lo, hi};
}

Histogram makeHistogram(const float *values, long n, double lo, double hi, int bins)
{
    Histogram h;
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(size_t(std::max(1, bins)), 0);
    const double scale = double(h.counts.size()) / (hi - lo);
    const long last = long(h.counts.size()) - 1;
    h.total = n;
    for (long i = 0; i < n; ++i) {
        const double v = values[i];
        if (v <= 0)
            ++h.nonPositive;
        if (!std::isfinite(v))
            continue;
        if (v < lo) {
            ++h.below;
        } else if (v >= hi) {
            ++h.above;
        } else {
            // Rounding can put a value just under hi one past the end.
            ++h.counts[size_t(std::min(last, long((v - lo) * scale)))];
        }
    }
    return h;
}

LayerDistributions computeDistributions(const Network<float> &net, const Mat<float> &X, int bins)
{
    LayerDistributions out;
    const int hidden = net.hiddenLayers();
    if (hidden <= 0 || X.cols() == 0)
        return out;
    Workspace<float> ws;
    net.forward(X, ws);

    std::vector<std::span<const float>> z, w;
    for (int l = 0; l < hidden; ++l) {
        z.push_back(asSpan(ws.Z[size_t(l)]));
        w.push_back(asSpan(net.parameters()[size_t(l)].W));
    }
    const auto [zLo, zHi] = robustRange(z);
    const auto [wLo, wHi] = robustRange(w);
    for (int l = 0; l < hidden; ++l) {
        out.preactivations.push_back(
            makeHistogram(z[size_t(l)].data(), long(z[size_t(l)].size()), zLo, zHi, bins));
        out.weights.push_back(
            makeHistogram(w[size_t(l)].data(), long(w[size_t(l)].size()), wLo, wHi, bins));
    }
    return out;
}

} // namespace relulab
