// SPDX-License-Identifier: MIT
// Lessons in the real window: choosing one applies its settings from step 0, shows its question
// above the plots and locks or hides its keys; the teacher's Unlock releases them and Reset
// lesson brings back the start, locked again.
#include "config_json.h"
#include "control_panel.h"
#include "lesson_banner.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "main_window.h"
#include "window_fixture.h"

#include <QAction>
#include <QMenuBar>
#include <QPushButton>
#include <QSlider>
#include <QTest>

#include <memory>

using namespace relulab;

class TestLessonLockdown : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_window.reset(); }
    void choosingLessonAppliesSettingsAndLocks();
    void unlockReleasesAndResetRestores();
    void everyLessonInMenuLoads();
    void defaultsClearLesson();

private:
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonLockdown::init()
{
    QVERIFY(openWindow(m_window, TrainingConfig{}, false));
}

void TestLessonLockdown::choosingLessonAppliesSettingsAndLocks()
{
    QVERIFY(stepAndWait(*m_window, 7)); // so the lesson's restart from step 0 is visible
    LessonInfo info;
    QCOMPARE(lessonInfo(QStringLiteral("dying-relu"), info), QString());
    m_window->loadLesson(QStringLiteral("dying-relu"));

    ControlPanel *controls = m_window->controlPanel();
    QVERIFY(controls->config() == info.settings);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config == info.settings && f.snapshot.step == 0;
    }));
    QCOMPARE(m_window->lessonController()->lesson(), QStringLiteral("dying-relu"));

    LessonBanner *banner = m_window->lessonBanner();
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(info.question));
    QVERIFY(banner->text().contains(info.todo));
    QVERIFY(banner->unlockButton()->isVisible());

    // dying-relu fixes depth, width and seed; activation and learning rate stay free.
    for (const char *key : {"depth", "width", "init", "optimizer", "batch_size", "seed"})
        QVERIFY2(!controls->controlForKey(QLatin1String(key))->isEnabled(), key);
    for (const char *key : {"activation", "learning_rate"})
        QVERIFY2(controls->controlForKey(QLatin1String(key))->isEnabled(), key);
    QVERIFY(controls->controlForKey(QStringLiteral("init_scale"))->isHidden());
    QVERIFY(controls->controlForKey(QStringLiteral("input_shift"))->isHidden());
    QVERIFY(!controls->controlForKey(QStringLiteral("depth"))->isHidden());
}

void TestLessonLockdown::unlockReleasesAndResetRestores()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("born-dead")), QString());
    LessonInfo info;
    QCOMPARE(lessonInfo(QStringLiteral("born-dead"), info), QString());
    ControlPanel *controls = m_window->controlPanel();
    // born-dead fixes the data: the noise slider is locked.
    auto *noise = qobject_cast<QSlider *>(controls->controlForKey(QStringLiteral("noise")));
    QVERIFY(noise && !noise->isEnabled());

    QTest::mouseClick(m_window->lessonBanner()->unlockButton(), Qt::LeftButton);
    QVERIFY(m_window->lessonController()->isUnlocked());
    QVERIFY(noise->isEnabled());
    QVERIFY(controls->lockedKeys().isEmpty());
    QVERIFY(controls->hiddenKeys().isEmpty());
    QVERIFY(!controls->controlForKey(QStringLiteral("init_scale"))->isHidden());
    QCOMPARE(m_window->lessonBanner()->unlockButton()->text(), QStringLiteral("Lock again"));
    QVERIFY(m_window->lessonController()->unlockedKeys().contains(QStringLiteral("noise")));

    // The teacher changes a fixed setting and trains a little.
    noise->setValue(noise->value() + 20);
    QVERIFY(controls->config().noise > info.settings.noise + 0.1);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config.noise > info.settings.noise + 0.1;
    }));
    QVERIFY(stepAndWait(*m_window, 5));

    QTest::mouseClick(m_window->lessonBanner()->resetButton(), Qt::LeftButton);
    QVERIFY(controls->config() == info.settings);
    QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
        return f.config == info.settings && f.snapshot.step == 0;
    }));
    QVERIFY(!m_window->lessonController()->isUnlocked());
    QVERIFY(!noise->isEnabled());
    QVERIFY(controls->controlForKey(QStringLiteral("init_scale"))->isHidden());
    QCOMPARE(m_window->lessonBanner()->unlockButton()->text(), QStringLiteral("Unlock (teacher)"));
}

void TestLessonLockdown::everyLessonInMenuLoads()
{
    QMenu *lessons = nullptr;
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->menu() && a->text().remove(QLatin1Char('&')) == QStringLiteral("Lessons"))
            lessons = a->menu();
    }
    QVERIFY(lessons);
    const QStringList names = presetNames();
    QList<QAction *> items;
    for (QAction *a : lessons->actions()) {
        if (!a->isSeparator() && !a->menu())
            items << a;
    }
    QVERIFY(items.size() >= names.size());
    for (int i = 0; i < names.size(); ++i) {
        LessonInfo info;
        QCOMPARE(lessonInfo(names[i], info), QString());
        QCOMPARE(items[i]->text(), info.title);
        items[i]->trigger();
        QCOMPARE(m_window->lessonController()->lesson(), names[i]);
        QVERIFY(m_window->controlPanel()->config() == info.settings);
        for (const QString &key : info.locked) {
            if (QWidget *control = m_window->controlPanel()->controlForKey(key))
                QVERIFY2(!control->isEnabled(), qPrintable(names[i] + QLatin1Char(':') + key));
        }
        QVERIFY(waitForShown(*m_window, [&](const TrainingFrame &f) {
            return f.config == info.settings && f.snapshot.step == 0;
        }));
    }
}

void TestLessonLockdown::defaultsClearLesson()
{
    QCOMPARE(m_window->lessonController()->load(QStringLiteral("dying-relu")), QString());
    QVERIFY(m_window->lessonBanner()->isVisible());
    m_window->resetSettingsToDefaults();
    QVERIFY(!m_window->lessonBanner()->isVisible());
    QCOMPARE(m_window->lessonController()->lesson(), QString());
    QVERIFY(m_window->controlPanel()->lockedKeys().isEmpty());
    QVERIFY(m_window->controlPanel()->controlForKey(QStringLiteral("depth"))->isEnabled());
    QVERIFY(!m_window->controlPanel()->controlForKey(QStringLiteral("init_scale"))->isHidden());
}

QTEST_MAIN(TestLessonLockdown)
#include "test_lesson_lockdown.moc"
