// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QObject>

class QThread;

namespace relulab {

class FrameMailbox;
class TrainingWorker;

/// Owns the training thread and the TrainingWorker living in it: starts them, and on stop()
/// (or destruction) ends them cleanly — the worker stops, the thread's event loop quits, the
/// worker is deleted on its own thread (finished → deleteLater) and the thread is joined.
class TrainingThread : public QObject
{
    Q_OBJECT

public:
    /// `mailbox` must outlive this object.
    TrainingThread(const TrainingConfig &config, int speed, FrameMailbox *mailbox,
                   QObject *parent = nullptr);
    ~TrainingThread() override;

    /// The worker, to connect to (queued) and invoke slots on; null after stop().
    TrainingWorker *worker() const { return m_worker; }
    /// The thread; null after stop().
    QThread *thread() const { return m_thread; }

    /// Starts the thread; the worker publishes its first frame, then plays if `play`.
    void start(bool play);
    /// Stops training and joins the thread (at most one chunk of training, ~8 ms, plus a
    /// frame). Safe to call twice.
    void stop();

private:
    QThread *m_thread;
    TrainingWorker *m_worker;
};

} // namespace relulab
