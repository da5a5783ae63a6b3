// SPDX-License-Identifier: MIT
#include "control_panel.h"

#include "alpha_control.h"
#include "control_descriptors.h"
#include "display_names.h"

#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace relulab {

namespace {

constexpr qreal kMinimumFontPoints = 12;

/// A control's name for a screen reader: its label without the mnemonic and without the value
/// a slider's label shows ("Init s&cale: ×1.5" reads "Init scale"), which the control itself
/// reports as its value.
QString accessibleNameOf(const QString &label)
{
    QString name = label.section(QLatin1Char(':'), 0, 0);
    name.remove(QLatin1Char('&'));
    return name.trimmed();
}

void nameForScreenReaders(QWidget *control, const QString &label)
{
    const QString name = accessibleNameOf(label);
    if (control->accessibleName() != name)
        control->setAccessibleName(name);
}

} // namespace

ControlPanel::ControlPanel(QWidget *parent) : QWidget(parent)
{
    // Read from the back of a classroom: at least 12 pt, group titles in bold.
    QFont panelFont = font();
    panelFont.setPointSizeF(std::max(kMinimumFontPoints, panelFont.pointSizeF()));
    setFont(panelFont);
    setStyleSheet(QStringLiteral("QGroupBox { font-weight: bold; }"));
    auto *column = new QVBoxLayout(this);
    column->setSpacing(4);
    m_lessonLabel = new QLabel(this);
    m_lessonLabel->setWordWrap(true);
    m_lessonLabel->setTextFormat(Qt::RichText);
    m_lessonLabel->hide();
    column->addWidget(m_lessonLabel);

    const std::pair<ControlGroup, const char *> groups[] = {
        {ControlGroup::Network, QT_TR_NOOP("Network")},
        {ControlGroup::Initialisation, QT_TR_NOOP("Initialisation")},
        {ControlGroup::Training, QT_TR_NOOP("Training")},
        {ControlGroup::Data, QT_TR_NOOP("Data")}};
    for (const auto &[group, title] : groups) {
        auto *box = new QGroupBox(tr(title), this);
        m_groups.append(box);
        auto *rows = new QVBoxLayout(box);
        for (const ControlDescriptor &d : controlDescriptors()) {
            if (d.group == group)
                addControl(rows, d);
        }
        if (group == ControlGroup::Training)
            addSpeedRow(rows); // how fast to train is no setting of the run
        column->addWidget(box);
    }
    column->addStretch(1);

    setConfig(m_config);
    setSpeed(kDefaultSpeed);
    // Connected last, so building and the first setConfig emit nothing.
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        watchControl(*m_rows[i].descriptor, m_rows[i].control, this, [this, i] { onEdited(i); });
    connect(m_speed, &QSlider::valueChanged, this, [this] {
        updateLabels();
        emit speedChanged(speed());
    });
}

QLabel *ControlPanel::addRow(QVBoxLayout *box, QWidget *field, const QString &toolTip)
{
    auto *label = new QLabel(this);
    label->setBuddy(field);
    label->setToolTip(toolTip);
    field->setToolTip(toolTip);
    field->setAccessibleDescription(toolTip);
    box->addWidget(label);
    box->addWidget(field);
    return label;
}

void ControlPanel::addControl(QVBoxLayout *box, const ControlDescriptor &d)
{
    QWidget *group = box->parentWidget();
    QWidget *control = createControl(d, group);
    QLabel *label = addRow(box, control, tr(d.toolTip));
    m_rows.push_back({&d, control, label});
    if (d.kind != ControlKind::Alpha)
        return;
    m_alpha = static_cast<AlphaControl *>(control);
    // Alpha is what the lesson is about: its value stands out.
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    m_alphaNote = new QLabel(group);
    m_alphaNote->setWordWrap(true);
    QFont noteFont = m_alphaNote->font();
    noteFont.setItalic(true);
    m_alphaNote->setFont(noteFont);
    box->addWidget(m_alphaNote);
}

void ControlPanel::addSpeedRow(QVBoxLayout *box)
{
    m_speed = new QSlider(Qt::Horizontal, box->parentWidget());
    m_speed->setRange(0, int(std::size(kSpeeds)) - 1);
    m_speed->setPageStep(3);
    m_speed->setObjectName(QStringLiteral("speedSlider"));
    m_speedLabel = addRow(box, m_speed,
                          tr("Caps training steps per second, to watch early "
                             "training in slow motion."));
}

void ControlPanel::setLesson(const QString &title, const QString &question)
{
    if (title.isEmpty() && question.isEmpty()) {
        m_lessonLabel->hide();
        return;
    }
    m_lessonLabel->setText(
        QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(), question.toHtmlEscaped()));
    m_lessonLabel->show();
}

QWidget *ControlPanel::controlForKey(const QString &key) const
{
    for (const Row &row : m_rows) {
        if (key == controlKeyName(*row.descriptor))
            return row.control;
    }
    return nullptr;
}

QSlider *ControlPanel::depthSlider() const
{
    return static_cast<QSlider *>(controlForKey(QStringLiteral("depth")));
}

void ControlPanel::setLockedKeys(const QStringList &keys)
{
    m_lockedKeys = keys;
    for (const Row &row : m_rows)
        row.control->setEnabled(!keys.contains(controlKeyName(*row.descriptor)));
    updateAlphaRange(); // alpha is also disabled for activations without one
}

