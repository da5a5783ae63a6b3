// SPDX-License-Identifier: MIT
// Session files: exact round trip, every field wrong once, truncated and hostile files, and
// saves that fail (missing folder, unwritable folder, full disk, /dev/full) without losing the
// previous file.
#include "json_checks.h"
#include "session_file.h"
#include "trainer.h"
#include "trainer_state_equal.h"
#include "trainer_state_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <csignal>
#include <functional>
#include <limits>
#include <random>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace relulab;
using relulab::testing::sameState;

namespace {

bool sameSession(const Session &a, const Session &b)
{
    return a.config == b.config && a.compare == b.compare && a.compareConfig == b.compareConfig &&
           a.lesson == b.lesson && a.unlockedKeys == b.unlockedKeys && a.view == b.view &&
           sameState(a.state, b.state) && sameState(a.compareState, b.compareState);
}

TrainingConfig networkA()
{
    TrainingConfig c;
    c.activation = Activation::Prelu;
    c.alpha = 0.2;
    c.depth = 3;
    c.width = 8;
    c.samples = 100;
    c.batchSize = 16; // several batches per epoch, so the order and cursor matter
    c.seed = 7;
    return c;
}

TrainingConfig networkB()
{
    TrainingConfig c = networkA();
    c.activation = Activation::LeakyRelu;
    c.alpha = 0.1 + 0.2; // not exactly 0.3
    c.optimizer = Optimizer::Momentum;
    c.learningRate = 0.003;
    return c;
}

// Every field set away from its default; both trainers mid-epoch.
Session richSession()
{
    Session s;
    s.config = networkA();
    s.compare = true;
    s.compareConfig = networkB();
    s.lesson = QStringLiteral("dying-relu");
    s.unlockedKeys = {QStringLiteral("alpha"), QStringLiteral("learning_rate")};
    s.view = {true, true, QStringLiteral("gradients"), true};
    Trainer a(s.config), b(s.compareConfig);
    a.train(37);
    b.train(23);
    s.state = a.state();
    s.compareState = b.state();
    return s;
}

// A different valid session: what `out` holds before a load that must fail.
Session otherSession()
{
    Session s;
    s.lesson = QStringLiteral("relu-vs-leaky");
    s.view.selectedPlot = QStringLiteral("loss");
    TrainingConfig small;
    small.depth = 1;
    small.width = 2;
    small.samples = 4;
    s.config = small;
    Trainer t(small);
    t.train(3);
    s.state = t.state();
    return s;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Runs `body` in a child process (for setuid or resource limits that must not touch the test
// process) and returns the text it produced.
std::string runInChild(const std::function<std::string()> &body)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return "pipe failed";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const std::string text = body();
        const ssize_t written = ::write(fds[1], text.data(), text.size());
        ::_exit(written == ssize_t(text.size()) ? 0 : 1);
    }
    ::close(fds[1]);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        text.append(buffer, size_t(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return "child failed: " + text;
    return text;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

TEST(SessionFile, RoundTripKeepsEveryFieldAndTrainingContinuesExactly)
{
    const Session saved = richSession();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("lesson.relulab"));
    ASSERT_EQ(saveSession(path, saved), QString());

    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_TRUE(sameSession(saved, loaded));
    EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("lesson.relulab")});
    // Saving what was loaded writes the same bytes: nothing is lost or reformatted.
    EXPECT_EQ(sessionToJson(loaded), readAll(path));

    // Both restored trainers continue like the originals, bit for bit, for 50 more steps.
    for (bool compare : {false, true}) {
        const TrainingConfig &config = compare ? saved.compareConfig : saved.config;
        Trainer original(config);
        original.train(compare ? 23 : 37);
        Trainer restored(loaded.compare && compare ? loaded.compareConfig : loaded.config);
        ASSERT_TRUE(restored.restoreState(compare ? *loaded.compareState : *loaded.state));
        EXPECT_EQ(original.train(50), 50);
        EXPECT_EQ(restored.train(50), 50);
        EXPECT_EQ(restored.stepCount(), original.stepCount());
        EXPECT_TRUE(sameState(original.state(), restored.state())) << "compare " << compare;
        EXPECT_EQ(original.snapshot().loss, restored.snapshot().loss);
    }
}

TEST(SessionFile, OptionalPartsRoundTripWhenAbsent)
{
    Session plain; // defaults: no lesson, no compare, no state
    Session loaded = otherSession();
    ASSERT_EQ(sessionFromJson(sessionToJson(plain), loaded), QString());
    EXPECT_TRUE(sameSession(plain, loaded));
    EXPECT_FALSE(loaded.state.has_value());

    // A minimal hand-written file: missing optional members take their defaults.
    Session minimal = otherSession();
    ASSERT_EQ(sessionFromJson(R"({"format":"relulab-session","version":1,
                                  "config":{"activation":"elu","alpha":2}})",
                              minimal),
              QString());
    TrainingConfig elu;
    elu.activation = Activation::Elu;
    elu.alpha = 2;
    EXPECT_TRUE(minimal.config == elu);
    EXPECT_FALSE(minimal.compare);
    EXPECT_TRUE(minimal.view == ViewOptions{});
    EXPECT_FALSE(minimal.state.has_value());
}

