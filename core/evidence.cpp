// SPDX-License-Identifier: MIT
#include "evidence.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace relulab {

namespace {

constexpr std::array<std::pair<EvidenceRule, std::string_view>, 4> kRuleNames{{
    {EvidenceRule::GapVanishes, "gap_vanishes"},
    {EvidenceRule::AdvantageVanishes, "advantage_vanishes"},
    {EvidenceRule::RateMatchesOutcome, "rate_matches_outcome"},
    {EvidenceRule::FormatStalls, "format_stalls"},
}};

// Learning "stops" below this share of the reference's loss reduction and "goes on" above
// kGoesOnShare (issue 15's research: bfloat16 at Adam lr 1e-4 keeps 15-19%, at 1e-3 97%).
constexpr double kStopsShare = 0.25;
constexpr double kGoesOnShare = 0.75;

bool lowerIsBetter(SweepMetric m)
{
    return m != SweepMetric::TestAccuracy;
}

const GridAxis *axisOf(const GridSpec &grid, std::string_view key)
{
    for (const GridAxis &axis : grid.axes)
        if (axis.key == key)
            return &axis;
    return nullptr;
}

/// "+0.0412 ± 0.0061 (t = +6.8, 12 seeds)"
std::string describe(const PairedDifference &d)
{
    std::string s =
        formatEvidenceNumber(d.mean, true) + " ± " + formatEvidenceNumber(d.standardError);
    if (std::isfinite(d.t()))
        s += " (t = " + formatEvidenceNumber(d.t(), true) + ")";
    return s;
}

/// Cells of a and b at each value of the other key (or the single pair of a one-key grid).
struct Pairs
{
    std::vector<std::string> xs;
    std::vector<std::pair<std::size_t, std::size_t>> cells; ///< (index of a, index of b)
};

Pairs pairsOf(const Experiment &e, const GridSpec &grid)
{
    Pairs p;
    int keyAxis = -1, xAxis = -1;
    for (int i = 0; i < int(grid.axes.size()); ++i) {
        if (grid.axes[size_t(i)].key == e.key)
            keyAxis = i;
        else
            xAxis = i;
    }
    if (keyAxis < 0)
        return p;
    const GridAxis &k = grid.axes[size_t(keyAxis)];
    const auto ia = std::find(k.values.begin(), k.values.end(), e.a) - k.values.begin();
    const auto ib = std::find(k.values.begin(), k.values.end(), e.b) - k.values.begin();
    const std::size_t nx = xAxis < 0 ? 1 : grid.axes[size_t(xAxis)].values.size();
    for (std::size_t x = 0; x < nx; ++x) {
        std::size_t ca = 0, cb = 0;
        for (std::size_t c = 0; c < grid.cellCount(); ++c) {
            const std::vector<std::size_t> at = grid.cellCoordinates(c);
            if (xAxis >= 0 && at[size_t(xAxis)] != x)
                continue;
            if (at[size_t(keyAxis)] == std::size_t(ia))
                ca = c;
            if (at[size_t(keyAxis)] == std::size_t(ib))
                cb = c;
        }
        p.xs.push_back(xAxis < 0 ? std::string()
                                 : grid.axes[size_t(xAxis)].key + "=" +
                                       grid.axes[size_t(xAxis)].values[x]);
        p.cells.emplace_back(ca, cb);
    }
    return p;
}

/// "at depth=4" or "" for a one-key grid.
std::string at(const std::string &x)
{
    return x.empty() ? std::string() : " at " + x;
}

void judgeGap(const Experiment &e, Verdict &v)
{
    const VerdictRow &first = v.rows.front(), &last = v.rows.back();
    const bool signedClaim = e.rule == EvidenceRule::AdvantageVanishes;
    const bool lower = lowerIsBetter(e.measures.front().metric);
    // b's advantage: positive when b is better.
    auto advantage = [&](const PairedDifference &d) { return lower ? -d.mean : d.mean; };
    if (v.rows.size() < 2) {
        v.text = "The grid needs at least two values along its other key.";
        return;
    }
    const std::string numbers = e.b + " − " + e.a + at(first.x) + ": " + describe(first.first) +
                                ";" + at(last.x) + ": " + describe(last.first);
    const bool firstBeyond = first.first.beyondTwoSE(), lastBeyond = last.first.beyondTwoSE();
    if (!signedClaim) {
        if (firstBeyond && !lastBeyond) {
            v.outcome = VerdictOutcome::Holds;
            v.text = "The gap is beyond 2 SE" + at(first.x) + " and within 2 SE of zero" +
                     at(last.x) + " (" + numbers + "): the claim holds here.";
        } else if (lastBeyond && std::abs(last.first.mean) > std::abs(first.first.mean)) {
            v.outcome = VerdictOutcome::Contradicted;
            v.text = "The gap grows instead of vanishing: beyond 2 SE" + at(last.x) +
                     " and larger than" + at(first.x) + " (" + numbers +
                     "): the claim does not hold here.";
        } else {
            v.text = "The numbers do not decide at 2 SE (" + numbers + ").";
        }
        return;
    }
    const bool worseFirst = firstBeyond && advantage(first.first) < 0;
    const bool betterFirst = firstBeyond && advantage(first.first) > 0;
    const bool betterLast = lastBeyond && advantage(last.first) > 0;
    if (worseFirst || betterLast) {
        v.outcome = VerdictOutcome::Contradicted;
        std::string why;
        if (worseFirst)
            why = e.b + " is worse than " + e.a + at(first.x);
        if (betterLast)
            why += (why.empty() ? "" : ", and ") + e.b + " is better" + at(last.x);
        v.text = why + ", both beyond 2 SE (" + numbers + "): the claim does not hold here.";
        if (worseFirst && !betterLast)
            v.text = why + " by more than 2 SE (" + numbers + "): the claim does not hold here.";
    } else if (betterFirst && !lastBeyond) {
        v.outcome = VerdictOutcome::Holds;
        v.text = e.b + " is better" + at(first.x) + " by more than 2 SE and no different" +
                 at(last.x) + " (" + numbers + "): the claim holds here.";
    } else {
        v.text = "The numbers do not decide at 2 SE (" + numbers + ").";
    }
}

/// -1: b worse (slower), 0: no difference at 2 SE, +1: b better (faster).
int direction(const PairedDifference &d, bool lower)
{
    if (!d.beyondTwoSE())
        return 0;
    return (d.mean < 0) == lower ? 1 : -1;
}

void judgeRate(const Experiment &e, Verdict &v)
{
    const bool outcomeLower = lowerIsBetter(e.measures[1].metric);
    int agree = 0, disagree = 0;
    std::string firstDisagreement, firstAgreement;
    for (VerdictRow &row : v.rows) {
        const int rate = direction(row.first, true);
        const int outcome = direction(row.second, outcomeLower);
        static const char *const kRate[] = {"slower", "no faster or slower", "faster"};
        static const char *const kOutcome[] = {"worse", "no different", "better"};
        row.reading = e.b + " " + kRate[rate + 1] + " (" + describe(row.first) + " steps), " +
                      kOutcome[outcome + 1] + " in outcome (" + describe(row.second) + ")";
        const std::string where = row.x.empty() ? row.reading : row.x + ": " + row.reading;
        if (rate == outcome) {
            ++agree;
            if (firstAgreement.empty())
                firstAgreement = where;
        } else {
            ++disagree;
            if (firstDisagreement.empty())
                firstDisagreement = where;
        }
    }
    const std::string of = " of " + std::to_string(v.rows.size());
    if (disagree > 0) {
        v.outcome = VerdictOutcome::Contradicted;
        v.text = "Rate and outcome disagree in " + std::to_string(disagree) + of + ": " +
                 firstDisagreement + ". Judged by rate alone, " + e.b +
                 " would get the wrong verdict here: the claim does not hold as a rule.";
    } else {
        v.outcome = VerdictOutcome::Holds;
        v.text = "Rate and outcome agree in " + std::to_string(agree) + of + " (" + firstAgreement +
                 "): here the rate gives the same answer as the outcome.";
    }
}

void judgeStalls(const Experiment &e, Verdict &v)
{
    std::string stops, goesOn;
    int stopped = 0, going = 0;
    for (VerdictRow &row : v.rows) {
        const double shareText = 100 * row.share;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f%%", shareText);
        const std::string where = row.x.empty() ? std::string("here") : row.x;
        if (row.share < kStopsShare && row.first.beyondTwoSE() && row.first.mean > 0) {
            ++stopped;
            row.reading = "learning stops";
            if (stops.empty())
                stops = e.b + " keeps " + buf + " of " + e.a + "'s loss reduction at " + where +
                        " (final loss " + formatEvidenceNumber(row.meanB) + " against " +
                        formatEvidenceNumber(row.meanA) + ", paired gap " + describe(row.first) +
                        ")";
        } else if (row.share > kGoesOnShare) {
            ++going;
            row.reading = "learning goes on";
            if (goesOn.empty())
                goesOn = "at " + where + " it keeps " + buf;
        } else {
            row.reading = "learning slowed";
        }
    }
    if (stopped > 0) {
        v.outcome = VerdictOutcome::Holds;
        v.text = stops + ": learning stops, the claim holds here";
        v.text += goesOn.empty() ? "." : "; " + goesOn + ": learning goes on.";
        // The claim's "nonsense": noise would push the loss up; lost updates only freeze it.
        const auto frozen = std::find_if(v.rows.begin(), v.rows.end(), [](const VerdictRow &r) {
            return r.reading == "learning stops";
        });
        if (frozen->meanB <= frozen->startB)
            v.text += " Where it stops, " + e.b + "'s loss still ends below its start (" +
                      formatEvidenceNumber(frozen->startB) + " → " +
                      formatEvidenceNumber(frozen->meanB) +
                      "): the updates are lost, not turned into nonsense.";
    } else if (going == int(v.rows.size())) {
        v.outcome = VerdictOutcome::Contradicted;
        v.text = e.b + " keeps more than 75% of " + e.a +
                 "'s loss reduction everywhere here: learning does not stop.";
    } else {
        v.text = e.b + " learns more slowly than " + e.a +
                 " but does not stop (between 25% and 75% of its loss reduction somewhere).";
    }
}

} // namespace

