# SPDX-License-Identifier: MIT
# relulab-bench-sweep: sweep wall-clock times and the two-thread speed-up (never run by ctest).
add_executable(relulab_bench_sweep sweep_bench.cpp)
set_target_properties(relulab_bench_sweep PROPERTIES OUTPUT_NAME relulab-bench-sweep)
target_link_libraries(relulab_bench_sweep PRIVATE relulab_core benchmark::benchmark)
