# SPDX-License-Identifier: MIT
# Session files (.relulab): settings, lesson, view and the trainers' exact state, saved atomically.
list(APPEND RELULAB_WIDGETS_SOURCES
    json_checks.cpp json_checks.h
    session_file.cpp session_file.h
    trainer_state_json.cpp trainer_state_json.h
)
