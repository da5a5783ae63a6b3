// SPDX-License-Identifier: MIT
#include "link_controller.h"

#include "compare_controller.h"
#include "lesson_controller.h"
#include "plain_message.h"
#include "training_controller.h"
#include "view_controller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QMenu>
#include <QWidget>

namespace relulab {

LinkController::LinkController(QWidget *window, LessonController *lessons,
                               TrainingController *training, CompareController *compare,
                               ViewController *view)
    : QObject(window), m_window(window), m_lessons(lessons), m_training(training),
      m_compare(compare), m_view(view), m_copyAction(new QAction(tr("Copy &link"), this)),
      m_openAction(new QAction(tr("Open lin&k…"), this))
{
    m_copyAction->setStatusTip(tr("Copy this setup as a relulab:// link to share: the lesson, "
                                  "the settings, run B and the view."));
    m_openAction->setStatusTip(tr("Open a relulab:// link someone shared, from step 0."));
    connect(m_copyAction, &QAction::triggered, this, &LinkController::copyLink);
    connect(m_openAction, &QAction::triggered, this, &LinkController::openInteractive);
}

void LinkController::addToMenu(QMenu *file)
{
    file->addActions({m_copyAction, m_openAction});
}

SetupLink LinkController::currentSetup() const
{
    SetupLink link;
    link.preset = m_lessons->lesson();
    link.config = m_training->settings();
    const CompareSettings &compare = m_compare->settings();
    if (compare.enabled)
        link.compare = compare.overrides;
    link.view = m_view->viewOptions();
    link.locked = !m_lessons->isUnlocked();
    return link;
}

QString LinkController::currentLink(QString &url) const
{
    const SetupLink link = currentSetup();
    if (QString error = linkProblem(link); !error.isEmpty())
        return error;
    url = encodeLink(link);
    return {};
}

QString LinkController::open(const QString &url)
{
    SetupLink link;
    if (QString error = parseLink(url.trimmed(), link); !error.isEmpty())
        return error;
    if (!m_training->trainingThread())
        return tr("link: training has stopped; the link cannot be opened");
    {
        // The lesson hands its own comparison over; the link's replaces it, announced once.
        const QSignalBlocker quiet(m_compare);
        if (QString error = m_lessons->show(link.preset); !error.isEmpty())
            return error; // parseLink read the same lesson: cannot happen
        if (!link.preset.isEmpty())
            m_lessons->setUnlocked(!link.locked);
        CompareSettings compare = m_compare->settings();
        compare.enabled = !link.compare.empty();
        if (compare.enabled)
            compare.overrides = link.compare;
        m_compare->restore(compare);
    }
    // Run B first, then A from step 0: the order a lesson uses, so both start together.
    m_training->setCompare(m_compare->settings());
    m_training->applySettings(link.config, TrainingController::Restart::FromStepZero);
    // The link states every view option it carries: absent means off. A pinned unit belonged
    // to the network the link replaced.
    ViewOptions view = m_view->viewOptions();
    for (const LinkViewFlag &flag : linkViewFlags())
        view.*flag.flag = link.view.*flag.flag;
    view.pinnedLayer = view.pinnedUnit = -1;
    m_view->restoreViewOptions(view);
    emit message(link.preset.isEmpty()
                     ? tr("Opened the link")
                     : tr("Opened the link to the \"%1\" lesson").arg(link.preset));
    return {};
}

void LinkController::copyLink()
{
    QString url;
    if (const QString error = currentLink(url); !error.isEmpty()) {
        emit message(tr("No link copied: %1").arg(error));
        return;
    }
    QApplication::clipboard()->setText(url);
    emit message(tr("Link copied: %1").arg(url));
}

void LinkController::openInteractive()
{
    const QString clipboard = QApplication::clipboard()->text().trimmed();
    bool ok = false;
    const QString url = QInputDialog::getText(
        m_window, tr("Open link"), tr("Paste a relulab:// link:"), QLineEdit::Normal,
        isLink(clipboard) && clipboard.size() <= kMaxLinkLength ? clipboard : QString(), &ok);
    if (!ok || url.trimmed().isEmpty())
        return;
    if (const QString error = open(url); !error.isEmpty())
        showPlainMessage(m_window, QMessageBox::Warning, tr("Link not opened"), error);
}

} // namespace relulab
