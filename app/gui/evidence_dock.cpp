// SPDX-License-Identifier: MIT
#include "evidence_dock.h"

#include "plot_style.h"
#include "sweep_job.h"
#include "sweep_plot.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace relulab {

namespace {

// One plot per row, as wide as the dock: two side by side clipped their titles at 600 pixels.
constexpr int kPlotMinWidth = 280;
constexpr int kPlotMinHeight = 300;

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

QLabel *wrappedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

/// "Setting 2: width=8" — what the contrast changes, in the keys' own words.
QString settingTitle(const Experiment &e, int setting)
{
    if (setting == 0)
        return EvidenceDock::tr("Setting 1: the lesson's settings");
    QStringList changes;
    for (const auto &[key, value] : e.contrast.entries())
        changes << fromStd(key + "=" + value);
    return EvidenceDock::tr("Setting 2: %1").arg(changes.join(QStringLiteral(", ")));
}

} // namespace

EvidenceDock::EvidenceDock(QWidget *parent)
    : QDockWidget(tr("Evidence"), parent), m_job(new SweepJob(this))
{
    setObjectName(QStringLiteral("evidenceDock"));
    setAccessibleName(tr("Evidence: the lesson's experiment and its verdict"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(scroll);
    scroll->setWidget(m_content);
    setWidget(scroll);
    connect(m_job, &SweepJob::cellsFinished, this,
            [this](const QList<SweepCell> &cells, qsizetype) { onCells(cells); });
    connect(m_job, &SweepJob::finished, this, &EvidenceDock::onFinished);
    hide();
}

EvidenceDock::~EvidenceDock()
{
    m_job->cancelAndWait();
}

QString EvidenceDock::command() const
{
    return m_lesson.isEmpty() ? QString()
                              : QStringLiteral("relulab-cli evidence --preset %1").arg(m_lesson);
}

void EvidenceDock::setLesson(const LessonInfo &lesson)
{
    if (lesson.experiment && m_experiment && lesson.name == m_lesson &&
        lesson.settings == m_settings)
        return;
    m_job->cancelAndWait();
    m_experiment = lesson.experiment;
    m_settings = lesson.settings;
    m_lesson = lesson.experiment ? lesson.name : QString();
    m_specs = m_experiment ? experimentSweeps(*m_experiment, m_settings) : std::vector<SweepSpec>();
    rebuild();
    if (!m_experiment) {
        hide();
        return;
    }
    show();
    raise();
    run();
}

void EvidenceDock::rebuild()
{
    delete m_content->layout();
    qDeleteAll(m_content->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_plots.clear();
    m_verdictLabels.clear();
    m_claim = nullptr;
    if (!m_experiment)
        return;
    const Experiment &e = *m_experiment;
    auto *layout = new QVBoxLayout(m_content);

    m_claim = wrappedLabel(m_content);
    m_claim->setObjectName(QStringLiteral("evidenceClaim"));
    m_claim->setTextFormat(Qt::RichText);
    m_claim->setText(tr("<p><b>The claim</b> <i>“%1”</i><br><small>%2</small></p>"
                        "<p>Compared: <b>%3</b> against <b>%4</b>, %5 seeds each, paired seed "
                        "by seed.</p>")
                         .arg(fromStd(e.claim).toHtmlEscaped(), fromStd(e.source).toHtmlEscaped(),
                              fromStd(e.b).toHtmlEscaped(), fromStd(e.a).toHtmlEscaped())
                         .arg(e.seeds));
    QFont claimFont = m_claim->font();
    claimFont.setPointSizeF(claimFont.pointSizeF() * 1.1);
    m_claim->setFont(claimFont);
    layout->addWidget(m_claim);

    m_keyAxis = 0;
    for (int k = 0; k < int(m_specs.front().grid.axes.size()); ++k)
        if (m_specs.front().grid.axes[size_t(k)].key == e.key)
            m_keyAxis = k;
    for (int s = 0; s < e.settingCount(); ++s) {
        auto *title = new QLabel(
            QStringLiteral("<b>%1</b>").arg(settingTitle(e, s).toHtmlEscaped()), m_content);
        layout->addWidget(title);
        for (std::size_t m = 0; m < e.measures.size(); ++m) {
            const int index = s * int(e.measures.size()) + int(m);
            auto *plot = new SweepPlot(m_content, 1.0);
            plot->setObjectName(QStringLiteral("evidencePlot%1").arg(index));
            plot->setMinimumSize(kPlotMinWidth, kPlotMinHeight);
            plot->setAccessibleName(tr("%1, %2").arg(
                settingTitle(e, s), fromStd(std::string(sweepMetricName(e.measures[m].metric)))));
            connect(plot, &SweepPlot::cellClicked, this, [this, index](std::size_t cell) {
                const SweepSpec &spec = m_specs[size_t(index)];
                emit configChosen(spec.grid.cellConfig(spec.base, cell),
                                  m_plots.value(index)->cellDescription(cell));
            });
            plot->setToolTip(tr("Hover a point for its numbers; click it to train that setting "
                                "live (seed %1)")
                                 .arg(m_specs[size_t(index)].base.seed));
            layout->addWidget(plot, 1);
            m_plots.append(plot);
            // format_stalls' step-0 sweep is the baseline of the shares the verdict reports:
            // equal curves, nothing to look at.
            plot->setVisible(!(e.rule == EvidenceRule::FormatStalls && m == 1));
        }
        auto *verdict = wrappedLabel(m_content);
        verdict->setObjectName(QStringLiteral("evidenceVerdict%1").arg(s));
        verdict->setTextFormat(Qt::RichText);
        QFont big = verdict->font();
        big.setPointSizeF(big.pointSizeF() * 1.1);
        verdict->setFont(big);
        layout->addWidget(verdict);
        m_verdictLabels.append(verdict);
    }

    auto *controls = new QHBoxLayout;
    m_progress = new QProgressBar(m_content);
    m_progress->setRange(0, int(m_specs.size()));
    m_progress->setAccessibleName(tr("Experiment progress"));
    controls->addWidget(m_progress, 1);
    m_run = new QPushButton(tr("&Run again"), m_content);
    m_run->setToolTip(tr("Run every sweep of the experiment again from the start"));
    connect(m_run, &QPushButton::clicked, this, &EvidenceDock::run);
    controls->addWidget(m_run);
    m_cancel = new QPushButton(tr("Cance&l"), m_content);
    m_cancel->setToolTip(tr("Stop the experiment; what finished stays drawn, with no verdict"));
    connect(m_cancel, &QPushButton::clicked, this, &EvidenceDock::cancel);
    controls->addWidget(m_cancel);
    layout->addLayout(controls);
    m_status = wrappedLabel(m_content);
    m_status->setObjectName(QStringLiteral("evidenceStatus"));
    layout->addWidget(m_status);
    m_command = wrappedLabel(m_content);
    m_command->setText(tr("Reproduce: <code>%1</code> (add <code>--set seed=101</code> for "
                          "another seed list)")
                           .arg(command().toHtmlEscaped()));
    m_command->setToolTip(tr("The same experiment from the command line, with every number"));
    layout->addWidget(m_command);
}

void EvidenceDock::run()
{
    if (!m_experiment)
        return;
    m_job->cancelAndWait();
    m_results.clear();
    m_verdicts.assign(size_t(m_experiment->settingCount()), Verdict{});
    m_cancelled = false;
    m_error.clear();
    for (int i = 0; i < m_plots.size(); ++i)
        m_plots[i]->setGrid(m_specs[size_t(i)], {}, m_keyAxis);
    for (int s = 0; s < int(m_verdictLabels.size()); ++s)
        showVerdict(s);
    m_clock.start();
    startNext();
}

void EvidenceDock::startNext()
{
    const std::size_t next = m_results.size();
    if (next >= m_specs.size()) {
        updateStatus();
        emit experimentFinished(false);
        return;
    }
    m_current = SweepResult{};
    m_current.cells.resize(m_specs[next].grid.cellCount());
    m_job->start(m_specs[next]);
    updateStatus();
}

void EvidenceDock::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
}

bool EvidenceDock::isRunning() const
{
    return m_job->isRunning();
}

void EvidenceDock::onCells(const QList<SweepCell> &cells)
{
    const std::size_t index = m_results.size();
    for (const SweepCell &cell : cells) {
        if (cell.index < m_current.cells.size()) {
            m_current.cells[cell.index] = cell;
            ++m_current.cellsDone;
        }
    }
    if (SweepPlot *plot = m_plots.value(int(index)))
        plot->setCells(cells);
    updateStatus();
}

void EvidenceDock::onFinished(bool cancelled, const QString &error)
{
    m_current.cancelled = cancelled;
    m_results.push_back(std::move(m_current));
    m_current = SweepResult{};
    const std::size_t perSetting = m_experiment->measures.size();
    const int setting = int((m_results.size() - 1) / perSetting);
    if (cancelled) {
        m_cancelled = true;
        m_error = error;
        for (int s = setting; s < int(m_verdictLabels.size()); ++s)
            showVerdict(s);
        updateStatus();
        emit experimentFinished(true);
        return;
    }
    if (m_results.size() % perSetting == 0)
        showVerdict(setting);
    // Start the next sweep once this delivery has returned to the event loop.
    QMetaObject::invokeMethod(this, &EvidenceDock::startNext, Qt::QueuedConnection);
}

void EvidenceDock::showVerdict(int setting)
{
    QLabel *label = m_verdictLabels.value(setting);
    if (!label || !m_experiment)
        return;
    const std::size_t needed = std::size_t(setting + 1) * m_experiment->measures.size();
    const bool complete =
        m_results.size() >= needed &&
        std::none_of(m_results.begin(), m_results.begin() + std::ptrdiff_t(needed),
                     [](const SweepResult &r) { return r.cancelled; });
    if (!complete) {
        m_verdicts[size_t(setting)] = Verdict{};
        label->setText(m_cancelled ? tr("<b>No verdict:</b> the experiment was cancelled.")
                                   : tr("<b>Verdict:</b> waiting for the sweeps…"));
        return;
    }
    const Verdict v = judgeExperiment(*m_experiment, m_specs, m_results, setting);
    m_verdicts[size_t(setting)] = v;
    QString head;
    QRgb color = 0;
    switch (v.outcome) {
    case VerdictOutcome::Holds:
        head = tr("The claim holds here.");
        color = QRgb(0x00704f); // a darker bluish green: readable on white
        break;
    case VerdictOutcome::Contradicted:
        head = tr("The claim does not hold here.");
        color = QRgb(0xb34700); // a darker vermillion
        break;
    case VerdictOutcome::Unclear:
        head = tr("Not decided by these numbers.");
        color = QRgb(0x555555);
        break;
    }
    label->setText(QStringLiteral("<b><span style=\"color:#%1\">%2</span></b> %3")
                       .arg(QString::number(color & 0xffffff, 16).rightJustified(6, '0'), head,
                            fromStd(v.text).toHtmlEscaped()));
    label->setAccessibleName(head + QLatin1Char(' ') + fromStd(v.text));
}

void EvidenceDock::updateStatus()
{
    if (!m_status)
        return;
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    const int done = int(m_results.size());
    m_progress->setValue(done);
    const bool running = isRunning();
    m_cancel->setEnabled(running);
    m_run->setEnabled(!running);
    if (m_cancelled)
        m_status->setText(m_error.isEmpty()
                              ? tr("Cancelled after %1 s: the sweeps that finished stay drawn; "
                                   "Run again for a verdict.")
                                    .arg(seconds, 0, 'f', 1)
                              : tr("Stopped: %1").arg(m_error));
    else if (done >= int(m_specs.size()))
        m_status->setText(tr("%1 sweeps in %2 s (the lesson expects about %3 s on 2 cores).")
                              .arg(m_specs.size())
                              .arg(seconds, 0, 'f', 1)
                              .arg(m_experiment->seconds));
    else
        m_status->setText(tr("Running sweep %1 of %2 (%3 of %4 cells), %5 s; about %6 s in all.")
                              .arg(done + 1)
                              .arg(m_specs.size())
                              .arg(m_current.cellsDone)
                              .arg(m_current.cells.size())
                              .arg(seconds, 0, 'f', 1)
                              .arg(m_experiment->seconds));
}

} // namespace relulab
