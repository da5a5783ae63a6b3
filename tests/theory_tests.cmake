# SPDX-License-Identifier: MIT
# The theory overlay: predictions against closed forms and against networks built by core,
# `relulab-cli theory` end to end, and the dashed prediction on the gradient plot.
foreach(topic theory_born_dead theory_wide)
    add_executable(test_${topic} test_${topic}.cpp)
    target_link_libraries(test_${topic} PRIVATE relulab_core GTest::gtest_main)
    gtest_discover_tests(test_${topic} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "core" TIMEOUT 300)
endforeach()

add_executable(test_cli_theory test_cli_theory.cpp cli_test_support.h)
target_link_libraries(test_cli_theory PRIVATE relulab_widgets Qt6::Core GTest::gtest)
target_compile_definitions(test_cli_theory PRIVATE RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>")
add_dependencies(test_cli_theory relulab-cli)
gtest_discover_tests(test_cli_theory DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)

qt_add_executable(test_theory_overlay test_theory_overlay.cpp)
target_link_libraries(test_theory_overlay PRIVATE relulab_app Qt6::Test)
add_test(NAME test_theory_overlay COMMAND test_theory_overlay)
set_tests_properties(test_theory_overlay PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "gui" TIMEOUT 180)
