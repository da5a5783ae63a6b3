// SPDX-License-Identifier: MIT
// Session files: arbitrary bytes through sessionFromJson, the whole reader. Invariants: an
// accepted session has valid settings, and writing it and reading it back gives the same
// session, training state bit for bit; an error is one clean line, whatever the file held.
#include "fuzz_support.h"
#include "session_file.h"

#include <bit>
#include <cstddef>
#include <cstdint>

using namespace relulab;

namespace {

// Bit for bit: -0 must come back as -0.
bool sameFloats(const float *a, const float *b, Eigen::Index n)
{
    for (Eigen::Index i = 0; i < n; ++i) {
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i]))
            return false;
    }
    return true;
}

bool sameLayers(const Parameters<float> &a, const Parameters<float> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t l = 0; l < a.size(); ++l) {
        const Layer<float> &x = a[l];
        const Layer<float> &y = b[l];
        if (x.W.rows() != y.W.rows() || x.W.cols() != y.W.cols() || x.b.size() != y.b.size() ||
            !sameFloats(x.W.data(), y.W.data(), x.W.size()) ||
            !sameFloats(x.b.data(), y.b.data(), x.b.size()) || !sameFloats(&x.alpha, &y.alpha, 1))
            return false;
    }
    return true;
}

bool sameState(const std::optional<TrainerState> &a, const std::optional<TrainerState> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->step == b->step && a->diverged == b->diverged &&
           a->optimizerSteps == b->optimizerSteps && a->order == b->order &&
           a->cursor == b->cursor && a->rngState == b->rngState &&
           sameLayers(a->params, b->params) && sameLayers(a->firstMoments, b->firstMoments) &&
           sameLayers(a->secondMoments, b->secondMoments);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    enterEmptyFolder();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    Session session;
    session.lesson = QStringLiteral("unchanged");
    const QString error = sessionFromJson(bytes, session);
    if (!error.isEmpty()) {
        RELULAB_FUZZ_CHECK_MESSAGE(error.toStdString());
        RELULAB_FUZZ_CHECK(session.lesson == QLatin1String("unchanged"), error.toStdString());
        return 0;
    }
    RELULAB_FUZZ_CHECK(validateConfig(session.config).empty(), "config");
    RELULAB_FUZZ_CHECK(validateConfig(session.compareConfig).empty(), "compare_config");

    QString writeError;
    const QByteArray json = sessionToJson(session, &writeError);
    RELULAB_FUZZ_CHECK(writeError.isEmpty(), writeError.toStdString());
    Session back;
    const QString readError = sessionFromJson(json, back);
    RELULAB_FUZZ_CHECK(readError.isEmpty(), readError.toStdString());
    RELULAB_FUZZ_CHECK(back.config == session.config && back.compare == session.compare &&
                           back.compareConfig == session.compareConfig &&
                           back.lesson == session.lesson &&
                           back.unlockedKeys == session.unlockedKeys && back.view == session.view,
                       "settings changed on the round trip");
    RELULAB_FUZZ_CHECK(sameState(back.state, session.state), "state changed on the round trip");
    RELULAB_FUZZ_CHECK(sameState(back.compareState, session.compareState),
                       "compare_state changed on the round trip");
    return 0;
}
