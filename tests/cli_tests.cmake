# SPDX-License-Identifier: MIT
# relulab-cli end to end (the real binary through QProcess, checked against core in-process),
# and the settings JSON it shares with the GUI.
get_target_property(_relulab_cli_sources relulab-cli SOURCES)
foreach(topic cli cli_dump_state cli_compare)
    add_executable(test_${topic} test_${topic}.cpp cli_test_support.h)
    target_link_libraries(test_${topic} PRIVATE relulab_widgets Qt6::Core GTest::gtest)
    target_compile_definitions(test_${topic} PRIVATE
        RELULAB_CLI_PATH="$<TARGET_FILE:relulab-cli>")
    if("cli_export.cpp" IN_LIST _relulab_cli_sources)
        target_compile_definitions(test_${topic} PRIVATE RELULAB_CLI_HAS_EXPORT)
    endif()
    add_dependencies(test_${topic} relulab-cli)
    gtest_discover_tests(test_${topic} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endforeach()

add_executable(test_config_json test_config_json.cpp)
target_link_libraries(test_config_json PRIVATE relulab_widgets GTest::gtest_main)
gtest_discover_tests(test_config_json DISCOVERY_TIMEOUT 60)
