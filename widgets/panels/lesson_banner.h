// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace relulab {

struct LessonInfo;

/// The lesson as the class sees it, above the plots: its title, the question it answers and
/// what to do, with the teacher's "Unlock" and "Reset lesson" buttons. Hidden without a lesson.
class LessonBanner : public QFrame
{
    Q_OBJECT

public:
    explicit LessonBanner(QWidget *parent = nullptr);

    /// Shows `lesson`; `hasLocks` says whether it fixes any control (else no Unlock button).
    void showLesson(const LessonInfo &lesson, bool hasLocks);
    /// Hides the banner (no lesson).
    void clear();
    /// Switches the Unlock button between "Unlock (teacher)" and "Lock again".
    void setUnlocked(bool unlocked);

    QPushButton *unlockButton() const { return m_unlock; }
    QPushButton *resetButton() const { return m_reset; }
    QString text() const;

signals:
    /// The teacher asked to release (true) or re-apply (false) the lesson's locks.
    void unlockToggled(bool unlocked);
    void resetRequested();

protected:
    /// A button tabbed to takes Space itself, before the window's Play shortcut does.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_question;
    QLabel *m_todo;
    QPushButton *m_unlock;
    QPushButton *m_reset;
};

} // namespace relulab
