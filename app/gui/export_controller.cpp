// SPDX-License-Identifier: MIT
#include "export_controller.h"

#include "app_settings.h"
#include "plain_message.h"
#include "plot_base.h"
#include "plot_exporter.h"
#include "plot_grid.h"
#include "training_controller.h"
#include "window_action.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

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
    file->addActions({m_exportPlot, m_exportAll, m_copy});
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

} // namespace relulab
