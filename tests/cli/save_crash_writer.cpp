// SPDX-License-Identifier: MIT
// Helper of test_save_crash: saves one session file through saveSession and exits, so the test
// can SIGKILL a real session save at any moment. Usage: save_crash_writer FILE old|new
// ("old" and "new" are two different trained sessions of a few MB each).
#include "session_file.h"
#include "trainer.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3 || (std::strcmp(argv[2], "old") != 0 && std::strcmp(argv[2], "new") != 0)) {
        std::fprintf(stderr, "usage: save_crash_writer FILE old|new\n");
        return 2;
    }
    relulab::Session session;
    // Wide enough that the training state makes the file a few MB: the write takes a while.
    session.config.depth = 4;
    session.config.width = 256;
    session.config.seed = std::strcmp(argv[2], "new") == 0 ? 2 : 1;
    relulab::Trainer trainer(session.config);
    trainer.train(1);
    session.state = trainer.state();
    const QString error = relulab::saveSession(QString::fromLocal8Bit(argv[1]), session);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    return 0;
}
