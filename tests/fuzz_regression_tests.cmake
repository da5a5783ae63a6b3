# SPDX-License-Identifier: MIT
# Inputs found by the fuzz targets (fuzz/), and the limits on outside input they rely on.
add_executable(test_fuzz_regressions test_fuzz_regressions.cpp)
target_link_libraries(test_fuzz_regressions PRIVATE relulab_widgets GTest::gtest_main)
# Discover at test time, so a build never runs a test binary (sanitizer builds).
gtest_discover_tests(test_fuzz_regressions
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "fuzz" TIMEOUT 120)
