// SPDX-License-Identifier: MIT
// relulab's command line: every option, and bad input as one clear error (exit 2 in main).
#include "config_json.h"
#include "gui_options.h"

#include <QTemporaryDir>
#include <QTest>

using namespace relulab;
using Action = GuiParseResult::Action;

class TestGuiOptions : public QObject
{
    Q_OBJECT

private slots:
    void noArgumentsKeepsSavedSettings();
    void setEditsSavedSettings();
    void presetStartsFromTheLesson();
    void configFileAndSetOverride();
    void helpAndVersion();
    void speedAndMeasure();
    void badInput_data();
    void badInput();

private:
    static GuiParseResult parse(QStringList args, const TrainingConfig &saved = {})
    {
        args.prepend(QStringLiteral("relulab"));
        return parseGuiArguments(args, saved);
    }
};

void TestGuiOptions::noArgumentsKeepsSavedSettings()
{
    TrainingConfig saved;
    saved.depth = 11;
    const GuiParseResult r = parse({}, saved);
    QCOMPARE(r.action, Action::Run);
    QVERIFY(r.options.config == saved);
    QVERIFY(!r.options.fromCommandLine);
    QVERIFY(!r.options.startPaused);
}

void TestGuiOptions::setEditsSavedSettings()
{
    TrainingConfig saved;
    saved.depth = 11;
    const GuiParseResult r =
        parse({QStringLiteral("--set"), QStringLiteral("activation=leaky_relu"),
               QStringLiteral("--set"), QStringLiteral("alpha=0.3"), QStringLiteral("--paused")},
              saved);
    QCOMPARE(r.action, Action::Run);
    QCOMPARE(r.options.config.depth, 11);
    QCOMPARE(r.options.config.activation, Activation::LeakyRelu);
    QCOMPARE(r.options.config.alpha, 0.3);
    QVERIFY(r.options.fromCommandLine);
    QVERIFY(r.options.startPaused);
}

void TestGuiOptions::presetStartsFromTheLesson()
{
    const QString name = presetNames().back();
    TrainingConfig expected;
    QCOMPARE(loadPreset(name, expected), QString());
    TrainingConfig saved;
    saved.depth = 11; // must not leak into the lesson
    const GuiParseResult r = parse({QStringLiteral("--preset"), name}, saved);
    QCOMPARE(r.action, Action::Run);
    QVERIFY(r.options.config == expected);
    QCOMPARE(r.options.lesson, name);
}

void TestGuiOptions::configFileAndSetOverride()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"depth": 6, "dataset": "spiral"})");
    file.close();
    const GuiParseResult r = parse(
        {QStringLiteral("--config"), path, QStringLiteral("--set"), QStringLiteral("depth=8")});
    QCOMPARE(r.action, Action::Run);
    QCOMPARE(r.options.config.depth, 8);
    QCOMPARE(r.options.config.dataset, DatasetKind::Spiral);
}

void TestGuiOptions::helpAndVersion()
{
    GuiParseResult r = parse({QStringLiteral("--help")});
    QCOMPARE(r.action, Action::Help);
    QVERIFY(r.text.contains(QStringLiteral("--preset NAME")));
    r = parse({QStringLiteral("--version")});
    QCOMPARE(r.action, Action::Version);
    QVERIFY(r.text.startsWith(QStringLiteral("relulab ")));
}

void TestGuiOptions::speedAndMeasure()
{
    GuiParseResult r = parse({});
    QCOMPARE(r.action, Action::Run);
    QVERIFY(!r.options.speed);
    QCOMPARE(r.options.measureSeconds, 0.0);

    r = parse({"--speed", "max", "--measure", "2.5"});
    QCOMPARE(r.action, Action::Run);
    QCOMPARE(r.options.speed, std::optional<int>(0)); // 0: as fast as possible
    QCOMPARE(r.options.measureSeconds, 2.5);

    r = parse({"--speed", "200", "--preset", "default"});
    QCOMPARE(r.action, Action::Run);
    QCOMPARE(r.options.speed, std::optional<int>(200));
    QCOMPARE(r.options.lesson, QStringLiteral("default"));
}

void TestGuiOptions::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("unknown key") << QStringList{"--set", "foo=1"} << "foo";
    QTest::addRow("out of range") << QStringList{"--set", "depth=999"} << "depth";
    QTest::addRow("not a number") << QStringList{"--set", "width=abc"} << "width";
    QTest::addRow("unknown preset") << QStringList{"--preset", "nope"} << "nope";
    QTest::addRow("missing file") << QStringList{"--config", "/nonexistent/x.json"}
                                  << "/nonexistent/x.json";
    QTest::addRow("preset and config")
        << QStringList{"--preset", "default", "--config", "x.json"} << "--preset";
    QTest::addRow("unknown option") << QStringList{"--bogus"} << "bogus";
    QTest::addRow("positional") << QStringList{"extra"} << "extra";
    QTest::addRow("alpha for leaky")
        << QStringList{"--set", "activation=leaky_relu", "--set", "alpha=2"} << "alpha";
    QTest::addRow("speed zero") << QStringList{"--speed", "0"} << "--speed";
    QTest::addRow("speed negative") << QStringList{"--speed", "-5"} << "--speed";
    QTest::addRow("speed too high") << QStringList{"--speed", "1000001"} << "1000001";
    QTest::addRow("speed word") << QStringList{"--speed", "fast"} << "fast";
    QTest::addRow("speed fraction") << QStringList{"--speed", "2.5"} << "2.5";
    QTest::addRow("speed twice") << QStringList{"--speed", "5", "--speed", "max"} << "--speed";
    QTest::addRow("measure zero") << QStringList{"--measure", "0"} << "--measure";
    QTest::addRow("measure word") << QStringList{"--measure", "long"} << "long";
    QTest::addRow("measure nan") << QStringList{"--measure", "nan"} << "--measure";
    QTest::addRow("measure too long") << QStringList{"--measure", "3601"} << "3601";
    QTest::addRow("measure paused") << QStringList{"--measure", "1", "--paused"} << "--paused";
}

void TestGuiOptions::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const GuiParseResult r = parse(args);
    QCOMPARE(r.action, Action::Error);
    QVERIFY2(r.text.contains(mentions), qPrintable(r.text));
    QVERIFY(!r.text.contains(QLatin1Char('\n')));
}

QTEST_MAIN(TestGuiOptions)
#include "test_gui_options.moc"
