# SPDX-License-Identifier: MIT
# Session files: round trip, every field wrong once, truncated and hostile files, failed saves.
add_executable(test_session_file test_session_file.cpp)
target_link_libraries(test_session_file PRIVATE relulab_widgets GTest::gtest_main)
# A committed format-1 file that every later version must keep reading.
target_compile_definitions(test_session_file PRIVATE
    RELULAB_SESSION_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/sessions")
# Discover at test time, so a build never runs a test binary (sanitizer builds).
gtest_discover_tests(test_session_file
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "session" TIMEOUT 300)
