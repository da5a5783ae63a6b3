// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class ControlPanel;
class TrainingController;

/// File → Open data…: trains on the user's own CSV file (`dataset=csv:PATH`), standardised or
/// raw by choice. A bad file gets one message naming its line, and the current data stays.
class DataController : public QObject
{
    Q_OBJECT

public:
    /// `controls` say which keys a lesson locks; the data goes to training through `training`.
    DataController(QWidget *window, ControlPanel *controls, TrainingController *training,
                   QObject *parent = nullptr);

    QAction *openAction() const { return m_openAction; }
    /// Checkable: scale the file's inputs to mean 0 and standard deviation 1.
    QAction *standardizeAction() const { return m_standardizeAction; }
    void addToMenu(QMenu *file);

    /// Switches to the data in `path`; returns an empty string, or one line naming the file and
    /// the line at fault with nothing changed (no dialog).
    QString openFrom(const QString &path);
    /// openFrom, with a failure shown in one message box.
    bool open(const QString &path);

public slots:
    void openInteractive();
    void setStandardize(bool on);
    /// Follows the settings in use (a lesson, a session or Reset to defaults changed them).
    void syncWithSettings();

signals:
    void message(const QString &text);

private:
    QWidget *m_window;
    ControlPanel *m_controls;
    TrainingController *m_training;
    QAction *m_openAction;
    QAction *m_standardizeAction;
    QString m_lastDirectory;
};

} // namespace relulab
