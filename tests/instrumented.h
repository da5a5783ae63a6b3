// SPDX-License-Identifier: MIT
#pragma once

namespace relulab {

/// Whether this test was built with a sanitizer (scripts/test's asan and tsan stages). There the
/// code under test runs several times slower, and ThreadSanitizer slower still with another test
/// on the second core: a test that waits for the program scales its wait by kSlowdown, and a
/// check of statistics over many seeds is left to the Release stage, which runs the same code.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kInstrumented = true;
inline constexpr int kSlowdown = 8;
#else
inline constexpr bool kInstrumented = false;
inline constexpr int kSlowdown = 1;
#endif

} // namespace relulab
