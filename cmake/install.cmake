# SPDX-License-Identifier: MIT
# Install rules and the Debian package. Only what a user runs is installed: the two programs,
# the menu entry, its icons, the AppStream metainfo, the session file type, the man pages and
# the copyright file. relulab_core, relulab_widgets and relulab_app are static libraries linked
# into the programs, so neither they nor the tests and benchmarks have install rules.
# tests/cli/test_install.cmake checks the installed tree against this list.
include(GNUInstallDirs)

# `cpack` and `make install` build the "preinstall" target first, which by default is every
# target: tests and benchmarks too. Packaging needs only the two programs, built beforehand
# (`cmake --build <dir> --target relulab relulab-cli`), so installing builds nothing.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS relulab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(_relulab_resources ${PROJECT_SOURCE_DIR}/resources)
install(FILES ${_relulab_resources}/man/relulab-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# share/doc/relulab/copyright in Debian's machine-readable format (DEP-5), made from LICENSE so
# the two cannot disagree. Debian ships no common copy of the MIT licence, so its whole text
# goes in, under Debian's name for it, "Expat" (SPDX and the metainfo call it MIT).
set(_relulab_license ${PROJECT_SOURCE_DIR}/LICENSE)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_relulab_license})
file(READ ${_relulab_license} _relulab_license_text)
if(NOT _relulab_license_text MATCHES "^MIT License\n\nCopyright \\(c\\) ([^\n]+)\n\n(.+)$")
    message(FATAL_ERROR "LICENSE: expected 'MIT License', a blank line, "
                        "'Copyright (c) <year> <holder>', a blank line, then the licence text")
endif()
set(_relulab_copyright_holder "${CMAKE_MATCH_1}")
string(STRIP "${CMAKE_MATCH_2}" _relulab_license_body)
# DEP-5 continuation lines start with a space; an empty line is written " .".
string(REPLACE "\n" "\n " _relulab_license_body " ${_relulab_license_body}")
string(REPLACE "\n \n" "\n .\n" _relulab_license_body "${_relulab_license_body}")
string(CONCAT _relulab_copyright
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    "Upstream-Name: ${PROJECT_NAME}\n"
    "\n"
    "Files: *\n"
    "Copyright: ${_relulab_copyright_holder}\n"
    "License: Expat\n"
    "${_relulab_license_body}\n")
# Rewritten only when it changes, so installs stay up to date rather than re-copied.
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/copyright CONTENT "@_relulab_copyright@" @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

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
    # The session file type, so file managers open *.relulab with the window (the .desktop
    # file's MimeType=). dpkg triggers of shared-mime-info and desktop-file-utils rebuild
    # their caches when these folders change, so the package needs no maintainer scripts.
    install(FILES ${_relulab_resources}/relulab-mime.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
            RENAME relulab.xml)
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
