// SPDX-License-Identifier: MIT
#include "dataset.h"
#include "float_environment.h"
#include "network.h"
#include "optimizer_state.h"
#include "trainer.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace relulab;

namespace {

template <typename S> bool sameParameters(const Parameters<S> &a, const Parameters<S> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t l = 0; l < a.size(); ++l) {
        if (!(a[l].W == b[l].W) || !(a[l].b == b[l].b) || a[l].alpha != b[l].alpha)
            return false;
    }
    return true;
}

bool allFinite(const Parameters<float> &p)
{
    for (const Layer<float> &l : p) {
        if (!l.W.allFinite() || !l.b.allFinite() || !std::isfinite(l.alpha))
            return false;
    }
    return true;
}

void expectFiniteSnapshot(const Snapshot &s, const std::string &what)
{
    EXPECT_TRUE(std::isfinite(s.loss)) << what << " loss " << s.loss;
    EXPECT_TRUE(std::isfinite(s.testLoss)) << what << " test loss " << s.testLoss;
    for (const LayerMetrics &m : s.layers) {
        const std::string layer = what + " layer " + std::to_string(m.index);
        EXPECT_TRUE(std::isfinite(m.gradWNorm)) << layer << " grad_w_norm " << m.gradWNorm;
        EXPECT_TRUE(std::isfinite(m.gradBNorm)) << layer << " grad_b_norm " << m.gradBNorm;
        EXPECT_TRUE(std::isfinite(m.gradZRms)) << layer << " grad_z_rms " << m.gradZRms;
        EXPECT_TRUE(std::isfinite(m.preactMean)) << layer << " preact_mean " << m.preactMean;
        EXPECT_TRUE(std::isfinite(m.preactStd)) << layer << " preact_std " << m.preactStd;
    }
}

// Trains one step at a time until divergence; checks that the failing step changed nothing.
void expectDivergenceHandled(const TrainingConfig &c, const std::string &what)
{
    Trainer t(c);
    bool diverged = false;
    for (int i = 0; i < 500 && !diverged; ++i) {
        const Parameters<float> before = t.network().parameters();
        const std::int64_t stepsBefore = t.stepCount();
        const int done = t.train(1);
        diverged = t.diverged();
        if (diverged) {
            EXPECT_EQ(done, 0) << what;
            EXPECT_EQ(t.stepCount(), stepsBefore) << what;
            EXPECT_TRUE(sameParameters(before, t.network().parameters()))
                << what << ": the diverging update was applied";
        } else {
            EXPECT_EQ(done, 1) << what;
        }
    }
    ASSERT_TRUE(diverged) << what << " did not diverge";
    EXPECT_TRUE(allFinite(t.network().parameters())) << what;
    const std::int64_t steps = t.stepCount();
    EXPECT_EQ(t.train(10), 0) << what << ": training continued after divergence";
    EXPECT_EQ(t.stepCount(), steps);
    const Snapshot s = t.snapshot();
    EXPECT_TRUE(s.diverged) << what;
    EXPECT_EQ(s.step, steps);
    expectFiniteSnapshot(s, what);
    const Eigen::RowVectorXf out = t.predict(t.dataset().testX.cast<float>());
    EXPECT_TRUE(out.allFinite()) << what;
}

} // namespace

TEST(Trainer, StartsFromBuildNetworkAndMakeDataset)
{
    TrainingConfig c;
    c.activation = Activation::Elu;
    c.alpha = 1.2;
    c.seed = 77;
    Trainer t(c);
    EXPECT_EQ(t.config(), c);
    EXPECT_EQ(t.stepCount(), 0);
    EXPECT_FALSE(t.diverged());
    EXPECT_TRUE(std::isnan(t.lastBatchLoss()));
    EXPECT_EQ(t.lossKind(), LossKind::BceLogits);

    const Dataset d = makeDataset(c);
    EXPECT_TRUE(t.dataset().trainX == d.trainX);
    EXPECT_TRUE(t.dataset().testY == d.testY);
    const Network<double> net = buildNetwork(c, d.inputDim());
    EXPECT_TRUE(sameParameters(t.network().parameters(), net.cast<float>().parameters()));
    EXPECT_EQ(t.network().activation(), Activation::Elu);

    TrainingConfig r = c;
    r.dataset = DatasetKind::Abs;
    EXPECT_EQ(Trainer(r).lossKind(), LossKind::Mse);
}

