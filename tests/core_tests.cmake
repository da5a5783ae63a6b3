# SPDX-License-Identifier: MIT
# GoogleTest suites for core/: one executable per topic, each linked only to the core library.
set(RELULAB_CORE_TEST_TOPICS
    activation
    config
    dataset
    initializer
    metrics
    network_gradients
    quote
    trainer
    training_history
)
foreach(topic IN LISTS RELULAB_CORE_TEST_TOPICS)
    add_executable(test_${topic} test_${topic}.cpp)
    target_link_libraries(test_${topic} PRIVATE relulab_core GTest::gtest_main)
    # Discover at test time, so a build never runs a test binary (cross or sanitizer builds).
    gtest_discover_tests(test_${topic}
        DISCOVERY_MODE PRE_TEST
        PROPERTIES LABELS "core" TIMEOUT 60)
endforeach()
