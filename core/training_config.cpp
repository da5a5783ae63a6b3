// SPDX-License-Identifier: MIT
#include "training_config.h"

#include "csv_data.h"
#include "quote.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace relulab {

namespace {

constexpr std::array kOptimizers = {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam};
constexpr std::array<std::string_view, kOptimizers.size()> kOptimizerNames = {"sgd", "momentum",
                                                                              "adam"};

// The one place where keys, their ranges and meanings are declared.
constexpr std::array<ConfigKey, 18> kKeys = {{
    {"activation", "enum",
     "relu, leaky_relu, prelu, elu, selu, gelu, silu, softplus, tanh, sigmoid, linear",
     "activation of every hidden layer", 0, 0},
    {"alpha", "float", "[0, 1] for leaky_relu/prelu, (0, 3] for elu",
     "negative slope of Leaky ReLU, initial slope of PReLU, alpha of ELU", 0, kMaxEluAlpha},
    {"depth", "int", "1..200", "number of hidden layers", 1, 200},
    {"width", "int", "1..1024", "units per hidden layer", 1, 1024},
    {"init", "enum",
     "he_normal, he_uniform, xavier_normal, xavier_uniform, lecun_normal, orthogonal, normal, "
     "uniform, zeros, pytorch_default, asymmetric",
     "how the weights are initialised", 0, 0},
    {"init_scale", "float", "[0.001, 1000]", "multiplies the scale of every initial weight", 1e-3,
     1e3},
    {"bias_init", "float", "[-10, 10]", "constant added to every initial bias", -10, 10},
    {"dataset", "enum", "moons, circles, xor, spiral, gaussians, abs, sine, csv:PATH",
     "the data: 2-D classification sets, 1-D regression sets on [-1, 1], or your own CSV file "
     "(rows x1,x2,label or x,y)",
     0, 0},
    {"standardize", "int", "0..1",
     "1: scale a CSV file's inputs to mean 0 and std 1; 0: use them raw", 0, 1},
    {"samples", "int", "4..100000", "training samples (a test split is drawn extra)", 4, 1e5},
    {"noise", "float", "[0, 5]", "standard deviation of Gaussian noise added to the data", 0, 5},
    {"input_shift", "float", "[-10, 10]", "constant added to every input feature", -10, 10},
    {"optimizer", "enum", "sgd, momentum, adam", "update rule (momentum 0.9; Adam 0.9/0.999)", 0,
     0},
    {"learning_rate", "float", "[1e-06, 10]", "step size of the optimiser", 1e-6, 10},
    {"batch_size", "int", "1..100000", "samples per step (full batch if >= samples)", 1, 1e5},
    {"weight_decay", "float", "[0, 1]", "L2 penalty on weights and biases", 0, 1},
    {"precision", "enum", "float32, float64, bfloat16, float16",
     "number format of training: weights, activations, gradients and optimiser state are "
     "stored in it (bfloat16/float16 emulated: rounded to nearest even, products summed in "
     "float32)",
     0, 0},
    {"seed", "int", "0..9007199254740991", "seeds the data, the weights and the batch order", 0,
     double(kMaxSeed)},
}};

std::string formatDouble(double v)
{
    // The shortest text that reads back to the same double, without exponents for 1000 or -10.
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, result.ptr);
}

std::string rangeError(const ConfigKey &key, std::string_view value)
{
    return std::string(key.name) + ": " + std::string(value) + " is out of range " +
           std::string(key.range);
}

/// Locale-independent (a GUI in a decimal-comma locale must still read "0.5").
bool parseNumber(std::string_view text, double &out)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() &&
           std::isfinite(out);
}

template <typename E, typename Names, typename Values>
std::string setEnum(E &field, const ConfigKey &key, std::string_view value, const Names &names,
                    const Values &values)
{
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == value) {
            field = values[i];
            return {};
        }
    }
    return std::string(key.name) + ": unknown value " + quoteForMessage(value) +
           " (allowed: " + std::string(key.range) + ")";
}

template <typename E, typename Values>
std::vector<std::string_view> namesOf(const Values &values, std::string_view (*name)(E))
{
    std::vector<std::string_view> out;
    for (E v : values)
        out.push_back(name(v));
    return out;
}

} // namespace

std::span<const Optimizer> allOptimizers()
{
    return kOptimizers;
}

std::string_view optimizerName(Optimizer o)
{
    return kOptimizerNames[size_t(o)];
}

std::optional<Optimizer> parseOptimizer(std::string_view name)
{
    for (size_t i = 0; i < kOptimizerNames.size(); ++i) {
        if (kOptimizerNames[i] == name)
            return kOptimizers[i];
    }
    return std::nullopt;
}

std::span<const ConfigKey> configKeys()
{
    return kKeys;
}

