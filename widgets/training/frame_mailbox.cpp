// SPDX-License-Identifier: MIT
#include "frame_mailbox.h"

#include <QMetaObject>

#include <utility>

namespace relulab {

FrameMailbox::FrameMailbox(QObject *parent) : QObject(parent) {}

FrameMailbox::~FrameMailbox()
{
    // Orders the destruction after the producer's last publish(), which ran under this lock,
    // in ThreadSanitizer's eyes too (Qt's thread join is invisible to it).
    const std::lock_guard lock(m_mutex);
}

void FrameMailbox::publish(FramePtr frame)
{
    const std::lock_guard lock(m_mutex);
    m_latest = std::move(frame);
    m_publishedAt = Clock::now();
    m_published.fetch_add(1, std::memory_order_relaxed);
    m_awaitingTake.store(true, std::memory_order_release);
    // Only the first publish after a delivery queues a notification; later ones just replace
    // the frame that notification will pick up. By name, so Qt allocates the call itself
    // instead of a slot object made on this thread and freed on the other.
    if (!m_pending.exchange(true, std::memory_order_acq_rel))
        QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

FramePtr FrameMailbox::latest() const
{
    const std::lock_guard lock(m_mutex);
    return m_latest;
}

std::pair<FramePtr, FrameMailbox::Clock::time_point> FrameMailbox::take()
{
    const std::lock_guard lock(m_mutex);
    m_awaitingTake.store(false, std::memory_order_release);
    return {m_latest, m_publishedAt};
}

bool FrameMailbox::readyForFrame() const
{
    if (!m_paced.load(std::memory_order_relaxed) || !m_awaitingTake.load(std::memory_order_acquire))
        return true;
    const std::lock_guard lock(m_mutex);
    return Clock::now() - m_publishedAt > kTakeTimeout;
}

void FrameMailbox::deliver()
{
    // Cleared before emitting: a frame published while receivers run gets its own notification.
    m_pending.store(false, std::memory_order_release);
    m_delivered.fetch_add(1, std::memory_order_relaxed);
    emit frameAvailable();
}

} // namespace relulab
