// SPDX-License-Identifier: MIT
#pragma once

#include <QSlider>

namespace relulab {

/// A horizontal slider over a logarithmic range (learning rate, init scale).
///
/// Positions are evenly spaced in log10, `stepsPerDecade` to a decade, and each maps to a value
/// rounded to two significant digits, so the labels read 0.001, 0.0013, ... rather than noise.
class LogSlider : public QSlider
{
    Q_OBJECT

public:
    explicit LogSlider(QWidget *parent = nullptr);

    /// `minimum` and `maximum` must be positive; the range is rounded to whole steps.
    void setLogRange(double minimum, double maximum, int stepsPerDecade);
    double logMinimum() const { return m_minimum; }
    double logMaximum() const;

    /// The value at the slider's position.
    double logValue() const { return valueAt(value()); }
    /// Moves to the position nearest `v` (clamped to the range).
    void setLogValue(double v);

    /// The value at `position` and the position nearest `v`.
    double valueAt(int position) const;
    int positionOf(double v) const;

signals:
    /// The user (or setLogValue) moved the slider.
    void logValueChanged(double value);

private:
    double m_minimum = 1e-4;
    int m_stepsPerDecade = 10;
};

/// `v` rounded to `digits` significant decimal digits.
double roundToSignificant(double v, int digits);

} // namespace relulab
