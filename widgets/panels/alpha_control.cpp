// SPDX-License-Identifier: MIT
#include "alpha_control.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <array>
#include <cmath>

namespace relulab {

namespace {

// Piecewise-linear segments of the slider: from `start`, `count` positions of `step` each.
struct Segment
{
    double start;
    double step;
    int count;
};
// About 80 positions for [0, 1], so a drag on a slider a few hundred pixels wide can stop at
// each of them, ten times denser near 0 than near 1.
constexpr std::array<Segment, 4> kSegments{{
    {0.0, 0.0005, 20}, // 0 .. 0.01
    {0.01, 0.005, 18}, // 0.01 .. 0.1
    {0.1, 0.02, 45},   // 0.1 .. 1
    {1.0, 0.05, 40},   // 1 .. 3
}};
constexpr int kDecimals = 4;

double roundToGrid(double v)
{
    // Dividing by 10^4 gives the double closest to the decimal, so 0.001 is exactly 0.001.
    return std::round(v * 1e4) / 1e4;
}

} // namespace

AlphaControl::AlphaControl(QWidget *parent)
    : QWidget(parent), m_slider(new QSlider(Qt::Horizontal, this)), m_spin(new QDoubleSpinBox(this))
{
    m_slider->setObjectName(QStringLiteral("alphaSlider"));
    m_spin->setObjectName(QStringLiteral("alphaSpinBox"));
    m_slider->setSingleStep(1);
    m_slider->setPageStep(5);
    m_spin->setDecimals(kDecimals);
    m_spin->setSingleStep(0.001);
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    // The panel names both parts after its label; what each part is for is said here.
    m_slider->setAccessibleDescription(
        tr("Alpha in steps that are fine near 0 (0.0005 up to 0.01) and coarser above."));
    m_spin->setAccessibleDescription(tr("Alpha typed exactly, to four decimals."));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    setFocusProxy(m_slider);

    setRange(0, 1);
    setValue(m_value);
    connect(m_slider, &QSlider::valueChanged, this, &AlphaControl::onSliderMoved);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &AlphaControl::onSpinChanged);
}

double AlphaControl::alphaAt(int position)
{
    for (const Segment &s : kSegments) {
        if (position <= s.count)
            return roundToGrid(s.start + s.step * position);
        position -= s.count;
    }
    const Segment &last = kSegments.back();
    return roundToGrid(last.start + last.step * last.count);
}

int AlphaControl::positionOf(double alpha)
{
    int offset = 0;
    for (const Segment &s : kSegments) {
        const double end = s.start + s.step * s.count;
        if (alpha <= end || &s == &kSegments.back()) {
            const int k = int(std::lround((alpha - s.start) / s.step));
            return offset + std::clamp(k, 0, s.count);
        }
        offset += s.count;
    }
    return offset;
}

void AlphaControl::setRange(double minimum, double maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    {
        const QSignalBlocker blockSlider(m_slider);
        const QSignalBlocker blockSpin(m_spin);
        // The slider never goes below the minimum (e.g. ELU needs alpha > 0).
        int low = positionOf(minimum);
        if (alphaAt(low) < minimum)
            ++low;
        int high = positionOf(maximum);
        if (alphaAt(high) > maximum)
            --high;
        m_slider->setRange(low, high);
        m_spin->setRange(minimum, maximum);
    }
    setValue(m_value);
}

void AlphaControl::setValue(double value)
{
    m_value = std::clamp(value, m_minimum, m_maximum);
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    m_slider->setValue(positionOf(m_value));
    m_spin->setValue(m_value);
}

void AlphaControl::onSliderMoved(int position)
{
    const double alpha = std::clamp(alphaAt(position), m_minimum, m_maximum);
    if (alpha == m_value)
        return;
    m_value = alpha;
    const QSignalBlocker blockSpin(m_spin);
    m_spin->setValue(alpha);
    emit valueChanged(alpha);
}

void AlphaControl::onSpinChanged(double value)
{
    if (value == m_value)
        return;
    // The spin box may hold a value between slider positions; the slider shows the nearest.
    m_value = value;
    const QSignalBlocker blockSlider(m_slider);
    m_slider->setValue(positionOf(value));
    emit valueChanged(value);
}

} // namespace relulab
