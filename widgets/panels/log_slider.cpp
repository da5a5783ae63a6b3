// SPDX-License-Identifier: MIT
#include "log_slider.h"

#include <algorithm>
#include <cmath>

namespace relulab {

double roundToSignificant(double v, int digits)
{
    if (v == 0 || !std::isfinite(v))
        return v;
    const int magnitude = int(std::floor(std::log10(std::abs(v))));
    const int decimals = digits - 1 - magnitude;
    // Dividing by a power of ten (not multiplying by its inverse) gives the closest double to
    // the decimal, so 1e-3 comes out as exactly 0.001.
    if (decimals >= 0) {
        const double p = std::pow(10.0, decimals);
        return std::round(v * p) / p;
    }
    const double p = std::pow(10.0, -decimals);
    return std::round(v / p) * p;
}

LogSlider::LogSlider(QWidget *parent) : QSlider(Qt::Horizontal, parent)
{
    connect(this, &QSlider::valueChanged, this,
            [this](int position) { emit logValueChanged(valueAt(position)); });
    setLogRange(1e-4, 1.0, 10);
}

void LogSlider::setLogRange(double minimum, double maximum, int stepsPerDecade)
{
    m_minimum = minimum;
    m_stepsPerDecade = std::max(1, stepsPerDecade);
    const double decades = std::log10(maximum / minimum);
    const QSignalBlocker blocker(this);
    setRange(0, int(std::lround(decades * m_stepsPerDecade)));
    setSingleStep(1);
    setPageStep(m_stepsPerDecade);
    setTickInterval(m_stepsPerDecade);
}

double LogSlider::logMaximum() const
{
    return valueAt(maximum());
}

double LogSlider::valueAt(int position) const
{
    return roundToSignificant(m_minimum * std::pow(10.0, double(position) / m_stepsPerDecade), 2);
}

int LogSlider::positionOf(double v) const
{
    if (!(v > 0))
        return minimum();
    const double exact = std::log10(v / m_minimum) * m_stepsPerDecade;
    return std::clamp(int(std::lround(exact)), minimum(), maximum());
}

void LogSlider::setLogValue(double v)
{
    setValue(positionOf(v));
}

} // namespace relulab
