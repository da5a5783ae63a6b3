// SPDX-License-Identifier: MIT
#include "unit_editor.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr int kSliderSteps = 600;
constexpr double kValueLimit = 1e6; ///< beyond this a hand-typed weight only breaks training

QDoubleSpinBox *valueBox(QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(-kValueLimit, kValueLimit);
    box->setDecimals(3);
    box->setSingleStep(0.05);
    box->setKeyboardTracking(false); // one edit when typing is done, not one per keystroke
    box->setAccelerated(true);
    return box;
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100.0, 0, 'f', share > 0 && share < 0.01 ? 2 : 0);
}

} // namespace

UnitEditor::UnitEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    layout->addWidget(m_status);

    m_fields = new QWidget(this);
    auto *fields = new QVBoxLayout(m_fields);
    fields->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    m_kill = new QPushButton(tr("&Kill"), m_fields);
    m_kill->setToolTip(tr("Sets the bias far below every training input's reach: z < 0 "
                          "everywhere, so a ReLU unit's gradient is 0 and it never learns "
                          "again. Undo with Ctrl+Z or Revive."));
    m_revive = new QPushButton(tr("&Revive"), m_fields);
    m_revive->setToolTip(tr("A unit you killed gets back the bias and weights it had. A unit "
                            "that died in training gets a bias that puts it back above 0 for "
                            "about half the inputs: it is alive again, and learns."));
    m_revive->setEnabled(false);
    m_unpin = new QPushButton(tr("Unpin"), m_fields);
    m_unpin->setToolTip(tr("Stop editing this unit (or click it again in the network view)."));
    buttons->addWidget(m_kill);
    buttons->addWidget(m_revive);
    buttons->addStretch();
    buttons->addWidget(m_unpin);
    // First, so Kill is in reach however many weights follow.
    fields->addLayout(buttons);
    auto *form = new QFormLayout;
    m_bias = valueBox(m_fields);
    m_bias->setToolTip(tr("The unit's bias b in z = w·x + b. Lower it until z < 0 for every "
                          "input and a ReLU unit dies; raise it and the unit comes back."));
    form->addRow(tr("&Bias"), m_bias);
    m_slider = new QSlider(Qt::Horizontal, m_fields);
    m_slider->setRange(-kSliderSteps, kSliderSteps);
    m_slider->setToolTip(tr("Drag the bias and watch the unit's picture and the dead-neuron "
                            "share change."));
    m_slider->setAccessibleName(tr("Bias"));
    form->addRow(QString(), m_slider);
    fields->addLayout(form);
    auto *weightsTitle = new QLabel(tr("Incoming weights"), m_fields);
    weightsTitle->setToolTip(tr("w in z = w·x + b: one weight per unit of the layer below (or "
                                "per input, in layer 1)."));
    fields->addWidget(weightsTitle);
    m_weightGrid = new QGridLayout;
    fields->addLayout(m_weightGrid);

    layout->addWidget(m_fields);
    layout->addStretch();

    connect(m_bias, &QDoubleSpinBox::valueChanged, this, [this] { biasTyped(); });
    connect(m_slider, &QSlider::valueChanged, this, &UnitEditor::biasDragged);
    connect(m_kill, &QPushButton::clicked, this, [this] { emit killRequested(m_layer, m_unit); });
    connect(m_revive, &QPushButton::clicked, this,
            [this] { emit reviveRequested(m_layer, m_unit); });
    connect(m_unpin, &QPushButton::clicked, this, &UnitEditor::unpinRequested);
    setUnit(-1, -1);
}

UnitEditor::~UnitEditor()
{
    // A box that has the focus commits its text when ~QWidget takes the focus away, after this
    // editor is gone: its edit must not reach this object any more.
    m_bias->disconnect(this);
    m_slider->disconnect(this);
    for (QDoubleSpinBox *box : std::as_const(m_weights))
        box->disconnect(this);
}

void UnitEditor::setUnit(int layer, int unit)
{
    const bool none = layer < 0 || unit < 0;
    m_layer = none ? -1 : layer;
    m_unit = none ? -1 : unit;
    m_values = UnitEdit{m_layer, m_unit, 0.0, {}};
    m_fields->setVisible(!none);
    m_title->setText(none ? tr("No unit pinned")
                          : tr("Layer %1, unit %2").arg(layer + 1).arg(unit + 1));
    m_status->setText(none ? tr("Click a unit in the network view (the tab beside \"Dead "
                                "neurons\") to pin it; then edit its bias and weights here.")
                           : tr("Waiting for the next frame…"));
    setRevivable(false);
}

void UnitEditor::setRevivable(bool on)
{
    m_revive->setEnabled(on && m_layer >= 0);
}

