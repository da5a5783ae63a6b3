// SPDX-License-Identifier: MIT
#include "activation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

using namespace relulab;

namespace {

std::string nameOf(Activation a)
{
    return std::string(activationName(a));
}

// Slopes to try per activation: alpha only matters for leaky/prelu/elu, and a non-default
// value catches an implementation that hard-codes 0.01 or 1.
std::vector<double> alphasFor(Activation a)
{
    if (a == Activation::Elu)
        return {1.0, 0.3, 2.5};
    if (usesAlpha(a))
        return {0.01, 0.2, 1.0};
    return {0.01};
}

// Points away from every kink (0, and softplus's switch to linear at 20).
const std::vector<double> kSmoothPoints = {-7.5, -3.1, -1.7, -0.9, -0.31, -0.05, 0.02,
                                           0.27, 0.8,  1.3,  2.2,  4.6,   9.0,   25.0};

} // namespace

TEST(Activation, NamesRoundTrip)
{
    const std::vector<std::string> expected = {"relu", "leaky_relu", "prelu", "elu",
                                               "selu", "gelu",       "silu",  "softplus",
                                               "tanh", "sigmoid",    "linear"};
    ASSERT_EQ(allActivations().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const Activation a = allActivations()[i];
        EXPECT_EQ(nameOf(a), expected[i]);
        ASSERT_TRUE(parseActivation(expected[i]).has_value()) << expected[i];
        EXPECT_EQ(*parseActivation(expected[i]), a);
    }
    EXPECT_FALSE(parseActivation("ReLU").has_value());
    EXPECT_FALSE(parseActivation("").has_value());
    EXPECT_FALSE(parseActivation("leaky").has_value());
}

TEST(Activation, UsesAlphaOnlyForLeakyPreluElu)
{
    for (Activation a : allActivations()) {
        const bool expected =
            a == Activation::LeakyRelu || a == Activation::Prelu || a == Activation::Elu;
        EXPECT_EQ(usesAlpha(a), expected) << nameOf(a);
    }
}

TEST(Activation, KinkFlags)
{
    EXPECT_TRUE(hasKinkAtZero(Activation::Relu));
    EXPECT_TRUE(hasKinkAtZero(Activation::LeakyRelu));
    EXPECT_TRUE(hasKinkAtZero(Activation::Prelu));
    EXPECT_TRUE(hasKinkAtZero(Activation::Selu));
    for (Activation a : {Activation::Gelu, Activation::Silu, Activation::Softplus, Activation::Tanh,
                         Activation::Sigmoid, Activation::Linear})
        EXPECT_FALSE(hasKinkAtZero(a)) << nameOf(a);
}

TEST(Activation, DerivativeMatchesCentralDifferences)
{
    const double h = 1e-6;
    for (Activation a : allActivations()) {
        for (double alpha : alphasFor(a)) {
            for (double z : kSmoothPoints) {
                const double fd = (activate(a, z + h, alpha) - activate(a, z - h, alpha)) / (2 * h);
                const double d = activateDerivative(a, z, alpha);
                EXPECT_NEAR(d, fd, 1e-7 * std::max(1.0, std::abs(d)))
                    << nameOf(a) << " alpha=" << alpha << " z=" << z;
            }
        }
    }
}

