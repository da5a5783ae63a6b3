// SPDX-License-Identifier: MIT
#include "training_status_bar.h"

#include "compare_settings.h"
#include "training_frame.h"

#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

constexpr int kRateTickMs = 500;
constexpr qreal kMinimumFontPoints = 12;

QLabel *addField(QStatusBar *bar, const QString &toolTip, int stretch)
{
    auto *label = new QLabel(bar);
    label->setToolTip(toolTip);
    bar->addPermanentWidget(label, stretch);
    return label;
}

} // namespace

TrainingStatusBar::TrainingStatusBar(QWidget *parent)
    : QStatusBar(parent), m_rateTimer(new QTimer(this))
{
    QFont larger = font();
    larger.setPointSizeF(std::max(kMinimumFontPoints, larger.pointSizeF()));
    setFont(larger);
    m_state = addField(this, tr("Whether training runs, and why it stopped."), 1);
    m_state->setTextFormat(Qt::RichText);
    // Why training stopped can be a sentence: it wraps rather than widening the window past a
    // small screen.
    m_state->setWordWrap(true);
    m_compare =
        addField(this, tr("Compare mode: step, training loss and dead units of runs A and B."), 2);
    m_compare->setVisible(false);
    // Two runs' numbers are long: they take the room there is (full text in the tooltip)
    // instead of widening the window past the screen.
    m_compare->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_compare->setMinimumWidth(m_compare->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 30);
    m_step = addField(this, tr("Training steps (minibatch updates) done since the last reset."), 0);
    m_speed = addField(this, tr("Training steps per second on the worker thread."), 0);
    m_refresh = addField(this, tr("How often the plots are repainted, in frames per second."), 0);
    for (QLabel *label : {m_step, m_speed, m_refresh})
        label->setMinimumWidth(label->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 16);
    m_state->setText(tr("Starting…"));
    m_rateClock.start();
    connect(m_rateTimer, &QTimer::timeout, this, &TrainingStatusBar::updateRefreshRate);
    m_rateTimer->start(kRateTickMs);
    updateRefreshRate();
}

QString TrainingStatusBar::describeState(const TrainingFrame &frame)
{
    const QLocale locale;
    if (frame.snapshot.diverged || frame.divergedAtStep >= 0) {
        const qint64 step = frame.divergedAtStep >= 0 ? frame.divergedAtStep : frame.snapshot.step;
        return tr("<b>Diverged</b> at step %1: the loss blew up. Lower the learning rate or "
                  "init scale, then Reset.")
            .arg(locale.toString(step));
    }
    if (frame.snapshot.networkDead) {
        const qint64 step = frame.diedAtStep >= 0 ? frame.diedAtStep : frame.snapshot.step;
        return tr("<b>Network dead</b> at step %1: every input meets a layer with no active "
                  "unit, so no gradient flows.")
            .arg(locale.toString(step));
    }
    if (frame.playing)
        return tr("<b>Training</b>");
    return frame.snapshot.step == 0 ? tr("<b>Paused</b> at the start: press Space to train")
                                    : tr("<b>Paused</b>: press Space to continue");
}

void TrainingStatusBar::showFrame(const TrainingFrame &frame)
{
    const QLocale locale;
    m_state->setText(describeState(frame));
    m_step->setText(tr("Step %1").arg(locale.toString(qint64(frame.snapshot.step))));
    // No step per run: the two train in step, and "Step N" stands beside them.
    const auto run = [&locale](const QString &label, const TrainingFrame &f) {
        return tr("%1: loss %2, dead %3%")
            .arg(label, locale.toString(f.snapshot.loss, 'g', 3),
                 locale.toString(100.0 * f.snapshot.deadShare(), 'f', 0));
    };
    m_compare->setVisible(bool(frame.compare));
    m_compare->setText(frame.compare ? run(labelA(frame), frame) + QStringLiteral("  |  ") +
                                           run(labelB(frame), *frame.compare)
                                     : QString());
    m_speed->setText(
        frame.playing
            ? tr("%1 steps/s").arg(locale.toString(qint64(std::llround(frame.stepsPerSecond))))
            : tr("0 steps/s"));
}

QString TrainingStatusBar::stateText() const
{
    return m_state->text();
}

QString TrainingStatusBar::compareText() const
{
    return m_compare->text();
}

void TrainingStatusBar::noteFramePainted()
{
    ++m_paintedSinceTick;
}

void TrainingStatusBar::updateRefreshRate()
{
    const qint64 ms = m_rateClock.restart();
    m_refreshRate = ms > 0 ? m_paintedSinceTick * 1000.0 / double(ms) : 0.0;
    m_paintedSinceTick = 0;
    m_refresh->setText(tr("Plots %1 fps").arg(qRound(m_refreshRate)));
}

} // namespace relulab
