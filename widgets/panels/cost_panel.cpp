// SPDX-License-Identifier: MIT
#include "cost_panel.h"

#include "cost_runner.h"
#include "display_names.h"
#include "plain_message.h"
#include "plot_exporter.h"
#include "plot_style.h"
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
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr double kExportScale = 2.0;
constexpr double kMinNs = 0.01; ///< bottom of the log axis: bars start here, not at 0

/// "PReLU (learnt slope)" → "PReLU": eleven labels must fit under the bars.
QString shortName(Activation a)
{
    QString name = activationDisplayName(a);
    if (const qsizetype paren = name.indexOf(QStringLiteral(" (")); paren > 0)
        name.truncate(paren);
    return name;
}

constexpr int kCaptionColumns = 110;

/// `text` broken into lines of at most about `columns` characters, at spaces.
QString wrapped(const QString &text, int columns)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > columns) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

double percent(double share)
{
    return 100.0 * std::clamp(share, 0.0, 1.0);
}

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

    buildChart();

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

void CostPanel::buildChart()
{
    m_chart = new QCustomPlot;
    m_chart->setMinimumSize(640, 420);
    const PlotStyle style;
    m_chart->setBackground(style.background());

    QCPAxisRect *nsRect = m_chart->axisRect();
    m_shareRect = new QCPAxisRect(m_chart);
    m_chart->plotLayout()->addElement(1, 0, m_shareRect);
    auto *margins = new QCPMarginGroup(m_chart);
    nsRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_shareRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

    auto names = QSharedPointer<QCPAxisTickerText>::create();
    const auto activations = allActivations();
    for (size_t i = 0; i < activations.size(); ++i)
        names->addTick(double(i + 1), shortName(activations[i]));
    const double right = double(activations.size()) + 0.5;

    QCPAxis *nsKeys = nsRect->axis(QCPAxis::atBottom);
    QCPAxis *ns = nsRect->axis(QCPAxis::atLeft);
    nsKeys->setTicker(names);
    nsKeys->setRange(0.5, right);
    // Smooth activations cost ten times a rectifier: only a log axis shows both.
    ns->setScaleType(QCPAxis::stLogarithmic);
    ns->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    ns->setNumberFormat(QStringLiteral("gb"));
    ns->setLabel(tr("ns per element (log)"));
    ns->setRange(kMinNs, 100);

    m_forward = new QCPBars(nsKeys, ns);
    m_forward->setName(tr("forward φ(z)"));
    m_backward = new QCPBars(nsKeys, ns);
    m_backward->setName(tr("backward φ′(z)·∂L/∂a"));
    auto *group = new QCPBarsGroup(m_chart);
    for (QCPBars *bars : {m_forward, m_backward}) {
        bars->setWidth(0.36);
        bars->setBaseValue(kMinNs);
        bars->setBarsGroup(group);
    }

    QCPAxis *shareKeys = m_shareRect->axis(QCPAxis::atBottom);
    QCPAxis *share = m_shareRect->axis(QCPAxis::atLeft);
    shareKeys->setTicker(names);
    shareKeys->setRange(0.5, right);
    share->setRange(0, 100);
    share->setLabel(tr("% of one training step"));
    m_actShare = new QCPBars(shareKeys, share);
    m_actShare->setName(tr("activations"));
    m_mmShare = new QCPBars(shareKeys, share);
    m_mmShare->setName(tr("matrix products"));
    m_otherShare = new QCPBars(shareKeys, share);
    m_otherShare->setName(tr("rest (loss, optimiser, copies)"));
    m_mmShare->moveAbove(m_actShare);
    m_otherShare->moveAbove(m_mmShare);
    for (QCPBars *bars : {m_actShare, m_mmShare, m_otherShare})
        bars->setWidth(0.6);

    // Both legends above their panels, never over a bar.
    m_chart->legend->setVisible(true);
    m_chart->axisRect()->insetLayout()->take(m_chart->legend);
    m_chart->plotLayout()->insertRow(0);
    m_chart->plotLayout()->addElement(0, 0, m_chart->legend);
    m_chart->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_chart->plotLayout()->insertRow(0);
    QFont captionFont = style.legendFont();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 1.15);
    captionFont.setBold(true);
    m_caption = new QCPTextElement(m_chart, QString(), captionFont);
    m_caption->setTextColor(style.ink());
    m_chart->plotLayout()->addElement(0, 0, m_caption);
    m_chart->plotLayout()->setRowStretchFactor(0, 0.001);
    m_chart->plotLayout()->setRowStretchFactor(1, 0.001);
    m_chart->plotLayout()->setRowStretchFactor(2, 1.2);
    m_chart->plotLayout()->setRowStretchFactor(3, 1.0);

    const QColor forward = PlotStyle::color(Palette::SkyBlue);
    const QColor backward = PlotStyle::color(Palette::Blue);
    const QColor act = PlotStyle::color(Palette::Vermillion);
    const QColor mm = PlotStyle::color(Palette::BluishGreen);
    const QColor other = QColor(190, 190, 190);
    const std::pair<QCPBars *, QColor> colours[] = {{m_forward, forward},
                                                    {m_backward, backward},
                                                    {m_actShare, act},
                                                    {m_mmShare, mm},
                                                    {m_otherShare, other}};
    for (const auto &[bars, colour] : colours) {
        bars->setPen(QPen(colour.darker(130), 1.2));
        bars->setBrush(colour);
    }
    style.styleAxisRect(nsRect);
    style.styleAxisRect(m_shareRect);
    style.styleLegend(m_chart->legend);
    m_chart->legend->setBorderPen(Qt::NoPen);
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
    const auto activations = allActivations();
    QVector<double> keys, forward, backward, act, mm, other;
    double top = 1;
    for (size_t i = 0; i < activations.size(); ++i) {
        const ActivationCost *cost = report.find(activations[i]);
        if (!cost)
            continue;
        keys << double(i + 1);
        forward << std::max(kMinNs, cost->forwardNs);
        backward << std::max(kMinNs, cost->backwardNs);
        top = std::max({top, cost->forwardNs, cost->backwardNs});
        const double a = percent(cost->stepShare);
        const double m = std::min(100.0 - a, percent(report.matmulNs / cost->stepNs));
        act << a;
        mm << m;
        other << std::max(0.0, 100.0 - a - m);
    }
    m_forward->setData(keys, forward, true);
    m_backward->setData(keys, backward, true);
    m_actShare->setData(keys, act, true);
    m_mmShare->setData(keys, mm, true);
    m_otherShare->setData(keys, other, true);
    m_chart->axisRect()->axis(QCPAxis::atLeft)->setRange(kMinNs, top * 2);
    m_chart->replot(QCustomPlot::rpQueuedReplot);

    const std::string sentence = costAnswer(report);
    m_answerText = sentence.empty() ? tr("ReLU and Leaky ReLU were not both measured.")
                                    : QString::fromStdString(sentence);
    m_caption->setText(wrapped(m_answerText, kCaptionColumns));
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