TEST(Trainer, DeterministicForAConfig)
{
    TrainingConfig c;
    c.samples = 300;
    c.batchSize = 32; // several epochs, reshuffled each time
    Trainer a(c), b(c);
    EXPECT_EQ(a.train(50), 50);
    EXPECT_EQ(b.train(50), 50);
    EXPECT_EQ(a.stepCount(), 50);
    EXPECT_EQ(a.lastBatchLoss(), b.lastBatchLoss());
    EXPECT_TRUE(sameParameters(a.network().parameters(), b.network().parameters()));
    EXPECT_EQ(a.snapshot().loss, b.snapshot().loss);
}

TEST(Trainer, DifferentSeedsDiffer)
{
    TrainingConfig c;
    TrainingConfig d = c;
    d.seed = 2;
    Trainer a(c), b(d);
    a.train(50);
    b.train(50);
    EXPECT_NE(a.lastBatchLoss(), b.lastBatchLoss());
    EXPECT_FALSE(sameParameters(a.network().parameters(), b.network().parameters()));
}

TEST(Trainer, SnapshotDoesNotDisturbTraining)
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.25;
    Trainer a(c), b(c);
    a.train(20);
    const Snapshot s1 = a.snapshot();
    const Snapshot s2 = a.snapshot();
    EXPECT_EQ(s1.loss, s2.loss);
    EXPECT_EQ(s1.step, 20);
    a.train(30);
    b.train(50);
    EXPECT_TRUE(sameParameters(a.network().parameters(), b.network().parameters()));
}

TEST(Trainer, FullBatchLossIsTheTrainingLoss)
{
    TrainingConfig c;
    c.samples = 100;
    c.batchSize = 500; // >= samples: full batch
    Trainer t(c);
    const Snapshot before = t.snapshot();
    t.train(1);
    EXPECT_NEAR(t.lastBatchLoss(), before.loss, 1e-6 * before.loss);
}

TEST(Trainer, LearnsMoons)
{
    TrainingConfig c; // the default lesson: relu, depth 4, width 16, adam 0.01, moons
    Trainer t(c);
    const Snapshot before = t.snapshot();
    EXPECT_EQ(t.train(200), 200);
    const Snapshot after = t.snapshot();
    EXPECT_EQ(after.step, 200);
    EXPECT_LT(after.loss, 0.6 * before.loss) << before.loss << " -> " << after.loss;
    EXPECT_GT(after.accuracy, 0.85);
    EXPECT_GT(after.testAccuracy, 0.8);
    EXPECT_EQ(after.layers.size(), 4u);
}

TEST(Trainer, LearnsRegression)
{
    TrainingConfig c;
    c.dataset = DatasetKind::Abs;
    c.activation = Activation::LeakyRelu;
    Trainer t(c);
    const Snapshot before = t.snapshot();
    t.train(300);
    const Snapshot after = t.snapshot();
    EXPECT_LT(after.loss, 0.5 * before.loss) << before.loss << " -> " << after.loss;
    EXPECT_TRUE(std::isnan(after.accuracy));
    EXPECT_TRUE(std::isnan(after.testAccuracy));
}

TEST(Trainer, PreluSlopesMove)
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.25;
    Trainer t(c);
    t.train(200);
    const Snapshot s = t.snapshot();
    double moved = 0;
    for (int l = 0; l < t.network().hiddenLayers(); ++l) {
        const float alpha = t.network().parameters()[size_t(l)].alpha;
        moved = std::max(moved, std::abs(double(alpha) - 0.25));
        EXPECT_DOUBLE_EQ(s.layers[size_t(l)].alpha, double(alpha));
    }
    EXPECT_GT(moved, 1e-3);
}

