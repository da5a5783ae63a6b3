// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"
#include "initializer.h"
#include "training_config.h"

#include <functional>
#include <string>
#include <vector>

namespace relulab {

/// Mean-field (signal-propagation) prediction for one hidden layer at initialisation.
struct LayerPrediction
{
    int index = 0;               ///< 1-based hidden layer
    double preactMean = 0;       ///< predicted mean of z (the bias)
    double preactStd = 0;        ///< predicted standard deviation of z across units and inputs
    double meanPhiSquared = 0;   ///< E[φ(z)²]
    double meanDerivSquared = 0; ///< E[φ'(z)²]
    /// Variance gain of the back-propagated signal from this layer's successor into it:
    /// n_next · Var(W_next) · E[φ'(z)²]; 1 keeps gradients steady, <1 vanishes, >1 explodes.
    double backwardGain = 0;
    /// Predicted RMS of dL/dz here divided by the last hidden layer's.
    double gradZRmsRatio = 1;
};

struct TheoryPrediction
{
    std::vector<LayerPrediction> layers;
    /// Where the prediction stops being trustworthy, in words (empty if nowhere).
    std::vector<std::string> caveats;
};

/// E[f(z)] for z ~ N(mean, variance) by Gauss–Hermite quadrature (for smooth f).
double gaussHermiteExpectation(const std::function<double(double)> &f, double mean, double variance,
                               int nodes = 64);
/// E[φ(z)] for z ~ N(mean, variance): closed form for the rectifiers and linear.
double expectedPhi(Activation a, double alpha, double mean, double variance);
/// E[φ(z)²] and E[φ'(z)²] for z ~ N(mean, variance): closed forms for the rectifiers, ELU,
/// SELU and linear; Gauss–Hermite for the smooth activations.
double expectedPhiSquared(Activation a, double alpha, double mean, double variance);
double expectedDerivativeSquared(Activation a, double alpha, double mean, double variance);

/// Variance of one weight of a fanOut × fanIn layer under `init` (before biases).
double weightVariance(Init init, Activation activation, double alpha, double initScale, int fanIn,
                      int fanOut);
/// Variance of one bias (zero except pytorch_default's uniform draw and asymmetric's).
double biasVariance(Init init, double initScale, int fanIn);

/// Predicts the per-layer picture at initialisation for `config`, given the mean squared norm
/// of an input vector, E‖x‖² (over the training set).
TheoryPrediction predictAtInit(const TrainingConfig &config, double inputSquaredNorm);

} // namespace relulab