TEST(Activation, KinkConventionsFollowPytorch)
{
    const double alpha = 0.2;
    // The z > 0 branch is strict, so the derivative at exactly 0 is the left one.
    EXPECT_EQ(activateDerivative(Activation::Relu, 0.0, alpha), 0.0);
    EXPECT_EQ(activateDerivative(Activation::LeakyRelu, 0.0, alpha), alpha);
    EXPECT_EQ(activateDerivative(Activation::Prelu, 0.0, alpha), alpha);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Elu, 0.0, 1.7), 1.7);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Selu, 0.0, alpha), selu::kScale * selu::kAlpha);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Gelu, 0.0, alpha), 0.5);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Silu, 0.0, alpha), 0.5);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Softplus, 0.0, alpha), 0.5);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Tanh, 0.0, alpha), 1.0);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Sigmoid, 0.0, alpha), 0.25);
    EXPECT_EQ(activateDerivative(Activation::Linear, 0.0, alpha), 1.0);
    // Just right of the kink the slope is 1 (times SELU's scale).
    EXPECT_EQ(activateDerivative(Activation::Relu, 1e-300, alpha), 1.0);
    EXPECT_EQ(activateDerivative(Activation::LeakyRelu, 1e-300, alpha), 1.0);
    EXPECT_DOUBLE_EQ(activateDerivative(Activation::Selu, 1e-300, alpha), selu::kScale);

    // The same conventions in float, where the training happens.
    EXPECT_EQ(activateDerivative(Activation::Relu, 0.0f, 0.2f), 0.0f);
    EXPECT_EQ(activateDerivative(Activation::LeakyRelu, 0.0f, 0.2f), 0.2f);
    EXPECT_EQ(activateDerivative(Activation::Prelu, -0.0f, 0.2f), 0.2f);
}

TEST(Activation, KnownValues)
{
    EXPECT_EQ(activate(Activation::Relu, -2.0, 0.3), 0.0);
    EXPECT_EQ(activate(Activation::Relu, 0.0, 0.3), 0.0);
    EXPECT_EQ(activate(Activation::Relu, 1.5, 0.3), 1.5);
    EXPECT_DOUBLE_EQ(activate(Activation::LeakyRelu, -2.0, 0.3), -0.6);
    EXPECT_DOUBLE_EQ(activate(Activation::Prelu, -2.0, 0.25), -0.5);
    EXPECT_DOUBLE_EQ(activate(Activation::Elu, -1.0, 2.0), 2.0 * (std::exp(-1.0) - 1.0));
    EXPECT_NEAR(activate(Activation::Elu, -50.0, 1.5), -1.5, 1e-15);
    EXPECT_NEAR(activate(Activation::Selu, -50.0, 0.0), -selu::kScale * selu::kAlpha, 1e-12);
    EXPECT_DOUBLE_EQ(activate(Activation::Selu, 2.0, 0.0), 2.0 * selu::kScale);
    // torch.nn.functional.gelu(torch.tensor(1.0, dtype=float64)) = 0.8413447460685429.
    EXPECT_NEAR(activate(Activation::Gelu, 1.0, 0.0), 0.8413447460685429, 1e-15);
    EXPECT_NEAR(activate(Activation::Gelu, -1.0, 0.0), -0.15865525393145707, 1e-15);
    EXPECT_DOUBLE_EQ(activate(Activation::Silu, 2.0, 0.0), 2.0 / (1.0 + std::exp(-2.0)));
    EXPECT_DOUBLE_EQ(activate(Activation::Softplus, 0.0, 0.0), std::log(2.0));
    EXPECT_EQ(activate(Activation::Softplus, 30.0, 0.0), 30.0);
    EXPECT_NEAR(activate(Activation::Softplus, -30.0, 0.0), std::exp(-30.0), 1e-25);
    EXPECT_DOUBLE_EQ(activate(Activation::Sigmoid, 0.0, 0.0), 0.5);
    EXPECT_DOUBLE_EQ(activate(Activation::Tanh, 0.5, 0.0), std::tanh(0.5));
    EXPECT_EQ(activate(Activation::Linear, -3.25, 0.7), -3.25);
}

TEST(Activation, SaturatedInputsStayFinite)
{
    for (Activation a : allActivations()) {
        for (double z : {-800.0, -100.0, 100.0, 800.0}) {
            EXPECT_TRUE(std::isfinite(activate(a, z, 0.5))) << nameOf(a) << " z=" << z;
            EXPECT_TRUE(std::isfinite(activateDerivative(a, z, 0.5))) << nameOf(a) << " z=" << z;
            EXPECT_TRUE(std::isfinite(activate(a, float(z), 0.5f))) << nameOf(a) << " z=" << z;
            EXPECT_TRUE(std::isfinite(activateDerivative(a, float(z), 0.5f)))
                << nameOf(a) << " z=" << z;
        }
    }
}

