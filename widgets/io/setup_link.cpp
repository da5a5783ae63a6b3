// SPDX-License-Identifier: MIT
#include "setup_link.h"

#include "config_json.h"
#include "lesson_info.h"
#include "message_quote.h"
#include "window_limits.h"

#include <QByteArray>
#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace relulab {

namespace {

// The view options a link carries. A new one (a bool of ViewOptions) is one more line here.
constexpr std::array kViewFlags = {
    LinkViewFlag{"theory", &ViewOptions::theoryOverlay},
    LinkViewFlag{"network_view", &ViewOptions::networkView},
    LinkViewFlag{"timeline", &ViewOptions::timeline},
    LinkViewFlag{"test_points", &ViewOptions::testData},
    LinkViewFlag{"two_colours", &ViewOptions::discretized},
    LinkViewFlag{"update_ratio", &ViewOptions::updateRatio},
    LinkViewFlag{"beginner", &ViewOptions::beginner},
};

constexpr std::string_view kPresetKey = "preset";
constexpr std::string_view kLockKey = "lock";
constexpr std::string_view kRunBPrefix = "b.";

QString fail(const QString &what)
{
    return QStringLiteral("link: ") + what;
}

QString quotedText(std::string_view text)
{
    return QString::fromStdString(quoteForMessage(text));
}

const LinkViewFlag *findViewFlag(std::string_view key)
{
    for (const LinkViewFlag &flag : kViewFlags) {
        if (key == flag.key)
            return &flag;
    }
    return nullptr;
}

bool isUnreserved(char c)
{
    // RFC 3986's unreserved characters, and ':' which a query may hold as it is (csv:, never in
    // a valid link, still reads back the same).
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == ':';
}

void appendEscaped(std::string &out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : text) {
        if (isUnreserved(c)) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes; '+' stays a plus (RFC 3986, not HTML forms). False on a '%' without
/// two hex digits after it.
bool unescape(std::string_view text, std::string &out)
{
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int high = i + 1 < text.size() ? hexValue(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (high < 0 || low < 0)
            return false;
        out += char(high * 16 + low);
        i += 2;
    }
    return true;
}

/// The settings a link starts from: the preset's, or the defaults.
TrainingConfig baseConfig(const QString &preset)
{
    TrainingConfig base;
    if (!preset.isEmpty())
        loadPreset(preset, base);
    return base;
}

QString csvRefusal(std::string_view key)
{
    return fail(QStringLiteral("%1=csv: names a file on this computer, which a link cannot do; "
                               "open your own data with Ctrl+D (File → Open data…) instead")
                    .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
}

/// The window's limits on one run's settings; `run` is "" or "run B: ".
QString checkLimits(const TrainingConfig &config, const QString &run)
{
    const std::pair<const char *, std::pair<int, int>> limits[] = {
        {"depth", {config.depth, kWindowMaxDepth}},
        {"width", {config.width, kWindowMaxWidth}},
        {"samples", {config.samples, kWindowMaxSamples}},
    };
    for (const auto &[key, value] : limits) {
        if (value.first > value.second)
            return fail(QStringLiteral("%1%2 %3 is more than the window's %4")
                            .arg(run, QLatin1String(key))
                            .arg(value.first)
                            .arg(value.second));
    }
    return {};
}

/// What both directions check: no file, valid settings for A and B, the window's limits.
QString checkSetup(const TrainingConfig &config, const ConfigOverrides &compare)
{
    if (config.dataset == DatasetKind::Csv)
        return csvRefusal("dataset");
    if (const std::optional<std::string> data = compare.value("dataset");
        data && data->starts_with("csv:"))
        return csvRefusal("b.dataset");
    if (const std::string error = validateConfig(config); !error.empty())
        return fail(QString::fromStdString(error));
    if (QString error = checkLimits(config, {}); !error.isEmpty())
        return error;
    if (compare.empty())
        return {};
    TrainingConfig runB;
    if (const std::string error = comparedConfig(config, compare, runB); !error.empty())
        return fail(QString::fromStdString(error));
    return checkLimits(runB, QStringLiteral("run B: "));
}

QString knownKeys()
{
    QStringList view;
    for (const LinkViewFlag &flag : kViewFlags)
        view << QLatin1String(flag.key);
    return QStringLiteral("a setting as relulab-cli keys lists it, b.setting, preset, lock, ") +
           view.join(QStringLiteral(", "));
}

/// A 0/1 value of `key` into `out`.
QString readFlag(std::string_view key, std::string_view value, bool &out)
{
    if (value != "0" && value != "1")
        return fail(
            QStringLiteral("%1: expected 0 or 1, got %2")
                .arg(QString::fromUtf8(key.data(), qsizetype(key.size())), quotedText(value)));
    out = value == "1";
    return {};
}

} // namespace

std::span<const LinkViewFlag> linkViewFlags()
{
    return kViewFlags;
}

QString encodeLink(const SetupLink &link)
{
    std::vector<std::pair<std::string, std::string>> params;
    if (!link.preset.isEmpty())
        params.emplace_back(kPresetKey, link.preset.toStdString());
    const ConfigOverrides changed = ConfigOverrides::between(baseConfig(link.preset), link.config);
    for (const auto &[key, value] : changed.entries())
        params.emplace_back(key, value);
    for (const auto &[key, value] : link.compare.entries())
        params.emplace_back(std::string(kRunBPrefix) + key, value);
    for (const LinkViewFlag &flag : kViewFlags) {
        if (link.view.*flag.flag)
            params.emplace_back(flag.key, "1");
    }
    if (!link.preset.isEmpty() && !link.locked)
        params.emplace_back(kLockKey, "0");

    std::string url = kLinkPrefix;
    char separator = '?';
    for (const auto &[key, value] : params) {
        url += separator;
        separator = '&';
        appendEscaped(url, key);
        url += '=';
        appendEscaped(url, value);
    }
    return QString::fromStdString(url);
}

QString linkProblem(const SetupLink &link)
{
    if (!link.preset.isEmpty() && !presetNames().contains(link.preset))
        return fail(
            QStringLiteral("preset: unknown preset %1 (known: %2)")
                .arg(quotedForMessage(link.preset), presetNames().join(QStringLiteral(", "))));
    if (QString error = checkSetup(link.config, link.compare); !error.isEmpty())
        return error;
    if (const qsizetype length = encodeLink(link).size(); length > kMaxLinkLength)
        return fail(QStringLiteral("%1 characters, more than the %2 a link may have")
                        .arg(length)
                        .arg(kMaxLinkLength));
    return {};
}

bool isLink(const QString &text)
{
    return text.startsWith(QLatin1String("relulab:"), Qt::CaseInsensitive);
}

QString parseLink(const QString &url, SetupLink &out)
{
    if (url.size() > kMaxLinkLength)
        return fail(QStringLiteral("%1 characters, more than the %2 a link may have")
                        .arg(url.size())
                        .arg(kMaxLinkLength));
    const std::string text = url.toStdString();
    const std::string_view whole(text);
    const std::size_t colon = whole.find(':');
    const std::string_view scheme = whole.substr(0, colon);
    const auto isSchemeChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '+' || c == '-' || c == '.';
    };
    const bool hasScheme = colon != std::string_view::npos && colon > 0 &&
                           std::all_of(scheme.begin(), scheme.end(), isSchemeChar);
    if (!hasScheme)
        return fail(QStringLiteral("expected %1?key=value&…, got %2")
                        .arg(QLatin1String(kLinkPrefix), quotedText(whole)));
    if (QString::fromStdString(std::string(scheme)).toLower() != QLatin1String("relulab"))
        return fail(QStringLiteral("the scheme is %1, expected relulab (%2?key=value&…)")
                        .arg(quotedText(scheme), QLatin1String(kLinkPrefix)));

    // relulab://open, then "/" (some programs add it), then the query or nothing.
    std::string_view rest = whole.substr(colon + 1);
    constexpr std::string_view kPath = "//open";
    const bool pathOk = rest.starts_with(kPath);
    if (pathOk)
        rest.remove_prefix(kPath.size());
    if (pathOk && rest.starts_with('/'))
        rest.remove_prefix(1);
    if (!pathOk || !(rest.empty() || rest.front() == '?'))
        return fail(QStringLiteral("expected %1?key=value&…, got %2")
                        .arg(QLatin1String(kLinkPrefix), quotedText(whole)));
    if (!rest.empty())
        rest.remove_prefix(1);
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos)
        return fail(QStringLiteral("unexpected %1 at the end: a link has no #fragment")
                        .arg(quotedText(rest.substr(hash))));

