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

} // namespace

template <typename S>
void OptimizerState<S>::apply(Optimizer kind, S lr, S wd, bool learnAlpha, Parameters<S> &params,
                              const Parameters<S> &grads)
{
    if (kind != Optimizer::Sgd && m_m.size() != params.size())
        zeroShaped(m_m, params);
    if (kind == Optimizer::Adam && m_v.size() != params.size())
        zeroShaped(m_v, params);
    ++m_t;

    constexpr S kMomentum = S(0.9), kBeta1 = S(0.9), kBeta2 = S(0.999), kEps = S(1e-8);
    const S correction1 = S(1) - std::pow(kBeta1, S(m_t));
    const S correction2 = S(1) - std::pow(kBeta2, S(m_t));
    const S adamStep = lr / correction1;
    const S invSqrtCorrection2 = S(1) / std::sqrt(correction2);

    // Element-wise update on one parameter block; g is the gradient plus weight decay.
    auto update = [&](auto &&p, const auto &grad, auto &&m, auto &&v, S decay) {
        switch (kind) {
        case Optimizer::Sgd:
            p -= lr * (grad + decay * p);
            break;
        case Optimizer::Momentum:
            // torch.optim.SGD(momentum=0.9): buf = 0.9·buf + g; p -= lr·buf.
            m = kMomentum * m + (grad + decay * p);
            p -= lr * m;
            break;
        case Optimizer::Adam: {
            const auto g = (grad + decay * p).eval();
            m = kBeta1 * m + (S(1) - kBeta1) * g;
            v = kBeta2 * v + (S(1) - kBeta2) * g.square();
            p -= adamStep * (m / (v.sqrt() * invSqrtCorrection2 + kEps));
            break;
        }
        }
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

template class OptimizerState<float>;
template class OptimizerState<double>;

} // namespace relulab
