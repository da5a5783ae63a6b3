// SPDX-License-Identifier: MIT
// relulab-bench-sweep: the sweep timings issue 5 asks for.
//   a  the born-dead phase diagram at initialisation: 10 widths (2..16) × 10 depths (3..30),
//      20 seeds each, 0 steps, ReLU on 1-D |x| data (target: under 10 s on this machine)
//   b  a 10×10 grid (width 2..20 × depth 1..10) of moons networks trained 500 steps each, on
//      1 and on 2 threads; runs/s per thread count shows how well the cores are used (target:
//      2 threads ≥ 1.7× the 1-thread rate)
//   c  grid b with steps_to_accuracy (target 0.95): a forward pass over the training set after
//      every step, and a run stops once it gets there; `censored` is the share that never did
//   d  grid b with steps_to_loss at an unreachable 1e-9: every run checks all 500 steps, the
//      worst case of the per-step check, to compare with b's cpu_ms/run
// Wall-clock times (/real_time): the sweep's own threads do the work. `cores_used` is the
// process's CPU time over wall time and `cpu_ms/run` its CPU time per run: on a machine shared
// with other work the wall-clock speed-up is capped by the free cores, while an unchanged
// CPU time per run from 1 to 2 threads shows the runner adds no overhead of its own.
#include "grid_spec.h"
#include "sweep.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

using namespace relulab;

namespace {

double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

/// Runs `spec` on `threads` per iteration and adds the counters described above.
void runAndCount(benchmark::State &state, const SweepSpec &spec, int threads)
{
    double cpu = 0, wall = 0, dead = 0, censored = 0;
    for (auto _ : state) {
        const double cpu0 = processCpuSeconds();
        const auto wall0 = std::chrono::steady_clock::now();
        const SweepResult r = runSweep(spec, threads);
        wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        cpu += processCpuSeconds() - cpu0;
        dead = 0;
        censored = 0;
        for (const SweepCell &c : r.cells) {
            dead += c.mean;
            censored += c.censoredCount;
        }
        benchmark::DoNotOptimize(dead);
    }
    const double runs = double(spec.runCount()) * double(state.iterations());
    state.counters["runs/s"] = benchmark::Counter(runs, benchmark::Counter::kIsRate);
    state.counters["cores_used"] = cpu / wall;
    state.counters["cpu_ms/run"] = 1e3 * cpu / runs;
    if (spec.metric == SweepMetric::NetworkDead)
        state.counters["mean_dead"] = dead / double(spec.grid.cellCount());
    if (isConvergenceMetric(spec.metric))
        state.counters["censored"] = censored / double(spec.runCount());
}

SweepSpec makeSpec(const TrainingConfig &base, const std::vector<std::string> &grid, int seeds,
                   int steps)
{
    SweepSpec spec;
    spec.base = base;
    spec.seeds = seeds;
    spec.steps = steps;
    spec.metric = SweepMetric::NetworkDead;
    if (const std::string error = parseGridSpec(grid, base, spec.grid); !error.empty())
        throw std::invalid_argument(error);
    return spec;
}

SweepSpec bornDeadSpec()
{
    TrainingConfig base;
    base.activation = Activation::Relu;
    base.dataset = DatasetKind::Abs;
    base.biasInit = 0;
    base.init = Init::HeNormal;
    return makeSpec(base, {"width=2,3,4,5,6,8,10,12,14,16", "depth=3:30:3"}, 20, 0);
}

void BM_BornDeadDiagram(benchmark::State &state)
{
    runAndCount(state, bornDeadSpec(), int(state.range(0)));
}
BENCHMARK(BM_BornDeadDiagram)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_TrainedSweep(benchmark::State &state)
{
    TrainingConfig base; // moons, Adam, batch 64
    runAndCount(state, makeSpec(base, {"width=2:20:2", "depth=1:10"}, 1, 500), int(state.range(0)));
}
BENCHMARK(BM_TrainedSweep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

SweepSpec convergenceSpec(SweepMetric metric, double target)
{
    SweepSpec spec = makeSpec(TrainingConfig(), {"width=2:20:2", "depth=1:10"}, 1, 500);
    spec.metric = metric;
    spec.target = target;
    return spec;
}

void BM_StepsToAccuracySweep(benchmark::State &state)
{
    runAndCount(state, convergenceSpec(SweepMetric::StepsToAccuracy, 0.95), int(state.range(0)));
}
BENCHMARK(BM_StepsToAccuracySweep)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StepsToLossNeverMet(benchmark::State &state)
{
    runAndCount(state, convergenceSpec(SweepMetric::StepsToLoss, 1e-9), int(state.range(0)));
}
BENCHMARK(BM_StepsToLossNeverMet)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
