// SPDX-License-Identifier: MIT
// The unit editor: what it shows of a frame, and the edits it asks for (values before and
// after), driven as a user would.
#include "training_diagnosis.h"
#include "unit_editor.h"

#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace relulab;

namespace {

/// Two hidden layers of three units over 2-D inputs; unit (1, 2) is dead since step 40.
TrainingFrame frame()
{
    TrainingFrame f;
    f.snapshot.step = 50;
    for (int l = 0; l < 2; ++l) {
        LayerMetrics m;
        m.index = l + 1;
        for (int u = 0; u < 3; ++u) {
            UnitMetrics unit;
            unit.aliveShare = 0.25 * (u + 1);
            unit.zMean = -0.5 + u;
            unit.zStd = 0.75;
            m.units.push_back(unit);
        }
        f.snapshot.layers.push_back(m);
    }
    UnitMetrics &dead = f.snapshot.layers[1].units[2];
    dead.aliveShare = 0;
    dead.dead = dead.negative = true;
    dead.diedAtStep = 40;
    auto w = std::make_shared<NetworkWeights>();
    w->W = {Eigen::MatrixXd::Constant(3, 2, 0.5), Eigen::MatrixXd::Constant(3, 3, -0.25),
            Eigen::MatrixXd::Constant(1, 3, 1.0)};
    w->b = {Eigen::VectorXd::Constant(3, 0.125), Eigen::VectorXd::Constant(3, -2.0),
            Eigen::VectorXd::Zero(1)};
    w->W[1](2, 1) = 0.75;
    f.weights = w;
    return f;
}

} // namespace

class TestUnitEditor : public QObject
{
    Q_OBJECT

private slots:
    void showsThePinnedUnitsValuesAndNumbers()
    {
        UnitEditor editor;
        editor.setUnit(1, 2);
        editor.showFrame(frame());
        QCOMPARE(editor.biasBox()->value(), -2.0);
        QCOMPARE(editor.weightBoxes().size(), 3);
        QCOMPARE(editor.weightBoxes()[1]->value(), 0.75);
        QVERIFY2(editor.statusText().contains(QStringLiteral("dead since step 40")),
                 qPrintable(editor.statusText()));
        editor.setUnit(0, 1);
        editor.showFrame(frame());
        QCOMPARE(editor.weightBoxes().size(), 2); // layer 1 has the two inputs
        QVERIFY2(editor.statusText().contains(QStringLiteral("alive on 50%")),
                 qPrintable(editor.statusText()));
    }

    void typingAWeightAsksForOneEditWithBeforeAndAfter()
    {
        UnitEditor editor;
        editor.setUnit(1, 2);
        editor.showFrame(frame());
        QSignalSpy edits(&editor, &UnitEditor::editRequested);
        QDoubleSpinBox *box = editor.weightBoxes()[0];
        box->setFocus();
        box->selectAll();
        QTest::keyClicks(box, QStringLiteral("1.5"));
        QCOMPARE(edits.count(), 0); // not while typing
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(edits.count(), 1);
        const auto before = edits[0][0].value<UnitEdit>();
        const auto after = edits[0][1].value<UnitEdit>();
        QCOMPARE(before.layer, 1);
        QCOMPARE(before.unit, 2);
        QCOMPARE(before.weights(0), -0.25);
        QCOMPARE(after.weights(0), 1.5);
        QCOMPARE(after.weights(1), 0.75);
        QCOMPARE(after.bias, -2.0);
    }

    void draggingTheBiasSendsTheSliderValue()
    {
        UnitEditor editor;
        editor.setUnit(1, 0);
        editor.showFrame(frame());
        QSignalSpy edits(&editor, &UnitEditor::editRequested);
        editor.biasSlider()->setValue(editor.biasSlider()->maximum());
        QCOMPARE(edits.count(), 1);
        const double span = std::max(UnitEditor::kBiasSpan, 2.0 * 2.0);
        QCOMPARE(edits[0][1].value<UnitEdit>().bias, span);
        QCOMPARE(editor.biasBox()->value(), span);
    }

    void aFrameDoesNotOverwriteWhatTheUserIsTyping()
    {
        UnitEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setUnit(1, 2);
        editor.showFrame(frame());
        QDoubleSpinBox *bias = editor.biasBox();
        bias->setFocus();
        QTRY_VERIFY(bias->hasFocus());
        bias->selectAll();
        QTest::keyClicks(bias, QStringLiteral("7"));
        TrainingFrame next = frame();
        auto w = std::make_shared<NetworkWeights>(*next.weights);
        w->b[1](2) = -3.0;
        next.weights = w;
        editor.showFrame(next);
        QCOMPARE(bias->text(), QStringLiteral("7"));
        QCOMPARE(editor.shownValues().bias, -3.0); // the new values are known all the same
    }

    void killReviveAndUnpinNameTheUnit()
    {
        UnitEditor editor;
        editor.setUnit(0, 1);
        editor.showFrame(frame());
        QSignalSpy kills(&editor, &UnitEditor::killRequested);
        QSignalSpy revives(&editor, &UnitEditor::reviveRequested);
        QSignalSpy unpins(&editor, &UnitEditor::unpinRequested);
        QVERIFY(!editor.reviveButton()->isEnabled()); // nothing to go back to yet
        editor.killButton()->click();
        QCOMPARE(kills.count(), 1);
        QCOMPARE(kills[0][0].toInt(), 0);
        QCOMPARE(kills[0][1].toInt(), 1);
        editor.setRevivable(true);
        editor.reviveButton()->click();
        QCOMPARE(revives.count(), 1);
        editor.setUnit(-1, -1);
        QVERIFY(!editor.killButton()->isVisibleTo(&editor));
    }

    void aUnitMissingFromTheFrameDisablesEditing()
    {
        UnitEditor editor;
        editor.setUnit(5, 0);
        editor.showFrame(frame());
        QVERIFY(!editor.biasBox()->isEnabled());
        QVERIFY(editor.statusText().contains(QStringLiteral("not in the network")));
    }

    void diagnosisNamesTheUnitsThatDiedFirst()
    {
        TrainingFrame f = frame();
        for (UnitMetrics &u : f.snapshot.layers[1].units) {
            u.dead = true;
            u.aliveShare = 0;
            u.diedAtStep = 60;
        }
        f.snapshot.layers[1].deadFraction = 1.0;
        f.snapshot.layers[1].units[2].diedAtStep = 40;
        f.snapshot.layers[1].units[0].diedAtStep = 40;
        f.layerDiedAtStep = {-1, 60};
        const TrainingDiagnosis d(f);
        QCOMPARE(d.kind(), TrainingDiagnosis::Kind::Dead);
        const std::vector<TrainingDiagnosis::DeadUnit> expected = {{2, 1, 40}, {2, 3, 40}};
        QVERIFY(d.firstDeadUnits() == expected);
        QVERIFY2(d.summary().contains(QStringLiteral("(step 40): layer 2 unit 1, layer 2 unit 3;")),
                 qPrintable(d.summary()));
    }
};

QTEST_MAIN(TestUnitEditor)
#include "test_unit_editor.moc"
