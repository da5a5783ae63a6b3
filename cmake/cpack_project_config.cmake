# SPDX-License-Identifier: MIT
# Read by cpack itself (CPACK_PROJECT_CONFIG_FILE), once per generator.
if(CPACK_RELULAB_NATIVE)
    message(WARNING "This build uses -march=native (RELULAB_NATIVE=ON): the package runs only "
                    "on CPUs like this one. Configure with -DRELULAB_NATIVE=OFF to package.")
endif()