const ConfigKey *findConfigKey(std::string_view name)
{
    for (const ConfigKey &k : kKeys) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

std::string setConfigValue(TrainingConfig &config, std::string_view name, std::string_view value)
{
    const ConfigKey *key = findConfigKey(name);
    if (!key)
        return "unknown key " + quoteForMessage(name) + " (run `relulab-cli keys` for the list)";

    if (key->type == "enum") {
        if (name == "activation")
            return setEnum(config.activation, *key, value,
                           namesOf<Activation>(allActivations(), activationName), allActivations());
        if (name == "init")
            return setEnum(config.init, *key, value, namesOf<Init>(allInits(), initName),
                           allInits());
        if (name == "dataset") {
            if (value.starts_with("csv:")) {
                const std::string path(value.substr(4));
                if (path.empty())
                    return "dataset: csv: needs a file name, as in csv:points.csv";
                // Read it now, so a bad file is refused where it is named.
                CsvData probe;
                if (const std::string err = loadCsvData(path, probe); !err.empty())
                    return "dataset: " + err;
                config.dataset = DatasetKind::Csv;
                config.dataFile = path;
                return {};
            }
            return setEnum(config.dataset, *key, value,
                           namesOf<DatasetKind>(allDatasets(), datasetName), allDatasets());
        }
        if (name == "precision")
            return setEnum(config.precision, *key, value,
                           namesOf<Precision>(allPrecisions(), precisionName), allPrecisions());
        return setEnum(config.optimizer, *key, value,
                       namesOf<Optimizer>(allOptimizers(), optimizerName), allOptimizers());
    }

    double v = 0;
    if (!parseNumber(value, v)) {
        const char *what = key->type == "int" ? "an integer" : "a number";
        return std::string(name) + ": expected " + what + " in " + std::string(key->range) +
               ", got " + quoteForMessage(value);
    }
    if (key->type == "int" && v != std::floor(v))
        return std::string(name) + ": expected an integer in " + std::string(key->range) +
               ", got " + quoteForMessage(value);
    if (!(v >= key->min && v <= key->max))
        return rangeError(*key, value);

    if (name == "alpha")
        config.alpha = v;
    else if (name == "depth")
        config.depth = int(v);
    else if (name == "width")
        config.width = int(v);
    else if (name == "init_scale")
        config.initScale = v;
    else if (name == "bias_init")
        config.biasInit = v;
    else if (name == "samples")
        config.samples = int(v);
    else if (name == "noise")
        config.noise = v;
    else if (name == "input_shift")
        config.inputShift = v;
    else if (name == "learning_rate")
        config.learningRate = v;
    else if (name == "batch_size")
        config.batchSize = int(v);
    else if (name == "weight_decay")
        config.weightDecay = v;
    else if (name == "seed")
        config.seed = std::uint64_t(v);
    else if (name == "standardize")
        config.standardize = v != 0;
    return {};
}

std::string configValue(const TrainingConfig &c, std::string_view name)
{
    if (name == "activation")
        return std::string(activationName(c.activation));
    if (name == "alpha")
        return formatDouble(c.alpha);
    if (name == "depth")
        return std::to_string(c.depth);
    if (name == "width")
        return std::to_string(c.width);
    if (name == "init")
        return std::string(initName(c.init));
    if (name == "init_scale")
        return formatDouble(c.initScale);
    if (name == "bias_init")
        return formatDouble(c.biasInit);
    if (name == "dataset")
        return c.dataset == DatasetKind::Csv ? "csv:" + c.dataFile
                                             : std::string(datasetName(c.dataset));
    if (name == "standardize")
        return c.standardize ? "1" : "0";
    if (name == "samples")
        return std::to_string(c.samples);
    if (name == "noise")
        return formatDouble(c.noise);
    if (name == "input_shift")
        return formatDouble(c.inputShift);
    if (name == "optimizer")
        return std::string(optimizerName(c.optimizer));
    if (name == "learning_rate")
        return formatDouble(c.learningRate);
    if (name == "batch_size")
        return std::to_string(c.batchSize);
    if (name == "weight_decay")
        return formatDouble(c.weightDecay);
    if (name == "precision")
        return std::string(precisionName(c.precision));
    if (name == "seed")
        return std::to_string(c.seed);
    return {};
}

std::string validateConfig(const TrainingConfig &c)
{
    for (const ConfigKey &key : kKeys) {
        if (key.type == "enum")
            continue;
        TrainingConfig probe = c;
        std::string err = setConfigValue(probe, key.name, configValue(c, key.name));
        if (!err.empty())
            return err;
    }
    if (c.dataset == DatasetKind::Csv && c.dataFile.empty())
        return "dataset: csv: needs a file name, as in csv:points.csv";
    const bool slope = c.activation == Activation::LeakyRelu || c.activation == Activation::Prelu;
    if (slope && !(c.alpha >= 0 && c.alpha <= kMaxSlopeAlpha))
        return "alpha: " + formatDouble(c.alpha) + " is out of range [0, 1] for " +
               std::string(activationName(c.activation));
    if (c.activation == Activation::Elu && !(c.alpha > 0 && c.alpha <= kMaxEluAlpha))
        return "alpha: " + formatDouble(c.alpha) + " is out of range (0, 3] for elu";
    return {};
}

bool needsRebuild(const TrainingConfig &a, const TrainingConfig &b)
{
    TrainingConfig liveOnly = b;
    liveOnly.alpha = a.alpha;
    liveOnly.optimizer = a.optimizer;
    liveOnly.learningRate = a.learningRate;
    liveOnly.batchSize = a.batchSize;
    liveOnly.weightDecay = a.weightDecay;
    // Standardisation only changes a CSV file's data.
    if (a.dataset != DatasetKind::Csv && b.dataset != DatasetKind::Csv)
        liveOnly.standardize = a.standardize;
    return !(liveOnly == a);
}

} // namespace relulab
