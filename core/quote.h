// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace relulab {

/// Default length of a quoted value: enough to recognise it, short enough for one line.
constexpr std::size_t kQuoteMaxChars = 60;
/// File names and whole option specs: longer, since the tail is often what tells them apart.
constexpr std::size_t kQuoteMaxPathChars = 200;

/// Outside input made safe to show inside a one-line message (terminal or message box): control
/// characters (C0, DEL, C1), line and paragraph separators and bidi overrides become visible
/// escapes (\n, \t, \r, \e, \xNN, \uNNNN), invalid UTF-8 bytes become \xNN, valid UTF-8 stays
/// readable ("Übung.csv"). More than maxChars characters are cut and end in "…". No quotes.
std::string escapeForMessage(std::string_view input, std::size_t maxChars = kQuoteMaxPathChars);

/// escapeForMessage in double quotes, the look of the project's messages: "value".
std::string quoteForMessage(std::string_view input, std::size_t maxChars = kQuoteMaxChars);

} // namespace relulab
