# SPDX-License-Identifier: MIT
# relulab-bench-gui: latency, stalls, memory and training speed of the live window (offscreen).
# Not a test: it prints the numbers for the README.
if(TARGET relulab_app)
    qt_add_executable(relulab_bench_gui bench_gui.cpp)
    set_target_properties(relulab_bench_gui PROPERTIES OUTPUT_NAME relulab-bench-gui)
    target_link_libraries(relulab_bench_gui PRIVATE relulab_app)
endif()
