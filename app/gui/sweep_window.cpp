// SPDX-License-Identifier: MIT
#include "sweep_window.h"

#include "plain_message.h"
#include "plot_exporter.h"
#include "save_file.h"
#include "sweep_job.h"
#include "sweep_plot.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace relulab {

namespace {

constexpr double kFontScale = 1.25; // read from the back of the room
constexpr int kDefaultSeeds = 20;
constexpr int kMaxGuiSteps = 100'000;

/// A sensible first range for each key, so choosing a key gives a runnable sweep at once.
QString suggestedValues(const QString &key)
{
    static const QHash<QString, QString> values = {
        {"activation", "relu,leaky_relu,prelu,elu,gelu,tanh"},
        {"alpha", "0:0.3:0.05"},
        {"depth", "1:30"},
        {"width", "2:10"},
        {"init", "he_normal,xavier_normal,pytorch_default,asymmetric"},
        {"init_scale", "0.25:4:x2"},
        {"bias_init", "-1:1:0.25"},
        {"dataset", "moons,circles,xor,spiral,gaussians"},
        {"samples", "16,64,256,1024"},
        {"noise", "0:0.5:0.1"},
        {"input_shift", "-2:2:0.5"},
        {"optimizer", "sgd,momentum,adam"},
        {"learning_rate", "0.0001:1:x10"},
        {"batch_size", "8,32,64,256"},
        {"weight_decay", "0,0.0001,0.001,0.01"},
        {"standardize", "0,1"},
    };
    return values.value(key);
}

} // namespace

