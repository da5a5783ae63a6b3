// SPDX-License-Identifier: MIT
// Links in the real window: File → Copy link puts the setup on the clipboard, File → Open link…
// applies it, a link copied from one window and opened in a fresh one trains the same run bit
// for bit, and a bad link shows one message and changes nothing. Also `relulab URL`.
#include "compare_controller.h"
#include "gui_options.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "link_controller.h"
#include "main_window.h"
#include "setup_link.h"
#include "training_controller.h"
#include "view_controller.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace relulab;

namespace {

/// A frame of run A and run B at `step`, with the given settings.
bool atStep(const TrainingFrame &f, const TrainingConfig &config, std::int64_t step)
{
    return f.config == config && f.snapshot.step == step &&
           (!f.compare || f.compare->snapshot.step == step);
}

/// The File menu's action with this text (mnemonics removed).
QAction *fileAction(MainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        if (!menu->menu() || menu->text().remove(QLatin1Char('&')) != QLatin1String("File"))
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().remove(QLatin1Char('&')) == text)
                return action;
        }
    }
    return nullptr;
}

/// While it lives, fills the Open link dialog with `url` and accepts it.
class LinkDialogAnswerer
{
public:
    explicit LinkDialogAnswerer(QString url) : m_url(std::move(url))
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                m_prefilled = dialog->textValue();
                dialog->setTextValue(m_url);
                dialog->accept();
            }
        });
        m_timer.start();
    }
    QString prefilled() const { return m_prefilled; }

private:
    QString m_url;
    QString m_prefilled;
    QTimer m_timer;
};

} // namespace

class TestLinkWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void copyLinkPutsTheSetupOnTheClipboard();
    void openLinkAppliesTheWholeSetup();
    void aCopiedLinkTrainsTheSameRunInAFreshWindow();
    void badLinksShowOneMessageAndChangeNothing();
    void aSetupBeyondTheWindowIsNotCopied();
    void commandLineTakesALink();

private:
    LinkController *links() const { return m_window->linkController(); }

    std::unique_ptr<MainWindow> m_window;
};

void TestLinkWindow::init()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
}

void TestLinkWindow::copyLinkPutsTheSetupOnTheClipboard()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    TrainingConfig changed = m_window->trainingController()->settings();
    changed.alpha = 0.2;
    changed.seed = 7;
    QCOMPARE(m_window->trainingController()->applySettings(changed), QString());
    QAction *copy = fileAction(*m_window, QStringLiteral("Copy link"));
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("relulab://open?preset=dying-relu&alpha=0.2&seed=7"));

    // Run B, the view and the teacher's unlock travel too.
    m_window->compareController()->setEnabled(true);
    m_window->setTheoryOverlay(true);
    m_window->lessonController()->setUnlocked(true);
    copy->trigger();
    const QString url = QApplication::clipboard()->text();
    QVERIFY2(url.startsWith(QLatin1String(
                 "relulab://open?preset=dying-relu&alpha=0.2&seed=7&b.activation=leaky_relu")),
             qPrintable(url));
    QVERIFY2(url.contains(QLatin1String("&theory=1")), qPrintable(url));
    QVERIFY2(url.endsWith(QLatin1String("&lock=0")), qPrintable(url));
}

