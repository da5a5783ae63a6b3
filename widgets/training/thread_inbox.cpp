// SPDX-License-Identifier: MIT
#include "thread_inbox.h"

#include <QMetaObject>
#include <QThread>

#include <exception>
#include <utility>

namespace relulab {

ThreadInbox::ThreadInbox(QObject *parent) : QObject(parent) {}

ThreadInbox::~ThreadInbox()
{
    // Orders the destruction after the last post(), which ran under this lock, in
    // ThreadSanitizer's eyes too (Qt's thread join is invisible to it).
    const std::lock_guard lock(m_mutex);
    m_queue.clear();
}

void ThreadInbox::post(std::function<void()> work)
{
    const std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(work));
    // By name, so Qt allocates the event itself: a functor slot object would be created here
    // and destroyed in the receiving thread, a hand-over TSan cannot follow.
    if (!std::exchange(m_wakeQueued, true))
        QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void ThreadInbox::call(const std::function<void()> &work)
{
    if (QThread::currentThread() == thread()) {
        work();
        return;
    }
    std::mutex doneMutex;
    std::condition_variable doneChanged;
    bool done = false;
    std::exception_ptr error;
    post([&] {
        try {
            work();
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard lock(doneMutex);
        done = true;
        doneChanged.notify_one();
    });
    std::unique_lock lock(doneMutex);
    doneChanged.wait(lock, [&] { return done; });
    if (error)
        std::rethrow_exception(error);
}

void ThreadInbox::drain()
{
    std::deque<std::function<void()>> work;
    {
        std::lock_guard lock(m_mutex);
        work.swap(m_queue);
        m_wakeQueued = false;
    }
    for (auto &item : work)
        item();
}

} // namespace relulab