SweepWindow::SweepWindow(QWidget *parent) : QWidget(parent, Qt::Window)
{
    setWindowTitle(tr("Sweep – ReLU Lab"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * kFontScale);
    setFont(big);
    m_job = new SweepJob(this);
    connect(m_job, &SweepJob::cellsFinished, this, &SweepWindow::onCells);
    connect(m_job, &SweepJob::finished, this, &SweepWindow::onFinished);
    buildForm();
    updateTarget();
    setKey(0, QStringLiteral("width"), suggestedValues(QStringLiteral("width")));
    setKey(1, QStringLiteral("depth"), suggestedValues(QStringLiteral("depth")));
    resize(1400, 850);
    updateButtons();
}

SweepWindow::~SweepWindow()
{
    m_job->cancelAndWait();
}

void SweepWindow::buildForm()
{
    auto *form = new QFormLayout;
    for (int row = 0; row < 2; ++row) {
        KeyRow &r = m_rows[row];
        r.key = new QComboBox;
        if (row == 1)
            r.key->addItem(tr("(none)"), QString());
        for (const ConfigKey &key : configKeys()) {
            if (key.name != "seed")
                r.key->addItem(QString::fromUtf8(key.name.data(), qsizetype(key.name.size())),
                               QString::fromUtf8(key.name.data(), qsizetype(key.name.size())));
        }
        r.key->setAccessibleName(row == 0 ? tr("Setting along x") : tr("Setting along y"));
        r.key->setToolTip(row == 0 ? tr("The setting that changes from column to column")
                                   : tr("The setting that changes from row to row, or (none) "
                                        "for a one-key sweep drawn as a chart"));
        r.values = new QLineEdit;
        r.values->setAccessibleName(row == 0 ? tr("Values along x") : tr("Values along y"));
        r.values->setToolTip(tr("Values: v1,v2,... or a:b[:step] (step 1 by default; :xF "
                                "multiplies by F, as in 0.0001:1:x10)"));
        connect(r.key, &QComboBox::activated, this, [this, row] {
            const QString key = m_rows[row].key->currentData().toString();
            m_rows[row].values->setText(suggestedValues(key));
            m_rows[row].values->setEnabled(!key.isEmpty());
        });
        auto *line = new QHBoxLayout;
        line->addWidget(r.key);
        line->addWidget(r.values, 1);
        form->addRow(row == 0 ? tr("Along x:") : tr("Along y:"), line);
    }
    m_metric = new QComboBox;
    for (SweepMetric m : allSweepMetrics())
        m_metric->addItem(QString::fromUtf8(sweepMetricName(m).data()), int(m));
    m_metric->setToolTip(tr("network_dead: share of seeds whose network is dead; grad_ratio: "
                            "grad_z_rms of the first hidden layer over the last's; steps_to_*: "
                            "the first step at which the training set meets the target"));
    m_target = new QDoubleSpinBox;
    m_target->setToolTip(
        tr("Target of steps_to_accuracy (training accuracy, 0–1, default 0.95) or steps_to_loss "
           "(mean training loss, default 0.1), checked after every step. A run that never "
           "reaches it within the training steps is censored: it counts at the step limit, and "
           "a cell with such runs shows ≥ (its mean is only a lower bound)."));
    connect(m_metric, &QComboBox::currentIndexChanged, this, &SweepWindow::updateTarget);
    auto *metricLine = new QHBoxLayout;
    metricLine->addWidget(m_metric, 1);
    metricLine->addWidget(new QLabel(tr("target")));
    metricLine->addWidget(m_target);
    form->addRow(tr("Metric:"), metricLine);
    m_seeds = new QSpinBox;
    m_seeds->setRange(1, kMaxSweepSeeds);
    m_seeds->setValue(kDefaultSeeds);
    m_seeds->setToolTip(tr("Runs per cell, with seeds base, base + 1, …: the cell shows their "
                           "mean and standard error"));
    form->addRow(tr("Seeds per cell:"), m_seeds);
    m_steps = new QSpinBox;
    m_steps->setRange(0, kMaxGuiSteps);
    m_steps->setSingleStep(100);
    m_steps->setSpecialValueText(tr("0 (at initialisation)"));
    m_steps->setToolTip(tr("Training steps of every run before it is measured (the limit of a "
                           "steps_to_* metric)"));
    form->addRow(tr("Training steps:"), m_steps);

    auto *preset = new QPushButton(tr("&Born-dead diagram"));
    preset->setToolTip(tr("Lu et al. 2019: ReLU, He init, zero biases, 1-D data; width 2–10 × "
                          "depth 1–30, share of networks dead at birth"));
    connect(preset, &QPushButton::clicked, this, &SweepWindow::useBornDeadPreset);
    m_run = new QPushButton(tr("&Run"));
    m_run->setDefault(true);
    m_run->setToolTip(tr("Run every cell × seed on all cores (Enter)"));
    connect(m_run, &QPushButton::clicked, this, &SweepWindow::run);
    m_cancel = new QPushButton(tr("&Cancel"));
    m_cancel->setToolTip(tr("Stop the sweep; finished cells stay shown"));
    connect(m_cancel, &QPushButton::clicked, this, &SweepWindow::cancel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);

    m_progress = new QProgressBar;
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #D55E00; font-weight: bold"));
    m_error->hide();
    m_baseLabel = new QLabel;
    m_baseLabel->setWordWrap(true);
    m_exportPng = new QPushButton(tr("Export &PNG…"));
    m_exportCsv = new QPushButton(tr("Export C&SV…"));
    m_exportPng->setToolTip(tr("Save the chart or heat map as a PNG image"));
    m_exportCsv->setToolTip(tr("Save every cell's mean, standard error and per-seed values as "
                               "CSV"));
    auto *exports = new QHBoxLayout;
    exports->addWidget(m_exportPng);
    exports->addWidget(m_exportCsv);

    auto *side = new QVBoxLayout;
    auto *group = new QGroupBox(tr("Sweep"));
    group->setLayout(form);
    side->addWidget(group);
    side->addWidget(preset);
    side->addLayout(buttons);
    side->addWidget(m_progress);
    side->addWidget(m_status);
    side->addWidget(m_error);
    side->addSpacing(12);
    side->addWidget(new QLabel(tr("<b>Every other setting</b> (from the main window):")));
    side->addWidget(m_baseLabel);
    side->addStretch(1);
    side->addLayout(exports);
    auto *sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setMaximumWidth(520);

    m_plot = new SweepPlot;
    m_plot->setMinimumSize(600, 500);
    connect(m_plot, &SweepPlot::cellClicked, this,
            [this](std::size_t index) { emit configChosen(cellConfig(index)); });
    connect(m_exportPng, &QPushButton::clicked, this, [this] {
        PlotExporter::exportInteractive(
            m_plot, QStringLiteral("sweep-") + QString::fromUtf8(sweepMetricName(m_shown.metric)),
            this);
    });
    connect(m_exportCsv, &QPushButton::clicked, this, &SweepWindow::exportCsvInteractive);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(sideWidget);
    layout->addWidget(m_plot, 1);
}

void SweepWindow::setBaseConfig(const TrainingConfig &config)
{
    m_base = config;
    showBase();
}

void SweepWindow::showBase()
{
    m_baseLabel->setText(PlotExporter::describeConfig(m_base, -1)
                             .toHtmlEscaped()
                             .replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

void SweepWindow::setKey(int row, const QString &key, const QString &values)
{
    KeyRow &r = m_rows[qBound(0, row, 1)];
    const int index = r.key->findData(key);
    r.key->setCurrentIndex(index < 0 ? 0 : index);
    r.values->setText(values);
    r.values->setEnabled(!r.key->currentData().toString().isEmpty());
}

void SweepWindow::setMetric(SweepMetric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
    updateTarget();
}

void SweepWindow::setTarget(double target)
{
    m_target->setValue(target);
}

void SweepWindow::updateTarget()
{
    // The box follows the metric: an accuracy in (0, 1], a loss above 0, or nothing to set.
    const auto metric = SweepMetric(m_metric->currentData().toInt());
    const bool accuracy = metric == SweepMetric::StepsToAccuracy;
    m_target->setEnabled(isConvergenceMetric(metric));
    m_target->setDecimals(accuracy ? 3 : 4);
    m_target->setRange(accuracy ? 0.001 : 0.0001, accuracy ? 1.0 : 1e6);
    m_target->setSingleStep(0.01);
    m_target->setValue(isConvergenceMetric(metric) ? defaultSweepTarget(metric) : 0.0);
    m_target->setSpecialValueText(isConvergenceMetric(metric) ? QString() : tr("–"));
}

void SweepWindow::setSeeds(int seeds)
{
    m_seeds->setValue(seeds);
}

void SweepWindow::setSteps(int steps)
{
    m_steps->setValue(steps);
}

void SweepWindow::useBornDeadPreset()
{
    m_base.activation = Activation::Relu;
    m_base.init = Init::HeNormal;
    m_base.initScale = 1;
    m_base.biasInit = 0;
    m_base.dataset = DatasetKind::Abs;
    m_base.inputShift = 0;
    showBase();
    setKey(0, QStringLiteral("width"), QStringLiteral("2:10"));
    setKey(1, QStringLiteral("depth"), QStringLiteral("1:30"));
    setMetric(SweepMetric::NetworkDead);
    setSeeds(50);
    setSteps(0);
}

QString SweepWindow::run()
{
    if (isRunning())
        return tr("a sweep is already running");
    std::vector<std::string> texts;
    for (const KeyRow &r : m_rows) {
        const QString key = r.key->currentData().toString();
        if (!key.isEmpty())
            texts.push_back((key + QLatin1Char('=') + r.values->text().trimmed()).toStdString());
    }
    SweepSpec spec;
    spec.base = m_base;
    spec.seeds = m_seeds->value();
    spec.steps = m_steps->value();
    spec.metric = SweepMetric(m_metric->currentData().toInt());
    if (isConvergenceMetric(spec.metric))
        spec.target = m_target->value();
    QString error = QString::fromStdString(parseGridSpec(texts, m_base, spec.grid));
    if (error.isEmpty() && spec.runCount() > kMaxSweepRuns)
        error = tr("%1 cells × %2 seeds is more than %3 runs")
                    .arg(spec.grid.cellCount())
                    .arg(spec.seeds)
                    .arg(kMaxSweepRuns);
    const bool accuracy =
        spec.metric == SweepMetric::TestAccuracy || spec.metric == SweepMetric::StepsToAccuracy;
    if (error.isEmpty() && accuracy && m_base.dataset != DatasetKind::Csv &&
        !isClassification(m_base.dataset) && !spec.grid.changesData())
        error = tr("%1 needs a classification data set; %2 is regression")
                    .arg(QString::fromUtf8(sweepMetricName(spec.metric).data()),
                         QString::fromUtf8(datasetName(m_base.dataset).data()));
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return error;

    m_shown = spec;
    m_result = SweepResult();
    m_result.cells.resize(spec.grid.cellCount());
    for (std::size_t i = 0; i < m_result.cells.size(); ++i)
        m_result.cells[i].index = i;
    m_plot->setGrid(spec, bornDeadPredictions(spec));
    m_progress->setRange(0, int(spec.grid.cellCount()));
    m_progress->setValue(0);
    m_status->setText(
        tr("Running %1 cells × %2 seeds…").arg(spec.grid.cellCount()).arg(spec.seeds));
    m_clock.start();
    m_job->start(spec);
    updateButtons();
    return {};
}

void SweepWindow::cancel()
{
    m_job->cancel();
}

bool SweepWindow::isRunning() const
{
    return m_job->isRunning();
}

TrainingConfig SweepWindow::cellConfig(std::size_t index) const
{
    return m_shown.grid.cellConfig(m_shown.base, index);
}

void SweepWindow::onCells(const QList<SweepCell> &cells, qsizetype cellsDone)
{
    for (const SweepCell &cell : cells) {
        if (cell.index < m_result.cells.size())
            m_result.cells[cell.index] = cell;
    }
    m_result.cellsDone = std::size_t(cellsDone);
    m_plot->setCells(cells);
    m_progress->setValue(int(cellsDone));
    m_status->setText(tr("%1 of %2 cells, %3 s")
                          .arg(cellsDone)
                          .arg(m_result.cells.size())
                          .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1));
}

void SweepWindow::onFinished(bool cancelled, const QString &error)
{
    m_result.cancelled = cancelled;
    const QString seconds = QString::number(double(m_clock.elapsed()) / 1000.0, 'f', 1);
    if (!error.isEmpty()) {
        m_error->setText(tr("The sweep failed: %1").arg(error));
        m_error->show();
    }
    m_status->setText(cancelled ? tr("Cancelled after %1 of %2 cells (%3 s)")
                                      .arg(m_result.cellsDone)
                                      .arg(m_result.cells.size())
                                      .arg(seconds)
                                : tr("Done: %1 cells × %2 seeds in %3 s. Hover a cell for its "
                                     "numbers; click it to load its settings.")
                                      .arg(m_result.cells.size())
                                      .arg(m_shown.seeds)
                                      .arg(seconds));
    updateButtons();
    emit sweepFinished(cancelled);
}

void SweepWindow::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_exportPng->setEnabled(!running && m_result.cellsDone > 0);
    m_exportCsv->setEnabled(!running && m_result.cellsDone > 0);
}

QString SweepWindow::exportCsv(const QString &path) const
{
    const std::string csv = sweepCsv(m_shown, m_result);
    return saveFile(path, QByteArray(csv.data(), qsizetype(csv.size())));
}

void SweepWindow::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export sweep as CSV"),
        QStringLiteral("sweep-%1.csv").arg(QString::fromUtf8(sweepMetricName(m_shown.metric))),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showPlainMessage(this, QMessageBox::Warning, tr("CSV not written"), error);
}

void SweepWindow::closeEvent(QCloseEvent *event)
{
    // Nobody would see the rest: stop, and free the cores for training.
    if (isRunning()) {
        m_job->cancelAndWait();
        m_result.cancelled = true;
        m_status->setText(tr("Cancelled when the window was closed, after %1 of %2 cells")
                              .arg(m_result.cellsDone)
                              .arg(m_result.cells.size()));
    }
    updateButtons();
    QWidget::closeEvent(event);
}

} // namespace relulab
