// SPDX-License-Identifier: MIT
// The controls on their own: alpha's fine slider, the log sliders and the panel's config.
#include "alpha_control.h"
#include "control_panel.h"
#include "log_slider.h"
#include "plain_message.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QTimer>

#include <set>

using namespace relulab;

class TestControls : public QObject
{
    Q_OBJECT

private slots:
    void messagesShowMarkupAsTyped();
    void alphaSliderReachesExactValues_data();
    void alphaSliderReachesExactValues();
    void alphaSliderIsFineNearZero();
    void alphaSliderAndSpinBoxStayInSync();
    void alphaSpinBoxValueBetweenPositions();
    void alphaRangeFollowsActivation();
    void logSliderRoundTrips();
    void panelEmitsWholeConfig();
    void panelKeepsAlphaValidAcrossActivations();
    void panelSetConfigEmitsNothing();
    void panelLabelsShowValuesAndHaveMnemonics();
    void panelResetToDefaults();
};

void TestControls::alphaSliderReachesExactValues_data()
{
    QTest::addColumn<double>("alpha");
    for (double a : {0.0, 0.0005, 0.001, 0.005, 0.01, 0.02, 0.1, 0.3, 0.5, 1.0, 1.5, 3.0})
        QTest::addRow("%g", a) << a;
}

void TestControls::alphaSliderReachesExactValues()
{
    QFETCH(double, alpha);
    AlphaControl control;
    control.setRange(0, 3);
    QSignalSpy spy(&control, &AlphaControl::valueChanged);
    const int position = AlphaControl::positionOf(alpha);
    QCOMPARE(AlphaControl::alphaAt(position), alpha); // exactly, not approximately
    // Move the real slider there from somewhere else, as a drag would.
    control.slider()->setValue(position == 0 ? 1 : 0);
    control.slider()->setValue(position);
    QCOMPARE(control.value(), alpha);
    QCOMPARE(spy.last().at(0).toDouble(), alpha);
    QCOMPARE(control.spinBox()->value(), alpha);
}

void TestControls::alphaSliderIsFineNearZero()
{
    // Strictly increasing everywhere; steps of 0.0005 below 0.01, ten times finer than at 0.5.
    for (int p = 0; p < AlphaControl::positionOf(3.0); ++p) {
        const double a = AlphaControl::alphaAt(p), b = AlphaControl::alphaAt(p + 1);
        QVERIFY2(b > a, qPrintable(QString::number(p)));
        if (b <= 0.01)
            QVERIFY(b - a < 0.00051);
        QCOMPARE(AlphaControl::positionOf(a), p);
    }
    const int atHalf = AlphaControl::positionOf(0.5);
    QVERIFY(AlphaControl::alphaAt(atHalf + 1) - 0.5 > 0.019);
    // Few enough positions that a drag can stop at each one.
    QVERIFY(AlphaControl::positionOf(1.0) <= 100);
}

void TestControls::alphaSliderAndSpinBoxStayInSync()
{
    AlphaControl control;
    control.setRange(0, 1);
    QSignalSpy spy(&control, &AlphaControl::valueChanged);
    control.slider()->setValue(AlphaControl::positionOf(0.3));
    QCOMPARE(spy.count(), 1); // no echo from the spin box
    QCOMPARE(control.spinBox()->value(), 0.3);

    control.spinBox()->setValue(0.05);
    QCOMPARE(spy.count(), 2); // no echo from the slider
    QCOMPARE(spy.last().at(0).toDouble(), 0.05);
    QCOMPARE(control.slider()->value(), AlphaControl::positionOf(0.05));

    control.setValue(0.7); // programmatic: shows, emits nothing
    QCOMPARE(spy.count(), 2);
    QCOMPARE(control.spinBox()->value(), 0.7);
    QCOMPARE(control.slider()->value(), AlphaControl::positionOf(0.7));

    // Keyboard: one arrow press is one slider position.
    control.slider()->setValue(AlphaControl::positionOf(0.01));
    QTest::keyClick(control.slider(), Qt::Key_Right);
    QCOMPARE(control.value(), 0.015);
}

