// SPDX-License-Identifier: MIT
#include "quote.h"

#include <cstdio>

namespace relulab {

namespace {

void appendHex(std::string &out, unsigned char byte)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(byte));
    out += buf;
}

// Length of the valid UTF-8 sequence starting at text[0] and its code point, or 0 if the bytes
// there are not valid UTF-8 (stray continuation, overlong form, surrogate, above U+10FFFF, cut).
std::size_t decodeUtf8(std::string_view text, char32_t &cp)
{
    const auto b0 = static_cast<unsigned char>(text[0]);
    std::size_t len = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (text.size() < len)
        return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

// Code points a terminal or a text widget acts on instead of showing: C1 controls (U+0085 is a
// line break, U+009B a CSI), line/paragraph separators, and bidi controls that reorder text.
bool isInvisibleControl(char32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

void appendEscaped(std::string &out, char32_t cp)
{
    switch (cp) {
    case '\n':
        out += "\\n";
        return;
    case '\t':
        out += "\\t";
        return;
    case '\r':
        out += "\\r";
        return;
    case 0x1B:
        out += "\\e";
        return;
    default:
        break;
    }
    if (cp < 0x80) {
        appendHex(out, static_cast<unsigned char>(cp));
        return;
    }
    char buf[12];
    std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(cp));
    out += buf;
}

} // namespace

std::string escapeForMessage(std::string_view input, std::size_t maxChars)
{
    std::string out;
    out.reserve(input.size() < maxChars ? input.size() : maxChars);
    std::size_t chars = 0;
    std::size_t i = 0;
    while (i < input.size()) {
        if (chars == maxChars) {
            out += "…";
            return out;
        }
        ++chars;
        char32_t cp = 0;
        const std::size_t len = decodeUtf8(input.substr(i), cp);
        if (len == 0) {
            appendHex(out, static_cast<unsigned char>(input[i]));
            ++i;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || isInvisibleControl(cp))
            appendEscaped(out, cp);
        else
            out.append(input.substr(i, len));
        i += len;
    }
    return out;
}

std::string quoteForMessage(std::string_view input, std::size_t maxChars)
{
    return '"' + escapeForMessage(input, maxChars) + '"';
}

} // namespace relulab