namespace {

// Inputs for the array paths: exact zeros (kinks), both signs, saturation, and a length that
// is not a multiple of any SIMD width so the scalar tail runs too.
template <typename S> std::vector<S> arrayInputs(long n)
{
    std::vector<S> v(static_cast<size_t>(n));
    for (long i = 0; i < n; ++i) {
        const double t = double(i) / double(std::max(1L, n - 1));
        v[size_t(i)] = S(-12.0 + 24.0 * t + 0.37 * std::sin(7.0 * double(i)));
    }
    if (n > 2) {
        v[0] = S(0);
        v[size_t(n / 2)] = S(0);
        v[size_t(n - 1)] = S(-0.0);
    }
    if (n > 6) {
        v[1] = S(60);
        v[2] = S(-60);
        v[3] = S(20);
        v[4] = S(1e-3);
        v[5] = S(-1e-3);
    }
    return v;
}

template <typename S> void checkArraysAgree(double relTol, double absTol)
{
    for (Activation a : allActivations()) {
        for (double alphaD : alphasFor(a)) {
            const S alpha = S(alphaD);
            for (long n : {1L, 3L, 5L, 7L, 9L, 17L, 31L, 33L, 255L, 1001L}) {
                const std::vector<S> in = arrayInputs<S>(n);
                std::vector<S> out(in.size(), S(-999)), dout(in.size(), S(-999));
                activateArray<S>(a, alpha, in.data(), out.data(), n);
                derivativeArray<S>(a, alpha, in.data(), dout.data(), n);
                for (long i = 0; i < n; ++i) {
                    const S z = in[size_t(i)];
                    const S f = activate(a, z, alpha);
                    const S d = activateDerivative(a, z, alpha);
                    EXPECT_NEAR(out[size_t(i)], f, absTol + relTol * std::abs(f))
                        << nameOf(a) << " alpha=" << alphaD << " n=" << n << " z=" << z;
                    EXPECT_NEAR(dout[size_t(i)], d, absTol + relTol * std::abs(d))
                        << nameOf(a) << " alpha=" << alphaD << " n=" << n << " z=" << z;
                    if (z == S(0) && hasKinkAtZero(a)) {
                        // Kink conventions must be exact, not merely close.
                        EXPECT_EQ(dout[size_t(i)], d) << nameOf(a) << " at 0";
                    }
                }
                // out may alias in.
                std::vector<S> inplace = in;
                activateArray<S>(a, alpha, inplace.data(), inplace.data(), n);
                for (long i = 0; i < n; ++i)
                    EXPECT_EQ(inplace[size_t(i)], out[size_t(i)]) << nameOf(a) << " in place";
                inplace = in;
                derivativeArray<S>(a, alpha, inplace.data(), inplace.data(), n);
                for (long i = 0; i < n; ++i)
                    EXPECT_EQ(inplace[size_t(i)], dout[size_t(i)]) << nameOf(a) << " in place";
            }
        }
    }
}

} // namespace

TEST(ActivationArray, AgreesWithScalarInFloat)
{
    // Vectorised float paths may use polynomial exp/tanh/erf: a few ulp is fine.
    checkArraysAgree<float>(4e-6, 1e-7);
}

TEST(ActivationArray, AgreesWithScalarInDouble)
{
    checkArraysAgree<double>(1e-13, 1e-15);
}

TEST(ActivationArray, ZeroLengthIsANoOp)
{
    float value = 3.0f;
    activateArray<float>(Activation::Relu, 0.01f, &value, &value, 0);
    derivativeArray<float>(Activation::Relu, 0.01f, &value, &value, 0);
    EXPECT_EQ(value, 3.0f);
}

