// SPDX-License-Identifier: MIT
#include "data_controller.h"

#include "control_panel.h"
#include "message_quote.h"
#include "plain_message.h"
#include "training_controller.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSignalBlocker>

namespace relulab {

DataController::DataController(QWidget *window, ControlPanel *controls,
                               TrainingController *training, QObject *parent)
    : QObject(parent), m_window(window), m_controls(controls), m_training(training)
{
    m_openAction = new QAction(tr("Open &data…"), this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_openAction->setShortcutContext(Qt::WindowShortcut);
    m_openAction->setStatusTip(tr("Train on your own CSV file: rows x1,x2,label (0 or 1) for "
                                  "classes, or x,y for a curve."));
    connect(m_openAction, &QAction::triggered, this, &DataController::openInteractive);
    m_standardizeAction = new QAction(tr("S&tandardise my data"), this);
    m_standardizeAction->setCheckable(true);
    m_standardizeAction->setStatusTip(
        tr("Shift and scale each input of your file to mean 0 and standard deviation 1; "
           "unchecked, the network sees the raw numbers."));
    connect(m_standardizeAction, &QAction::toggled, this, &DataController::setStandardize);
    m_window->addAction(m_openAction);
    syncWithSettings();
}

void DataController::addToMenu(QMenu *file)
{
    file->addAction(m_openAction);
    file->addAction(m_standardizeAction);
}

QString DataController::openFrom(const QString &path)
{
    if (m_controls->lockedKeys().contains(QStringLiteral("dataset")))
        return tr("This lesson fixes the data set: unlock it (teacher) first.");
    TrainingConfig next = m_training->settings();
    // The core reads and checks the whole file here; its message names the file and the line.
    const std::string value = "csv:" + QFile::encodeName(path).toStdString();
    if (const std::string error = setConfigValue(next, "dataset", value); !error.empty())
        return QString::fromStdString(error);
    if (QString error = m_training->applySettings(next); !error.isEmpty())
        return error;
    m_lastDirectory = QFileInfo(path).absolutePath();
    emit message(tr("Training on %1 (%2)")
                     .arg(escapedForMessage(QFileInfo(path).fileName()),
                          next.standardize ? tr("standardised") : tr("raw values")));
    return {};
}

bool DataController::open(const QString &path)
{
    if (const QString error = openFrom(path); !error.isEmpty()) {
        showPlainMessage(m_window, QMessageBox::Warning, tr("Data not loaded"), error);
        return false;
    }
    return true;
}

void DataController::openInteractive()
{
    const QString start = m_lastDirectory.isEmpty() ? QDir::homePath() : m_lastDirectory;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open your data"), start, tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void DataController::setStandardize(bool on)
{
    TrainingConfig next = m_training->settings();
    if (next.standardize == on)
        return;
    next.standardize = on;
    // Built-in data sets ignore the choice (training goes on untouched); it is kept for the
    // next file.
    m_training->applySettings(next);
}

void DataController::syncWithSettings()
{
    const QSignalBlocker blocker(m_standardizeAction);
    m_standardizeAction->setChecked(m_training->settings().standardize);
}

} // namespace relulab