QString UnitEditor::statusText() const
{
    return m_status->text();
}

bool UnitEditor::userIsEditing() const
{
    const QWidget *focus = focusWidget();
    return (focus && (focus == m_bias || m_weights.contains(focus))) || m_slider->isSliderDown();
}

void UnitEditor::showFrame(const TrainingFrame &frame)
{
    if (m_layer < 0)
        return;
    const auto &layers = frame.snapshot.layers;
    if (!frame.weights || size_t(m_layer) >= layers.size() ||
        size_t(m_unit) >= layers[size_t(m_layer)].units.size() ||
        size_t(m_layer) >= frame.weights->W.size()) {
        m_status->setText(tr("This unit is not in the network shown now (or the network is too "
                             "large to edit unit by unit)."));
        m_fields->setEnabled(false);
        return;
    }
    m_fields->setEnabled(true);
    const UnitMetrics &u = layers[size_t(m_layer)].units[size_t(m_unit)];
    QString state;
    if (u.dead)
        state = u.diedAtStep >= 0 ? tr("dead since step %1").arg(u.diedAtStep) : tr("dead");
    else if (u.negative)
        state = tr("negative for every input, alive through the leaky slope");
    else
        state = tr("alive on %1 of the training inputs").arg(percent(u.aliveShare));
    m_status->setText(
        tr("%1; z mean %2, std %3.").arg(state).arg(u.zMean, 0, 'g', 3).arg(u.zStd, 0, 'g', 3));
    UnitEdit values;
    values.layer = m_layer;
    values.unit = m_unit;
    values.bias = frame.weights->b[size_t(m_layer)](m_unit);
    values.weights = frame.weights->W[size_t(m_layer)].row(m_unit).transpose();
    m_values = values;
    if (!userIsEditing())
        showValues(values);
}

void UnitEditor::rebuildWeightBoxes(int count, bool firstLayer)
{
    if (m_weights.size() == count && !m_weights.isEmpty() &&
        m_weightLabels.front()->property("firstLayer").toBool() == firstLayer)
        return;
    qDeleteAll(m_weights);
    qDeleteAll(m_weightLabels);
    m_weights.clear();
    m_weightLabels.clear();
    constexpr int kPairsPerRow = 1; // narrow: the dock shares the left column
    for (int i = 0; i < count; ++i) {
        const QString from = firstLayer ? tr("from x%1").arg(i + 1) : tr("from unit %1").arg(i + 1);
        auto *label = new QLabel(from, m_fields);
        label->setProperty("firstLayer", firstLayer);
        QDoubleSpinBox *box = valueBox(m_fields);
        box->setAccessibleName(tr("Weight %1").arg(from));
        label->setBuddy(box);
        const int row = i / kPairsPerRow, col = (i % kPairsPerRow) * 2;
        m_weightGrid->addWidget(label, row, col);
        m_weightGrid->addWidget(box, row, col + 1);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            if (m_updating || i >= m_values.weights.size())
                return;
            UnitEdit after = m_values;
            after.weights(i) = v;
            requestEdit(after);
        });
        m_weights.append(box);
        m_weightLabels.append(label);
    }
}

void UnitEditor::showValues(const UnitEdit &values)
{
    m_updating = true;
    rebuildWeightBoxes(int(values.weights.size()), values.layer == 0);
    m_bias->setValue(values.bias);
    m_sliderSpan = std::max(kBiasSpan, 2.0 * std::abs(values.bias));
    m_slider->setValue(biasToSlider(values.bias));
    for (int i = 0; i < m_weights.size(); ++i)
        m_weights[i]->setValue(values.weights(i));
    m_updating = false;
}

void UnitEditor::requestEdit(const UnitEdit &after)
{
    if (m_layer < 0 || after == m_values)
        return;
    const UnitEdit before = m_values;
    m_values = after; // the frame that shows the edit will say the same
    emit editRequested(before, after);
}

void UnitEditor::biasTyped()
{
    if (m_updating)
        return;
    UnitEdit after = m_values;
    after.bias = m_bias->value();
    m_updating = true;
    m_slider->setValue(biasToSlider(after.bias));
    m_updating = false;
    requestEdit(after);
}

void UnitEditor::biasDragged(int position)
{
    if (m_updating)
        return;
    UnitEdit after = m_values;
    after.bias = sliderToBias(position);
    m_updating = true;
    m_bias->setValue(after.bias);
    m_updating = false;
    requestEdit(after);
}

double UnitEditor::sliderToBias(int position) const
{
    return m_sliderSpan * double(position) / kSliderSteps;
}

int UnitEditor::biasToSlider(double bias) const
{
    return int(std::lround(std::clamp(bias / m_sliderSpan, -1.0, 1.0) * kSliderSteps));
}

} // namespace relulab
