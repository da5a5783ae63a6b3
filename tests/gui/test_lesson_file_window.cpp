// SPDX-License-Identifier: MIT
// Teachers' own lesson files in the real window: opening one applies its settings and locks like
// a built-in lesson (the README's lesson among them), a bad file shows one message and changes
// nothing, drag-and-drop and --lesson FILE, Lessons → Recent lesson files kept in QSettings,
// a session that carries the lesson without its file, and pause_at stopping training there.
#include "app_settings.h"
#include "control_panel.h"
#include "gui_options.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "main_window.h"
#include "session_controller.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QJsonDocument>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace relulab;

namespace {

const QString kReadmeLesson =
    QStringLiteral(RELULAB_LESSON_TEST_DATA "/how-small-can-alpha-be.json");

} // namespace

class TestLessonFileWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void readmeLessonLoadsWithItsLocks();
    void badFileChangesNothingAndSaysWhy();
    void dropOpensLessonFile();
    void commandLineTakesLessonFile();
    void sessionCarriesTheFileLesson();
    void pauseAtStopsTrainingThere();
    void recentLessonsPersist();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString writeLesson(const QString &name, const QJsonObject &object);
    /// The README's lesson as an object, to write variants of it.
    QJsonObject readmeLesson() const;
    void checkReadmeLessonShown();

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonFileWindow::init()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
}

QString TestLessonFileWindow::writeLesson(const QString &name, const QJsonObject &object)
{
    QFile file(path(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(object).toJson());
    return file.fileName();
}

QJsonObject TestLessonFileWindow::readmeLesson() const
{
    QFile file(kReadmeLesson);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void TestLessonFileWindow::checkReadmeLessonShown()
{
    LessonInfo info;
    QCOMPARE(readLessonFile(kReadmeLesson, info), QString());
    ControlPanel *controls = m_window->controlPanel();
    QVERIFY(controls->config() == info.settings);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config == info.settings && f.snapshot.step == 0;
    }));
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("how-small-can-alpha-be"));
    QVERIFY(m_window->lessonController()->info().isFromFile());
    QVERIFY(m_window->lessonBanner()->isVisible());
    QVERIFY(m_window->lessonBanner()->text().contains(info.question));
    QVERIFY(m_window->lessonBanner()->unlockButton()->isVisible());
    // Its locks, as the README's lesson lists them; alpha and the activation stay free.
    for (const QString &key : info.locked) {
        if (QWidget *control = controls->controlForKey(key)) // not every key has its own
            QVERIFY2(!control->isEnabled(), qPrintable(key));
    }
    QCOMPARE(controls->lockedKeys(), info.locked);
    for (const char *key : {"activation", "alpha", "batch_size"})
        QVERIFY2(controls->controlForKey(QLatin1String(key))->isEnabled(), key);
    QVERIFY(controls->controlForKey(QStringLiteral("init_scale"))->isHidden());
    QVERIFY(!controls->controlForKey(QStringLiteral("depth"))->isHidden());
}

void TestLessonFileWindow::readmeLessonLoadsWithItsLocks()
{
    QVERIFY(stepAndWait(*m_window, 4)); // so the restart from step 0 shows
    MessageBoxAnswerer answerer;
    m_window->openLessonFile(kReadmeLesson);
    QCOMPARE(answerer.count(), 0);
    checkReadmeLessonShown();
    // Unlock and Reset lesson work as for a built-in lesson, from what was read.
    QTest::mouseClick(m_window->lessonBanner()->unlockButton(), Qt::LeftButton);
    QVERIFY(m_window->controlPanel()->controlForKey(QStringLiteral("depth"))->isEnabled());
    QTest::mouseClick(m_window->lessonBanner()->resetButton(), Qt::LeftButton);
    QVERIFY(!m_window->controlPanel()->controlForKey(QStringLiteral("depth"))->isEnabled());
}

