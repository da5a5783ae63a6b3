// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"
#include "unit_edit.h"

#include <QList>
#include <QWidget>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;

namespace relulab {

/// Edits the unit pinned in the network view by hand (as TensorFlow Playground lets one edit
/// any weight, here to teach death and revival): its bias (typed, or dragged on a slider), its
/// incoming weights, Kill and Revive. It only asks: every change goes out as a signal carrying
/// the values before and after, so the window can send it to the worker and undo it.
class UnitEditor : public QWidget
{
    Q_OBJECT

public:
    /// The bias slider spans ±kBiasSpan around 0, or twice the bias if that is larger.
    static constexpr double kBiasSpan = 3.0;

    explicit UnitEditor(QWidget *parent = nullptr);
    ~UnitEditor() override;

    /// Edits hidden unit `unit` of hidden layer `layer` (0-based); (-1, -1) shows how to pin one.
    void setUnit(int layer, int unit);
    int layer() const { return m_layer; }
    int unit() const { return m_unit; }
    /// Shows the unit's values and numbers from `frame` (unless the user is typing in it).
    void showFrame(const TrainingFrame &frame);
    /// Whether Revive can do something: the unit was killed by hand or is dead (the window
    /// knows which).
    void setRevivable(bool on);

    /// The unit's values as the last frame showed them (layer/unit -1 if none).
    UnitEdit shownValues() const { return m_values; }
    QDoubleSpinBox *biasBox() const { return m_bias; }
    QSlider *biasSlider() const { return m_slider; }
    const QList<QDoubleSpinBox *> &weightBoxes() const { return m_weights; }
    QPushButton *killButton() const { return m_kill; }
    QPushButton *reviveButton() const { return m_revive; }
    /// The numbers line ("alive on 63% of inputs; z mean …").
    QString statusText() const;

signals:
    /// The user changed a value: `after` differs from `before` in one bias or weight.
    void editRequested(const relulab::UnitEdit &before, const relulab::UnitEdit &after);
    void killRequested(int layer, int unit);
    void reviveRequested(int layer, int unit);
    /// The user closed the editor (Unpin).
    void unpinRequested();

private:
    void rebuildWeightBoxes(int count, bool firstLayer);
    void showValues(const UnitEdit &values);
    void requestEdit(const UnitEdit &after);
    void biasTyped();
    void biasDragged(int position);
    double sliderToBias(int position) const;
    int biasToSlider(double bias) const;
    bool userIsEditing() const;

    int m_layer = -1;
    int m_unit = -1;
    UnitEdit m_values;
    double m_sliderSpan = kBiasSpan;
    bool m_updating = false; ///< showing values, not the user typing them
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_fields = nullptr;
    QDoubleSpinBox *m_bias = nullptr;
    QSlider *m_slider = nullptr;
    QGridLayout *m_weightGrid = nullptr;
    QList<QDoubleSpinBox *> m_weights;
    QList<QLabel *> m_weightLabels;
    QPushButton *m_kill = nullptr;
    QPushButton *m_revive = nullptr;
    QPushButton *m_unpin = nullptr;
};

} // namespace relulab
