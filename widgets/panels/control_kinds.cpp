// SPDX-License-Identifier: MIT
// How each kind of control (ControlKind) is built, shows a setting, and reads it back; which
// setting uses which kind is the table in control_descriptors.cpp.
#include "alpha_control.h"
#include "control_descriptors.h"
#include "log_slider.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>
#include <utility>

namespace relulab {

namespace {

int position(const ControlDescriptor &d, double value)
{
    return int(std::lround(value / d.step));
}

} // namespace

QWidget *createControl(const ControlDescriptor &d, QWidget *parent)
{
    QWidget *control = nullptr;
    switch (d.kind) {
    case ControlKind::Choice: {
        auto *combo = new QComboBox(parent);
        d.fillChoices(combo);
        control = combo;
        break;
    }
    case ControlKind::Slider: {
        auto *slider = new QSlider(Qt::Horizontal, parent);
        slider->setRange(position(d, d.minimum), position(d, d.maximum));
        slider->setPageStep(d.pageStep);
        control = slider;
        break;
    }
    case ControlKind::LogSlider: {
        auto *slider = new LogSlider(parent);
        slider->setLogRange(d.minimum, d.maximum, d.pageStep);
        control = slider;
        break;
    }
    case ControlKind::IntSpin: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(int(d.minimum), int(d.maximum));
        spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        spin->setKeyboardTracking(false); // one change per typed number, not per digit
        control = spin;
        break;
    }
    case ControlKind::WholeSpin: {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(0);
        spin->setRange(d.minimum, d.maximum);
        spin->setKeyboardTracking(false);
        control = spin;
        break;
    }
    case ControlKind::Alpha:
        control = new AlphaControl(parent);
        break;
    }
    if (d.objectName)
        control->setObjectName(QLatin1String(d.objectName));
    return control;
}

void showInControl(const ControlDescriptor &d, QWidget *control, const TrainingConfig &config)
{
    const double value = d.get(config);
    switch (d.kind) {
    case ControlKind::Choice: {
        auto *combo = static_cast<QComboBox *>(control);
        combo->setCurrentIndex(std::max(0, combo->findData(int(value))));
        if (d.syncChoices)
            d.syncChoices(combo, config);
        break;
    }
    case ControlKind::Slider:
        static_cast<QSlider *>(control)->setValue(position(d, value));
        break;
    case ControlKind::LogSlider:
        static_cast<LogSlider *>(control)->setLogValue(value);
        break;
    case ControlKind::IntSpin:
        static_cast<QSpinBox *>(control)->setValue(int(value));
        break;
    case ControlKind::WholeSpin:
        static_cast<QDoubleSpinBox *>(control)->setValue(value);
        break;
    case ControlKind::Alpha:
        static_cast<AlphaControl *>(control)->setValue(value);
        break;
    }
}

void readControl(const ControlDescriptor &d, const QWidget *control, TrainingConfig &config)
{
    switch (d.kind) {
    case ControlKind::Choice:
        d.set(config, static_cast<const QComboBox *>(control)->currentData().toInt());
        break;
    case ControlKind::Slider:
        // Position × step, as the slider moves in whole positions (noise 0.01, shift 0.1).
        d.set(config, static_cast<const QSlider *>(control)->value() * d.step);
        break;
    case ControlKind::LogSlider:
        d.set(config, static_cast<const LogSlider *>(control)->logValue());
        break;
    case ControlKind::IntSpin:
        d.set(config, static_cast<const QSpinBox *>(control)->value());
        break;
    case ControlKind::WholeSpin:
        d.set(config, static_cast<const QDoubleSpinBox *>(control)->value());
        break;
    case ControlKind::Alpha:
        // The exact value, which may lie between slider positions (typed into the spin box).
        d.set(config, static_cast<const AlphaControl *>(control)->value());
        break;
    }
}

void watchControl(const ControlDescriptor &d, QWidget *control, QObject *context,
                  std::function<void()> changed)
{
    const auto on = [&](auto *sender, auto signal) {
        // Only one kind's branch runs, so `changed` is moved exactly once.
        QObject::connect(sender, signal, context, [changed = std::move(changed)] { changed(); });
    };
    switch (d.kind) {
    case ControlKind::Choice:
        on(static_cast<QComboBox *>(control), &QComboBox::currentIndexChanged);
        break;
    case ControlKind::Slider:
        on(static_cast<QSlider *>(control), &QSlider::valueChanged);
        break;
    case ControlKind::LogSlider:
        on(static_cast<LogSlider *>(control), &LogSlider::logValueChanged);
        break;
    case ControlKind::IntSpin:
        on(static_cast<QSpinBox *>(control), &QSpinBox::valueChanged);
        break;
    case ControlKind::WholeSpin:
        on(static_cast<QDoubleSpinBox *>(control), &QDoubleSpinBox::valueChanged);
        break;
    case ControlKind::Alpha:
        on(static_cast<AlphaControl *>(control), &AlphaControl::valueChanged);
        break;
    }
}

} // namespace relulab
