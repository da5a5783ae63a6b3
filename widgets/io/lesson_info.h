// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "training_config.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace relulab {

/// Longest demonstration a lesson may ask for, in training steps.
constexpr int kMaxLessonSteps = 1000000;

/// A built-in lesson (resources/lessons/NAME.json), read and checked: the question it answers,
/// its complete settings, what to do and look for, why it happens, and which controls it fixes.
struct LessonInfo
{
    QString name;     ///< the file stem, e.g. "dying-relu"
    QString title;    ///< menu and window title
    QString question; ///< the question the lesson answers, in a student's words
    TrainingConfig settings;
    int steps = 0;        ///< training steps the demonstration needs, 1..kMaxLessonSteps
    QString todo;         ///< what to do, e.g. "drag alpha from 0 to 0.2"
    QString lookFor;      ///< what to look for while doing it
    QString why;          ///< why it happens: a short paragraph, with references
    QString teacherNotes; ///< for the teacher, not the projector
    QStringList locked;   ///< keys the lesson fixes (the teacher can unlock them)
    QStringList hidden;   ///< keys whose controls are hidden; always also locked
    ConfigOverrides
        compare; ///< the keys in which run B of an A/B comparison differs; empty if none
    /// `settings` with `compare` applied: run B's settings (equal to `settings` without compare)
    TrainingConfig compareSettings;
    QString reference; ///< optional further reading; empty if none

    bool hasCompare() const { return !compare.empty(); }
};

/// The fields every lesson file has, in file order ("reference" and "compare" are optional).
QStringList lessonFieldNames();

/// Checks a lesson's JSON object and fills `info`. `name` is the file stem, which the "name"
/// field must repeat. On error returns one line naming the lesson and the field, and leaves
/// `info` unchanged.
QString parseLesson(const QString &name, const QJsonObject &object, LessonInfo &info);

/// Reads built-in lesson `name` (see presetNames()) and checks it with parseLesson.
QString lessonInfo(const QString &name, LessonInfo &info);

} // namespace relulab