TEST(SessionFile, FloatsReadBackBitExactly)
{
    // Every special case, then a million random finite bit patterns, through Qt's parser.
    std::vector<float> values = {0.0f,
                                 -0.0f,
                                 0.1f,
                                 -1.0f / 3.0f,
                                 16777216.0f,
                                 16777217.0f,
                                 1e16f,
                                 std::numeric_limits<float>::min(),
                                 std::numeric_limits<float>::denorm_min(),
                                 -std::numeric_limits<float>::denorm_min(),
                                 std::numeric_limits<float>::max(),
                                 -std::numeric_limits<float>::max(),
                                 std::nextafter(std::numeric_limits<float>::max(), 0.0f)};
    std::mt19937_64 rng(42);
    while (values.size() < 1'000'000) {
        const float f = std::bit_cast<float>(std::uint32_t(rng()));
        if (std::isfinite(f))
            values.push_back(f);
    }
    QByteArray text = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        const QByteArray number = exactFloatText(values[i]);
        ASSERT_FALSE(number.isEmpty());
        text += (i ? "," : "") + number;
    }
    text += ']';
    const QJsonArray parsed = QJsonDocument::fromJson(text).array();
    ASSERT_EQ(parsed.size(), qsizetype(values.size()));
    size_t mismatches = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const float back = float(parsed.at(qsizetype(i)).toDouble());
        mismatches += std::bit_cast<std::uint32_t>(back) != std::bit_cast<std::uint32_t>(values[i]);
    }
    EXPECT_EQ(mismatches, 0u);
    EXPECT_TRUE(exactFloatText(std::numeric_limits<float>::infinity()).isEmpty());
    EXPECT_TRUE(exactFloatText(std::numeric_limits<float>::quiet_NaN()).isEmpty());

    // The same through a whole session: extreme values in the parameters survive.
    Session s = otherSession();
    Parameters<float> &p = s.state->params;
    p[0].W(0, 0) = -0.0f;
    p[0].W(1, 0) = std::numeric_limits<float>::denorm_min();
    p[0].b(0) = std::numeric_limits<float>::max();
    p[1].alpha = -std::numeric_limits<float>::max();
    Session back;
    ASSERT_EQ(sessionFromJson(sessionToJson(s), back), QString());
    EXPECT_TRUE(sameSession(s, back));
}

TEST(SessionFile, NonFiniteStateIsNotSaved)
{
    Session s = otherSession();
    s.state->firstMoments = s.state->params;
    s.state->firstMoments[1].b(0) = std::numeric_limits<float>::infinity();
    QString error;
    EXPECT_TRUE(sessionToJson(s, &error).isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("state.first_moments[1]"))) << error.toStdString();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.relulab"));
    ASSERT_TRUE(writeAll(path, "previous"));
    EXPECT_FALSE(saveSession(path, s).isEmpty());
    EXPECT_EQ(readAll(path), QByteArray("previous"));
}

