// SPDX-License-Identifier: MIT
// relulab-bench-gui: how the live window performs, offscreen. Prints numbers for the README.
//
//   alpha slider → activation/derivative replotted   (target p95 <= 16 ms)
//   frame published → all six plots replotted          (target p95 <= 33 ms)
//   longest GUI event-loop stall, depth 20 × width 64  (target <= 50 ms)
//   steps/s with every plot live vs a bare Trainer     (target >= 70 %)
//   resident memory over --seconds of training         (target <= 200 MB, flat)
#include "activation_plot.h"
#include "alpha_control.h"
#include "bench_gui_support.h"
#include "control_panel.h"
#include "derivative_plot.h"
#include "frame_mailbox.h"
#include "frame_recorder.h"
#include "main_window.h"
#include "plot_base.h"
#include "trainer.h"
#include "training_status_bar.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSet>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace relulab;
using namespace relulab::bench;

namespace {

TrainingConfig deepConfig()
{
    TrainingConfig c;
    c.depth = 20;
    c.width = 64;
    return c;
}

QString describe(const TrainingConfig &c)
{
    return QStringLiteral("depth %1 × width %2, batch %3")
        .arg(c.depth)
        .arg(c.width)
        .arg(c.batchSize);
}

/// A window training at full speed, with the probes the measurements need.
class Session
{
public:
    explicit Session(const TrainingConfig &config)
    {
        MainWindowOptions options;
        options.persistSettings = false;
        options.startPlaying = false;
        window = std::make_unique<MainWindow>(config, options);
        window->resize(1600, 960);
        window->show();
        window->controlPanel()->setSpeed(0);
        emit window->controlPanel()->speedChanged(0); // as if the user picked "as fast as possible"
        for (PlotBase *p : window->plots()) {
            QObject::connect(p, &QCustomPlot::afterReplot, p, [this, p] {
                pending.remove(p);
                if (onReplot)
                    onReplot(p);
            });
        }
        QObject::connect(window.get(), &MainWindow::frameShown, window.get(),
                         [this](const FramePtr &f) {
                             if (onFrame)
                                 onFrame(f);
                         });
        runUntil([this] { return window->shownFrame() != nullptr; }, 10000);
    }

    void play() { window->playPauseAction()->trigger(); }
    std::int64_t step() const { return window->shownFrame()->snapshot.step; }

    std::unique_ptr<MainWindow> window;
    QSet<PlotBase *> pending;
    std::function<void(const FramePtr &)> onFrame;
    std::function<void(PlotBase *)> onReplot;
};

struct LiveNumbers
{
    double bareStepsPerSecond = 0; ///< a Trainer alone, as relulab-cli train runs it
    double stepsPerSecond = 0;     ///< the window's worker with every plot live
    double fps = 0;
    double frameP50 = 0, frameP95 = 0;
    double stallMax = 0, stallP99 = 0;
    size_t frames = 0;
};

/// Trains at full speed for `seconds` with every plot live; measures frames and stalls.
LiveNumbers measureLive(const TrainingConfig &config, double seconds)
{
    // The machine is shared, so bare and live runs alternate and their totals are compared.
    constexpr int kRounds = 3;
    Session s(config);
    Trainer bare(config);
    double bareSteps = 0, bareSeconds = 0, liveSteps = 0, liveSeconds = 0;
    std::vector<double> latencies, gaps;
    std::optional<Clock::time_point> published;
    s.onFrame = [&](const FramePtr &) {
        // When the worker published the frame now shown, as --measure (FrameMeter) reads it.
        published = s.window->shownFramePublishedAt();
        s.pending = QSet<PlotBase *>(s.window->plots().begin(), s.window->plots().end());
    };
    s.onReplot = [&](PlotBase *) {
        if (published && s.pending.isEmpty()) {
            latencies.push_back(msSince(*published));
            published.reset();
        }
    };
    double fps = 0;
    for (int round = 0; round < kRounds; ++round) {
        // Bare: a Trainer alone on this thread while the window's worker is paused.
        bare.train(20);
        QElapsedTimer clock;
        clock.start();
        while (clock.nsecsElapsed() < qint64(seconds / kRounds * 0.5e9) && !bare.diverged())
            bareSteps += bare.train(20);
        bareSeconds += double(clock.nsecsElapsed()) * 1e-9;

        // Live: the worker trains at full speed and every plot repaints.
        s.play();
        runFor(300); // reach steady state
        QElapsedTimer sinceTick;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            gaps.push_back(double(sinceTick.nsecsElapsed()) * 1e-6);
            sinceTick.restart();
        });
        const std::int64_t startStep = s.step();
        clock.restart();
        sinceTick.start();
        ticker.start(1);
        runFor(int(seconds / kRounds * 1000));
        ticker.stop();
        liveSteps += double(s.step() - startStep);
        liveSeconds += double(clock.nsecsElapsed()) * 1e-9;
        fps += s.window->trainingStatus()->refreshRate() / kRounds;
        s.play(); // pause
        runUntil([&] { return !s.window->shownFrame()->playing; }, 5000);
    }
    LiveNumbers n;
    n.bareStepsPerSecond = bareSteps / bareSeconds;
    n.stepsPerSecond = liveSteps / liveSeconds;
    n.fps = fps;
    n.frames = latencies.size();
    n.frameP50 = percentile(latencies, 0.5);
    n.frameP95 = percentile(latencies, 0.95);
    n.stallMax = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
    n.stallP99 = percentile(gaps, 0.99);
    return n;
}

