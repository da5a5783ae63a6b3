# SPDX-License-Identifier: MIT
# Settings as JSON (config files, --set, built-in lessons), shared by relulab and relulab-cli.
list(APPEND RELULAB_WIDGETS_SOURCES config_json.cpp config_json.h)
list(APPEND RELULAB_RESOURCE_FILES
    lessons/default.json
    lessons/relu-vs-leaky.json
    lessons/dying-relu.json
)
