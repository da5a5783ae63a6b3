// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"

#include <Eigen/Dense>

#include <optional>
#include <random>
#include <span>
#include <string_view>

namespace relulab {

enum class Init
{
    HeNormal,  ///< N(0, gain²/fan_in), gain = sqrt(2/(1+a²)), a = alpha for leaky/prelu, else 0
    HeUniform, ///< U(±gain·sqrt(3/fan_in))
    XavierNormal,   ///< N(0, 2/(fan_in+fan_out))
    XavierUniform,  ///< U(±sqrt(6/(fan_in+fan_out)))
    LecunNormal,    ///< N(0, 1/fan_in)
    Orthogonal,     ///< orthogonal rows/columns (QR of a Gaussian matrix)
    Normal,         ///< N(0, 1) (times init_scale)
    Uniform,        ///< U(-1, 1) (times init_scale)
    Zeros,          ///< all weights 0
    PytorchDefault, ///< torch.nn.Linear: W, b ~ U(±1/sqrt(fan_in))
    Asymmetric,     ///< randomized asymmetric initialisation (Lu et al. 2019)
};

std::span<const Init> allInits();
std::string_view initName(Init i);
std::optional<Init> parseInit(std::string_view name);

/// Kaiming gain for a rectifier with negative slope a: sqrt(2/(1+a²)).
double heGain(Activation activation, double alpha);

/// Fills one layer's weights (fan_out × fan_in) and biases in double, so float and double
/// networks built from the same seed start from the same numbers.
/// init_scale multiplies every weight's scale; bias_init is a constant added to every bias.
void initializeLayer(Init init, Activation activation, double alpha, double initScale,
                     double biasInit, Eigen::MatrixXd &W, Eigen::VectorXd &b, std::mt19937_64 &rng);

} // namespace relulab
