// SPDX-License-Identifier: MIT
#include "lesson_banner.h"

#include "lesson_info.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace relulab {

namespace {

QLabel *wrappedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

LessonBanner::LessonBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("lessonBanner"));
    setFrameShape(QFrame::StyledPanel);
    // A pale note colour: stands out from the plots without shouting, in light and dark themes.
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(255, 248, 220));
    pal.setColor(QPalette::WindowText, QColor(40, 40, 40));
    setPalette(pal);

    m_title = wrappedLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_question = wrappedLabel(this);
    QFont questionFont = m_question->font();
    questionFont.setItalic(true);
    m_question->setFont(questionFont);
    m_todo = wrappedLabel(this);

    m_unlock = new QPushButton(tr("Unlock (teacher)"), this);
    m_unlock->setObjectName(QStringLiteral("unlockLessonButton"));
    m_unlock->setCheckable(true);
    m_unlock->setToolTip(tr("Release the controls this lesson fixes or hides."));
    m_reset = new QPushButton(tr("Reset lesson"), this);
    m_reset->setObjectName(QStringLiteral("resetLessonButton"));
    m_reset->setToolTip(tr("Back to the lesson's start settings at step 0, locked again."));
    // Reached with Tab, so the keyboard can unlock and reset too; a click never leaves the
    // focus on them, so Space still plays and pauses after the mouse pressed one. (Tabbed to,
    // a button takes Space itself, as every focused button does.)
    m_unlock->setFocusPolicy(Qt::TabFocus);
    m_reset->setFocusPolicy(Qt::TabFocus);
    m_unlock->installEventFilter(this);
    m_reset->installEventFilter(this);

    // The buttons share the title's row, so the question and the to-do get the banner's whole
    // width: fewer wrapped lines leave the plots their height on a 720-pixel screen.
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_unlock, 0, Qt::AlignTop);
    titleRow->addWidget(m_reset, 0, Qt::AlignTop);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(8, 4, 8, 4);
    column->setSpacing(2);
    column->addLayout(titleRow);
    column->addWidget(m_question);
    column->addWidget(m_todo);

    connect(m_unlock, &QPushButton::toggled, this, [this](bool on) {
        setUnlocked(on);
        emit unlockToggled(on);
    });
    connect(m_reset, &QPushButton::clicked, this, &LessonBanner::resetRequested);
    hide();
}

bool LessonBanner::eventFilter(QObject *watched, QEvent *event)
{
    // Without this the window's Space shortcut (Play) would win even over the focused button,
    // and a keyboard could never press it.
    if (event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space &&
        static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier)
        event->accept();
    return QFrame::eventFilter(watched, event);
}

void LessonBanner::showLesson(const LessonInfo &lesson, bool hasLocks)
{
    m_title->setText(tr("Lesson: %1").arg(lesson.title));
    m_question->setText(tr("“%1”").arg(lesson.question));
    m_todo->setText(tr("To do: %1").arg(lesson.todo));
    m_unlock->setVisible(hasLocks);
    setUnlocked(false);
    show();
}

void LessonBanner::clear()
{
    hide();
}

void LessonBanner::setUnlocked(bool unlocked)
{
    const QSignalBlocker blocker(m_unlock);
    m_unlock->setChecked(unlocked);
    m_unlock->setText(unlocked ? tr("Lock again") : tr("Unlock (teacher)"));
}

QString LessonBanner::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_question->text() + QLatin1Char('\n') +
           m_todo->text();
}

} // namespace relulab
