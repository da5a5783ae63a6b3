// SPDX-License-Identifier: MIT
// relulab-bench: the numbers issue 2 asks for, in one run.
//   a  Eigen float 1024×1024 GEMM, the machine's reference FLOP rate
//   b  one training step, depth 20 × width 64, batch 256, ReLU
//   c  one training step, depth 100 × width 16, batch 256, Leaky ReLU (the subnormal case);
//      then the bare step (lossAndGradient + SGD update) with and without flushing
//      subnormals, at the default init and at init_scale 0.45, where most gradients are
//      subnormal (the `subnormal%` counter shows how many), and the layer product of (c) on
//      all-subnormal activations, which isolates what flushing saves per operation
//   d  one training step, depth 5 × width 32, batch 128
//   e  one full metrics snapshot of the (b) network on a 1000-sample training set, on one
//      and on two threads; `steps/snapshot` is its cost in (b)-sized training steps
// Training steps count 6·batch·Σ(fan_in·fan_out) FLOPs (forward 2, backward 4 per weight).
// Times are CPU time of the benchmark thread unless the name ends in /real_time.
#include "dataset.h"
#include "float_environment.h"
#include "network.h"
#include "optimizer_state.h"
#include "trainer.h"
#include "training_config.h"

#include <Eigen/Dense>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <string>

using namespace relulab;

namespace {

TrainingConfig stepConfig(Activation activation, int depth, int width, int batch)
{
    TrainingConfig c;
    c.activation = activation;
    c.depth = depth;
    c.width = width;
    c.batchSize = batch;
    c.samples = 1024; // more samples than the batch: real minibatches, reshuffled per epoch
    return c;
}

double weightsPerSample(const TrainingConfig &c, int inputDim)
{
    return double(inputDim) * c.width + double(c.depth - 1) * c.width * c.width + c.width;
}

double flopsPerStep(const TrainingConfig &c, int inputDim)
{
    return 6.0 * std::min(c.batchSize, c.samples) * weightsPerSample(c, inputDim);
}

void timeCounter(benchmark::State &state, const char *perWhat)
{
    // Iterations per second, inverted: seconds per iteration (printed as e.g. "1.2ms").
    state.counters[perWhat] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate |
                                                        benchmark::Counter::kInvert);
}

void stepCounters(benchmark::State &state, double flopsPerIteration, const char *perWhat)
{
    state.counters["FLOP/s"] =
        benchmark::Counter(flopsPerIteration, benchmark::Counter::kIsIterationInvariantRate);
    timeCounter(state, perWhat);
}

// (a) The reference: what Eigen's float GEMM reaches on this machine, single-threaded.
void eigenGemm(benchmark::State &state)
{
    const Eigen::Index n = state.range(0);
    const Eigen::MatrixXf A = Eigen::MatrixXf::Random(n, n);
    const Eigen::MatrixXf B = Eigen::MatrixXf::Random(n, n);
    Eigen::MatrixXf C(n, n);
    for (auto _ : state) {
        C.noalias() = A * B;
        benchmark::DoNotOptimize(C.data());
        benchmark::ClobberMemory();
    }
    stepCounters(state, 2.0 * double(n) * double(n) * double(n), "time/gemm");
}

// Share of subnormal floats in what a training step computed.
double subnormalShare(const Workspace<float> &ws, const Parameters<float> &grads)
{
    double subnormal = 0, total = 0;
    auto count = [&](const float *p, Eigen::Index n) {
        for (Eigen::Index i = 0; i < n; ++i)
            subnormal += std::fpclassify(p[i]) == FP_SUBNORMAL;
        total += double(n);
    };
    for (const Mat<float> &m : ws.Z)
        count(m.data(), m.size());
    for (const Mat<float> &m : ws.dZ)
        count(m.data(), m.size());
    for (const Layer<float> &g : grads)
        count(g.W.data(), g.W.size());
    return total > 0 ? subnormal / total : 0;
}

// How many subnormals one unflushed step of `net` meets on the first batch of the data.
double unflushedSubnormalPercent(const Network<float> &net, const TrainingConfig &config)
{
    const Dataset data = makeDataset(config);
    const int batch = std::min(config.batchSize, config.samples);
    const Mat<float> X = data.trainX.leftCols(batch).cast<float>();
    const Vec<float> y = data.trainY.head(batch).cast<float>();
    Workspace<float> ws;
    Parameters<float> grads;
    net.lossAndGradient(data.classification ? LossKind::BceLogits : LossKind::Mse, X, y, ws, grads);
    return 100.0 * subnormalShare(ws, grads);
}

// (b), (c), (d): Trainer::train(1) = batch gather, forward, loss, backward, Adam update.
void trainerStep(benchmark::State &state, TrainingConfig config)
{
    Trainer trainer(config);
    trainer.train(5); // warm the workspaces
    for (auto _ : state) {
        trainer.train(1);
        if (trainer.diverged()) {
            state.SkipWithError("training diverged");
            break;
        }
    }
    stepCounters(state, flopsPerStep(config, trainer.dataset().inputDim()), "time/step");
    state.counters["loss"] = trainer.lastBatchLoss();
    state.counters["subnormal%"] = unflushedSubnormalPercent(trainer.network(), config);
}

