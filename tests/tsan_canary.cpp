// SPDX-License-Identifier: MIT
// A deliberate data race between two QThreads on relulab-side data, run by the TSan stage of
// scripts/test, which fails unless ThreadSanitizer reports it: proof that .ci/tsan.supp (which
// ignores what Qt's own libraries do) does not hide races in our code.
#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace {
long g_counter = 0; // unguarded on purpose

void bump()
{
    for (int i = 0; i < 100000; ++i)
        g_counter = g_counter + 1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QThread *a = QThread::create(bump);
    QThread *b = QThread::create(bump);
    a->start();
    b->start();
    a->wait();
    b->wait();
    delete a;
    delete b;
    std::printf("counter %ld\n", g_counter);
    return 0;
}
