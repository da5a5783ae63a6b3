// SPDX-License-Identifier: MIT
// relulab-cli evidence [--preset NAME | --lesson FILE] [--set k=v]... [--threads N] [--json F]:
// runs an evidence lesson's experiment as the window does and prints its numbers and verdict,
// so the teacher notes' one command reproduces what the class saw.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "config_json.h"
#include "evidence.h"
#include "json_writer.h"
#include "lesson_info.h"
#include "message_quote.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

#include <algorithm>
#include <thread>

namespace relulab {

namespace {

/// The lesson with --set applied to its settings and its experiment checked on them.
QString readEvidenceLesson(const CliOptions &options, LessonInfo &lesson)
{
    LessonInfo read;
    if (QString error = readCliLesson(options, read); !error.isEmpty())
        return error;
    if (!read.experiment)
        return QStringLiteral("evidence: lesson %1 has no experiment (the evidence lessons are "
                              "the claim-* ones)")
            .arg(quotedForMessage(read.name));
    for (const QString &set : options.lessonSets) {
        if (QString error = applySetOption(read.settings, set); !error.isEmpty())
            return QStringLiteral("--set: ") + error;
    }
    if (const std::string error = validateConfig(read.settings); !error.empty())
        return QStringLiteral("--set: ") + QString::fromStdString(error);
    if (const std::string error = experimentError(*read.experiment, read.settings); !error.empty())
        return QStringLiteral("--set: the experiment cannot run on these settings: ") +
               QString::fromStdString(error);
    lesson = read;
    return {};
}

void writeDifference(JsonWriter &json, const char *name, const PairedDifference &d)
{
    json.key(name);
    json.beginObject(JsonWriter::Layout::Compact);
    json.key("mean");
    json.number(d.mean);
    json.key("stderr");
    json.number(d.standardError);
    json.key("n");
    json.integer(d.n);
    json.key("b_below_a");
    json.integer(d.bBelowA);
    json.endObject();
}

std::string evidenceJson(const LessonInfo &lesson, const std::vector<SweepSpec> &specs,
                         const std::vector<SweepResult> &results)
{
    const Experiment &e = *lesson.experiment;
    JsonWriter json;
    json.beginObject();
    json.key("lesson");
    json.string(lesson.name.toStdString());
    json.key("claim");
    json.string(e.claim);
    json.key("rule");
    json.string(evidenceRuleName(e.rule));
    json.key("settings");
    json.beginArray();
    for (int s = 0; s < e.settingCount(); ++s) {
        const Verdict v = judgeExperiment(e, specs, results, s);
        json.beginObject();
        json.key("config");
        writeConfig(json, specs[std::size_t(s) * e.measures.size()].base);
        json.key("verdict");
        json.string(verdictOutcomeName(v.outcome));
        json.key("text");
        json.string(v.text);
        json.key("rows");
        json.beginArray();
        for (const VerdictRow &row : v.rows) {
            json.beginObject(JsonWriter::Layout::Compact);
            json.key("x");
            json.string(row.x);
            json.key("mean_a");
            json.number(row.meanA);
            json.key("mean_b");
            json.number(row.meanB);
            writeDifference(json, "paired", row.first);
            if (e.measures.size() > 1)
                writeDifference(json, "paired_second", row.second);
            if (e.rule == EvidenceRule::FormatStalls) {
                json.key("share_of_reduction");
                json.number(row.share);
            }
            json.key("reading");
            json.string(row.reading);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.text();
}

} // namespace

QString parseEvidenceOptions(const QCommandLineParser &parser, CliOptions &options)
{
    QString preset, lesson, threads;
    for (const auto &[name, target] :
         {std::pair<QString, QString *>{QStringLiteral("preset"), &preset},
          {QStringLiteral("lesson"), &lesson},
          {QStringLiteral("threads"), &threads},
          {QStringLiteral("json"), &options.jsonPath}}) {
        if (QString error = singleOptionValue(parser, name, *target); !error.isEmpty())
            return error;
    }
    if (QString error = setCliLessonSource(QStringLiteral("evidence"), preset, lesson, options);
        !error.isEmpty())
        return error;
    options.lessonSets = parser.values(QStringLiteral("set"));
    if (QString error = setCliThreads(threads, options); !error.isEmpty())
        return error;
    if (!options.jsonPath.isNull()) {
        if (QString error = checkOutputFile(QStringLiteral("json"), options.jsonPath);
            !error.isEmpty())
            return error;
    }
    LessonInfo info;
    return readEvidenceLesson(options, info);
}

int runEvidence(const CliOptions &options)
{
    LessonInfo lesson;
    if (QString error = readEvidenceLesson(options, lesson); !error.isEmpty()) {
        printError(error);
        return kExitBadInput;
    }
    const Experiment &e = *lesson.experiment;
    const int threads = options.threads > 0 ? options.threads
                                            : std::max(1, int(std::thread::hardware_concurrency()));
    const std::vector<SweepSpec> specs = experimentSweeps(e, lesson.settings);
    std::vector<SweepResult> results;
    QElapsedTimer clock;
    clock.start();
    std::string text = "claim: \"" + e.claim + "\" (" + e.source + ")\n";
    for (const SweepSpec &spec : specs) {
        std::fprintf(stderr, "evidence: sweep %zu/%zu, %.1f s\n", results.size() + 1, specs.size(),
                     double(clock.elapsed()) / 1000.0);
        results.push_back(runSweep(spec, threads));
    }
    for (int s = 0; s < e.settingCount(); ++s) {
        const TrainingConfig &base = specs[std::size_t(s) * e.measures.size()].base;
        text += s == 0 ? "setting 1, the lesson's" : "setting 2, the contrast";
        for (const auto &[key, value] : e.contrast.entries())
            if (s == 1)
                text += " " + key + "=" + value;
        text += " (seeds " + std::to_string(base.seed) + "–" +
                std::to_string(base.seed + std::uint64_t(e.seeds) - 1) + "):\n";
        text += evidenceReport(e, specs, results, s);
    }
    char took[96];
    std::snprintf(took, sizeof took, "%zu sweeps in %.1f s on %d threads\n", specs.size(),
                  double(clock.elapsed()) / 1000.0, threads);
    text += took;
    printOut(QString::fromStdString(text));
    if (!options.jsonPath.isNull()) {
        if (QString error =
                writeOutputFiles({{options.jsonPath, evidenceJson(lesson, specs, results)}});
            !error.isEmpty()) {
            printError(error);
            return kExitBadInput;
        }
    }
    return kExitOk;
}

} // namespace relulab
