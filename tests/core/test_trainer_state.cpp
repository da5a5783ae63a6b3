// SPDX-License-Identifier: MIT
#include "trainer.h"

#include <gtest/gtest.h>

using namespace relulab;

namespace {

TrainingConfig smallConfig(Optimizer optimizer)
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.2;
    c.depth = 3;
    c.width = 8;
    c.samples = 100;
    c.batchSize = 16; // several batches per epoch, so the order and cursor matter
    c.optimizer = optimizer;
    c.seed = 7;
    return c;
}

} // namespace

TEST(TrainerState, RestoredTrainerContinuesExactly)
{
    for (Optimizer opt : {Optimizer::Sgd, Optimizer::Momentum, Optimizer::Adam}) {
        const TrainingConfig c = smallConfig(opt);
        Trainer original(c);
        original.train(37);
        const TrainerState saved = original.state();

        Trainer restored(c);
        ASSERT_TRUE(restored.restoreState(saved));
        EXPECT_EQ(restored.stepCount(), 37);
        original.train(50);
        restored.train(50);
        const Snapshot a = original.snapshot(), b = restored.snapshot();
        EXPECT_EQ(a.loss, b.loss) << optimizerName(opt);
        for (size_t l = 0; l < a.layers.size(); ++l)
            EXPECT_EQ(a.layers[l].alpha, b.layers[l].alpha);
    }
}

TEST(TrainerState, RejectsStatesThatDoNotFit)
{
    const TrainingConfig c = smallConfig(Optimizer::Adam);
    Trainer t(c);
    t.train(5);
    const TrainerState good = t.state();
    const double lossBefore = t.snapshot().loss;

    TrainerState bad = good;
    bad.params.pop_back();
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.params[1].W(0, 0) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.order[0] = bad.order[1]; // not a permutation
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.order[0] = 100000; // out of range
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.cursor = 1000;
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.rngState = "not a generator";
    EXPECT_FALSE(t.restoreState(bad));
    bad = good;
    bad.step = -3;
    EXPECT_FALSE(t.restoreState(bad));
    EXPECT_EQ(t.snapshot().loss, lossBefore); // every refusal left the trainer as it was
}

TEST(TrainerState, CopyWeightsKeepsOwnSlope)
{
    TrainingConfig a = smallConfig(Optimizer::Adam);
    a.activation = Activation::Relu;
    TrainingConfig b = a;
    b.activation = Activation::LeakyRelu;
    b.alpha = 0.3;
    Trainer ta(a), tb(b);
    ASSERT_TRUE(tb.copyWeightsFrom(ta));
    EXPECT_EQ(tb.network().parameters()[1].W, ta.network().parameters()[1].W);
    EXPECT_FLOAT_EQ(tb.network().parameters()[0].alpha, 0.3f);
    TrainingConfig deeper = a;
    deeper.depth = 5;
    Trainer td(deeper);
    EXPECT_FALSE(td.copyWeightsFrom(ta));
}
