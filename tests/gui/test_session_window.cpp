// SPDX-License-Identifier: MIT
// Sessions in the real window: save → open restores the settings, the lesson and its unlocked
// keys and the step count, and training then continues exactly as an uninterrupted run; a bad
// file shows one message and changes nothing; recent files, drag-and-drop and the command line.
#include "compare_controller.h"
#include "control_panel.h"
#include "gui_options.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "main_window.h"
#include "plot_base.h"
#include "plot_grid.h"
#include "session_controller.h"
#include "session_file.h"
#include "trainer.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>
#include <memory>

using namespace relulab;

class TestSessionWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void roundTripContinuesTrainingExactly();
    void compareModeRoundTripsWithBothRuns();
    void badFilesShowOneMessageAndChangeNothing();
    void recentFilesUpdate();
    void dropOpensSession();
    void commandLineTakesSessionFile();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    [[nodiscard]] bool writeFile(const QString &name, const QByteArray &bytes);
    SessionController *sessions() const { return m_window->sessionController(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestSessionWindow::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
}

bool TestSessionWindow::writeFile(const QString &name, const QByteArray &bytes)
{
    QFile file(path(name));
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == qint64(bytes.size());
}

void TestSessionWindow::roundTripContinuesTrainingExactly()
{
    constexpr int kSaved = 30, kMore = 20;
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("why-not-linear")), QString());
    LessonInfo info;
    QCOMPARE(lessonInfo(QStringLiteral("why-not-linear"), info), QString());
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config == info.settings && f.snapshot.step == 0;
    }));
    m_window->lessonController()->setUnlocked(true);
    QVERIFY(stepAndWait(*m_window, kSaved));
    const QString file = path(QStringLiteral("lesson.relulab"));
    QCOMPARE(sessions()->saveTo(file), QString());
    QCOMPARE(sessions()->currentFile(), file);

    // Somewhere else entirely: another lesson, other settings, other steps.
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("born-dead")), QString());
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) {
        return f.config.width == 3 && f.snapshot.step == 0;
    }));
    QVERIFY(stepAndWait(*m_window, 3));
    QVERIFY(!m_window->lessonController()->isUnlocked());

    QCOMPARE(sessions()->openFrom(file), QString());
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("why-not-linear"));
    QVERIFY(m_window->lessonController()->isUnlocked());
    QVERIFY(m_window->controlPanel()->lockedKeys().isEmpty());
    QVERIFY(m_window->controlPanel()->config() == info.settings);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config == info.settings && f.snapshot.step == kSaved;
    }));
    QVERIFY(stepAndWait(*m_window, kMore));

    // The reference: one uninterrupted run of kSaved + kMore steps.
    Trainer reference(info.settings);
    reference.train(kSaved + kMore);
    const Snapshot expected = reference.snapshot();
    const FramePtr shown = m_window->shownFrame();
    QCOMPARE(shown->snapshot.step, expected.step);
    QVERIFY2(std::abs(shown->snapshot.loss - expected.loss) <= 1e-6 * std::abs(expected.loss),
             qPrintable(QStringLiteral("%1 vs %2").arg(shown->snapshot.loss).arg(expected.loss)));
    // And bit for bit: the parameters saved now equal the reference's.
    const QString again = path(QStringLiteral("again.relulab"));
    QCOMPARE(sessions()->saveTo(again), QString());
    Session reread;
    QCOMPARE(loadSession(again, reread), QString());
    QVERIFY(reread.state);
    QCOMPARE(reread.state->step, std::int64_t(kSaved + kMore));
    const TrainerState want = reference.state();
    QCOMPARE(reread.state->params.size(), want.params.size());
    for (size_t l = 0; l < want.params.size(); ++l) {
        QVERIFY(reread.state->params[l].W == want.params[l].W);
        QVERIFY(reread.state->params[l].b == want.params[l].b);
    }
}

