# shellcheck shell=bash
# Shared by scripts/test and scripts/run: install missing Debian packages, configure, build.

# What building and running relulab and relulab-cli need: all that scripts/run installs.
RELULAB_RUN_PACKAGES=(cmake g++ qt6-base-dev libqcustomplot-dev libeigen3-dev pkg-config
    fontconfig fonts-dejavu-core)
# What the tests, benchmarks and checks need on top: scripts/test installs these too.
RELULAB_TEST_PACKAGES=(libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth
    clang libclang-rt-14-dev  # clang and libFuzzer's runtime (scripts/fuzz)
    clang-tidy)               # scripts/tidy

# install_missing_packages [run]: the run packages only with "run", else all of them.
install_missing_packages() {
    local wanted=("${RELULAB_RUN_PACKAGES[@]}")
    if [[ ${1:-} != run ]]; then
        wanted+=("${RELULAB_TEST_PACKAGES[@]}")
    fi
    local missing=()
    local package
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    if ((EUID != 0)); then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}"
}

# configure_and_build: everything, tests and benchmarks included (scripts/test).
configure_and_build() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRELULAB_BUILD_TESTS=ON -DRELULAB_BUILD_BENCH=ON
    cmake --build build -j"$(nproc)"
}

# configure_and_build_programs: only relulab and relulab-cli, for a fast first start
# (scripts/run); a later scripts/test turns tests and benchmarks back on in the same build/.
configure_and_build_programs() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRELULAB_BUILD_TESTS=OFF -DRELULAB_BUILD_BENCH=OFF
    cmake --build build -j"$(nproc)" --target relulab relulab-cli
}
