// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relulab {

constexpr int kMaxGridKeys = 2;
constexpr std::size_t kMaxGridCells = 10'000;      ///< cells of the whole grid
constexpr std::size_t kMaxGridAxisValues = 10'000; ///< values of one key (a typo guard: 0:1e9)

/// One swept setting: its key and the values it takes, as text that setConfigValue accepts.
struct GridAxis
{
    std::string key;
    std::vector<std::string> values;
    /// The values as numbers (numeric keys), or their index (enum keys such as activation), for
    /// placing cells on a plot axis.
    std::vector<double> positions;
    bool numeric = true; ///< false for enum keys: positions are indices, label with values
};

/// The grid of a sweep: up to two axes; the cells are their product, the first axis fastest.
struct GridSpec
{
    std::vector<GridAxis> axes;

    /// Number of cells (1 with no axis: the base config alone).
    std::size_t cellCount() const;
    /// The index of each axis for cell `cell` (first axis fastest).
    std::vector<std::size_t> cellCoordinates(std::size_t cell) const;
    /// `base` with cell `cell`'s values set. The spec was validated against `base` by
    /// parseGridSpec, so this cannot fail for that base.
    TrainingConfig cellConfig(const TrainingConfig &base, std::size_t cell) const;
    /// Whether some axis changes the training data (then each cell builds its own data set).
    bool changesData() const;
};

/// Parses one `key=v1,v2,...` or `key=a:b[:step]` (step defaults to 1; `:xF` multiplies by F,
/// as in `learning_rate=0.0001:1:x10`). Values are checked with setConfigValue on `base`, so a
/// bad one reads like every other settings error. Returns an empty string or one line naming
/// the spec, e.g. `--grid depth=1:300: 300 is out of range 1..200`.
std::string parseGridAxis(std::string_view text, const TrainingConfig &base, GridAxis &out);

/// Parses every `--grid` text: at most kMaxGridKeys distinct keys, at most kMaxGridCells cells,
/// and every cell a valid config (validateConfig: e.g. alpha's range depends on the activation).
std::string parseGridSpec(const std::vector<std::string> &texts, const TrainingConfig &base,
                          GridSpec &out);

} // namespace relulab
