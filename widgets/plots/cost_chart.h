// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"

#include <QString>
#include <qcustomplot.h>

namespace relulab {

struct CostReport;

/// The picture of a cost measurement (Tools → Cost…), one bar group per activation: ns per
/// element forward and backward on a log axis above, and below each activation's share of one
/// training step (activations, matrix products, the rest) stacked to 100%. The answer sentence
/// is drawn above both, so an exported PNG carries it. Not a live plot: it shows a report, not
/// frames, so it is no PlotBase, but it takes the theme and presentation scale the same way.
class CostChart : public QCustomPlot
{
    Q_OBJECT

public:
    /// Bottom of the log axis: bars start here, not at 0, and a smaller time is drawn at it.
    static constexpr double kMinNs = 0.01;

    explicit CostChart(QWidget *parent = nullptr);

    /// Shows the activations `report` measured, at their place in allActivations() (key i + 1);
    /// then a queued replot.
    void setReport(const CostReport &report);
    /// The sentence above the chart, wrapped to fit.
    void setCaption(const QString &text);
    /// The caption as drawn (with its line breaks).
    QString caption() const;

    QCPBars *forwardBars() const { return m_forward; }          ///< ns per element, forward
    QCPBars *backwardBars() const { return m_backward; }        ///< ns per element, backward
    QCPBars *activationShareBars() const { return m_actShare; } ///< % of a step, activations
    QCPBars *matmulShareBars() const { return m_mmShare; }      ///< % of a step, matrix products
    QCPBars *otherShareBars() const { return m_otherShare; }    ///< % of a step, everything else
    /// The ns per element axis (log) and the share axis (0..100).
    QCPAxis *nsAxis() const;
    QCPAxis *shareAxis() const;

    /// Enlarges fonts and lines by `factor` (1 = classroom default; presentation mode).
    void setPresentationScale(double factor);
    double presentationScale() const { return m_style.scale(); }
    /// Light or dark background, with text, axes and grid to match.
    void setTheme(Theme theme);
    Theme theme() const { return m_style.theme(); }

private:
    void restyle();

    PlotStyle m_style;
    QCPAxisRect *m_shareRect = nullptr;
    QCPTextElement *m_caption = nullptr;
    QCPBars *m_forward = nullptr;
    QCPBars *m_backward = nullptr;
    QCPBars *m_actShare = nullptr;
    QCPBars *m_mmShare = nullptr;
    QCPBars *m_otherShare = nullptr;
};

} // namespace relulab
