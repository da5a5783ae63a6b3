// SPDX-License-Identifier: MIT
// File → Export handout… in the window: the lesson shown, the dashboard of the step shown (the
// window trains nothing for it), a generic title without a lesson, and a bad path that writes
// nothing. The PDF's text is read back without poppler (pdf_text.h).
#include "config_json.h"
#include "export_controller.h"
#include "lesson_info.h"
#include "pdf_text.h"
#include "window_fixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace relulab;
using relulab::pdftest::pdfText;
using relulab::pdftest::squeezed;

namespace {

QString readPdfText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? squeezed(pdfText(file.readAll())) : QString();
}

} // namespace

class TestHandoutWindow : public QObject
{
    Q_OBJECT

private slots:
    void theLessonAndTheStepShown()
    {
        LessonInfo lesson;
        QVERIFY(lessonInfo(QStringLiteral("relu-vs-leaky"), lesson).isEmpty());
        MainWindowOptions options = testWindowOptions(false);
        options.lesson = lesson.name;
        MainWindow window(lesson.settings, options);
        QVERIFY(showWindow(window));
        QVERIFY(stepAndWait(window, 3));
        auto *exporter = window.findChild<ExportController *>();
        QVERIFY(exporter);
        QVERIFY(exporter->exportHandoutAction()->text().contains(QStringLiteral("handout")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("handout.pdf"));
        QCOMPARE(exporter->exportHandout(path, true), QString());
        const QString text = readPdfText(path);
        QVERIFY(text.contains(squeezed(lesson.title)));
        QVERIFY(text.contains(squeezed(lesson.question)));
        QVERIFY(text.contains(squeezed(lesson.teacherNotes).left(40)));
        QVERIFY2(
            text.contains(
                QStringLiteral("Thedashboardatstep%1").arg(window.shownFrame()->snapshot.step)),
            qPrintable(text.left(400)));

        const QString bad = dir.filePath(QStringLiteral("missing/handout.pdf"));
        const QString error = exporter->exportHandout(bad, false);
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(!QFileInfo::exists(bad));
    }

    void withoutALessonTheTitleIsGeneric()
    {
        MainWindow window(TrainingConfig{}, testWindowOptions(false));
        QVERIFY(showWindow(window));
        auto *exporter = window.findChild<ExportController *>();
        QVERIFY(exporter);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("handout.pdf"));
        QCOMPARE(exporter->exportHandout(path, false), QString());
        const QString text = readPdfText(path);
        QVERIFY(text.contains(squeezed(QStringLiteral("ReLU Lab: the current setup"))));
        QVERIFY(text.contains(QStringLiteral("Youranswer")));
    }
};

QTEST_MAIN(TestHandoutWindow)
#include "test_handout_window.moc"
