// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <mutex>
#include <utility>

namespace relulab {

/// A latest-wins hand-over of frames from the training thread to the GUI thread.
///
/// The worker publishes as often as it likes; the mailbox keeps only the newest frame and keeps
/// at most one notification queued to its own (GUI) thread, so a slow screen never builds a
/// queue and a fast worker never waits for painting.
///
/// Optionally the consumer paces the producer: with setPaced(true), readyForFrame() stays false
/// from a publish until the consumer take()s that frame. The worker then records the next frame
/// while the GUI paints the one it took, so both threads work at once, and it never records a
/// frame that would only replace one nobody has looked at.
class FrameMailbox : public QObject
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;

    explicit FrameMailbox(QObject *parent = nullptr);
    ~FrameMailbox() override;

    /// Replaces the stored frame. Safe to call from any thread.
    void publish(FramePtr frame);
    /// The newest frame (null before the first publish). Safe to call from any thread.
    FramePtr latest() const;
    /// The consumer's call: the newest frame and when it was published, read together; from
    /// now on the producer may publish the next one (see setPaced).
    std::pair<FramePtr, Clock::time_point> take();
    /// How many frames were published in total, including the ones nobody looked at.
    quint64 publishedCount() const { return m_published.load(std::memory_order_relaxed); }
    /// How many notifications were delivered to this object's thread.
    quint64 deliveredCount() const { return m_delivered.load(std::memory_order_relaxed); }

    /// A consumer that take()s every frame it shows turns pacing on.
    void setPaced(bool paced) { m_paced.store(paced, std::memory_order_relaxed); }
    /// Whether a new frame would be shown soon: not paced, the last one was taken, or the
    /// consumer has been silent for longer than kTakeTimeout (a stuck event loop).
    bool readyForFrame() const;

    /// Longest wait for take() before frames flow again anyway.
    static constexpr std::chrono::milliseconds kTakeTimeout{100};

signals:
    /// Emitted in the mailbox's thread when a frame newer than the last notification arrived.
    /// Receivers read latest(); several publishes may be folded into one notification.
    void frameAvailable();

private:
    Q_INVOKABLE void deliver();

    // std::mutex rather than QMutex: its hand-over is visible to ThreadSanitizer.
    mutable std::mutex m_mutex;
    FramePtr m_latest;
    Clock::time_point m_publishedAt;
    // True while a deliver() call is queued, so at most one notification is ever in flight.
    std::atomic_bool m_pending{false};
    std::atomic<quint64> m_published{0};
    std::atomic<quint64> m_delivered{0};
    std::atomic_bool m_paced{false};
    std::atomic_bool m_awaitingTake{false};
};

} // namespace relulab
