// SPDX-License-Identifier: MIT
// relulab://open links (setup_link.h), which any web page can hold. The input is one link.
// Invariants: a refused link leaves the output alone and says why in one clean line; an
// accepted link round-trips (parse → encode → parse gives the same setup, and encoding that
// gives the same text), stays within the window's limits and names no file.
#include "fuzz_support.h"
#include "setup_link.h"
#include "window_limits.h"

#include <cstddef>
#include <cstdint>

using namespace relulab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    enterEmptyFolder(); // a csv: that slipped through would read a made-up file here, not ours
    const QString url = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    SetupLink link;
    link.preset = QStringLiteral("untouched");
    const SetupLink before = link;
    const QString error = parseLink(url, link);
    if (!error.isEmpty()) {
        RELULAB_FUZZ_CHECK_MESSAGE(error.toStdString());
        RELULAB_FUZZ_CHECK(link == before, error.toStdString());
        return 0;
    }
    RELULAB_FUZZ_CHECK(link.config.dataset != DatasetKind::Csv, url.toStdString());
    RELULAB_FUZZ_CHECK(link.config.depth <= kWindowMaxDepth &&
                           link.config.width <= kWindowMaxWidth &&
                           link.config.samples <= kWindowMaxSamples,
                       url.toStdString());
    const QString problem = linkProblem(link);
    RELULAB_FUZZ_CHECK(problem.isEmpty(), problem.toStdString());

    const QString encoded = encodeLink(link);
    SetupLink again;
    const QString againError = parseLink(encoded, again);
    RELULAB_FUZZ_CHECK(againError.isEmpty(),
                       encoded.toStdString() + ": " + againError.toStdString());
    RELULAB_FUZZ_CHECK(again == link, url.toStdString() + " -> " + encoded.toStdString());
    RELULAB_FUZZ_CHECK(encodeLink(again) == encoded, encoded.toStdString());
    return 0;
}
