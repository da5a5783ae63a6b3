// SPDX-License-Identifier: MIT
#include "sweep_job.h"

#include <QMetaObject>

#include <exception>
#include <new>

namespace relulab {

SweepJob::SweepJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<QList<relulab::SweepCell>>();
}

SweepJob::~SweepJob()
{
    cancelAndWait();
}

bool SweepJob::start(const SweepSpec &spec, int threads)
{
    if (isRunning())
        return false;
    if (m_thread.joinable())
        m_thread.join();
    m_spec = spec;
    m_cancel = false;
    {
        const std::lock_guard lock(m_mutex);
        m_pending.clear();
        m_doneCount = 0;
        m_ended = false;
        m_cancelled = false;
        m_error.clear();
        m_posted = false;
    }
    m_finishedDelivered = false;
    m_thread = std::thread([this, threads] {
        // Runs on the sweep's threads: queue the cell, and post one delivery if none is pending.
        auto progress = [this](const SweepCell &cell, std::size_t done) {
            const std::lock_guard lock(m_mutex);
            m_pending.append(cell);
            m_doneCount = done;
            if (!m_posted) {
                m_posted = true;
                QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
            }
        };
        QString error;
        bool cancelled = false;
        try {
            cancelled = runSweep(m_spec, threads, &m_cancel, progress).cancelled;
        } catch (const std::bad_alloc &) {
            error = tr("out of memory: the networks are too large for this machine");
        } catch (const std::exception &e) {
            error = QString::fromLocal8Bit(e.what());
        }
        const std::lock_guard lock(m_mutex);
        m_ended = true;
        m_cancelled = cancelled || !error.isEmpty();
        m_error = error;
        if (!m_posted) {
            m_posted = true;
            QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
        }
    });
    return true;
}

void SweepJob::cancel()
{
    m_cancel = true;
}

void SweepJob::cancelAndWait()
{
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
    const std::lock_guard lock(m_mutex);
    m_pending.clear();
    m_finishedDelivered = true;
}

void SweepJob::deliver()
{
    QList<SweepCell> cells;
    qsizetype done = 0;
    bool ended = false, cancelled = false;
    QString error;
    {
        const std::lock_guard lock(m_mutex);
        m_posted = false;
        cells.swap(m_pending);
        done = qsizetype(m_doneCount);
        ended = m_ended;
        cancelled = m_cancelled;
        error = m_error;
    }
    if (m_finishedDelivered)
        return; // cancelAndWait() already dropped this sweep
    if (!cells.isEmpty())
        emit cellsFinished(cells, done);
    if (ended) {
        m_thread.join();
        m_finishedDelivered = true;
        emit finished(cancelled, error);
    }
}

} // namespace relulab
