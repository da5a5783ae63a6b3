// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <vector>

class QTimer;

namespace relulab {

class MainWindow;

/// What `relulab --measure SECONDS` reports: how the real window keeps up with training.
struct FrameMeasurement
{
    double fps = 0;            ///< frames painted on screen (every visible plot) per second
    double frameP95Ms = 0;     ///< 95th percentile of frame published → every plot painted
    double stallMaxMs = 0;     ///< longest gap between two turns of the GUI event loop
    double stepsPerSecond = 0; ///< training steps per second over the measurement
    std::int64_t step = 0;     ///< the step of the last frame shown
    double seconds = 0;        ///< how long was measured (less when training stopped itself)
    QString stopped;           ///< why training stopped by itself ("network dead"), or empty

    /// One line of JSON with the fields above (the measuring contract's names).
    QString toJson() const;
};

/// Watches a MainWindow for a fixed time and measures frames on screen, their latency and the
/// longest stall of the GUI thread. Starts at the first frame painted, so start-up is not
/// counted; emits finished() once `seconds` have passed after it, or as soon as training stops
/// by itself (a dead or diverged network has nothing more to animate).
class FrameMeter : public QObject
{
    Q_OBJECT

public:
    FrameMeter(MainWindow *window, double seconds, QObject *parent = nullptr);

    /// The numbers so far (all of them after finished()).
    FrameMeasurement result() const;
    /// The nearest-rank `q` quantile of `values` (0 for none).
    static double percentile(std::vector<double> values, double q);

signals:
    void finished(const relulab::FrameMeasurement &result);
    /// Nothing could be measured (no frame was ever painted); one line saying why.
    void failed(const QString &message);

private:
    void onFramePainted();
    void onTick();
    /// Ends the measurement; `elapsedNs` is the time measured, from the first frame played.
    void finish(std::int64_t elapsedNs);

    MainWindow *m_window;
    std::int64_t m_durationNs;
    QTimer *m_ticker;
    QElapsedTimer m_clock;
    bool m_started = false;
    bool m_done = false;
    std::int64_t m_lastTickNs = 0;
    std::int64_t m_stallMaxNs = 0;
    std::int64_t m_framesPainted = 0;
    std::int64_t m_firstStep = 0;
    std::int64_t m_lastStep = 0;
    std::int64_t m_elapsedNs = 0; ///< set once, by finish()
    std::vector<double> m_latenciesMs;
    QString m_stopped;
};

} // namespace relulab

Q_DECLARE_METATYPE(relulab::FrameMeasurement)
