# SPDX-License-Identifier: MIT
# Distributions (histograms, the ridge plot, the dock) and the activation cost measurement
# (core, the Cost panel, relulab-cli cost). No test asserts a timing.
foreach(topic dist_histogram cost_measure)
    add_executable(test_${topic} test_${topic}.cpp)
    target_link_libraries(test_${topic} PRIVATE relulab_core GTest::gtest_main)
    gtest_discover_tests(test_${topic} DISCOVERY_MODE PRE_TEST
        PROPERTIES LABELS "core" TIMEOUT 120)
endforeach()

foreach(topic dist_widgets dist_window)
    qt_add_executable(test_${topic} test_${topic}.cpp)
    add_test(NAME test_${topic} COMMAND test_${topic})
    set_tests_properties(test_${topic} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        LABELS "gui"
        TIMEOUT 240)
endforeach()
target_link_libraries(test_dist_widgets PRIVATE relulab_widgets Qt6::Test)
target_link_libraries(test_dist_window PRIVATE relulab_app Qt6::Test)

add_executable(test_cli_cost test_cli_cost.cpp cli_test_support.h)
target_link_libraries(test_cli_cost PRIVATE relulab_core Qt6::Core GTest::gtest)
target_compile_definitions(test_cli_cost PRIVATE RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>")
add_dependencies(test_cli_cost relulab-cli)
gtest_discover_tests(test_cli_cost DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
