// SPDX-License-Identifier: MIT
// The table of the control panel's settings; how each kind of control works is control_kinds.cpp.
#include "control_descriptors.h"

#include "control_panel.h"
#include "display_names.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <array>

namespace relulab {

namespace {

// The strings were ControlPanel's own; they keep its translation context.
QString text(const char *source)
{
    return QCoreApplication::translate("relulab::ControlPanel", source);
}

QString number(double v)
{
    return QString::number(v, 'g', 4);
}

// Core declares every key's range once; a control that offers a bound of it reads it there.
double coreMin(std::string_view key)
{
    return findConfigKey(key)->min;
}

double coreMax(std::string_view key)
{
    return findConfigKey(key)->max;
}

template <typename E>
void addChoices(QComboBox *combo, std::span<const E> values, QString (*name)(E))
{
    for (E v : values)
        combo->addItem(name(v), int(v));
}

void setActivation(TrainingConfig &c, double v)
{
    c.activation = Activation(int(v));
    // Keep alpha inside what the new activation accepts (for ELU, its usual 1).
    if (c.activation == Activation::Elu && c.alpha < kMinEluAlpha)
        c.alpha = 1.0;
    else if (c.activation == Activation::LeakyRelu || c.activation == Activation::Prelu)
        c.alpha = std::min(c.alpha, kMaxSlopeAlpha);
}

// The user's own file is not a built-in choice: it has an entry only while it is in use.
void showDataFile(QComboBox *combo, const TrainingConfig &config)
{
    const int index = combo->findData(int(DatasetKind::Csv));
    if (config.dataset != DatasetKind::Csv) {
        if (index >= 0)
            combo->removeItem(index);
        return;
    }
    const QString name =
        text("Your data: %1").arg(QFileInfo(QString::fromStdString(config.dataFile)).fileName());
    if (index >= 0)
        combo->setItemText(index, name);
    else
        combo->addItem(name, int(DatasetKind::Csv));
    combo->setCurrentIndex(combo->findData(int(DatasetKind::Csv)));
}

std::array<ControlDescriptor, 14> makeDescriptors()
{
    using G = ControlGroup;
    using K = ControlKind;
    using C = TrainingConfig;
    return {{
        {.key = "activation",
         .group = G::Network,
         .kind = K::Choice,
         .objectName = "activationCombo",
         .toolTip = QT_TRANSLATE_NOOP("relulab::ControlPanel",
                                      "The function every hidden unit applies to its input z."),
         .get = [](const C &c) { return double(int(c.activation)); },
         .set = setActivation,
         .label = [](const C &) { return text("&Activation"); },
         .fillChoices =
             [](QComboBox *b) { addChoices(b, allActivations(), activationDisplayName); }},
        {.key = "alpha",
         .group = G::Network,
         .kind = K::Alpha,
         .objectName = nullptr, // AlphaControl names its slider and spin box
         .toolTip =
             QT_TRANSLATE_NOOP("relulab::ControlPanel",
                               "Slope for negative inputs (Leaky ReLU, PReLU) or ELU's saturation "
                               "level; 0 makes Leaky ReLU plain ReLU."),
         .get = [](const C &c) { return c.alpha; },
         .set = [](C &c, double v) { c.alpha = v; },
         .label =
             [](const C &c) {
                 return usesAlpha(c.activation) ? text("Al&pha: %1").arg(number(c.alpha))
                                                : text("Al&pha: not used");
             }},
        {.key = "depth",
         .group = G::Network,
         .kind = K::Slider,
         .objectName = "depthSlider",
         .toolTip = QT_TRANSLATE_NOOP("relulab::ControlPanel",
                                      "Number of hidden layers between input and output."),
         .minimum = coreMin("depth"),
         .maximum = ControlPanel::kMaxDepth,
         .pageStep = 5,
         .get = [](const C &c) { return double(c.depth); },
         .set = [](C &c, double v) { c.depth = int(v); },
         .label =
             [](const C &c) {
                 return c.depth == 1 ? text("&Depth: 1 hidden layer")
                                     : text("&Depth: %1 hidden layers").arg(c.depth);
             }},
        {.key = "width",
         .group = G::Network,
         .kind = K::Slider,
         .objectName = "widthSlider",
         .toolTip =
             QT_TRANSLATE_NOOP("relulab::ControlPanel", "Number of units in every hidden layer."),
         .minimum = coreMin("width"),
         .maximum = ControlPanel::kMaxWidth,
         .pageStep = 16,
         .get = [](const C &c) { return double(c.width); },
         .set = [](C &c, double v) { c.width = int(v); },
         .label =
             [](const C &c) {
                 return c.width == 1 ? text("&Width: 1 unit per layer")
                                     : text("&Width: %1 units per layer").arg(c.width);
             }},
        {.key = "init",
         .group = G::Initialisation,
         .kind = K::Choice,
         .objectName = "initCombo",
         .toolTip = QT_TRANSLATE_NOOP(
             "relulab::ControlPanel",
             "How the starting weights are drawn; changing it restarts training."),
         .get = [](const C &c) { return double(int(c.init)); },
         .set = [](C &c, double v) { c.init = Init(int(v)); },
         .label = [](const C &) { return text("&Initialisation"); },
         .fillChoices = [](QComboBox *b) { addChoices(b, allInits(), initDisplayName); }},
        {.key = "init_scale",
         .group = G::Initialisation,
         .kind = K::LogSlider,
         .objectName = "initScaleSlider",
         .toolTip =
             QT_TRANSLATE_NOOP("relulab::ControlPanel",
                               "Multiplies every starting weight: below 1 signals vanish, above 1 "
                               "they explode."),
         .minimum = 0.1,
         .maximum = 10.0,
         .pageStep = 20,
         .get = [](const C &c) { return c.initScale; },
         .set = [](C &c, double v) { c.initScale = v; },
         .label = [](const C &c) { return text("Init s&cale: ×%1").arg(number(c.initScale)); }},
        {.key = "learning_rate",
         .group = G::Training,
         .kind = K::LogSlider,
         .objectName = "learningRateSlider",
         .toolTip =
             QT_TRANSLATE_NOOP("relulab::ControlPanel",
                               "Step size of each update; too large kills units or diverges."),
         .minimum = 1e-4,
         .maximum = 1.0,
         .pageStep = 10,
         .get = [](const C &c) { return c.learningRate; },
         .set = [](C &c, double v) { c.learningRate = v; },
         .label =
             [](const C &c) { return text("Learning &rate: %1").arg(number(c.learningRate)); }},
        {.key = "optimizer",
         .group = G::Training,
         .kind = K::Choice,
         .objectName = "optimizerCombo",
         .toolTip = QT_TRANSLATE_NOOP("relulab::ControlPanel",
                                      "The rule that turns gradients into weight updates."),
         .get = [](const C &c) { return double(int(c.optimizer)); },
         .set = [](C &c, double v) { c.optimizer = Optimizer(int(v)); },
         .label = [](const C &) { return text("&Optimiser"); },
         .fillChoices = [](QComboBox *b) { addChoices(b, allOptimizers(), optimizerDisplayName); }},
        {.key = "batch_size",
         .group = G::Training,
         .kind = K::IntSpin,
         .objectName = "batchSizeSpinBox",
         .toolTip = QT_TRANSLATE_NOOP(
             "relulab::ControlPanel",
             "Training samples per step; at least the sample count means full batch."),
         .minimum = coreMin("batch_size"),
         .maximum = coreMax("batch_size"),
         .get = [](const C &c) { return double(c.batchSize); },
         .set = [](C &c, double v) { c.batchSize = int(v); },
         .label = [](const C &) { return text("&Batch size"); }},
        {.key = "precision",
         .group = G::Training,
         .kind = K::Choice,
         .objectName = "precisionCombo",
         .toolTip = QT_TRANSLATE_NOOP(
             "relulab::ControlPanel",
             "The number format weights, activations and gradients are stored in. bfloat16 and "
             "float16 are emulated (rounded to nearest-even after each step of the computation): "
             "watch small updates and gradients get lost to rounding."),
         .get = [](const C &c) { return double(int(c.precision)); },
         .set = [](C &c, double v) { c.precision = Precision(int(v)); },
         .label = [](const C &) { return text("Precision (nu&mber format)"); },
         .fillChoices = [](QComboBox *b) { addChoices(b, allPrecisions(), precisionDisplayName); }},
        {.key = "dataset",
         .group = G::Data,
         .kind = K::Choice,
         .objectName = "datasetCombo",
         .toolTip = QT_TRANSLATE_NOOP("relulab::ControlPanel",
                                      "The problem to learn: 2-D classes, or a 1-D curve to fit."),
         .get = [](const C &c) { return double(int(c.dataset)); },
         .set = [](C &c, double v) { c.dataset = DatasetKind(int(v)); },
         .label = [](const C &) { return text("Data&set"); },
         .fillChoices = [](QComboBox *b) { addChoices(b, allDatasets(), datasetDisplayName); },
         .syncChoices = showDataFile},
        {.key = "noise",
         .group = G::Data,
         .kind = K::Slider,
         .objectName = "noiseSlider",
         .toolTip = QT_TRANSLATE_NOOP("relulab::ControlPanel",
                                      "Standard deviation of the random noise added to the data."),
         .minimum = 0.0,
         .maximum = 1.0,
         .step = 0.01, // hundredths
         .pageStep = 10,
         .get = [](const C &c) { return c.noise; },
         .set = [](C &c, double v) { c.noise = v; },
         .label = [](const C &c) { return text("&Noise: %1").arg(c.noise, 0, 'f', 2); }},
        {.key = "input_shift",
         .group = G::Data,
         .kind = K::Slider,
         .objectName = "inputShiftSlider",
         .toolTip =
             QT_TRANSLATE_NOOP("relulab::ControlPanel",
                               "Added to every input: shows what all-positive features do to the "
                               "first layer."),
         .minimum = -5.0,
         .maximum = 5.0,
         .step = 0.1, // tenths
         .pageStep = 10,
         .get = [](const C &c) { return c.inputShift; },
         .set = [](C &c, double v) { c.inputShift = v; },
         .label =
             [](const C &c) {
                 return text("Inp&ut shift: %1").arg(QString::asprintf("%+.1f", c.inputShift));
             }},
        {.key = "seed",
         .group = G::Data,
         .kind = K::WholeSpin,
         .objectName = "seedSpinBox",
         .toolTip = QT_TRANSLATE_NOOP(
             "relulab::ControlPanel",
             "Seeds the data, the starting weights and the batch order: same seed, "
             "same run."),
         .minimum = 0,
         .maximum = double(kMaxSeed),
         .get = [](const C &c) { return double(c.seed); },
         .set = [](C &c, double v) { c.seed = std::uint64_t(v); },
         .label = [](const C &) { return text("S&eed"); }},
    }};
}

} // namespace

std::span<const ControlDescriptor> controlDescriptors()
{
    static const std::array<ControlDescriptor, 14> descriptors = makeDescriptors();
    return descriptors;
}

const ControlDescriptor *findControlDescriptor(std::string_view key)
{
    for (const ControlDescriptor &d : controlDescriptors()) {
        if (d.key == key)
            return &d;
    }
    return nullptr;
}

QString controlKeyName(const ControlDescriptor &d)
{
    return QString::fromLatin1(d.key.data(), qsizetype(d.key.size()));
}

} // namespace relulab