// (c) without the Trainer, so flushing can be switched off: forward, loss, backward and an
// SGD update on a fixed batch, with and without FTZ/DAZ. SGD (not Adam, whose normalised step
// would push the network out of the subnormal range) keeps every iteration alike.
void rawStep(benchmark::State &state, TrainingConfig config, bool flush)
{
    const Dataset data = makeDataset(config);
    Network<float> net = buildNetwork(config, data.inputDim()).cast<float>();
    const int batch = std::min(config.batchSize, config.samples);
    const Mat<float> X = data.trainX.leftCols(batch).cast<float>();
    const Vec<float> y = data.trainY.head(batch).cast<float>();
    const LossKind kind = data.classification ? LossKind::BceLogits : LossKind::Mse;
    Workspace<float> ws;
    Parameters<float> grads;
    OptimizerState<float> optimizer;
    std::unique_ptr<FlushDenormals> guard;
    if (flush)
        guard = std::make_unique<FlushDenormals>();
    double loss = 0;
    for (auto _ : state) {
        const float value = net.lossAndGradient(kind, X, y, ws, grads);
        optimizer.apply(Optimizer::Sgd, float(config.learningRate), float(config.weightDecay),
                        config.activation == Activation::Prelu, net.parameters(), grads);
        benchmark::DoNotOptimize(value);
        loss = value;
    }
    guard.reset();
    stepCounters(state, flopsPerStep(config, data.inputDim()), "time/step");
    state.counters["loss"] = loss;
    state.counters["subnormal%"] = unflushedSubnormalPercent(net, config);
}

// (c) the cost of subnormals in isolation: one (c)-sized layer product, W (16×16) times a
// batch of 256 activations that are all subnormal, as deep in a vanishing network.
void subnormalLayer(benchmark::State &state, bool flush)
{
    const Eigen::MatrixXf W = Eigen::MatrixXf::Random(16, 16) * 0.25f;
    const Eigen::MatrixXf A = Eigen::MatrixXf::Random(16, 256) * 1e-39f;
    Eigen::MatrixXf Z(16, 256);
    std::unique_ptr<FlushDenormals> guard;
    if (flush)
        guard = std::make_unique<FlushDenormals>();
    for (auto _ : state) {
        Z.noalias() = W * A;
        benchmark::DoNotOptimize(Z.data());
        benchmark::ClobberMemory();
    }
    guard.reset();
    stepCounters(state, 2.0 * 16 * 16 * 256, "time/product");
}

// (e) Trainer::snapshot(): loss, gradients and every layer metric on the full training set,
// plus the test loss. `steps/snapshot` divides its time by this network's own training step,
// both timed here the same way (process CPU time on one thread, wall time on two).
double nowSeconds(bool wall)
{
    if (wall)
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    return double(std::clock()) / CLOCKS_PER_SEC;
}

void snapshotCost(benchmark::State &state, TrainingConfig config, int threads)
{
    const bool wall = threads > 1;
    Trainer trainer(config);
    trainer.setMeasureThreads(threads);
    trainer.train(5);
    constexpr int kTimedSteps = 100;
    const double stepStart = nowSeconds(wall);
    trainer.train(kTimedSteps);
    const double stepSeconds = (nowSeconds(wall) - stepStart) / kTimedSteps;

    double loss = 0;
    std::int64_t snapshots = 0;
    const double start = nowSeconds(wall);
    for (auto _ : state) {
        const Snapshot s = trainer.snapshot();
        benchmark::DoNotOptimize(s);
        loss = s.loss;
        ++snapshots;
    }
    const double snapshotSeconds =
        (nowSeconds(wall) - start) / double(std::max<std::int64_t>(1, snapshots));
    timeCounter(state, "time/snapshot");
    state.counters["steps/snapshot"] = snapshotSeconds / stepSeconds;
    state.counters["loss"] = loss;
}

std::string name(const char *prefix, const TrainingConfig &c)
{
    return std::string(prefix) + "/" + std::string(activationName(c.activation)) +
           "/depth:" + std::to_string(c.depth) + "/width:" + std::to_string(c.width) +
           "/batch:" + std::to_string(std::min(c.batchSize, c.samples));
}

void registerAll()
{
    benchmark::RegisterBenchmark("a_eigen_gemm_float", eigenGemm)
        ->Arg(1024)
        ->Unit(benchmark::kMillisecond);

    const TrainingConfig b = stepConfig(Activation::Relu, 20, 64, 256);
    const TrainingConfig c = stepConfig(Activation::LeakyRelu, 100, 16, 256);
    const TrainingConfig d = stepConfig(Activation::Relu, 5, 32, 128);
    benchmark::RegisterBenchmark(name("b_train_step", b).c_str(), trainerStep, b)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(name("c_train_step", c).c_str(), trainerStep, c)
        ->Unit(benchmark::kMillisecond);
    TrainingConfig tiny = c;
    tiny.initScale = 0.45; // activations shrink ~0.45× per layer: 0.45^100 ≈ 1e-35
    for (const TrainingConfig &raw : {c, tiny}) {
        const std::string base =
            name("c_raw_sgd_step", raw) + "/init_scale:" + configValue(raw, "init_scale");
        benchmark::RegisterBenchmark((base + "/flush").c_str(), rawStep, raw, true)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((base + "/no_flush").c_str(), rawStep, raw, false)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("c_subnormal_layer_product/16x16x256/flush", subnormalLayer, true);
    benchmark::RegisterBenchmark("c_subnormal_layer_product/16x16x256/no_flush", subnormalLayer,
                                 false);
    benchmark::RegisterBenchmark(name("d_train_step", d).c_str(), trainerStep, d)
        ->Unit(benchmark::kMillisecond);

    TrainingConfig e = b;
    e.samples = 1000;
    const std::string snap = name("e_snapshot", e) + "/samples:1000";
    benchmark::RegisterBenchmark((snap + "/threads:1").c_str(), snapshotCost, e, 1)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((snap + "/threads:2").c_str(), snapshotCost, e, 2)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
