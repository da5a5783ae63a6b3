// SPDX-License-Identifier: MIT
#pragma once

#include "config_overrides.h"
#include "evidence.h"
#include "training_config.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace relulab {

/// Longest demonstration a lesson may ask for, in training steps.
constexpr int kMaxLessonSteps = 1000000;
/// Largest lesson file read: a lesson is a few paragraphs and its settings (the built-in ones
/// take 2–4 KiB), never a data file.
constexpr qint64 kMaxLessonFileBytes = 256 * 1024;
/// Deepest nesting of arrays and objects a lesson file may have (the format needs 2).
constexpr int kMaxLessonNesting = 8;
/// Longest "name" a teacher's lesson may give itself (it shows in messages and sessions).
constexpr int kMaxLessonNameChars = 80;
/// Most seeds an evidence lesson's experiment may ask for: it runs when the lesson opens and
/// must finish in seconds.
constexpr int kMaxExperimentSeeds = 100;
/// Longest an experiment may say it takes, in seconds on 2 cores (issue 15: under ~20 s).
constexpr int kMaxExperimentSeconds = 60;

/// A lesson, read and checked: the question it answers, its complete settings, what to do and
/// look for, why it happens, and which controls it fixes. Built in (resources/lessons/NAME.json)
/// or a teacher's own file (readLessonFile).
struct LessonInfo
{
    QString name;     ///< built in: the file stem, e.g. "dying-relu"; a file: see parseFileLesson
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
    /// The step at which the window pauses training so the class can look, 1..steps; 0 for none.
    int pauseAt = 0;
    /// The lesson opens in the beginner view (five controls, four plots); optional, false.
    bool beginnerView = false;
    /// An evidence lesson's experiment (issue 15): sweeps run when the lesson opens, and the
    /// verdict on a forum claim computed from their numbers. Optional.
    std::optional<Experiment> experiment;
    /// A lesson from a file: its whole JSON object with "name" filled in, so that a session can
    /// carry it and restore it without the file. Empty for a built-in lesson.
    QJsonObject fileObject;

    bool hasCompare() const { return !compare.empty(); }
    bool isFromFile() const { return !fileObject.isEmpty(); }
};

/// The fields a lesson file may have, in file order ("compare", "reference", "pause_at",
/// "beginner_view" and "experiment" are optional, and so is "name" in a teacher's file).
QStringList lessonFieldNames();

/// Every problem of a lesson's JSON object, one line each, starting with the JSON path of the
/// field it is about ("settings.depth: 0 is out of range [1, 200]", "locked[2]: ..."), so a
/// teacher can fix a file in one go. `builtInName` non-empty: a built-in lesson, whose "name"
/// must repeat it; empty: a teacher's file, whose "name" is optional. Empty if the lesson is good.
QStringList lessonProblems(const QJsonObject &object, const QString &builtInName = {});

/// Checks a built-in lesson's JSON object and fills `info`. `name` is the file stem, which the
/// "name" field must repeat. On error returns one line naming the lesson and the first problem
/// (see lessonProblems), and leaves `info` unchanged.
QString parseLesson(const QString &name, const QJsonObject &object, LessonInfo &info);

/// Checks a teacher's lesson object and fills `info`, with `fileObject` set. Its "name" is
/// optional and need not be a built-in name: any text up to kMaxLessonNameChars; without one
/// the lesson is called `fallbackName` (the file's stem). On error returns one line, the first
/// problem and how many more there are, and leaves `info` unchanged.
QString parseFileLesson(const QString &fallbackName, const QJsonObject &object, LessonInfo &info);

/// Reads and checks a teacher's lesson file (JSON, at most kMaxLessonFileBytes). On error
/// returns one line naming the file and the first problem (and how many more), leaves `info`
/// unchanged and, if `problems` is given, puts every problem there (without the file name).
QString readLessonFile(const QString &path, LessonInfo &info, QStringList *problems = nullptr);

/// Reads built-in lesson `name` (see presetNames()) and checks it with parseLesson.
QString lessonInfo(const QString &name, LessonInfo &info);

} // namespace relulab
