// SPDX-License-Identifier: MIT
#include "optimizer_state.h"

#include <cmath>

namespace relulab {

namespace {

template <typename S> void zeroShaped(Parameters<S> &out, const Parameters<S> &like)
{
    out.resize(like.size());
    for (size_t l = 0; l < like.size(); ++l) {
        out[l].W.setZero(like[l].W.rows(), like[l].W.cols());
        out[l].b.setZero(like[l].b.size());
        out[l].alpha = S(0);
    }
}

template <typename S> struct AdamScale
{
    S step;               ///< lr / (1 - beta1^t)
    S invSqrtCorrection2; ///< 1 / sqrt(1 - beta2^t)
};

template <typename S> AdamScale<S> adamScale(S lr, long t)
{
    constexpr S kBeta1 = S(0.9), kBeta2 = S(0.999);
    const S correction1 = S(1) - std::pow(kBeta1, S(t));
    const S correction2 = S(1) - std::pow(kBeta2, S(t));
    return {lr / correction1, S(1) / std::sqrt(correction2)};
}

template <typename S> void roundBlock(RoundFn<S> round, auto &&block)
{
    if (round)
        round(block.data(), block.size());
}

} // namespace

template <typename S>
void OptimizerState<S>::apply(Optimizer kind, S lr, S wd, bool learnAlpha, Parameters<S> &params,
                              const Parameters<S> &grads, RoundFn<S> round)
{
    if (kind != Optimizer::Sgd && m_m.size() != params.size())
        zeroShaped(m_m, params);
    if (kind == Optimizer::Adam && m_v.size() != params.size())
        zeroShaped(m_v, params);
    ++m_t;

    constexpr S kMomentum = S(0.9), kBeta1 = S(0.9), kBeta2 = S(0.999), kEps = S(1e-8);
    // Plain variables, not a structured binding: the lambda below captures them, which C++20
    // allows for bindings but clang 14 (clang-tidy's front end) does not.
    const AdamScale<S> scale = adamScale(lr, m_t);
    const S adamStep = scale.step;
    const S invSqrtCorrection2 = scale.invSqrtCorrection2;

    // Element-wise update on one parameter block; g is the gradient plus weight decay.
    auto update = [&](auto &&p, const auto &grad, auto &&m, auto &&v, S decay) {
        switch (kind) {
        case Optimizer::Sgd:
            p -= lr * (grad + decay * p);
            break;
        case Optimizer::Momentum:
            // torch.optim.SGD(momentum=0.9): buf = 0.9·buf + g; p -= lr·buf.
            m = kMomentum * m + (grad + decay * p);
            roundBlock(round, m);
            p -= lr * m;
            break;
        case Optimizer::Adam: {
            const auto g = (grad + decay * p).eval();
            m = kBeta1 * m + (S(1) - kBeta1) * g;
            v = kBeta2 * v + (S(1) - kBeta2) * g.square();
            roundBlock(round, m);
            roundBlock(round, v);
            p -= adamStep * (m / (v.sqrt() * invSqrtCorrection2 + kEps));
            break;
        }
        }
        roundBlock(round, p);
    };

    Parameters<S> &m = m_m;
    Parameters<S> &v = m_v;
    for (size_t l = 0; l < params.size(); ++l) {
        // Unused moment buffers are empty; give the lambda something of the right shape.
        Layer<S> dummy;
        Layer<S> &ml = kind == Optimizer::Sgd ? dummy : m[l];
        Layer<S> &vl = kind == Optimizer::Adam ? v[l] : dummy;
        if (kind == Optimizer::Sgd) {
            params[l].W.array() -= lr * (grads[l].W.array() + wd * params[l].W.array());
            params[l].b.array() -= lr * (grads[l].b.array() + wd * params[l].b.array());
            roundBlock(round, params[l].W);
            roundBlock(round, params[l].b);
        } else if (kind == Optimizer::Momentum) {
            update(params[l].W.array(), grads[l].W.array(), ml.W.array(), ml.W.array(), wd);
            update(params[l].b.array(), grads[l].b.array(), ml.b.array(), ml.b.array(), wd);
        } else {
            update(params[l].W.array(), grads[l].W.array(), ml.W.array(), vl.W.array(), wd);
            update(params[l].b.array(), grads[l].b.array(), ml.b.array(), vl.b.array(), wd);
        }
        if (learnAlpha && l + 1 < params.size()) {
            Eigen::Array<S, 1, 1> p(params[l].alpha), g(grads[l].alpha), ma(ml.alpha),
                va(kind == Optimizer::Adam ? vl.alpha : S(0));
            update(p, g, ma, va, S(0));
            params[l].alpha = p(0);
            if (kind != Optimizer::Sgd)
                ml.alpha = ma(0);
            if (kind == Optimizer::Adam)
                vl.alpha = va(0);
        }
    }
}

template <typename S>
Eigen::Index OptimizerState<S>::stalledWeights(Optimizer kind, S lr, S wd, size_t l,
                                               const Mat<S> &grad, const Mat<S> &before,
                                               const Mat<S> &after) const
{
    // Only whether each step is zero matters, so the recomputation need not fuse as apply()
    // did: a product or quotient of non-zero finite values is zero only when it underflows,
    // and it does so alike in both.
    const auto unchanged = after.array() == before.array();
    switch (kind) {
    case Optimizer::Sgd:
        return (unchanged && (lr * (grad.array() + wd * before.array())) != S(0)).count();
    case Optimizer::Momentum:
        if (l >= m_m.size())
            return 0;
        return (unchanged && (lr * m_m[l].W.array()) != S(0)).count();
    case Optimizer::Adam: {
        if (l >= m_m.size() || l >= m_v.size())
            return 0;
        constexpr S kEps = S(1e-8);
        const auto [adamStep, invSqrtCorrection2] = adamScale(lr, m_t);
        const auto step =
            adamStep * (m_m[l].W.array() / (m_v[l].W.array().sqrt() * invSqrtCorrection2 + kEps));
        return (unchanged && step != S(0)).count();
    }
    }
    return 0;
}

template class OptimizerState<float>;
template class OptimizerState<double>;

} // namespace relulab
