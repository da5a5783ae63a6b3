// SPDX-License-Identifier: MIT
// File → Open data… in the real window: a good CSV file becomes the training data (standardised
// or raw by choice); a bad one gets one message naming its line and the current data stays.
#include "control_panel.h"
#include "data_controller.h"
#include "lesson_controller.h"
#include "main_window.h"
#include "window_fixture.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace relulab;

class TestOwnData : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void goodFileBecomesTrainingData();
    void badFileShowsOneMessageNamingLine();
    void lockedLessonRefusesData();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestOwnData::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
}

QString TestOwnData::writeFile(const QString &name, const QByteArray &bytes)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

void TestOwnData::goodFileBecomesTrainingData()
{
    // Two well separated blobs far from the origin: raw, every input is around +50.
    QByteArray csv = "x1,x2,label\n";
    for (int i = 0; i < 40; ++i) {
        const int label = i % 2;
        csv += QByteArray::number(50 + 3 * label + 0.01 * i) + ',' +
               QByteArray::number(50 - 3 * label + 0.02 * (i % 7)) + ',' +
               QByteArray::number(label) + '\n';
    }
    const QString path = writeFile(QStringLiteral("blobs.csv"), csv);
    QVERIFY(!path.isEmpty());
    DataController *data = m_window->dataController();
    QVERIFY(data->standardizeAction()->isChecked());
    QCOMPARE(data->openFrom(path), QString());

    const TrainingConfig config = m_window->controlPanel()->config();
    QCOMPARE(config.dataset, DatasetKind::Csv);
    QCOMPARE(QString::fromStdString(config.dataFile), path);
    FramePtr frame = waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config.dataset == DatasetKind::Csv && f.snapshot.step == 0;
    });
    QVERIFY(frame);
    QVERIFY(frame->dataset);
    QCOMPARE(frame->dataset->trainX.rows(), Eigen::Index(2));
    // Standardised: inputs centred near 0, not near 50.
    QVERIFY(std::abs(frame->dataset->trainX.row(0).mean()) < 1.0);
    auto *combo = m_window->controlPanel()->findChild<QComboBox *>(QStringLiteral("datasetCombo"));
    QVERIFY(combo->currentText().contains(QStringLiteral("blobs.csv")));

    // Raw: the network sees the numbers as they are in the file.
    data->standardizeAction()->trigger();
    QVERIFY(!m_window->controlPanel()->config().standardize);
    frame = waitForShown(*m_window, [](const TrainingFrame &f) { return !f.config.standardize; });
    QVERIFY(frame);
    QVERIFY(frame->dataset->trainX.row(0).mean() > 40.0);
}

void TestOwnData::badFileShowsOneMessageNamingLine()
{
    m_window->stepAction()->trigger();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 1; }));
    const TrainingConfig before = m_window->controlPanel()->config();
    const QString text =
        writeFile(QStringLiteral("text.csv"), "x1,x2,label\n0,0,0\n1,1,1\n2,abc,0\n3,3,1\n");
    const QString columns = writeFile(QStringLiteral("columns.csv"), "0,0,0\n1,1,1,1\n");
    const QString oneClass =
        writeFile(QStringLiteral("one-class.csv"), "0,0,1\n1,1,1\n2,2,1\n3,3,1\n4,4,1\n");
    const QString empty = writeFile(QStringLiteral("empty.csv"), "");
    const QString missing = m_dir.filePath(QStringLiteral("missing.csv"));
    const std::pair<QString, QString> cases[] = {{text, QStringLiteral("line 4")},
                                                 {columns, QStringLiteral("line 2")},
                                                 {oneClass, QStringLiteral("both classes")},
                                                 {empty, QStringLiteral("no data rows")},
                                                 {missing, QStringLiteral("cannot open")}};
    for (const auto &[path, expected] : cases) {
        const MessageBoxAnswerer boxes;
        QVERIFY(!m_window->dataController()->open(path));
        QCOMPARE(boxes.count(), 1);
        const QString boxText = boxes.lastText();
        QVERIFY2(boxText.contains(expected), qPrintable(boxText));
        QVERIFY2(boxText.contains(QFileInfo(path).fileName()), qPrintable(boxText));
        QVERIFY(m_window->controlPanel()->config() == before);
    }
    QTest::qWait(100);
    QCOMPARE(m_window->shownFrame()->snapshot.step, std::int64_t(1));
    QVERIFY(m_window->shownFrame()->config == before);
}

void TestOwnData::lockedLessonRefusesData()
{
    const QString path = writeFile(QStringLiteral("line.csv"), "0,0\n1,1\n2,2\n3,3\n4,4\n");
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    const TrainingConfig lesson = m_window->controlPanel()->config();
    QVERIFY(m_window->dataController()->openFrom(path).contains(QStringLiteral("unlock")));
    QVERIFY(m_window->controlPanel()->config() == lesson);
    m_window->lessonController()->setUnlocked(true);
    QCOMPARE(m_window->dataController()->openFrom(path), QString());
    QCOMPARE(m_window->controlPanel()->config().dataset, DatasetKind::Csv);
}

QTEST_MAIN(TestOwnData)
#include "test_own_data.moc"
