// SPDX-License-Identifier: MIT
#pragma once

#include "trainer.h"
#include "training_config.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace relulab {

/// The session file format this version writes and the newest one it reads.
constexpr int kSessionFormatVersion = 1;
/// Largest session file we read or write. A 50 × 256 network's state takes 37 MiB with SGD and
/// 60 MiB with momentum; Adam's second moment brings it to 84 MiB, so such a session has to be
/// saved without its training state (saveSession says so).
constexpr qint64 kMaxSessionBytes = 64 * 1024 * 1024;
/// Deepest nesting of arrays and objects a session may have (the format itself needs 6), so a
/// hostile file cannot make the parser recurse without bound.
constexpr int kMaxSessionNesting = 16;
/// The file name extension, without the dot.
inline constexpr char kSessionSuffix[] = "relulab";

/// How the window looked: restored with the session, never needed to continue training.
struct ViewOptions
{
    bool presentation = false;
    bool darkTheme = false;
    QString selectedPlot; ///< the plot the "What am I looking at?" panel explains; ≤ 64 chars
    bool theoryOverlay = false;
    bool networkView = false; ///< the network view's tab in front of the dead-neuron bars
    bool timeline = false;    ///< the death timeline's tab in front of the loss
    int pinnedLayer = -1;     ///< the unit pinned in the network view (0-based), or -1
    int pinnedUnit = -1;
    bool testData = false;    ///< "What the network computes" shows the test points
    bool discretized = false; ///< … in two colours split at P = 0.5
    bool updateRatio = false; ///< the gradient plot shows ‖ΔW‖ / ‖W‖ per layer
    bool beginner = false;    ///< the beginner view: five controls and four plots

    bool operator==(const ViewOptions &) const = default;
};

/// Everything a `.relulab` file holds: settings, compare mode, lesson, view, and optionally the
/// trainers' whole state so training continues exactly where it was saved.
struct Session
{
    TrainingConfig config; ///< network A (or the only one)
    bool compare = false;
    TrainingConfig compareConfig; ///< network B
    QString lesson; ///< a built-in lesson's name (presetNames()), a file lesson's, or empty
    /// A teacher's lesson from a file (LessonInfo::fileObject), carried whole so the session
    /// reopens it without the file; empty for a built-in lesson or none. Written as
    /// "lesson_file" only when set, so sessions with a built-in lesson read as before.
    QJsonObject lessonFile;
    QStringList unlockedKeys; ///< config keys the teacher unlocked in the lesson
    ViewOptions view;
    std::optional<TrainerState> state;        ///< Trainer(config).restoreState() accepts it
    std::optional<TrainerState> compareState; ///< the same for compareConfig
};

/// Writes `session` to `path` atomically (a temporary file beside it, then a rename), so a
/// failure at any point leaves a previous file at `path` untouched. Refuses targets that are
/// not regular files (/dev/full, a folder) and sessions larger than kMaxSessionBytes.
/// Returns an empty string on success, otherwise one line naming the file.
QString saveSession(const QString &path, const Session &session);

/// Reads a session file. All or nothing: every field is checked (types, ranges, matrix shapes
/// against the settings, and finally that a Trainer accepts each state) before `out` changes.
/// Returns an empty string on success, otherwise one line naming the file and the field.
QString loadSession(const QString &path, Session &out);

/// The session as the JSON text saveSession writes. Floats are written so that they read back
/// bit for bit. Returns an empty array and sets `error` (naming the field) if a training state
/// holds a non-finite number, which JSON cannot represent.
QByteArray sessionToJson(const Session &session, QString *error = nullptr);

/// Parses session JSON (see loadSession; errors name the field but no file).
QString sessionFromJson(const QByteArray &json, Session &out);

} // namespace relulab
