# SPDX-License-Identifier: MIT
# Installs the build tree into a scratch DESTDIR, as `cpack -G DEB` stages it, and checks what
# a user gets: exactly the expected files (no static libraries, tests or benchmarks), programs
# that run from where they were installed, icons of the size their folder claims, a menu entry
# and metainfo that point at files that exist, a Debian copyright file that carries LICENSE, the
# session file type, and man pages that cover every command and option of --help. Run by ctest
# (tests/install_tests.cmake):
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DVERSION=... -DWITH_GUI=ON|OFF
#         -P test_install.cmake
cmake_minimum_required(VERSION 3.25)

foreach(_var BUILD_DIR SOURCE_DIR WORK_DIR VERSION WITH_GUI)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "test_install.cmake needs -D${_var}=...")
    endif()
endforeach()

# Every failed check is collected, so one run lists everything that is wrong.
set(_failures "")
macro(fail _message)
    list(APPEND _failures "${_message}")
endmacro()

# --- install into a scratch root ------------------------------------------------------------
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(_root "${WORK_DIR}/root")
set(ENV{DESTDIR} "${_root}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix /usr
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
unset(ENV{DESTDIR})
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${_rc}):\n${_out}\n${_err}")
endif()
set(_usr "${_root}/usr")

# --- exactly the expected files -------------------------------------------------------------
set(_programs relulab-cli)
set(_expected usr/bin/relulab-cli usr/share/man/man1/relulab-cli.1
    usr/share/doc/relulab/copyright)
set(_icon_sizes "")
if(WITH_GUI)
    list(APPEND _programs relulab)
    list(APPEND _expected
        usr/bin/relulab
        usr/share/man/man1/relulab.1
        usr/share/applications/relulab.desktop
        usr/share/metainfo/io.github.relulab.ReluLab.metainfo.xml
        usr/share/mime/packages/relulab.xml
        usr/share/icons/hicolor/scalable/apps/relulab.svg)
    # Every PNG in resources/icons must be installed, so a new size cannot be forgotten.
    file(GLOB _pngs RELATIVE "${SOURCE_DIR}/resources/icons" "${SOURCE_DIR}/resources/icons/*.png")
    if(NOT _pngs)
        fail("resources/icons holds no PNG icon")
    endif()
    foreach(_png IN LISTS _pngs)
        if(_png MATCHES "^relulab-([0-9]+)\\.png$")
            list(APPEND _icon_sizes ${CMAKE_MATCH_1})
            list(APPEND _expected
                usr/share/icons/hicolor/${CMAKE_MATCH_1}x${CMAKE_MATCH_1}/apps/relulab.png)
        else()
            fail("resources/icons/${_png} is not named relulab-<size>.png")
        endif()
    endforeach()
endif()
file(GLOB_RECURSE _installed LIST_DIRECTORIES false RELATIVE "${_root}" "${_root}/*")
foreach(_file IN LISTS _expected)
    if(NOT _file IN_LIST _installed)
        fail("not installed: ${_file}")
    endif()
endforeach()
foreach(_file IN LISTS _installed)
    if(NOT _file IN_LIST _expected)
        fail("installed but not expected: ${_file}")
    endif()
endforeach()

# --- the programs run from where they were installed ----------------------------------------
foreach(_program IN LISTS _programs)
    if(NOT EXISTS "${_usr}/bin/${_program}")
        continue()
    endif()
    # --version is answered before any window or display is needed.
    execute_process(COMMAND "${_usr}/bin/${_program}" --version
        RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err
        OUTPUT_STRIP_TRAILING_WHITESPACE TIMEOUT 30)
    if(NOT _rc EQUAL 0)
        fail("installed ${_program} --version failed (${_rc}): ${_err}")
    elseif(NOT _out STREQUAL "${_program} ${VERSION}")
        fail("installed ${_program} --version printed '${_out}', not '${_program} ${VERSION}'")
    endif()