void TestLessonFileWindow::badFileChangesNothingAndSaysWhy()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("born-dead")), QString());
    const TrainingConfig before = m_window->controlPanel()->config();
    const QStringList lockedBefore = m_window->controlPanel()->lockedKeys();

    QJsonObject outOfRange = readmeLesson();
    QJsonObject settings = outOfRange["settings"].toObject();
    settings["depth"] = 0;
    outOfRange["settings"] = settings;
    QJsonObject missing = readmeLesson();
    missing.remove("question");
    const QString big = path(QStringLiteral("big.json"));
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"title\": \"" + QByteArray(int(kMaxLessonFileBytes), 'x') + "\"}");
    }
    const QString malformed = path(QStringLiteral("malformed.json"));
    {
        QFile file(malformed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"title\": \"Half a lesson\",\n");
    }
    const QList<std::pair<QString, QString>> cases = {
        {writeLesson(QStringLiteral("range.json"), outOfRange),
         QStringLiteral("settings.depth: 0 is out of range 1..200")},
        {writeLesson(QStringLiteral("missing.json"), missing), QStringLiteral("question: missing")},
        {big, QStringLiteral("too big for a lesson file")},
        {malformed, QStringLiteral("malformed JSON")},
        {path(QStringLiteral("gone.json")), QStringLiteral("no such file")},
    };
    for (const auto &[file, expected] : cases) {
        MessageBoxAnswerer answerer;
        m_window->openLessonFile(file);
        QTRY_COMPARE(answerer.count(), 1);
        QVERIFY2(answerer.lastText().contains(file), qPrintable(answerer.lastText()));
        QVERIFY2(answerer.lastText().contains(expected), qPrintable(answerer.lastText()));
        QVERIFY(!answerer.lastText().contains(QLatin1Char('\n')));
        QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("born-dead"));
        QVERIFY(m_window->controlPanel()->config() == before);
        QCOMPARE(m_window->controlPanel()->lockedKeys(), lockedBefore);
        QVERIFY(m_window->lessonController()->recentLessons().isEmpty());
    }
}

void TestLessonFileWindow::dropOpensLessonFile()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kReadmeLesson)});
    const QPoint at = m_window->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(drop.isAccepted());
    checkReadmeLessonShown();

    // A dropped .json that is no lesson gets the message, and nothing changes.
    const QString settingsFile = path(QStringLiteral("run.json"));
    {
        QFile file(settingsFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"depth\": 3}");
    }
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(settingsFile)});
    QDragEnterEvent enterOther(at, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enterOther);
    QVERIFY(enterOther.isAccepted());
    MessageBoxAnswerer answerer;
    QDropEvent dropOther(QPointF(at), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &dropOther);
    QTRY_COMPARE(answerer.count(), 1);
    QVERIFY(answerer.lastText().contains(QStringLiteral("not a lesson")));
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("how-small-can-alpha-be"));
}

void TestLessonFileWindow::commandLineTakesLessonFile()
{
    LessonInfo info;
    QCOMPARE(readLessonFile(kReadmeLesson, info), QString());
    GuiParseResult parsed =
        parseGuiArguments({QStringLiteral("relulab"), QStringLiteral("--lesson"), kReadmeLesson,
                           QStringLiteral("--set"), QStringLiteral("alpha=0.05")},
                          {});
    QCOMPARE(int(parsed.action), int(GuiParseResult::Action::Run));
    QCOMPARE(parsed.options.lessonFile, kReadmeLesson);
    TrainingConfig expected = info.settings;
    expected.alpha = 0.05;
    QVERIFY(parsed.options.config == expected);

    for (const QStringList &bad :
         {QStringList{QStringLiteral("--lesson"), path(QStringLiteral("gone.json"))},
          QStringList{QStringLiteral("--lesson"), kReadmeLesson, QStringLiteral("--preset"),
                      QStringLiteral("cost")}}) {
        parsed = parseGuiArguments(QStringList{QStringLiteral("relulab")} + bad, {});
        QCOMPARE(int(parsed.action), int(GuiParseResult::Action::Error));
        QVERIFY(!parsed.text.contains(QLatin1Char('\n')));
    }

    // The window shows the lesson and its locks, with the command line's settings.
    MainWindowOptions options = testWindowOptions(false);
    options.lessonFile = kReadmeLesson;
    m_window = std::make_unique<MainWindow>(expected, options);
    QVERIFY(showWindow(*m_window));
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("how-small-can-alpha-be"));
    QVERIFY(m_window->controlPanel()->config() == expected);
    QVERIFY(!m_window->controlPanel()->controlForKey(QStringLiteral("depth"))->isEnabled());
}

