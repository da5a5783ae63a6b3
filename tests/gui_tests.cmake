# SPDX-License-Identifier: MIT
# Qt Test suites for the worker, the controls and the main window: real widgets, offscreen.
set(RELULAB_GUI_TEST_TOPICS worker controls app_settings main_window gui_options frame_meter lesson_lockdown session_window presentation diagnosis compare own_data)
foreach(topic IN LISTS RELULAB_GUI_TEST_TOPICS)
    qt_add_executable(test_${topic} test_${topic}.cpp)
    add_test(NAME test_${topic} COMMAND test_${topic})
    set_tests_properties(test_${topic} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        LABELS "gui"
        TIMEOUT 180)
endforeach()
# Each suite links only what it tests.
target_link_libraries(test_worker PRIVATE relulab_widgets Qt6::Test)
target_link_libraries(test_controls PRIVATE relulab_widgets Qt6::Test)
target_link_libraries(test_app_settings PRIVATE relulab_widgets Qt6::Test)
target_link_libraries(test_main_window PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_gui_options PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_frame_meter PRIVATE relulab_app Qt6::Test)
# It runs the real window binary too (the measuring contract).
target_compile_definitions(test_frame_meter PRIVATE RELULAB_GUI_PATH="$<TARGET_FILE:relulab>")
add_dependencies(test_frame_meter relulab)
target_link_libraries(test_lesson_lockdown PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_session_window PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_presentation PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_diagnosis PRIVATE relulab_widgets Qt6::Test)
target_link_libraries(test_compare PRIVATE relulab_app Qt6::Test)
target_link_libraries(test_own_data PRIVATE relulab_app Qt6::Test)
