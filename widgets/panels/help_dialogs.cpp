// SPDX-License-Identifier: MIT
#include "help_dialogs.h"

#include <QApplication>
#include <QMessageBox>

namespace relulab {

void showKeyboardHelp(QWidget *parent)
{
    QMessageBox::information(
        parent, QObject::tr("Keyboard shortcuts"),
        QObject::tr(
            "<table cellpadding='3'>"
            "<tr><td><b>Space</b></td><td>Play / pause training</td></tr>"
            "<tr><td><b>S</b></td><td>Pause and train one step</td></tr>"
            "<tr><td><b>R</b></td><td>Reset: rebuild the network from the seed</td></tr>"
            "<tr><td><b>Alt + underlined letter</b></td><td>Jump to that control</td></tr>"
            "<tr><td><b>Arrows, Page Up/Down</b></td><td>Move the focused slider</td></tr>"
            "<tr><td><b>Tab / Shift+Tab</b></td><td>Through the controls, the lesson's "
            "buttons, then the plots (a screen reader reads what each plot shows)</td></tr>"
            "<tr><td><b>Ctrl+C</b></td><td>Copy the plot under the mouse</td></tr>"
            "<tr><td><b>Ctrl+E / Ctrl+Shift+E</b></td><td>Export that plot / all plots</td></tr>"
            "<tr><td><b>Ctrl+=</b></td><td>Larger plot text</td></tr>"
            "<tr><td><b>F2</b></td><td>Show / hide the controls (a small screen folds them "
            "away so that every plot fits)</td></tr>"
            "<tr><td><b>Ctrl+Shift+B</b></td><td>Beginner view: five controls, four large "
            "plots</td></tr>"
            "<tr><td><b>F11</b></td><td>Full screen</td></tr>"
            "<tr><td><b>F5 / Esc</b></td><td>Presentation mode on / off</td></tr>"
            "<tr><td><b>F1</b></td><td>What am I looking at? (explanations panel)</td></tr>"
            "<tr><td><b>Ctrl+B</b></td><td>Compare A/B: train a second network beside it</td></tr>"
            "<tr><td><b>Ctrl+T</b></td><td>Theory overlay on the gradient plot</td></tr>"
            "<tr><td><b>Ctrl+Shift+N</b></td><td>Network view: every unit, dead ones crossed"
            "</td></tr>"
            "<tr><td><b>Ctrl+Shift+L</b></td><td>Death timeline: when each unit died</td></tr>"
            "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>Undo / redo a unit edit</td></tr>"
            "<tr><td><b>Ctrl+Shift+T / Ctrl+Shift+O</b></td><td>Test data / two colours in "
            "\"What the network computes\"</td></tr>"
            "<tr><td><b>Ctrl+Shift+U</b></td><td>Update size per layer (‖ΔW‖ / ‖W‖) in the "
            "gradient plot</td></tr>"
            "<tr><td><b>Ctrl+S / Ctrl+O</b></td><td>Save / open a session</td></tr>"
            "<tr><td><b>Ctrl+H</b></td><td>Distributions per layer (show / hide)</td></tr>"
            "<tr><td><b>Ctrl+Shift+K</b></td><td>Cost of each activation, measured</td></tr>"
            "<tr><td><b>Ctrl+Shift+V</b></td><td>An evidence lesson's experiment and "
            "verdict</td></tr>"
            "<tr><td><b>Ctrl+F1</b></td><td>This list</td></tr></table>"));
}

void showAboutBox(QWidget *parent)
{
    QMessageBox::about(
        parent, QObject::tr("About ReLU Lab"),
        QObject::tr(
            "<h3>ReLU Lab %1</h3><p>See what rectifier activations do to a small network while "
            "it trains: drag alpha, depth and the initialisation and watch the gradients, the "
            "dead units and the decision boundary respond.</p><p>MIT licence. Built with Qt, "
            "QCustomPlot and Eigen.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace relulab
