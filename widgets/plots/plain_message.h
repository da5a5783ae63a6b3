// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace relulab {

/// A modal message box that shows `text` as plain text. QMessageBox's static helpers guess rich
/// text from the content, so a file name or value that looks like HTML ("<b>x.json") would be
/// rendered, or hidden, instead of shown as typed.
QMessageBox::StandardButton
showPlainMessage(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                 QMessageBox::StandardButtons buttons = QMessageBox::Ok,
                 QMessageBox::StandardButton defaultButton = QMessageBox::NoButton);

} // namespace relulab
