// SPDX-License-Identifier: MIT
// relulab-bench-dist: the numbers behind the Distributions view and the Cost panel.
//   ActivationForward/Backward  each activation over 1M floats (the arrays the Cost panel
//                               times), `per_element` = seconds per element
//   ComputeDistributions        the histograms of every layer's z and W over the training set
//   RecordFrame                 one FrameRecorder::record with the Distributions view hidden (0)
//                               and shown (1), then the network view hidden (0) and shown (1):
//                               what showing a view adds to the frame path
// Times are CPU time of the benchmark thread.
#include "frame_recorder.h"
#include "histogram.h"
#include "trainer.h"

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

using namespace relulab;

namespace {

constexpr long kElements = 1 << 20;

struct Arrays
{
    std::vector<float> z, dA, out;
    Arrays() : z(kElements), dA(kElements), out(kElements)
    {
        std::mt19937_64 rng(1);
        std::normal_distribution<float> normal;
        for (long i = 0; i < kElements; ++i) {
            z[size_t(i)] = normal(rng);
            dA[size_t(i)] = normal(rng);
        }
    }
};

Arrays &arrays()
{
    static Arrays a;
    return a;
}

void perElement(benchmark::State &state)
{
    state.counters["per_element"] =
        benchmark::Counter(double(kElements), benchmark::Counter::kIsIterationInvariantRate |
                                                  benchmark::Counter::kInvert);
    state.SetLabel(std::string(activationName(allActivations()[size_t(state.range(0))])));
}

void ActivationForward(benchmark::State &state)
{
    const Activation a = allActivations()[size_t(state.range(0))];
    Arrays &x = arrays();
    for (auto _ : state) {
        activateArray<float>(a, 0.01f, x.z.data(), x.out.data(), kElements);
        benchmark::ClobberMemory();
    }
    perElement(state);
}

void ActivationBackward(benchmark::State &state)
{
    const Activation a = allActivations()[size_t(state.range(0))];
    Arrays &x = arrays();
    for (auto _ : state) {
        // As the Cost panel times it: phi'(z), then times dL/da.
        derivativeArray<float>(a, 0.01f, x.z.data(), x.out.data(), kElements);
        for (long i = 0; i < kElements; ++i)
            x.out[size_t(i)] *= x.dA[size_t(i)];
        benchmark::ClobberMemory();
    }
    perElement(state);
}

TrainingConfig sized(int depth, int width)
{
    TrainingConfig c;
    c.depth = depth;
    c.width = width;
    return c;
}

void ComputeDistributions(benchmark::State &state)
{
    Trainer trainer(sized(int(state.range(0)), int(state.range(1))));
    trainer.train(10);
    const Eigen::MatrixXf X = trainer.dataset().trainX.cast<float>();
    for (auto _ : state)
        benchmark::DoNotOptimize(computeDistributions(trainer.network(), X));
}

void RecordFrame(benchmark::State &state)
{
    Trainer trainer(sized(int(state.range(0)), int(state.range(1))));
    trainer.train(10);
    FrameRecorder recorder;
    recorder.setDistributions(state.range(2) != 0);
    recorder.setNetworkView(state.range(3) != 0);
    for (auto _ : state)
        benchmark::DoNotOptimize(recorder.record(trainer, 0, false));
    state.SetLabel(std::string(state.range(2) ? "distributions shown" : "distributions hidden") +
                   (state.range(3) ? ", network view shown" : ""));
}

} // namespace

BENCHMARK(ActivationForward)->DenseRange(0, 10)->Unit(benchmark::kMillisecond);
BENCHMARK(ActivationBackward)->DenseRange(0, 10)->Unit(benchmark::kMillisecond);
BENCHMARK(ComputeDistributions)->Args({4, 16})->Args({20, 64})->Unit(benchmark::kMicrosecond);
BENCHMARK(RecordFrame)
    ->Args({4, 16, 0, 0})
    ->Args({4, 16, 1, 0})
    ->Args({4, 16, 0, 1})
    ->Args({10, 16, 0, 0}) // the largest network the diagram draws
    ->Args({10, 16, 0, 1})
    ->Args({20, 64, 0, 0})
    ->Args({20, 64, 1, 0})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
