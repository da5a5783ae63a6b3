# SPDX-License-Identifier: MIT
# Session files (.relulab): settings, lesson, view and the trainers' exact state, and the one
# atomic save (save_file) behind every file the programs write.
list(APPEND RELULAB_WIDGETS_SOURCES
    json_checks.cpp json_checks.h
    save_file.cpp save_file.h
    session_file.cpp session_file.h
    trainer_state_json.cpp trainer_state_json.h
)