void TestLinkWindow::openLinkAppliesTheWholeSetup()
{
    const QString url = QStringLiteral("relulab://open?preset=relu-vs-leaky&seed=9&b.activation="
                                       "elu&b.alpha=0.5&theory=1&timeline=1&lock=0");
    QApplication::clipboard()->setText(url);
    QAction *open = fileAction(*m_window, QStringLiteral("Open link…"));
    QVERIFY(open);
    {
        LinkDialogAnswerer answer(url);
        MessageBoxAnswerer noMessage;
        open->trigger();
        QCOMPARE(answer.prefilled(), url); // the clipboard's link is offered
        QCOMPARE(noMessage.count(), 0);
    }
    LessonInfo lesson;
    QCOMPARE(lessonInfo(QStringLiteral("relu-vs-leaky"), lesson), QString());
    TrainingConfig expected = lesson.settings;
    expected.seed = 9;
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("relu-vs-leaky"));
    QVERIFY(m_window->lessonController()->isUnlocked());
    QVERIFY(m_window->trainingController()->settings() == expected);
    const CompareSettings &compare = m_window->compareController()->settings();
    QVERIFY(compare.enabled);
    QCOMPARE(compare.overrides.value("activation"), std::optional<std::string>("elu"));
    QCOMPARE(compare.overrides.value("alpha"), std::optional<std::string>("0.5"));
    QVERIFY(m_window->theoryOverlay());
    QVERIFY(m_window->viewController()->viewOptions().timeline);
    QVERIFY(!m_window->viewController()->viewOptions().networkView);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return atStep(f, expected, 0) && f.compare &&
               f.compare->config.activation == Activation::Elu;
    }));

    // Copying it again gives the same link back.
    QString again;
    QCOMPARE(links()->currentLink(again), QString());
    SetupLink a, b;
    QCOMPARE(parseLink(url, a), QString());
    QCOMPARE(again, encodeLink(a));
    QCOMPARE(parseLink(again, b), QString());
    QVERIFY(a == b);
}

void TestLinkWindow::aCopiedLinkTrainsTheSameRunInAFreshWindow()
{
    constexpr int kSteps = 100;
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    TrainingConfig changed = m_window->trainingController()->settings();
    changed.alpha = 0.2;
    changed.seed = 7;
    QCOMPARE(m_window->trainingController()->applySettings(
                 changed, TrainingController::Restart::FromStepZero),
             QString());
    m_window->compareController()->setEnabled(true);
    QVERIFY(waitForShown(
        *m_window, [&](const TrainingFrame &f) { return atStep(f, changed, 0) && f.compare; }));
    QVERIFY(stepAndWait(*m_window, kSteps));
    const FramePtr first = m_window->shownFrame();
    QVERIFY(first->compare);
    QString url;
    QCOMPARE(links()->currentLink(url), QString());

    MainWindowOptions options = testWindowOptions(false);
    options.link = url;
    auto fresh = std::make_unique<MainWindow>(TrainingConfig{}, options);
    QVERIFY(showWindow(*fresh));
    QVERIFY(waitForShown(
        *fresh, [&](const TrainingFrame &f) { return atStep(f, changed, 0) && f.compare; }));
    QVERIFY(stepAndWait(*fresh, kSteps));
    const FramePtr second = fresh->shownFrame();
    QVERIFY(second->compare);
    QCOMPARE(second->snapshot.step, std::int64_t(kSteps));
    // Bit for bit: the same losses in both runs.
    QCOMPARE(second->snapshot.loss, first->snapshot.loss);
    QCOMPARE(second->snapshot.testLoss, first->snapshot.testLoss);
    QCOMPARE(second->compare->snapshot.loss, first->compare->snapshot.loss);
    QVERIFY(second->compare->config == first->compare->config);
}

void TestLinkWindow::badLinksShowOneMessageAndChangeNothing()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("born-dead")), QString());
    const TrainingConfig before = m_window->trainingController()->settings();
    const CompareSettings compareBefore = m_window->compareController()->settings();
    const ViewOptions viewBefore = m_window->viewController()->viewOptions();
    const QString bad[] = {
        QStringLiteral("https://example.com/?depth=3"),
        QStringLiteral("relulab://open?depth=3&depth=3"),
        QStringLiteral("relulab://open?colour=red&theory=1"),
        QStringLiteral("relulab://open?alpha=%zz"),
        QStringLiteral("relulab://open?preset=default&width=1024&theory=1"),
        QStringLiteral("relulab://open?dataset=csv:/etc/hostname"),
    };
    QAction *open = fileAction(*m_window, QStringLiteral("Open link…"));
    QVERIFY(open);
    for (const QString &url : bad) {
        SetupLink parsed;
        const QString expected = parseLink(url, parsed);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(links()->open(url), expected);
        LinkDialogAnswerer answer(url);
        MessageBoxAnswerer message;
        open->trigger();
        QTRY_COMPARE(message.count(), 1);
        QCOMPARE(message.lastText(), expected);
        QVERIFY(!message.lastText().contains(QLatin1Char('\n')));
        QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("born-dead"));
        QVERIFY(m_window->trainingController()->settings() == before);
        QVERIFY(m_window->compareController()->settings() == compareBefore);
        QVERIFY(m_window->viewController()->viewOptions() == viewBefore);
    }
}

