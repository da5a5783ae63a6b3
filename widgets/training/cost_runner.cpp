// SPDX-License-Identifier: MIT
#include "cost_runner.h"

#include <exception>

namespace relulab {

CostRunner::CostRunner(QObject *parent) : QObject(parent)
{
    registerMetaTypes();
}

CostRunner::~CostRunner()
{
    const std::lock_guard lock(m_lifetime);
}

void CostRunner::cancel()
{
    const std::lock_guard lock(m_lifetime);
    m_cancel.store(true);
}

void CostRunner::arm()
{
    const std::lock_guard lock(m_lifetime);
    m_cancel.store(false);
}

void CostRunner::registerMetaTypes()
{
    qRegisterMetaType<CostReport>("relulab::CostReport");
    qRegisterMetaType<CostOptions>("relulab::CostOptions");
    qRegisterMetaType<TrainingConfig>("relulab::TrainingConfig");
}

void CostRunner::run(const TrainingConfig &config, const CostOptions &options)
{
    try {
        const auto report = measureCost(config, options, [this](double fraction) {
            emit progress(fraction);
            return !m_cancel.load();
        });
        if (report)
            emit finished(*report);
        else
            emit cancelled();
    } catch (const std::exception &e) {
        emit failed(QString::fromLocal8Bit(e.what()));
    }
}

} // namespace relulab
