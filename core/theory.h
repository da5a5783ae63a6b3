// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"
#include "dataset.h"
#include "initializer.h"
#include "training_config.h"

#include <functional>
#include <span>
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

/// Predicts the per-layer picture at initialisation for `config`, given the input dimension
/// and the mean squared norm of an input vector, E‖x‖² (over the training set).
TheoryPrediction predictAtInit(const TrainingConfig &config, int inputDim, double inputSquaredNorm);
/// The same for a spread of inputs, one ‖x‖² per training sample: each input follows its own
/// variance map (which matters for every activation but ReLU), and the layers report the
/// pooled preact std and RMS dL/dz over all of them, as Snapshot measures them.
TheoryPrediction predictAtInit(const TrainingConfig &config, int inputDim,
                               std::span<const double> inputSquaredNorms);
/// The same, with the input dimension and every ‖x‖² taken from the data trained on (a CSV
/// file has its own dimension; standardisation and input_shift change E‖x‖²).
TheoryPrediction predictAtInit(const TrainingConfig &config, const Dataset &data);

/// Probability that a freshly initialised network is dead at birth: for every training input
/// some hidden layer has all units at φ' = 0 (Snapshot::networkDead at step 0).
struct BornDeadPrediction
{
    bool applies = false;   ///< false: no prediction for this config (see reason)
    std::string reason;     ///< why it does not apply, or how it was obtained
    double probability = 0; ///< best estimate
    double lower = 0;       ///< proven lower bound
    double upper = 1;       ///< proven upper bound
};

/// Born-dead probability for ReLU with zero biases, i.i.d. symmetric weights and the 1-D
/// symmetric data sets (abs, sine); 0 for Leaky ReLU/PReLU with alpha > 0 and for linear.
/// The derivation is in born_dead.cpp (after Lu et al. 2019). Thread-safe.
BornDeadPrediction predictBornDead(const TrainingConfig &config);

} // namespace relulab
