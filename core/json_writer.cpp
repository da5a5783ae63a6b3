// SPDX-License-Identifier: MIT
#include "json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace relulab {

namespace {

[[noreturn]] void misuse(const char *what)
{
    throw std::logic_error(std::string("JsonWriter: ") + what);
}

} // namespace

void JsonWriter::beginObject(Layout layout)
{
    begin(true, layout, '{');
}

void JsonWriter::endObject()
{
    end(true, '}');
}

void JsonWriter::beginArray(Layout layout)
{
    begin(false, layout, '[');
}

void JsonWriter::endArray()
{
    end(false, ']');
}

void JsonWriter::key(std::string_view name)
{
    if (m_stack.empty() || !m_stack.back().object)
        misuse("a key outside an object");
    if (m_afterKey)
        misuse("a key where its value belongs");
    Level &level = m_stack.back();
    if (!level.first)
        m_out += ',';
    if (level.layout == Layout::Multiline) {
        newline(m_stack.size());
        level.multiline = true;
    } else if (!level.first && level.layout == Layout::Compact) {
        m_out += ' ';
    }
    level.first = false;
    appendQuoted(name);
    m_out += level.layout == Layout::Dense ? ":" : ": ";
    m_afterKey = true;
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value))
        return null();
    // to_chars with precision 17 is %.17g without the C locale's decimal separator.
    char buf[40];
    const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 17);
    put(std::string_view(buf, size_t(result.ptr - buf)));
}

void JsonWriter::shortNumber(double value)
{
    if (!std::isfinite(value))
        return null();
    char buf[40];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    put(std::string_view(buf, size_t(result.ptr - buf)));
}

void JsonWriter::integer(std::int64_t value)
{
    put(std::to_string(value));
}

void JsonWriter::boolean(bool value)
{
    put(value ? "true" : "false");
}

void JsonWriter::null()
{
    put("null");
}

void JsonWriter::rawValue(std::string_view json)
{
    put(json);
}

void JsonWriter::string(std::string_view value)
{
    if (!m_afterKey)
        beforeValue(false);
    m_afterKey = false;
    appendQuoted(value);
    afterValue();
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

void JsonWriter::put(std::string_view text)
{
    if (!m_afterKey)
        beforeValue(false);
    m_afterKey = false;
    m_out += text;
    afterValue();
}

void JsonWriter::afterValue()
{
    if (m_stack.empty())
        m_out += '\n';
}

void JsonWriter::beforeValue(bool container)
{
    if (m_stack.empty()) {
        if (!m_out.empty())
            misuse("a second value after the outermost one");
        return;
    }
    Level &level = m_stack.back();
    if (level.object)
        misuse("a value in an object without a key");
    if (!level.first)
        m_out += ',';
    if (container && level.layout == Layout::Multiline) {
        newline(m_stack.size());
        level.multiline = true;
    } else if (!level.first && level.layout != Layout::Dense) {
        m_out += ' ';
    }
    level.first = false;
}

void JsonWriter::begin(bool object, Layout layout, char open)
{
    if (!m_afterKey)
        beforeValue(true);
    m_afterKey = false;
    // Layouts are ordered from loosest to tightest; a child never loosens its parent's.
    if (!m_stack.empty())
        layout = std::max(layout, m_stack.back().layout);
    m_stack.push_back({object, layout, true, false});
    m_out += open;
}

void JsonWriter::end(bool object, char close)
{
    if (m_stack.empty() || m_stack.back().object != object)
        misuse(object ? "closing an object that is not open" : "closing an array that is not open");
    if (m_afterKey)
        misuse("a key without a value");
    const Level level = m_stack.back();
    m_stack.pop_back();
    if (level.multiline)
        newline(m_stack.size());
    m_out += close;
    afterValue();
}

void JsonWriter::newline(size_t depth)
{
    m_out += '\n';
    m_out.append(2 * depth, ' ');
}

} // namespace relulab
