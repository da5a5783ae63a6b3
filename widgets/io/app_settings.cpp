// SPDX-License-Identifier: MIT
#include "app_settings.h"

#include "config_json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace relulab {

AppSettings::AppSettings() : m_settings(std::make_unique<QSettings>()) {}

AppSettings::AppSettings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{}

AppSettings::~AppSettings() = default;

template <typename T> T AppSettings::value(Key<T> key) const
{
    const QVariant v = m_settings->value(QLatin1StringView(key.name));
    return v.canConvert<T>() ? v.value<T>() : T{};
}

template <typename T> void AppSettings::setValue(Key<T> key, const T &v)
{
    m_settings->setValue(QLatin1StringView(key.name), QVariant::fromValue(v));
}

template QByteArray AppSettings::value(Key<QByteArray>) const;
template int AppSettings::value(Key<int>) const;
template QString AppSettings::value(Key<QString>) const;
template bool AppSettings::value(Key<bool>) const;
template QStringList AppSettings::value(Key<QStringList>) const;
template void AppSettings::setValue(Key<QStringList>, const QStringList &);
template void AppSettings::setValue(Key<bool>, const bool &);
template void AppSettings::setValue(Key<QByteArray>, const QByteArray &);
template void AppSettings::setValue(Key<int>, const int &);
template void AppSettings::setValue(Key<QString>, const QString &);

bool AppSettings::contains(const char *key) const
{
    return m_settings->contains(QLatin1StringView(key));
}

bool AppSettings::hasTrainingConfig() const
{
    return contains(kTrainingConfig.name);
}

TrainingConfig AppSettings::trainingConfig() const
{
    TrainingConfig config;
    const QByteArray json = value(kTrainingConfig).toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    // A stored config from an older version, or edited by hand, may no longer be valid; the
    // defaults are a better start than a half-applied one (applyConfigJson is all or nothing).
    if (error.error == QJsonParseError::NoError && doc.isObject())
        applyConfigJson(config, doc.object());
    return config;
}

void AppSettings::setTrainingConfig(const TrainingConfig &config)
{
    JsonWriter json;
    writeConfig(json, config, JsonWriter::Layout::Dense);
    std::string text = json.text();
    text.pop_back(); // the newline that ends a document: the value is one line
    setValue(kTrainingConfig, QString::fromStdString(text));
}

void AppSettings::clear()
{
    m_settings->clear();
}

bool AppSettings::sync(QString *error)
{
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError)
        return true;
    if (error)
        *error = QStringLiteral("could not save the settings to %1").arg(m_settings->fileName());
    return false;
}

} // namespace relulab
