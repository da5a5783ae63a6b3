// SPDX-License-Identifier: MIT
// The printable handout in-process (handout.h): the texts it prints and leaves out, the link or
// command, long texts flowing onto a second page, and a bad path that writes nothing. The PDF's
// text is read back without poppler (pdf_text.h).
#include "config_json.h"
#include "handout.h"
#include "lesson_info.h"
#include "offscreen_export.h"
#include "pdf_text.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace relulab;
using relulab::pdftest::pdfText;
using relulab::pdftest::squeezed;

namespace {

int pageCount(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
    return int(QString::fromLatin1(pdf).count(page));
}

} // namespace

class TestHandout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(lessonInfo(QStringLiteral("dying-relu"), m_lesson).isEmpty());
        m_frame = trainOffscreen(m_lesson.settings, 10);
    }

    void studentAndTeacherTexts()
    {
        const HandoutText text = handoutText(m_lesson);
        QVERIFY(text.setupIsLink);
        QVERIFY(text.setup.startsWith(QStringLiteral("relulab://open?preset=dying-relu")));
        QString error;
        const QString student = squeezed(pdfText(renderHandout(text, *m_frame, false, &error)));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(student.contains(squeezed(m_lesson.title)));
        QVERIFY(student.contains(squeezed(m_lesson.question)));
        QVERIFY(student.contains(squeezed(m_lesson.lookFor).left(60)));
        QVERIFY(!student.contains(squeezed(m_lesson.teacherNotes).left(40)));
        QVERIFY(!student.contains(squeezed(m_lesson.why).left(40)));
        const QString teacher = squeezed(pdfText(renderHandout(text, *m_frame, true)));
        QVERIFY(teacher.contains(squeezed(m_lesson.teacherNotes).left(40)));
        QVERIFY(teacher.contains(squeezed(m_lesson.why).left(40)));
    }

    void withoutALessonTheTitleIsGeneric()
    {
        const HandoutText text = handoutText(m_frame->config);
        QVERIFY(text.setupIsLink);
        const QString pdf = squeezed(pdfText(renderHandout(text, *m_frame, false)));
        QVERIFY(pdf.contains(squeezed(QStringLiteral("ReLU Lab: the current setup"))));
        QVERIFY(pdf.contains(QStringLiteral("relulab://open?")));
    }

    void aFileLessonPrintsItsCommand()
    {
        LessonInfo lesson = m_lesson;
        lesson.fileObject = QJsonObject{{QStringLiteral("name"), QStringLiteral("mine")}};
        lesson.name = QStringLiteral("mine");
        const HandoutText text = handoutText(lesson, QStringLiteral("lessons/mine.json"));
        QVERIFY(!text.setupIsLink);
        QVERIFY(text.setup.contains(QStringLiteral("relulab --lesson lessons/mine.json")));
    }

    void longTextsFlowOntoASecondPage()
    {
        HandoutText text = handoutText(m_lesson);
        const QByteArray before = renderHandout(text, *m_frame, true);
        const int pages = pageCount(before);
        QVERIFY(pages >= 1);
        // A long note ends on a later page, whole: nothing is shrunk, cut or printed twice.
        // ("note." is counted: a sentence split at a page break has the footer in between.)
        // Longer than a page, so that it cannot fit in what the answer's rules took.
        text.teacherNotes = QStringLiteral("A long note. ").repeated(900) + QStringLiteral("END.");
        const QByteArray pdf = renderHandout(text, *m_frame, true);
        QVERIFY(pageCount(pdf) > pages);
        const QString all = squeezed(pdfText(pdf));
        QVERIFY(all.contains(QStringLiteral("page%1of%2").arg(pages + 1).arg(pageCount(pdf))));
        QCOMPARE(all.count(QStringLiteral("note.")),
                 squeezed(pdfText(before)).count(QStringLiteral("note.")) + 900);
        QVERIFY(all.contains(QStringLiteral("END.")));
    }

    void aBadPathWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/handout.pdf"));
        const QString error = writeHandout(path, handoutText(m_lesson), *m_frame, false);
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        QVERIFY(writeHandout(dir.path(), handoutText(m_lesson), *m_frame, false).size() > 0);

        const QString good = dir.filePath(QStringLiteral("handout.pdf"));
        QCOMPARE(writeHandout(good, handoutText(m_lesson), *m_frame, false), QString());
        QFile file(good);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("%PDF-"));
    }

private:
    LessonInfo m_lesson;
    FramePtr m_frame;
};

QTEST_MAIN(TestHandout)
#include "test_handout.moc"