/// Mean cost of recording one frame (worker thread) and of replotting all six plots from it
/// (GUI thread), measured one after the other with nothing else running.
std::pair<double, double> measureFrameCosts(const TrainingConfig &config)
{
    Session s(config); // paused: the worker is idle
    Trainer trainer(config);
    FrameRecorder recorder;
    trainer.train(200);
    recorder.record(trainer, 0, true);
    constexpr int kFrames = 30;
    std::vector<FramePtr> frames;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kFrames; ++i) {
        trainer.train(10);
        frames.push_back(recorder.record(trainer, 0, true));
    }
    const double recordMs = double(clock.nsecsElapsed()) * 1e-6 / kFrames;
    QStringList perPlot;
    double totalMs = 0;
    for (PlotBase *p : s.window->plots()) {
        clock.restart();
        for (const FramePtr &f : frames) {
            p->setFrame(*f);
            p->replot(QCustomPlot::rpImmediateRefresh);
        }
        const double ms = double(clock.nsecsElapsed()) * 1e-6 / kFrames;
        totalMs += ms;
        perPlot << QStringLiteral("%1 %2").arg(p->plotId()).arg(ms, 0, 'f', 1);
    }
    std::printf("  replot cost per plot (ms, %dx%d px each): %s\n",
                s.window->plots().front()->width(), s.window->plots().front()->height(),
                qPrintable(perPlot.join(QStringLiteral(", "))));
    return {recordMs, totalMs};
}

std::optional<double> valueNear(const QCPGraph *graph, double key)
{
    for (const QCPGraphData &p : *graph->data()) {
        if (std::abs(p.key - key) < 1e-9)
            return p.value;
    }
    return std::nullopt;
}

struct AlphaLatency
{
    std::vector<double> drawn;     ///< slider moved → both φ plots repainted with the new alpha
    std::vector<double> roundTrip; ///< slider moved → the worker's frame with it repainted
};

/// Moves the real alpha slider `count` times while training and times both paths.
AlphaLatency measureAlphaLatency(const TrainingConfig &config, int count)
{
    Session s(config);
    s.play();
    runFor(300);
    QSlider *slider = s.window->controlPanel()->alphaControl()->slider();
    auto *activation = qobject_cast<ActivationPlot *>(s.window->plot(QStringLiteral("activation")));
    auto *derivative = qobject_cast<DerivativePlot *>(s.window->plot(QStringLiteral("derivative")));
    AlphaLatency result;
    for (int i = 0; i < count; ++i) {
        const double alpha = AlphaControl::alphaAt(1 + (i * 37) % slider->maximum());
        if (alpha == s.window->controlPanel()->config().alpha)
            continue;
        const Clock::time_point start = Clock::now();
        std::optional<double> drawn, roundTrip;
        bool frameShown = false;
        QSet<PlotBase *> waiting;
        s.onFrame = [&](const FramePtr &f) {
            if (!frameShown && f->config.alpha == alpha) {
                frameShown = true;
                waiting = {activation, derivative};
            }
        };
        s.onReplot = [&](PlotBase *p) {
            if (!drawn && (p == activation || p == derivative) &&
                valueNear(activation->curve(), -1.0) == -alpha &&
                valueNear(derivative->leftPiece(), -1.0) == alpha)
                drawn = msSince(start);
            if (frameShown && waiting.remove(p) && waiting.isEmpty())
                roundTrip = msSince(start);
        };
        slider->setValue(AlphaControl::positionOf(alpha));
        if (runUntil([&] { return drawn && roundTrip; }, 5000)) {
            result.drawn.push_back(*drawn);
            result.roundTrip.push_back(*roundTrip);
        }
        runFor(20); // a drag delivers a value every ~16 ms at most
    }
    s.onFrame = nullptr;
    s.onReplot = nullptr;
    return result;
}

