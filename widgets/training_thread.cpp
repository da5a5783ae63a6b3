// SPDX-License-Identifier: MIT
#include "training_thread.h"

#include "training_worker.h"

#include <QMetaObject>
#include <QThread>

namespace relulab {

TrainingThread::TrainingThread(const TrainingConfig &config, int speed, FrameMailbox *mailbox,
                               QObject *parent)
    : QObject(parent), m_thread(new QThread), m_worker(new TrainingWorker(config, mailbox))
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
        QMetaObject::invokeMethod(m_worker, &TrainingWorker::play, Qt::QueuedConnection);
}

void TrainingThread::stop()
{
    if (!m_thread)
        return;
    if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(m_worker, &TrainingWorker::stop, Qt::QueuedConnection);
        // quit() ends the event loop after the current event, so pending chunks never run.
        m_thread->quit();
        m_thread->wait();
    } else {
        delete m_worker; // never started: nothing else will delete it
    }
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

} // namespace relulab
