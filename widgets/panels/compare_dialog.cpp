// SPDX-License-Identifier: MIT
#include "compare_dialog.h"

#include "compare_settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace relulab {

namespace {

// The settings whose effect a student compares; data and shape stay A's so the runs are alike.
const char *const kKeys[] = {"activation", "alpha",         "init",
                             "init_scale", "learning_rate", "optimizer"};

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

CompareDialog::CompareDialog(const TrainingConfig &a, const ConfigOverrides &overrides,
                             QWidget *parent)
    : QDialog(parent), m_a(a), m_overrides(overrides)
{
    setWindowTitle(tr("Compare A/B: run B"));
    TrainingConfig b = a;
    comparedConfig(a, overrides, b); // on error B starts equal to A
    auto *form = new QFormLayout;
    for (const char *name : kKeys) {
        const ConfigKey *key = findConfigKey(name);
        Field field{QString::fromLatin1(name), nullptr};
        const QString value = QString::fromStdString(configValue(b, name));
        if (key->type == "enum") {
            auto *combo = new QComboBox;
            const QStringList choices = toQString(key->range).split(QStringLiteral(", "));
            for (const QString &choice : choices)
                if (!choice.contains(QLatin1Char(':'))) // csv:PATH is no choice here
                    combo->addItem(choice);
            combo->setCurrentText(value);
            field.editor = combo;
        } else {
            auto *edit = new QLineEdit(value);
            edit->setPlaceholderText(toQString(key->range));
            field.editor = edit;
        }
        field.editor->setObjectName(field.key);
        field.editor->setToolTip(toQString(key->meaning) + QStringLiteral(" (") +
                                 toQString(key->range) + QLatin1Char(')'));
        form->addRow(field.key, field.editor);
        m_fields.append(field);
    }
    auto *intro = new QLabel(tr("Run B trains beside run A from the same seed and the same "
                                "initial weights. Every setting not chosen here follows A."));
    intro->setWordWrap(true);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #D55E00"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)
        ->setToolTip(tr("Run B takes these settings, both runs restart from step 0 and compare "
                        "mode turns on"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close; run B stays as it was"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CompareDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CompareDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString CompareDialog::fieldText(const Field &field) const
{
    if (auto *combo = qobject_cast<QComboBox *>(field.editor))
        return combo->currentText();
    return qobject_cast<QLineEdit *>(field.editor)->text().trimmed();
}

void CompareDialog::setFieldText(const QString &key, const QString &value)
{
    for (const Field &field : m_fields) {
        if (field.key != key)
            continue;
        if (auto *combo = qobject_cast<QComboBox *>(field.editor))
            combo->setCurrentText(value);
        else
            qobject_cast<QLineEdit *>(field.editor)->setText(value);
    }
}

void CompareDialog::accept()
{
    TrainingConfig b = m_a;
    for (const Field &field : m_fields) {
        const std::string error =
            setConfigValue(b, field.key.toStdString(), fieldText(field).toStdString());
        if (!error.empty()) {
            m_error->setText(QString::fromStdString(error));
            return;
        }
    }
    if (const std::string error = validateConfig(b); !error.empty()) {
        m_error->setText(QString::fromStdString(error));
        return;
    }
    // Only the dialog's keys: every other setting of B keeps following A's controls.
    m_overrides = ConfigOverrides::between(m_a, b);
    QDialog::accept();
}

} // namespace relulab
