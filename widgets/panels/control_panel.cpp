// SPDX-License-Identifier: MIT
#include "control_panel.h"

#include "alpha_control.h"
#include "display_names.h"
#include "log_slider.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace relulab {

namespace {

constexpr double kNoiseStep = 0.01; // noise slider: 0 .. 1 in hundredths
constexpr double kShiftStep = 0.1;  // input shift slider: -5 .. 5 in tenths
constexpr qreal kMinimumFontPoints = 12;
// ELU needs alpha > 0; its slider starts at the first positive position.
constexpr double kMinEluAlpha = 0.0001;

template <typename E>
QComboBox *enumCombo(std::span<const E> values, QString (*name)(E), QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (E v : values)
        combo->addItem(name(v), int(v));
    return combo;
}

template <typename E> void selectEnum(QComboBox *combo, E value)
{
    combo->setCurrentIndex(std::max(0, combo->findData(int(value))));
}

QSlider *intSlider(int minimum, int maximum, int pageStep, QWidget *parent)
{
    auto *slider = new QSlider(Qt::Horizontal, parent);
    slider->setRange(minimum, maximum);
    slider->setPageStep(pageStep);
    return slider;
}

// Core declares every key's range once; a control that offers a bound of it reads it there.
const ConfigKey &configKey(std::string_view name)
{
    return *findConfigKey(name);
}

QString number(double v)
{
    return QString::number(v, 'g', 4);
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

    buildNetworkGroup(column);
    buildInitGroup(column);
    buildTrainingGroup(column);
    buildDataGroup(column);
    column->addStretch(1);

    setConfig(m_config);
    setSpeed(kDefaultSpeed);
    connectControls();
}

QLabel *ControlPanel::addRow(QVBoxLayout *box, QWidget *field, const QString &toolTip)
{
    auto *label = new QLabel(this);
    label->setBuddy(field);
    label->setToolTip(toolTip);
    field->setToolTip(toolTip);
    box->addWidget(label);
    box->addWidget(field);
    return label;
}

void ControlPanel::buildNetworkGroup(QVBoxLayout *column)
{
    auto *group = new QGroupBox(tr("Network"), this);
    auto *box = new QVBoxLayout(group);
    m_activation = enumCombo<Activation>(allActivations(), activationDisplayName, group);
    m_activation->setObjectName(QStringLiteral("activationCombo"));
    addRow(box, m_activation, tr("The function every hidden unit applies to its input z."))
        ->setText(tr("&Activation"));

    m_alpha = new AlphaControl(group);
    m_alphaLabel = addRow(box, m_alpha,
                          tr("Slope for negative inputs (Leaky ReLU, PReLU) or ELU's "
                             "saturation level; 0 makes Leaky ReLU plain ReLU."));
    // Alpha is what the lesson is about: its value stands out.
    QFont bold = m_alphaLabel->font();
    bold.setBold(true);
    m_alphaLabel->setFont(bold);
    m_alphaNote = new QLabel(group);
    m_alphaNote->setWordWrap(true);
    QFont noteFont = m_alphaNote->font();
    noteFont.setItalic(true);
    m_alphaNote->setFont(noteFont);
    box->addWidget(m_alphaNote);

    m_depth = intSlider(int(configKey("depth").min), kMaxDepth, 5, group);
    m_depth->setObjectName(QStringLiteral("depthSlider"));
    m_depthLabel = addRow(box, m_depth, tr("Number of hidden layers between input and output."));
    m_width = intSlider(int(configKey("width").min), kMaxWidth, 16, group);
    m_width->setObjectName(QStringLiteral("widthSlider"));
    m_widthLabel = addRow(box, m_width, tr("Number of units in every hidden layer."));
    column->addWidget(group);
}

void ControlPanel::buildInitGroup(QVBoxLayout *column)
{
    auto *group = new QGroupBox(tr("Initialisation"), this);
    auto *box = new QVBoxLayout(group);
    m_init = enumCombo<Init>(allInits(), initDisplayName, group);
    m_init->setObjectName(QStringLiteral("initCombo"));
    addRow(box, m_init, tr("How the starting weights are drawn; changing it restarts training."))
        ->setText(tr("&Initialisation"));
    m_initScale = new LogSlider(group);
    m_initScale->setObjectName(QStringLiteral("initScaleSlider"));
    m_initScale->setLogRange(0.1, 10.0, 20);
    m_initScaleLabel = addRow(box, m_initScale,
                              tr("Multiplies every starting weight: below 1 signals vanish, "
                                 "above 1 they explode."));
    column->addWidget(group);
}

void ControlPanel::buildTrainingGroup(QVBoxLayout *column)
{
    auto *group = new QGroupBox(tr("Training"), this);
    auto *box = new QVBoxLayout(group);
    m_learningRate = new LogSlider(group);
    m_learningRate->setObjectName(QStringLiteral("learningRateSlider"));
    m_learningRate->setLogRange(1e-4, 1.0, 10);
    m_learningRateLabel = addRow(box, m_learningRate,
                                 tr("Step size of each update; too large kills units or "
                                    "diverges."));
    m_optimizer = enumCombo<Optimizer>(allOptimizers(), optimizerDisplayName, group);
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    addRow(box, m_optimizer, tr("The rule that turns gradients into weight updates."))
        ->setText(tr("&Optimiser"));
    m_batchSize = new QSpinBox(group);
    m_batchSize->setObjectName(QStringLiteral("batchSizeSpinBox"));
    m_batchSize->setRange(int(configKey("batch_size").min), int(configKey("batch_size").max));
    m_batchSize->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_batchSize->setKeyboardTracking(false);
    addRow(box, m_batchSize,
           tr("Training samples per step; at least the sample count means "
              "full batch."))
        ->setText(tr("&Batch size"));
    m_speed = intSlider(0, int(std::size(kSpeeds)) - 1, 3, group);
    m_speed->setObjectName(QStringLiteral("speedSlider"));
    m_speedLabel = addRow(box, m_speed,
                          tr("Caps training steps per second, to watch early "
                             "training in slow motion."));
    column->addWidget(group);
}

void ControlPanel::buildDataGroup(QVBoxLayout *column)
{
    auto *group = new QGroupBox(tr("Data"), this);
    auto *box = new QVBoxLayout(group);
    m_dataset = enumCombo<DatasetKind>(allDatasets(), datasetDisplayName, group);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    addRow(box, m_dataset, tr("The problem to learn: 2-D classes, or a 1-D curve to fit."))
        ->setText(tr("Data&set"));
    m_noise = intSlider(0, int(std::lround(1.0 / kNoiseStep)), 10, group);
    m_noise->setObjectName(QStringLiteral("noiseSlider"));
    m_noiseLabel = addRow(box, m_noise,
                          tr("Standard deviation of the random noise added to "
                             "the data."));
    m_inputShift = intSlider(-50, 50, 10, group);
    m_inputShift->setObjectName(QStringLiteral("inputShiftSlider"));
    m_inputShiftLabel = addRow(box, m_inputShift,
                               tr("Added to every input: shows what all-positive features do "
                                  "to the first layer."));
    m_seed = new QDoubleSpinBox(group);
    m_seed->setObjectName(QStringLiteral("seedSpinBox"));
    m_seed->setDecimals(0);
    m_seed->setRange(0, double(kMaxSeed));
    m_seed->setKeyboardTracking(false);
    addRow(box, m_seed,
           tr("Seeds the data, the starting weights and the batch order: same "
              "seed, same run."))
        ->setText(tr("S&eed"));
    column->addWidget(group);
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
    const std::pair<const char *, QWidget *> controls[] = {{"activation", m_activation},
                                                           {"alpha", m_alpha},
                                                           {"depth", m_depth},
                                                           {"width", m_width},
                                                           {"init", m_init},
                                                           {"init_scale", m_initScale},
                                                           {"learning_rate", m_learningRate},
                                                           {"optimizer", m_optimizer},
                                                           {"batch_size", m_batchSize},
                                                           {"dataset", m_dataset},
                                                           {"noise", m_noise},
                                                           {"input_shift", m_inputShift},
                                                           {"seed", m_seed}};
    for (const auto &[name, control] : controls) {
        if (key == QLatin1String(name))
            return control;
    }
    return nullptr;
}

void ControlPanel::setLockedKeys(const QStringList &keys)
{
    m_lockedKeys = keys;
    for (const ConfigKey &key : configKeys()) {
        const QString name = QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
        if (QWidget *control = controlForKey(name))
            control->setEnabled(!keys.contains(name));
    }
    updateAlphaRange(); // alpha is also disabled for activations without one
}

void ControlPanel::setHiddenKeys(const QStringList &keys)
{
    m_hiddenKeys = keys;
    const QList<QLabel *> labels = findChildren<QLabel *>();
    for (const ConfigKey &key : configKeys()) {
        const QString name = QString::fromUtf8(key.name.data(), qsizetype(key.name.size()));
        QWidget *control = controlForKey(name);
        if (!control)
            continue;
        const bool visible = !keys.contains(name);
        control->setVisible(visible);
        for (QLabel *label : labels) {
            if (label->buddy() == control)
                label->setVisible(visible);
        }
        if (control == m_alpha)
            m_alphaNote->setVisible(visible);
    }
}

template <typename F> void ControlPanel::edit(F &&change)
{
    TrainingConfig next = m_config;
    change(next);
    if (next == m_config)
        return;
    m_config = next;
    updateLabels();
    emit configChanged(m_config);
}

void ControlPanel::connectControls()
{
    connect(m_activation, &QComboBox::currentIndexChanged, this, [this] {
        edit([this](TrainingConfig &c) {
            c.activation = Activation(m_activation->currentData().toInt());
            // Keep alpha inside what the new activation accepts.
            if (c.activation == Activation::Elu && c.alpha < kMinEluAlpha)
                c.alpha = 1.0;
            else if (c.activation == Activation::LeakyRelu || c.activation == Activation::Prelu)
                c.alpha = std::min(c.alpha, kMaxSlopeAlpha);
        });
        updateAlphaRange();
    });
    connect(m_alpha, &AlphaControl::valueChanged, this,
            [this](double v) { edit([v](TrainingConfig &c) { c.alpha = v; }); });
    connect(m_depth, &QSlider::valueChanged, this,
            [this](int v) { edit([v](TrainingConfig &c) { c.depth = v; }); });
    connect(m_width, &QSlider::valueChanged, this,
            [this](int v) { edit([v](TrainingConfig &c) { c.width = v; }); });
    connect(m_init, &QComboBox::currentIndexChanged, this, [this] {
        edit([this](TrainingConfig &c) { c.init = Init(m_init->currentData().toInt()); });
    });
    connect(m_initScale, &LogSlider::logValueChanged, this,
            [this](double v) { edit([v](TrainingConfig &c) { c.initScale = v; }); });
    connect(m_learningRate, &LogSlider::logValueChanged, this,
            [this](double v) { edit([v](TrainingConfig &c) { c.learningRate = v; }); });
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        edit([this](TrainingConfig &c) {
            c.optimizer = Optimizer(m_optimizer->currentData().toInt());
        });
    });
    connect(m_batchSize, &QSpinBox::valueChanged, this,
            [this](int v) { edit([v](TrainingConfig &c) { c.batchSize = v; }); });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        edit([this](TrainingConfig &c) {
            c.dataset = DatasetKind(m_dataset->currentData().toInt());
        });
    });
    connect(m_noise, &QSlider::valueChanged, this,
            [this](int v) { edit([v](TrainingConfig &c) { c.noise = v * kNoiseStep; }); });
    connect(m_inputShift, &QSlider::valueChanged, this,
            [this](int v) { edit([v](TrainingConfig &c) { c.inputShift = v * kShiftStep; }); });
    connect(m_seed, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit([v](TrainingConfig &c) { c.seed = std::uint64_t(v); }); });
    connect(m_speed, &QSlider::valueChanged, this, [this] {
        updateLabels();
        emit speedChanged(speed());
    });
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
    const QList<QObject *> controls = {
        m_activation, m_alpha,     m_depth,   m_width, m_init,       m_initScale, m_learningRate,
        m_optimizer,  m_batchSize, m_dataset, m_noise, m_inputShift, m_seed};
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QObject *control : controls)
        blockers.push_back(std::make_unique<QSignalBlocker>(control));

    selectEnum(m_activation, config.activation);
    updateAlphaRange();
    m_alpha->setValue(config.alpha);
    m_depth->setValue(config.depth);
    m_width->setValue(config.width);
    selectEnum(m_init, config.init);
    m_initScale->setLogValue(config.initScale);
    m_learningRate->setLogValue(config.learningRate);
    selectEnum(m_optimizer, config.optimizer);
    m_batchSize->setValue(config.batchSize);
    selectEnum(m_dataset, config.dataset);
    showDataFile(config);
    m_noise->setValue(int(std::lround(config.noise / kNoiseStep)));
    m_inputShift->setValue(int(std::lround(config.inputShift / kShiftStep)));
    m_seed->setValue(double(config.seed));
    updateLabels();
}