void TestSessionWindow::compareModeRoundTripsWithBothRuns()
{
    constexpr int kSaved = 25, kMore = 10;
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    LessonInfo info;
    QCOMPARE(lessonInfo(QStringLiteral("dying-relu"), info), QString());
    CompareController *compare = m_window->compareController();
    ConfigOverrides overrides;
    QVERIFY(overrides.set("activation", "leaky_relu").empty());
    QVERIFY(overrides.set("alpha", "0.05").empty());
    compare->setOverrides(overrides);
    compare->setEnabled(true);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.compare && f.config == info.settings && f.snapshot.step == 0;
    }));
    QVERIFY(stepAndWait(*m_window, kSaved));
    m_window->plotGrid()->setCurrentPlot(QStringLiteral("gradients"));
    m_window->setTheoryOverlay(true);
    const QString file = path(QStringLiteral("compare.relulab"));
    QCOMPARE(sessions()->saveTo(file), QString());
    Session saved;
    QCOMPARE(loadSession(file, saved), QString());
    QVERIFY(saved.compare);
    QVERIFY(saved.compareState);
    QCOMPARE(saved.compareState->step, std::int64_t(kSaved));
    QCOMPARE(saved.compareConfig.activation, Activation::LeakyRelu);
    QCOMPARE(saved.compareConfig.alpha, 0.05);
    QCOMPARE(saved.view.selectedPlot, QStringLiteral("gradients"));
    QVERIFY(saved.view.theoryOverlay);

    // Elsewhere: compare off, another plot selected, other steps.
    compare->setEnabled(false);
    m_window->plotGrid()->setCurrentPlot(QStringLiteral("loss"));
    m_window->setTheoryOverlay(false);
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return !f.compare; }));
    QVERIFY(stepAndWait(*m_window, 3));

    QCOMPARE(sessions()->openFrom(file), QString());
    QVERIFY(compare->settings().enabled);
    QVERIFY(compare->toggleAction()->isChecked());
    QCOMPARE(compare->settings().overrides, overrides);
    QCOMPARE(m_window->plotGrid()->currentPlot()->plotId(), QStringLiteral("gradients"));
    QVERIFY(m_window->theoryOverlay());
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.compare && f.snapshot.step == kSaved && f.compare->snapshot.step == kSaved;
    }));
    QVERIFY(stepAndWait(*m_window, kMore));

    // The reference: A and B trained side by side from A's initial weights, uninterrupted.
    TrainingConfig configB = info.settings;
    configB.activation = Activation::LeakyRelu;
    configB.alpha = 0.05;
    Trainer a(info.settings), b(configB);
    QVERIFY(b.copyWeightsFrom(a));
    a.train(kSaved + kMore);
    b.train(kSaved + kMore);
    const FramePtr shown = m_window->shownFrame();
    QVERIFY(shown->compare);
    QCOMPARE(shown->compare->snapshot.step, std::int64_t(kSaved + kMore));
    const double lossA = a.snapshot().loss, lossB = b.snapshot().loss;
    QVERIFY2(std::abs(shown->snapshot.loss - lossA) <= 1e-6 * std::abs(lossA),
             qPrintable(QStringLiteral("A %1 vs %2").arg(shown->snapshot.loss).arg(lossA)));
    QVERIFY2(
        std::abs(shown->compare->snapshot.loss - lossB) <= 1e-6 * std::abs(lossB),
        qPrintable(QStringLiteral("B %1 vs %2").arg(shown->compare->snapshot.loss).arg(lossB)));
}

void TestSessionWindow::badFilesShowOneMessageAndChangeNothing()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) {
        return f.config.learningRate == 0.3 && f.snapshot.step == 0;
    }));
    QVERIFY(stepAndWait(*m_window, 4));
    QCOMPARE(sessions()->saveTo(path(QStringLiteral("good.relulab"))), QString());
    QFile good(path(QStringLiteral("good.relulab")));
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray text = good.readAll();
    good.close();
    QVERIFY(stepAndWait(*m_window, 3));
    const TrainingConfig before = m_window->controlPanel()->config();

    QByteArray tooNew = text;
    tooNew.replace("\"version\": 1", "\"version\": 99");
    QVERIFY(tooNew != text);
    QVERIFY(writeFile(QStringLiteral("truncated.relulab"), text.left(text.size() / 2)));
    QVERIFY(writeFile(QStringLiteral("malformed.relulab"), "{ this is not json"));
    QVERIFY(writeFile(QStringLiteral("too-new.relulab"), tooNew));
    QVERIFY(writeFile(QStringLiteral("hostile.relulab"),
                      QByteArray(100000, '[') + QByteArray(100000, ']')));
    QVERIFY(writeFile(QStringLiteral("empty.relulab"), {}));

    for (const char *name : {"truncated.relulab", "malformed.relulab", "too-new.relulab",
                             "hostile.relulab", "empty.relulab", "missing.relulab"}) {
        const MessageBoxAnswerer boxes;
        QVERIFY(!sessions()->open(path(QLatin1String(name))));
        QCOMPARE(boxes.count(), 1);
        const QString boxText = boxes.lastText();
        QVERIFY2(boxText.contains(QLatin1String(name)), qPrintable(boxText));
        if (QLatin1String(name) == QLatin1String("too-new.relulab"))
            QVERIFY2(boxText.contains(QStringLiteral("newer")), qPrintable(boxText));
        QVERIFY(m_window->controlPanel()->config() == before);
        QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("dying-relu"));
        QCOMPARE(sessions()->currentFile(), path(QStringLiteral("good.relulab")));
        QVERIFY(stepAndWait(*m_window, 0));
        QCOMPARE(m_window->shownFrame()->snapshot.step, std::int64_t(7));
    }
    // After all that, training still goes on from where it was.
    QVERIFY(stepAndWait(*m_window, 1));
    QCOMPARE(m_window->shownFrame()->snapshot.step, std::int64_t(8));
}

