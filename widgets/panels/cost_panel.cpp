// SPDX-License-Identifier: MIT
#include "cost_panel.h"

#include "cost_chart.h"
#include "cost_runner.h"
#include "display_names.h"
#include "plain_message.h"
#include "plot_exporter.h"
#include "thread_inbox.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr double kExportScale = 2.0;

} // namespace

CostPanel::CostPanel(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Does Leaky ReLU cost more CPU? — measured"));
    setObjectName(QStringLiteral("costPanel"));

    m_header = new QLabel;
    m_header->setWordWrap(true);
    m_status = new QLabel(tr("Press Measure: every activation is timed on this machine, forward "
                             "and backward, and inside one training step of the current "
                             "network. It takes a few seconds; training pauses meanwhile."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont statusFont = m_status->font();
    statusFont.setPointSizeF(std::max(12.0, statusFont.pointSizeF() * 1.15));
    m_status->setFont(statusFont);

    m_chart = new CostChart;

    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_measureButton = new QPushButton(tr("&Measure"));
    m_measureButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel"));
    m_cancelButton->setEnabled(false);
    m_exportButton = new QPushButton(tr("&Export PNG…"));
    m_exportButton->setEnabled(false);
    auto *closeButton = new QPushButton(tr("C&lose"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_measureButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_status);
    layout->addWidget(m_chart, 1);
    layout->addLayout(buttons);
    resize(1200, 820);

    connect(m_measureButton, &QPushButton::clicked, this, &CostPanel::measure);
    connect(m_cancelButton, &QPushButton::clicked, this, &CostPanel::cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &CostPanel::exportInteractive);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);

    // The worker object lives on its own thread, so timing never blocks the window.
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cost measurement"));
    m_runner = new CostRunner;
    m_runnerInbox = new ThreadInbox(m_runner);
    m_inbox = new ThreadInbox(this);
    m_runner->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_runner, &QObject::deleteLater);
    // The runner's signals are handled on its own thread and posted here as closures, so the
    // report crosses threads through ThreadInbox's lock, not inside Qt's event queue.
    const auto onRunner = [this](auto signal, auto handler) {
        connect(
            m_runner, signal, m_runner,
            [inbox = m_inbox, handler](const auto &...args) {
                inbox->post([handler, args...] { handler(args...); });
            },
            Qt::DirectConnection);
    };
    onRunner(&CostRunner::progress,
             [this](double f) { m_progress->setValue(int(std::lround(1000 * f))); });
    onRunner(&CostRunner::finished, [this](const CostReport &report) {
        m_report = report;
        showReport(report);
        setRunning(false);
        emit measurementEnded(true);
    });
    onRunner(&CostRunner::cancelled, [this] {
        setRunning(false);
        emit measurementEnded(false);
    });
    onRunner(&CostRunner::failed, [this](const QString &message) {
        m_status->setText(tr("The measurement failed: %1").arg(message));
        setRunning(false);
        emit measurementEnded(false);
    });
    m_thread->start();
    updateHeader();
}

CostPanel::~CostPanel()
{
    // The runner checks for cancel between parts, so this waits a fraction of a second at most.
    m_runner->cancel();
    m_thread->quit();
    m_thread->wait();
}

QCPBars *CostPanel::forwardBars() const
{
    return m_chart->forwardBars();
}

QCPBars *CostPanel::backwardBars() const
{
    return m_chart->backwardBars();
}

QCPBars *CostPanel::activationShareBars() const
{
    return m_chart->activationShareBars();
}

QCPBars *CostPanel::matmulShareBars() const
{
    return m_chart->matmulShareBars();
}

QCPBars *CostPanel::otherShareBars() const
{
    return m_chart->otherShareBars();
}

void CostPanel::setConfig(const TrainingConfig &config)
{
    m_config = config;
    updateHeader();
}

void CostPanel::updateHeader()
{
    const int batch = std::min(m_config.batchSize, m_config.samples);
    m_header->setText(tr("Network measured: %1 hidden layers × %2 units, minibatch %3 "
                         "(%4 activations per step), activation %5. Times are medians of CPU "
                         "time on this machine, on one core.")
                          .arg(m_config.depth)
                          .arg(m_config.width)
                          .arg(batch)
                          .arg(qint64(m_config.depth) * m_config.width * batch)
                          .arg(activationDisplayName(m_config.activation)));
}

void CostPanel::measure()
{
    if (m_running)
        return;
    m_runner->arm();
    setRunning(true);
    emit measurementStarted();
    m_status->setText(tr("Measuring… the numbers appear when every activation is timed."));
    m_clock.start();
    m_runnerInbox->post([runner = m_runner, config = m_config, options = m_options] {
        runner->run(config, options);
    });
}

void CostPanel::cancel()
{
    if (!m_running)
        return;
    m_runner->cancel();
    m_cancelButton->setEnabled(false);
    m_status->setText(m_report ? tr("Cancelled: the chart shows the previous measurement.")
                               : tr("Cancelled: nothing was measured."));
}

void CostPanel::setRunning(bool running)
{
    m_running = running;
    m_progress->setVisible(running);
    m_progress->setValue(0);
    m_measureButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(!running && m_report.has_value());
    setCursor(running ? Qt::BusyCursor : Qt::ArrowCursor);
}

void CostPanel::showReport(const CostReport &report)
{
    m_chart->setReport(report);
    const std::string sentence = costAnswer(report);
    m_answerText = sentence.empty() ? tr("ReLU and Leaky ReLU were not both measured.")
                                    : QString::fromStdString(sentence);
    m_chart->setCaption(m_answerText); // drawn on the chart, so an exported PNG carries it
    m_status->setText(tr("Measured in %1 s. Smaller bars are faster; below, one training step "
                         "of this network split into its parts, per activation.")
                          .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1));
}

QString CostPanel::exportPng(const QString &path) const
{
    return PlotExporter::exportPng(m_chart, path, kExportScale, false);
}

void CostPanel::exportInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the cost chart"), QDir::home().filePath(QStringLiteral("cost.png")),
        tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportPng(path); !error.isEmpty())
        showPlainMessage(this, QMessageBox::Warning, tr("Export failed"), error);
}

void CostPanel::closeEvent(QCloseEvent *event)
{
    cancel();
    QDialog::closeEvent(event);
}

void CostPanel::reject()
{
    cancel();
    QDialog::reject();
}

} // namespace relulab