void ControlPanel::showDataFile(const TrainingConfig &config)
{
    // The user's own file is not a built-in choice: it has an entry only while it is in use.
    const int index = m_dataset->findData(int(DatasetKind::Csv));
    if (config.dataset != DatasetKind::Csv) {
        if (index >= 0)
            m_dataset->removeItem(index);
        return;
    }
    const QString text =
        tr("Your data: %1").arg(QFileInfo(QString::fromStdString(config.dataFile)).fileName());
    if (index >= 0)
        m_dataset->setItemText(index, text);
    else
        m_dataset->addItem(text, int(DatasetKind::Csv));
    m_dataset->setCurrentIndex(m_dataset->findData(int(DatasetKind::Csv)));
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
    const TrainingConfig &c = m_config;
    m_alphaLabel->setText(usesAlpha(c.activation) ? tr("Al&pha: %1").arg(number(c.alpha))
                                                  : tr("Al&pha: not used"));
    m_depthLabel->setText(c.depth == 1 ? tr("&Depth: 1 hidden layer")
                                       : tr("&Depth: %1 hidden layers").arg(c.depth));
    m_widthLabel->setText(c.width == 1 ? tr("&Width: 1 unit per layer")
                                       : tr("&Width: %1 units per layer").arg(c.width));
    m_initScaleLabel->setText(tr("Init s&cale: ×%1").arg(number(c.initScale)));
    m_learningRateLabel->setText(tr("Learning &rate: %1").arg(number(c.learningRate)));
    const int steps = speed();
    m_speedLabel->setText(steps == 0 ? tr("Trainin&g speed: as fast as possible")
                                     : tr("Trainin&g speed: %1 steps/s").arg(steps));
    m_noiseLabel->setText(tr("&Noise: %1").arg(c.noise, 0, 'f', 2));
    m_inputShiftLabel->setText(
        tr("Inp&ut shift: %1").arg(QString::asprintf("%+.1f", c.inputShift)));
}

} // namespace relulab
