// SPDX-License-Identifier: MIT
#pragma once

#include "activation.h"
#include "dataset.h"
#include "initializer.h"
#include "precision.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace relulab {

enum class Optimizer
{
    Sgd,
    Momentum, ///< SGD with momentum 0.9
    Adam,     ///< betas 0.9 / 0.999, eps 1e-8
};

std::span<const Optimizer> allOptimizers();
std::string_view optimizerName(Optimizer o);
std::optional<Optimizer> parseOptimizer(std::string_view name);

/// The largest seed, 2^53 - 1: the largest integer a double holds exactly, so a seed survives
/// JSON numbers (session files, the CLI's output) and a QDoubleSpinBox unchanged.
constexpr std::uint64_t kMaxSeed = (std::uint64_t(1) << 53) - 1;
/// Alpha's upper bound for the slope activations (Leaky ReLU, PReLU): steeper than the
/// positive side would no longer be a leak. Their range is [0, kMaxSlopeAlpha].
constexpr double kMaxSlopeAlpha = 1.0;
/// Alpha's upper bound for ELU, whose range is (0, kMaxEluAlpha].
constexpr double kMaxEluAlpha = 3.0;

/// Every setting of a run. Controls produce a new value; the trainer receives it whole.
struct TrainingConfig
{
    Activation activation = Activation::Relu;
    double alpha = 0.01; ///< leaky/prelu negative slope in [0, 1]; ELU alpha in (0, 3]
    int depth = 4;       ///< hidden layers, 1..200
    int width = 16;      ///< units per hidden layer, 1..1024
    Init init = Init::HeNormal;
    double initScale = 1.0; ///< multiplies every weight's scale
    double biasInit = 0.0;  ///< constant added to every bias
    DatasetKind dataset = DatasetKind::Moons;
    std::string dataFile;    ///< the CSV file when dataset is Csv ("dataset=csv:PATH")
    bool standardize = true; ///< CSV inputs scaled to mean 0, std 1 (built-in sets ignore it)
    int samples = 256;       ///< training samples (the test split is extra)
    double noise = 0.1;      ///< dataset noise, in input units
    double inputShift = 0.0; ///< added to every input coordinate
    Optimizer optimizer = Optimizer::Adam;
    double learningRate = 0.01;
    int batchSize = 64; ///< full batch when >= samples
    double weightDecay = 0.0;
    Precision precision = Precision::Float32; ///< the format training stores its values in
    std::uint64_t seed = 1;

    bool operator==(const TrainingConfig &) const = default;
};

/// One configurable key, as `relulab-cli keys` prints it.
struct ConfigKey
{
    std::string_view name;
    std::string_view type;  ///< "enum", "int", "float"
    std::string_view range; ///< allowed values or interval, human readable
    std::string_view meaning;
    double min = 0; ///< numeric keys only
    double max = 0;
};

std::span<const ConfigKey> configKeys();
const ConfigKey *findConfigKey(std::string_view name);

/// Sets the key `name` from its text. Returns an empty string on success, otherwise one line
/// naming the key and what is allowed; `config` is then unchanged.
std::string setConfigValue(TrainingConfig &config, std::string_view name, std::string_view value);
/// The value of the key `name` as text that setConfigValue accepts back (round-trips exactly).
std::string configValue(const TrainingConfig &c, std::string_view name);
/// Checks rules that span keys (alpha's range depends on the activation). Empty if valid.
std::string validateConfig(const TrainingConfig &config);

/// True if going from `a` to `b` needs a new network and dataset (anything but alpha and the
/// optimiser's settings changed).
bool needsRebuild(const TrainingConfig &a, const TrainingConfig &b);

} // namespace relulab
