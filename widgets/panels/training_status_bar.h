// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QStatusBar>

class QLabel;
class QTimer;

namespace relulab {

struct TrainingFrame;

/// Step, steps/s, plot refresh rate and why training is not running, from the latest frame.
class TrainingStatusBar : public QStatusBar
{
    Q_OBJECT

public:
    explicit TrainingStatusBar(QWidget *parent = nullptr);

    /// Shows what `frame` says about training.
    void showFrame(const TrainingFrame &frame);
    /// Frames painted per second, averaged over the last second or so.
    double refreshRate() const { return m_refreshRate; }
    /// The text explaining the training state ("Training", "Paused", "Diverged at step 12").
    QString stateText() const;
    /// Compare mode: step, loss and dead share of runs A and B; empty when compare is off.
    QString compareText() const;

    /// Why training stopped, or that it runs, in words for the status bar.
    static QString describeState(const TrainingFrame &frame);

public slots:
    /// Counts a frame that every visible plot has painted on screen.
    void noteFramePainted();

private:
    void updateRefreshRate();

    QLabel *m_state;
    QLabel *m_step;
    QLabel *m_compare;
    QLabel *m_speed;
    QLabel *m_refresh;
    QTimer *m_rateTimer;
    QElapsedTimer m_rateClock;
    double m_paintedSinceTick = 0;
    double m_refreshRate = 0;
};

} // namespace relulab
