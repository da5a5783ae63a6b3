// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace relulab {

/// What the window remembers between runs, in QSettings.
///
/// Every persisted key is declared once, with its type, in the Key list below; nothing else in
/// the program spells a settings key.
class AppSettings
{
public:
    template <typename T> struct Key
    {
        const char *name;
    };
    static constexpr Key<QByteArray> kWindowGeometry{"window/geometry"};
    static constexpr Key<QByteArray> kWindowState{"window/state"};
    /// The controls, as the same JSON object `relulab-cli --config` reads.
    static constexpr Key<QString> kTrainingConfig{"training/config"};
    static constexpr Key<int> kSpeed{"training/speed"};
    static constexpr Key<QString> kLesson{"training/lesson"};
    static constexpr Key<QString> kExportDirectory{"export/directory"};
    static constexpr Key<bool> kPresentationMode{"view/presentation"};
    static constexpr Key<bool> kDarkTheme{"view/dark_theme"};
    /// View → Theory overlay on the gradient plot.
    static constexpr Key<bool> kTheoryOverlay{"view/theory_overlay"};
    /// The network view and the death timeline in front of their tabs; the plots' own modes.
    static constexpr Key<bool> kNetworkView{"view/network_view"};
    static constexpr Key<bool> kTimeline{"view/timeline"};
    static constexpr Key<bool> kTestData{"view/test_data"};
    static constexpr Key<bool> kDiscretized{"view/discretized"};
    static constexpr Key<bool> kUpdateRatio{"view/update_ratio"};
    /// View → Beginner view.
    static constexpr Key<bool> kBeginner{"view/beginner"};
    /// Session files opened or saved, newest first (File → Recent).
    static constexpr Key<QStringList> kRecentFiles{"session/recent"};
    /// Teachers' lesson files opened, newest first (Lessons → Recent lesson files).
    static constexpr Key<QStringList> kRecentLessons{"lessons/recent"};

    /// The user's settings (organisation and application name of the QCoreApplication).
    AppSettings();
    /// Settings in an INI file (tests, or a portable setup).
    explicit AppSettings(const QString &iniPath);
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    QByteArray windowGeometry() const { return value(kWindowGeometry); }
    void setWindowGeometry(const QByteArray &v) { setValue(kWindowGeometry, v); }
    QByteArray windowState() const { return value(kWindowState); }
    void setWindowState(const QByteArray &v) { setValue(kWindowState, v); }
    int speed() const { return value(kSpeed); }
    void setSpeed(int v) { setValue(kSpeed, v); }
    QString lesson() const { return value(kLesson); }
    void setLesson(const QString &v) { setValue(kLesson, v); }
    QString exportDirectory() const { return value(kExportDirectory); }
    void setExportDirectory(const QString &v) { setValue(kExportDirectory, v); }
    bool presentationMode() const { return value(kPresentationMode); }
    void setPresentationMode(bool v) { setValue(kPresentationMode, v); }
    bool darkTheme() const { return value(kDarkTheme); }
    void setDarkTheme(bool v) { setValue(kDarkTheme, v); }
    bool theoryOverlay() const { return value(kTheoryOverlay); }
    void setTheoryOverlay(bool v) { setValue(kTheoryOverlay, v); }
    QStringList recentFiles() const { return value(kRecentFiles); }
    void setRecentFiles(const QStringList &v) { setValue(kRecentFiles, v); }
    QStringList recentLessons() const { return value(kRecentLessons); }
    void setRecentLessons(const QStringList &v) { setValue(kRecentLessons, v); }
    bool contains(const char *key) const;
    /// Any boolean key of the list above.
    bool flag(Key<bool> key) const { return value(key); }
    void setFlag(Key<bool> key, bool v) { setValue(key, v); }

    /// The last controls, or the defaults if none were stored or they no longer validate.
    TrainingConfig trainingConfig() const;
    bool hasTrainingConfig() const;
    void setTrainingConfig(const TrainingConfig &config);

    /// Forgets everything (Reset to defaults).
    void clear();
    /// Writes to disk; false with a message if that failed.
    bool sync(QString *error = nullptr);

private:
    template <typename T> T value(Key<T> key) const;
    template <typename T> void setValue(Key<T> key, const T &v);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace relulab
