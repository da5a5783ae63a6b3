// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relulab {

/// The settings in which one run differs from another, as config keys with their values in
/// the text setConfigValue takes (what `--compare k=v` and a lesson's "compare" object say).
/// Kept in configKeys() order with canonical values, so two equal sets of overrides compare
/// equal however they were written.
class ConfigOverrides
{
public:
    using Entry = std::pair<std::string, std::string>;

    ConfigOverrides() = default;
    /// Sets `key` to `value` (replacing an earlier value). Returns one line naming the key and
    /// what is allowed if either is bad; the overrides are then unchanged.
    std::string set(std::string_view key, std::string_view value);
    /// Drops `key` if present.
    void remove(std::string_view key);
    /// The value text of `key`, if overridden.
    std::optional<std::string> value(std::string_view key) const;
    bool empty() const { return m_entries.empty(); }
    const std::vector<Entry> &entries() const { return m_entries; }

    /// `config` with every override applied, not validated as a whole (validateConfig does
    /// that). Each value was checked by set(), so only cross-key rules can still fail.
    TrainingConfig appliedTo(const TrainingConfig &config) const;
    /// Every key whose value differs between `a` and `b`, with b's value:
    /// between(a, b).appliedTo(a) == b.
    static ConfigOverrides between(const TrainingConfig &a, const TrainingConfig &b);

    bool operator==(const ConfigOverrides &) const = default;

private:
    std::vector<Entry> m_entries;
};

/// Run B's settings in a comparison: `a` with `overrides` applied. On error returns one line
/// starting with "run B: " and leaves `b` unchanged.
std::string comparedConfig(const TrainingConfig &a, const ConfigOverrides &overrides,
                           TrainingConfig &b);

} // namespace relulab
