// SPDX-License-Identifier: MIT
#include "activation.h"

#include "select_bits.h"

#include <array>

namespace relulab {

namespace {

constexpr std::array kActivations = {
    Activation::Relu, Activation::LeakyRelu, Activation::Prelu,  Activation::Elu,
    Activation::Selu, Activation::Gelu,      Activation::Silu,   Activation::Softplus,
    Activation::Tanh, Activation::Sigmoid,   Activation::Linear,
};

constexpr std::array<std::string_view, kActivations.size()> kNames = {
    "relu", "leaky_relu", "prelu", "elu",     "selu",   "gelu",
    "silu", "softplus",   "tanh",  "sigmoid", "linear",
};

} // namespace

std::span<const Activation> allActivations()
{
    return kActivations;
}

std::string_view activationName(Activation a)
{
    return kNames[size_t(a)];
}

std::optional<Activation> parseActivation(std::string_view name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name)
            return kActivations[i];
    }
    return std::nullopt;
}

bool usesAlpha(Activation a)
{
    return a == Activation::LeakyRelu || a == Activation::Prelu || a == Activation::Elu;
}

bool hasKinkAtZero(Activation a)
{
    // ELU is continuous in value, and its derivative jumps at 0 unless alpha = 1.
    return a == Activation::Relu || a == Activation::LeakyRelu || a == Activation::Prelu ||
           a == Activation::Elu || a == Activation::Selu;
}

// The rectifiers are the hot path of training: plain loops with a branch-free select, which
// the compiler vectorises; the smooth activations go through the scalar definitions.
template <typename S> void activateArray(Activation a, S alpha, const S *in, S *out, long n)
{
    switch (a) {
    case Activation::Relu:
        for (long i = 0; i < n; ++i)
            out[i] = in[i] > S(0) ? in[i] : S(0);
        return;
    case Activation::LeakyRelu:
    case Activation::Prelu:
        for (long i = 0; i < n; ++i)
            out[i] = selectBits(in[i] > S(0), in[i], alpha * in[i]);
        return;
    case Activation::Linear:
        if (out != in) {
            for (long i = 0; i < n; ++i)
                out[i] = in[i];
        }
        return;
    default:
        for (long i = 0; i < n; ++i)
            out[i] = activate<S>(a, in[i], alpha);
        return;
    }
}

template <typename S> void derivativeArray(Activation a, S alpha, const S *in, S *out, long n)
{
    switch (a) {
    case Activation::Relu:
        for (long i = 0; i < n; ++i)
            out[i] = in[i] > S(0) ? S(1) : S(0);
        return;
    case Activation::LeakyRelu:
    case Activation::Prelu:
        for (long i = 0; i < n; ++i)
            out[i] = in[i] > S(0) ? S(1) : alpha;
        return;
    case Activation::Linear:
        for (long i = 0; i < n; ++i)
            out[i] = S(1);
        return;
    default:
        for (long i = 0; i < n; ++i)
            out[i] = activateDerivative<S>(a, in[i], alpha);
        return;
    }
}

template void activateArray<float>(Activation, float, const float *, float *, long);
template void activateArray<double>(Activation, double, const double *, double *, long);
template void derivativeArray<float>(Activation, float, const float *, float *, long);
template void derivativeArray<double>(Activation, double, const double *, double *, long);

} // namespace relulab