TEST(Trainer, LeakySlopesStayPut)
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.1;
    Trainer t(c);
    t.train(100);
    for (int l = 0; l < t.network().hiddenLayers(); ++l)
        EXPECT_EQ(t.network().parameters()[size_t(l)].alpha, 0.1f);
}

TEST(Trainer, DivergenceDeepReluWithHugeInit)
{
    TrainingConfig c;
    c.optimizer = Optimizer::Sgd;
    c.learningRate = 10;
    c.initScale = 10;
    c.depth = 8;
    c.width = 32;
    ASSERT_NO_FATAL_FAILURE(expectDivergenceHandled(c, "relu depth 8, init_scale 10, sgd lr 10"));
}

TEST(Trainer, DivergenceMseWithHugeLearningRate)
{
    TrainingConfig c;
    c.dataset = DatasetKind::Sine;
    c.optimizer = Optimizer::Sgd;
    c.learningRate = 10;
    c.activation = Activation::Tanh;
    ASSERT_NO_FATAL_FAILURE(expectDivergenceHandled(c, "sine, sgd lr 10"));

    c.activation = Activation::Relu;
    c.optimizer = Optimizer::Momentum;
    ASSERT_NO_FATAL_FAILURE(expectDivergenceHandled(c, "sine, relu, momentum lr 10"));
}

TEST(Trainer, ApplyLiveChangesAlphaWithoutRebuilding)
{
    TrainingConfig c;
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.01;
    Trainer t(c);
    t.train(10);
    const Parameters<float> before = t.network().parameters();

    TrainingConfig live = c;
    live.alpha = 0.2;
    ASSERT_TRUE(t.applyLive(live));
    EXPECT_EQ(t.config(), live);
    EXPECT_EQ(t.stepCount(), 10);
    const Parameters<float> &after = t.network().parameters();
    for (size_t l = 0; l < after.size(); ++l) {
        EXPECT_TRUE(after[l].W == before[l].W) << "layer " << l << " was rebuilt";
        EXPECT_TRUE(after[l].b == before[l].b) << "layer " << l << " was rebuilt";
        EXPECT_EQ(after[l].alpha, l + 1 < after.size() ? 0.2f : 0.0f);
    }
    EXPECT_DOUBLE_EQ(t.snapshot().layers[0].alpha, double(0.2f));

    // Optimiser settings are live too, and training goes on.
    live.optimizer = Optimizer::Momentum;
    live.learningRate = 0.003;
    live.batchSize = 17;
    live.weightDecay = 1e-4;
    ASSERT_TRUE(t.applyLive(live));
    EXPECT_EQ(t.config(), live);
    EXPECT_EQ(t.train(5), 5);
    EXPECT_EQ(t.stepCount(), 15);
}

TEST(Trainer, ApplyLiveRefusesStructuralChanges)
{
    TrainingConfig c;
    Trainer t(c);
    t.train(5);
    const Parameters<float> before = t.network().parameters();
    auto refuse = [&](TrainingConfig changed, const char *what) {
        changed.learningRate = 0.05; // a live change alongside must not sneak in either
        EXPECT_FALSE(t.applyLive(changed)) << what;
        EXPECT_EQ(t.config(), c) << what;
        EXPECT_TRUE(sameParameters(before, t.network().parameters())) << what;
    };
    TrainingConfig x = c;
    x.depth = 5;
    refuse(x, "depth");
    x = c;
    x.width = 8;
    refuse(x, "width");
    x = c;
    x.activation = Activation::Tanh;
    refuse(x, "activation");
    x = c;
    x.dataset = DatasetKind::Circles;
    refuse(x, "dataset");
    x = c;
    x.seed = 9;
    refuse(x, "seed");
    x = c;
    x.init = Init::Orthogonal;
    refuse(x, "init");
    x = c;
    x.samples = 100;
    refuse(x, "samples");
}

