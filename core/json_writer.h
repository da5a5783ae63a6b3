// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace relulab {

/// The one JSON writer: relulab-cli's outputs, session files, settings, config.json and the
/// --measure line all go through it. Writes text as it goes, without building a document first
/// (dump-state writes every weight). Doubles use %.17g, so they read back to the same bits.
///
/// Misuse is a programming error and throws std::logic_error: a key outside an object or two
/// keys in a row, a value in an object without its key, a key left without a value, closing
/// what is not open, or a second value after the outermost one is closed.
class JsonWriter
{
public:
    /// How a container lays out what it holds. A container inside a one-line one is one line
    /// too (the tighter of the two).
    enum class Layout
    {
        /// Object members, and containers inside an array, on their own lines, indented by two
        /// spaces; numbers in an array stay on one line, so a matrix reads one row per line.
        Multiline,
        /// One line with ", " and ": " (one row of a table, e.g. a layer of a snapshot).
        Compact,
        /// One line without spaces (QJsonDocument's compact form), for the bulk of a session.
        Dense,
    };

    void beginObject(Layout layout = Layout::Multiline);
    void endObject();
    void beginArray(Layout layout = Layout::Multiline);
    void endArray();
    /// Names the next value; only inside an object.
    void key(std::string_view name);

    /// %.17g; NaN and infinities (which JSON cannot hold) become null.
    void number(double value);
    /// The shortest text that reads back to `value` (for settings people read), null if not
    /// finite.
    void shortNumber(double value);
    void integer(std::int64_t value);
    void boolean(bool value);
    /// UTF-8 passes through; quotes, backslashes and control characters are escaped.
    void string(std::string_view value);
    void null();
    /// Writes `json` unchanged as one value, for text already in JSON form that the formats
    /// above cannot make (a float's shortest exact text, a fixed number of decimals). The
    /// caller vouches that it is exactly one valid JSON value; nothing checks it.
    void rawValue(std::string_view json);

    /// The text so far, ending in a newline once the outermost value is closed.
    const std::string &text() const { return m_out; }

private:
    struct Level
    {
        bool object = false;
        Layout layout = Layout::Multiline;
        bool first = true;
        bool multiline = false; ///< a member or element was put on its own line
    };

    void beforeValue(bool container);
    void begin(bool object, Layout layout, char open);
    void end(bool object, char close);
    void newline(size_t depth);
    void put(std::string_view text);
    void appendQuoted(std::string_view value);
    void afterValue();

    std::string m_out;
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

} // namespace relulab