namespace {

// `value` with the member at `path` (dot-separated keys and array indices) replaced, or removed
// when `replacement` is empty.
QJsonValue changed(const QJsonValue &value, QStringList path,
                   const std::optional<QJsonValue> &replacement)
{
    if (path.isEmpty())
        return *replacement;
    const QString head = path.takeFirst();
    const bool remove = path.isEmpty() && !replacement;
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        const qsizetype i = head.toInt();
        if (remove)
            array.removeAt(i);
        else
            array[i] = changed(array.at(i), path, replacement);
        return array;
    }
    QJsonObject object = value.toObject();
    if (remove)
        object.remove(head);
    else
        object[head] = changed(object.value(head), path, replacement);
    return object;
}

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &key : path.split(QLatin1Char('.')))
        value = value.isArray() ? value.toArray().at(key.toInt()) : value.toObject().value(key);
    return value;
}

struct Mutation
{
    QString what; ///< the field the error must name
    std::function<void(QJsonObject &)> apply;
};

Mutation set(const QString &path, const QJsonValue &value, const QString &what = {})
{
    return {what.isEmpty() ? path : what, [path, value](QJsonObject &root) {
                root = changed(root, path.split(QLatin1Char('.')), value).toObject();
            }};
}

Mutation removed(const QString &path, const QString &what = {})
{
    return {what.isEmpty() ? path : what, [path](QJsonObject &root) {
                root = changed(root, path.split(QLatin1Char('.')), std::nullopt).toObject();
            }};
}

// Field names as the errors print them: "state.params[1].W.rows" for path state.params.1.W.rows.
QString printed(const QString &path)
{
    QString out;
    for (const QString &part : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        part.toInt(&isIndex);
        out += isIndex ? QStringLiteral("[%1]").arg(part) : (out.isEmpty() ? "" : ".") + part;
    }
    return out;
}

