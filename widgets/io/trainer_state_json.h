// SPDX-License-Identifier: MIT
#pragma once

#include "json_writer.h"
#include "trainer.h"
#include "training_config.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace relulab {

/// JSON text for `value` that a JSON parser reading numbers as doubles, followed by a cast to
/// float, turns back into exactly `value` (including -0). The shortest such text when the
/// float's own shortest form survives the double detour, else the double's. Empty if `value`
/// is not finite.
QByteArray exactFloatText(float value);

/// Writes a TrainerState as one JSON object (a member a line, a layer a line, the numbers
/// dense). Returns an empty string on success; otherwise names the first non-finite number
/// (e.g. "state.params[2]"), prefixed with `field`, and the text written is not to be saved.
QString writeTrainerState(JsonWriter &json, const TrainerState &state, const QString &field);

/// Reads a state written by writeTrainerState, checking every type, range and matrix shape
/// against the network `config` describes (depth + 1 layers, widths, input dimension) and that
/// the sample order is a permutation. Errors are one line starting with `field` and the member
/// (e.g. "state.params[1].W.data: expected 256 numbers (16 × 16), got 255").
QString trainerStateFromJson(const QJsonValue &value, const TrainingConfig &config,
                             const QString &field, TrainerState &out);

} // namespace relulab
