// SPDX-License-Identifier: MIT
#pragma once

#include "cost_measure.h"
#include "training_config.h"

#include <QObject>

#include <atomic>
#include <mutex>

namespace relulab {

/// Runs measureCost on the thread it lives on (move it to a QThread) and reports progress and
/// the result through signals emitted on that thread (CostPanel takes them with a direct
/// connection and posts them to its own ThreadInbox); cancel() may be called from any thread.
class CostRunner : public QObject
{
    Q_OBJECT

public:
    explicit CostRunner(QObject *parent = nullptr);
    ~CostRunner() override;

    /// Registers the types of its signals and slots with Qt's meta-type system, for QVariant
    /// and QSignalSpy; no value of them crosses threads as a queued argument (idempotent).
    static void registerMetaTypes();

    /// Asks a running or queued measurement to stop at its next check (within milliseconds).
    void cancel();
    /// Clears a cancel request; call before queueing run() (any thread).
    void arm();

public slots:
    /// Measures `config`'s network with `options`; emits finished or cancelled.
    void run(const relulab::TrainingConfig &config, const relulab::CostOptions &options);

signals:
    /// Fraction done, 0..1.
    void progress(double fraction);
    void finished(const relulab::CostReport &report);
    void cancelled();
    /// The measurement threw (e.g. out of memory); one line.
    void failed(const QString &message);

private:
    std::atomic<bool> m_cancel = false;
    // Taken by cancel() and arm() and by the destructor, which runs on the runner's thread
    // after the last of them: ThreadSanitizer cannot see QThread's own join.
    std::mutex m_lifetime;
};

} // namespace relulab
