// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

// Shared by the fuzz targets: a failed invariant aborts, which libFuzzer reports as a crash
// and saves as crash-<sha1>, like a sanitizer report.
#define RELULAB_FUZZ_CHECK(condition, message)                                                     \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "invariant failed: %s: %s\n", #condition,                         \
                         std::string(message).c_str());                                            \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace relulab {

/// Settings may name a CSV file (dataset=csv:PATH), which the parsers open at once. Working in
/// an empty folder keeps the fuzzer's made-up relative names from reading project files.
inline void enterEmptyFolder()
{
    // In memory where possible: fuzz_config_json rewrites its file for every input, and ext4
    // flushes a truncated and rewritten file on close (auto_da_alloc), 100 times slower.
    static char shm[] = "/dev/shm/relulab-fuzz-XXXXXX";
    static char tmp[] = "/tmp/relulab-fuzz-XXXXXX";
    static char *folder = ::mkdtemp(shm) ? shm : ::mkdtemp(tmp);
    static const bool entered = folder && ::chdir(folder) == 0;
    if (entered) {
        // Removed on a normal exit (a crash leaves it behind in /dev/shm or /tmp).
        static const int registered = std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(folder, ignored);
        });
        (void)registered;
    }
}

} // namespace relulab
