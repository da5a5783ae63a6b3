// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"
#include "window_limits.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QGroupBox;
class QLabel;
class QSlider;
class QVBoxLayout;

namespace relulab {

class AlphaControl;
struct ControlDescriptor;

/// Every setting of a run, as labelled controls. Produces a whole new TrainingConfig on each
/// change; knows nothing about the worker. The settings are controlDescriptors()
/// (control_descriptors.h): the panel builds, shows, reads back, locks and hides them in loops
/// over that table; only the training speed, which is not part of the config, is its own.
class ControlPanel : public QWidget
{
    Q_OBJECT

public:
    /// Training speed choices in steps per second; 0 means as fast as possible.
    static constexpr int kSpeeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 0};
    /// Slow enough to watch the first hundreds of steps, fast enough to converge in seconds.
    static constexpr int kDefaultSpeed = 200;
    /// The GUI offers fewer layers than core allows: 50 already shows every effect on screen
    /// (window_limits.h, which links are held to as well).
    static constexpr int kMaxDepth = kWindowMaxDepth;
    static constexpr int kMaxWidth = kWindowMaxWidth;

    explicit ControlPanel(QWidget *parent = nullptr);

    const TrainingConfig &config() const { return m_config; }
    /// Steps per second, 0 for unlimited.
    int speed() const;

    /// Shows a lesson's title and question above the controls (hidden when empty).
    void setLesson(const QString &title, const QString &question);

    /// Disables the controls of these config keys (names as in relulab-cli keys, e.g.
    /// "learning_rate"), enabling all others; keys without a control are ignored.
    void setLockedKeys(const QStringList &keys);
    /// Hides the controls (and their labels) of these keys, showing all others.
    void setHiddenKeys(const QStringList &keys);
    /// The beginner view: only the controls of these keys (and no speed), whatever the
    /// lesson shows; an empty list shows every control the lesson does not hide.
    void setOnlyKeys(const QStringList &keys);
    /// The keys the beginner view keeps: activation, alpha, depth, width, initialisation.
    static QStringList beginnerKeys();
    const QStringList &lockedKeys() const { return m_lockedKeys; }
    const QStringList &hiddenKeys() const { return m_hiddenKeys; }
    /// The control that edits config key `key`, or null if the panel has none for it.
    QWidget *controlForKey(const QString &key) const;

    AlphaControl *alphaControl() const { return m_alpha; }
    QSlider *depthSlider() const;

public slots:
    /// Shows `config` in every control without emitting configChanged.
    void setConfig(const relulab::TrainingConfig &config);
    /// Selects the speed choice nearest `stepsPerSecond` without emitting speedChanged.
    void setSpeed(int stepsPerSecond);
    /// Default settings and speed, emitted like a user change.
    void resetToDefaults();

signals:
    void configChanged(const relulab::TrainingConfig &config);
    void speedChanged(int stepsPerSecond);

private:
    /// Shows each row unless the lesson hides it or the beginner view leaves it out.
    void applyVisibility();
    /// One setting's control and the label above it.
    struct Row
    {
        const ControlDescriptor *descriptor;
        QWidget *control;
        QLabel *label;
    };

    QLabel *addRow(QVBoxLayout *box, QWidget *field, const QString &toolTip);
    void addControl(QVBoxLayout *box, const ControlDescriptor &descriptor);
    void addSpeedRow(QVBoxLayout *box);
    /// Applies a change made through the control of m_rows[index], then emits the new config.
    void onEdited(std::size_t index);
    void updateAlphaRange();
    void updateLabels();

    TrainingConfig m_config;
    QStringList m_lockedKeys;
    QStringList m_hiddenKeys;
    QStringList m_onlyKeys; ///< setOnlyKeys(): empty for every control
    QList<QGroupBox *> m_groups;
    std::vector<Row> m_rows; ///< in controlDescriptors() order

    QLabel *m_lessonLabel = nullptr;
    AlphaControl *m_alpha = nullptr;
    QLabel *m_alphaNote = nullptr; ///< what alpha means for the current activation
    QSlider *m_speed = nullptr;
    QLabel *m_speedLabel = nullptr;
};

} // namespace relulab
