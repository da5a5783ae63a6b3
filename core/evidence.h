// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "sweep.h"
#include "training_config.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relulab {

/// How an evidence lesson turns its sweeps into a verdict on a forum claim. Each compares two
/// values `a` and `b` of one grid key, seed by seed (a seed fixes data, weights and batches in
/// every cell, so the per-seed difference removes most of the seed-to-seed spread), along the
/// grid's other key if it has one.
enum class EvidenceRule
{
    /// "The gap between a and b approaches zero along x": one measure. Holds if |b − a| is
    /// beyond 2 SE at the first x and within 2 SE at the last; contradicted if the gap at the
    /// last x is beyond 2 SE and larger than at the first.
    GapVanishes,
    /// "b is better than a at small x, not at large x": one measure. Holds if b is better by
    /// more than 2 SE at the first x and within 2 SE at the last; contradicted if b is worse by
    /// more than 2 SE at the first x, or better by more than 2 SE at the last.
    AdvantageVanishes,
    /// "Judge b by its rate of convergence": two measures, a convergence metric then an outcome
    /// metric. At each x the rate verdict (b faster, slower, no difference) is compared with the
    /// outcome verdict (better, worse, no difference); the claim holds where they agree.
    RateMatchesOutcome,
    /// "When rounding noise dominates the correction, learning stops": two measures, the final
    /// loss after training then at step 0. Learning stops at x if b (a narrow number format)
    /// keeps under 25% of a's loss reduction and is worse by more than 2 SE; it goes on if b
    /// keeps over 75%. Holds if learning stops at some x.
    FormatStalls,
};

std::string_view evidenceRuleName(EvidenceRule rule); ///< "gap_vanishes", ...
std::optional<EvidenceRule> parseEvidenceRule(std::string_view name);
/// How many measures (sweeps per setting) the rule needs: 1 or 2.
int evidenceMeasureCount(EvidenceRule rule);

/// One sweep of an experiment: what to measure, after how many steps.
struct EvidenceMeasure
{
    SweepMetric metric = SweepMetric::FinalLoss;
    int steps = 0;
    double target = kNaN; ///< the convergence metrics' target; NaN: the metric's default
};

/// A lesson's experiment: the grid, run on the lesson's settings and, if `contrast` is not
/// empty, again on the settings with `contrast` applied (a second setting, where the answer may
/// differ). Every run of both is a sweep with seeds base.seed, base.seed + 1, ...
struct Experiment
{
    std::vector<std::string> grid; ///< one or two `key=values` texts (parseGridSpec)
    int seeds = 10;
    std::vector<EvidenceMeasure> measures; ///< evidenceMeasureCount(rule) of them
    EvidenceRule rule = EvidenceRule::GapVanishes;
    std::string key; ///< the compared grid key, e.g. "activation"
    std::string a;   ///< its reference value, e.g. "relu"
    std::string b;   ///< the value the claim is about, e.g. "prelu"
    ConfigOverrides contrast;
    std::string claim;  ///< the claim, word for word
    std::string source; ///< where it was said
    /// Seconds the experiment takes on 2 cores, as measured when the lesson was written.
    int seconds = 0;

    int settingCount() const { return contrast.empty() ? 1 : 2; }
};

/// Empty if `e` can run on `base`, else one line naming the field at fault ("grid: ...",
/// "a: \"relux\" is not a value of the grid's activation", ...).
std::string experimentError(const Experiment &e, const TrainingConfig &base);

/// The sweeps to run, setting by setting and, within a setting, measure by measure:
/// spec (s, m) is at s * measures.size() + m. The experiment must be valid.
std::vector<SweepSpec> experimentSweeps(const Experiment &e, const TrainingConfig &base);

/// b − a per seed, over the seeds where both are finite.
struct PairedDifference
{
    double mean = kNaN;
    double standardError = kNaN; ///< NaN if n < 2
    int n = 0;
    int bBelowA = 0;   ///< seeds where b's value is below a's
    int censoredA = 0; ///< seeds censored in a (convergence metrics: a lower bound)
    int censoredB = 0; ///< seeds censored in b
    double t() const { return mean / standardError; }
    /// |mean| > 2 SE (false when SE is NaN; SE 0 with a non-zero mean counts as beyond).
    bool beyondTwoSE() const;
};

PairedDifference pairedDifference(const SweepCell &a, const SweepCell &b);

enum class VerdictOutcome
{
    Holds,
    Contradicted,
    Unclear, ///< the numbers do not decide at 2 SE (or the sweep was incomplete)
};

std::string_view verdictOutcomeName(VerdictOutcome outcome); ///< "holds", "contradicted", ...

/// One x of a setting's verdict.
struct VerdictRow
{
    std::string x;           ///< the other key's value ("depth=4"), or empty for a one-key grid
    PairedDifference first;  ///< b − a in the first measure
    PairedDifference second; ///< b − a in the second measure (two-measure rules)
    double meanA = kNaN, meanB = kNaN; ///< the first measure's cell means
    double share = kNaN;               ///< FormatStalls: b's loss reduction over a's
    double startB = kNaN;              ///< FormatStalls: b's mean loss at step 0
    std::string reading; ///< what this x says, e.g. "b faster, no difference in outcome"
};

/// The verdict on one setting, computed from its sweeps' numbers only.
struct Verdict
{
    VerdictOutcome outcome = VerdictOutcome::Unclear;
    std::vector<VerdictRow> rows;
    std::string text; ///< one or two sentences with the numbers that decided it
};

/// Judges setting `setting` of `e` from `results`, which hold every sweep of experimentSweeps
/// in order (results of the other setting may be missing). A sweep that did not finish gives
/// Unclear with a text that says so.
Verdict judgeExperiment(const Experiment &e, const std::vector<SweepSpec> &specs,
                        const std::vector<SweepResult> &results, int setting);

/// Setting `setting`'s numbers as a plain-text table, measure by measure: one row per value of
/// the other key with a's and b's mean ± SE over the seeds and the paired b − a (t, n), censored
/// seeds marked; then the verdict. For the CLI and the teacher.
std::string evidenceReport(const Experiment &e, const std::vector<SweepSpec> &specs,
                           const std::vector<SweepResult> &results, int setting);

/// A number as the verdicts print it: 3 significant digits, signed when `sign` is set.
std::string formatEvidenceNumber(double v, bool sign = false);

} // namespace relulab