void TestLinkWindow::aSetupBeyondTheWindowIsNotCopied()
{
    // Own data names a file on this computer: it cannot travel.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile csv(dir.filePath(QStringLiteral("points.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("0,0,0\n1,1,1\n0,1,1\n1,0,0\n0.5,0.5,1\n");
    csv.close();
    TrainingConfig own = m_window->trainingController()->settings();
    own.dataset = DatasetKind::Csv;
    own.dataFile = csv.fileName().toStdString();
    QCOMPARE(m_window->trainingController()->applySettings(own), QString());
    QString url;
    QString error = links()->currentLink(url);
    QVERIFY2(error.contains(QLatin1String("Ctrl+D")), qPrintable(error));
    QVERIFY(url.isEmpty());

    TrainingConfig deep = m_window->trainingController()->settings();
    deep.dataset = DatasetKind::Moons;
    deep.dataFile.clear();
    deep.depth = 200; // beyond the window's sliders, as --set can make it
    QCOMPARE(m_window->trainingController()->applySettings(deep), QString());
    QApplication::clipboard()->setText(QStringLiteral("untouched"));
    error = links()->currentLink(url);
    QVERIFY2(error.contains(QLatin1String("depth 200")), qPrintable(error));
    fileAction(*m_window, QStringLiteral("Copy link"))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("untouched"));
}

void TestLinkWindow::commandLineTakesALink()
{
    const QString url = QStringLiteral("relulab://open?preset=dying-relu&alpha=0.2&seed=7");
    GuiParseResult parsed =
        parseGuiArguments({QStringLiteral("relulab"), url, QStringLiteral("--paused")}, {});
    QCOMPARE(parsed.action, CommandLineAction::Run);
    QCOMPARE(parsed.options.link, url);
    QCOMPARE(parsed.options.lesson, QStringLiteral("dying-relu"));
    QCOMPARE(parsed.options.config.seed, std::uint64_t(7));
    QVERIFY(parsed.options.fromCommandLine);

    parsed =
        parseGuiArguments({QStringLiteral("relulab"), QStringLiteral("relulab://open?x=1")}, {});
    QCOMPARE(parsed.action, CommandLineAction::Error);
    QVERIFY2(parsed.text.startsWith(QLatin1String("link: unknown key \"x\"")),
             qPrintable(parsed.text));
    parsed = parseGuiArguments(
        {QStringLiteral("relulab"), url, QStringLiteral("--set"), QStringLiteral("depth=3")}, {});
    QCOMPARE(parsed.action, CommandLineAction::Error);
    QVERIFY2(parsed.text.startsWith(QLatin1String("a link cannot be combined")),
             qPrintable(parsed.text));
    // The desktop file passes %u: a session may come as a file:// URL.
    parsed = parseGuiArguments(
        {QStringLiteral("relulab"), QStringLiteral("file:///nonexistent/x.relulab")}, {});
    QCOMPARE(parsed.action, CommandLineAction::Error);
    QVERIFY2(parsed.text.contains(QLatin1String("/nonexistent/x.relulab")),
             qPrintable(parsed.text));
    QVERIFY2(!parsed.text.contains(QLatin1String("file:")), qPrintable(parsed.text));
}

QTEST_MAIN(TestLinkWindow)
#include "test_link_window.moc"