void TestSessionWindow::recentFilesUpdate()
{
    QVERIFY(!sessions()->recentMenu()->isEnabled());
    for (int i = 0; i < SessionController::kMaxRecentFiles + 2; ++i)
        QCOMPARE(sessions()->saveTo(path(QStringLiteral("s%1.relulab").arg(i))), QString());
    const QStringList recent = sessions()->recentFiles();
    QCOMPARE(recent.size(), SessionController::kMaxRecentFiles);
    QCOMPARE(recent.front(), path(QStringLiteral("s%1.relulab").arg(9)));
    QVERIFY(!recent.contains(path(QStringLiteral("s0.relulab"))));
    QCOMPARE(sessions()->recentMenu()->actions().size(), SessionController::kMaxRecentFiles);
    QVERIFY(sessions()->recentMenu()->isEnabled());

    // Opening an older one moves it to the top; its menu entry opens it.
    const QString third = path(QStringLiteral("s3.relulab"));
    QAction *entry = nullptr;
    for (QAction *a : sessions()->recentMenu()->actions()) {
        if (a->data().toString() == third)
            entry = a;
    }
    QVERIFY(entry);
    entry->trigger();
    QCOMPARE(sessions()->currentFile(), third);
    QCOMPARE(sessions()->recentFiles().front(), third);
    QCOMPARE(sessions()->recentFiles().size(), SessionController::kMaxRecentFiles);
}

void TestSessionWindow::dropOpensSession()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("fewer-units")), QString());
    QVERIFY(waitForShown(*m_window, [this](const TrainingFrame &f) {
        return f.config == m_window->controlPanel()->config() && f.snapshot.step == 0;
    }));
    QVERIFY(stepAndWait(*m_window, 6));
    const QString file = path(QStringLiteral("dropped.relulab"));
    QCOMPARE(sessions()->saveTo(file), QString());
    m_window->resetSettingsToDefaults();
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) {
        return f.config == TrainingConfig{} && f.snapshot.step == 0;
    }));

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    const QPoint at = m_window->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("fewer-units"));
    QVERIFY(waitForShown(*m_window, [](const TrainingFrame &f) { return f.snapshot.step == 6; }));

    // Anything but one .relulab file is not taken.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(path(QStringLiteral("data.csv")))});
    QDragEnterEvent refuse(at, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refuse.setAccepted(false);
    QApplication::sendEvent(m_window.get(), &refuse);
    QVERIFY(!refuse.isAccepted());
}

void TestSessionWindow::commandLineTakesSessionFile()
{
    const QString file = path(QStringLiteral("cli.relulab"));
    QCOMPARE(sessions()->saveTo(file), QString());
    GuiParseResult parsed = parseGuiArguments({QStringLiteral("relulab"), file}, {});
    QCOMPARE(int(parsed.action), int(GuiParseResult::Action::Run));
    QCOMPARE(parsed.options.sessionFile, file);

    QVERIFY(writeFile(QStringLiteral("bad.relulab"), "{}"));
    parsed =
        parseGuiArguments({QStringLiteral("relulab"), path(QStringLiteral("bad.relulab"))}, {});
    QCOMPARE(int(parsed.action), int(GuiParseResult::Action::Error));
    QVERIFY(parsed.text.contains(QStringLiteral("bad.relulab")));
    parsed = parseGuiArguments(
        {QStringLiteral("relulab"), QStringLiteral("--preset"), QStringLiteral("born-dead"), file},
        {});
    QCOMPARE(int(parsed.action), int(GuiParseResult::Action::Error));

    // The window opens the file it is given.
    MainWindowOptions options;
    options.persistSettings = false;
    options.startPlaying = false;
    options.sessionFile = file;
    MainWindow window(TrainingConfig{}, options);
    QCOMPARE(window.sessionController()->currentFile(), file);
}

QTEST_MAIN(TestSessionWindow)
#include "test_session_window.moc"
