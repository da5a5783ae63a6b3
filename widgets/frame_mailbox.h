// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>

namespace relulab {

/// A latest-wins hand-over of frames from the training thread to the GUI thread.
///
/// The worker publishes as often as it likes; the mailbox keeps only the newest frame and keeps
/// at most one notification queued to its own (GUI) thread, so a slow screen never builds a
/// queue and a fast worker never waits for painting.
///
/// Optionally the consumer paces the producer: after markPresented() is switched on with
/// setPaced(true), readyForFrame() stays false from a publish until the consumer says the frame
/// is on screen, so the worker does not spend time recording frames nobody will see, and each
/// frame it does record is painted right away instead of waiting behind an older one.
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
    /// When `frame` was published, if it is still the newest one; otherwise nullopt.
    /// For latency measurements: the GUI may show a frame that has already been replaced.
    std::optional<Clock::time_point> publishedAt(const FramePtr &frame) const;
    /// How many frames were published in total, including the ones nobody looked at.
    quint64 publishedCount() const { return m_published.load(std::memory_order_relaxed); }
    /// How many notifications were delivered to this object's thread.
    quint64 deliveredCount() const { return m_delivered.load(std::memory_order_relaxed); }

    /// A consumer that calls markPresented() after painting turns pacing on.
    void setPaced(bool paced) { m_paced.store(paced, std::memory_order_relaxed); }
    /// The consumer finished painting the newest frame it took.
    void markPresented() { m_awaitingPresent.store(false, std::memory_order_release); }
    /// Whether a new frame would be shown soon: not paced, the last one was presented, or the
    /// consumer has been silent for longer than kPresentTimeout (a hidden window, a stuck one).
    bool readyForFrame() const;

    /// Longest wait for markPresented() before frames flow again anyway.
    static constexpr std::chrono::milliseconds kPresentTimeout{100};

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
    std::atomic_bool m_awaitingPresent{false};
};

} // namespace relulab
