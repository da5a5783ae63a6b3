// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace relulab {

class ControlPanel;

/// File → Open data…: trains on the user's own CSV file (`dataset=csv:PATH`), standardised or
/// raw by choice. A bad file gets one message naming its line, and the current data stays.
class DataController : public QObject
{
    Q_OBJECT

public:
    DataController(QWidget *window, ControlPanel *controls, QObject *parent = nullptr);

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
    /// Follows the controls (a lesson, a session or Reset to defaults changed them).
    void syncWithControls();

signals:
    /// The controls now show `config`; the worker should train on it.
    void configChosen(const relulab::TrainingConfig &config);
    void message(const QString &text);

private:
    QWidget *m_window;
    ControlPanel *m_controls;
    QAction *m_openAction;
    QAction *m_standardizeAction;
    QString m_lastDirectory;
};

} // namespace relulab
