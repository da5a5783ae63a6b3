// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "training_config.h"

#include <QDialog>
#include <QList>

class QLabel;
class QWidget;

namespace relulab {

/// Chooses run B of an A/B comparison: B's activation, alpha, init, init scale, learning rate
/// and optimiser, shown as B's full values (A + the current overrides). On OK the overrides are
/// exactly the keys where B now differs from A, so B keeps following A's other controls.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const TrainingConfig &a, const ConfigOverrides &overrides,
                  QWidget *parent = nullptr);

    /// The keys in which B differs from A (valid after the dialog was accepted).
    const ConfigOverrides &overrides() const { return m_overrides; }
    /// Sets field `key` ("activation", "alpha", ...) as if the user had typed `value`.
    void setFieldText(const QString &key, const QString &value);

    void accept() override;

private:
    struct Field
    {
        QString key;
        QWidget *editor = nullptr; ///< QComboBox for enum keys, QLineEdit for numbers
    };

    QString fieldText(const Field &field) const;

    TrainingConfig m_a;
    QList<Field> m_fields;
    QLabel *m_error = nullptr;
    ConfigOverrides m_overrides;
};

} // namespace relulab