TEST(Trainer, ApplyLiveResetsLearntPreluSlopes)
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.25;
    Trainer t(c);
    t.train(100);
    TrainingConfig live = c;
    live.alpha = 0.5;
    ASSERT_TRUE(t.applyLive(live));
    for (int l = 0; l < t.network().hiddenLayers(); ++l)
        EXPECT_EQ(t.network().parameters()[size_t(l)].alpha, 0.5f);
}

TEST(Trainer, SetParametersChecksShapes)
{
    TrainingConfig c;
    Trainer t(c);
    Parameters<float> p = t.network().parameters();
    p[0].W.setConstant(0.5f);
    ASSERT_TRUE(t.setParameters(p));
    EXPECT_TRUE(t.network().parameters()[0].W == p[0].W);

    Parameters<float> wrong = p;
    wrong.pop_back();
    EXPECT_FALSE(t.setParameters(wrong));
    wrong = p;
    wrong[1].W.resize(3, 3);
    EXPECT_FALSE(t.setParameters(wrong));
    EXPECT_TRUE(sameParameters(t.network().parameters(), p));
}

TEST(Trainer, PredictMatchesNetwork)
{
    TrainingConfig c;
    Trainer t(c);
    t.train(10);
    const Eigen::MatrixXf X = t.dataset().testX.cast<float>();
    const Eigen::RowVectorXf a = t.predict(X);
    const Eigen::RowVectorXf b = t.network().predict(X);
    ASSERT_EQ(a.size(), X.cols());
    EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-6f);
}

TEST(OptimizerState, SgdWithWeightDecay)
{
    Parameters<double> p(2), g(2);
    p[0] = {(Eigen::MatrixXd(1, 2) << 1.0, -2.0).finished(), Eigen::VectorXd::Constant(1, 0.5),
            0.25};
    p[1] = {Eigen::MatrixXd::Constant(1, 1, 3.0), Eigen::VectorXd::Constant(1, -1.0), 0.0};
    g[0] = {(Eigen::MatrixXd(1, 2) << 0.1, 0.2).finished(), Eigen::VectorXd::Constant(1, -0.3),
            0.4};
    g[1] = {Eigen::MatrixXd::Constant(1, 1, 0.5), Eigen::VectorXd::Constant(1, 0.6), 0.7};

    Parameters<double> q = p;
    OptimizerState<double> opt;
    opt.apply(Optimizer::Sgd, 0.1, 0.01, false, q, g);
    EXPECT_DOUBLE_EQ(q[0].W(0, 0), 1.0 - 0.1 * (0.1 + 0.01 * 1.0));
    EXPECT_DOUBLE_EQ(q[0].W(0, 1), -2.0 - 0.1 * (0.2 + 0.01 * -2.0));
    EXPECT_DOUBLE_EQ(q[0].b(0), 0.5 - 0.1 * (-0.3 + 0.01 * 0.5));
    EXPECT_DOUBLE_EQ(q[1].W(0, 0), 3.0 - 0.1 * (0.5 + 0.01 * 3.0));
    EXPECT_EQ(q[0].alpha, 0.25); // not learnt
    EXPECT_EQ(q[1].alpha, 0.0);

    // PReLU: the slope follows its gradient, without weight decay; the output has no slope.
    q = p;
    opt.apply(Optimizer::Sgd, 0.1, 0.01, true, q, g);
    EXPECT_DOUBLE_EQ(q[0].alpha, 0.25 - 0.1 * 0.4);
    EXPECT_EQ(q[1].alpha, 0.0);
}