void TestControls::alphaSpinBoxValueBetweenPositions()
{
    AlphaControl control;
    control.setRange(0, 1);
    QSignalSpy spy(&control, &AlphaControl::valueChanged);
    control.spinBox()->setValue(0.1234);
    QCOMPARE(control.value(), 0.1234); // the spin box's exact value wins over the slider grid
    QCOMPARE(control.slider()->value(), AlphaControl::positionOf(0.12));
    QCOMPARE(AlphaControl::alphaAt(control.slider()->value()), 0.12);
    QCOMPARE(spy.count(), 1);
}

void TestControls::alphaRangeFollowsActivation()
{
    ControlPanel panel;
    AlphaControl *alpha = panel.alphaControl();
    TrainingConfig c;
    c.activation = Activation::Relu;
    panel.setConfig(c);
    QVERIFY(!alpha->isEnabled());
    c.activation = Activation::LeakyRelu;
    panel.setConfig(c);
    QVERIFY(alpha->isEnabled());
    QCOMPARE(alpha->maximum(), 1.0);
    QCOMPARE(AlphaControl::alphaAt(alpha->slider()->maximum()), 1.0);
    c.activation = Activation::Elu;
    c.alpha = 1.0;
    panel.setConfig(c);
    QCOMPARE(alpha->maximum(), 3.0);
    QCOMPARE(AlphaControl::alphaAt(alpha->slider()->maximum()), 3.0);
    QVERIFY(AlphaControl::alphaAt(alpha->slider()->minimum()) > 0); // ELU needs alpha > 0
}

void TestControls::logSliderRoundTrips()
{
    LogSlider slider;
    slider.setLogRange(1e-4, 1.0, 10);
    QCOMPARE(slider.valueAt(slider.minimum()), 1e-4);
    QCOMPARE(slider.valueAt(slider.maximum()), 1.0);
    QSignalSpy spy(&slider, &LogSlider::logValueChanged);
    slider.setLogValue(0.01);
    QCOMPARE(slider.logValue(), 0.01);
    QCOMPARE(spy.last().at(0).toDouble(), 0.01);
    for (int p = slider.minimum(); p <= slider.maximum(); ++p)
        QCOMPARE(slider.positionOf(slider.valueAt(p)), p);

    slider.setLogRange(0.1, 10.0, 20);
    QCOMPARE(slider.valueAt(slider.minimum()), 0.1);
    QCOMPARE(slider.valueAt(slider.maximum()), 10.0);
    slider.setLogValue(1.0);
    QCOMPARE(slider.logValue(), 1.0);
    QCOMPARE(roundToSignificant(0.012345, 2), 0.012);
}

void TestControls::panelEmitsWholeConfig()
{
    ControlPanel panel;
    QSignalSpy spy(&panel, &ControlPanel::configChanged);
    panel.depthSlider()->setValue(9);
    QCOMPARE(spy.count(), 1);
    TrainingConfig expected;
    expected.depth = 9;
    QVERIFY(spy.last().at(0).value<TrainingConfig>() == expected);
    QVERIFY(panel.config() == expected);

    auto *width = panel.findChild<QSlider *>(QStringLiteral("widthSlider"));
    QVERIFY(width);
    QCOMPARE(width->maximum(), ControlPanel::kMaxWidth);
    QCOMPARE(panel.depthSlider()->maximum(), ControlPanel::kMaxDepth);
    width->setValue(33);
    QCOMPARE(spy.last().at(0).value<TrainingConfig>().width, 33);
    QCOMPARE(spy.last().at(0).value<TrainingConfig>().depth, 9);
}

