// SPDX-License-Identifier: MIT
#include "grid_spec.h"

#include "quote.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

namespace relulab {

namespace {

bool parseDouble(std::string_view text, double &out)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() &&
           std::isfinite(out);
}

// 12 significant digits: 0.1 + 2 × 0.1 is written 0.3, not 0.30000000000000004.
std::string formatValue(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", v);
    double rounded = 0;
    parseDouble(buf, rounded);
    const auto result = std::to_chars(buf, buf + sizeof buf, rounded);
    return std::string(buf, result.ptr);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

// setConfigValue's message starts with the key, which the spec in front already names.
std::string withoutKey(const std::string &error, std::string_view key)
{
    const std::string prefix = std::string(key) + ": ";
    return error.starts_with(prefix) ? error.substr(prefix.size()) : error;
}

std::string expandRange(const std::vector<std::string_view> &parts, const ConfigKey &key,
                        std::vector<std::string> &values)
{
    double start = 0, end = 0, step = 1;
    bool geometric = false;
    if (!parseDouble(parts[0], start))
        return "expected a number before ':', got " + quoteForMessage(parts[0]);
    if (!parseDouble(parts[1], end))
        return "expected a number after ':', got " + quoteForMessage(parts[1]);
    if (parts.size() == 3) {
        std::string_view stepText = parts[2];
        geometric = stepText.starts_with('x');
        if (geometric)
            stepText.remove_prefix(1);
        if (!parseDouble(stepText, step))
            return "expected a step (a number, or xF for a factor), got " +
                   quoteForMessage(parts[2]);
        if (geometric ? !(step > 1) : !(step > 0))
            return geometric ? "the factor must be above 1" : "the step must be above 0";
        if (geometric && !(start > 0))
            return "a factor range needs a start above 0";
    }
    if (start > end)
        return "the start " + escapeForMessage(parts[0], kQuoteMaxChars) + " is above the end " +
               escapeForMessage(parts[1], kQuoteMaxChars);
    // Index-based, so rounding never accumulates; the tolerance keeps the end inclusive.
    for (size_t i = 0;; ++i) {
        const double v = geometric ? start * std::pow(step, double(i)) : start + double(i) * step;
        if (v > end + 1e-9 * (geometric ? std::abs(end) : step))
            break;
        if (values.size() == kMaxGridAxisValues)
            return "more than " + std::to_string(kMaxGridAxisValues) + " values";
        values.push_back(key.type == "int" && v == std::floor(v)
                             ? std::to_string(static_cast<long long>(v))
                             : formatValue(v));
    }
    return {};
}

} // namespace

std::size_t GridSpec::cellCount() const
{
    std::size_t n = 1;
    for (const GridAxis &a : axes)
        n *= a.values.size();
    return n;
}

std::vector<std::size_t> GridSpec::cellCoordinates(std::size_t cell) const
{
    std::vector<std::size_t> coords;
    for (const GridAxis &a : axes) {
        coords.push_back(cell % a.values.size());
        cell /= a.values.size();
    }
    return coords;
}

TrainingConfig GridSpec::cellConfig(const TrainingConfig &base, std::size_t cell) const
{
    TrainingConfig config = base;
    const std::vector<std::size_t> coords = cellCoordinates(cell);
    for (size_t i = 0; i < axes.size(); ++i)
        setConfigValue(config, axes[i].key, axes[i].values[coords[i]]);
    return config;
}

bool GridSpec::changesData() const
{
    static const std::set<std::string_view> dataKeys = {"dataset", "standardize", "samples",
                                                        "noise", "input_shift"};
    for (const GridAxis &a : axes) {
        if (dataKeys.count(a.key))
            return true;
    }
    return false;
}

std::string parseGridAxis(std::string_view text, const TrainingConfig &base, GridAxis &out)
{
    // Every message starts with the spec; outside input, so escaped (see quote.h).
    const std::string spec = escapeForMessage(text);
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return spec + ": expected key=v1,v2,... or key=a:b[:step]";
    const std::string_view name = text.substr(0, eq);
    const std::string_view rest = text.substr(eq + 1);
    const ConfigKey *key = findConfigKey(name);
    if (!key)
        return spec + ": unknown key " + quoteForMessage(name) +
               " (run `relulab-cli keys` for the list)";
    if (name == "seed")
        return spec + ": the seeds are set by --seeds (seed, seed+1, ...); sweep another key";
    if (rest.empty())
        return spec + ": no values";

    GridAxis axis;
    axis.key = std::string(name);
    axis.numeric = key->type != "enum";
    const bool csvPath = name == "dataset" && rest.starts_with("csv:");
    const std::vector<std::string_view> colon = split(rest, ':');
    if (axis.numeric && rest.find(',') == std::string_view::npos && colon.size() > 1) {
        if (colon.size() > 3)
            return spec + ": expected a:b or a:b:step";
        // The ends first, so the message names the value the user typed.
        for (size_t i = 0; i < 2; ++i) {
            TrainingConfig probe = base;
            if (const std::string error = setConfigValue(probe, name, colon[i]); !error.empty())
                return spec + ": " + withoutKey(error, name);
        }
        if (std::string error = expandRange(colon, *key, axis.values); !error.empty())
            return spec + ": " + error;
    } else {
        for (std::string_view v : csvPath ? std::vector<std::string_view>{rest} : split(rest, ','))
            axis.values.emplace_back(v);
    }
    if (axis.values.size() > kMaxGridAxisValues)
        return spec + ": more than " + std::to_string(kMaxGridAxisValues) + " values";

    std::set<std::string> seen;
    for (const std::string &v : axis.values) {
        if (v.empty())
            return spec + ": an empty value";
        if (!seen.insert(v).second)
            return spec + ": " + escapeForMessage(v, kQuoteMaxChars) + " is given twice";
        TrainingConfig probe = base;
        if (const std::string error = setConfigValue(probe, name, v); !error.empty())
            return spec + ": " + withoutKey(error, name);
        double position = double(axis.positions.size());
        if (axis.numeric)
            parseDouble(v, position);
        axis.positions.push_back(position);
    }
    out = std::move(axis);
    return {};
}

std::string parseGridSpec(const std::vector<std::string> &texts, const TrainingConfig &base,
                          GridSpec &out)
{
    if (texts.empty())
        return "no grid: give --grid key=v1,v2,... or key=a:b[:step]";
    if (int(texts.size()) > kMaxGridKeys)
        return "at most " + std::to_string(kMaxGridKeys) + " grid keys, got " +
               std::to_string(texts.size());
    GridSpec spec;
    for (const std::string &text : texts) {
        GridAxis axis;
        if (std::string error = parseGridAxis(text, base, axis); !error.empty())
            return error;
        for (const GridAxis &other : spec.axes) {
            if (other.key == axis.key)
                return escapeForMessage(text) + ": " + axis.key + " is swept twice";
        }
        spec.axes.push_back(std::move(axis));
    }
    const std::size_t cells = spec.cellCount();
    if (cells > kMaxGridCells)
        return "the grid has " + std::to_string(cells) + " cells; at most " +
               std::to_string(kMaxGridCells);
    for (std::size_t c = 0; c < cells; ++c) {
        const TrainingConfig config = spec.cellConfig(base, c);
        if (const std::string error = validateConfig(config); !error.empty()) {
            std::string where;
            const std::vector<std::size_t> coords = spec.cellCoordinates(c);
            for (size_t i = 0; i < spec.axes.size(); ++i)
                where += (i ? ", " : "") + spec.axes[i].key + "=" +
                         escapeForMessage(spec.axes[i].values[coords[i]], kQuoteMaxChars);
            return "cell " + where + ": " + error;
        }
    }
    out = std::move(spec);
    return {};
}

} // namespace relulab