std::string_view evidenceRuleName(EvidenceRule rule)
{
    for (const auto &[r, name] : kRuleNames)
        if (r == rule)
            return name;
    return {};
}

std::optional<EvidenceRule> parseEvidenceRule(std::string_view name)
{
    for (const auto &[r, n] : kRuleNames)
        if (n == name)
            return r;
    return std::nullopt;
}

int evidenceMeasureCount(EvidenceRule rule)
{
    return rule == EvidenceRule::GapVanishes || rule == EvidenceRule::AdvantageVanishes ? 1 : 2;
}

std::string_view verdictOutcomeName(VerdictOutcome outcome)
{
    switch (outcome) {
    case VerdictOutcome::Holds:
        return "holds";
    case VerdictOutcome::Contradicted:
        return "contradicted";
    case VerdictOutcome::Unclear:
        break;
    }
    return "unclear";
}

std::string formatEvidenceNumber(double v, bool sign)
{
    if (!std::isfinite(v))
        return std::isnan(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
    char buf[32];
    std::snprintf(buf, sizeof buf, sign ? "%+.3g" : "%.3g", v);
    std::string s(buf);
    // A typographic minus reads better on a projector than a hyphen.
    if (!s.empty() && s[0] == '-')
        s.replace(0, 1, "−");
    return s;
}

bool PairedDifference::beyondTwoSE() const
{
    if (n < 2 || !std::isfinite(mean) || std::isnan(standardError))
        return false;
    return std::abs(mean) > 2 * standardError;
}

PairedDifference pairedDifference(const SweepCell &a, const SweepCell &b)
{
    PairedDifference d;
    std::vector<double> diffs;
    const std::size_t n = std::min(a.values.size(), b.values.size());
    for (std::size_t s = 0; s < n; ++s) {
        if (!std::isfinite(a.values[s]) || !std::isfinite(b.values[s]))
            continue;
        diffs.push_back(b.values[s] - a.values[s]);
        d.bBelowA += b.values[s] < a.values[s];
        d.censoredA += s < a.censored.size() && a.censored[s];
        d.censoredB += s < b.censored.size() && b.censored[s];
    }
    d.n = int(diffs.size());
    if (d.n == 0)
        return d;
    double sum = 0;
    for (double x : diffs)
        sum += x;
    d.mean = sum / d.n;
    if (d.n >= 2) {
        double ss = 0;
        for (double x : diffs)
            ss += (x - d.mean) * (x - d.mean);
        d.standardError = std::sqrt(ss / (d.n - 1)) / std::sqrt(double(d.n));
    }
    return d;
}

std::string experimentError(const Experiment &e, const TrainingConfig &base)
{
    if (e.grid.empty() || e.grid.size() > 2)
        return "grid: give one or two `key=values` texts";
    if (e.seeds < 2 || e.seeds > kMaxSweepSeeds)
        return "seeds: " + std::to_string(e.seeds) + " is out of range [2, " +
               std::to_string(kMaxSweepSeeds) + "] (a verdict needs a standard error)";
    const int needed = evidenceMeasureCount(e.rule);
    if (int(e.measures.size()) != needed)
        return "measures: rule " + std::string(evidenceRuleName(e.rule)) + " needs " +
               std::to_string(needed) + (needed == 1 ? " measure" : " measures") + ", not " +
               std::to_string(e.measures.size());
    for (std::size_t m = 0; m < e.measures.size(); ++m) {
        const EvidenceMeasure &measure = e.measures[m];
        const std::string at = "measures[" + std::to_string(m) + "]";
        if (measure.steps < 0 || measure.steps > 1'000'000)
            return at + ".steps: " + std::to_string(measure.steps) +
                   " is out of range [0, 1000000]";
        if (isConvergenceMetric(measure.metric) && !std::isnan(measure.target)) {
            if (std::string why = sweepTargetError(measure.metric, measure.target); !why.empty())
                return at + ".target: " + why;
        }
    }
    if (e.rule == EvidenceRule::RateMatchesOutcome &&
        (!isConvergenceMetric(e.measures[0].metric) || isConvergenceMetric(e.measures[1].metric)))
        return "measures: rule rate_matches_outcome needs a steps_to_* metric, then an outcome "
               "metric";
    if (e.rule == EvidenceRule::FormatStalls &&
        (e.measures[0].metric != SweepMetric::FinalLoss ||
         e.measures[1].metric != SweepMetric::FinalLoss || e.measures[1].steps != 0 ||
         e.measures[0].steps == 0))
        return "measures: rule format_stalls needs final_loss after training, then final_loss "
               "at step 0";
    for (int s = 0; s < e.settingCount(); ++s) {
        const TrainingConfig config = s == 0 ? base : e.contrast.appliedTo(base);
        if (s == 1) {
            if (std::string why = validateConfig(config); !why.empty())
                return "contrast: " + why;
        }
        GridSpec grid;
        if (std::string why = parseGridSpec(e.grid, config, grid); !why.empty())
            return "grid: " + why;
        const GridAxis *axis = axisOf(grid, e.key);
        if (!axis)
            return "key: \"" + e.key + "\" is not one of the grid's keys";
        for (const auto &[field, value] : {std::pair{"a", &e.a}, std::pair{"b", &e.b}})
            if (std::find(axis->values.begin(), axis->values.end(), *value) == axis->values.end())
                return std::string(field) + ": \"" + *value + "\" is not a value of the grid's " +
                       e.key;
        if (e.a == e.b)
            return "b: the same value as a";
    }
    return {};
}

std::vector<SweepSpec> experimentSweeps(const Experiment &e, const TrainingConfig &base)
{
    std::vector<SweepSpec> specs;
    for (int s = 0; s < e.settingCount(); ++s) {
        const TrainingConfig config = s == 0 ? base : e.contrast.appliedTo(base);
        for (const EvidenceMeasure &m : e.measures) {
            SweepSpec spec;
            spec.base = config;
            parseGridSpec(e.grid, config, spec.grid);
            spec.seeds = e.seeds;
            spec.steps = m.steps;
            spec.metric = m.metric;
            spec.target = m.target;
            specs.push_back(std::move(spec));
        }
    }
    return specs;
}

Verdict judgeExperiment(const Experiment &e, const std::vector<SweepSpec> &specs,
                        const std::vector<SweepResult> &results, int setting)
{
    Verdict v;
    const std::size_t first = std::size_t(setting) * e.measures.size();
    for (std::size_t m = 0; m < e.measures.size(); ++m) {
        const std::size_t i = first + m;
        if (i >= specs.size() || i >= results.size() || results[i].cancelled ||
            results[i].cellsDone < specs[i].grid.cellCount() ||
            results[i].cells.size() < specs[i].grid.cellCount()) {
            v.text = "The experiment did not finish, so there is no verdict.";
            return v;
        }
    }
    const Pairs pairs = pairsOf(e, specs[first].grid);
    if (pairs.cells.empty()) {
        v.text = "The grid does not vary " + e.key + ", so there is no verdict.";
        return v;
    }
    const SweepResult &r0 = results[first];
    for (std::size_t x = 0; x < pairs.cells.size(); ++x) {
        const auto [ca, cb] = pairs.cells[x];
        VerdictRow row;
        row.x = pairs.xs[x];
        row.first = pairedDifference(r0.cells[ca], r0.cells[cb]);
        row.meanA = r0.cells[ca].mean;
        row.meanB = r0.cells[cb].mean;
        if (e.measures.size() > 1) {
            const SweepResult &r1 = results[first + 1];
            row.second = pairedDifference(r1.cells[ca], r1.cells[cb]);
            if (e.rule == EvidenceRule::FormatStalls) {
                const double reductionA = r1.cells[ca].mean - row.meanA;
                const double reductionB = r1.cells[cb].mean - row.meanB;
                row.share = reductionB / reductionA;
                row.startB = r1.cells[cb].mean;
            }
        }
        v.rows.push_back(std::move(row));
    }
    const bool twoMeasures = e.measures.size() > 1;
    const bool anyEmpty = std::any_of(v.rows.begin(), v.rows.end(), [&](const VerdictRow &r) {
        return r.first.n < 2 || (twoMeasures && r.second.n < 2);
    });
    if (anyEmpty) {
        v.text = "Fewer than two seeds gave a number in some cell (diverged or undefined), so "
                 "there is no verdict.";
        return v;
    }
    switch (e.rule) {
    case EvidenceRule::GapVanishes:
    case EvidenceRule::AdvantageVanishes:
        judgeGap(e, v);
        break;
    case EvidenceRule::RateMatchesOutcome:
        judgeRate(e, v);
        break;
    case EvidenceRule::FormatStalls:
        judgeStalls(e, v);
        break;
    }
    return v;
}

std::string evidenceReport(const Experiment &e, const std::vector<SweepSpec> &specs,
                           const std::vector<SweepResult> &results, int setting)
{
    const Verdict v = judgeExperiment(e, specs, results, setting);
    std::string out;
    const std::size_t first = std::size_t(setting) * e.measures.size();
    for (std::size_t m = 0; m < e.measures.size() && first + m < results.size(); ++m) {
        const SweepSpec &spec = specs[first + m];
        const SweepResult &r = results[first + m];
        out += "  " + std::string(sweepMetricName(spec.metric));
        if (isConvergenceMetric(spec.metric))
            out += " (target " + formatEvidenceNumber(spec.effectiveTarget()) + ")";
        out += spec.steps == 0 ? ", at step 0" : ", " + std::to_string(spec.steps) + " steps";
        out += ", " + std::to_string(spec.seeds) + " seeds from " + std::to_string(spec.base.seed) +
               ":\n";
        const Pairs pairs = pairsOf(e, spec.grid);
        for (std::size_t x = 0; x < pairs.cells.size(); ++x) {
            const auto [ca, cb] = pairs.cells[x];
            if (ca >= r.cells.size() || cb >= r.cells.size() || !r.cells[ca].done ||
                !r.cells[cb].done)
                continue;
            const SweepCell &a = r.cells[ca], &b = r.cells[cb];
            auto cell = [&](const SweepCell &c, const std::string &name) {
                std::string t =
                    name + " " + (c.meanIsLowerBound() ? "≥ " : "") + formatEvidenceNumber(c.mean);
                // Every seed censored: "± 0" would read as a precise number.
                if (c.censoredCount < c.finiteCount)
                    t += " ± " + formatEvidenceNumber(c.standardError);
                if (c.censoredCount > 0)
                    t += " (" + std::to_string(c.censoredCount) + " censored)";
                return t;
            };
            const PairedDifference d = pairedDifference(a, b);
            char n[48];
            std::snprintf(n, sizeof n, ", n %d, %s below in %d", d.n, e.b.c_str(), d.bBelowA);
            out += "    " + (pairs.xs[x].empty() ? std::string() : pairs.xs[x] + ": ") +
                   cell(a, e.a) + " | " + cell(b, e.b) + " | paired " + e.b + " − " + e.a + " " +
                   describe(d) + n + "\n";
        }
    }
    out += "  verdict: " + std::string(verdictOutcomeName(v.outcome)) + ". " + v.text + "\n";
    return out;
}

} // namespace relulab
