// SPDX-License-Identifier: MIT
#pragma once
// Checks a plot's one-sentence description (its accessible description) against the frame it
// describes. Every number in the sentence is read back and compared with a value recomputed
// here from the frame's raw data (units rather than the layers' summaries, finite differences
// rather than the derivative formulas), so a wrong layer, step or percentage fails, not only a
// wrong wording.
#include "activation.h"
#include "display_names.h"
#include "training_frame.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace relulab::testing {

/// `text` matched whole against `pattern`; an invalid match when it does not.
inline QRegularExpressionMatch matchWhole(const QString &text, const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(text);
}

/// Whether `shown` (a number as the sentence prints it) is `expected` to within a relative
/// `tolerance` (the rounding of the digits printed) or `absolute`.
inline bool near(const QString &shown, double expected, double tolerance, double absolute = 0)
{
    bool ok = false;
    const double value = shown.toDouble(&ok);
    return ok && std::abs(value - expected) <= std::max(tolerance * std::abs(expected), absolute);
}

/// A share 0..1 printed as a whole percent: within one point of it (rounding, and the
/// sentence's rule that 0% and 100% mean none and all).
inline bool nearPercent(const QString &shown, double share)
{
    return near(shown, 100 * share, 0, 1.0 + 1e-9);
}

struct UnitCounts
{
    int units = 0, dead = 0, negativeAlive = 0;
};

inline UnitCounts countUnits(const LayerMetrics &layer)
{
    UnitCounts c;
    for (const UnitMetrics &u : layer.units) {
        ++c.units;
        c.dead += u.dead ? 1 : 0;
        c.negativeAlive += u.negative && !u.dead ? 1 : 0;
    }
    return c;
}

inline QString checkDeadDescription(const TrainingFrame &f, const QString &text)
{
    const auto &layers = f.snapshot.layers;
    if (layers.empty())
        return text.startsWith(QStringLiteral("No hidden layers")) ? QString() : text;
    std::vector<UnitCounts> counts;
    for (const LayerMetrics &l : layers)
        counts.push_back(countUnits(l));
    const auto diedAt = [&](size_t i) {
        return i < f.layerDiedAtStep.size() ? f.layerDiedAtStep[i] : std::int64_t(-1);
    };
    // The layer the sentence must name: every unit dead, the earliest to die.
    int first = -1;
    for (size_t i = 0; i < layers.size(); ++i) {
        if (counts[i].units == 0 || counts[i].dead < counts[i].units)
            continue;
        if (first < 0 ||
            (diedAt(i) >= 0 && (diedAt(size_t(first)) < 0 || diedAt(i) < diedAt(size_t(first)))))
            first = int(i);
    }
    if (first >= 0) {
        const auto m = matchWhole(
            text, QStringLiteral("Layer (\\d+): 100% of units dead(?: since step (\\d+))?(; the "
                                 "network's output no longer depends on the input)?\\."));
        if (!m.hasMatch())
            return QStringLiteral("expected layer %1 all dead: %2").arg(first + 1).arg(text);
        if (m.captured(1).toInt() != first + 1)
            return QStringLiteral("names layer %1, expected %2").arg(m.captured(1)).arg(first + 1);
        const std::int64_t at = diedAt(size_t(first));
        if (at >= 0 ? m.captured(2).toLongLong() != at || m.captured(2).isEmpty()
                    : !m.captured(2).isEmpty())
            return QStringLiteral("step %1, expected %2").arg(m.captured(2)).arg(at);
        if (m.captured(3).isEmpty() == f.snapshot.networkDead)
            return QStringLiteral("network death not said right: %1").arg(text);
        return {};
    }
    int units = 0, dead = 0, mostDead = 0, mostNegative = 0;
    double negativeShare = 0;
    for (const UnitCounts &c : counts) {
        units += c.units;
        dead += c.dead;
        mostDead = std::max(mostDead, c.dead);
        mostNegative = std::max(mostNegative, c.negativeAlive);
        if (c.units > 0)
            negativeShare = std::max(negativeShare, double(c.negativeAlive) / c.units);
    }
    if (dead > 0) {
        const auto m = matchWhole(
            text, QStringLiteral(
                      "(\\d+)% of all units dead; layer (\\d+) has the most \\((\\d+)%\\)\\."));
        if (!m.hasMatch())
            return QStringLiteral("expected a dead share: %1").arg(text);
        const int layer = m.captured(2).toInt();
        if (layer < 1 || layer > int(layers.size()) || counts[size_t(layer - 1)].dead != mostDead)
            return QStringLiteral("layer %1 does not have the most dead units").arg(layer);
        if (!nearPercent(m.captured(1), double(dead) / units) ||
            !nearPercent(m.captured(3), double(mostDead) / counts[size_t(layer - 1)].units))
            return QStringLiteral("percentages wrong: %1 (%2 of %3 dead)")
                .arg(text)
                .arg(dead)
                .arg(units);
        return {};
    }
    if (f.config.activation != Activation::Relu && mostNegative > 0) {
        const auto m = matchWhole(
            text, QStringLiteral("No dead units; layer (\\d+) has the most negative-but-alive "
                                 "units \\((\\d+)%\\)\\."));
        if (!m.hasMatch())
            return QStringLiteral("expected negative-but-alive units: %1").arg(text);
        const int layer = m.captured(1).toInt();
        if (layer < 1 || layer > int(layers.size()) ||
            counts[size_t(layer - 1)].negativeAlive != mostNegative)
            return QStringLiteral("layer %1 does not have the most negative units").arg(layer);
        return nearPercent(m.captured(2), negativeShare) ? QString() : text;
    }
    return text == QStringLiteral("No dead units.") ? QString() : text;
}