void soakMemory(const TrainingConfig &config, int seconds)
{
    Session s(config);
    s.play();
    const int interval = std::max(5, seconds / 10);
    std::printf("  %6s  %10s  %14s  %12s  %10s\n", "time", "RSS (MB)", "heap used (MB)", "step",
                "frames");
    double firstRss = 0, firstHeap = 0, peak = 0, rss = 0, heap = 0;
    for (int t = 0; t <= seconds; t += interval) {
        if (t > 0)
            runFor(interval * 1000);
        rss = residentMegabytes();
        heap = heapInUseMegabytes();
        if (t == interval) {
            firstRss = rss;
            firstHeap = heap;
        }
        peak = std::max(peak, rss);
        std::printf("  %5ds  %10.1f  %14.1f  %12lld  %10llu\n", t, rss, heap, (long long)s.step(),
                    (unsigned long long)s.window->mailbox()->publishedCount());
        std::fflush(stdout);
    }
    std::printf("  peak RSS %.1f MB (target <= 200 MB); from %ds to %ds RSS %+.1f MB, heap in use "
                "%+.1f MB\n",
                peak, interval, seconds, rss - firstRss, heap - firstHeap);
}

const char *verdict(bool ok)
{
    return ok ? "ok" : "MISSED";
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"), QStringLiteral("Length of the memory soak (default 300)."),
        QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption liveOption(
        QStringLiteral("live-seconds"),
        QStringLiteral("Training time of each live measurement, split in 3 rounds (default 6)."),
        QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption partOption(QStringLiteral("part"),
                                        QStringLiteral("Run only one part: live, alpha or memory."),
                                        QStringLiteral("NAME"), QStringLiteral("all"));
    parser.addOptions({secondsOption, liveOption, partOption});
    parser.process(app);
    bool ok = false;
    const int soakSeconds = parser.value(secondsOption).toInt(&ok);
    const double liveSeconds = parser.value(liveOption).toDouble(&ok);
    const QString part = parser.value(partOption);
    const auto runs = [&part](const char *name) {
        return part == u"all" || part == QLatin1String(name);
    };
    if (soakSeconds < 0 || liveSeconds <= 0 ||
        !QStringList{"all", "live", "alpha", "memory"}.contains(part)) {
        std::fprintf(
            stderr,
            "relulab-bench-gui: --seconds and --live-seconds must be positive, --part one of "
            "all, live, alpha, memory\n");
        return 2;
    }

    std::printf("relulab-bench-gui (offscreen, %d hardware threads)\n\n",
                QThread::idealThreadCount());
    for (const TrainingConfig &config : {TrainingConfig{}, deepConfig()}) {
        if (!runs("live"))
            break;
        const LiveNumbers live = measureLive(config, liveSeconds);
        const double bare = live.bareStepsPerSecond;
        const double share = live.stepsPerSecond / bare;
        const auto [recordMs, replotMs] = measureFrameCosts(config);
        std::printf("%s\n", qPrintable(describe(config)));
        std::printf("  one frame: recording %.2f ms (worker thread), replotting all six plots "
                    "%.2f ms (GUI thread)\n",
                    recordMs, replotMs);
        std::printf("  steps/s: bare Trainer %.0f, window with all plots live %.0f = %.0f%% "
                    "(target >= 70%%: %s)\n",
                    bare, live.stepsPerSecond, 100 * share, verdict(share >= 0.7));
        std::printf("  plots repainted %.0f frames/s; frame published → six plots replotted "
                    "(n=%zu): p50 %.1f ms, p95 %.1f ms (target p95 <= 33 ms: %s)\n",
                    live.fps, live.frames, live.frameP50, live.frameP95,
                    verdict(live.frameP95 <= 33));
        std::printf("  GUI event loop (1 ms timer): longest gap %.1f ms, p99 %.1f ms "
                    "(target <= 50 ms: %s)\n\n",
                    live.stallMax, live.stallP99, verdict(live.stallMax <= 50));
    }

    for (TrainingConfig config : {TrainingConfig{}, deepConfig()}) {
        if (!runs("alpha"))
            break;
        config.activation = Activation::LeakyRelu;
        const AlphaLatency alpha = measureAlphaLatency(config, 150);
        const double p95 = percentile(alpha.drawn, 0.95);
        std::printf("alpha slider, leaky ReLU, %s, while training (n=%zu):\n"
                    "  → activation and derivative repainted: p50 %.1f ms, p95 %.1f ms "
                    "(target p95 <= 16 ms: %s)\n"
                    "  → the worker's frame with that alpha repainted: p50 %.1f ms, p95 %.1f ms\n",
                    qPrintable(describe(config)), alpha.drawn.size(), percentile(alpha.drawn, 0.5),
                    p95, verdict(p95 <= 16), percentile(alpha.roundTrip, 0.5),
                    percentile(alpha.roundTrip, 0.95));
    }

    if (soakSeconds > 0 && runs("memory")) {
        std::printf("\nresident memory while training %s at full speed for %d s:\n",
                    qPrintable(describe(deepConfig())), soakSeconds);
        soakMemory(deepConfig(), soakSeconds);
    }
    return 0;
}
