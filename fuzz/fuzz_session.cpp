// SPDX-License-Identifier: MIT
// Session files: arbitrary bytes through sessionFromJson, the whole reader. Invariants: an
// accepted session has valid settings, and writing it and reading it back gives the same
// session, training state bit for bit; an error is one clean line, whatever the file held.
#include "fuzz_support.h"
#include "session_file.h"
#include "trainer_state_equal.h"

#include <cstddef>
#include <cstdint>

using namespace relulab;
using relulab::testing::sameState;

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
