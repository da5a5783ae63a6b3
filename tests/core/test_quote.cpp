// SPDX-License-Identifier: MIT
// quoteForMessage / escapeForMessage, and the core parsers that quote outside input with them:
// whatever bytes a value, a file name or a CSV cell holds, the message stays one visible line.
#include "csv_data.h"
#include "grid_spec.h"
#include "quote.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <string>

using namespace relulab;

namespace {

// True if `text` holds a C0 control (newline, ESC, ...) or DEL: what a terminal would act on.
bool hasControlByte(const std::string &text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            return true;
    }
    return false;
}

} // namespace

TEST(Quote, PlainTextIsQuotedUnchanged)
{
    EXPECT_EQ(quoteForMessage("relu"), "\"relu\"");
    EXPECT_EQ(quoteForMessage(""), "\"\"");
    EXPECT_EQ(escapeForMessage("points 1.csv"), "points 1.csv");
}

TEST(Quote, ControlCharactersBecomeVisibleEscapes)
{
    EXPECT_EQ(quoteForMessage("a\nb"), "\"a\\nb\"");
    EXPECT_EQ(quoteForMessage("a\tb\rc"), "\"a\\tb\\rc\"");
    EXPECT_EQ(quoteForMessage("\x1b[31mred"), "\"\\e[31mred\"");
    EXPECT_EQ(quoteForMessage(std::string("nul\0here", 8)), "\"nul\\x00here\"");
    EXPECT_EQ(quoteForMessage("bell\x07"), "\"bell\\x07\"");
    EXPECT_EQ(quoteForMessage("del\x7f"), "\"del\\x7F\"");
    EXPECT_FALSE(hasControlByte(quoteForMessage("\x01\x02\x1f\n\r\t\x1b\x7f")));
}

TEST(Quote, ValidUtf8StaysReadable)
{
    EXPECT_EQ(escapeForMessage("Übung.csv"), "Übung.csv");
    EXPECT_EQ(quoteForMessage("данные — 数据 🙂"), "\"данные — 数据 🙂\"");
}

TEST(Quote, C1AndInvalidUtf8BytesAreEscaped)
{
    // Raw C1 bytes are not UTF-8 here; an 8-bit terminal would take 0x9B for a CSI.
    EXPECT_EQ(quoteForMessage("a\x9b"
                              "31mb"),
              "\"a\\x9B31mb\"");
    EXPECT_EQ(quoteForMessage("\xff\xfe"), "\"\\xFF\\xFE\"");
    EXPECT_EQ(quoteForMessage("cut \xc3"), "\"cut \\xC3\"");           // a sequence cut short
    EXPECT_EQ(quoteForMessage("\xc0\xaf"), "\"\\xC0\\xAF\"");          // overlong '/'
    EXPECT_EQ(quoteForMessage("\xed\xa0\x80"), "\"\\xED\\xA0\\x80\""); // a UTF-16 surrogate
    // C1 controls and line separators written as valid UTF-8 are escaped by code point.
    EXPECT_EQ(quoteForMessage("a\xc2\x85z"), "\"a\\u0085z\"");     // NEL, a line break
    EXPECT_EQ(quoteForMessage("a\xe2\x80\xa8z"), "\"a\\u2028z\""); // LINE SEPARATOR
    EXPECT_EQ(quoteForMessage("\xe2\x80\xae"
                              "txt.exe"),
              "\"\\u202Etxt.exe\""); // RIGHT-TO-LEFT OVERRIDE
}

TEST(Quote, LongInputIsCutWithAnEllipsis)
{
    const std::string longText(500, 'x');
    EXPECT_EQ(quoteForMessage(longText), "\"" + std::string(kQuoteMaxChars, 'x') + "…\"");
    EXPECT_EQ(quoteForMessage(longText, 5), "\"xxxxx…\"");
    EXPECT_EQ(quoteForMessage("xxxxx", 5), "\"xxxxx\""); // exactly the limit: nothing cut
    // Characters, not bytes: a multi-byte character is never split.
    EXPECT_EQ(quoteForMessage("ÜÜÜÜ", 2), "\"ÜÜ…\"");
    // An escape counts as one character of the input.
    EXPECT_EQ(quoteForMessage("\n\n\n", 2), "\"\\n\\n…\"");
    EXPECT_EQ(escapeForMessage(longText).size(), kQuoteMaxPathChars + std::string("…").size());
}

TEST(Quote, EscapingEscapedTextChangesNothing)
{
    // printError relies on this: a second pass over a message leaves it as it was.
    const std::string once = quoteForMessage("Ü\n\x1b[2J\xff\xc2\x85");
    EXPECT_EQ(escapeForMessage(once, once.size()), once);
}

// The core parsers quote outside input through the helper: one line, escapes visible.
TEST(QuoteInMessages, SetValueWithControlCharacters)
{
    TrainingConfig config;
    const std::string error = setConfigValue(config, "activation", "relu\n\x1b[31mFAKE");
    EXPECT_EQ(error, "activation: unknown value \"relu\\n\\e[31mFAKE\" (allowed: " +
                         std::string(findConfigKey("activation")->range) + ")");
    const std::string number = setConfigValue(config, "depth", "4\r\x1b[2K");
    EXPECT_NE(number.find("got \"4\\r\\e[2K\""), std::string::npos) << number;
    const std::string key = setConfigValue(config, "dep\x1bth", "4");
    EXPECT_NE(key.find("unknown key \"dep\\eth\""), std::string::npos) << key;
    EXPECT_FALSE(hasControlByte(error + number + key));
}

TEST(QuoteInMessages, GridSpecWithControlCharacters)
{
    GridSpec spec;
    const std::string error =
        parseGridSpec({"depth=1,2\n\x1b[31mx", "width=4"}, TrainingConfig{}, spec);
    ASSERT_FALSE(error.empty());
    EXPECT_FALSE(hasControlByte(error)) << error;
    EXPECT_NE(error.find("\\n\\e[31m"), std::string::npos) << error;
    const std::string step = parseGridSpec({"depth=1:4:\x1b"}, TrainingConfig{}, spec);
    EXPECT_NE(step.find("got \"\\e\""), std::string::npos) << step;
    EXPECT_TRUE(spec.axes.empty());
}

TEST(QuoteInMessages, CsvCellAndFileNameWithControlCharacters)
{
    CsvData data;
    const std::string cell = parseCsvData("0,0,0\n1,\x1b[31m,1\n", "Übung\r.csv", data);
    EXPECT_EQ(cell, "Übung\\r.csv, line 2: \"\\e[31m\" is not a number");
    const std::string missing = loadCsvData("/nonexistent/a\nb.csv", data);
    EXPECT_EQ(missing, "/nonexistent/a\\nb.csv: cannot open the file");
    TrainingConfig config;
    const std::string viaSet = setConfigValue(config, "dataset", "csv:/nonexistent/\x1b]0;x\x07");
    EXPECT_EQ(viaSet, "dataset: /nonexistent/\\e]0;x\\x07: cannot open the file");
}
