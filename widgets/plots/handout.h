// SPDX-License-Identifier: MIT
#pragma once

#include "training_frame.h"

#include <QString>

namespace relulab {

struct LessonInfo;

/// What a printable handout says. The student texts are printed when not empty; the teacher
/// texts only in the teacher's version.
struct HandoutText
{
    QString title;        ///< the lesson's title, or a generic one without a lesson
    QString question;     ///< the question the lesson answers
    QString todo;         ///< what to do
    QString lookFor;      ///< what to look for
    QString why;          ///< teacher: why it happens
    QString reference;    ///< teacher: further reading
    QString teacherNotes; ///< teacher: notes
    /// How to open the setup: its relulab:// link, or a command when the lesson cannot travel
    /// as a link (a teacher's own file).
    QString setup;
    bool setupIsLink = false; ///< `setup` is a link (else a command line)
};

/// The handout of `lesson`: its texts, and its link (lessonLink) or, for a lesson that cannot
/// be a link, the commands that open and print it from `lessonFile` (the file's path as the
/// teacher gave it; "FILE" if unknown).
HandoutText handoutText(const LessonInfo &lesson, const QString &lessonFile = {});

/// The handout without a lesson: a generic title and the link of `config` (or, if the settings
/// cannot travel as a link, a note saying so).
HandoutText handoutText(const TrainingConfig &config);

/// Renders an A4 PDF handout: the title, the question, what to do and look for, the dashboard
/// of `frame` (every plot the window shows, drawn as vector graphics in a grid), the setup and
/// ruled lines for the answer; with `teacher`, also why it happens, the reference and the
/// teacher notes. Text is real PDF text, never below 9 pt; content that does not fit one page
/// flows onto the next. Writes `path` atomically; on error returns one line and writes nothing.
/// Needs a QApplication (the plots are widgets).
QString writeHandout(const QString &path, const HandoutText &text, const TrainingFrame &frame,
                     bool teacher);

/// The same handout in memory, for writeHandout and tests; empty with `error` set on failure.
QByteArray renderHandout(const HandoutText &text, const TrainingFrame &frame, bool teacher,
                         QString *error = nullptr);

} // namespace relulab
