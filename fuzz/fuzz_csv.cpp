// SPDX-License-Identifier: MIT
// CSV data files: arbitrary bytes through parseCsvData (loadCsvData reads the file, then calls
// it). Invariants: accepted data has a sane shape, finite numbers and, for classification,
// 0/1 labels with both classes; rejected data leaves the output alone and gets one clean line.
#include "csv_data.h"
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace relulab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    CsvData out;
    const std::string error = parseCsvData(text, "fuzz.csv", out);
    if (!error.empty()) {
        RELULAB_FUZZ_CHECK_MESSAGE(error);
        RELULAB_FUZZ_CHECK(out.X.size() == 0 && out.y.size() == 0, error);
        return 0;
    }
    const Eigen::Index rows = out.y.size();
    RELULAB_FUZZ_CHECK(rows >= kMinCsvRows && rows <= kMaxCsvRows, std::to_string(rows));
    RELULAB_FUZZ_CHECK(out.X.cols() == rows, "columns");
    RELULAB_FUZZ_CHECK(out.X.rows() == (out.classification ? 2 : 1), "input dimension");
    RELULAB_FUZZ_CHECK(out.X.allFinite() && out.y.allFinite(), "non-finite data");
    if (out.classification) {
        const Eigen::Index ones = (out.y.array() == 1.0).count();
        RELULAB_FUZZ_CHECK((out.y.array() == 0.0).count() + ones == rows, "labels are 0 or 1");
        RELULAB_FUZZ_CHECK(ones > 0 && ones < rows, "both classes");
    }
    return 0;
}
