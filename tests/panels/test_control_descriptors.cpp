// SPDX-License-Identifier: MIT
// The control panel's settings table walked entry by entry: each descriptor's control is the
// one its key locks and hides, and shows a non-default value exactly.
#include "alpha_control.h"
#include "control_descriptors.h"
#include "control_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>

#include <map>
#include <set>
#include <string_view>

using namespace relulab;

class TestControlDescriptors : public QObject
{
    Q_OBJECT

private slots:
    void descriptorsNameTheirControls();
    void descriptorsLockExactlyTheirControl();
    void descriptorsHideExactlyTheirControl();
    void descriptorsRoundTripNonDefaultValues();
};

namespace {

// Leaky ReLU, so that alpha's control is enabled like every other.
TrainingConfig baseConfig()
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    return c;
}

// For every setting, a value other than baseConfig()'s that its control can show exactly,
// as core's text (setConfigValue). A setting added to the table without one here fails.
const std::map<std::string_view, const char *> kSamples = {
    {"activation", "prelu"},  {"alpha", "0.25"},          {"depth", "9"},
    {"width", "33"},          {"init", "xavier_uniform"}, {"init_scale", "2"},
    {"learning_rate", "0.1"}, {"optimizer", "sgd"},       {"batch_size", "32"},
    {"dataset", "spiral"},    {"noise", "0.25"},          {"input_shift", "-1.5"},
    {"seed", "12345"},        {"precision", "bfloat16"},
};

QLabel *labelOf(const ControlPanel &panel, const QWidget *control)
{
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->buddy() == control)
            return label;
    }
    return nullptr;
}

// Moves `target` to the value `source` shows, through the same calls a user's edit makes.
void editLike(QWidget *target, const QWidget *source)
{
    if (auto *alpha = qobject_cast<AlphaControl *>(target))
        alpha->spinBox()->setValue(qobject_cast<const AlphaControl *>(source)->value());
    else if (auto *combo = qobject_cast<QComboBox *>(target))
        combo->setCurrentIndex(qobject_cast<const QComboBox *>(source)->currentIndex());
    else if (auto *slider = qobject_cast<QSlider *>(target))
        slider->setValue(qobject_cast<const QSlider *>(source)->value());
    else if (auto *spin = qobject_cast<QSpinBox *>(target))
        spin->setValue(qobject_cast<const QSpinBox *>(source)->value());
    else if (auto *whole = qobject_cast<QDoubleSpinBox *>(target))
        whole->setValue(qobject_cast<const QDoubleSpinBox *>(source)->value());
    else
        QFAIL("a control of unknown kind");
}

} // namespace

void TestControlDescriptors::descriptorsNameTheirControls()
{
    ControlPanel panel;
    std::set<std::string_view> keys;
    for (const ControlDescriptor &d : controlDescriptors()) {
        const QString key = controlKeyName(d);
        QVERIFY2(keys.insert(d.key).second, qPrintable(key)); // one descriptor per key
        QVERIFY2(findConfigKey(d.key), qPrintable(key));      // core's own key
        QCOMPARE(findControlDescriptor(d.key), &d);
        QWidget *control = panel.controlForKey(key);
        QVERIFY2(control, qPrintable(key));
        if (d.objectName)
            QCOMPARE(control->objectName(), QLatin1String(d.objectName));
        QVERIFY2(!control->toolTip().isEmpty(), qPrintable(key));
        QVERIFY2(labelOf(panel, control), qPrintable(key));
    }
    QCOMPARE(keys.size(), kSamples.size());
    QVERIFY(!panel.controlForKey(QStringLiteral("weight_decay"))); // no control: none
}

void TestControlDescriptors::descriptorsLockExactlyTheirControl()
{
    ControlPanel panel;
    panel.setConfig(baseConfig());
    for (const ControlDescriptor &d : controlDescriptors()) {
        panel.setLockedKeys({controlKeyName(d)});
        QCOMPARE(panel.lockedKeys(), QStringList{controlKeyName(d)});
        for (const ControlDescriptor &other : controlDescriptors()) {
            const QWidget *control = panel.controlForKey(controlKeyName(other));
            QVERIFY2(control->isEnabled() == (&other != &d),
                     qPrintable(controlKeyName(d) + QStringLiteral(" locked, ") +
                                controlKeyName(other) + QStringLiteral(" enabled?")));
        }
    }
    panel.setLockedKeys({});
    for (const ControlDescriptor &d : controlDescriptors())
        QVERIFY2(panel.controlForKey(controlKeyName(d))->isEnabled(),
                 qPrintable(controlKeyName(d)));
}

void TestControlDescriptors::descriptorsHideExactlyTheirControl()
{
    ControlPanel panel;
    for (const ControlDescriptor &d : controlDescriptors()) {
        panel.setHiddenKeys({controlKeyName(d)});
        QCOMPARE(panel.hiddenKeys(), QStringList{controlKeyName(d)});
        for (const ControlDescriptor &other : controlDescriptors()) {
            const QWidget *control = panel.controlForKey(controlKeyName(other));
            const QString what = controlKeyName(d) + QStringLiteral(" hidden, ") +
                                 controlKeyName(other) + QStringLiteral(" hidden?");
            QVERIFY2(control->isHidden() == (&other == &d), qPrintable(what));
            QVERIFY2(labelOf(panel, control)->isHidden() == (&other == &d), qPrintable(what));
        }
    }
    panel.setHiddenKeys({});
    for (const ControlDescriptor &d : controlDescriptors())
        QVERIFY(!panel.controlForKey(controlKeyName(d))->isHidden());
}

void TestControlDescriptors::descriptorsRoundTripNonDefaultValues()
{
    for (const ControlDescriptor &d : controlDescriptors()) {
        const QString key = controlKeyName(d);
        const auto sample = kSamples.find(d.key);
        QVERIFY2(sample != kSamples.end(), qPrintable(key));
        TrainingConfig c = baseConfig();
        QCOMPARE(QString::fromStdString(setConfigValue(c, d.key, sample->second)), QString());
        QVERIFY2(!(c == baseConfig()), qPrintable(key));

        // setConfig shows the value silently and config() gives it back unchanged...
        ControlPanel panel;
        QSignalSpy silent(&panel, &ControlPanel::configChanged);
        panel.setConfig(c);
        QCOMPARE(silent.count(), 0);
        QVERIFY2(panel.config() == c, qPrintable(key));
        // ...the control holds it: read back, it is the same value...
        TrainingConfig shown = baseConfig();
        readControl(d, panel.controlForKey(key), shown);
        QCOMPARE(QString::fromStdString(configValue(shown, d.key)),
                 QString::fromStdString(configValue(c, d.key)));
        // ...and editing only that control of another panel to it gives the same config.
        ControlPanel edited;
        edited.setConfig(baseConfig());
        QSignalSpy edits(&edited, &ControlPanel::configChanged);
        editLike(edited.controlForKey(key), panel.controlForKey(key));
        QCOMPARE(edits.count(), 1);
        QVERIFY2(edits.last().at(0).value<TrainingConfig>() == c, qPrintable(key));
        QVERIFY2(edited.config() == c, qPrintable(key));
    }
}

QTEST_MAIN(TestControlDescriptors)
#include "test_control_descriptors.moc"
