// SPDX-License-Identifier: MIT
#pragma once

#include "setup_link.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class CompareController;
class LessonController;
class TrainingController;
class ViewController;

/// File → Copy link and Open link…: the setup (lesson and its lock, settings, run B, the view
/// options a link carries) as a relulab://open link, and back. A link comes from outside, so
/// opening one checks all of it first (parseLink) and changes nothing unless it is good.
class LinkController : public QObject
{
    Q_OBJECT

public:
    /// `window` parents the dialogs; the controllers hold what a link describes.
    LinkController(QWidget *window, LessonController *lessons, TrainingController *training,
                   CompareController *compare, ViewController *view);

    QAction *copyAction() const { return m_copyAction; }
    QAction *openAction() const { return m_openAction; }
    /// Adds Copy link and Open link… to `file`.
    void addToMenu(QMenu *file);

    /// The setup as it is now (not checked: linkProblem says whether it can travel).
    SetupLink currentSetup() const;
    /// The link of the current setup into `url`; one line instead if it cannot be a link
    /// (own data, a network larger than the window offers).
    QString currentLink(QString &url) const;
    /// Opens `url` from step 0. Returns one line, with nothing changed, if the link is bad.
    QString open(const QString &url);

public slots:
    /// Copies the current setup's link to the clipboard (or says why it cannot).
    void copyLink();
    /// Asks for a link (the clipboard's, if it holds one) and opens it; a bad link is shown
    /// in a message box.
    void openInteractive();

signals:
    /// One-line outcome for the status bar.
    void message(const QString &text);

private:
    QWidget *m_window;
    LessonController *m_lessons;
    TrainingController *m_training;
    CompareController *m_compare;
    ViewController *m_view;
    QAction *m_copyAction;
    QAction *m_openAction;
};

} // namespace relulab
