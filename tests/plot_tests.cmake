# SPDX-License-Identifier: MIT
# Qt Test suites for the plots, the frame recorder and export: real widgets, offscreen.
set(RELULAB_PLOT_TEST_TOPICS
    plots
    export
)
foreach(topic IN LISTS RELULAB_PLOT_TEST_TOPICS)
    qt_add_executable(test_${topic} test_${topic}.cpp)
    target_link_libraries(test_${topic} PRIVATE relulab_widgets Qt6::Test)
    add_test(NAME test_${topic} COMMAND test_${topic})
    set_tests_properties(test_${topic} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        LABELS "widgets"
        TIMEOUT 120)
endforeach()
