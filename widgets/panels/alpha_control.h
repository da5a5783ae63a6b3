// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSlider;

namespace relulab {

/// Alpha as a slider that is fine near 0 plus a spin box for exact values, kept in sync.
///
/// The slider walks 0 → 0.01 in steps of 0.0005, then 0.005 up to 0.1, 0.02 up to 1 and 0.05
/// up to 3, so 0, 0.001 and 0.01 are single positions and a drag near 0 stays controllable;
/// the spin box takes any value to four decimals.
class AlphaControl : public QWidget
{
    Q_OBJECT

public:
    explicit AlphaControl(QWidget *parent = nullptr);

    double value() const { return m_value; }
    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }
    /// Sets the allowed interval; the value is clamped into it (emitting nothing).
    void setRange(double minimum, double maximum);

    QSlider *slider() const { return m_slider; }
    QDoubleSpinBox *spinBox() const { return m_spin; }

    /// The alpha at a slider position, and the position nearest an alpha.
    static double alphaAt(int position);
    static int positionOf(double alpha);

public slots:
    /// Shows `value` (clamped) in both parts without emitting valueChanged.
    void setValue(double value);

signals:
    /// The user changed alpha with the slider or the spin box.
    void valueChanged(double value);

private:
    void onSliderMoved(int position);
    void onSpinChanged(double value);

    QSlider *m_slider;
    QDoubleSpinBox *m_spin;
    double m_value = 0.01;
    double m_minimum = 0;
    double m_maximum = 1;
};

} // namespace relulab
