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

# The one atomic save and relulab-cli's all-or-nothing outputs (issue 12), built from the I/O
# sources alone: no widgets, no Gui.
add_executable(test_save_file test_save_file.cpp fault_test_support.h
    ${PROJECT_SOURCE_DIR}/widgets/save_file.cpp ${PROJECT_SOURCE_DIR}/widgets/save_file.h
    ${PROJECT_SOURCE_DIR}/app/cli_output.cpp ${PROJECT_SOURCE_DIR}/app/cli_output.h
    ${PROJECT_SOURCE_DIR}/app/cli_json_writer.cpp ${PROJECT_SOURCE_DIR}/app/cli_json_writer.h)
target_include_directories(test_save_file PRIVATE
    ${PROJECT_SOURCE_DIR}/widgets ${PROJECT_SOURCE_DIR}/app)
target_link_libraries(test_save_file PRIVATE relulab_core Qt6::Core GTest::gtest_main)
gtest_discover_tests(test_save_file DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "faults" TIMEOUT 120)

# SIGKILL at 50 moments of a real save: relulab-cli train --json, a session save (through
# save_crash_writer, which only saves one) and relulab-cli export. About 20 s in all.
add_executable(save_crash_writer save_crash_writer.cpp)
target_link_libraries(save_crash_writer PRIVATE relulab_widgets)
add_executable(test_save_crash test_save_crash.cpp fault_test_support.h)
target_link_libraries(test_save_crash PRIVATE Qt6::Core GTest::gtest_main)
target_compile_definitions(test_save_crash PRIVATE
    RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>"
    RELULAB_SAVE_CRASH_WRITER="$<TARGET_FILE:save_crash_writer>")
add_dependencies(test_save_crash relulab-cli save_crash_writer)
gtest_discover_tests(test_save_crash DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "faults" TIMEOUT 120)
