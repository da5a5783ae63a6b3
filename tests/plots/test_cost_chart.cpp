// SPDX-License-Identifier: MIT
// The cost chart shows exactly the numbers of the report it is given, under the right names.
#include "cost_chart.h"
#include "cost_measure.h"

#include <QTest>

#include <algorithm>

using namespace relulab;

class TestCostChart : public QObject
{
    Q_OBJECT

private slots:
    void barsShowTheReportedNumbers();
    void barsSitAtTheirActivationsNames();
    void timesBelowTheAxisFloorSitOnIt();
    void aNewReportReplacesTheOld();
    void captionShowsTheAnswer();
    void themeAndScaleRestyle();
};

namespace {

// Chosen so every share is exact in binary: the chart must show these numbers, not near them.
struct Row
{
    Activation activation;
    double forwardNs, backwardNs, stepNs, stepShare;
    double act, mm, other; // the expected bars, in % of one step (matmulNs = 500)
};
const Row kRows[] = {
    {Activation::Relu, 0.5, 1.25, 1000, 0.125, 12.5, 50, 37.5},
    {Activation::LeakyRelu, 0.75, 1.5, 2000, 0.25, 25, 25, 50},
    {Activation::Gelu, 4.25, 9.5, 1000, 0.375, 37.5, 50, 12.5},
    {Activation::Tanh, 3.0, 6.0, 4000, 0.0625, 6.25, 12.5, 81.25},
};

CostReport report()
{
    CostReport r;
    r.matmulNs = 500;
    for (const Row &row : kRows) {
        ActivationCost cost;
        cost.activation = row.activation;
        cost.forwardNs = row.forwardNs;
        cost.backwardNs = row.backwardNs;
        cost.stepNs = row.stepNs;
        cost.stepShare = row.stepShare;
        r.activations.push_back(cost);
    }
    return r;
}

// Where the chart puts `a`: its place in allActivations(), from 1.
double keyOf(Activation a)
{
    const auto all = allActivations();
    return double(std::find(all.begin(), all.end(), a) - all.begin() + 1);
}

QMap<double, QString> tickLabels(const QCPBars *bars)
{
    auto ticker = bars->keyAxis()->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks() : QMap<double, QString>();
}

} // namespace

void TestCostChart::barsShowTheReportedNumbers()
{
    CostChart chart;
    chart.setReport(report());
    const int n = int(std::size(kRows));
    for (QCPBars *bars : {chart.forwardBars(), chart.backwardBars(), chart.activationShareBars(),
                          chart.matmulShareBars(), chart.otherShareBars()})
        QCOMPARE(bars->data()->size(), n);
    for (int i = 0; i < n; ++i) {
        const Row &row = kRows[i];
        const double key = keyOf(row.activation);
        QCOMPARE(chart.forwardBars()->data()->at(i)->key, key);
        QCOMPARE(chart.forwardBars()->data()->at(i)->value, row.forwardNs);
        QCOMPARE(chart.backwardBars()->data()->at(i)->key, key);
        QCOMPARE(chart.backwardBars()->data()->at(i)->value, row.backwardNs);
        QCOMPARE(chart.activationShareBars()->data()->at(i)->key, key);
        QCOMPARE(chart.activationShareBars()->data()->at(i)->value, row.act);
        QCOMPARE(chart.matmulShareBars()->data()->at(i)->value, row.mm);
        QCOMPARE(chart.otherShareBars()->data()->at(i)->value, row.other);
    }
    // The log axis reaches twice the slowest time, from the floor the bars start at.
    QCOMPARE(chart.nsAxis()->range().lower, CostChart::kMinNs);
    QCOMPARE(chart.nsAxis()->range().upper, 2 * 9.5);
    QCOMPARE(chart.shareAxis()->range().upper, 100.0);
}

