// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QString>

#include <functional>
#include <span>
#include <string_view>

class QComboBox;
class QObject;
class QWidget;

namespace relulab {

/// ELU needs alpha > 0: the smallest alpha the panel offers it (its slider's first position
/// above 0).
constexpr double kMinEluAlpha = 0.0001;

/// The boxes of the control panel, in the order they are shown.
enum class ControlGroup
{
    Network,
    Initialisation,
    Training,
    Data,
};

/// The kind of widget that edits a setting.
enum class ControlKind
{
    Choice,    ///< QComboBox of an enum's values, the enum's int as item data
    Slider,    ///< QSlider over [minimum, maximum] in positions of `step`
    LogSlider, ///< LogSlider over [minimum, maximum], `pageStep` positions a decade
    IntSpin,   ///< QSpinBox over [minimum, maximum]
    WholeSpin, ///< QDoubleSpinBox of whole numbers, for integers beyond int (the seed)
    Alpha,     ///< AlphaControl; its range follows the activation, so the panel sets it
};

/// One setting of the control panel: what the panel needs to build its control, show a config
/// in it, read a change back, and lock or hide it by key. The panel only loops over
/// controlDescriptors(), so a new setting is one entry in that table.
struct ControlDescriptor
{
    std::string_view key; ///< core's config key (setConfigValue, a lesson's locked/hidden)
    ControlGroup group;
    ControlKind kind;
    const char *objectName; ///< tests and presentation mode find the control by it; may be null
    const char *toolTip;    ///< untranslated, in the context "relulab::ControlPanel"
    double minimum = 0;     ///< the control's range, in the setting's units
    double maximum = 0;
    double step = 1;  ///< Slider: the setting's change from one position to the next
    int pageStep = 0; ///< Slider: positions per Page Up; LogSlider: positions per decade
    /// The setting as a number (an enum as its int; the seed is below 2^53, exact in a double).
    double (*get)(const TrainingConfig &) = nullptr;
    /// Writes a value the control produced; keeps the rest of the config valid with it.
    void (*set)(TrainingConfig &, double) = nullptr;
    /// The text above the control, with its mnemonic; sliders show the current value.
    QString (*label)(const TrainingConfig &) = nullptr;
    /// Choice: adds the enum's values to the combo box.
    void (*fillChoices)(QComboBox *) = nullptr;
    /// Choice: adjusts the items to `config` after the value is selected (the user's CSV file).
    void (*syncChoices)(QComboBox *, const TrainingConfig &) = nullptr;
};

/// Every setting the control panel shows, in display order within each group.
std::span<const ControlDescriptor> controlDescriptors();
/// The descriptor of config key `key`, or null if the panel has no control for it.
const ControlDescriptor *findControlDescriptor(std::string_view key);
/// `d.key` as a QString, as lesson files and ControlPanel::setLockedKeys name it.
QString controlKeyName(const ControlDescriptor &d);

// The kinds of control, one switch each (control_kinds.cpp).

/// A new control for `d` (named, ranged, not yet showing any config).
QWidget *createControl(const ControlDescriptor &d, QWidget *parent);
/// Shows `config`'s value of `d` in `control`; the caller blocks the control's signals.
void showInControl(const ControlDescriptor &d, QWidget *control, const TrainingConfig &config);
/// Writes the value `control` shows into `config`.
void readControl(const ControlDescriptor &d, const QWidget *control, TrainingConfig &config);
/// Calls `changed` whenever the user (or code) changes the value `control` shows.
void watchControl(const ControlDescriptor &d, QWidget *control, QObject *context,
                  std::function<void()> changed);

} // namespace relulab
