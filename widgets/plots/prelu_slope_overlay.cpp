// SPDX-License-Identifier: MIT
#include "prelu_slope_overlay.h"

#include "plot_style.h"
#include "training_frame.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

/// Layer `i` of `n` on a blue → orange ramp (both Okabe–Ito; distinct for every colour vision).
QColor ramp(int i, int n)
{
    const double t = n > 1 ? double(i) / double(n - 1) : 0.0;
    const QColor a = PlotStyle::color(Palette::Blue), b = PlotStyle::color(Palette::Orange);
    auto mix = [t](int x, int y) { return int(std::lround(x + (y - x) * t)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

} // namespace

PreluSlopeOverlay::PreluSlopeOverlay(QCustomPlot *plot, QCPAxisRect *rect)
    : QObject(plot), m_plot(plot), m_rect(rect)
{
    QCPAxis *alphaAxis = m_rect->axis(QCPAxis::atRight);
    alphaAxis->setLabel(tr("PReLU α"));
    alphaAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    alphaAxis->ticker()->setTickCount(3);
    m_stepLabel = m_rect->axis(QCPAxis::atBottom)->label();
}

void PreluSlopeOverlay::setShown(bool shown)
{
    m_shown = shown;
    m_rect->axis(QCPAxis::atRight)->setVisible(shown);
    // The colour key goes into the step axis's label: drawn over the lines it hid them.
    m_rect->axis(QCPAxis::atBottom)->setLabel(shown ? m_key : m_stepLabel);
    for (int i = 0; i < m_lines.size(); ++i)
        m_lines[i]->setVisible(shown && i < m_used);
}

void PreluSlopeOverlay::setFrame(const TrainingFrame &frame)
{
    if (frame.config.activation != Activation::Prelu || frame.history.empty()) {
        m_used = 0;
        setShown(false);
        return;
    }
    size_t layers = 0;
    for (const HistoryPoint &p : frame.history)
        layers = std::max(layers, p.alphas.size());
    QCPAxis *stepAxis = m_rect->axis(QCPAxis::atBottom);
    QCPAxis *alphaAxis = m_rect->axis(QCPAxis::atRight);
    while (m_lines.size() < qsizetype(layers)) {
        QCPGraph *g = m_plot->addGraph(stepAxis, alphaAxis);
        g->removeFromLegend();
        m_lines.append(g);
    }
    m_used = int(layers);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t l = 0; l < layers; ++l) {
        QVector<QCPGraphData> points;
        points.reserve(qsizetype(frame.history.size()));
        for (const HistoryPoint &p : frame.history)
            if (l < p.alphas.size() && std::isfinite(p.alphas[l])) {
                points.append(QCPGraphData(double(p.step), p.alphas[l]));
                lo = std::min(lo, p.alphas[l]);
                hi = std::max(hi, p.alphas[l]);
            }
        m_lines[qsizetype(l)]->data()->set(points, true);
    }
    recolour();
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    }
    const double pad = std::max(0.05 * (hi - lo), 0.01);
    alphaAxis->setRange(lo - pad, hi + pad);
    // Short: it has to fit under a third of the window.
    m_key = layers > 1 ? tr("step · α: layer 1 blue → %1 orange").arg(layers)
                       : tr("step · line: α of the hidden layer");
    setShown(true);
}

void PreluSlopeOverlay::applyStyle(const PlotStyle &style)
{
    style.styleAxis(m_rect->axis(QCPAxis::atRight));
    m_rect->axis(QCPAxis::atRight)->grid()->setVisible(false); // the left axis has the grid
    m_lineWidth = style.lineWidth() * 0.6;
    recolour();
}

void PreluSlopeOverlay::recolour()
{
    for (int i = 0; i < m_used; ++i) {
        QPen pen(ramp(i, m_used), m_lineWidth);
        pen.setCapStyle(Qt::FlatCap);
        m_lines[i]->setPen(pen);
    }
}

} // namespace relulab