std::vector<Mutation> everyFieldWrongOnce(const QJsonObject &base)
{
    const QString longName(65, QLatin1Char('x'));
    std::vector<Mutation> m = {
        set("format", "relulab-preset"),
        removed("format"),
        set("format", 1, "format"),
        set("version", "1"),
        set("version", 0),
        set("version", 1.5),
        set("version", -1),
        set("version", 2, "newer ReLU Lab (format 2); this version reads format 1"),
        removed("version"),
        removed("config"),
        set("config", "relu"),
        set("config", QJsonArray{}),
        set("config.alpha", 1.5),
        set("config.alpha", "0.1"),
        set("config.depth", 0),
        set("config.depth", 201),
        set("config.depth", 2.5),
        set("config.width", 1e300),
        set("config.activation", "relux"),
        set("config.activation", 3),
        set("config.init", "he"),
        set("config.samples", 3),
        set("config.seed", -1),
        set("config.seed", 9007199254740992.0),
        set("config.learning_rate", 0),
        set("config.noise", QJsonValue::Null),
        set("config.dataset", "mnist"),
        set("config.colour", 1, "colour"),
        set("config.config", QJsonObject{}, "config"),
        set("compare", "yes"),
        set("compare", 1),
        removed("compare_config", "compare_config"),
        set("compare_config", 5),
        set("compare_config.batch_size", 0),
        set("compare_config.alpha", -0.1),
        set("lesson", 3),
        set("lesson", "no-such-lesson"),
        set("lesson", QJsonArray{"dying-relu"}),
        set("unlocked", "alpha"),
        set("unlocked", QJsonArray{1}, "unlocked[0]"),
        set("unlocked", QJsonArray{"alpha", "alpha"}, "unlocked[1]"),
        set("unlocked", QJsonArray{"brightness"}, "unlocked[0]"),
        set("view", true),
        set("view.presentation", "true"),
        set("view.dark_theme", 0),
        set("view.theory_overlay", QJsonValue::Null),
        set("view.selected_plot", 5),
        set("view.selected_plot", longName),
        set("view.selected_plot", "tab\there"),
        set("view.zoom", 2, "zoom"),
        set("extra", true, "extra"),
        set("state", "trained"),
        set("state", QJsonValue::Null)};
    // Every member of a state, in both states.
    for (const QString s : {"state", "compare_state"}) {
        const QJsonObject state = at(base, s).toObject();
        const qint64 samples = state.value("order").toArray().size();
        m.push_back(set(s + ".extra", 1, "extra"));
        for (const QString key : {"step", "diverged", "params", "first_moments", "second_moments",
                                  "optimizer_steps", "order", "cursor", "rng"})
            m.push_back(removed(s + "." + key));
        m.push_back(set(s + ".step", -1));
        m.push_back(set(s + ".step", 1.5));
        m.push_back(set(s + ".step", "37"));
        m.push_back(set(s + ".step", 1e300));
        m.push_back(set(s + ".diverged", 0));
        m.push_back(set(s + ".optimizer_steps", -2));
        m.push_back(set(s + ".optimizer_steps", true));
        m.push_back(set(s + ".cursor", samples + 1));
        m.push_back(set(s + ".cursor", -1));
        m.push_back(removed(s + ".order.5", s + ".order"));
        m.push_back(set(s + ".order.0", at(base, s + ".order.1"), s + ".order[1]"));
        m.push_back(set(s + ".order.3", samples));
        m.push_back(set(s + ".order.2", -1));
        m.push_back(set(s + ".order.2", 0.5));
        m.push_back(set(s + ".order", "0 1 2"));
        m.push_back(set(s + ".rng", 5));
        m.push_back(set(s + ".rng", "abc"));
        m.push_back(set(s + ".rng", QString(10000, QLatin1Char('1')), s + ".rng"));
        // Digits only, so only the Trainer itself can tell it is not a generator state.
        m.push_back(set(s + ".rng", "1 2 3", "rejected by a trainer"));
        m.push_back(removed(s + ".params.3", s + ".params"));
        m.push_back(set(s + ".params", QJsonArray{}));
        m.push_back(set(s + ".params.1", "layer"));
        m.push_back(removed(s + ".params.0.b"));
        m.push_back(set(s + ".params.2.bias", 0, "bias"));
        m.push_back(set(s + ".params.1.W", QJsonArray{}));
        m.push_back(set(s + ".params.1.W.rows", 9));
        m.push_back(set(s + ".params.0.W.cols", 3));
        m.push_back(set(s + ".params.3.W.rows", "1"));
        m.push_back(removed(s + ".params.1.W.data"));
        m.push_back(removed(s + ".params.1.W.data.63", s + ".params[1].W.data"));
        m.push_back(set(s + ".params.1.W.data.3", "0.5"));
        m.push_back(set(s + ".params.1.W.data.3", 1e300));
        m.push_back(set(s + ".params.1.W.data.3", -3.5e38));
        m.push_back(set(s + ".params.1.W.data.3", QJsonValue::Null));
        m.push_back(removed(s + ".params.2.b.7", s + ".params[2].b"));
        m.push_back(set(s + ".params.2.b.0", false));
        m.push_back(set(s + ".params.0.alpha", true));
        m.push_back(set(s + ".params.0.alpha", 1e39));
        m.push_back(set(s + ".first_moments.1.W.data.0", "x"));
        m.push_back(removed(s + ".first_moments.0", s + ".first_moments"));
        m.push_back(set(s + ".first_moments.3.W.cols", 7));
    }
    m.push_back(set("state.second_moments.1.b.0", -1e-9));
    m.push_back(set("state.second_moments.2.alpha", -1));
    m.push_back(removed("state.second_moments.2", "state.second_moments"));
    // A state needs its settings; compare_config may only be left out when compare is false.
    m.push_back({"compare_state", [](QJsonObject &root) {
                     root["compare"] = false;
                     root.remove("compare_config");
                 }});
    return m;
}

} // namespace

TEST(SessionFile, EveryFieldWrongOnceNamesItAndChangesNothing)
{
    const QByteArray good = sessionToJson(richSession());
    const QJsonObject base = QJsonDocument::fromJson(good).object();
    ASSERT_FALSE(base.isEmpty());
    // The mutations go through QJsonDocument; unchanged, that text must still load.
    Session check;
    ASSERT_EQ(sessionFromJson(QJsonDocument(base).toJson(), check), QString());
    ASSERT_TRUE(sameSession(check, richSession()));

    const Session before = otherSession();
    const std::vector<Mutation> mutations = everyFieldWrongOnce(base);
    for (const Mutation &mutation : mutations) {
        QJsonObject root = base;
        mutation.apply(root);
        Session out = before;
        const QString error = sessionFromJson(QJsonDocument(root).toJson(), out);
        const QString what = printed(mutation.what);
        EXPECT_TRUE(error.contains(what) || error.contains(mutation.what))
            << "expected an error naming " << what.toStdString() << ", got \""
            << error.toStdString() << "\"";
        EXPECT_FALSE(error.contains(QLatin1Char('\n'))) << error.toStdString();
        EXPECT_TRUE(sameSession(out, before)) << what.toStdString();
    }
    EXPECT_GE(mutations.size(), 150u);
}

