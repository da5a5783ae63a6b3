# SPDX-License-Identifier: MIT
# Install rules and the Debian package. Only what a user runs is installed: the two programs,
# the menu entry, its icons, the AppStream metainfo and the man pages. relulab_core,
# relulab_widgets and relulab_app are static libraries linked into the programs, so neither
# they nor the tests and benchmarks have install rules. tests/test_install.cmake checks the
# installed tree against this list.
include(GNUInstallDirs)

# `cpack` and `make install` build the "preinstall" target first, which by default is every
# target: tests and benchmarks too. Packaging needs only the two programs, built beforehand
# (`cmake --build <dir> --target relulab relulab-cli`), so installing builds nothing.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS relulab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(_relulab_resources ${PROJECT_SOURCE_DIR}/resources)
install(FILES ${_relulab_resources}/man/relulab-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The menu entry, icons and metainfo describe the window, so they come with it.
if(TARGET relulab)
    install(TARGETS relulab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES ${_relulab_resources}/man/relulab.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    # The .desktop basename is what the window reports as its application id, so it stays
    # "relulab"; the metainfo's reverse-DNS id points to it through <launchable>.
    install(FILES ${_relulab_resources}/relulab.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    # AppStream finds the metainfo by its component id, so the file is named after it.
    install(FILES ${_relulab_resources}/relulab.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
            RENAME io.github.relulab.ReluLab.metainfo.xml)
    # Icon themes look icons up by size folder and the Icon= name of the .desktop file.
    set(RELULAB_ICON_SIZES 16 32 48 64 128 256)
    foreach(_size IN LISTS RELULAB_ICON_SIZES)
        install(FILES ${_relulab_resources}/icons/relulab-${_size}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps
                RENAME relulab.png)
    endforeach()
    install(FILES ${_relulab_resources}/icons/relulab.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

include(${CMAKE_CURRENT_LIST_DIR}/cpack.cmake)
