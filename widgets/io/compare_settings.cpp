// SPDX-License-Identifier: MIT
#include "compare_settings.h"

#include "activation.h"
#include "display_names.h"
#include "training_frame.h"

#include <QStringList>

#include <string_view>

namespace relulab {

ConfigOverrides CompareSettings::defaultOverrides()
{
    ConfigOverrides overrides;
    overrides.set("activation", "leaky_relu");
    overrides.set("alpha", "0.01");
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
