// SPDX-License-Identifier: MIT
// relulab-cli --help: every command and option. resources/man/relulab-cli.1 and the README's
// usage say it again: change them with it.
#include "cli_help.h"

#include "cli_options.h"
#include "config_json.h"

namespace relulab {

QString cliHelpText()
{
    const bool exports = cliHasExport();
    QStringList lines = {
        "relulab-cli: train the ReLU Lab network headless and report what every layer does.",
        "",
        "Usage:",
        "  relulab-cli train      [--preset NAME | --config FILE | --link URL]",
        "                         [--set key=value]... [--steps N] [--every K]",
        "                         [--json FILE] [--csv FILE] [--compare key=value]...",
        "  relulab-cli dump-state [--preset NAME | --config FILE | --link URL]",
        "                         [--set key=value]... [--steps N] --json FILE",
    };
    if (exports)
        lines << "  relulab-cli export     [--preset NAME | --config FILE | --link URL]"
              << "                         [--set key=value]... [--steps N] --out DIR [--scale S]"
              << "                         [--compare key=value]..."
              << "  relulab-cli handout    (--preset NAME | --lesson FILE) [--steps N]"
              << "                         --out FILE.pdf [--teacher]";
    lines << "  relulab-cli theory     [--preset NAME | --config FILE | --link URL]"
          << "                         [--set key=value]... [--json FILE]";
    lines << "  relulab-cli cost       [--preset NAME | --config FILE | --link URL]"
          << "                         [--set key=value]... [--json FILE]";
    lines << "  relulab-cli sweep      [--preset NAME | --config FILE | --link URL]"
          << "                         [--set key=value]... --grid key=SPEC [--grid key=SPEC]"
          << "                         [--seeds S] [--steps N]"
          << "                         [--metric M [--target X]] [--csv FILE] [--json FILE]"
          << "                         [--threads T]"
          << "  relulab-cli evidence   (--preset NAME | --lesson FILE) [--set key=value]..."
          << "                         [--threads T] [--json FILE]"
          << "  relulab-cli lesson check FILE"
          << "  relulab-cli lesson new --from NAME [--out FILE] [--force]"
          << "  relulab-cli link       [--preset NAME | --config FILE | --link URL]"
          << "                         [--set key=value]... [--compare key=value]..."
          << "  relulab-cli keys"
          << "  relulab-cli --help | --version"
          << ""
          << "Commands:"
          << "  train       train for N steps, print a per-layer table; --json/--csv write"
          << "              snapshots taken at step 0, every K steps and at the last step"
          << "  dump-state  train for N steps, then write the parameters, the training data"
          << "              and the exact gradients of the mean loss, in double";
    if (exports)
        lines << "  export      train for N steps and render every plot as PNG into DIR"
              << "  handout     train a lesson and write its printable A4 PDF: title, question,"
              << "              what to do and look for, the dashboard (vector), the setup's"
              << "              link (a lesson file: the command that opens it) and ruled lines"
              << "              for the answer; N defaults to the lesson's pause_at, else its"
              << "              steps (the moment the class is asked to look)";
    lines << "  theory      predict at initialisation, per layer: preact std, E[phi^2], E[phi'^2],"
          << "              the backward gain and grad_z_rms relative to the last layer"
          << "              (mean-field theory), and the chance the network is born dead";
    lines << "  cost        time every activation on this machine (ns per element, forward and"
          << "              backward) and its share of one training step of the network";
    lines << "  sweep       run every grid cell over S seeds (seed, seed+1, ...) on all cores,"
          << "              train N steps each (default 0: at initialisation) and report the"
          << "              metric's mean, standard error and per-seed values per cell; a run"
          << "              that never meets a steps_to_* target in N steps is censored:"
          << "              >N in the CSV, its cell's mean a lower bound (>= in the summary)"
          << "  evidence    run an evidence lesson's experiment (the claim-* lessons) as the"
          << "              window does: its sweeps on all cores, then per setting a's and b's"
          << "              mean ± SE, the paired per-seed difference b - a (t, n) and the"
          << "              verdict on the forum claim, computed from these numbers; --set"
          << "              seed=101 runs it on another seed list"
          << "  lesson      check FILE: check a teacher's own lesson file (relulab --lesson FILE"
          << "              opens it): every problem on its own line, named by the field's"
          << "              JSON path (settings.depth: ...), exit 2; else one line ending"
          << "              in ok. new --from NAME: write a copy of a built-in lesson to"
          << "              start from (stdout without --out), named after --out's file"
          << "  link        print the setup as a relulab://open?… link (the window opens it:"
          << "              File → Open link…, or relulab URL): the preset and only the settings"
          << "              that differ from it, run B's --compare as b.key=value"
          << "  keys        list every setting with its type, range, default and meaning"
          << ""
          << "Options:"
          << "  --preset NAME     start from a built-in lesson: " +
                 presetNames().join(QStringLiteral(", "))
          << "  --config FILE     start from the settings in a JSON file (a --json output works)"
          << "  --link URL        start from a relulab://open?… link (File → Copy link in the"
          << "                    window); its b.key=value are run B for train and export"
          << "  --set key=value   override one setting; repeatable, applied in order"
          << "  --steps N         training steps, 0..10000000 (default 1000; dump-state, sweep: 0)"
          << "  --every K         train's snapshot interval, >= 1 (default N/10)"
          << "  --json FILE       write the result as JSON; train's layers also hold update_ratio"
          << "                    (|W_after - W_before| / |W_before| of the step that led there,"
          << "                    null at step 0), stalled_updates (share of weights whose step"
          << "                    was non-zero but rounded away; null where update_ratio is)"
          << "                    and units, one object per unit in index order:"
          << "                    alive_share, dead, negative, z_mean, z_std and died_at_step"
          << "                    (first snapshot since which it stayed dead; null while alive)"
          << "  --csv FILE        write train's snapshots as CSV, one row per snapshot and layer"
          << "                    (the layer's columns, update_ratio, stalled_updates; no units)"
          << "  --compare k=v     train a second network B from the same seed and initial"
          << "                    weights with these overrides (repeatable); JSON gets a and b";
    if (exports)
        lines
            << "  --out DIR         export's folder (created if missing)"
            << "  --scale S         export's pixels per plot pixel, in [0.5, 4] (default 1)"
            << "  --lesson FILE     handout, evidence: a teacher's lesson file instead of --preset"
            << "  --out FILE.pdf    handout's PDF (written atomically)"
            << "  --teacher         handout: add why it happens, the reference and the"
            << "                    teacher notes";
    lines << "  --grid key=SPEC   sweep a setting: v1,v2,... or a:b[:step] (step 1 by default,"
          << "                    :xF multiplies by F); up to two, at most 10000 cells"
          << "  --seeds S         sweep's seeds per cell, 1..10000 (default 10)"
          << "  --metric M        network_dead (default), final_loss, test_accuracy,"
          << "                    grad_ratio (first/last layer grad_z_rms), dead_fraction,"
          << "                    steps_to_accuracy, steps_to_loss (the first step, 0 at"
          << "                    initialisation, that meets --target on the training set)"
          << "  --target X        steps_to_accuracy's training accuracy, in (0, 1] (default"
          << "                    0.95); steps_to_loss's mean training loss, > 0 (default 0.1)"
          << "  --threads T       sweep's threads, 1..64 (default: every core)"
          << "  --from NAME       lesson new: the built-in lesson to copy"
          << "  --out FILE        lesson new: the file to write (atomically)"
          << "  --force           lesson new: replace FILE if it exists (else exit 2)"
          << "  -h, --help        show this help"
          << "  -v, --version     show the version"
          << ""
          << "Bad input exits with code 2, one line on stderr, and writes no file.";
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace relulab
