// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Dense>

#include <string>
#include <string_view>

namespace relulab {

/// Largest data file read: a teaching tool's own data fits in far less.
constexpr std::size_t kMaxCsvBytes = 16 * 1024 * 1024;
constexpr int kMaxCsvRows = 100000;
constexpr int kMinCsvRows = 4;

/// A user's data set: samples are columns of X.
struct CsvData
{
    Eigen::MatrixXd X;
    Eigen::VectorXd y;
    bool classification = true; ///< x1,x2,label (0/1) rows; otherwise x,y rows (regression)
};

/// Parses CSV text: rows of `x1,x2,label` (label 0 or 1, both classes present) or `x,y`.
/// Commas, semicolons or tabs separate; an optional first header line and `#` comments are
/// skipped. Returns an empty string on success, otherwise one line naming `name` and the line
/// at fault; `out` is then unchanged.
std::string parseCsvData(std::string_view text, const std::string &name, CsvData &out);

/// Reads and parses a file (see parseCsvData); refuses files over kMaxCsvBytes.
std::string loadCsvData(const std::string &path, CsvData &out);

} // namespace relulab