inline QString checkLossDescription(const TrainingFrame &f, const QString &text)
{
    const Snapshot &s = f.snapshot;
    if (!std::isfinite(s.loss))
        return text.isEmpty() ? QStringLiteral("empty") : QString();
    const auto m =
        matchWhole(text, QStringLiteral("Training loss (\\S+) at step (\\d+)(?:, test "
                                        "loss (\\S+?))?(; diverged at step (\\d+))?\\."));
    if (!m.hasMatch())
        return text;
    // Three significant digits: within 0.5 % of the loss.
    if (!near(m.captured(1), s.loss, 5e-3) || m.captured(2).toLongLong() != s.step)
        return QStringLiteral("%1, loss %2 at step %3").arg(text).arg(s.loss).arg(s.step);
    if (std::isfinite(s.testLoss) != !m.captured(3).isEmpty() ||
        (std::isfinite(s.testLoss) && !near(m.captured(3), s.testLoss, 5e-3)))
        return QStringLiteral("%1, test loss %2").arg(text).arg(s.testLoss);
    return {};
}

inline QString checkGradientDescription(const TrainingFrame &f, const QString &text)
{
    const auto &layers = f.snapshot.layers;
    if (layers.size() < 2 || !std::isfinite(layers.front().gradWNorm) ||
        !std::isfinite(layers.back().gradWNorm))
        return text.isEmpty() ? QStringLiteral("empty") : QString();
    const auto m = matchWhole(
        text, QStringLiteral("Gradient size (falls|rises|stays) from (\\S+) at layer 1 to (\\S+) "
                             "at layer (\\d+)\\."));
    if (!m.hasMatch())
        return text;
    const double first = layers.front().gradWNorm, last = layers.back().gradWNorm;
    const QString trend = last < first   ? QStringLiteral("falls")
                          : last > first ? QStringLiteral("rises")
                                         : QStringLiteral("stays");
    // Two significant digits.
    if (m.captured(1) != trend || !near(m.captured(2), first, 0.05, 1e-300) ||
        !near(m.captured(3), last, 0.05, 1e-300) || m.captured(4).toInt() != int(layers.size()))
        return QStringLiteral("%1, gradients %2 → %3").arg(text).arg(first).arg(last);
    return {};
}

