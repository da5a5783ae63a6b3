# SPDX-License-Identifier: MIT
# relulab-bench: the core performance numbers quoted in the README (never run by ctest).
add_executable(relulab_bench bench_core.cpp)
set_target_properties(relulab_bench PROPERTIES OUTPUT_NAME relulab-bench)
target_link_libraries(relulab_bench PRIVATE relulab_core benchmark::benchmark)
