// SPDX-License-Identifier: MIT
#include "sweep_plot_data.h"

#include <QCoreApplication>
#include <QObject>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

// These were SweepPlot's own words; they keep its translation context.
QString text(const char *source)
{
    return QCoreApplication::translate("relulab::SweepPlot", source);
}

} // namespace

bool isShareMetric(SweepMetric m)
{
    return m == SweepMetric::NetworkDead || m == SweepMetric::DeadFraction ||
           m == SweepMetric::TestAccuracy;
}

QString sweepMetricTitle(SweepMetric m)
{
    switch (m) {
    case SweepMetric::NetworkDead:
        return QObject::tr("share of networks dead");
    case SweepMetric::FinalLoss:
        return QObject::tr("final training loss");
    case SweepMetric::TestAccuracy:
        return QObject::tr("test accuracy");
    case SweepMetric::GradRatio:
        return QObject::tr("grad ratio first / last layer");
    case SweepMetric::DeadFraction:
        return QObject::tr("share of units dead");
    case SweepMetric::StepsToAccuracy:
        return QObject::tr("steps to the training accuracy target");
    case SweepMetric::StepsToLoss:
        return QObject::tr("steps to the training loss target");
    }
    return {};
}

QString sweepMetricTitle(const SweepSpec &spec)
{
    const double target = spec.effectiveTarget();
    switch (spec.metric) {
    case SweepMetric::StepsToAccuracy:
        return QObject::tr("steps to %1% training accuracy").arg(100 * target, 0, 'g', 4);
    case SweepMetric::StepsToLoss:
        return QObject::tr("steps to training loss ≤ %1").arg(target, 0, 'g', 4);
    default:
        return sweepMetricTitle(spec.metric);
    }
}

QString formatSweepValue(SweepMetric m, double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    if (isShareMetric(m))
        return QString::number(qRound(100 * v)) + QLatin1Char('%');
    if (isConvergenceMetric(m))
        return QString::number(std::llround(v)); // steps: "1234", not "1.23e+03"
    return QString::number(v, 'g', 3);
}

QString formatSweepCell(SweepMetric m, const SweepCell &cell)
{
    const QString value = formatSweepValue(m, cell.mean);
    return cell.meanIsLowerBound() && std::isfinite(cell.mean) ? QStringLiteral("≥") + value
                                                               : value;
}

QCPRange sweepValueRange(SweepMetric m, const std::vector<SweepCell> &cells)
{
    QCPRange range(0, 1);
    if (isShareMetric(m))
        return range;
    bool found = false;
    for (const SweepCell &c : cells) {
        if (!c.done || !std::isfinite(c.mean) || (m == SweepMetric::GradRatio && c.mean <= 0))
            continue;
        range = found ? QCPRange(std::min(range.lower, c.mean), std::max(range.upper, c.mean))
                      : QCPRange(c.mean, c.mean);
        found = true;
    }
    if (!found || range.size() <= 0)
        range = found ? QCPRange(range.lower * 0.9 - 1e-12, range.upper * 1.1 + 1e-12)
                      : QCPRange(m == SweepMetric::GradRatio ? 0.1 : 0, 1);
    return range;
}

QCPRange sweepBandRange(const std::vector<SweepCell> &cells)
{
    QCPRange range(0, 1);
    bool found = false;
    for (const SweepCell &c : cells) {
        if (!c.done || !std::isfinite(c.mean))
            continue;
        const double se = std::isfinite(c.standardError) ? c.standardError : 0.0;
        const QCPRange band(c.mean - se, c.mean + se);
        range = found
                    ? QCPRange(std::min(range.lower, band.lower), std::max(range.upper, band.upper))
                    : band;
        found = true;
    }
    return range;
}

std::size_t heatMapCell(int xKey, std::size_t i, std::size_t j, std::size_t nx, std::size_t ny)
{
    return xKey == 0 ? i + j * nx : j + i * ny;
}

void contourPoints(const std::vector<double> &predicted, int xKey, std::size_t nx, std::size_t ny,
                   double level, QVector<double> &x, QVector<double> &y)
{
    auto predictedAt = [&](std::size_t i, std::size_t j) {
        return predicted[heatMapCell(xKey, i, j, nx, ny)];
    };
    for (std::size_t i = 0; i < nx; ++i) {
        for (std::size_t j = 1; j < ny; ++j) {
            const double a = predictedAt(i, j - 1) - level, b = predictedAt(i, j) - level;
            if (std::isfinite(a) && std::isfinite(b) && a * b <= 0 && a != b) {
                x << double(i);
                y << double(j - 1) + a / (a - b);
                break;
            }
        }
    }
}

QString describeSweepCell(const SweepSpec &spec, const std::vector<SweepCell> &cells,
                          const std::vector<double> &predicted, std::size_t index)
{
    if (index >= cells.size())
        return {};
    QStringList keys;
    const std::vector<std::size_t> at = spec.grid.cellCoordinates(index);
    for (std::size_t k = 0; k < at.size(); ++k)
        keys << QString::fromStdString(spec.grid.axes[k].key + " = " +
                                       spec.grid.axes[k].values[at[k]]);
    const SweepCell &cell = cells[index];
    QString line = keys.join(QStringLiteral(", ")) + QStringLiteral(": ");
    if (!cell.done) {
        line += text("still running");
    } else if (spec.metric == SweepMetric::StepsToAccuracy && cell.finiteCount == 0) {
        line += text("%1 undefined: regression data has no accuracy").arg(sweepMetricTitle(spec));
    } else {
        // Censored seeds count at the step limit: the true mean is at least this.
        line += QStringLiteral("%1 %2%3").arg(
            sweepMetricTitle(spec), cell.meanIsLowerBound() ? QStringLiteral("≥ ") : QString(),
            QString::number(cell.mean, 'g', 4));
        if (std::isfinite(cell.standardError))
            line += QStringLiteral(" ± %1").arg(cell.standardError, 0, 'g', 2);
        line +=
            cell.finiteCount == 1 ? text(" (1 seed)") : text(" (%1 seeds)").arg(cell.finiteCount);
        if (cell.meanIsLowerBound())
            line += text("; %1 of %2 did not reach it within %3 steps (counted as %3): the mean "
                         "is a lower bound")
                        .arg(cell.censoredCount)
                        .arg(cell.values.size())
                        .arg(spec.steps);
    }
    if (index < predicted.size() && std::isfinite(predicted[index]))
        line += text("; theory %1").arg(predicted[index], 0, 'g', 3);
    return line;
}

} // namespace relulab
