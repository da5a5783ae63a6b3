// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
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

/// Why `message` is not one clean line, or nullptr if it is: an error message must not be empty
/// and must hold no control character (C0 including newline, DEL, C1 as U+0080..U+009F) and no
/// invalid UTF-8, whatever the input held; quoted input shows as visible escapes instead.
/// Written independently of core/quote.cpp, so it checks that code rather than repeating it.
inline const char *messageProblem(std::string_view message)
{
    if (message.empty())
        return "an empty message";
    for (std::size_t i = 0; i < message.size();) {
        const auto c = static_cast<unsigned char>(message[i]);
        if (c < 0x20 || c == 0x7F)
            return "a control character";
        const std::size_t len = c < 0x80                 ? 1
                                : c >= 0xC2 && c <= 0xDF ? 2
                                : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4
                                                         : 0;
        if (len == 0 || i + len > message.size())
            return "invalid UTF-8";
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(message[i + k]) & 0xC0) != 0x80)
                return "invalid UTF-8";
        }
        if (c == 0xC2 && static_cast<unsigned char>(message[i + 1]) < 0xA0)
            return "a C1 control character";
        i += len;
    }
    return nullptr;
}

} // namespace relulab

/// Checks an error message with messageProblem.
#define RELULAB_FUZZ_CHECK_MESSAGE(message)                                                        \
    do {                                                                                           \
        const std::string relulabMessage_(message);                                                \
        const char *relulabProblem_ = relulab::messageProblem(relulabMessage_);                    \
        RELULAB_FUZZ_CHECK(relulabProblem_ == nullptr,                                             \
                           std::string(relulabProblem_ ? relulabProblem_ : "") +                   \
                               " in: " + relulabMessage_);                                         \
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
