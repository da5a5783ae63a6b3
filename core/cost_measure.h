// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"
#include "training_config.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace relulab {

/// What one activation costs on this machine.
struct ActivationCost
{
    Activation activation = Activation::Relu;
    double alpha = 0;        ///< the slope used (the config's, or a valid default)
    double forwardNs = 0;    ///< phi over a large array, ns per element (median of repeats)
    double backwardNs = 0;   ///< dL/dz = phi'(z) * dL/da over the same array, ns per element
    double stepNs = 0;       ///< one real training step of the configured network, ns
    double activationNs = 0; ///< the forward and backward activation work of that step, ns
    double stepShare = 0;    ///< activationNs / stepNs, in [0, 1]
};

/// How long to measure. The defaults take a few seconds for all activations.
struct CostOptions
{
    long elements = 1 << 20;    ///< array length for the per-element timings
    int repeats = 7;            ///< timings per quantity; the median is reported
    double chunkSeconds = 4e-3; ///< each timed chunk of training steps lasts at least this long
    /// Activations to time, in this order (every activation if empty).
    std::vector<Activation> activations;
};

/// Everything measured for one network size.
struct CostReport
{
    int depth = 0, width = 0, batch = 0; ///< the network size and minibatch of one step
    long elementsPerStep = 0;            ///< hidden units × batch: activations one step applies
    long arrayElements = 0;              ///< CostOptions::elements used
    int repeats = 0;
    Activation configured = Activation::Relu; ///< the config's activation
    double matmulNs = 0;    ///< the matrix products of one step at these shapes, ns
    double matmulShare = 0; ///< matmulNs / the configured activation's step, in [0, 1]
    std::vector<ActivationCost> activations;

    /// The entry for `a`, or null if it was not measured.
    const ActivationCost *find(Activation a) const;
};

/// Called after each part of the measurement with the fraction done (0..1); return false to
/// cancel (measureCost returns nullopt there; checks come every fraction of a second).
using CostProgress = std::function<bool(double fraction)>;

/// Times, on this machine and thread, each activation's forward and backward per element over
/// `options.elements` floats with the array functions the network uses, and for the network of
/// `config` (validated) one real training step per activation against the activation work and
/// matrix products of the same shapes. Times are the measuring thread's CPU time (medians), so
/// other programs on a busy machine do not inflate them. Nullopt if cancelled.
std::optional<CostReport> measureCost(const TrainingConfig &config, const CostOptions &options = {},
                                      const CostProgress &progress = {});

/// The answer to "does Leaky ReLU cost more than ReLU?" in one sentence, from the timings at
/// the network's shapes (activationNs, stepNs, matmulShare); empty if either was not measured.
std::string costAnswer(const CostReport &report);

} // namespace relulab
