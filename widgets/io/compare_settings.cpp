// SPDX-License-Identifier: MIT
#include "compare_settings.h"

#include "activation.h"
#include "config_json.h"
#include "display_names.h"
#include "training_frame.h"

#include <QStringList>

#include <string_view>

namespace relulab {

QJsonObject CompareSettings::defaultOverrides()
{
    return QJsonObject{{QStringLiteral("activation"), QStringLiteral("leaky_relu")},
                       {QStringLiteral("alpha"), 0.01}};
}

QString compareConfig(const TrainingConfig &a, const QJsonObject &overrides, TrainingConfig &b)
{
    TrainingConfig result = a;
    if (const QString error = applyConfigJson(result, overrides); !error.isEmpty())
        return QStringLiteral("run B: %1").arg(error);
    if (const std::string error = validateConfig(result); !error.empty())
        return QStringLiteral("run B: %1").arg(QString::fromStdString(error));
    b = result;
    return {};
}

QJsonObject overridesBetween(const TrainingConfig &a, const TrainingConfig &b)
{
    const QJsonObject jsonA = configToJson(a);
    const QJsonObject jsonB = configToJson(b);
    QJsonObject overrides;
    for (auto it = jsonB.begin(); it != jsonB.end(); ++it) {
        if (jsonA.value(it.key()) != it.value())
            overrides.insert(it.key(), it.value());
    }
    return overrides;
}

QString runLabel(QChar letter, const TrainingConfig &run, const TrainingConfig &other)
{
    // Display names, no underscores: a legend's text box clips an underscore's descent, and a
    // class reads "Leaky ReLU" more easily than "leaky_relu".
    QString text = QStringLiteral("%1: %2").arg(letter).arg(activationDisplayName(run.activation));
    if (usesAlpha(run.activation))
        text += QStringLiteral(" α=%1").arg(run.alpha, 0, 'g', 3);
    QStringList differences;
    for (const ConfigKey &key : configKeys()) {
        const std::string_view name = key.name;
        if (name == "activation" || name == "alpha")
            continue;
        const std::string value = configValue(run, name);
        if (value != configValue(other, name))
            differences << QStringLiteral("%1 %2")
                               .arg(QString::fromUtf8(name.data(), qsizetype(name.size())),
                                    QString::fromStdString(value))
                               .replace(QLatin1Char('_'), QLatin1Char(' '));
    }
    if (!differences.isEmpty())
        text += QStringLiteral(", ") + differences.join(QStringLiteral(", "));
    return text;
}

QString labelA(const TrainingFrame &frame)
{
    return frame.compare ? runLabel(QLatin1Char('A'), frame.config, frame.compare->config)
                         : QString();
}

QString labelB(const TrainingFrame &frame)
{
    return frame.compare ? runLabel(QLatin1Char('B'), frame.compare->config, frame.config)
                         : QString();
}

} // namespace relulab
