// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace relulab {

/// Runs closures in the thread of the object that owns it, in the order they were posted.
///
/// Every hand-over between ReLU Lab's threads (settings to the training worker, its state back
/// to a session file, measurements back from the cost and sweep threads) goes through one of
/// these instead of a queued signal's arguments. A queued signal copies its arguments inside Qt's
/// event queue, whose locking ThreadSanitizer cannot see in an uninstrumented Qt, so every value
/// would look like a race and real ones would hide among them. Here the closure and everything
/// it captured pass through a std::mutex, which TSan does see; Qt only carries a wake-up.
///
/// Make it a child of the receiving object, so it moves to that object's thread with it.
class ThreadInbox : public QObject
{
    Q_OBJECT

public:
    explicit ThreadInbox(QObject *parent = nullptr);
    ~ThreadInbox() override;

    /// Queues `work` to run in this object's thread, after everything posted before it.
    /// Safe to call from any thread.
    void post(std::function<void()> work);
    /// Runs `work` in this object's thread and returns when it has run (at once when called from
    /// that thread). The thread's event loop must be running, as for a blocking queued call.
    void call(const std::function<void()> &work);

private:
    Q_INVOKABLE void drain();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_queue;
    // True while a drain() is queued, so a burst of posts costs one event.
    bool m_wakeQueued = false;
};

} // namespace relulab
