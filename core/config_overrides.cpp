// SPDX-License-Identifier: MIT
#include "config_overrides.h"

#include <algorithm>

namespace relulab {

namespace {

std::size_t keyIndex(std::string_view key)
{
    const auto keys = configKeys();
    const auto found =
        std::find_if(keys.begin(), keys.end(), [&](const ConfigKey &k) { return k.name == key; });
    return std::size_t(found - keys.begin());
}

} // namespace

std::string ConfigOverrides::set(std::string_view key, std::string_view value)
{
    // Checked on a scratch config, and stored as core prints it back: "0.010" and "1e-2"
    // become the same override.
    TrainingConfig scratch;
    if (std::string error = setConfigValue(scratch, key, value); !error.empty())
        return error;
    std::string canonical = configValue(scratch, key);
    const std::size_t index = keyIndex(key);
    const auto at = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const Entry &e) { return keyIndex(e.first) >= index; });
    if (at != m_entries.end() && at->first == key)
        at->second = std::move(canonical);
    else
        m_entries.insert(at, Entry(std::string(key), std::move(canonical)));
    return {};
}

void ConfigOverrides::remove(std::string_view key)
{
    std::erase_if(m_entries, [&](const Entry &e) { return e.first == key; });
}

std::optional<std::string> ConfigOverrides::value(std::string_view key) const
{
    for (const Entry &e : m_entries) {
        if (e.first == key)
            return e.second;
    }
    return std::nullopt;
}

TrainingConfig ConfigOverrides::appliedTo(const TrainingConfig &config) const
{
    TrainingConfig result = config;
    for (const auto &[key, value] : m_entries)
        setConfigValue(result, key, value); // checked by set(); cannot fail
    return result;
}

ConfigOverrides ConfigOverrides::between(const TrainingConfig &a, const TrainingConfig &b)
{
    ConfigOverrides overrides;
    for (const ConfigKey &key : configKeys()) {
        std::string value = configValue(b, key.name);
        if (value != configValue(a, key.name))
            overrides.m_entries.emplace_back(std::string(key.name), std::move(value));
    }
    return overrides;
}

std::string comparedConfig(const TrainingConfig &a, const ConfigOverrides &overrides,
                           TrainingConfig &b)
{
    const TrainingConfig result = overrides.appliedTo(a);
    if (std::string error = validateConfig(result); !error.empty())
        return "run B: " + error;
    b = result;
    return {};
}

} // namespace relulab
