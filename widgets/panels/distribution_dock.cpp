// SPDX-License-Identifier: MIT
#include "distribution_dock.h"

#include "distribution_plot.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QRadioButton>
#include <QVBoxLayout>

namespace relulab {

DistributionDock::DistributionDock(QWidget *parent) : QDockWidget(tr("Distributions"), parent)
{
    setObjectName(QStringLiteral("distributionsDock"));
    m_plot = new DistributionPlot;
    m_preactivations = new QRadioButton(tr("Pre-activations &z"));
    m_preactivations->setToolTip(tr("z = W·a + b of every unit for every training input"));
    m_preactivations->setChecked(true);
    m_weights = new QRadioButton(tr("&Weights W"));
    m_weights->setToolTip(tr("The entries of each hidden layer's weight matrix"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_preactivations);
    group->addButton(m_weights);

    auto *content = new QWidget;
    auto *switchRow = new QHBoxLayout;
    switchRow->addWidget(new QLabel(tr("Show:")));
    switchRow->addWidget(m_preactivations);
    switchRow->addWidget(m_weights);
    switchRow->addStretch(1);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(4, 4, 4, 4);
    column->addLayout(switchRow);
    column->addWidget(m_plot, 1);
    setWidget(content);

    connect(m_weights, &QRadioButton::toggled, this, [this](bool weights) {
        m_plot->setQuantity(weights ? DistributionPlot::Quantity::Weights
                                    : DistributionPlot::Quantity::Preactivations);
    });
    QAction *toggle = toggleViewAction();
    toggle->setText(tr("&Distributions"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    toggle->setStatusTip(tr("Show or hide the per-layer histograms of pre-activations and "
                            "weights (Ctrl+H)."));
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible == m_wanted)
            return;
        m_wanted = visible;
        // Over a quarter of the window when first shown in a session: ridges need room.
        if (visible && !m_sized && !isFloating()) {
            m_sized = true;
            if (auto *window = qobject_cast<QMainWindow *>(parentWidget()))
                window->resizeDocks({this}, {int(0.28 * window->width())}, Qt::Horizontal);
        }
        if (visible && m_last)
            m_plot->setFrame(*m_last);
        emit wantedChanged(visible);
    });
}

void DistributionDock::showFrame(const FramePtr &frame)
{
    m_last = frame;
    if (m_wanted && frame)
        m_plot->setFrame(*frame);
}

} // namespace relulab
