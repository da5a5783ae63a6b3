// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QObject>

#include <functional>
#include <utility>

class QThread;

namespace relulab {

class FrameMailbox;
class ThreadInbox;
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

    /// The worker, for its signals; call it only through post() and call(). Null after stop().
    TrainingWorker *worker() const { return m_worker; }
    /// The thread; null after stop().
    QThread *trainingThread() const { return m_thread; }

    /// Starts the thread; the worker publishes its first frame, then plays if `play`.
    void start(bool play);
    /// Runs `work` on the training thread with the worker, after everything posted before it
    /// (between two chunks of training). From the GUI thread; ignored after stop().
    void post(std::function<void(TrainingWorker &)> work);
    /// Like post(), and returns once `work` has run (at once if the thread is not running).
    void call(const std::function<void(TrainingWorker &)> &work);
    /// post() for one of the worker's slots, with copies of the arguments.
    template <typename... Params, typename... Args>
    void postSlot(void (TrainingWorker::*slot)(Params...), Args &&...args)
    {
        post(
            [slot, ... args = std::forward<Args>(args)](TrainingWorker &w) { (w.*slot)(args...); });
    }
    /// A functor that posts `slot` with the arguments it is called with, for connect().
    template <typename... Params> auto forwarder(void (TrainingWorker::*slot)(Params...))
    {
        return [this, slot](Params... args) { postSlot(slot, args...); };
    }

    /// Stops training and joins the thread (at most one chunk of training, ~8 ms, plus a
    /// frame). Safe to call twice.
    void stop();

private:
    QThread *m_thread;
    TrainingWorker *m_worker;
    ThreadInbox *m_inbox; ///< a child of the worker, so it lives in the training thread
};

} // namespace relulab