void ControlPanel::setHiddenKeys(const QStringList &keys)
{
    m_hiddenKeys = keys;
    applyVisibility();
}

void ControlPanel::setOnlyKeys(const QStringList &keys)
{
    m_onlyKeys = keys;
    applyVisibility();
}

QStringList ControlPanel::beginnerKeys()
{
    return {QStringLiteral("activation"), QStringLiteral("alpha"), QStringLiteral("depth"),
            QStringLiteral("width"), QStringLiteral("init")};
}

void ControlPanel::applyVisibility()
{
    const bool only = !m_onlyKeys.isEmpty();
    for (const Row &row : m_rows) {
        const QString key = controlKeyName(*row.descriptor);
        const bool visible = !m_hiddenKeys.contains(key) && (!only || m_onlyKeys.contains(key));
        row.control->setVisible(visible);
        row.label->setVisible(visible);
        if (row.control == m_alpha)
            m_alphaNote->setVisible(visible);
    }
    m_speed->setVisible(!only);
    m_speedLabel->setVisible(!only);
    // A group left with nothing to show goes too, rather than stand as an empty frame.
    for (QGroupBox *group : std::as_const(m_groups)) {
        bool any = group->findChild<QSlider *>(QStringLiteral("speedSlider")) && !only;
        for (const Row &row : m_rows)
            any = any || (group->isAncestorOf(row.control) && !row.control->isHidden());
        group->setVisible(any);
    }
}

void ControlPanel::onEdited(std::size_t index)
{
    const Row &row = m_rows[index];
    TrainingConfig next = m_config;
    readControl(*row.descriptor, row.control, next);
    if (next == m_config)
        return;
    const bool activationChanged = next.activation != m_config.activation;
    m_config = next;
    updateLabels();
    emit configChanged(m_config);
    if (activationChanged)
        updateAlphaRange(); // the new activation's range and note
}

int ControlPanel::speed() const
{
    return kSpeeds[std::clamp(m_speed->value(), 0, int(std::size(kSpeeds)) - 1)];
}

void ControlPanel::setSpeed(int stepsPerSecond)
{
    // The unlimited choice is last; otherwise pick the nearest cap on a log scale.
    int best = int(std::size(kSpeeds)) - 1;
    if (stepsPerSecond > 0) {
        double bestDistance = INFINITY;
        for (int i = 0; i + 1 < int(std::size(kSpeeds)); ++i) {
            const double d = std::abs(std::log(double(kSpeeds[i]) / stepsPerSecond));
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
    }
    const QSignalBlocker blocker(m_speed);
    m_speed->setValue(best);
    updateLabels();
}

void ControlPanel::setConfig(const TrainingConfig &config)
{
    m_config = config;
    std::vector<QSignalBlocker> blockers;
    blockers.reserve(m_rows.size());
    for (const Row &row : m_rows)
        blockers.emplace_back(row.control);
    // Alpha's range first, so it does not clamp the config's alpha shown below.
    updateAlphaRange();
    for (const Row &row : m_rows)
        showInControl(*row.descriptor, row.control, config);
    updateLabels();
}

void ControlPanel::resetToDefaults()
{
    setConfig(TrainingConfig{});
    setSpeed(kDefaultSpeed);
    emit configChanged(m_config);
    emit speedChanged(speed());
}

void ControlPanel::updateAlphaRange()
{
    const Activation a = m_config.activation;
    const bool uses = usesAlpha(a);
    m_alpha->setEnabled(uses && !m_lockedKeys.contains(QStringLiteral("alpha")));
    if (a == Activation::Elu)
        m_alpha->setRange(kMinEluAlpha, kMaxEluAlpha);
    else
        m_alpha->setRange(0.0, kMaxSlopeAlpha);
    // Show the config's own alpha even when the range had to clamp the control.
    m_alpha->setValue(m_config.alpha);

    const QString name = activationDisplayName(a);
    if (!uses)
        m_alphaNote->setText(tr("%1 has no alpha; this control does nothing.").arg(name));
    else if (a == Activation::Prelu)
        m_alphaNote->setText(tr("Starting slope: PReLU learns its own per layer; moving this "
                                "resets them."));
    else if (a == Activation::Elu)
        m_alphaNote->setText(tr("ELU saturates at −alpha for very negative z."));
    else
        m_alphaNote->setText(tr("Slope for z < 0; alpha = 0 is plain ReLU."));
}

void ControlPanel::updateLabels()
{
    for (const Row &row : m_rows) {
        row.label->setText(row.descriptor->label(m_config));
        nameForScreenReaders(row.control, row.label->text());
    }
    // Alpha's parts are what takes the focus; the panel's label names them both.
    nameForScreenReaders(m_alpha->slider(), m_alpha->accessibleName());
    nameForScreenReaders(m_alpha->spinBox(), tr("%1, exact value").arg(m_alpha->accessibleName()));
    const int steps = speed();
    m_speedLabel->setText(steps == 0 ? tr("Trainin&g speed: as fast as possible")
                                     : tr("Trainin&g speed: %1 steps/s").arg(steps));
    nameForScreenReaders(m_speed, m_speedLabel->text());
}

} // namespace relulab
