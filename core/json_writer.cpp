// SPDX-License-Identifier: MIT
#include "json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace relulab {

void JsonWriter::beginObject(bool compact)
{
    begin(true, compact, '{');
}

void JsonWriter::endObject()
{
    end('}');
}

void JsonWriter::beginArray(bool compact)
{
    begin(false, compact, '[');
}

void JsonWriter::endArray()
{
    end(']');
}

void JsonWriter::key(std::string_view name)
{
    Level &level = m_stack.back();
    if (!level.first)
        m_out += ',';
    if (level.compact) {
        if (!level.first)
            m_out += ' ';
    } else {
        newline(m_stack.size());
        level.multiline = true;
    }
    level.first = false;
    appendQuoted(name);
    m_out += ": ";
    m_afterKey = true;
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value))
        return null();
    // to_chars with precision 17 is %.17g without the C locale's decimal separator.
    char buf[40];
    const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 17);
    raw(std::string_view(buf, size_t(result.ptr - buf)));
}

void JsonWriter::shortNumber(double value)
{
    if (!std::isfinite(value))
        return null();
    char buf[40];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    raw(std::string_view(buf, size_t(result.ptr - buf)));
}

void JsonWriter::integer(std::int64_t value)
{
    raw(std::to_string(value));
}

void JsonWriter::boolean(bool value)
{
    raw(value ? "true" : "false");
}

void JsonWriter::null()
{
    raw("null");
}

void JsonWriter::string(std::string_view value)
{
    if (!m_afterKey)
        beforeValue(false);
    m_afterKey = false;
    appendQuoted(value);
    if (m_stack.empty())
        m_out += '\n';
}

void JsonWriter::appendQuoted(std::string_view value)
{
    m_out += '"';
    for (const char c : value) {
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case '\r':
            m_out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
                m_out += escaped;
            } else {
                m_out += c; // UTF-8 passes through unchanged
            }
        }
    }
    m_out += '"';
}

void JsonWriter::raw(std::string_view text)
{
    if (!m_afterKey)
        beforeValue(false);
    m_afterKey = false;
    m_out += text;
    if (m_stack.empty())
        m_out += '\n';
}

void JsonWriter::beforeValue(bool container)
{
    if (m_stack.empty())
        return;
    Level &level = m_stack.back();
    if (!level.first)
        m_out += ',';
    if (container && !level.compact) {
        newline(m_stack.size());
        level.multiline = true;
    } else if (!level.first) {
        m_out += ' ';
    }
    level.first = false;
}

void JsonWriter::begin(bool object, bool compact, char open)
{
    if (!m_afterKey)
        beforeValue(true);
    m_afterKey = false;
    const bool inherited = !m_stack.empty() && m_stack.back().compact;
    m_stack.push_back({object, compact || inherited, true, false});
    m_out += open;
}

void JsonWriter::end(char close)
{
    const Level level = m_stack.back();
    m_stack.pop_back();
    if (level.multiline)
        newline(m_stack.size());
    m_out += close;
    if (m_stack.empty())
        m_out += '\n';
}

void JsonWriter::newline(size_t depth)
{
    m_out += '\n';
    m_out.append(2 * depth, ' ');
}

} // namespace relulab