    // Every key=value, decoded, in link order; each key once.
    std::vector<std::pair<std::string, std::string>> params;
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view part = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (part.empty())
            continue; // "a=1&&b=2" or a trailing "&": nothing there
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos)
            return fail(
                QStringLiteral("%1 has no value: expected key=value").arg(quotedText(part)));
        std::string key, value;
        if (!unescape(part.substr(0, equals), key) || !unescape(part.substr(equals + 1), value))
            return fail(
                QStringLiteral("malformed %-escape in %1: % must be followed by two hex digits")
                    .arg(quotedText(part)));
        for (const auto &[seen, ignored] : params) {
            if (seen == key)
                return fail(QStringLiteral("%1 is given twice").arg(quotedText(key)));
        }
        params.emplace_back(std::move(key), std::move(value));
    }

    SetupLink link;
    bool lockGiven = false;
    std::vector<std::pair<std::string, std::string>> settings, runB;
    for (const auto &[key, value] : params) {
        if (key == kPresetKey) {
            link.preset = QString::fromStdString(value);
            TrainingConfig probe;
            if (QString error = loadPreset(link.preset, probe); !error.isEmpty())
                return fail(error);
        } else if (key == kLockKey) {
            lockGiven = true;
            if (QString error = readFlag(key, value, link.locked); !error.isEmpty())
                return error;
        } else if (const LinkViewFlag *flag = findViewFlag(key)) {
            if (QString error = readFlag(key, value, link.view.*flag->flag); !error.isEmpty())
                return error;
        } else if (key.starts_with(kRunBPrefix) &&
                   findConfigKey(std::string_view(key).substr(kRunBPrefix.size()))) {
            runB.emplace_back(key.substr(kRunBPrefix.size()), value);
        } else if (findConfigKey(key)) {
            settings.emplace_back(key, value);
        } else {
            return fail(
                QStringLiteral("unknown key %1 (expected %2)").arg(quotedText(key), knownKeys()));
        }
    }
    if (lockGiven && link.preset.isEmpty())
        return fail(QStringLiteral("lock: only a link with a preset has a lesson to lock"));

    // Values go through setConfigValue, which would read a csv: file at once: refused first.
    link.config = baseConfig(link.preset);
    for (const auto &[key, value] : settings) {
        if (key == "dataset" && value.starts_with("csv:"))
            return csvRefusal(key);
        if (const std::string error = setConfigValue(link.config, key, value); !error.empty())
            return fail(QString::fromStdString(error));
    }
    for (const auto &[key, value] : runB) {
        if (key == "dataset" && value.starts_with("csv:"))
            return csvRefusal(std::string(kRunBPrefix) + key);
        if (const std::string error = link.compare.set(key, value); !error.empty())
            return fail(QStringLiteral("run B: ") + QString::fromStdString(error));
    }
    if (QString error = checkSetup(link.config, link.compare); !error.isEmpty())
        return error;
    out = std::move(link);
    return {};
}

QString lessonLink(const LessonInfo &lesson, SetupLink &out)
{
    QString cannot =
        QStringLiteral("lesson %1: its texts cannot travel in a link; share the lesson file "
                       "instead")
            .arg(quotedForMessage(lesson.name));
    LessonInfo builtIn;
    if (!presetNames().contains(lesson.name) || !lessonInfo(lesson.name, builtIn).isEmpty())
        return cannot;
    // Everything but the settings must be the built-in lesson's: those are what travel.
    const auto texts = [](const LessonInfo &l) {
        return std::tie(l.name, l.title, l.question, l.steps, l.todo, l.lookFor, l.why,
                        l.teacherNotes, l.locked, l.hidden, l.reference);
    };
    if (texts(lesson) != texts(builtIn))
        return cannot;
    SetupLink link;
    link.preset = lesson.name;
    link.config = lesson.settings;
    link.compare = lesson.compare;
    if (QString error = linkProblem(link); !error.isEmpty())
        return QStringLiteral("lesson %1: %2").arg(quotedForMessage(lesson.name), error);
    out = std::move(link);
    return {};
}

} // namespace relulab
