// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QCPAxisRect;
class QCPGraph;
class QCustomPlot;

namespace relulab {

class PlotStyle;
struct TrainingFrame;

/// PReLU's learnt slope α per hidden layer over training steps, drawn on the right axis of an
/// existing steps-on-x axis rect (the dead-neuron plot's lower panel). One line per layer on a
/// colour ramp from blue (layer 1, next to the input) to orange (the last layer), with a short
/// key in the step axis's label instead of one legend entry per layer. Hidden unless the activation
/// is PReLU.
class PreluSlopeOverlay : public QObject
{
    Q_OBJECT

public:
    PreluSlopeOverlay(QCustomPlot *plot, QCPAxisRect *rect);

    /// Redraws from frame.history's alphas; hides everything unless the frame trains PReLU.
    void setFrame(const TrainingFrame &frame);
    void applyStyle(const PlotStyle &style);

    bool isShown() const { return m_shown; }
    /// The per-layer lines in use (index 0 = hidden layer 1).
    QList<QCPGraph *> lines() const { return m_lines.mid(0, m_used); }

private:
    void setShown(bool shown);
    void recolour();

    QCustomPlot *m_plot;
    QCPAxisRect *m_rect;
    QList<QCPGraph *> m_lines; ///< grown on demand, never shrunk; only m_used are shown
    QString m_key;             ///< the colour key, shown as the step axis's label
    QString m_stepLabel;       ///< that axis's own label, restored when hidden
    int m_used = 0;
    double m_lineWidth = 2.0;
    bool m_shown = false;
};

} // namespace relulab