namespace {

// Bits of a value, so -0 differs from +0 and each NaN payload from another.
template <typename S> auto bitsOf(S v)
{
    using U = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
    return std::bit_cast<U>(v);
}

// The special values the rectifiers must handle exactly as their scalar definitions do, laid out
// over a length with a scalar tail so both the vector body and the tail see each of them.
template <typename S> std::vector<S> specialInputs()
{
    using L = std::numeric_limits<S>;
    const std::vector<S> specials = {
        S(0),           S(-0.0),        S(1.5),          S(-2.25),         L::infinity(),
        -L::infinity(), L::quiet_NaN(), -L::quiet_NaN(), L::max(),         L::lowest(),
        L::min(),       -L::min(),      L::denorm_min(), -L::denorm_min(), S(1e-30),
        S(-1e-30)};
    std::vector<S> v;
    for (int r = 0; r < 3; ++r)
        v.insert(v.end(), specials.begin() + r, specials.end());
    return v;
}

template <typename S> void checkRectifiersBitExact()
{
    const std::vector<S> in = specialInputs<S>();
    const long n = long(in.size());
    for (Activation a : {Activation::Relu, Activation::LeakyRelu, Activation::Prelu}) {
        // 0, negative and > 1 slopes: PReLU learns an unconstrained one.
        for (S alpha : {S(0), S(0.01), S(0.3), S(1), S(3), S(-0.5)}) {
            std::vector<S> out(in.size()), dout(in.size());
            activateArray<S>(a, alpha, in.data(), out.data(), n);
            derivativeArray<S>(a, alpha, in.data(), dout.data(), n);
            for (size_t i = 0; i < in.size(); ++i) {
                EXPECT_EQ(bitsOf(out[i]), bitsOf(activate(a, in[i], alpha)))
                    << nameOf(a) << " alpha=" << alpha << " z=" << in[i];
                EXPECT_EQ(bitsOf(dout[i]), bitsOf(activateDerivative(a, in[i], alpha)))
                    << nameOf(a) << " alpha=" << alpha << " z=" << in[i];
                if (std::isnan(in[i]) && a != Activation::Relu) {
                    EXPECT_TRUE(std::isnan(out[i])) << nameOf(a) << ": a NaN must come out";
                }
            }
        }
    }
}

} // namespace

TEST(ActivationArray, RectifiersMatchScalarBitForBit)
{
    // The vectorised rectifier loops must give exactly the scalar results, signed zeros, NaN,
    // infinities and subnormals included (a max/min rewrite would not).
    checkRectifiersBitExact<float>();
    checkRectifiersBitExact<double>();
}

TEST(ActivationArray, LeakyAtAlphaZeroEqualsRelu)
{
    // Equal in value: only the sign of a zero may differ (0 * -z = -0), which no later product
    // or sum can see.
    const std::vector<float> in = specialInputs<float>();
    const long n = long(in.size());
    std::vector<float> relu(in.size()), leaky(in.size()), drelu(in.size()), dleaky(in.size());
    activateArray<float>(Activation::Relu, 0.0f, in.data(), relu.data(), n);
    activateArray<float>(Activation::LeakyRelu, 0.0f, in.data(), leaky.data(), n);
    derivativeArray<float>(Activation::Relu, 0.0f, in.data(), drelu.data(), n);
    derivativeArray<float>(Activation::LeakyRelu, 0.0f, in.data(), dleaky.data(), n);
    for (size_t i = 0; i < in.size(); ++i) {
        if (std::isinf(in[i]) && in[i] < 0)
            continue; // 0 * -inf is NaN for Leaky, 0 for ReLU, as in PyTorch
        if (std::isnan(in[i])) {
            EXPECT_TRUE(std::isnan(leaky[i]));
            continue;
        }
        EXPECT_EQ(leaky[i], relu[i]) << "z=" << in[i];
        EXPECT_EQ(bitsOf(dleaky[i]), bitsOf(drelu[i])) << "z=" << in[i];
    }
}
