// SPDX-License-Identifier: MIT
#include "atomic_file.h"

#include "quote.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace relulab {

std::string writeFileAtomically(const std::string &path, std::string_view contents)
{
    if (path.empty())
        return "cannot write an empty file name";
    // Outside input (a file name), escaped once here, before any call whose errno we report.
    const std::string shown = escapeForMessage(path);
    // Renaming over a device, pipe or folder would replace it (as root, even /dev/full).
    struct stat existing;
    if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode))
        return "cannot write " + shown + ": it exists and is not a regular file";
    std::string tmpl = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return "cannot write " + shown + ": " + std::strerror(errno);
    auto fail = [&](int err) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        return "cannot write " + shown + ": " + std::strerror(err);
    };
    const char *data = contents.data();
    size_t left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(errno);
        }
        data += n;
        left -= size_t(n);
    }
    // mkstemp creates 0600; an output file should have the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    if (::fsync(fd) != 0)
        return fail(errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return "cannot write " + shown + ": " + std::strerror(err);
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return "cannot write " + shown + ": " + std::strerror(err);
    }
    return {};
}

} // namespace relulab
