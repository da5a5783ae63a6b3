// SPDX-License-Identifier: MIT
#include "frame_meter.h"

#include "frame_mailbox.h"
#include "json_writer.h"
#include "main_window.h"
#include "plot_grid.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {
// Often enough to see a stall of a few milliseconds, rarely enough to cost nothing.
constexpr int kTickMs = 2;
// A window that shows no frame at all in this long is reported as a failure.
constexpr std::int64_t kFirstFrameTimeoutNs = 20'000'000'000;

QString stopReason(const TrainingFrame &frame)
{
    if (frame.snapshot.diverged)
        return QStringLiteral("diverged");
    return frame.snapshot.networkDead ? QStringLiteral("network dead") : QStringLiteral("paused");
}

} // namespace

QString FrameMeasurement::toJson() const
{
    JsonWriter json;
    // A fixed number of decimals: more digits of a measurement would only be noise.
    const auto fixed = [&json](const char *key, double v, int decimals) {
        json.key(key);
        if (std::isfinite(v))
            json.rawValue(QByteArray::number(v, 'f', decimals).toStdString());
        else
            json.null();
    };
    json.beginObject(JsonWriter::Layout::Compact);
    fixed("fps", std::isfinite(fps) ? fps : 0.0, 1);
    fixed("frame_p95_ms", std::isfinite(frameP95Ms) ? frameP95Ms : 0.0, 1);
    fixed("stall_max_ms", std::isfinite(stallMaxMs) ? stallMaxMs : 0.0, 1);
    fixed("steps_per_second", std::isfinite(stepsPerSecond) ? stepsPerSecond : 0.0, 1);
    json.key("step");
    json.integer(step);
    fixed("seconds", seconds, 2);
    json.key("stopped");
    if (stopped.isEmpty())
        json.null();
    else
        json.string(stopped.toStdString());
    json.endObject();
    // Without the document's newline: the caller adds its own (main.cpp) or quotes it.
    QString line = QString::fromStdString(json.text());
    line.chop(1);
    return line;
}

FrameMeter::FrameMeter(MainWindow *window, double seconds, QObject *parent)
    : QObject(parent), m_window(window), m_durationNs(std::int64_t(seconds * 1e9)),
      m_ticker(new QTimer(this))
{
    qRegisterMetaType<FrameMeasurement>();
    m_clock.start();
    m_ticker->setTimerType(Qt::PreciseTimer);
    m_ticker->setInterval(kTickMs);
    connect(m_ticker, &QTimer::timeout, this, &FrameMeter::onTick);
    m_ticker->start();
    connect(window->plotGrid(), &PlotGrid::frameRepainted, this, &FrameMeter::onFramePainted);
}

void FrameMeter::onFramePainted()
{
    if (m_done)
        return;
    const FramePtr frame = m_window->shownFrame();
    if (!frame)
        return;
    const std::int64_t now = m_clock.nsecsElapsed();
    if (!m_started) {
        // A network dead or diverged from the start never plays: nothing to measure.
        if (!frame->playing && (frame->snapshot.networkDead || frame->snapshot.diverged)) {
            m_stopped = stopReason(*frame);
            finish(0);
        }
        if (!frame->playing)
            return;
        // The first frame played on screen starts the clock: start-up is not measured.
        m_started = true;
        m_clock.restart();
        m_lastTickNs = 0;
        m_firstStep = m_lastStep = std::int64_t(frame->snapshot.step);
        return;
    }
    ++m_framesPainted;
    m_lastStep = std::int64_t(frame->snapshot.step);
    if (const auto published = m_window->shownFramePublishedAt()) {
        const auto latency = FrameMailbox::Clock::now() - *published;
        m_latenciesMs.push_back(std::chrono::duration<double, std::milli>(latency).count());
    }
    if (!frame->playing) {
        m_stopped = stopReason(*frame);
        finish(now); // up to this last frame: nothing played after it
    }
}

void FrameMeter::onTick()
{
    const std::int64_t now = m_clock.nsecsElapsed();
    if (!m_started) {
        if (now > kFirstFrameTimeoutNs && !m_done) {
            m_done = true;
            m_ticker->stop();
            emit failed(QStringLiteral("no frame reached the screen within %1 s")
                            .arg(kFirstFrameTimeoutNs / 1'000'000'000));
        }
        return;
    }
    m_stallMaxNs = std::max(m_stallMaxNs, now - m_lastTickNs);
    m_lastTickNs = now;
    if (m_done || now < m_durationNs)
        return;
    finish(now);
}

void FrameMeter::finish(std::int64_t elapsedNs)
{
    m_elapsedNs = elapsedNs;
    m_done = true;
    m_ticker->stop();
    emit finished(result());
}

FrameMeasurement FrameMeter::result() const
{
    FrameMeasurement r;
    // Measured time: fixed by finish(); until then, from the first frame played to now.
    const std::int64_t elapsedNs = m_done ? m_elapsedNs : m_started ? m_clock.nsecsElapsed() : 0;
    const double seconds = double(elapsedNs) * 1e-9;
    if (seconds > 0) {
        r.fps = double(m_framesPainted) / seconds;
        r.stepsPerSecond = double(m_lastStep - m_firstStep) / seconds;
    }
    r.stallMaxMs = double(m_stallMaxNs) * 1e-6;
    r.step = m_lastStep;
    r.seconds = seconds;
    r.stopped = m_stopped;
    r.frameP95Ms = percentile(m_latenciesMs, 0.95);
    return r;
}

double FrameMeter::percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    const auto rank = std::clamp<std::size_t>(std::size_t(std::ceil(q * double(values.size()))), 1,
                                              values.size()) -
                      1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

} // namespace relulab
