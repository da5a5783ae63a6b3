# SPDX-License-Identifier: MIT
# Faults (issue 6): every writer against unwritable and missing folders and a full disk,
# NaN/Inf and extreme configurations, and the soak test of the real window.
add_executable(test_cli_faults test_cli_faults.cpp cli_test_support.h)
target_link_libraries(test_cli_faults PRIVATE Qt6::Core GTest::gtest)
target_compile_definitions(test_cli_faults PRIVATE RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>")
add_dependencies(test_cli_faults relulab-cli)
gtest_discover_tests(test_cli_faults DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 LABELS "faults")

qt_add_executable(test_faults test_faults.cpp)
target_link_libraries(test_faults PRIVATE relulab_app Qt6::Test)
add_test(NAME test_faults COMMAND test_faults)
set_tests_properties(test_faults PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "faults;gui" TIMEOUT 300)

# The short storm runs with every ctest; RELULAB_SOAK_ACTIONS=20000 makes it a long soak.
qt_add_executable(test_soak test_soak.cpp)
target_link_libraries(test_soak PRIVATE relulab_app Qt6::Test)
add_test(NAME test_soak COMMAND test_soak)
set_tests_properties(test_soak PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "soak;gui" TIMEOUT 600)
