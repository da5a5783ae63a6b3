// SPDX-License-Identifier: MIT
#pragma once

#include "network.h"
#include "training_config.h"

namespace relulab {

/// Moments of SGD with momentum and Adam, shaped like the network's parameters.
template <typename S> class OptimizerState
{
public:
    void reset()
    {
        m_m.clear();
        m_v.clear();
        m_t = 0;
    }
    /// One update of params from grads. Weight decay (L2, as torch's weight_decay) applies to
    /// weights and biases, not to PReLU slopes, whose decay would pull them back to ReLU.
    /// `learnAlpha` is true for PReLU. With `round` (an emulated format) the update runs as a
    /// fused kernel would: in S, reading the stored values; the new moments are stored rounded
    /// before the step reads them, and the new parameters are stored rounded.
    void apply(Optimizer kind, S lr, S wd, bool learnAlpha, Parameters<S> &params,
               const Parameters<S> &grads, RoundFn<S> round = nullptr);
    /// After apply() with the same kind, lr and wd: how many of layer `l`'s weights had a
    /// non-zero step (recomputed from `grad`, the moments and `before`, exactly as apply()
    /// computed it) and yet read the same in `after`: updates lost to rounding.
    Eigen::Index stalledWeights(Optimizer kind, S lr, S wd, size_t l, const Mat<S> &grad,
                                const Mat<S> &before, const Mat<S> &after) const;

    /// First and second moments and the step count, for saving a session exactly.
    const Parameters<S> &firstMoments() const { return m_m; }
    const Parameters<S> &secondMoments() const { return m_v; }
    long steps() const { return m_t; }
    void restore(Parameters<S> m, Parameters<S> v, long steps)
    {
        m_m = std::move(m);
        m_v = std::move(v);
        m_t = steps;
    }

private:
    Parameters<S> m_m;
    Parameters<S> m_v;
    long m_t = 0;
};

extern template class OptimizerState<float>;
extern template class OptimizerState<double>;

} // namespace relulab
