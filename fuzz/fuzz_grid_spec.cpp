// SPDX-License-Identifier: MIT
// --grid specs: each input line is one --grid option (parseGridSpec), and each alone an axis
// (parseGridAxis). Invariants: an accepted grid stays within its limits, every axis has one
// position per value, and its corner cells are valid configs; every error is one clean line.
#include "fuzz_support.h"
#include "grid_spec.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace relulab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    enterEmptyFolder();
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::vector<std::string> texts;
    for (size_t start = 0; texts.size() <= kMaxGridKeys;) {
        const size_t end = input.find('\n', start);
        texts.emplace_back(input.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }

    const TrainingConfig base;
    for (const std::string &text : texts) {
        GridAxis axis;
        if (const std::string error = parseGridAxis(text, base, axis); !error.empty()) {
            RELULAB_FUZZ_CHECK_MESSAGE(error);
            continue;
        }
        RELULAB_FUZZ_CHECK(!axis.values.empty() && axis.values.size() <= kMaxGridAxisValues, text);
        RELULAB_FUZZ_CHECK(axis.positions.size() == axis.values.size(), text);
        RELULAB_FUZZ_CHECK(findConfigKey(axis.key) != nullptr, text);
    }

    GridSpec spec;
    const std::string error = parseGridSpec(texts, base, spec);
    if (!error.empty()) {
        RELULAB_FUZZ_CHECK_MESSAGE(error);
        RELULAB_FUZZ_CHECK(spec.axes.empty(), error);
        return 0;
    }
    const std::size_t cells = spec.cellCount();
    RELULAB_FUZZ_CHECK(spec.axes.size() <= kMaxGridKeys, "too many axes");
    RELULAB_FUZZ_CHECK(cells >= 1 && cells <= kMaxGridCells, std::to_string(cells));
    for (std::size_t cell : {std::size_t(0), cells - 1}) {
        const std::vector<std::size_t> coords = spec.cellCoordinates(cell);
        RELULAB_FUZZ_CHECK(coords.size() == spec.axes.size(), "coordinates");
        for (size_t i = 0; i < coords.size(); ++i)
            RELULAB_FUZZ_CHECK(coords[i] < spec.axes[i].values.size(), "coordinate");
        const std::string cellError = validateConfig(spec.cellConfig(base, cell));
        RELULAB_FUZZ_CHECK(cellError.empty(), cellError);
    }
    return 0;
}
