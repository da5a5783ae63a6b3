# SPDX-License-Identifier: MIT
# Sweeps: the core runner (GoogleTest), `relulab-cli sweep` through the real binary, and the
# Sweep window offscreen (Qt Test).
add_executable(test_sweep test_sweep.cpp)
target_link_libraries(test_sweep PRIVATE relulab_core GTest::gtest_main)
gtest_discover_tests(test_sweep DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "core" TIMEOUT 120)

if(TARGET relulab-cli)
    add_executable(test_cli_sweep test_cli_sweep.cpp cli_test_support.h)
    target_link_libraries(test_cli_sweep PRIVATE relulab_widgets Qt6::Core GTest::gtest_main)
    target_compile_definitions(test_cli_sweep PRIVATE
        RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>")
    add_dependencies(test_cli_sweep relulab-cli)
    gtest_discover_tests(test_cli_sweep DISCOVERY_MODE PRE_TEST PROPERTIES TIMEOUT 300)
endif()

if(TARGET relulab_app)
    qt_add_executable(test_sweep_window test_sweep_window.cpp)
    target_link_libraries(test_sweep_window PRIVATE relulab_app Qt6::Test)
    add_test(NAME test_sweep_window COMMAND test_sweep_window)
    set_tests_properties(test_sweep_window PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "gui" TIMEOUT 180)
endif()