inline QString checkOutputDescription(const TrainingFrame &f, const QString &text)
{
    const Snapshot &s = f.snapshot;
    const bool classification = f.dataset ? f.dataset->classification : true;
    if (classification) {
        const auto m =
            matchWhole(text, QStringLiteral("Training accuracy (\\d+)% at step (\\d+)\\."));
        if (!m.hasMatch() || !nearPercent(m.captured(1), s.accuracy) ||
            m.captured(2).toLongLong() != s.step)
            return QStringLiteral("%1, accuracy %2").arg(text).arg(s.accuracy);
        return {};
    }
    const auto m = matchWhole(
        text, QStringLiteral("The fitted curve's mean squared error is (\\S+) at step (\\d+)\\."));
    if (!m.hasMatch() || !near(m.captured(1), s.loss, 5e-3) || m.captured(2).toLongLong() != s.step)
        return QStringLiteral("%1, loss %2").arg(text).arg(s.loss);
    return {};
}

inline QString checkNetworkDescription(const TrainingFrame &f, const QString &text)
{
    int units = 0, dead = 0, most = 0;
    std::vector<UnitCounts> counts;
    for (const LayerMetrics &l : f.snapshot.layers) {
        counts.push_back(countUnits(l));
        units += counts.back().units;
        dead += counts.back().dead;
        most = std::max(most, counts.back().dead);
    }
    if (dead == 0) {
        const auto m = matchWhole(text, QStringLiteral("All (\\d+) hidden units are alive\\."));
        return m.hasMatch() && m.captured(1).toInt() == units ? QString() : text;
    }
    const auto m =
        matchWhole(text, QStringLiteral("(\\d+) of (\\d+) hidden units are dead; layer "
                                        "(\\d+) has the most \\((\\d+) of (\\d+)\\)\\."));
    if (!m.hasMatch() || m.captured(1).toInt() != dead || m.captured(2).toInt() != units)
        return QStringLiteral("%1, %2 of %3 dead").arg(text).arg(dead).arg(units);
    const int layer = m.captured(3).toInt();
    if (layer < 1 || layer > int(counts.size()) || counts[size_t(layer - 1)].dead != most ||
        m.captured(4).toInt() != most || m.captured(5).toInt() != counts[size_t(layer - 1)].units)
        return QStringLiteral("%1, most dead in a layer %2").arg(text).arg(most);
    return {};
}

inline QString checkTimelineDescription(const TrainingFrame &f, const QString &text)
{
    int units = 0, dead = 0;
    std::int64_t first = -1;
    for (const LayerMetrics &l : f.snapshot.layers)
        for (const UnitMetrics &u : l.units) {
            ++units;
            if (u.dead) {
                ++dead;
                if (u.diedAtStep >= 0)
                    first = first < 0 ? u.diedAtStep : std::min(first, u.diedAtStep);
            }
        }
    const std::int64_t step = f.snapshot.step;
    if (dead == 0)
        return text == QStringLiteral("No unit has died by step %1.").arg(step) ? QString() : text;
    const auto m = matchWhole(text, QStringLiteral("(\\d+) of (\\d+) units are dead at step "
                                                   "(\\d+)(?:; the first of them died at step "
                                                   "(\\d+))?\\."));
    if (!m.hasMatch() || m.captured(1).toInt() != dead || m.captured(2).toInt() != units ||
        m.captured(3).toLongLong() != step ||
        (first >= 0 ? m.captured(4).toLongLong() != first : !m.captured(4).isEmpty()))
        return QStringLiteral("%1, %2 of %3 dead, first at %4")
            .arg(text)
            .arg(dead)
            .arg(units)
            .arg(first);
    return {};
}

/// The slope the activation and derivative plots draw: PReLU's learnt one, else the setting.
inline double shownSlope(const TrainingFrame &f)
{
    if (f.config.activation == Activation::Prelu && !f.snapshot.layers.empty() &&
        std::isfinite(f.snapshot.layers.front().alpha))
        return f.snapshot.layers.front().alpha;
    return f.config.alpha;
}