void TestLessonFileWindow::sessionCarriesTheFileLesson()
{
    // A copy, so the file can go before the session is reopened.
    const QString file = writeLesson(QStringLiteral("copy.json"), readmeLesson());
    m_window->openLessonFile(file);
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("copy"));
    QTest::mouseClick(m_window->lessonBanner()->unlockButton(), Qt::LeftButton);
    const TrainingConfig config = m_window->controlPanel()->config();
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) { return f.config == config; }));
    QVERIFY(stepAndWait(*m_window, 3));
    const QString session = path(QStringLiteral("with-lesson.relulab"));
    QCOMPARE(m_window->sessionController()->saveTo(session), QString());
    QVERIFY(QFile::remove(file));

    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    QCOMPARE(m_window->sessionController()->openFrom(session), QString());
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("copy"));
    QVERIFY(m_window->lessonController()->info().isFromFile());
    QVERIFY(m_window->lessonController()->isUnlocked());
    QVERIFY(m_window->controlPanel()->config() == config);
    QVERIFY(
        m_window->lessonBanner()->text().contains(m_window->lessonController()->info().question));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 3; }));
    // Locked again, the lesson's locks are back: it came from the session, not the file.
    QTest::mouseClick(m_window->lessonBanner()->unlockButton(), Qt::LeftButton);
    QVERIFY(!m_window->controlPanel()->controlForKey(QStringLiteral("depth"))->isEnabled());
    QVERIFY(m_window->controlPanel()->controlForKey(QStringLiteral("init_scale"))->isHidden());
}

void TestLessonFileWindow::pauseAtStopsTrainingThere()
{
    QJsonObject lesson = readmeLesson();
    lesson["pause_at"] = 25;
    const QString file = writeLesson(QStringLiteral("pause.json"), lesson);
    m_window->openLessonFile(file);
    QCOMPARE(m_window->lessonController()->info().pauseAt, 25);
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 0; }));
    m_window->playPauseAction()->trigger();
    QVERIFY(waitForShown(
        *m_window, [](const TrainingFrame &f) { return !f.playing && f.snapshot.step == 25; }));
    QTest::qWait(200);
    QCOMPARE(m_window->shownFrame()->snapshot.step, 25); // still there
    // Play goes on past the pause point.
    m_window->playPauseAction()->trigger();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step > 40; }));
    m_window->playPauseAction()->trigger();

    // Another lesson without a pause point does not stop at 25.
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("default")), QString());
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 0; }));
    m_window->playPauseAction()->trigger();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step > 40; }));
}

void TestLessonFileWindow::recentLessonsPersist()
{
    m_window.reset();
    const QString first = writeLesson(QStringLiteral("first.json"), readmeLesson());
    const QString second = writeLesson(QStringLiteral("second.json"), readmeLesson());
    {
        MainWindowOptions options = testWindowOptions(false);
        options.persistSettings = true;
        MainWindow window(TrainingConfig{}, options);
        window.openLessonFile(first);
        window.openLessonFile(second);
        QCOMPARE(window.lessonController()->recentLessons(), (QStringList{second, first}));
    }
    AppSettings settings;
    QCOMPARE(settings.recentLessons(), (QStringList{second, first}));

    QVERIFY(QFile::remove(first));
    MainWindowOptions options = testWindowOptions(false);
    options.persistSettings = true;
    m_window = std::make_unique<MainWindow>(TrainingConfig{}, options);
    LessonController *lessons = m_window->lessonController();
    QCOMPARE(lessons->recentLessons(), (QStringList{second, first}));
    QMenu *recent = lessons->recentMenu();
    emit recent->aboutToShow();
    const QList<QAction *> entries = recent->actions();
    QVERIFY(entries.size() >= 3);
    QCOMPARE(entries[0]->text(), QStringLiteral("second.json"));
    QVERIFY(entries[0]->isEnabled());
    QCOMPARE(entries[1]->text(), QStringLiteral("first.json (file missing)"));
    QVERIFY(!entries[1]->isEnabled());
    entries[0]->trigger(); // rebuilds the menu: its actions are new ones now
    QCOMPARE(lessons->lesson(), QStringLiteral("second"));

    QAction *removeMissing = recent->actions().back();
    QCOMPARE(removeMissing->text(), QStringLiteral("Remove missing files"));
    removeMissing->trigger();
    QCOMPARE(lessons->recentLessons(), QStringList{second});
    QCOMPARE(AppSettings().recentLessons(), QStringList{second});
}

int main(int argc, char **argv)
{
    // The recent lessons live in QSettings: keep them in a scratch directory.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("relulab-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_lesson_file_window"));
    TestLessonFileWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_lesson_file_window.moc"
