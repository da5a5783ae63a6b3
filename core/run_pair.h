// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "frame_recorder.h"
#include "trainer.h"
#include "training_config.h"
#include "training_frame.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace relulab {

/// What the window trains: run A, and in compare mode run B = A + overrides, started from A's
/// seed and initial weights and trained in step with it. Each run has its frame recorder.
///
/// Nothing here throws: settings that cannot be built (a CSV file gone since it was checked,
/// memory out) leave what ran untouched, or fall back to the defaults when nothing ran yet,
/// and say why through takeMessages(). Not thread-safe: one thread owns it.
class RunPair
{
public:
    explicit RunPair(const TrainingConfig &config);

    /// The settings of run A in use.
    const TrainingConfig &config() const { return m_config; }
    /// Run A; null only if not even the defaults could be built.
    Trainer *a() const { return m_a.get(); }
    /// Run B; null when compare mode is off (or B could not be built).
    Trainer *b() const { return m_b.get(); }
    /// B's overrides while compare mode is on.
    const std::optional<ConfigOverrides> &compare() const { return m_compare; }
    /// The newest settings that could not be built since settings were last applied.
    const std::optional<TrainingConfig> &refused() const { return m_refused; }

    /// Builds run A (and B) from config() if there is no run A yet; false if impossible.
    bool ensureBuilt();
    /// What apply() did.
    enum class Applied
    {
        Nothing, ///< the settings were already in use
        Live,    ///< the running networks took them (alpha, optimiser…) and keep their step
        Rebuilt  ///< both runs anew from the seed, or kept as they were if that failed
    };
    /// New settings: live in the running networks where possible, else both rebuilt.
    Applied apply(const TrainingConfig &config);
    /// Both runs anew from the seed, step 0.
    void rebuild();
    /// Compare mode on (B from A's initial weights, both from step 0) or off (nullopt).
    void setCompare(const std::optional<ConfigOverrides> &overrides);
    /// Trains A and then B `steps` steps each; returns the most either trained.
    int train(int steps);
    /// Nothing can train on: every run diverged, or there is no run.
    bool allDiverged() const;

    /// Continues saved runs: each state must come from a Trainer with its run's settings, and
    /// B needs its own state unless A is at step 0. False, and nothing changed, otherwise.
    bool restore(const TrainingConfig &config, const std::optional<TrainerState> &state,
                 const std::optional<ConfigOverrides> &compare,
                 const std::optional<TrainerState> &compareState);

    /// A frame of A with B's inside (TrainingFrame::compare), finished before anyone sees it.
    std::shared_ptr<TrainingFrame> record(double stepsPerSecond, bool playing);
    void setDistributions(bool on) { m_recorderA.setDistributions(on); }
    bool distributions() const { return m_recorderA.distributions(); }
    /// The network view's data (FrameRecorder::setNetworkView), for run A as the view shows it.
    void setNetworkView(bool on) { m_recorderA.setNetworkView(on); }
    bool networkView() const { return m_recorderA.networkView(); }

    /// The messages of builds that failed since the last call, oldest first.
    std::vector<std::string> takeMessages();

private:
    bool buildA(const TrainingConfig &config);
    void buildB();

    TrainingConfig m_config;
    std::unique_ptr<Trainer> m_a;
    std::unique_ptr<Trainer> m_b;
    FrameRecorder m_recorderA;
    FrameRecorder m_recorderB;
    std::optional<ConfigOverrides> m_compare;
    std::optional<TrainingConfig> m_refused;
    std::vector<std::string> m_messages;
};

} // namespace relulab
