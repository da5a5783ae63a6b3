# SPDX-License-Identifier: MIT
# relulab-bench-dist: activation cost per element and what the Distributions view adds to a frame.
add_executable(relulab_bench_dist bench_dist.cpp)
set_target_properties(relulab_bench_dist PROPERTIES OUTPUT_NAME relulab-bench-dist)
target_link_libraries(relulab_bench_dist PRIVATE relulab_widgets benchmark::benchmark)
