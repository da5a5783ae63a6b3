// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>

#include <bit>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace relulab {

/// The number format training stores its values in. Float32 is the native path; Float64 trains
/// in double; BFloat16 and Float16 are emulated on float32 (see Trainer and the README).
enum class Precision
{
    Float32,
    Float64,
    BFloat16, ///< 8 exponent bits (float32's range), 7 stored mantissa bits
    Float16,  ///< IEEE binary16: 5 exponent bits, 10 mantissa bits, max 65504
};

std::span<const Precision> allPrecisions();
std::string_view precisionName(Precision p); ///< "float32", "float64", "bfloat16", "float16"
std::optional<Precision> parsePrecision(std::string_view name);

/// What the plots draw for a format. Values are exact powers of two (or the format's maximum).
struct PrecisionLimits
{
    double unitRoundoff;      ///< half the gap between 1 and the next number: 2^-(mantissa+1)
    double smallestNormal;    ///< below it, relative precision is lost (subnormals)
    double smallestSubnormal; ///< below half of it, a value rounds to 0
    double max;               ///< largest finite value
};
PrecisionLimits precisionLimits(Precision p);

/// Whether training in `p` rounds float32 values into a narrower format.
constexpr bool isEmulated(Precision p)
{
    return p == Precision::BFloat16 || p == Precision::Float16;
}

// The rounding is bit manipulation on the float's pattern: branch-free, so loops over arrays
// vectorise, and independent of the FPU's flush-to-zero mode for the bit paths.

/// x rounded to the nearest bfloat16 (ties to even), as a float. NaN stays NaN (quiet), ±0,
/// ±inf and float32 subnormals round like any other value on the same bit grid.
inline float roundToBFloat16(float x)
{
    const std::uint32_t u = std::bit_cast<std::uint32_t>(x);
    // Adding 0x7FFF plus the kept lsb and truncating is RNE; a carry into the exponent is the
    // correct round-up (to the next binade, or to inf past the largest finite value).
    const std::uint32_t rounded = (u + 0x7FFFu + ((u >> 16) & 1u)) & 0xFFFF0000u;
    const std::uint32_t isNan = std::uint32_t((u & 0x7FFFFFFFu) > 0x7F800000u);
    const std::uint32_t quietNan = (u | 0x00400000u) & 0xFFFF0000u;
    const std::uint32_t mask = 0u - isNan;
    return std::bit_cast<float>(rounded ^ ((rounded ^ quietNan) & mask));
}

/// x rounded to the nearest IEEE binary16 value (ties to even), as a float: subnormals down to
/// 2^-24, ±inf from 65520 up (the midpoint above 65504 rounds to the even 2^16, out of range).
inline float roundToFloat16(float x)
{
    const std::uint32_t u = std::bit_cast<std::uint32_t>(x);
    const std::uint32_t sign = u & 0x80000000u, mag = u & 0x7FFFFFFFu;
    // Normal range: keep 10 of float's 23 mantissa bits, RNE as in roundToBFloat16.
    std::uint32_t normal = (mag + 0x0FFFu + ((mag >> 13) & 1u)) & 0xFFFFE000u;
    const std::uint32_t overflow = 0u - std::uint32_t(normal > 0x477FE000u); // above 65504
    normal = normal ^ ((normal ^ 0x7F800000u) & overflow);
    // Below 2^-14 the grid is fixed at 2^-24: adding 0.5 (whose ulp is 2^-24) rounds to it
    // with the FPU's RNE, and the subtraction is exact. Float subnormals (DAZ) read as 0, their
    // correct result.
    const float a = std::bit_cast<float>(mag);
    const std::uint32_t tiny = std::bit_cast<std::uint32_t>((a + 0.5f) - 0.5f);
    const std::uint32_t isTiny = 0u - std::uint32_t(mag < 0x38800000u); // 2^-14
    std::uint32_t out = normal ^ ((normal ^ tiny) & isTiny);
    const std::uint32_t isNan = 0u - std::uint32_t(mag > 0x7F800000u);
    out = out ^ ((out ^ (mag | 0x00400000u)) & isNan);
    return std::bit_cast<float>(out | sign);
}

/// Rounds n floats in place to the format `p` (no-op for Float32 and Float64).
void roundInPlace(Precision p, float *data, Eigen::Index n);
/// Typed helpers: the same over a whole Eigen matrix/array.
template <typename Derived> void roundInPlace(Precision p, Eigen::DenseBase<Derived> &m)
{
    roundInPlace(p, m.derived().data(), m.size());
}

} // namespace relulab
