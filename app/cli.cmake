# SPDX-License-Identifier: MIT
# relulab-cli: the core trainer from the command line (train, dump-state, keys, export).
set(RELULAB_CLI_SOURCES
    cli_main.cpp
    cli_commands.h
    cli_options.cpp cli_options.h
    cli_json_writer.cpp cli_json_writer.h
    cli_output.cpp cli_output.h
    cli_train.cpp
    cli_dump_state.cpp
    cli_keys.cpp
    cli_sweep.cpp
    cli_cost.cpp
    cli_theory.cpp
)
# `export` renders the GUI's plots; it is built once widgets provides the offscreen exporter.
get_target_property(_relulab_widgets_sources relulab_widgets SOURCES)
if("offscreen_export.cpp" IN_LIST _relulab_widgets_sources)
    list(APPEND RELULAB_CLI_SOURCES cli_export.cpp)
else()
    list(APPEND RELULAB_CLI_SOURCES cli_no_export.cpp)
endif()

qt_add_executable(relulab-cli ${RELULAB_CLI_SOURCES})
target_link_libraries(relulab-cli PRIVATE relulab_widgets)
target_precompile_headers(relulab-cli PRIVATE ${RELULAB_PCH_STD} ${RELULAB_PCH_EIGEN} <QtCore>)
target_compile_definitions(relulab-cli PRIVATE RELULAB_VERSION="${PROJECT_VERSION}")
