// SPDX-License-Identifier: MIT
#include "training_diagnosis.h"

#include "training_frame.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>
#include <limits>

namespace relulab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("relulab::TrainingDiagnosis", text);
}

QString stepText(std::int64_t step)
{
    return step == 0 ? tr("at initialisation (step 0)") : tr("at step %1").arg(step);
}

} // namespace

TrainingDiagnosis::TrainingDiagnosis(const TrainingFrame &frame)
    : m_growth(std::numeric_limits<double>::quiet_NaN())
{
    // Divergence first: a diverged run's last finite parameters may also look dead.
    if (frame.divergedAtStep >= 0 || frame.snapshot.diverged)
        diagnoseDivergence(frame);
    else
        diagnoseDeath(frame);
}

void TrainingDiagnosis::diagnoseDivergence(const TrainingFrame &frame)
{
    m_kind = Kind::Diverged;
    m_step = frame.divergedAtStep >= 0 ? frame.divergedAtStep : frame.snapshot.step;
    m_float16Adam =
        frame.config.precision == Precision::Float16 && frame.config.optimizer == Optimizer::Adam;

    // The snapshots leading up to the divergence, oldest first; the oldest is the baseline.
    std::vector<const Snapshot *> series;
    for (const Snapshot &s : frame.recent)
        series.push_back(&s);
    series.push_back(&frame.snapshot);
    if (series.size() < 2)
        return;
    const Snapshot &base = *series.front();

    // The layer whose gradient exploded first: the earliest snapshot at which its ‖∂L/∂W‖
    // passed kExplodedFactor × the baseline (or stopped being finite); ties go to the layer
    // that grew most, then to the one nearest the input.
    size_t bestAt = series.size();
    double bestGrowth = 0;
    for (size_t l = 0; l < base.layers.size(); ++l) {
        const double before = base.layers[l].gradWNorm;
        for (size_t k = 1; k < series.size() && k <= bestAt; ++k) {
            if (l >= series[k]->layers.size())
                break;
            const double now = series[k]->layers[l].gradWNorm;
            double growth = std::numeric_limits<double>::infinity();
            if (std::isfinite(now) && before > 0)
                growth = now / before;
            else if (std::isfinite(now))
                growth = now > 0 ? std::numeric_limits<double>::infinity() : 0.0;
            if (growth < kExplodedFactor)
                continue;
            if (k < bestAt || growth > bestGrowth) {
                bestAt = k;
                bestGrowth = growth;
                m_layer = int(l) + 1;
            }
            break;
        }
    }
    if (m_layer > 0) {
        m_growth = bestGrowth;
        // Growth is measured from the oldest snapshot kept, the last one known to be good.
        m_fromStep = base.step;
        m_toStep = series[bestAt]->step;
    }
}

void TrainingDiagnosis::diagnoseDeath(const TrainingFrame &frame)
{
    const auto &layers = frame.snapshot.layers;
    for (const LayerMetrics &layer : layers)
        if (layer.deadFraction >= 1.0)
            ++m_deadLayers;
    if (m_deadLayers == 0 && !frame.snapshot.networkDead)
        return;
    m_kind = Kind::Dead;
    // The layer that went 100% dead first, among those dead now (nearest the input on ties).
    for (size_t i = 0; i < frame.layerDiedAtStep.size() && i < layers.size(); ++i) {
        const std::int64_t died = frame.layerDiedAtStep[i];
        if (died < 0 || layers[i].deadFraction < 1.0)
            continue;
        if (m_layer == 0 || died < m_step) {
            m_step = died;
            m_layer = int(i) + 1;
        }
    }
    if (m_layer == 0) {
        // No per-layer record (a frame from elsewhere): name the first dead layer now.
        for (size_t i = 0; i < layers.size(); ++i)
            if (layers[i].deadFraction >= 1.0) {
                m_layer = int(i) + 1;
                break;
            }
        m_step = frame.diedAtStep >= 0 ? frame.diedAtStep : frame.snapshot.step;
    }
    std::int64_t first = -1;
    for (size_t l = 0; l < layers.size(); ++l)
        for (const UnitMetrics &u : layers[l].units)
            if (u.dead && u.diedAtStep >= 0 && (first < 0 || u.diedAtStep < first))
                first = u.diedAtStep;
    for (size_t l = 0; l < layers.size() && first >= 0; ++l) {
        const auto &units = layers[l].units;
        for (size_t i = 0; i < units.size(); ++i) {
            if (!units[i].dead || units[i].diedAtStep != first)
                continue;
            if (int(m_firstDead.size()) < kNamedUnits)
                m_firstDead.push_back({int(l) + 1, int(i) + 1, first});
            else
                ++m_moreDead;
        }
    }
}

QString TrainingDiagnosis::summary() const
{
    switch (m_kind) {
    case Kind::Healthy:
        return {};
    case Kind::Diverged: {
        QString text = tr("Training diverged %1: the loss or a gradient grew too large to be a "
                          "number, so the last update was refused and training stopped.")
                           .arg(stepText(m_step));
        if (m_layer > 0) {
            const QString growth = std::isfinite(m_growth) ? tr("%1×").arg(m_growth, 0, 'g', 3)
                                                           : tr("beyond any finite number");
            text += QLatin1Char(' ') +
                    tr("It started in hidden layer %1, whose weight gradient grew %2 between "
                       "step %3 and step %4.")
                        .arg(m_layer)
                        .arg(growth)
                        .arg(m_fromStep)
                        .arg(m_toStep);
        }
        if (m_float16Adam) {
            // A smaller learning rate diverges at the same step: the step size is not the cause.
            return text + QLatin1Char(' ') +
                   tr("In float16 Adam's running average of squared gradients rounds to zero "
                      "for every gradient below about 0.005 (float16 holds nothing below 6e-8), "
                      "so its update divides by almost nothing, at any learning rate. Momentum "
                      "and SGD train here, and so does bfloat16, which has float32's range.");
        }
        return text + QLatin1Char(' ') +
               tr("Lower the learning rate (or the init scale) and press Reset.");
    }
    case Kind::Dead: {
        QString text =
            m_layer > 0
                ? tr("Hidden layer %1 went 100% dead %2: for every training input all its "
                     "units have zero slope, so no gradient passes through it.")
                      .arg(m_layer)
                      .arg(stepText(m_step))
                : tr("The network is dead: for every training input some hidden layer passes "
                     "no gradient.");
        if (!m_firstDead.empty()) {
            QStringList names;
            for (const DeadUnit &u : m_firstDead)
                names << tr("layer %1 unit %2").arg(u.layer).arg(u.unit);
            text += QLatin1Char(' ') +
                    tr("The first units to die (step %1): %2%3; the network view shows them "
                       "dark and crossed.")
                        .arg(m_firstDead.front().step)
                        .arg(names.join(QStringLiteral(", ")))
                        .arg(m_moreDead > 0 ? tr(" and %1 more").arg(m_moreDead) : QString());
        }
        if (m_deadLayers > 1)
            text += QLatin1Char(' ') +
                    tr("%1 hidden layers are entirely dead now; the first one decides: nothing "
                       "before it can learn.")
                        .arg(m_deadLayers);
        return text + QLatin1Char(' ') +
               tr("Try Leaky ReLU, a smaller learning rate, or a bias init of 0 or above, then "
                  "press Reset.");
    }
    }
    return {};
}

} // namespace relulab
