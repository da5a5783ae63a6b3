// SPDX-License-Identifier: MIT
#include "export_controller.h"

#include "app_settings.h"
#include "handout.h"
#include "lesson_controller.h"
#include "lesson_info.h"
#include "plain_message.h"
#include "plot_base.h"
#include "plot_exporter.h"
#include "plot_grid.h"
#include "training_controller.h"
#include "window_action.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace relulab {

namespace {

// Export all is for slides and handouts: twice the window's pixels.
constexpr double kExportAllScale = 2.0;

} // namespace

ExportController::ExportController(QWidget *window, PlotGrid *grid, TrainingController *training,
                                   AppSettings *settings)
    : QObject(window), m_window(window), m_grid(grid), m_training(training), m_settings(settings)
{
    m_exportPlot = makeWindowAction(tr("&Export plot…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                    tr("Save the plot under the mouse as PNG or PDF."), this);
    connect(m_exportPlot, &QAction::triggered, this,
            [this] { m_grid->currentPlot()->exportInteractive(); });
    m_exportAll = makeWindowAction(
        tr("Export &all…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Save every plot, a dashboard and config.json into a folder (2× resolution)."), this);
    connect(m_exportAll, &QAction::triggered, this, &ExportController::exportAllInteractive);
    m_exportHandout = makeWindowAction(
        tr("Export &handout…"), QKeySequence(),
        tr("Save a printable A4 handout (PDF) of the lesson with the dashboard shown now."), this);
    m_exportHandout->setObjectName(QStringLiteral("exportHandout"));
    connect(m_exportHandout, &QAction::triggered, this,
            &ExportController::exportHandoutInteractive);
    m_copy = makeWindowAction(tr("&Copy plot"), QKeySequence::Copy,
                              tr("Copy the plot under the mouse as an image."), this);
    connect(m_copy, &QAction::triggered, this,
            [this] { m_grid->currentPlot()->copyToClipboard(); });
    // On the window too, so the shortcuts work with the menu bar hidden.
    window->addActions({m_exportPlot, m_exportAll, m_copy});
    connect(m_grid, &PlotGrid::currentPlotChanged, this, &ExportController::followCurrentPlot);
}

void ExportController::addToMenu(QMenu *file)
{
    file->addActions({m_exportPlot, m_exportAll, m_exportHandout, m_copy});
}

void ExportController::followCurrentPlot(PlotBase *plot)
{
    m_exportPlot->setText(tr("&Export plot “%1”…").arg(plot->title()));
    m_copy->setText(tr("&Copy plot “%1”").arg(plot->title()));
}

void ExportController::exportAllInteractive()
{
    const QString start = m_settings && !m_settings->exportDirectory().isEmpty()
                              ? m_settings->exportDirectory()
                              : QDir::homePath();
    const QString dir =
        QFileDialog::getExistingDirectory(m_window, tr("Export all plots into a folder"), start);
    if (dir.isEmpty())
        return;
    m_grid->drawHiddenPlots();
    const QList<PlotBase *> &plots = m_grid->plots();
    if (const QString error = PlotExporter::exportAll(
            plots, m_shown ? m_shown->config : m_training->settings(), dir, kExportAllScale);
        !error.isEmpty()) {
        showPlainMessage(m_window, QMessageBox::Warning, tr("Export failed"), error);
        return;
    }
    if (m_settings)
        m_settings->setExportDirectory(dir);
    emit message(
        tr("Exported %1 plots, dashboard.png and config.json to %2").arg(plots.size()).arg(dir));
}

QString ExportController::exportHandout(const QString &path, bool teacher)
{
    if (!m_shown)
        return QStringLiteral("cannot make a handout: no training step is shown yet");
    const LessonInfo *lesson =
        m_lessons && !m_lessons->lesson().isEmpty() ? &m_lessons->info() : nullptr;
    const HandoutText text =
        lesson ? handoutText(*lesson, m_lessons->file()) : handoutText(m_shown->config);
    return writeHandout(path, text, *m_shown, teacher);
}

void ExportController::exportHandoutInteractive()
{
    const QString folder = m_settings && !m_settings->exportDirectory().isEmpty()
                               ? m_settings->exportDirectory()
                               : QDir::homePath();
    const QString stem = m_lessons && !m_lessons->lesson().isEmpty()
                             ? m_lessons->lesson() + QStringLiteral("-handout")
                             : QStringLiteral("relulab-handout");
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export handout"), QDir(folder).filePath(stem + QStringLiteral(".pdf")),
        tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");

    QMessageBox ask(QMessageBox::Question, tr("Export handout"),
                    tr("Include the material for the teacher (why it happens, the reference and "
                       "the teacher notes)?"),
                    QMessageBox::NoButton, m_window);
    ask.setObjectName(QStringLiteral("handoutVersion"));
    QPushButton *student = ask.addButton(tr("&Student version"), QMessageBox::AcceptRole);
    QPushButton *teacher = ask.addButton(tr("&Teacher version"), QMessageBox::AcceptRole);
    ask.addButton(QMessageBox::Cancel);
    ask.setDefaultButton(student);
    ask.exec();
    if (ask.clickedButton() != student && ask.clickedButton() != teacher)
        return;

    if (const QString error = exportHandout(path, ask.clickedButton() == teacher);
        !error.isEmpty()) {
        showPlainMessage(m_window, QMessageBox::Warning, tr("Export failed"), error);
        return;
    }
    if (m_settings)
        m_settings->setExportDirectory(QFileInfo(path).absolutePath());
    emit message(tr("Exported the handout to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace relulab