endforeach()

# --- icons: each PNG has the size of its folder ---------------------------------------------
foreach(_size IN LISTS _icon_sizes)
    set(_icon "${_usr}/share/icons/hicolor/${_size}x${_size}/apps/relulab.png")
    if(NOT EXISTS "${_icon}")
        continue()
    endif()
    # PNG signature (8 bytes), IHDR length and type (8), then width and height, big-endian.
    file(READ "${_icon}" _head LIMIT 24 HEX)
    string(SUBSTRING "${_head}" 0 16 _signature)
    string(SUBSTRING "${_head}" 32 8 _width)
    string(SUBSTRING "${_head}" 40 8 _height)
    math(EXPR _width "0x${_width}")
    math(EXPR _height "0x${_height}")
    if(NOT _signature STREQUAL "89504e470d0a1a0a")
        fail("${_size}x${_size}/apps/relulab.png is not a PNG file")
    elseif(NOT _width EQUAL _size OR NOT _height EQUAL _size)
        fail("${_size}x${_size}/apps/relulab.png is ${_width}x${_height} pixels")
    endif()
endforeach()

# --- copyright: Debian's machine-readable format, with LICENSE's holder and text -------------
set(_copyright "${_usr}/share/doc/relulab/copyright")
file(READ "${SOURCE_DIR}/LICENSE" _license)
if(NOT _license MATCHES "^MIT License\n\nCopyright \\(c\\) ([^\n]+)\n\n(.+)$")
    fail("LICENSE does not start 'MIT License', then 'Copyright (c) <year> <holder>'")
elseif(EXISTS "${_copyright}")
    set(_holder "${CMAKE_MATCH_1}")
    string(STRIP "${CMAKE_MATCH_2}" _license_text)
    file(READ "${_copyright}" _dep5)
    set(_format "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/")
    string(FIND "${_dep5}" "Format: ${_format}\n" _at)
    if(NOT _at EQUAL 0)
        fail("copyright: the first line is not DEP-5's 'Format: ${_format}'")
    endif()
    # One paragraph for every file, under Debian's name for the MIT licence.
    string(FIND "${_dep5}" "\n\nFiles: *\nCopyright: ${_holder}\nLicense: Expat\n" _at)
    if(_at EQUAL -1)
        fail("copyright: no 'Files: *' paragraph with 'Copyright: ${_holder}' and 'License: Expat'")
    endif()
    # The licence text, undoing DEP-5's continuation lines (" text", and " ." for a blank one).
    string(REGEX REPLACE "^.*\nLicense: Expat\n" "" _dep5_text "${_dep5}")
    string(REPLACE "\n .\n" "\n\n" _dep5_text "${_dep5_text}")
    string(REPLACE "\n " "\n" _dep5_text "\n${_dep5_text}")
    string(STRIP "${_dep5_text}" _dep5_text)
    if(NOT _dep5_text STREQUAL _license_text)
        fail("copyright: the licence text differs from LICENSE")
    endif()
endif()

