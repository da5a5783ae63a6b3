// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace relulab {

/// Writes JSON text as it goes, without building a document first (dump-state writes every
/// weight). Object members go on their own lines; arrays of numbers stay on one line, so a
/// matrix reads as one row per line. Doubles use %.17g, so they read back to the same bits.
class JsonWriter
{
public:
    /// `compact` keeps the whole object on one line (e.g. one layer of a snapshot).
    void beginObject(bool compact = false);
    void endObject();
    void beginArray(bool compact = false);
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
    void string(std::string_view value);
    void null();

    /// The text so far, ending in a newline once the outermost value is closed.
    const std::string &text() const { return m_out; }

private:
    struct Level
    {
        bool object = false;
        bool compact = false;
        bool first = true;
        bool multiline = false; ///< a member or element was put on its own line
    };

    void beforeValue(bool container);
    void begin(bool object, bool compact, char open);
    void end(char close);
    void newline(size_t depth);
    void raw(std::string_view text);
    void appendQuoted(std::string_view value);

    std::string m_out;
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

} // namespace relulab
