// SPDX-License-Identifier: MIT
// The emulated formats against references built independently of the bit tricks: float16 from
// a table of all 65536 decoded patterns, bfloat16 from the two neighbours of a float compared
// in exact double arithmetic.
#include "precision.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace relulab;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double decodeFloat16(std::uint16_t h)
{
    const int sign = h >> 15, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
    double magnitude = 0;
    if (exponent == 0x1F)
        magnitude = mantissa ? std::numeric_limits<double>::quiet_NaN() : kInf;
    else if (exponent == 0)
        magnitude = std::ldexp(double(mantissa), -24);
    else
        magnitude = std::ldexp(double(1024 + mantissa), exponent - 25);
    return sign ? -magnitude : magnitude;
}

/// Non-negative finite float16 values in order, with whether their mantissa is even; 65536
/// (the first value past the range, "even") stands for the rounding target of overflow.
struct Float16Table
{
    std::vector<double> values;
    std::vector<bool> even;
    Float16Table()
    {
        for (std::uint32_t h = 0; h < 0x7C00; ++h) {
            values.push_back(decodeFloat16(std::uint16_t(h)));
            even.push_back((h & 1) == 0);
        }
        values.push_back(65536.0);
        even.push_back(true);
    }
};

const Float16Table &float16Table()
{
    static const Float16Table table;
    return table;
}

// The nearest float16 to x by search. Differences are exact in double near a midpoint (the
// two neighbours and x are within a few binades there), which is where they decide anything.
double referenceFloat16(double x)
{
    if (std::isnan(x))
        return x;
    const double a = std::abs(x);
    const Float16Table &t = float16Table();
    double result = kInf;
    if (a <= t.values.back()) {
        const auto hi = std::lower_bound(t.values.begin(), t.values.end(), a);
        const size_t h = size_t(hi - t.values.begin());
        if (*hi == a || h == 0) {
            result = *hi;
        } else {
            const double below = t.values[h - 1], above = *hi;
            const double dBelow = a - below, dAbove = above - a;
            if (dBelow < dAbove)
                result = below;
            else if (dAbove < dBelow)
                result = above;
            else
                result = t.even[h - 1] ? below : above;
        }
        if (result > 65504.0)
            result = kInf;
    }
    return std::signbit(x) ? -result : result;
}

// bfloat16 by construction: the two candidates around x are its bits truncated toward zero
// and the next pattern; pick the nearer in exact double arithmetic, ties to the even one.
double referenceBFloat16(float x)
{
    if (std::isnan(x) || std::isinf(x))
        return double(x);
    const std::uint32_t u = std::bit_cast<std::uint32_t>(x) & 0x7FFFFFFFu;
    const std::uint32_t loBits = u & 0xFFFF0000u;
    const double a = std::abs(double(x));
    const double lo = double(std::bit_cast<float>(loBits));
    // Past the largest finite pattern the next one is 2^128, which rounds to infinity.
    const std::uint32_t hiBits = loBits + 0x10000u;
    const double hi =
        hiBits >= 0x7F800000u ? std::ldexp(1.0, 128) : double(std::bit_cast<float>(hiBits));
    double result = lo;
    if (a - lo > hi - a || (a - lo == hi - a && (loBits & 0x10000u)))
        result = hi;
    if (result > double(std::numeric_limits<float>::max()))
        result = kInf;
    return std::signbit(x) ? -result : result;
}

void expectSame(double expected, float got, float x, const char *what)
{
    if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(got)) << what << "(" << x << ") = " << got;
        return;
    }
    EXPECT_EQ(double(got), expected) << what << "(" << std::hexfloat << x << ")";
    EXPECT_EQ(std::signbit(got), std::signbit(expected)) << what << "(" << x << ") sign";
}

void checkFloat16(float x)
{
    expectSame(referenceFloat16(double(x)), roundToFloat16(x), x, "roundToFloat16");
}

void checkBFloat16(float x)
{
    expectSame(referenceBFloat16(x), roundToBFloat16(x), x, "roundToBFloat16");
}

} // namespace

