# SPDX-License-Identifier: MIT
# `cpack -G DEB` in a build directory gives relulab_<version>_<arch>.deb. Packages want
# -DRELULAB_NATIVE=OFF: a -march=native program can die with SIGILL on another CPU, so cpack
# warns (cpack_project_config.cmake runs when cpack does, not at every configure).
set(CPACK_RELULAB_NATIVE ${RELULAB_NATIVE})
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack_project_config.cmake)

# The project has no mailing list; this no-reply address names the GitHub account its AppStream
# id (io.github.relulab) stands for. Whoever builds a package for others sets their own.
set(RELULAB_PACKAGE_MAINTAINER "ReLU Lab developers <relulab@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package (\"Name <email>\")")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME relulab)
set(CPACK_PACKAGE_VENDOR "ReLU Lab")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${RELULAB_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "see what rectifier activations do to a neural network while it trains")
# Lines under 80 columns, as Debian tools show them; CPack indents them for the control file.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "ReLU Lab trains a small multilayer perceptron and shows, live, what ReLU,"
    "Leaky ReLU, PReLU and their smooth cousins do to it: which units die,"
    "whether the gradient still reaches the first layer, and what the negative"
    "slope changes. Built-in lessons, a compare mode, presentation mode and"
    "figure export make it a classroom tool; relulab-cli trains the same"
    "networks headless and writes JSON and CSV.")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Stripped programs: the package carries no debug symbols.
set(CPACK_STRIP_FILES ON)
# Directories 0755 whatever the umask of the machine that builds the package.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_PACKAGE_NAME relulab)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${RELULAB_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (package dpkg-dev) reads the binaries' NEEDED entries and declares the Qt 6,
# QCustomPlot and C++ runtime packages they come from, with the minimum versions.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

include(CPack)
