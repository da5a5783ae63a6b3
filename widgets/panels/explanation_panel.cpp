// SPDX-License-Identifier: MIT
#include "explanation_panel.h"

#include "plot_base.h"
#include "training_diagnosis.h"

#include <QAction>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace relulab {

ExplanationPanel::ExplanationPanel(QWidget *parent) : QWidget(parent)
{
    auto *column = new QVBoxLayout(this);
    m_title = new QLabel(tr("Point at a plot"), this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(std::max(13.0, bold.pointSizeF() * 1.15));
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_body = new QLabel(tr("Move the mouse over a plot, or click one: this panel says what its "
                           "axes are, what a healthy picture looks like and what a sick one "
                           "looks like."),
                        this);
    m_body->setObjectName(QStringLiteral("explanationText"));
    m_diagnosis = new QLabel(this);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisText"));
    // A box drawn in the text colour: stands out in either theme (a style sheet would stop
    // the window's palette from reaching the label).
    m_diagnosis->setFrameShape(QFrame::Box);
    m_diagnosis->setLineWidth(2);
    m_diagnosis->setMargin(6);
    QFont strong = m_diagnosis->font();
    strong.setBold(true);
    m_diagnosis->setFont(strong);
    m_diagnosis->hide();
    for (QLabel *label : {m_body, m_diagnosis}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    column->addWidget(m_title);
    column->addWidget(m_body);
    column->addWidget(m_diagnosis);
    column->addStretch(1);
    setFocusPolicy(Qt::StrongFocus); // F1 lands here
    setAccessibleName(tr("What am I looking at?"));
    setToolTip(tr("Explains the plot under the mouse, and what went wrong when training "
                  "diverges or the network dies (F1)."));
}

QString ExplanationPanel::describe(const QString &plotId)
{
    if (plotId == QLatin1String("activation"))
        return tr("The activation φ(z) every hidden unit applies: z, its weighted input, on the "
                  "x axis, its output on the y axis; plain ReLU is the faint dashed line. A "
                  "rectifier passes positive z unchanged; what it does with negative z (0, a "
                  "small slope alpha, a curve) decides whether a unit can die.");
    if (plotId == QLatin1String("derivative"))
        return tr("The slope φ′(z): how much gradient a unit passes back for each input z. "
                  "Where it is 0 the unit learns nothing from that input. Healthy: most inputs "
                  "land where the slope is above 0; sick: for ReLU, a unit whose z is negative "
                  "for every input passes nothing back, ever.");
    if (plotId == QLatin1String("gradients"))
        return tr("The size of the learning signal per hidden layer (x: layer, 1 next to the "
                  "input; y: log scale). Healthy: a roughly level line, every layer learns. "
                  "Sick: a line falling towards the input (vanishing) or rising (exploding); "
                  "below float32's limit lines a gradient is exactly 0.");
    if (plotId == QLatin1String("dead"))
        return tr("Bars: the share of units in each hidden layer that are dead (zero slope for "
                  "every training input), so never learn again; below, how that share changed "
                  "over the training steps. Healthy: low bars, a flat line near 0. Sick: a "
                  "layer at 100% cuts the network in two — nothing before it can learn.");
    if (plotId == QLatin1String("loss"))
        return tr("How wrong the network is (y, log scale) over training steps (x), on the "
                  "training data and on held-out test data. Healthy: both fall and level off "
                  "close together. Sick: a flat line (not learning), test far above training "
                  "(overfitting), or a vertical mark where training diverged.");
    if (plotId == QLatin1String("output"))
        return tr("What the network computes over the input space (x and y: the two input "
                  "features; shading: its probability for class 1; black line: the decision "
                  "boundary). Healthy: the boundary bends around the data. Sick: a straight or "
                  "missing boundary, a network that cannot use its units. For 1-D data: x is "
                  "the input, y the network's curve over the true one. Ctrl+Shift+T adds the "
                  "test points, Ctrl+Shift+O shows only the decision (two colours).");
    if (plotId == QLatin1String("network"))
        return tr("Every hidden unit of the network, layer by layer from the inputs (left) to "
                  "the output (right). Each unit is a small picture of what it computes over "
                  "the input: its output φ(z) for every point of the plane. Links are blue for "
                  "positive weights, orange for negative, thicker when larger. A unit drawn "
                  "dark and crossed is dead: z ≤ 0 for every training input, so its slope and "
                  "its gradient are 0 and it never learns again. Hover a unit to see it large "
                  "in \"What the network computes\"; click it to pin it, then edit its bias "
                  "or weights, Kill or Revive it (Ctrl+Z undoes). Networks too large to draw "
                  "unit by unit show a layer × unit map of each unit's alive share instead.");
    if (plotId == QLatin1String("timeline"))
        return tr("When units died: one row per hidden unit (grouped by layer, layer 1 at the "
                  "top), one column per recorded step; bright = alive on many inputs, dark = "
                  "dead. Healthy: bright rows all the way. Sick: a dark vertical edge, the "
                  "moment a whole layer died at once, or rows going dark one by one as a high "
                  "learning rate pushes units below zero.");
    return {};
}

QString ExplanationPanel::explanationText() const
{
    return m_body->text();
}

QString ExplanationPanel::diagnosisText() const
{
    return m_diagnosis->isHidden() ? QString() : m_diagnosis->text();
}

void ExplanationPanel::setPlot(PlotBase *plot)
{
    if (!plot || plot == m_plot)
        return;
    m_plot = plot;
    m_title->setText(plot->title());
    const QString text = describe(plot->plotId());
    m_body->setText(text.isEmpty() ? plot->explanation() : text);
}

void ExplanationPanel::setFrame(const FramePtr &frame)
{
    if (!frame)
        return;
    const TrainingDiagnosis diagnosis(*frame);
    const QString text = diagnosis.summary();
    m_diagnosis->setText(text);
    m_diagnosis->setVisible(!text.isEmpty());
}

ExplanationDock::ExplanationDock(QWidget *parent)
    : ScrollDock(tr("What am I looking at?"), QStringLiteral("explanationDock"),
                 new ExplanationPanel, parent),
      m_panel(static_cast<ExplanationPanel *>(static_cast<QScrollArea *>(widget())->widget()))
{
    QAction *toggle = toggleViewAction();
    toggle->setText(tr("&What am I looking at?"));
    toggle->setStatusTip(tr("Show or hide the panel that explains the plot under the mouse."));
    m_focus = new QAction(tr("Explain this plot"), this);
    m_focus->setShortcut(Qt::Key_F1);
    m_focus->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Show the explanations panel and move the focus there (F1).");
    m_focus->setStatusTip(tip);
    m_focus->setToolTip(tip);
    connect(m_focus, &QAction::triggered, this, [this] {
        show();
        raise();
        m_panel->setFocus(Qt::ShortcutFocusReason);
    });
}

} // namespace relulab