TEST(Precision, NamesRoundTrip)
{
    ASSERT_EQ(allPrecisions().size(), 4u);
    for (Precision p : allPrecisions())
        EXPECT_EQ(parsePrecision(precisionName(p)), p);
    EXPECT_EQ(precisionName(Precision::Float32), "float32");
    EXPECT_EQ(precisionName(Precision::Float64), "float64");
    EXPECT_EQ(precisionName(Precision::BFloat16), "bfloat16");
    EXPECT_EQ(precisionName(Precision::Float16), "float16");
    EXPECT_EQ(parsePrecision("fp16"), std::nullopt);
    EXPECT_EQ(parsePrecision("Float32"), std::nullopt);
}

TEST(Precision, Limits)
{
    EXPECT_EQ(precisionLimits(Precision::Float32).unitRoundoff, std::ldexp(1.0, -24));
    EXPECT_EQ(precisionLimits(Precision::Float64).unitRoundoff, std::ldexp(1.0, -53));
    EXPECT_EQ(precisionLimits(Precision::BFloat16).unitRoundoff, std::ldexp(1.0, -8));
    EXPECT_EQ(precisionLimits(Precision::Float16).unitRoundoff, std::ldexp(1.0, -11));
    const PrecisionLimits h = precisionLimits(Precision::Float16);
    EXPECT_EQ(h.max, 65504.0);
    EXPECT_EQ(h.smallestNormal, decodeFloat16(0x0400));
    EXPECT_EQ(h.smallestSubnormal, decodeFloat16(0x0001));
    const PrecisionLimits f = precisionLimits(Precision::Float32);
    EXPECT_EQ(f.max, double(std::numeric_limits<float>::max()));
    EXPECT_EQ(f.smallestNormal, double(std::numeric_limits<float>::min()));
    EXPECT_EQ(f.smallestSubnormal, double(std::numeric_limits<float>::denorm_min()));
    const PrecisionLimits b = precisionLimits(Precision::BFloat16);
    EXPECT_EQ(b.max, double(std::bit_cast<float>(0x7F7F0000u)));
    EXPECT_EQ(b.smallestNormal, double(std::numeric_limits<float>::min()));
    EXPECT_EQ(b.smallestSubnormal, double(std::bit_cast<float>(0x00010000u)));
    const PrecisionLimits d = precisionLimits(Precision::Float64);
    EXPECT_EQ(d.max, std::numeric_limits<double>::max());
    EXPECT_EQ(d.smallestSubnormal, std::numeric_limits<double>::denorm_min());
}

TEST(Precision, Float16EveryValueAndMidpoint)
{
    // Every representable value maps to itself; every midpoint between neighbours and the
    // floats just around it go where the reference says (ties to the even mantissa).
    const std::vector<double> &v = float16Table().values;
    for (size_t i = 0; i + 1 < v.size(); ++i) {
        for (double s : {1.0, -1.0}) {
            const float value = float(s * v[i]);
            checkFloat16(value);
            const float mid = float(s * (v[i] + v[i + 1]) / 2); // 12 bits: exact in float
            ASSERT_EQ(double(mid), s * (v[i] + v[i + 1]) / 2);
            checkFloat16(mid);
            checkFloat16(std::nextafter(mid, 0.0f));
            checkFloat16(std::nextafter(mid, s * 1e30f));
            checkFloat16(std::nextafter(value, s * 1e30f));
            if (v[i] > 0)
                checkFloat16(std::nextafter(value, 0.0f));
        }
    }
}

