// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <optional>
#include <span>
#include <string_view>

namespace relulab {

enum class Activation
{
    Relu,
    LeakyRelu,
    Prelu, ///< Leaky ReLU whose slope is learnt, one per layer (torch.nn.PReLU())
    Elu,
    Selu,
    Gelu, ///< exact erf form
    Silu,
    Softplus,
    Tanh,
    Sigmoid,
    Linear,
};

/// All activations in menu order.
std::span<const Activation> allActivations();
std::string_view activationName(Activation a); ///< "relu", "leaky_relu", ...
std::optional<Activation> parseActivation(std::string_view name);
/// Leaky ReLU, PReLU and ELU read alpha; the rest ignore it.
bool usesAlpha(Activation a);
/// Only these have a jump in the derivative at 0 (drawn as a jump, not a steep line).
bool hasKinkAtZero(Activation a);

namespace selu {
constexpr double kAlpha = 1.6732632423543772848170429916717;
constexpr double kScale = 1.0507009873554804934193349852946;
} // namespace selu

/// phi(z). Follows PyTorch at kinks: the z > 0 branch is strict.
template <typename S> S activate(Activation a, S z, S alpha)
{
    switch (a) {
    case Activation::Relu:
        return z > S(0) ? z : S(0);
    case Activation::LeakyRelu:
    case Activation::Prelu:
        return z > S(0) ? z : alpha * z;
    case Activation::Elu:
        return z > S(0) ? z : alpha * std::expm1(z);
    case Activation::Selu:
        return S(selu::kScale) * (z > S(0) ? z : S(selu::kAlpha) * std::expm1(z));
    case Activation::Gelu:
        return S(0.5) * z * (S(1) + std::erf(z / std::sqrt(S(2))));
    case Activation::Silu:
        return z / (S(1) + std::exp(-z));
    case Activation::Softplus:
        // log(1 + e^z) without overflow; torch switches to linear above 20.
        return z > S(20) ? z : std::log1p(std::exp(z));
    case Activation::Tanh:
        return std::tanh(z);
    case Activation::Sigmoid:
        return S(1) / (S(1) + std::exp(-z));
    case Activation::Linear:
        return z;
    }
    return z;
}

/// phi'(z), with PyTorch's conventions at kinks: ReLU'(0) = 0, Leaky'(0) = alpha, ELU'(0) = alpha.
template <typename S> S activateDerivative(Activation a, S z, S alpha)
{
    switch (a) {
    case Activation::Relu:
        return z > S(0) ? S(1) : S(0);
    case Activation::LeakyRelu:
    case Activation::Prelu:
        return z > S(0) ? S(1) : alpha;
    case Activation::Elu:
        return z > S(0) ? S(1) : alpha * std::exp(z);
    case Activation::Selu:
        return S(selu::kScale) * (z > S(0) ? S(1) : S(selu::kAlpha) * std::exp(z));
    case Activation::Gelu: {
        const S cdf = S(0.5) * (S(1) + std::erf(z / std::sqrt(S(2))));
        const S pdf = std::exp(S(-0.5) * z * z) / std::sqrt(S(2) * S(M_PI));
        return cdf + z * pdf;
    }
    case Activation::Silu: {
        const S s = S(1) / (S(1) + std::exp(-z));
        return s * (S(1) + z * (S(1) - s));
    }
    case Activation::Softplus:
        return z > S(20) ? S(1) : S(1) / (S(1) + std::exp(-z));
    case Activation::Tanh: {
        const S t = std::tanh(z);
        return S(1) - t * t;
    }
    case Activation::Sigmoid: {
        const S s = S(1) / (S(1) + std::exp(-z));
        return s * (S(1) - s);
    }
    case Activation::Linear:
        return S(1);
    }
    return S(1);
}

/// Vectorised phi over n contiguous values (out may alias in).
template <typename S> void activateArray(Activation a, S alpha, const S *in, S *out, long n);
/// Vectorised phi' over n contiguous values.
template <typename S> void derivativeArray(Activation a, S alpha, const S *in, S *out, long n);

} // namespace relulab