TEST(SessionFile, NonNumbersInTheTextAreRejected)
{
    // NaN and infinities cannot be produced through QJsonValue; put them into the text directly.
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(richSession())).object();
    root = changed(root, {"state", "params", "1", "W", "data", "4"}, 123456.25).toObject();
    const QByteArray text = QJsonDocument(root).toJson();
    ASSERT_TRUE(text.contains("123456.25"));
    const Session before = otherSession();
    for (const char *bad : {"NaN", "nan", "Infinity", "-Infinity", "inf", "1e999", "-1e999",
                            "3.5e38", "0x10", "\"1\"", "1e", "--1", "1..2", "true"}) {
        QByteArray hostile = text;
        hostile.replace("123456.25", bad);
        Session out = before;
        const QString error = sessionFromJson(hostile, out);
        EXPECT_FALSE(error.isEmpty()) << bad;
        EXPECT_FALSE(error.contains(QLatin1Char('\n')));
        EXPECT_TRUE(sameSession(out, before)) << bad;
    }
    // Qt's parser is lenient about a few spellings; those must still read as what they say.
    for (const auto &[lenient, value] :
         {std::pair{".5", 0.5f}, std::pair{"1.", 1.0f}, std::pair{"1e-99999", 0.0f},
          std::pair{"-1e-46", -0.0f}, std::pair{"3.4028235e38", 3.4028235e38f}}) {
        QByteArray odd = text;
        odd.replace("123456.25", lenient);
        Session out = before;
        const QString error = sessionFromJson(odd, out);
        if (!error.isEmpty()) {
            EXPECT_TRUE(sameSession(out, before)) << lenient;
            continue;
        }
        const float read = out.state->params[1].W.data()[4];
        EXPECT_EQ(std::bit_cast<std::uint32_t>(read), std::bit_cast<std::uint32_t>(value))
            << lenient;
    }
}

TEST(SessionFile, EveryTruncationIsRejected)
{
    const QByteArray good = sessionToJson(otherSession());
    ASSERT_GT(good.size(), 1000);
    const Session before = richSession();
    const qsizetype lastBrace = good.lastIndexOf('}');
    int rejected = 0;
    for (qsizetype length = 0; length <= lastBrace; ++length) {
        Session out = before;
        const QString error = sessionFromJson(good.left(length), out);
        rejected += !error.isEmpty();
        ASSERT_FALSE(error.isEmpty()) << "prefix of " << length << " bytes was accepted";
        ASSERT_TRUE(sameSession(out, before)) << length;
    }
    EXPECT_EQ(rejected, lastBrace + 1);
}

