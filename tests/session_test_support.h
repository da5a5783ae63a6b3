// SPDX-License-Identifier: MIT
#pragma once
// Sessions shared by the session-file tests: two networks, a session with every field away
// from its default, a different valid one, and exact comparison.
#include "session_file.h"
#include "trainer.h"
#include "trainer_state_equal.h"

namespace relulab::testing {

inline bool sameSession(const Session &a, const Session &b)
{
    return a.config == b.config && a.compare == b.compare && a.compareConfig == b.compareConfig &&
           a.lesson == b.lesson && a.unlockedKeys == b.unlockedKeys && a.view == b.view &&
           sameState(a.state, b.state) && sameState(a.compareState, b.compareState);
}

inline TrainingConfig networkA()
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.2;
    c.depth = 3;
    c.width = 8;
    c.samples = 100;
    c.batchSize = 16; // several batches per epoch, so the order and cursor matter
    c.seed = 7;
    return c;
}

inline TrainingConfig networkB()
{
    TrainingConfig c = networkA();
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.1 + 0.2; // not exactly 0.3
    c.optimizer = Optimizer::Momentum;
    c.learningRate = 0.003;
    return c;
}

// Every field set away from its default; both trainers mid-epoch.
inline Session richSession()
{
    Session s;
    s.config = networkA();
    s.compare = true;
    s.compareConfig = networkB();
    s.lesson = QStringLiteral("dying-relu");
    s.unlockedKeys = {QStringLiteral("alpha"), QStringLiteral("learning_rate")};
    s.view = {true, true, QStringLiteral("gradients"), true};
    Trainer a(s.config), b(s.compareConfig);
    a.train(37);
    b.train(23);
    s.state = a.state();
    s.compareState = b.state();
    return s;
}

// A different valid session: what `out` holds before a load that must fail.
inline Session otherSession()
{
    Session s;
    s.lesson = QStringLiteral("relu-vs-leaky");
    s.view.selectedPlot = QStringLiteral("loss");
    TrainingConfig small;
    small.depth = 1;
    small.width = 2;
    small.samples = 4;
    s.config = small;
    Trainer t(small);
    t.train(3);
    s.state = t.state();
    return s;
}

} // namespace relulab::testing