TEST(OptimizerState, MomentumAccumulates)
{
    Parameters<double> p(1), g(1);
    p[0] = {Eigen::MatrixXd::Constant(1, 1, 1.0), Eigen::VectorXd::Constant(1, 0.0), 0.0};
    g[0] = {Eigen::MatrixXd::Constant(1, 1, 0.5), Eigen::VectorXd::Constant(1, -1.0), 0.0};
    OptimizerState<double> opt;
    opt.apply(Optimizer::Momentum, 0.1, 0.0, false, p, g);
    EXPECT_DOUBLE_EQ(p[0].W(0, 0), 1.0 - 0.1 * 0.5); // torch: the first buffer is the gradient
    opt.apply(Optimizer::Momentum, 0.1, 0.0, false, p, g);
    EXPECT_DOUBLE_EQ(p[0].W(0, 0), 1.0 - 0.05 - 0.1 * 1.9 * 0.5);
    EXPECT_DOUBLE_EQ(p[0].b(0), 0.1 + 0.1 * 1.9);
    opt.reset();
    const double w = p[0].W(0, 0);
    opt.apply(Optimizer::Momentum, 0.1, 0.0, false, p, g);
    EXPECT_DOUBLE_EQ(p[0].W(0, 0), w - 0.05);
}

TEST(OptimizerState, AdamTakesUnitSteps)
{
    // With a constant gradient Adam's bias-corrected step is lr·g/(|g| + eps) ≈ lr·sign(g).
    Parameters<double> p(1), g(1);
    p[0] = {(Eigen::MatrixXd(1, 2) << 1.0, 1.0).finished(), Eigen::VectorXd::Constant(1, 0.0), 0.0};
    g[0] = {(Eigen::MatrixXd(1, 2) << 1e-3, -50.0).finished(), Eigen::VectorXd::Constant(1, 2.0),
            0.0};
    OptimizerState<double> opt;
    for (int step = 1; step <= 3; ++step) {
        opt.apply(Optimizer::Adam, 0.01, 0.0, false, p, g);
        EXPECT_NEAR(p[0].W(0, 0), 1.0 - 0.01 * step, 1e-6) << "step " << step;
        EXPECT_NEAR(p[0].W(0, 1), 1.0 + 0.01 * step, 1e-9) << "step " << step;
        EXPECT_NEAR(p[0].b(0), -0.01 * step, 1e-9) << "step " << step;
    }
    // Weight decay is added to the gradient (torch's Adam weight_decay, not AdamW).
    Parameters<double> q(1), zero(1);
    q[0] = {Eigen::MatrixXd::Constant(1, 1, 2.0), Eigen::VectorXd::Constant(1, 0.0), 0.0};
    zero[0] = {Eigen::MatrixXd::Zero(1, 1), Eigen::VectorXd::Zero(1), 0.0};
    OptimizerState<double> decayed;
    decayed.apply(Optimizer::Adam, 0.01, 0.1, false, q, zero);
    EXPECT_NEAR(q[0].W(0, 0), 2.0 - 0.01, 1e-9);
    EXPECT_EQ(q[0].b(0), 0.0);
}

TEST(FlushDenormals, FlushesWhileAlive)
{
#if defined(__x86_64__) || defined(__SSE__)
    EXPECT_FALSE(FlushDenormals::active());
    volatile float tiny = 1e-39f; // subnormal (the smallest normal float is ~1.18e-38)
    volatile float one = 1.0f;
    EXPECT_NE(tiny * one, 0.0f);
    {
        FlushDenormals flush;
        EXPECT_TRUE(FlushDenormals::active());
        EXPECT_EQ(tiny * one, 0.0f);
        {
            FlushDenormals nested;
            EXPECT_TRUE(FlushDenormals::active());
        }
        EXPECT_TRUE(FlushDenormals::active()); // the inner guard restores the outer state
    }
    EXPECT_FALSE(FlushDenormals::active());
    EXPECT_NE(tiny * one, 0.0f);
#else
    GTEST_SKIP() << "flush-to-zero is x86-only";
#endif
}

TEST(FlushDenormals, TrainerRestoresTheCallersState)
{
    TrainingConfig c;
    Trainer t(c);
    t.train(3);
    t.snapshot();
    EXPECT_FALSE(FlushDenormals::active());
}
