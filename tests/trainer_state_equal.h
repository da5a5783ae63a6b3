// SPDX-License-Identifier: MIT
#pragma once
// Bit-for-bit equality of trainer states, for round-trip checks (session tests, fuzz_session):
// -0 against 0, or a changed NaN payload, counts as a difference.
#include "trainer.h"

#include <bit>
#include <cstdint>
#include <optional>

namespace relulab::testing {

inline bool sameFloats(const float *a, const float *b, Eigen::Index n)
{
    for (Eigen::Index i = 0; i < n; ++i) {
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i]))
            return false;
    }
    return true;
}

inline bool sameLayers(const Parameters<float> &a, const Parameters<float> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t l = 0; l < a.size(); ++l) {
        const Layer<float> &x = a[l];
        const Layer<float> &y = b[l];
        if (x.W.rows() != y.W.rows() || x.W.cols() != y.W.cols() || x.b.size() != y.b.size() ||
            !sameFloats(x.W.data(), y.W.data(), x.W.size()) ||
            !sameFloats(x.b.data(), y.b.data(), x.b.size()) || !sameFloats(&x.alpha, &y.alpha, 1))
            return false;
    }
    return true;
}

inline bool sameState(const std::optional<TrainerState> &a, const std::optional<TrainerState> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->step == b->step && a->diverged == b->diverged &&
           a->optimizerSteps == b->optimizerSteps && a->order == b->order &&
           a->cursor == b->cursor && a->rngState == b->rngState &&
           sameLayers(a->params, b->params) && sameLayers(a->firstMoments, b->firstMoments) &&
           sameLayers(a->secondMoments, b->secondMoments);
}

} // namespace relulab::testing