void TestCostChart::barsSitAtTheirActivationsNames()
{
    CostChart chart;
    chart.setReport(report());
    // Every activation is named, short enough for eleven to fit ("PReLU", not its note).
    const QStringList expected = {
        QStringLiteral("ReLU"),    QStringLiteral("Leaky ReLU"), QStringLiteral("PReLU"),
        QStringLiteral("ELU"),     QStringLiteral("SELU"),       QStringLiteral("GELU"),
        QStringLiteral("SiLU"),    QStringLiteral("Softplus"),   QStringLiteral("tanh"),
        QStringLiteral("Sigmoid"), QStringLiteral("Linear")};
    QCOMPARE(qsizetype(allActivations().size()), expected.size());
    for (const QCPBars *bars : {chart.forwardBars(), chart.activationShareBars()}) {
        const QMap<double, QString> labels = tickLabels(bars);
        QCOMPARE(labels.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(labels.value(double(i + 1)), expected[i]);
    }
    // The bars of each measured activation stand at its own label.
    const QMap<double, QString> labels = tickLabels(chart.forwardBars());
    QCOMPARE(labels.value(chart.forwardBars()->data()->at(1)->key), QStringLiteral("Leaky ReLU"));
    QCOMPARE(labels.value(chart.forwardBars()->data()->at(3)->key), QStringLiteral("tanh"));
}

void TestCostChart::timesBelowTheAxisFloorSitOnIt()
{
    CostReport r = report();
    r.activations[0].forwardNs = CostChart::kMinNs / 10; // a log axis has no 0
    CostChart chart;
    chart.setReport(r);
    QCOMPARE(chart.forwardBars()->data()->at(0)->value, CostChart::kMinNs);
    QCOMPARE(chart.backwardBars()->data()->at(0)->value, kRows[0].backwardNs);
}

void TestCostChart::aNewReportReplacesTheOld()
{
    CostChart chart;
    chart.setReport(report());
    CostReport fewer = report();
    fewer.activations.resize(1);
    fewer.activations[0].backwardNs = 0.75; // both times below 1 ns
    chart.setReport(fewer);
    QCOMPARE(chart.forwardBars()->data()->size(), 1);
    QCOMPARE(chart.otherShareBars()->data()->size(), 1);
    QCOMPARE(chart.forwardBars()->data()->at(0)->value, kRows[0].forwardNs);
    QCOMPARE(chart.backwardBars()->data()->at(0)->value, 0.75);
    QCOMPARE(chart.nsAxis()->range().upper, 2.0); // twice 1 ns: the axis never ends lower
}

void TestCostChart::captionShowsTheAnswer()
{
    CostChart chart;
    const QString shortAnswer = QStringLiteral("Leaky ReLU costs 0.4% more than ReLU.");
    chart.setCaption(shortAnswer);
    QCOMPARE(chart.caption(), shortAnswer);
    // A long answer is broken at spaces into lines that fit, and loses no word.
    QStringList words;
    for (int i = 0; i < 60; ++i)
        words << QStringLiteral("word%1").arg(i);
    const QString longAnswer = words.join(QLatin1Char(' '));
    chart.setCaption(longAnswer);
    const QStringList lines = chart.caption().split(QLatin1Char('\n'));
    QVERIFY(lines.size() > 1);
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 110, qPrintable(line));
    QCOMPARE(lines.join(QLatin1Char(' ')), longAnswer);
}

void TestCostChart::themeAndScaleRestyle()
{
    CostChart chart;
    const int legendPoints = chart.legend->font().pointSize();
    chart.setTheme(Theme::Dark);
    QCOMPARE(chart.theme(), Theme::Dark);
    QCOMPARE(chart.legend->textColor(), PlotStyle(1.0, Theme::Dark).ink());
    chart.setPresentationScale(1.5);
    QCOMPARE(chart.presentationScale(), 1.5);
    QCOMPARE(chart.theme(), Theme::Dark); // the scale keeps the theme
    QVERIFY(chart.legend->font().pointSize() > legendPoints);
    QCOMPARE(chart.nsAxis()->tickLabelFont(), PlotStyle(1.5, Theme::Dark).tickFont());
}

QTEST_MAIN(TestCostChart)
#include "test_cost_chart.moc"
