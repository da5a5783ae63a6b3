# SPDX-License-Identifier: MIT
# The built-in lessons: every file is complete and valid (test_lesson_files), and every
# lesson's phenomenon really happens, headless through core (test_lessons).
add_executable(test_lesson_files test_lesson_files.cpp)
target_link_libraries(test_lesson_files PRIVATE relulab_widgets GTest::gtest_main)
# The source folder, to catch a lesson file that is missing from the resources.
target_compile_definitions(test_lesson_files PRIVATE
    RELULAB_LESSONS_DIR="${PROJECT_SOURCE_DIR}/resources/lessons")
gtest_discover_tests(test_lesson_files DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "lessons")

add_executable(test_lessons test_lessons.cpp)
target_link_libraries(test_lessons PRIVATE relulab_widgets relulab_core GTest::gtest_main)
gtest_discover_tests(test_lessons DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "lessons" TIMEOUT 120)
