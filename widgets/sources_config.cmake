# SPDX-License-Identifier: MIT
# Settings as JSON (config files, --set, built-in lessons), shared by relulab and relulab-cli.
list(APPEND RELULAB_WIDGETS_SOURCES
    config_json.cpp config_json.h
    lesson_info.cpp lesson_info.h
)
# Built-in lessons; the menu order is kLessonOrder in config_json.cpp.
list(APPEND RELULAB_RESOURCE_FILES
    lessons/default.json
    lessons/meet-the-rectifiers.json
    lessons/dying-relu.json
    lessons/born-dead.json
    lessons/relu-vs-leaky.json
    lessons/init-and-depth.json
    lessons/why-not-linear.json
    lessons/off-centre-features.json
    lessons/prelu-learns-alpha.json
    lessons/fewer-units.json
    lessons/smooth-cousins.json
)
