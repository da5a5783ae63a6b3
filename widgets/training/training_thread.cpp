// SPDX-License-Identifier: MIT
#include "training_thread.h"

#include "thread_inbox.h"
#include "training_worker.h"

#include <QThread>

namespace relulab {

TrainingThread::TrainingThread(const TrainingConfig &config, int speed, FrameMailbox *mailbox,
                               QObject *parent)
    : QObject(parent), m_thread(new QThread), m_worker(new TrainingWorker(config, mailbox)),
      m_inbox(new ThreadInbox(m_worker))
{
    m_thread->setObjectName(QStringLiteral("relulab-training"));
    m_worker->setSpeed(speed); // safe: the worker has no thread of its own yet
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_thread, &QThread::started, m_worker, &TrainingWorker::start);
}

TrainingThread::~TrainingThread()
{
    stop();
}

void TrainingThread::start(bool play)
{
    m_thread->start();
    if (play)
        postSlot(&TrainingWorker::play);
}

void TrainingThread::post(std::function<void(TrainingWorker &)> work)
{
    if (!m_worker)
        return;
    m_inbox->post([worker = m_worker, work = std::move(work)] { work(*worker); });
}

void TrainingThread::call(const std::function<void(TrainingWorker &)> &work)
{
    if (!m_worker)
        return;
    if (!m_thread->isRunning()) {
        work(*m_worker); // no other thread touches it
        return;
    }
    m_inbox->call([worker = m_worker, &work] { work(*worker); });
}

void TrainingThread::stop()
{
    if (!m_thread)
        return;
    if (m_thread->isRunning()) {
        postSlot(&TrainingWorker::stop);
        // quit() ends the event loop after the current event, so pending chunks never run.
        m_thread->quit();
        m_thread->wait();
    } else {
        delete m_worker; // never started: nothing else will delete it
    }
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
    m_inbox = nullptr;
}

} // namespace relulab
