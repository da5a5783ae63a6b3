// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <functional>
#include <vector>

namespace relulab::bench {

using Clock = std::chrono::steady_clock;

/// Milliseconds from `t` to now.
double msSince(Clock::time_point t);
/// The `p` quantile (0..1) of `v`, nearest rank; 0 for no values.
double percentile(std::vector<double> v, double p);
/// Runs the event loop for `ms` (without spinning, so the worker keeps its core).
void runFor(int ms);
/// Runs the event loop until `done()` holds or `timeoutMs` passes; false on timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs);
/// The process's resident memory (VmRSS), -1 if unknown.
double residentMegabytes();
/// Bytes the program holds on the heap (glibc), to tell a leak from allocator slack in RSS.
double heapInUseMegabytes();

} // namespace relulab::bench
