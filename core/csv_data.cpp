// SPDX-License-Identifier: MIT
#include "csv_data.h"

#include "quote.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace relulab {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == ',' || line[i] == ';' || line[i] == '\t') {
            fields.push_back(trim(line.substr(start, i - start)));
            start = i + 1;
        }
    }
    return fields;
}

/// Locale-independent, so a decimal-comma desktop still reads "0.5".
bool parseField(std::string_view field, double &out)
{
    if (!field.empty() && field.front() == '+')
        field.remove_prefix(1);
    if (field.empty())
        return false;
    const auto result = std::from_chars(field.data(), field.data() + field.size(), out);
    return result.ec == std::errc() && result.ptr == field.data() + field.size() &&
           std::isfinite(out);
}

} // namespace

std::string parseCsvData(std::string_view text, const std::string &name, CsvData &out)
{
    const std::string shownName = escapeForMessage(name); // a file name: outside input
    std::vector<std::vector<double>> rows;
    size_t columns = 0;
    int lineNo = 0;
    bool sawData = false;
    bool sawHeader = false;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t eol = text.find('\n', pos);
        const std::string_view raw =
            text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() : eol + 1;
        ++lineNo;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        const std::vector<std::string_view> fields = splitFields(line);
        std::vector<double> values(fields.size());
        size_t parsed = 0;
        for (size_t i = 0; i < fields.size(); ++i)
            parsed += parseField(fields[i], values[i]);
        const bool numeric = parsed == fields.size();
        // Column names: a first line in which nothing is a number.
        if (parsed == 0 && !sawData && !sawHeader) {
            sawHeader = true;
            continue;
        }
        const std::string where = shownName + ", line " + std::to_string(lineNo) + ": ";
        if (!numeric) {
            for (size_t i = 0; i < fields.size(); ++i) {
                if (!parseField(fields[i], values[i]))
                    return where + quoteForMessage(fields[i]) + " is not a number";
            }
        }
        if (fields.size() != 2 && fields.size() != 3)
            return where + "expected 2 columns (x,y) or 3 columns (x1,x2,label), found " +
                   std::to_string(fields.size());
        if (columns == 0)
            columns = fields.size();
        if (fields.size() != columns)
            return where + "expected " + std::to_string(columns) +
                   " columns like the first row, found " + std::to_string(fields.size());
        if (columns == 3 && values[2] != 0.0 && values[2] != 1.0)
            return where + "the label must be 0 or 1, found " + std::string(fields[2]);
        if (int(rows.size()) >= kMaxCsvRows)
            return where + "too many rows (at most " + std::to_string(kMaxCsvRows) + ")";
        rows.push_back(std::move(values));
        sawData = true;
    }
    if (rows.empty())
        return shownName + ": no data rows (expected lines like x1,x2,label or x,y)";
    if (int(rows.size()) < kMinCsvRows)
        return shownName + ": only " + std::to_string(rows.size()) + " data rows, need at least " +
               std::to_string(kMinCsvRows);

    CsvData data;
    data.classification = columns == 3;
    const Eigen::Index dim = data.classification ? 2 : 1;
    data.X.resize(dim, Eigen::Index(rows.size()));
    data.y.resize(Eigen::Index(rows.size()));
    for (size_t j = 0; j < rows.size(); ++j) {
        for (Eigen::Index i = 0; i < dim; ++i)
            data.X(i, Eigen::Index(j)) = rows[j][size_t(i)];
        data.y(Eigen::Index(j)) = rows[j][size_t(dim)];
    }
    if (data.classification) {
        const double ones = data.y.sum();
        if (ones == 0 || ones == double(rows.size()))
            return shownName + ": every row has label " + std::string(ones == 0 ? "0" : "1") +
                   "; a classifier needs both classes";
    }
    out = std::move(data);
    return {};
}

std::string loadCsvData(const std::string &path, CsvData &out)
{
    // Only regular files: a folder has no data, and a device or pipe (/dev/zero, a FIFO) has no
    // size to check and could block or be read without end.
    const std::string shown = escapeForMessage(path);
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (std::filesystem::is_directory(status))
        return shown + ": is a folder, not a data file";
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return shown + ": not a regular file (a device or pipe), cannot read data from it";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return shown + ": cannot open the file";
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0)
        return shown + ": cannot read the file";
    if (std::size_t(size) > kMaxCsvBytes)
        return shown + ": the file is too large (" + std::to_string(size) + " bytes; at most " +
               std::to_string(kMaxCsvBytes) + ")";
    in.seekg(0);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        return shown + ": cannot read the file";
    return parseCsvData(text.str(), path, out);
}

} // namespace relulab
