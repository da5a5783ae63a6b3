# SPDX-License-Identifier: MIT
# Precompiled headers. Most of a translation unit's compile time here goes into parsing Qt,
# QCustomPlot, Eigen and GoogleTest headers, and ./scripts/test builds the tree three times
# (Release, ASan, TSan) on a 2-core machine. Each Qt library precompiles the headers it uses; the
# test executables (one source file each) share one precompiled set per kind of test instead of
# parsing the same headers again per file. -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON turns it off
# (scripts/tidy does: clang cannot read GCC's precompiled headers).
# relulab_core has none: it is small, and through a precompiled header GCC 12 no longer treats
# libstdc++'s headers as system headers for its -O3 -Warray-bounds checks, and reports false
# positives inside std::string (theory.cpp) that -Werror would turn into failures.

set(RELULAB_PCH_STD <algorithm> <cmath> <cstdint> <functional> <memory> <optional> <string>
    <string_view> <utility> <vector>)
set(RELULAB_PCH_EIGEN <Eigen/Dense>)
set(RELULAB_PCH_QT <QtCore> <QtGui> <QtWidgets> <qcustomplot.h>)

# relulab_pch_shared(NAME SETS... LINKS...): an executable that exists only to hold a
# precompiled header for the targets that reuse it (relulab_reuse_pch). An executable, so its
# flags (-fPIE, Qt's definitions) are those of the tests that reuse it: GCC ignores a
# precompiled header built with different ones.
function(relulab_pch_shared name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "HEADERS;LINKS")
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp
         CONTENT "// Holds ${name}'s precompiled header; never run.\nint main() { return 0; }\n")
    add_executable(${name} EXCLUDE_FROM_ALL ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
    target_link_libraries(${name} PRIVATE ${arg_LINKS})
    target_precompile_headers(${name} PRIVATE ${arg_HEADERS})
endfunction()
