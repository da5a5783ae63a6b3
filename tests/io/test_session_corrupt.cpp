// SPDX-License-Identifier: MIT
// Session files that must be refused: every field wrong once, non-numbers in the text, every
// truncation, hostile files, control characters, files over the size limit. Each gives one
// clear line and leaves the session being loaded into as it was.
#include "fault_test_support.h"
#include "json_checks.h"
#include "session_file.h"
#include "session_test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>
#include <vector>

using namespace relulab;
using namespace relulab::testing;

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
