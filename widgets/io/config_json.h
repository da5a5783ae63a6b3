// SPDX-License-Identifier: MIT
#pragma once

#include "json_writer.h"
#include "training_config.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace relulab {

/// Largest config/preset file we read: anything bigger is not a settings file.
constexpr qint64 kMaxConfigFileBytes = 4 * 1024 * 1024;

/// Writes `config` as a JSON object with every key in configKeys() order, values exactly as
/// setConfigValue reads them back (shortest numbers, enums as their names), so any output that
/// holds it can be fed back with --config. The one way a config is written as JSON.
void writeConfig(JsonWriter &json, const TrainingConfig &config,
                 JsonWriter::Layout layout = JsonWriter::Layout::Multiline);

/// The same object as writeConfig writes, read back as a QJsonObject (for comparing configs).
QJsonObject configToJson(const TrainingConfig &config);

/// Applies the keys of `object` onto `config`. Accepts the keys at top level, or inside a
/// "config" or "settings" member (so a --json output or a lesson can be fed back). On error
/// returns one line naming the key and the allowed range, and leaves `config` unchanged.
QString applyConfigJson(TrainingConfig &config, const QJsonObject &object);

/// Reads a JSON config file (see applyConfigJson). Errors name the file.
QString loadConfigFile(const QString &path, TrainingConfig &config);

/// Names of the built-in lessons/presets (resources/lessons/*.json), in menu order.
QStringList presetNames();
/// Applies the settings of preset `name`; error names the preset and lists the known ones.
QString loadPreset(const QString &name, TrainingConfig &config);
/// The whole JSON object of a preset (title, question, settings, ...), or empty if unknown.
QJsonObject presetObject(const QString &name);
/// Reads preset `name` into `object`; on error (unknown name, malformed JSON) returns one line.
QString readPreset(const QString &name, QJsonObject &object);

/// Applies one `key=value` (the --set option). Checks the key's own range only: rules that span
/// keys (alpha for leaky_relu) are left to validateConfig, so the order of --set options does
/// not matter.
QString applySetOption(TrainingConfig &config, const QString &keyEqualsValue);

/// The command-line recipe shared by relulab and relulab-cli: starting from `config`, applies
/// `preset` or `configPath` (at most one may be non-empty), then every `key=value` of `sets` in
/// order, then validateConfig. On error returns one line and leaves `config` unchanged.
QString resolveConfig(const QString &preset, const QString &configPath, const QStringList &sets,
                      TrainingConfig &config);

} // namespace relulab
