# SPDX-License-Identifier: MIT
# Session files: round trip, every field wrong once, truncated and hostile files, failed saves.
# One executable per part: the round trip, refused files, failed saves.
foreach(_test test_session_file test_session_corrupt test_session_save)
    add_executable(${_test} ${_test}.cpp)
    target_link_libraries(${_test} PRIVATE relulab_widgets GTest::gtest_main)
    # Discover at test time, so a build never runs a test binary (sanitizer builds).
    gtest_discover_tests(${_test}
        DISCOVERY_MODE PRE_TEST
        PROPERTIES LABELS "session" TIMEOUT 300)
endforeach()
# A committed format-1 file that every later version must keep reading.
target_compile_definitions(test_session_file PRIVATE
    RELULAB_SESSION_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/sessions")
