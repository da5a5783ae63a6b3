// SPDX-License-Identifier: MIT
#pragma once

class QWidget;

namespace relulab {

/// Help → Keyboard shortcuts: every key the window understands.
void showKeyboardHelp(QWidget *parent);
/// Help → About.
void showAboutBox(QWidget *parent);

} // namespace relulab
