// SPDX-License-Identifier: MIT
// JsonWriter, the one writer behind every JSON output: escaping, non-finite numbers, doubles
// that read back to the same bits, the three layouts and what misuse does.
#include "json_writer.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

using namespace relulab;
using Layout = JsonWriter::Layout;

namespace {

// Parses the whole of `text` as a double the way a JSON reader would, locale-free.
double readBack(const std::string &text)
{
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    EXPECT_EQ(result.ec, std::errc()) << text;
    EXPECT_EQ(result.ptr, text.data() + text.size()) << text;
    return value;
}

// The text of one top-level number, without the newline that ends the document.
std::string numberText(double value, bool shortest)
{
    JsonWriter json;
    shortest ? json.shortNumber(value) : json.number(value);
    std::string text = json.text();
    EXPECT_EQ(text.back(), '\n');
    text.pop_back();
    return text;
}

const double kAwkward[] = {0.1,
                           1.0 / 3.0,
                           1e-310, // subnormal
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::min(),
                           -0.0,
                           0.0,
                           std::numeric_limits<double>::max(),
                           -std::numeric_limits<double>::max(),
                           9007199254740993.0,
                           123456789.125,
                           -2.5e-8};

} // namespace

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters)
{
    JsonWriter json;
    json.string(std::string("q\" b\\ n\n t\t r\r nul") + '\0' + "\x01\x1f\x7f end");
    EXPECT_EQ(json.text(), "\"q\\\" b\\\\ n\\n t\\t r\\r nul\\u0000\\u0001\\u001f\x7f end\"\n");
}

TEST(JsonWriter, Utf8PassesThroughUnchanged)
{
    JsonWriter json;
    json.beginObject(Layout::Compact);
    json.key("réseau ✓");
    json.string("α→β, 日本, 🙂");
    json.endObject();
    EXPECT_EQ(json.text(), "{\"réseau ✓\": \"α→β, 日本, 🙂\"}\n");
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    constexpr double inf = std::numeric_limits<double>::infinity();
    JsonWriter json;
    json.beginArray(Layout::Compact);
    json.number(nan);
    json.number(inf);
    json.number(-inf);
    json.shortNumber(nan);
    json.shortNumber(-inf);
    json.endArray();
    EXPECT_EQ(json.text(), "[null, null, null, null, null]\n");
}

TEST(JsonWriter, NumbersReadBackToTheSameBits)
{
    for (const double value : kAwkward) {
        for (const bool shortest : {false, true}) {
            const std::string text = numberText(value, shortest);
            EXPECT_EQ(std::bit_cast<std::uint64_t>(readBack(text)),
                      std::bit_cast<std::uint64_t>(value))
                << text << (shortest ? " (shortNumber)" : " (number)");
        }
    }
}

TEST(JsonWriter, NumberIsPercent17gAndShortNumberIsShortest)
{
    EXPECT_EQ(numberText(0.1, false), "0.10000000000000001");
    EXPECT_EQ(numberText(0.1, true), "0.1");
    EXPECT_EQ(numberText(-0.0, false), "-0");
    EXPECT_EQ(numberText(-0.0, true), "-0");
    EXPECT_EQ(numberText(1e-310, false), "9.9999999999999694e-311");
    EXPECT_EQ(numberText(1e-310, true), "1e-310");
    EXPECT_EQ(numberText(std::numeric_limits<double>::max(), false), "1.7976931348623157e+308");
    EXPECT_EQ(numberText(std::numeric_limits<double>::max(), true), "1.7976931348623157e+308");
    EXPECT_EQ(numberText(2.0, true), "2");
}

TEST(JsonWriter, IntegersBooleansNullAndRawValues)
{
    JsonWriter json;
    json.beginArray(Layout::Compact);
    json.integer(std::numeric_limits<std::int64_t>::min());
    json.integer(std::numeric_limits<std::int64_t>::max());
    json.boolean(true);
    json.boolean(false);
    json.null();
    json.rawValue("-1e-46");
    json.endArray();
    EXPECT_EQ(json.text(),
              "[-9223372036854775808, 9223372036854775807, true, false, null, -1e-46]\n");
}

TEST(JsonWriter, MultilineNestsWithCompactAndDenseChildren)
{
    JsonWriter json;
    json.beginObject();
    json.key("name");
    json.string("run");
    json.key("matrix");
    json.beginArray();
    for (int r = 0; r < 2; ++r) {
        json.beginArray();
        json.integer(r);
        json.shortNumber(0.5);
        json.endArray();
    }
    json.endArray();
    json.key("layer");
    json.beginObject(Layout::Compact);
    json.key("w");
    json.beginArray(); // inside a one-line container: stays on the line
    json.integer(1);
    json.integer(2);
    json.endArray();
    json.key("b");
    json.integer(0);
    json.endObject();
    json.key("dense");
    json.beginObject(Layout::Dense);
    json.key("a");
    json.beginArray(Layout::Compact); // never looser than its parent
    json.integer(1);
    json.integer(2);
    json.endArray();
    json.key("b");
    json.string("x");
    json.endObject();
    json.key("empty");
    json.beginArray();
    json.endArray();
    json.endObject();
    EXPECT_EQ(json.text(), "{\n"
                           "  \"name\": \"run\",\n"
                           "  \"matrix\": [\n"
                           "    [0, 0.5],\n"
                           "    [1, 0.5]\n"
                           "  ],\n"
                           "  \"layer\": {\"w\": [1, 2], \"b\": 0},\n"
                           "  \"dense\": {\"a\":[1,2],\"b\":\"x\"},\n"
                           "  \"empty\": []\n"
                           "}\n");
}

TEST(JsonWriter, TopLevelScalarEndsInNewline)
{
    JsonWriter json;
    json.string("only");
    EXPECT_EQ(json.text(), "\"only\"\n");
}

TEST(JsonWriter, MisuseThrowsLogicError)
{
    {
        JsonWriter json; // a key outside any object
        EXPECT_THROW(json.key("a"), std::logic_error);
    }
    {
        JsonWriter json; // a key inside an array
        json.beginArray();
        EXPECT_THROW(json.key("a"), std::logic_error);
    }
    {
        JsonWriter json; // two keys in a row
        json.beginObject();
        json.key("a");
        EXPECT_THROW(json.key("b"), std::logic_error);
    }
    {
        JsonWriter json; // a value (or a container) in an object without its key
        json.beginObject();
        EXPECT_THROW(json.integer(1), std::logic_error);
        EXPECT_THROW(json.string("x"), std::logic_error);
        EXPECT_THROW(json.beginArray(), std::logic_error);
    }
    {
        JsonWriter json; // a key left without a value
        json.beginObject();
        json.key("a");
        EXPECT_THROW(json.endObject(), std::logic_error);
    }
    {
        JsonWriter json; // closing what is not open
        EXPECT_THROW(json.endObject(), std::logic_error);
        EXPECT_THROW(json.endArray(), std::logic_error);
        json.beginArray();
        EXPECT_THROW(json.endObject(), std::logic_error);
    }
    {
        JsonWriter json; // a second value after the outermost one is closed
        json.beginObject();
        json.endObject();
        EXPECT_THROW(json.null(), std::logic_error);
        EXPECT_EQ(json.text(), "{}\n");
    }
}
