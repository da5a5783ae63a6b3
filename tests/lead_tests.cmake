# SPDX-License-Identifier: MIT
add_executable(test_csv_data test_csv_data.cpp)
target_link_libraries(test_csv_data PRIVATE relulab_core GTest::gtest_main)
gtest_discover_tests(test_csv_data)

add_executable(test_theory test_theory.cpp)
target_link_libraries(test_theory PRIVATE relulab_core GTest::gtest_main)
gtest_discover_tests(test_theory)

add_executable(test_trainer_state test_trainer_state.cpp)
target_link_libraries(test_trainer_state PRIVATE relulab_core GTest::gtest_main)
gtest_discover_tests(test_trainer_state)