TEST(Precision, Float16EdgeCases)
{
    EXPECT_EQ(roundToFloat16(65519.99f), 65504.0f);
    EXPECT_EQ(roundToFloat16(65520.0f), std::numeric_limits<float>::infinity());
    EXPECT_EQ(roundToFloat16(-65520.0f), -std::numeric_limits<float>::infinity());
    EXPECT_EQ(roundToFloat16(65504.0f), 65504.0f);
    EXPECT_EQ(roundToFloat16(1e30f), std::numeric_limits<float>::infinity());
    EXPECT_EQ(roundToFloat16(std::numeric_limits<float>::infinity()),
              std::numeric_limits<float>::infinity());
    EXPECT_TRUE(std::isnan(roundToFloat16(std::numeric_limits<float>::quiet_NaN())));
    // A signalling NaN whose payload sits in the dropped bits must not become infinity.
    EXPECT_TRUE(std::isnan(roundToFloat16(std::bit_cast<float>(0x7F800001u))));
    EXPECT_TRUE(std::signbit(roundToFloat16(-0.0f)));
    EXPECT_EQ(roundToFloat16(-0.0f), 0.0f);
    const float tiny = std::ldexp(1.0f, -24); // the smallest subnormal
    EXPECT_EQ(roundToFloat16(tiny), tiny);
    EXPECT_EQ(roundToFloat16(tiny / 2), 0.0f); // a tie: to the even 0
    EXPECT_TRUE(std::signbit(roundToFloat16(-tiny / 2)));
    EXPECT_EQ(roundToFloat16(std::nextafter(tiny / 2, 1.0f)), tiny);
    EXPECT_EQ(roundToFloat16(1.5f * tiny), 2 * tiny); // tie between 1 and 2 quanta: even 2
    EXPECT_EQ(roundToFloat16(2.5f * tiny), 2 * tiny);
    EXPECT_EQ(roundToFloat16(std::numeric_limits<float>::denorm_min()), 0.0f);
    EXPECT_EQ(roundToFloat16(1.0f + std::ldexp(1.0f, -11)), 1.0f); // tie, even
    EXPECT_EQ(roundToFloat16(1.0f + 3 * std::ldexp(1.0f, -11)), 1.0f + std::ldexp(1.0f, -9));
    EXPECT_EQ(roundToFloat16(0.1f), float(decodeFloat16(0x2E66)));
}

TEST(Precision, Float16RandomFloats)
{
    std::mt19937 rng(7);
    for (int i = 0; i < 2000000; ++i)
        checkFloat16(std::bit_cast<float>(std::uint32_t(rng())));
    // Denser where float16 lives.
    std::uniform_real_distribution<float> exponent(-30.0f, 17.0f);
    for (int i = 0; i < 1000000; ++i)
        checkFloat16((i % 2 ? -1.0f : 1.0f) * std::exp2(exponent(rng)));
}

TEST(Precision, BFloat16EveryPatternAndTie)
{
    // Every bfloat16 pattern (both signs), with the lower halves that are exact, just below a
    // tie, a tie, just above, and the largest: subnormals, overflow to inf and NaN included.
    for (std::uint32_t hi = 0; hi <= 0xFFFF; ++hi) {
        for (std::uint32_t lo : {0x0000u, 0x0001u, 0x7FFFu, 0x8000u, 0x8001u, 0xC000u, 0xFFFFu}) {
            const float x = std::bit_cast<float>((hi << 16) | lo);
            checkBFloat16(x);
        }
    }
    EXPECT_EQ(roundToBFloat16(std::numeric_limits<float>::max()),
              std::numeric_limits<float>::infinity());
    EXPECT_EQ(roundToBFloat16(std::bit_cast<float>(0x7F7F7FFFu)),
              std::bit_cast<float>(0x7F7F0000u));
    EXPECT_TRUE(std::isnan(roundToBFloat16(std::bit_cast<float>(0x7F800001u))));
    EXPECT_TRUE(std::isnan(roundToBFloat16(std::bit_cast<float>(0xFFFFFFFFu))));
    EXPECT_TRUE(std::signbit(roundToBFloat16(-0.0f)));
    EXPECT_EQ(roundToBFloat16(1.0f + std::ldexp(1.0f, -8)), 1.0f); // tie, even
    EXPECT_EQ(roundToBFloat16(1.0f + 3 * std::ldexp(1.0f, -8)), 1.0f + std::ldexp(1.0f, -6));
    std::mt19937 rng(11);
    for (int i = 0; i < 2000000; ++i)
        checkBFloat16(std::bit_cast<float>(std::uint32_t(rng())));
}

TEST(Precision, ArrayRoundingMatchesScalar)
{
    std::mt19937 rng(3);
    Eigen::ArrayXf a(1003);
    for (Eigen::Index i = 0; i < a.size(); ++i)
        a(i) = std::bit_cast<float>(std::uint32_t(rng()));
    for (Precision p : allPrecisions()) {
        Eigen::ArrayXf b = a;
        roundInPlace(p, b);
        for (Eigen::Index i = 0; i < a.size(); ++i) {
            const float want = p == Precision::BFloat16  ? roundToBFloat16(a(i))
                               : p == Precision::Float16 ? roundToFloat16(a(i))
                                                         : a(i);
            EXPECT_EQ(std::bit_cast<std::uint32_t>(b(i)), std::bit_cast<std::uint32_t>(want))
                << precisionName(p) << " at " << i;
        }
    }
}
