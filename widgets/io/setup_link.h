// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "session_file.h"
#include "training_config.h"

#include <QString>

#include <span>

namespace relulab {

struct LessonInfo;

/// Longest link we read or write: ten times what the longest setup needs (every key changed,
/// run B too, every view option), and short enough for a chat message or a QR code.
constexpr qsizetype kMaxLinkLength = 2048;
/// What every link starts with: `relulab://open?preset=dying-relu&alpha=0.2&b.alpha=0.01`.
inline constexpr char kLinkPrefix[] = "relulab://open";

/// A setup as a link: the preset (or none), run A's settings, run B's overrides (compare mode
/// is on when there are any) and the view. A link comes from outside (any web page), so
/// parseLink holds it to the window's limits (window_limits.h) and it never names a file.
struct SetupLink
{
    QString preset;          ///< a built-in lesson (presetNames()), or empty for the defaults
    TrainingConfig config;   ///< run A: the preset's settings (or the defaults) plus the link's
    ConfigOverrides compare; ///< run B's `b.key=value`; compare mode is on iff not empty
    /// Only the flags in linkViewFlags() travel; the rest keep their defaults.
    ViewOptions view;
    /// The lesson's controls stay locked (`lock=0` releases them); only with a preset.
    bool locked = true;

    bool operator==(const SetupLink &) const = default;
};

/// One view option a link may carry as `key=1`: a bool of ViewOptions. A new one is one more
/// line in the table behind linkViewFlags() (setup_link.cpp).
struct LinkViewFlag
{
    const char *key;
    bool ViewOptions::*flag;
};

/// Every view option a link carries, in the order encodeLink writes them.
std::span<const LinkViewFlag> linkViewFlags();

/// The link of `link`, deterministic: the preset, then the settings that differ from it in
/// configKeys() order, run B's overrides as `b.key`, the view flags that are on, `lock=0`.
/// Values are exactly what `--set` takes; only characters a URL cannot hold are escaped.
/// Does not check: linkProblem says whether parseLink will accept it.
QString encodeLink(const SetupLink &link);

/// Why `link` cannot travel as a link (own data names a local file, a network larger than the
/// window offers, settings that do not validate), as one line; empty if it can.
QString linkProblem(const SetupLink &link);

/// Reads a `relulab://open?…` link into `out`. On error returns one line naming the part that
/// is wrong (wrong scheme, too long, a malformed %-escape, an unknown or repeated key, a bad
/// value, a local file, beyond the window's limits), and leaves `out` unchanged.
QString parseLink(const QString &url, SetupLink &out);

/// Whether `text` looks like a link rather than a file name or an option (it starts with the
/// relulab: scheme), so command lines can tell them apart before parsing.
bool isLink(const QString &text);

/// A lesson as a link, when it fits: a built-in lesson travels as `preset=NAME` plus the
/// settings in which `lesson` differs from it (none) and its compare run. A lesson whose texts
/// are not a built-in lesson's cannot travel (share its file instead): one line saying so.
QString lessonLink(const LessonInfo &lesson, SetupLink &out);

} // namespace relulab
