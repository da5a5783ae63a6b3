// SPDX-License-Identifier: MIT
// The convergence metrics of a sweep: the first step at which a run meets a target, found while
// it trains, and censored when it never does within the steps.
#include "float_environment.h"
#include "sweep.h"
#include "trainer.h"

#include <cmath>
#include <stdexcept>

namespace relulab {

namespace {

constexpr double kDefaultAccuracyTarget = 0.95;
constexpr double kDefaultLossTarget = 0.1;

/// Whether the network meets the target. One forward pass over the training set: no backward
/// pass and none of the per-unit metrics of a snapshot, which would cost several times more
/// after every step. Accuracy and loss are computed as measure() computes them (the same
/// forward pass on the same float data, the same sums), so the step found is the one a
/// Trainer::snapshot after every step would show (measured on one thread, as sweeps measure: a
/// two-thread snapshot sums the loss in two halves, which may differ in the last bit).
class TargetCheck
{
public:
    TargetCheck(const Trainer &trainer, SweepMetric metric, double target)
        : m_X(trainer.dataset().trainX.cast<float>()), m_y(trainer.dataset().trainY.cast<float>()),
          m_kind(trainer.lossKind()), m_accuracy(metric == SweepMetric::StepsToAccuracy),
          m_target(target)
    {}

    bool met(const Network<float> &net)
    {
        net.forward(m_X, m_ws);
        const Eigen::Index n = m_X.cols();
        if (m_accuracy) {
            Eigen::Index correct = 0;
            for (Eigen::Index i = 0; i < n; ++i)
                correct += (m_ws.output(i) > 0.0F) == (m_y(i) > 0.5F);
            return double(correct) / double(n) >= m_target;
        }
        // measure() sums the loss as mean × n and divides by n again; the same here.
        const double lossSum = double(meanLoss<float>(m_kind, m_ws.output, m_y)) * double(n);
        return lossSum / double(n) <= m_target; // NaN (diverged) never meets it
    }

private:
    Mat<float> m_X;
    Vec<float> m_y;
    LossKind m_kind;
    bool m_accuracy;
    double m_target;
    Workspace<float> m_ws;
};

} // namespace

bool isConvergenceMetric(SweepMetric m)
{
    return m == SweepMetric::StepsToAccuracy || m == SweepMetric::StepsToLoss;
}

double defaultSweepTarget(SweepMetric m)
{
    switch (m) {
    case SweepMetric::StepsToAccuracy:
        return kDefaultAccuracyTarget;
    case SweepMetric::StepsToLoss:
        return kDefaultLossTarget;
    default:
        return kNaN;
    }
}

std::string sweepTargetError(SweepMetric m, double target)
{
    if (m == SweepMetric::StepsToAccuracy && !(target > 0 && target <= 1))
        return "expected an accuracy in (0, 1]";
    if (m == SweepMetric::StepsToLoss && !(std::isfinite(target) && target > 0))
        return "expected a finite loss above 0";
    if (!isConvergenceMetric(m) && !std::isnan(target))
        return "only steps_to_accuracy and steps_to_loss take a target";
    return {};
}

std::optional<ConvergenceRun> sweepConvergenceRun(const TrainingConfig &config, int steps,
                                                  SweepMetric metric, double target,
                                                  const std::atomic<bool> *cancel)
{
    if (!isConvergenceMetric(metric))
        throw std::invalid_argument("not a convergence metric");
    if (const std::string error = sweepTargetError(metric, target); !error.empty())
        throw std::invalid_argument("target: " + error);
    FlushDenormals flush; // as measure() does: the numbers must be the snapshot's
    Trainer trainer(config);
    if (metric == SweepMetric::StepsToAccuracy && !trainer.dataset().classification)
        return ConvergenceRun{}; // undefined, not censored: regression has no accuracy
    TargetCheck check(trainer, metric, target);
    for (int step = 0;; ++step) {
        if (check.met(trainer.network()))
            return ConvergenceRun{double(step), false}; // the answer is known: stop training
        if (step >= steps)
            break;
        if (step % kSweepChunkSteps == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return std::nullopt;
        if (trainer.train(1) < 1)
            break; // diverged: the parameters stay as they are and never meet the target
    }
    return ConvergenceRun{double(steps), true};
}

} // namespace relulab
