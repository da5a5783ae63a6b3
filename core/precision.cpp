// SPDX-License-Identifier: MIT
#include "precision.h"

#include <array>

namespace relulab {

namespace {

constexpr std::array kPrecisions = {Precision::Float32, Precision::Float64, Precision::BFloat16,
                                    Precision::Float16};
constexpr std::array<std::string_view, kPrecisions.size()> kPrecisionNames = {
    "float32", "float64", "bfloat16", "float16"};

// Separate loops so each inlines its rounding and vectorises (no call or switch per element).
void roundBFloat16(float *data, Eigen::Index n)
{
    for (Eigen::Index i = 0; i < n; ++i)
        data[i] = roundToBFloat16(data[i]);
}

void roundFloat16(float *data, Eigen::Index n)
{
    for (Eigen::Index i = 0; i < n; ++i)
        data[i] = roundToFloat16(data[i]);
}

} // namespace

std::span<const Precision> allPrecisions()
{
    return kPrecisions;
}

std::string_view precisionName(Precision p)
{
    return kPrecisionNames[size_t(p)];
}

std::optional<Precision> parsePrecision(std::string_view name)
{
    for (size_t i = 0; i < kPrecisionNames.size(); ++i) {
        if (kPrecisionNames[i] == name)
            return kPrecisions[i];
    }
    return std::nullopt;
}

PrecisionLimits precisionLimits(Precision p)
{
    switch (p) {
    case Precision::Float64:
        return {0x1p-53, 0x1p-1022, 0x1p-1074, 0x1.fffffffffffffp1023};
    case Precision::BFloat16:
        return {0x1p-8, 0x1p-126, 0x1p-133, 0x1.fep127};
    case Precision::Float16:
        return {0x1p-11, 0x1p-14, 0x1p-24, 65504.0};
    case Precision::Float32:
        break;
    }
    return {0x1p-24, 0x1p-126, 0x1p-149, 0x1.fffffep127};
}

void roundInPlace(Precision p, float *data, Eigen::Index n)
{
    if (p == Precision::BFloat16)
        roundBFloat16(data, n);
    else if (p == Precision::Float16)
        roundFloat16(data, n);
}

} // namespace relulab
