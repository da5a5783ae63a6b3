// SPDX-License-Identifier: MIT
#pragma once

#include "cost_measure.h"
#include "training_config.h"

#include <QDialog>
#include <QElapsedTimer>

#include <optional>

class QCPBars;
class QLabel;
class QProgressBar;
class QPushButton;
class QThread;

namespace relulab {

class CostChart;
class CostRunner;
class ThreadInbox;

/// Tools → Cost…: "Does Leaky ReLU cost more CPU?" answered by measurement. Times every
/// activation on a background thread (the window stays live; Cancel and closing are safe) and
/// shows ns per element (forward, backward) and each activation's share of a training step of
/// the current network, with the answer in one sentence computed from the numbers. The chart
/// itself is a CostChart (plots); this dialog runs the measurement and words the result.
class CostPanel : public QDialog
{
    Q_OBJECT

public:
    explicit CostPanel(QWidget *parent = nullptr);
    ~CostPanel() override;

    /// The network to measure (the next Measure uses it; a running measurement keeps its own).
    void setConfig(const TrainingConfig &config);
    /// How long to measure (tests make it short).
    void setOptions(const CostOptions &options) { m_options = options; }
    bool isRunning() const { return m_running; }
    /// The last completed measurement, if any.
    const std::optional<CostReport> &report() const { return m_report; }

    CostChart *chart() const { return m_chart; }
    QCPBars *forwardBars() const;         ///< ns per element, forward
    QCPBars *backwardBars() const;        ///< ns per element, backward
    QCPBars *activationShareBars() const; ///< % of a step, activations
    QCPBars *matmulShareBars() const;     ///< % of a step, matrix products
    QCPBars *otherShareBars() const;      ///< % of a step, everything else
    /// What the panel is doing (a hint, "Measuring…", "Cancelled", how long it took).
    QLabel *status() const { return m_status; }
    /// The answer computed from the last report (drawn above the chart), or empty.
    QString answer() const { return m_answerText; }
    QProgressBar *progressBar() const { return m_progress; }

    /// Writes the chart as PNG (2×, white). Empty on success, else one line.
    QString exportPng(const QString &path) const;

public slots:
    /// Starts a measurement of the current config (ignored while one runs).
    void measure();
    /// Stops a running measurement; the previous result stays.
    void cancel();

signals:
    /// A measurement started: the window pauses training so it does not compete for the CPU.
    void measurementStarted();
    /// A measurement completed (report() is set) or was cancelled / failed.
    void measurementEnded(bool completed);

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override;

private:
    void showReport(const CostReport &report);
    void setRunning(bool running);
    void exportInteractive();
    void updateHeader();

    TrainingConfig m_config;
    CostOptions m_options;
    std::optional<CostReport> m_report;
    bool m_running = false;
    QElapsedTimer m_clock; ///< since Measure was pressed

    QThread *m_thread = nullptr;
    CostRunner *m_runner = nullptr;
    ThreadInbox *m_runnerInbox = nullptr; ///< runs closures in the runner's thread
    ThreadInbox *m_inbox = nullptr;       ///< runs closures in this window's thread
    QLabel *m_header = nullptr;
    QLabel *m_status = nullptr;
    QString m_answerText;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_measureButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    CostChart *m_chart = nullptr;
};

} // namespace relulab
