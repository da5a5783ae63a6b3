// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace relulab {

/// Writes `contents` to a temporary file beside `path`, flushes it and renames it over `path`,
/// so a failed write never leaves a partial file nor destroys the previous one.
/// Returns an empty string on success, otherwise a one-line message naming the path.
std::string writeFileAtomically(const std::string &path, std::string_view contents);

} // namespace relulab
