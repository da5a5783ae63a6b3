# shellcheck shell=bash
# Shared by scripts/test and scripts/run: install missing Debian packages, configure, build.

RELULAB_PACKAGES=(cmake g++ qt6-base-dev libqcustomplot-dev libeigen3-dev libgtest-dev
    libgmock-dev libbenchmark-dev xvfb xauth pkg-config fontconfig fonts-dejavu-core
    clang libclang-rt-14-dev  # clang and libFuzzer's runtime (scripts/fuzz)
    clang-tidy)               # scripts/tidy

install_missing_packages() {
    local missing=()
    local package
    for package in "${RELULAB_PACKAGES[@]}"; do
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

configure_and_build() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
    cmake --build build -j"$(nproc)"
}
