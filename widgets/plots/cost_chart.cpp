// SPDX-License-Identifier: MIT
#include "cost_chart.h"

#include "cost_measure.h"
#include "display_names.h"

#include <algorithm>
#include <utility>

namespace relulab {

namespace {

constexpr int kCaptionColumns = 110;
constexpr double kBarPenWidth = 1.2;

/// "PReLU (learnt slope)" → "PReLU": eleven labels must fit under the bars.
QString shortName(Activation a)
{
    QString name = activationDisplayName(a);
    if (const qsizetype paren = name.indexOf(QStringLiteral(" (")); paren > 0)
        name.truncate(paren);
    return name;
}

/// `text` broken into lines of at most about `columns` characters, at spaces.
QString wrapped(const QString &text, int columns)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > columns) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

double percent(double share)
{
    return 100.0 * std::clamp(share, 0.0, 1.0);
}

} // namespace

CostChart::CostChart(QWidget *parent) : QCustomPlot(parent)
{
    setMinimumSize(640, 420);
    QCPAxisRect *nsRect = axisRect();
    m_shareRect = new QCPAxisRect(this);
    plotLayout()->addElement(1, 0, m_shareRect);
    auto *margins = new QCPMarginGroup(this);
    nsRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_shareRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

    auto names = QSharedPointer<QCPAxisTickerText>::create();
    const auto activations = allActivations();
    for (size_t i = 0; i < activations.size(); ++i)
        names->addTick(double(i + 1), shortName(activations[i]));
    const double right = double(activations.size()) + 0.5;

    QCPAxis *nsKeys = nsRect->axis(QCPAxis::atBottom);
    QCPAxis *ns = nsRect->axis(QCPAxis::atLeft);
    nsKeys->setTicker(names);
    nsKeys->setRange(0.5, right);
    // Smooth activations cost ten times a rectifier: only a log axis shows both.
    ns->setScaleType(QCPAxis::stLogarithmic);
    ns->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    ns->setNumberFormat(QStringLiteral("gb"));
    ns->setLabel(tr("ns per element (log)"));
    ns->setRange(kMinNs, 100);

    m_forward = new QCPBars(nsKeys, ns);
    m_forward->setName(tr("forward φ(z)"));
    m_backward = new QCPBars(nsKeys, ns);
    m_backward->setName(tr("backward φ′(z)·∂L/∂a"));
    auto *group = new QCPBarsGroup(this);
    for (QCPBars *bars : {m_forward, m_backward}) {
        bars->setWidth(0.36);
        bars->setBaseValue(kMinNs);
        bars->setBarsGroup(group);
    }

    QCPAxis *shareKeys = m_shareRect->axis(QCPAxis::atBottom);
    QCPAxis *share = m_shareRect->axis(QCPAxis::atLeft);
    shareKeys->setTicker(names);
    shareKeys->setRange(0.5, right);
    share->setRange(0, 100);
    share->setLabel(tr("% of one training step"));
    m_actShare = new QCPBars(shareKeys, share);
    m_actShare->setName(tr("activations"));
    m_mmShare = new QCPBars(shareKeys, share);
    m_mmShare->setName(tr("matrix products"));
    m_otherShare = new QCPBars(shareKeys, share);
    m_otherShare->setName(tr("rest (loss, optimiser, copies)"));
    m_mmShare->moveAbove(m_actShare);
    m_otherShare->moveAbove(m_mmShare);
    for (QCPBars *bars : {m_actShare, m_mmShare, m_otherShare})
        bars->setWidth(0.6);

    // Both legends above their panels, never over a bar.
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, legend);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plotLayout()->insertRow(0);
    m_caption = new QCPTextElement(this, QString());
    plotLayout()->addElement(0, 0, m_caption);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowStretchFactor(1, 0.001);
    plotLayout()->setRowStretchFactor(2, 1.2);
    plotLayout()->setRowStretchFactor(3, 1.0);
    restyle();
}

QCPAxis *CostChart::nsAxis() const
{
    return axisRect()->axis(QCPAxis::atLeft);
}

QCPAxis *CostChart::shareAxis() const
{
    return m_shareRect->axis(QCPAxis::atLeft);
}

void CostChart::setReport(const CostReport &report)
{
    const auto activations = allActivations();
    QVector<double> keys, forward, backward, act, mm, other;
    double top = 1;
    for (size_t i = 0; i < activations.size(); ++i) {
        const ActivationCost *cost = report.find(activations[i]);
        if (!cost)
            continue;
        keys << double(i + 1);
        forward << std::max(kMinNs, cost->forwardNs);
        backward << std::max(kMinNs, cost->backwardNs);
        top = std::max({top, cost->forwardNs, cost->backwardNs});
        const double a = percent(cost->stepShare);
        const double m = std::min(100.0 - a, percent(report.matmulNs / cost->stepNs));
        act << a;
        mm << m;
        other << std::max(0.0, 100.0 - a - m);
    }
    m_forward->setData(keys, forward, true);
    m_backward->setData(keys, backward, true);
    m_actShare->setData(keys, act, true);
    m_mmShare->setData(keys, mm, true);
    m_otherShare->setData(keys, other, true);
    nsAxis()->setRange(kMinNs, top * 2);
    replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::setCaption(const QString &text)
{
    m_caption->setText(wrapped(text, kCaptionColumns));
    replot(QCustomPlot::rpQueuedReplot);
}

QString CostChart::caption() const
{
    return m_caption->text();
}

void CostChart::setPresentationScale(double factor)
{
    m_style = PlotStyle(factor, m_style.theme());
    restyle();
    replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::setTheme(Theme theme)
{
    m_style = PlotStyle(m_style.scale(), theme);
    restyle();
    replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::restyle()
{
    setBackground(m_style.background());
    m_style.styleAxisRect(axisRect());
    m_style.styleAxisRect(m_shareRect);
    m_style.styleLegend(legend);
    legend->setBorderPen(Qt::NoPen); // a caption line above the bars, not a box
    QFont captionFont = m_style.legendFont();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 1.15);
    captionFont.setBold(true);
    m_caption->setFont(captionFont);
    m_caption->setTextColor(m_style.ink());

    const std::pair<QCPBars *, QColor> colours[] = {
        {m_forward, PlotStyle::color(Palette::SkyBlue)},
        {m_backward, PlotStyle::color(Palette::Blue)},
        {m_actShare, PlotStyle::color(Palette::Vermillion)},
        {m_mmShare, PlotStyle::color(Palette::BluishGreen)},
        {m_otherShare, QColor(190, 190, 190)}};
    for (const auto &[bars, colour] : colours) {
        bars->setPen(QPen(colour.darker(130), kBarPenWidth * m_style.scale()));
        bars->setBrush(colour);
    }
}

} // namespace relulab
