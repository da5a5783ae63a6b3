// SPDX-License-Identifier: MIT
#pragma once

#include "sweep.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <mutex>
#include <thread>

namespace relulab {

/// Runs one sweep off the GUI thread and hands finished cells to the GUI in batches.
/// A plain std::thread calls runSweep, whose own thread pool does the work; the cells it reports
/// are queued and delivered by one queued call however many finished meanwhile, so a fast sweep
/// of thousands of cells costs the GUI one repaint per event-loop turn, not one per cell.
class SweepJob : public QObject
{
    Q_OBJECT

public:
    explicit SweepJob(QObject *parent = nullptr);
    /// Cancels and waits for the sweep's threads.
    ~SweepJob() override;

    /// Starts `spec` on `threads` (0: every core). False if a sweep is still running.
    bool start(const SweepSpec &spec, int threads = 0);
    bool isRunning() const { return m_thread.joinable() && !m_finishedDelivered; }
    /// Asks the sweep to stop (quick: checked between runs and between training chunks).
    void cancel();
    /// Cancels and waits until the sweep's threads are gone (cells still queued are dropped).
    void cancelAndWait();

    const SweepSpec &spec() const { return m_spec; }

signals:
    /// Cells that finished since the last signal, in the order they finished.
    void cellsFinished(const QList<relulab::SweepCell> &cells, qsizetype cellsDone);
    /// The sweep ended: every cell done, cancelled, or failed (`error` non-empty).
    void finished(bool cancelled, const QString &error);

private:
    Q_INVOKABLE void deliver();

    SweepSpec m_spec;
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::mutex m_mutex;
    QList<SweepCell> m_pending;  ///< guarded by m_mutex
    std::size_t m_doneCount = 0; ///< guarded by m_mutex
    bool m_ended = false;        ///< guarded by m_mutex: the runner returned
    bool m_cancelled = false;    ///< guarded by m_mutex
    QString m_error;             ///< guarded by m_mutex
    bool m_posted = false;       ///< guarded by m_mutex: a deliver() call is queued
    bool m_finishedDelivered = true;
};

} // namespace relulab
