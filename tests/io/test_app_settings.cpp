// SPDX-License-Identifier: MIT
// What the window remembers: typed keys round-trip, and a bad stored config falls back to the
// defaults instead of half-applying.
#include "app_settings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace relulab;

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void missingOrBrokenConfigGivesDefaults();
    void clearForgetsEverything();

private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
};

void TestAppSettings::roundTrip()
{
    TrainingConfig config;
    config.activation = Activation::Elu;
    config.alpha = 2.5;
    config.depth = 17;
    config.learningRate = 0.0123;
    config.seed = 9007199254740991ULL;
    {
        AppSettings settings(path("a.ini"));
        QVERIFY(!settings.hasTrainingConfig());
        settings.setTrainingConfig(config);
        settings.setSpeed(500);
        settings.setLesson(QStringLiteral("dying-relu"));
        settings.setWindowGeometry(QByteArray("\x01\x02\x00\x03", 4));
        settings.setPresentationMode(true);
        QVERIFY(settings.sync());
    }
    AppSettings settings(path("a.ini"));
    QVERIFY(settings.hasTrainingConfig());
    QVERIFY(settings.trainingConfig() == config);
    QCOMPARE(settings.speed(), 500);
    QCOMPARE(settings.lesson(), QStringLiteral("dying-relu"));
    QCOMPARE(settings.windowGeometry(), QByteArray("\x01\x02\x00\x03", 4));
    QVERIFY(settings.presentationMode());
}

void TestAppSettings::missingOrBrokenConfigGivesDefaults()
{
    AppSettings empty(path("empty.ini"));
    QVERIFY(empty.trainingConfig() == TrainingConfig{});
    QCOMPARE(empty.speed(), 0);
    {
        QSettings raw(path("broken.ini"), QSettings::IniFormat);
        raw.setValue(QLatin1String(AppSettings::kTrainingConfig.name),
                     QStringLiteral(R"({"depth": 9, "alpha": 7})"));
    }
    AppSettings broken(path("broken.ini"));
    QVERIFY(broken.trainingConfig() == TrainingConfig{}); // not depth 9 with the alpha dropped
    {
        QSettings raw(path("garbage.ini"), QSettings::IniFormat);
        raw.setValue(QLatin1String(AppSettings::kTrainingConfig.name), QStringLiteral("{nope"));
    }
    QVERIFY(AppSettings(path("garbage.ini")).trainingConfig() == TrainingConfig{});
}

void TestAppSettings::clearForgetsEverything()
{
    AppSettings settings(path("c.ini"));
    TrainingConfig config;
    config.depth = 3;
    settings.setTrainingConfig(config);
    settings.clear();
    QVERIFY(!settings.hasTrainingConfig());
    QVERIFY(settings.trainingConfig() == TrainingConfig{});
}

QTEST_MAIN(TestAppSettings)
#include "test_app_settings.moc"