# --- the session file type: a shared-mime-info package the desktop file and metainfo name ---
set(_mime_type "application/x-relulab-session")
set(_mime_xml "${_usr}/share/mime/packages/relulab.xml")
if(WITH_GUI AND EXISTS "${_mime_xml}")
    # update-mime-database (shared-mime-info) compiles it as the package's dpkg trigger will;
    # in a scratch copy, because its output must not land in the installed tree.
    find_program(_update_mime update-mime-database)
    if(_update_mime)
        file(MAKE_DIRECTORY "${WORK_DIR}/mime/packages")
        file(COPY_FILE "${_mime_xml}" "${WORK_DIR}/mime/packages/relulab.xml")
        execute_process(COMMAND "${_update_mime}" "${WORK_DIR}/mime"
            RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
        if(NOT _rc EQUAL 0)
            fail("update-mime-database rejects relulab.xml: ${_out}${_err}")
        else()
            file(STRINGS "${WORK_DIR}/mime/globs2" _globs)
            file(STRINGS "${WORK_DIR}/mime/subclasses" _subclasses)
            if(NOT "50:${_mime_type}:*.relulab" IN_LIST _globs)
                fail("mime: *.relulab is not a glob of ${_mime_type}")
            endif()
            # Session files are JSON (widgets/session_file.cpp).
            if(NOT "${_mime_type} application/json" IN_LIST _subclasses)
                fail("mime: ${_mime_type} is not a sub-class of application/json")
            endif()
        endif()
    else()
        file(READ "${_mime_xml}" _xml)
        if(NOT _xml MATCHES "<mime-type type=\"${_mime_type}\">"
           OR NOT _xml MATCHES "<glob pattern=\"\\*\\.relulab\"/>")
            fail("mime: relulab.xml does not give ${_mime_type} the glob *.relulab")
        endif()
    endif()
endif()

# --- the menu entry and the metainfo point at what was installed ----------------------------
set(_desktop "${_usr}/share/applications/relulab.desktop")
set(_metainfo "${_usr}/share/metainfo/io.github.relulab.ReluLab.metainfo.xml")
if(WITH_GUI AND EXISTS "${_desktop}")
    file(STRINGS "${_desktop}" _lines)
    set(_exec "")
    set(_exec_line "")
    set(_icon_name "")
    set(_mime_types "")
    foreach(_line IN LISTS _lines)
        if(_line MATCHES "^Exec=([^ ]+)")
            set(_exec "${CMAKE_MATCH_1}")
            set(_exec_line "${_line}")
        elseif(_line MATCHES "^MimeType=(.+)$")
            set(_mime_types "${CMAKE_MATCH_1}")
        elseif(_line MATCHES "^Icon=(.+)$")
            set(_icon_name "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    if(NOT "Type=Application" IN_LIST _lines)
        fail("relulab.desktop has no Type=Application")
    endif()
    if(_exec STREQUAL "" OR NOT EXISTS "${_usr}/bin/${_exec}")
        fail("relulab.desktop: Exec '${_exec}' is not an installed program")
    endif()
    if(_icon_name STREQUAL ""
       OR NOT EXISTS "${_usr}/share/icons/hicolor/scalable/apps/${_icon_name}.svg")
        fail("relulab.desktop: Icon '${_icon_name}' is not an installed icon")
    endif()
    # A file manager opening a session, or a browser opening a relulab:// link, runs Exec with
    # the file or the link for %u (one URL; relulab takes a local path or a file:// URL too).
    if(NOT _mime_types MATCHES "(^|;)application/x-relulab-session;")
        fail("relulab.desktop: MimeType= does not list application/x-relulab-session")
    endif()
    if(NOT _mime_types MATCHES "(^|;)x-scheme-handler/relulab;")
        fail("relulab.desktop: MimeType= does not register relulab:// links "
             "(x-scheme-handler/relulab)")
    endif()
    if(NOT _exec_line MATCHES " %u$")
        fail("relulab.desktop: '${_exec_line}' does not pass the opened file or link (%u)")
    endif()
    # The validators are optional in a build; where they are installed they have the last word.
    find_program(_desktop_validate desktop-file-validate)
    if(_desktop_validate)
        execute_process(COMMAND "${_desktop_validate}" "${_desktop}"
            RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
        if(NOT _rc EQUAL 0)
            fail("desktop-file-validate: ${_out}${_err}")
        endif()
    endif()
endif()
if(WITH_GUI AND EXISTS "${_metainfo}")
    file(READ "${_metainfo}" _xml)
    if(NOT _xml MATCHES "<id>io\\.github\\.relulab\\.ReluLab</id>")
        fail("metainfo: <id> is not io.github.relulab.ReluLab, the name of its file")
    endif()
    if(NOT _xml MATCHES "<launchable type=\"desktop-id\">relulab\\.desktop</launchable>")
        fail("metainfo: <launchable> does not name relulab.desktop")
    endif()
    # LICENSE is MIT (Expat in the Debian copyright file); SPDX calls it MIT.
    if(NOT _xml MATCHES "<project_license>MIT</project_license>")
        fail("metainfo: <project_license> is not MIT, the licence in LICENSE")
    endif()
    if(NOT _xml MATCHES "<mediatype>application/x-relulab-session</mediatype>")
        fail("metainfo: <provides> has no <mediatype>application/x-relulab-session</mediatype>")
    endif()
    # The newest release comes first and must be the version being installed.
    if(NOT _xml MATCHES "<release version=\"([^\"]+)\"" OR NOT CMAKE_MATCH_1 STREQUAL VERSION)
        fail("metainfo: the newest <release> is '${CMAKE_MATCH_1}', the project is ${VERSION}")
    endif()
    find_program(_appstreamcli appstreamcli)
    if(_appstreamcli)
        execute_process(COMMAND "${_appstreamcli}" validate --no-net "${_metainfo}"
            RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
        if(NOT _rc EQUAL 0)
            fail("appstreamcli validate: ${_out}${_err}")
        endif()
    endif()
endif()

# --- man pages: this version, and every command and option of --help ------------------------
foreach(_program IN LISTS _programs)
    set(_page "${_usr}/share/man/man1/${_program}.1")
    if(NOT EXISTS "${_page}" OR NOT EXISTS "${_usr}/bin/${_program}")
        continue()
    endif()
    file(READ "${_page}" _roff)
    string(TOUPPER "${_program}" _title)
    # roff writes a literal hyphen as \-.
    string(REPLACE "-" "\\-" _title "${_title}")
    string(FIND "${_roff}" "\n.TH ${_title} 1 " _at_title)
    string(FIND "${_roff}" "\"relulab ${VERSION}\"" _at_version)
    if(_at_title EQUAL -1 OR _at_version EQUAL -1)
        fail("${_program}.1 has no '.TH ${_title} 1 \"date\" \"relulab ${VERSION}\"' line")
    endif()
    execute_process(COMMAND "${_usr}/bin/${_program}" --help
        RESULT_VARIABLE _rc OUTPUT_VARIABLE _help ERROR_VARIABLE _err TIMEOUT 30)
    if(NOT _rc EQUAL 0)
        fail("installed ${_program} --help failed (${_rc}): ${_err}")
        continue()
    endif()
    string(REGEX MATCHALL "--[a-z][a-z-]*" _words "${_help}")
    # relulab-cli's commands are the words after the program's name in its usage lines.
    string(REGEX MATCHALL "\n +${_program} [a-z][a-z-]*" _usages "${_help}")
    foreach(_usage IN LISTS _usages)
        string(REGEX REPLACE ".* " "" _command "${_usage}")
        list(APPEND _words "${_command}")
    endforeach()
    # The built-in lessons the help lists after "--preset NAME".
    if(_help MATCHES "built-in lesson: ([^\n]+)")
        string(REPLACE ", " ";" _presets "${CMAKE_MATCH_1}")
        list(APPEND _words ${_presets})
    endif()
    list(REMOVE_DUPLICATES _words)
    foreach(_word IN LISTS _words)
        string(REPLACE "-" "\\-" _escaped "${_word}")
        string(FIND "${_roff}" "${_escaped}" _at)
        if(_at EQUAL -1)
            fail("${_program}.1 does not mention '${_word}' from ${_program} --help")
        endif()
    endforeach()
endforeach()

if(_failures)
    list(JOIN _failures "\n  " _report)
    message(FATAL_ERROR "install check failed:\n  ${_report}")
endif()
list(LENGTH _installed _count)
message(STATUS "install check passed: ${_count} files, as expected")
file(REMOVE_RECURSE "${WORK_DIR}")
