// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QCommandLineParser;

// What the command lines of relulab and relulab-cli have in common: the outcomes of parsing,
// -h/--help and -v/--version, the one-line error, and the settings options.
namespace relulab {

/// What a program does once its command line is parsed.
enum class CommandLineAction
{
    Run,     ///< the options are complete and valid
    Help,    ///< print the text to stdout, exit 0
    Version, ///< print the text to stdout, exit 0
    Error,   ///< the text is one line for stderr (printErrorLine); exit 2
};

/// An outcome without the program's options: help, version or an error.
struct CommandLineAnswer
{
    using Action = CommandLineAction;
    Action action = Action::Error;
    QString text; ///< the help, the version line or the error line
};

/// A parsed command line; `options` is complete and valid when action is Run.
template <typename Options> struct CommandLineResult : CommandLineAnswer
{
    Options options;

    /// An Error outcome with this one line.
    static CommandLineResult failure(const QString &line) { return {{Action::Error, line}, {}}; }
};

/// Adds -h/--help and -v/--version to `parser`, which already holds the program's own options,
/// reads long options with one dash too (-preset), and parses `arguments` (program name first).
/// Answers what needs none of the program's options: an option Qt cannot parse (Error: one line
/// ending "(see PROGRAM --help)"), --help (Help: helpText()) and --version (Version:
/// "PROGRAM VERSION\n"). nullopt: the program goes on with its own options.
std::optional<CommandLineAnswer> parseStandardOptions(QCommandLineParser &parser,
                                                      const QStringList &arguments,
                                                      const QString &program,
                                                      const QString &version,
                                                      const std::function<QString()> &helpText);

/// The single value of --`option` into `value` (null if not given); one line if it was given
/// more than once, else empty.
QString singleOptionValue(const QCommandLineParser &parser, const QString &option, QString &value);

/// The settings options both programs take, as resolveConfig (config_json.h) applies them.
struct SettingsOptions
{
    QString preset;     ///< --preset NAME, null if not given
    QString configPath; ///< --config FILE, null if not given
    QStringList sets;   ///< every --set key=value, in order
};

/// Reads --preset, --config and --set from `parser` (which must know all three): --preset and
/// --config at most once each and not empty. Empty if fine, else one line.
QString readSettingsOptions(const QCommandLineParser &parser, SettingsOptions &settings);

/// Prints `text` as it is to stdout (help, version, results) and flushes.
void printOut(const QString &text);

/// Prints "PROGRAM: LINE\n" to stderr and flushes. The last line of defence for "one line on
/// stderr": input quoted in `line` somewhere not escaped at its source cannot split the line
/// or send terminal escape sequences (idempotent on escaped text; never cuts).
void printErrorLine(const QString &program, const QString &line);

} // namespace relulab
