# SPDX-License-Identifier: MIT
# `cmake --install` into a scratch folder, and the installed tree checked file by file
# (cmake/install.cmake has the rules). Needs the programs built; no root, no display.
if(TARGET relulab)
    set(_relulab_with_gui ON)
else()
    set(_relulab_with_gui OFF)
endif()
add_test(NAME install_tree
    COMMAND ${CMAKE_COMMAND}
        -DBUILD_DIR=${PROJECT_BINARY_DIR}
        -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/install_tree
        -DVERSION=${PROJECT_VERSION}
        -DWITH_GUI=${_relulab_with_gui}
        -P ${CMAKE_CURRENT_SOURCE_DIR}/test_install.cmake)
set_tests_properties(install_tree PROPERTIES LABELS "install" TIMEOUT 120)
