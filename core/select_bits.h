// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>

namespace relulab {

/// `c ? a : b` as a bitwise blend of two already computed values, bit for bit the same result.
/// Written as `c ? a : alpha * b`, GCC moves the product into the branch (it may raise an FP
/// exception), and then vectorises the loop only with AVX-512 masks: at the x86-64 baseline
/// (the portable build) it stays a mispredicted branch per element. The blend has no branch.
template <typename S> inline S selectBits(bool c, S a, S b)
{
    using U = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
    static_assert(sizeof(U) == sizeof(S));
    const U mask = U(0) - U(c);
    const U ua = std::bit_cast<U>(a), ub = std::bit_cast<U>(b);
    // b ^ (a ^ b) = a: GCC turns this form into fewer AVX-512 instructions than (a&m)|(b&~m).
    return std::bit_cast<S>(ub ^ ((ua ^ ub) & mask));
}

} // namespace relulab