void TestControls::panelKeepsAlphaValidAcrossActivations()
{
    ControlPanel panel;
    QSignalSpy spy(&panel, &ControlPanel::configChanged);
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("activationCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), int(allActivations().size()));
    combo->setCurrentIndex(combo->findData(int(Activation::Elu)));
    panel.alphaControl()->spinBox()->setValue(2.5);
    QCOMPARE(panel.config().alpha, 2.5);
    combo->setCurrentIndex(combo->findData(int(Activation::LeakyRelu)));
    QCOMPARE(panel.config().alpha, 1.0); // clamped into leaky's [0, 1]
    QCOMPARE(panel.alphaControl()->value(), 1.0);
    for (const QList<QVariant> &args : spy)
        QCOMPARE(QString::fromStdString(validateConfig(args.at(0).value<TrainingConfig>())),
                 QString());
}

void TestControls::panelSetConfigEmitsNothing()
{
    ControlPanel panel;
    QSignalSpy config(&panel, &ControlPanel::configChanged);
    QSignalSpy speed(&panel, &ControlPanel::speedChanged);
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.2;
    c.depth = 30;
    c.learningRate = 0.0123; // between slider positions: kept exactly
    c.seed = 9007199254740991ULL;
    panel.setConfig(c);
    panel.setSpeed(100);
    QCOMPARE(config.count(), 0);
    QCOMPARE(speed.count(), 0);
    QVERIFY(panel.config() == c);
    QCOMPARE(panel.speed(), 100);
    QCOMPARE(panel.alphaControl()->value(), 0.2);
}

void TestControls::panelLabelsShowValuesAndHaveMnemonics()
{
    ControlPanel panel;
    TrainingConfig c;
    c.depth = 7;
    c.learningRate = 0.003;
    panel.setConfig(c);
    std::set<QChar> mnemonics;
    int buddies = 0;
    QStringList texts;
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (!label->buddy())
            continue;
        ++buddies;
        texts << label->text();
        const qsizetype amp = label->text().indexOf(QLatin1Char('&'));
        QVERIFY2(amp >= 0, qPrintable(label->text()));
        const QChar key = label->text().at(amp + 1).toLower();
        QVERIFY2(mnemonics.insert(key).second, qPrintable(label->text())); // unique
        QVERIFY2(!label->buddy()->toolTip().isEmpty(), qPrintable(label->text()));
        // The menus use Alt+F, T, L, V, H.
        QVERIFY(!QStringLiteral("ftlvh").contains(key));
    }
    QCOMPARE(buddies, 15);
    QVERIFY(texts.contains(QStringLiteral("&Depth: 7 hidden layers")));
    QVERIFY(texts.contains(QStringLiteral("Learning &rate: 0.003")));
}

void TestControls::panelResetToDefaults()
{
    ControlPanel panel;
    TrainingConfig c;
    c.depth = 20;
    c.dataset = DatasetKind::Spiral;
    panel.setConfig(c);
    panel.setSpeed(5);
    QSignalSpy spy(&panel, &ControlPanel::configChanged);
    QSignalSpy speed(&panel, &ControlPanel::speedChanged);
    panel.resetToDefaults();
    QCOMPARE(spy.count(), 1);
    QVERIFY(spy.last().at(0).value<TrainingConfig>() == TrainingConfig{});
    QCOMPARE(speed.last().at(0).toInt(), ControlPanel::kDefaultSpeed);
    QCOMPARE(panel.depthSlider()->value(), 4);
}

QTEST_MAIN(TestControls)
void TestControls::messagesShowMarkupAsTyped()
{
    // A file name that looks like HTML must be shown as typed, not rendered (or swallowed).
    const QString text = QStringLiteral("<b>lesson</b>.json: not found");
    QString shown;
    Qt::TextFormat format = Qt::RichText;
    QTimer::singleShot(0, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        shown = box->text();
        format = box->textFormat();
        box->button(QMessageBox::No)->click();
    });
    const auto answer = showPlainMessage(nullptr, QMessageBox::Question, QStringLiteral("Export"),
                                         text, QMessageBox::Yes | QMessageBox::No);
    QCOMPARE(answer, QMessageBox::No);
    QCOMPARE(shown, text);
    QCOMPARE(format, Qt::PlainText);
}

#include "test_controls.moc"