TEST(SessionFile, HostileFilesGiveOneClearLine)
{
    QTemporaryDir dir;
    const Session before = otherSession();
    struct Case
    {
        QByteArray contents;
        QString expected;
    };
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    const std::vector<Case> cases = {
        {"", "empty"},
        {" \n\t ", "empty"},
        {"not json at all", "malformed or truncated JSON at offset 1 (line 1, column 2)"},
        {"\x89PNG\r\n\x1a\n\0\0\0", "malformed"},
        {"[1, 2, 3]", "expected a JSON object"},
        {"42", "malformed"},
        {"{}", "no \"format\" member"},
        {R"({"format":"relulab-session","version":1})", "config: missing"},
        {R"({"format":"relulab-session","version":7,"config":{},"from":"the future"})",
         "was saved by a newer ReLU Lab (format 7); this version reads format 1"},
        {R"({"format":"relulab-session","version":1,"config":{},"lesson":)" + deep + "}",
         "nested deeper than 16 levels at offset"},
        {R"({"format":"relulab-session","version":1,"config":{},"lesson":"[[[[[[[[[[[[[[[[[[[["})",
         "lesson: unknown lesson"},
        {R"({"format":"relulab-session","version":1,"config":{"depth":2,"depth":300}})", "depth"},
    };
    for (const Case &c : cases) {
        const QString path = dir.filePath(QStringLiteral("hostile.relulab"));
        ASSERT_TRUE(writeAll(path, c.contents));
        Session out = before;
        const QString error = loadSession(path, out);
        EXPECT_TRUE(error.startsWith(path + QStringLiteral(": "))) << error.toStdString();
        EXPECT_TRUE(error.contains(c.expected)) << error.toStdString();
        EXPECT_FALSE(error.contains(QLatin1Char('\n'))) << error.toStdString();
        EXPECT_TRUE(sameSession(out, before)) << c.expected.toStdString();
    }

    Session out = before;
    EXPECT_EQ(loadSession(dir.filePath("missing.relulab"), out),
              dir.filePath("missing.relulab") + ": cannot open: no such file");
    EXPECT_EQ(loadSession(dir.path(), out), dir.path() + ": cannot open: is a folder");
    EXPECT_FALSE(loadSession(QString(), out).isEmpty());
    EXPECT_TRUE(sameSession(out, before));
}

// A hostile file cannot forge lines or terminal escapes: every string it quotes back is escaped.
TEST(SessionFile, ControlCharactersInAFieldAreEscapedOnOneLine)
{
    auto hasControl = [](const QString &text) {
        return std::any_of(text.begin(), text.end(), [](QChar c) {
            return c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f);
        });
    };
    QTemporaryDir dir;
    const Session before = otherSession();
    const QByteArray head = R"({"format":"relulab-session","version":1,)";
    const std::vector<std::pair<QByteArray, QString>> cases = {
        {head + R"("config":{},"lesson":"x\n\u001b[31mFAKE: saved"})",
         R"(lesson: unknown lesson "x\n\e[31mFAKE: saved")"},
        {head + R"("config":{"activation":"relu\u001b[2J\r"}})",
         R"(config.activation: unknown value "relu\e[2J\r")"},
        {head + R"("config":{},"a\nb\u0085":1})", R"(session: unknown member "a\nb\u0085")"},
        {R"({"format":"relulab-session\u0007\u202e","version":1,"config":{}})",
         R"(format is the string "relulab-session\x07\u202E")"},
    };
    for (const auto &[contents, expected] : cases) {
        const QString path = dir.filePath(QStringLiteral("hostile.relulab"));
        ASSERT_TRUE(writeAll(path, contents));
        Session out = before;
        const QString error = loadSession(path, out);
        EXPECT_TRUE(error.contains(expected)) << error.toStdString();
        EXPECT_FALSE(hasControl(error)) << error.toStdString();
        EXPECT_TRUE(sameSession(out, before)) << expected.toStdString();
    }
    // The file name is outside input too.
    Session out = before;
    EXPECT_EQ(loadSession(dir.filePath("evil\n\x1b[1mname.relulab"), out),
              dir.path() + R"(/evil\n\e[1mname.relulab: cannot open: no such file)");
}

TEST(SessionFile, FilesOverTheSizeLimitAreRejectedUnread)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.relulab"));
    // Valid JSON padded with spaces: only the size can reject it.
    QByteArray huge = R"({"format":"relulab-session","version":1,"config":{}})";
    huge += QByteArray(kMaxSessionBytes + 1 - huge.size(), ' ');
    ASSERT_TRUE(writeAll(path, huge));
    const Session before = otherSession();
    Session out = before;
    EXPECT_EQ(loadSession(path, out), path + ": larger than 64.0 MiB, too big for a session file");
    EXPECT_TRUE(sameSession(out, before));
    huge.chop(1); // exactly at the limit is still read
    EXPECT_EQ(sessionFromJson(huge, out), QString());
}

TEST(SessionFile, CommittedFormatOneFileStillLoads)
{
    // A file written by the first version of the format; later versions must keep reading it.
    const QString path = QStringLiteral(RELULAB_SESSION_TEST_DATA "/format-1.relulab");
    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_EQ(loaded.config.activation, Activation::LeakyRelu);
    EXPECT_EQ(loaded.config.depth, 2);
    EXPECT_EQ(loaded.config.width, 3);
    EXPECT_TRUE(loaded.compare);
    EXPECT_EQ(loaded.compareConfig.activation, Activation::Relu);
    EXPECT_EQ(loaded.lesson, QStringLiteral("dying-relu"));
    EXPECT_EQ(loaded.unlockedKeys, QStringList{QStringLiteral("alpha")});
    EXPECT_TRUE(loaded.view.darkTheme);
    ASSERT_TRUE(loaded.state.has_value());
    EXPECT_EQ(loaded.state->step, 10);
    EXPECT_FALSE(loaded.compareState.has_value());
    Trainer trainer(loaded.config);
    EXPECT_TRUE(trainer.restoreState(*loaded.state));
    EXPECT_EQ(trainer.train(5), 5);
    // Written again and read back, it is the same session: keys added to the config since
    // (standardize) take their defaults, and nothing that was in the file is lost.
    Session again;
    ASSERT_EQ(sessionFromJson(sessionToJson(loaded), again), QString());
    EXPECT_EQ(sessionToJson(again), sessionToJson(loaded));
    EXPECT_EQ(again.config, loaded.config);
    EXPECT_EQ(again.state->params.back().W, loaded.state->params.back().W);
}

namespace {

// A folder holding a previous session that every failed save must leave byte for byte.
struct PreviousFile
{
    QTemporaryDir dir;
    QString path;
    QByteArray bytes;

    PreviousFile()
    {
        path = dir.filePath(QStringLiteral("class.relulab"));
        EXPECT_EQ(saveSession(path, otherSession()), QString());
        bytes = readAll(path);
    }
    // Intact, and no temporary file left behind.
    void expectIntact() const
    {
        EXPECT_EQ(readAll(path), bytes);
        EXPECT_EQ(entries(dir.path()), QStringList{QStringLiteral("class.relulab")});
    }
};

} // namespace

TEST(SessionFile, SavingReplacesAtomically)
{
    PreviousFile previous;
    const Session next = richSession();
    ASSERT_EQ(saveSession(previous.path, next), QString());
    EXPECT_EQ(readAll(previous.path), sessionToJson(next));
    EXPECT_EQ(entries(previous.dir.path()), QStringList{QStringLiteral("class.relulab")});
}

TEST(SessionFile, SaveIntoMissingFolderOrUnderAFileFails)
{
    PreviousFile previous;
    const QString missing = previous.dir.filePath(QStringLiteral("no-such-folder/s.relulab"));
    EXPECT_EQ(saveSession(missing, richSession()),
              "cannot save " + missing + ": the folder " +
                  previous.dir.filePath(QStringLiteral("no-such-folder")) + " does not exist");
    const QString underFile = previous.path + QStringLiteral("/s.relulab");
    EXPECT_EQ(saveSession(underFile, richSession()),
              "cannot save " + underFile + ": " + previous.path + " is not a folder");
    EXPECT_EQ(saveSession(previous.dir.path(), richSession()),
              "cannot save " + previous.dir.path() + ": it is a folder");
    EXPECT_FALSE(saveSession(QString(), richSession()).isEmpty());
    previous.expectIntact();
}

TEST(SessionFile, SaveToDevFullFailsAndLeavesTheDeviceAlone)
{
    // QSaveFile would write /dev/full.XXXXXX and rename it over the device when run as root.
    struct stat before
    {};
    ASSERT_EQ(::stat("/dev/full", &before), 0);
    ASSERT_TRUE(S_ISCHR(before.st_mode));
    EXPECT_EQ(saveSession(QStringLiteral("/dev/full"), richSession()),
              QStringLiteral("cannot save /dev/full: not a regular file"));
    // The same through a symbolic link the user might have picked.
    QTemporaryDir dir;
    const QString link = dir.filePath(QStringLiteral("full.relulab"));
    ASSERT_TRUE(QFile::link(QStringLiteral("/dev/full"), link));
    EXPECT_TRUE(saveSession(link, richSession()).contains("not a regular file"));
    struct stat after
    {};
    ASSERT_EQ(::stat("/dev/full", &after), 0);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
    EXPECT_EQ(after.st_rdev, before.st_rdev);
    EXPECT_EQ(QDir(QStringLiteral("/dev"))
                  .entryList({QStringLiteral("full.*")}, QDir::System | QDir::Files | QDir::Hidden),
              QStringList{});
}

TEST(SessionFile, FullDiskDuringSaveKeepsThePreviousFile)
{
    PreviousFile previous;
    // A file size limit makes every write past 4 KiB fail (EFBIG), as a full disk does (ENOSPC),
    // without filling a real disk; the child process keeps the limit away from this one.
    const std::string error = runInChild([&] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 4096;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            return std::string("setrlimit failed");
        return saveSession(previous.path, richSession()).toStdString();
    });
    EXPECT_EQ(error.rfind("cannot save " + previous.path.toStdString() + ": ", 0), 0u) << error;
    EXPECT_NE(error.find("File too large"), std::string::npos) << error;
    previous.expectIntact();
}

TEST(SessionFile, UnwritableFolderOrFileKeepsThePreviousFile)
{
    PreviousFile previous;
    const QString folder = previous.dir.path();
    constexpr auto readOnly = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup |
                              QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    ASSERT_TRUE(QFile::setPermissions(folder, readOnly));
    // Root writes anywhere; drop to nobody in a child so permissions apply.
    auto saveAsNobody = [&](const QString &path) {
        return runInChild([&] {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                return std::string("cannot drop privileges");
            return saveSession(path, richSession()).toStdString();
        });
    };
    // The file itself is writable, but an atomic save needs the folder too.
    ASSERT_TRUE(QFile::setPermissions(previous.path, QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ReadGroup | QFile::WriteGroup |
                                                         QFile::ReadOther | QFile::WriteOther));
    EXPECT_EQ(saveAsNobody(previous.path), "cannot save " + previous.path.toStdString() +
                                               ": the folder " + folder.toStdString() +
                                               " is not writable");
    const QString fresh = previous.dir.filePath(QStringLiteral("new.relulab"));
    EXPECT_EQ(saveAsNobody(fresh), "cannot save " + fresh.toStdString() + ": the folder " +
                                       folder.toStdString() + " is not writable");
    // A writable folder with a read-only previous file: QSaveFile refuses to replace it.
    ASSERT_TRUE(QFile::setPermissions(folder, readOnly | QFile::WriteOwner | QFile::WriteGroup |
                                                  QFile::WriteOther));
    ASSERT_TRUE(QFile::setPermissions(previous.path,
                                      QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const std::string error = saveAsNobody(previous.path);
    EXPECT_EQ(error.rfind("cannot save " + previous.path.toStdString() + ": ", 0), 0u) << error;
    EXPECT_NE(error.find("not writable"), std::string::npos) << error;
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile::setPermissions(previous.path, QFile::ReadOwner | QFile::WriteOwner);
    previous.expectIntact();
}

TEST(SessionFile, LargeNetworksFitOrAreRefusedBeforeWriting)
{
    // The header's promise: a 50 × 256 network's parameters fit under the limit ...
    TrainingConfig big;
    big.depth = 50;
    big.width = 256;
    big.optimizer = Optimizer::Sgd;
    Session s;
    s.config = big;
    {
        Trainer t(big);
        t.train(1);
        s.state = t.state();
    }
    PreviousFile previous;
    const QString path = previous.dir.filePath(QStringLiteral("big.relulab"));
    ASSERT_EQ(saveSession(path, s), QString());
    const qint64 size = QFileInfo(path).size();
    EXPECT_LT(size, kMaxSessionBytes * 3 / 4) << size;
    Session loaded;
    ASSERT_EQ(loadSession(path, loaded), QString());
    EXPECT_TRUE(sameSession(s, loaded));
    QFile::remove(path);

    // ... but with Adam's two moments it is refused before anything is written.
    s.config.optimizer = Optimizer::Adam;
    Trainer adam(s.config);
    adam.train(1);
    s.state = adam.state();
    const QString error = saveSession(previous.path, s);
    EXPECT_TRUE(error.contains("over the 64.0 MiB a session file may have")) << error.toStdString();
    previous.expectIntact();
}
