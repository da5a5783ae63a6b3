// SPDX-License-Identifier: MIT
#pragma once

#include "sweep.h"
#include "training_config.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace relulab {

class SweepJob;
class SweepPlot;

/// Tools → Sweep…: runs a grid of settings over many seeds off the GUI thread and fills in a
/// heat map (or a chart, for one key) as cells finish. Every other setting comes from the main
/// window. Clicking a cell asks the main window to load that cell's settings. Non-modal;
/// closing it cancels the sweep and waits for its threads.
class SweepWindow : public QWidget
{
    Q_OBJECT

public:
    explicit SweepWindow(QWidget *parent = nullptr);
    ~SweepWindow() override;

    /// The settings every cell starts from (the main window's, when the window is opened).
    void setBaseConfig(const TrainingConfig &config);
    const TrainingConfig &baseConfig() const { return m_base; }

    /// Fills key row `row` (0: x, 1: y) with `key` and its values; an empty key clears row 1.
    void setKey(int row, const QString &key, const QString &values);
    /// Also resets the target to the metric's default (disabled for metrics without one).
    void setMetric(SweepMetric metric);
    /// The steps_to_* metrics' target (a training accuracy, or a mean training loss).
    void setTarget(double target);
    QDoubleSpinBox *targetBox() const { return m_target; }
    void setSeeds(int seeds);
    void setSteps(int steps);
    /// Lu et al.'s picture: ReLU, He init, zero biases, 1-D |x| data; width 2–10 × depth 1–30
    /// at step 0, network_dead over 50 seeds.
    void useBornDeadPreset();

    /// Validates the form and starts the sweep. Returns the error (also shown), or empty.
    QString run();
    void cancel();
    bool isRunning() const;
    /// The result so far (cells not finished have done = false).
    const SweepResult &result() const { return m_result; }
    /// The settings of cell `index` of the sweep shown, with the base seed.
    TrainingConfig cellConfig(std::size_t index) const;
    /// Writes the CSV of the sweep shown; empty on success, else one line.
    QString exportCsv(const QString &path) const;

    SweepPlot *plot() const { return m_plot; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }

signals:
    /// The user clicked a cell: load these settings.
    void configChosen(const relulab::TrainingConfig &config);
    /// The sweep ended (every cell done, cancelled, or failed).
    void sweepFinished(bool cancelled);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct KeyRow
    {
        QComboBox *key = nullptr;
        QLineEdit *values = nullptr;
    };

    void buildForm();
    void onCells(const QList<SweepCell> &cells, qsizetype cellsDone);
    void onFinished(bool cancelled, const QString &error);
    void updateButtons();
    void updateTarget();
    void showBase();
    void exportCsvInteractive();

    TrainingConfig m_base;
    SweepSpec m_shown; ///< the spec of the sweep in the plot
    SweepResult m_result;
    SweepJob *m_job = nullptr;
    SweepPlot *m_plot = nullptr;
    KeyRow m_rows[2];
    QComboBox *m_metric = nullptr;
    QDoubleSpinBox *m_target = nullptr;
    QSpinBox *m_seeds = nullptr;
    QSpinBox *m_steps = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_exportPng = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_baseLabel = nullptr;
    QElapsedTimer m_clock;
};

} // namespace relulab
