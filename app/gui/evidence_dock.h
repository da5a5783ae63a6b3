// SPDX-License-Identifier: MIT
#pragma once

#include "evidence.h"
#include "lesson_info.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QList>

#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;

namespace relulab {

class SweepJob;
class SweepPlot;

/// An evidence lesson's experiment beside the live network (issue 15): the forum claim word
/// for word, each setting's sweeps drawn as curves with standard-error bands as they finish,
/// and under them the verdict computed from this run's numbers (judgeExperiment). The sweeps run
/// one after another off the GUI thread on every core; Cancel stops them, and a new lesson or
/// closing the window cancels and waits. Clicking a point loads that cell into the live network.
class EvidenceDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit EvidenceDock(QWidget *parent = nullptr);
    ~EvidenceDock() override;

    /// Shows `lesson`'s experiment and runs it from the start; a lesson without one cancels what
    /// runs, clears the dock and hides it. The same lesson again keeps what is shown.
    void setLesson(const LessonInfo &lesson);
    /// Runs the experiment again from the start (after a cancel, or on another seed list).
    void run();
    void cancel();
    bool isRunning() const;
    bool hasExperiment() const { return m_experiment.has_value(); }

    const std::vector<SweepSpec> &specs() const { return m_specs; }
    /// The finished sweeps, in specs() order (fewer while running or after a cancel).
    const std::vector<SweepResult> &results() const { return m_results; }
    /// Setting `setting`'s verdict as shown (Unclear until its sweeps are done).
    const Verdict &verdict(int setting) const { return m_verdicts.at(setting); }
    /// The plot of sweep `index` (specs() order).
    SweepPlot *plot(int index) const { return m_plots.value(index); }
    QLabel *verdictLabel(int setting) const { return m_verdictLabels.value(setting); }
    QLabel *claimLabel() const { return m_claim; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *runButton() const { return m_run; }
    /// The command that reproduces the experiment: relulab-cli evidence --preset NAME.
    QString command() const;

signals:
    /// A point was clicked: load these settings into the live network.
    void configChosen(const relulab::TrainingConfig &config, const QString &description);
    /// Every sweep finished, or the run was cancelled.
    void experimentFinished(bool cancelled);

private:
    void rebuild();
    void startNext();
    void onCells(const QList<SweepCell> &cells);
    void onFinished(bool cancelled, const QString &error);
    void showVerdict(int setting);
    void updateStatus();

    QString m_lesson; ///< the lesson's name
    std::optional<Experiment> m_experiment;
    TrainingConfig m_settings;
    std::vector<SweepSpec> m_specs;
    std::vector<SweepResult> m_results;
    SweepResult m_current; ///< the sweep running now, filled as cells arrive
    std::vector<Verdict> m_verdicts;
    int m_keyAxis = -1; ///< the grid axis of the compared key, drawn as one curve per value
    bool m_cancelled = false;
    QString m_error;
    SweepJob *m_job;
    QElapsedTimer m_clock;

    QWidget *m_content = nullptr;
    QLabel *m_claim = nullptr;
    QList<SweepPlot *> m_plots;
    QList<QLabel *> m_verdictLabels;
    QLabel *m_status = nullptr;
    QLabel *m_command = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace relulab