inline QString checkActivationDescription(const TrainingFrame &f, const QString &text)
{
    const Activation a = f.config.activation;
    const auto m = matchWhole(text, QStringLiteral("The activation is (.+?)(?: with α = (\\S+)|; "
                                                   "layer 1 has learnt α = (\\S+))?\\."));
    if (!m.hasMatch() || m.captured(1) != activationDisplayName(a))
        return text;
    const QString alpha = m.captured(2).isEmpty() ? m.captured(3) : m.captured(2);
    if (usesAlpha(a) ? !near(alpha, shownSlope(f), 5e-3) : !alpha.isEmpty())
        return QStringLiteral("%1, alpha %2").arg(text).arg(shownSlope(f));
    if (a == Activation::Prelu && m.captured(3).isEmpty())
        return QStringLiteral("PReLU's slope is not said to be learnt: %1").arg(text);
    return {};
}

inline QString checkDerivativeDescription(const TrainingFrame &f, const QString &text)
{
    const Activation a = f.config.activation;
    const double alpha = shownSlope(f);
    const auto m = matchWhole(text, QStringLiteral("The slope of (.+) \\(α = (\\S+)\\) is (\\S+) "
                                                   "just below z = 0 and (\\S+) just above\\."));
    if (!m.hasMatch() || m.captured(1) != activationDisplayName(a) ||
        !near(m.captured(2), alpha, 5e-3))
        return text;
    // One-sided finite differences of φ itself, away from the kink.
    const double h = 1e-5;
    const double below = (activate<double>(a, -h, alpha) - activate<double>(a, -2 * h, alpha)) / h;
    const double above = (activate<double>(a, 2 * h, alpha) - activate<double>(a, h, alpha)) / h;
    if (!near(m.captured(3), below, 1e-2, 1e-3) || !near(m.captured(4), above, 1e-2, 1e-3))
        return QStringLiteral("%1, slopes %2 and %3").arg(text).arg(below).arg(above);
    return {};
}

inline QString checkDistributionDescription(const TrainingFrame &f, const QString &text)
{
    const auto &layers = f.snapshot.layers;
    if (layers.empty())
        return text.startsWith(QStringLiteral("No hidden layers")) ? QString() : text;
    const auto m = matchWhole(text, QStringLiteral("Layer (\\d+)'s inputs z have mean (\\S+) and "
                                                   "spread (\\S+); layer 1's have mean (\\S+) "
                                                   "and spread (\\S+)\\."));
    // The mean over units and samples is the mean of the units' means (same samples each).
    const auto unitMean = [](const LayerMetrics &l) {
        double sum = 0;
        for (const UnitMetrics &u : l.units)
            sum += u.zMean;
        return l.units.empty() ? l.preactMean : sum / double(l.units.size());
    };
    if (!m.hasMatch() || m.captured(1).toInt() != int(layers.size()) ||
        !near(m.captured(2), unitMean(layers.back()), 0.05, 1e-6) ||
        !near(m.captured(3), layers.back().preactStd, 0.05, 1e-6) ||
        !near(m.captured(4), unitMean(layers.front()), 0.05, 1e-6) ||
        !near(m.captured(5), layers.front().preactStd, 0.05, 1e-6))
        return text;
    return {};
}

/// Empty when `text` says what plot `plotId` should say of `f`; else why not.
inline QString checkPlotDescription(const QString &plotId, const TrainingFrame &f,
                                    const QString &text)
{
    if (plotId == QLatin1String("dead"))
        return checkDeadDescription(f, text);
    if (plotId == QLatin1String("loss"))
        return checkLossDescription(f, text);
    if (plotId == QLatin1String("gradients"))
        return checkGradientDescription(f, text);
    if (plotId == QLatin1String("output"))
        return checkOutputDescription(f, text);
    if (plotId == QLatin1String("network"))
        return checkNetworkDescription(f, text);
    if (plotId == QLatin1String("timeline"))
        return checkTimelineDescription(f, text);
    if (plotId == QLatin1String("activation"))
        return checkActivationDescription(f, text);
    if (plotId == QLatin1String("derivative"))
        return checkDerivativeDescription(f, text);
    if (plotId == QLatin1String("distributions"))
        return checkDistributionDescription(f, text);
    return QStringLiteral("no check for plot %1").arg(plotId);
}

} // namespace relulab::testing
