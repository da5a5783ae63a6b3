// SPDX-License-Identifier: MIT
// A setup as a link (setup_link.h): encoding, the round trip over every preset and random
// settings, and every kind of bad link refused with one line and nothing changed.
#include "compare_settings.h"
#include "config_json.h"
#include "lesson_info.h"
#include "setup_link.h"
#include "training_config.h"
#include "window_limits.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

using namespace relulab;

namespace {

/// Parses `url`, which must be accepted.
SetupLink parsed(const QString &url)
{
    SetupLink link;
    const QString error = parseLink(url, link);
    EXPECT_EQ(error, QString()) << url.toStdString();
    return link;
}

/// Parses `url`, which must be refused with one line containing `part`, leaving `out` alone.
void expectRefused(const QString &url, const QString &part)
{
    SetupLink out;
    out.preset = QStringLiteral("sentinel");
    out.config.depth = 7;
    const SetupLink before = out;
    const QString error = parseLink(url, out);
    EXPECT_TRUE(error.startsWith(QLatin1String("link: "))) << error.toStdString();
    EXPECT_TRUE(error.contains(part))
        << url.left(200).toStdString() << " -> " << error.toStdString();
    EXPECT_FALSE(error.contains(QLatin1Char('\n'))) << error.toStdString();
    EXPECT_TRUE(out == before) << url.left(200).toStdString();
}

/// encode → parse gives the same link, and encoding that again gives the same text.
void expectRoundTrip(const SetupLink &link)
{
    ASSERT_EQ(linkProblem(link), QString());
    const QString url = encodeLink(link);
    SetupLink back;
    ASSERT_EQ(parseLink(url, back), QString()) << url.toStdString();
    EXPECT_TRUE(back == link) << url.toStdString();
    EXPECT_TRUE(back.config == link.config) << url.toStdString();
    EXPECT_EQ(encodeLink(back), url);
}

TEST(SetupLink, EncodesOnlyWhatDiffersInKeyOrder)
{
    EXPECT_EQ(encodeLink(SetupLink{}), QStringLiteral("relulab://open"));

    SetupLink link;
    link.preset = QStringLiteral("dying-relu");
    ASSERT_EQ(loadPreset(link.preset, link.config), QString());
    EXPECT_EQ(encodeLink(link), QStringLiteral("relulab://open?preset=dying-relu"));
    // Given in any order, written in configKeys() order: one setup, one link.
    link = parsed(QStringLiteral("relulab://open?seed=7&preset=dying-relu&alpha=0.2"));
    EXPECT_EQ(link.config.seed, 7U);
    EXPECT_EQ(link.config.alpha, 0.2);
    EXPECT_EQ(encodeLink(link),
              QStringLiteral("relulab://open?preset=dying-relu&alpha=0.2&seed=7"));

    link = parsed(QStringLiteral(
        "relulab://open?b.activation=leaky_relu&b.alpha=0.010&theory=1&depth=6&update_ratio=1"));
    EXPECT_EQ(link.config.depth, 6);
    EXPECT_TRUE(link.view.theoryOverlay);
    EXPECT_TRUE(link.view.updateRatio);
    EXPECT_FALSE(link.view.networkView);
    EXPECT_EQ(link.compare.value("alpha"), "0.01");
    EXPECT_EQ(encodeLink(link), QStringLiteral("relulab://open?depth=6&b.activation=leaky_relu&"
                                               "b.alpha=0.01&theory=1&update_ratio=1"));

    // Percent escapes decode; a trailing slash after open and empty parameters are harmless.
    link = parsed(QStringLiteral("relulab://open/?lea%72ning_rate=1e%2D3&&"));
    EXPECT_EQ(link.config.learningRate, 1e-3);
    EXPECT_EQ(encodeLink(link), QStringLiteral("relulab://open?learning_rate=0.001"));

    link = parsed(QStringLiteral("relulab://open?preset=default&lock=0"));
    EXPECT_FALSE(link.locked);
    EXPECT_EQ(encodeLink(link), QStringLiteral("relulab://open?preset=default&lock=0"));
    EXPECT_TRUE(parsed(QStringLiteral("relulab://open?preset=default&lock=1")).locked);
}

TEST(SetupLink, ViewFlagsAreViewOptionsAndNoSettings)
{
    SetupLink link;
    for (const LinkViewFlag &flag : linkViewFlags()) {
        EXPECT_EQ(findConfigKey(flag.key), nullptr) << flag.key;
        SetupLink one;
        one.view.*flag.flag = true;
        expectRoundTrip(one);
        EXPECT_TRUE(encodeLink(one).endsWith(QStringLiteral("%1=1").arg(flag.key)));
        link.view.*flag.flag = true;
    }
    expectRoundTrip(link);
}

TEST(SetupLink, EveryPresetRoundTrips)
{
    for (const QString &name : presetNames()) {
        SCOPED_TRACE(name.toStdString());
        SetupLink link;
        link.preset = name;
        ASSERT_EQ(loadPreset(name, link.config), QString());
        EXPECT_EQ(encodeLink(link), QStringLiteral("relulab://open?preset=") + name);
        expectRoundTrip(link);
        link.locked = false;
        link.config.seed = 42;
        link.compare = CompareSettings::defaultOverrides();
        link.view.timeline = true;
        expectRoundTrip(link);

        // A built-in lesson is its preset plus its compare run.
        LessonInfo lesson;
        ASSERT_EQ(lessonInfo(name, lesson), QString());
        SetupLink fromLesson;
        ASSERT_EQ(lessonLink(lesson, fromLesson), QString());
        EXPECT_EQ(fromLesson.preset, name);
        EXPECT_TRUE(fromLesson.config == lesson.settings);
        EXPECT_TRUE(fromLesson.compare == lesson.compare);
        QString expected = QStringLiteral("relulab://open?preset=") + name;
        for (const auto &[key, value] : lesson.compare.entries())
            expected += QStringLiteral("&b.%1=%2")
                            .arg(QString::fromStdString(key), QString::fromStdString(value));
        EXPECT_EQ(encodeLink(fromLesson), expected);
        expectRoundTrip(fromLesson);
    }
}

/// A random value of `key` that the window allows (no CSV file), as text.
std::string randomValue(const ConfigKey &key, std::mt19937_64 &rng)
{
    if (key.type == "enum") {
        // The allowed values are listed in the range text, comma separated.
        std::string range(key.range);
        std::vector<std::string> names;
        std::size_t start = 0;
        while (start < range.size()) {
            std::size_t end = range.find(", ", start);
            if (end == std::string::npos)
                end = range.size();
            names.push_back(range.substr(start, end - start));
            start = end + 2;
        }
        std::erase_if(names, [](const std::string &n) { return n.starts_with("csv:"); });
        return names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(rng)];
    }
    double max = key.max;
    if (key.name == "depth")
        max = kWindowMaxDepth;
    else if (key.name == "width")
        max = kWindowMaxWidth;
    else if (key.name == "samples")
        max = kWindowMaxSamples;
    else if (key.name == "alpha")
        max = kMaxSlopeAlpha;
    if (key.type == "int") {
        const auto v = std::uniform_int_distribution<std::uint64_t>(std::uint64_t(key.min),
                                                                    std::uint64_t(max))(rng);
        return std::to_string(v);
    }
    // Any double in range, most of them with 17 significant digits.
    const double v = std::uniform_real_distribution<double>(key.min, max)(rng);
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

TrainingConfig randomConfig(std::mt19937_64 &rng)
{
    TrainingConfig config;
    for (const ConfigKey &key : configKeys()) {
        if (rng() % 2 == 0)
            continue; // keep some defaults, so links of every length occur
        const std::string error = setConfigValue(config, key.name, randomValue(key, rng));
        EXPECT_EQ(error, "");
    }
    if (config.activation == Activation::Elu && config.alpha == 0)
        config.alpha = 1;
    EXPECT_EQ(validateConfig(config), "");
    return config;
}

TEST(SetupLink, RandomValidSetupsRoundTrip)
{
    std::mt19937_64 rng(20261205);
    const QStringList presets = presetNames();
    for (int i = 0; i < 400; ++i) {
        SCOPED_TRACE(i);
        SetupLink link;
        if (rng() % 3 == 0)
            link.preset = presets.at(qsizetype(rng() % std::uint64_t(presets.size())));
        link.config = randomConfig(rng);
        if (rng() % 2 == 0) {
            const TrainingConfig runB = randomConfig(rng);
            // Only the keys where B differs, or an override equal to A's value: both travel.
            link.compare = ConfigOverrides::between(link.config, runB);
            if (rng() % 4 == 0) {
                EXPECT_EQ(link.compare.set("seed", std::to_string(link.config.seed)), "");
            }
        }
        for (const LinkViewFlag &flag : linkViewFlags())
            link.view.*flag.flag = rng() % 2 == 0;
        link.locked = link.preset.isEmpty() || rng() % 2 == 0;
        expectRoundTrip(link);
        // Parse → encode → parse is the same whatever order the keys came in.
        QStringList parts = encodeLink(link).section(QLatin1Char('?'), 1).split(QLatin1Char('&'));
        std::shuffle(parts.begin(), parts.end(), rng);
        SetupLink shuffled;
        if (!parts.join(QString()).isEmpty()) {
            ASSERT_EQ(parseLink(QStringLiteral("relulab://open?") + parts.join(QLatin1Char('&')),
                                shuffled),
                      QString());
            EXPECT_TRUE(shuffled == link);
        }
    }
}

TEST(SetupLink, BadLinksAreRefusedWithOneLine)
{
    // Scheme and shape.
    expectRefused(QStringLiteral("https://example.com/?preset=default"), "scheme is \"https\"");
    expectRefused(QStringLiteral("preset=default"), "expected relulab://open?");
    expectRefused(QStringLiteral(""), "expected relulab://open?");
    expectRefused(QStringLiteral("relulab://close?depth=3"), "relulab://close");
    expectRefused(QStringLiteral("relulab://openx?depth=3"), "relulab://openx");
    expectRefused(QStringLiteral("relulab://open?depth=3#top"), "#fragment");
    // Too long, even if every part is fine.
    QString longLink = QStringLiteral("relulab://open?seed=1");
    while (longLink.size() <= kMaxLinkLength)
        longLink += QStringLiteral("&theory=1");
    expectRefused(longLink, "more than the 2048");
    // Malformed percent escapes.
    expectRefused(QStringLiteral("relulab://open?alpha=%2"), "malformed %-escape");
    expectRefused(QStringLiteral("relulab://open?alpha=%zz"),
                  "malformed %-escape in \"alpha=%zz\": % must be followed by two hex digits");
    expectRefused(QStringLiteral("relulab://open?%G1=1"), "malformed %-escape");
    // Keys: unknown, repeated (also when one is escaped), without a value.
    expectRefused(QStringLiteral("relulab://open?colour=red"), "unknown key \"colour\"");
    expectRefused(QStringLiteral("relulab://open?b.colour=red"), "unknown key \"b.colour\"");
    expectRefused(QStringLiteral("relulab://open?b.preset=default"), "unknown key \"b.preset\"");
    expectRefused(QStringLiteral("relulab://open?depth=3&depth=4"), "\"depth\" is given twice");
    expectRefused(QStringLiteral("relulab://open?depth=3&dept%68=3"), "\"depth\" is given twice");
    expectRefused(QStringLiteral("relulab://open?depth"), "\"depth\" has no value");
    // Values.
    expectRefused(QStringLiteral("relulab://open?depth=three"), "depth: expected an integer");
    expectRefused(QStringLiteral("relulab://open?activation=relu6"), "activation: unknown value");
    expectRefused(QStringLiteral("relulab://open?activation=elu&alpha=0"), "alpha: 0 is out of");
    expectRefused(QStringLiteral("relulab://open?b.alpha=9"), "run B: alpha");
    expectRefused(QStringLiteral("relulab://open?b.activation=elu&b.alpha=0"), "run B: alpha");
    expectRefused(QStringLiteral("relulab://open?preset=nope"), "nope");
    expectRefused(QStringLiteral("relulab://open?theory=yes"), "theory: expected 0 or 1");
    expectRefused(QStringLiteral("relulab://open?lock=0"), "only a link with a preset");
    expectRefused(QStringLiteral("relulab://open?preset=default&lock=2"), "lock: expected 0 or 1");
    // Control characters in a value are shown escaped, never as a second line.
    expectRefused(QStringLiteral("relulab://open?init=a%0Ab"), "init: unknown value \"a\\nb\"");
}

TEST(SetupLink, ALinkNamesNoFileAndStaysWithinTheWindow)
{
    // A file that exists is refused all the same, and is not even read.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString csv = dir.filePath(QStringLiteral("points.csv"));
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("0,0,0\n1,1,1\n0,1,1\n1,0,0\n");
    file.close();
    expectRefused(QStringLiteral("relulab://open?dataset=csv:") + csv, "Ctrl+D");
    expectRefused(QStringLiteral("relulab://open?dataset=csv%3A%2Fetc%2Fpasswd"),
                  "dataset=csv: names a file on this computer");
    expectRefused(QStringLiteral("relulab://open?b.dataset=csv:x.csv"), "b.dataset=csv:");

    // The window's limits, for run A and for run B.
    expectRefused(QStringLiteral("relulab://open?depth=51"),
                  "depth 51 is more than the window's 50");
    expectRefused(QStringLiteral("relulab://open?width=1024"),
                  "width 1024 is more than the window's 256");
    expectRefused(QStringLiteral("relulab://open?samples=100000"), "samples 100000");
    expectRefused(QStringLiteral("relulab://open?b.depth=200"), "run B: depth 200");
    expectRefused(QStringLiteral("relulab://open?b.width=257"), "run B: width 257");
    EXPECT_EQ(
        parsed(
            QStringLiteral("relulab://open?depth=50&width=256&samples=%1").arg(kWindowMaxSamples))
            .config.width,
        kWindowMaxWidth);

    // linkProblem says the same before a link is made (File → Copy link).
    SetupLink own;
    own.config.dataset = DatasetKind::Csv;
    own.config.dataFile = csv.toStdString();
    EXPECT_TRUE(linkProblem(own).contains(QLatin1String("Ctrl+D")));
    SetupLink deep;
    deep.config.depth = 200;
    EXPECT_TRUE(linkProblem(deep).contains(QLatin1String("depth 200")));
    SetupLink unknown;
    unknown.preset = QStringLiteral("nope");
    EXPECT_TRUE(linkProblem(unknown).contains(QLatin1String("nope")));
}

TEST(SetupLink, OnlyABuiltInLessonTravels)
{
    LessonInfo lesson;
    ASSERT_EQ(lessonInfo(QStringLiteral("relu-vs-leaky"), lesson), QString());
    SetupLink link;
    ASSERT_EQ(lessonLink(lesson, link), QString());

    SetupLink out;
    const SetupLink before = out;
    LessonInfo edited = lesson;
    edited.why += QStringLiteral(" And one more sentence.");
    QString error = lessonLink(edited, out);
    EXPECT_TRUE(error.contains(QLatin1String("cannot travel in a link"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("share the lesson file"))) << error.toStdString();
    EXPECT_TRUE(out == before);

    LessonInfo own = lesson;
    own.name = QStringLiteral("my-lesson");
    EXPECT_TRUE(lessonLink(own, out).contains(QLatin1String("\"my-lesson\"")));
    EXPECT_TRUE(out == before);
}

TEST(SetupLink, IsLinkTellsLinksFromFiles)
{
    EXPECT_TRUE(isLink(QStringLiteral("relulab://open?preset=default")));
    EXPECT_TRUE(isLink(QStringLiteral("ReLULab://open")));
    EXPECT_FALSE(isLink(QStringLiteral("relulab.relulab")));
    EXPECT_FALSE(isLink(QStringLiteral("/home/me/relulab:x.relulab")));
}

} // namespace
