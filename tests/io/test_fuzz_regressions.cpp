// SPDX-License-Identifier: MIT
// What fuzzing found (fuzz/, scripts/fuzz) and the limits on outside input it relies on: every
// input here once hung, crashed or went unchecked, or guards a limit the issue asks for.
#include "config_json.h"
#include "csv_data.h"
#include "grid_spec.h"
#include "session_file.h"
#include "training_config.h"

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <sys/stat.h>

using namespace relulab;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    EXPECT_EQ(file.write(data), data.size());
    return path;
}

// `dataset=csv:/dev/zero` (fuzz_set_option) read without end until memory ran out: the size
// check trusted tellg(), which is 0 for a device. Now only regular files are read.
TEST(FuzzRegressions, CsvDataFromADeviceIsRefusedAtOnce)
{
    const auto start = std::chrono::steady_clock::now();
    CsvData data;
    EXPECT_EQ(loadCsvData("/dev/zero", data),
              "/dev/zero: not a regular file (a device or pipe), cannot read data from it");
    TrainingConfig config;
    const TrainingConfig before = config;
    EXPECT_EQ(setConfigValue(config, "dataset", "csv:/dev/zero"),
              "dataset: /dev/zero: not a regular file (a device or pipe), cannot read data from "
              "it");
    EXPECT_TRUE(config == before);
    GridAxis axis;
    EXPECT_NE(parseGridAxis("dataset=csv:/dev/zero", config, axis).find("not a regular file"),
              std::string::npos);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// Opening a FIFO for reading blocks until a writer comes; the check happens before open().
TEST(FuzzRegressions, CsvDataFromAPipeIsRefusedWithoutBlocking)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string fifo = dir.filePath(QStringLiteral("data.csv")).toStdString();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    CsvData data;
    EXPECT_EQ(loadCsvData(fifo, data),
              fifo + ": not a regular file (a device or pipe), cannot read data from it");
}

// A folder used to report "the file is too large (9223372036854775807 bytes ...)".
TEST(FuzzRegressions, CsvDataFromAFolderNamesTheProblem)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string path = dir.path().toStdString();
    CsvData data;
    EXPECT_EQ(loadCsvData(path, data), path + ": is a folder, not a data file");

    // A regular file still loads.
    const QString file = writeFile(dir, QStringLiteral("ok.csv"), "0,0,0\n1,1,1\n0,1,0\n1,0,1\n");
    EXPECT_EQ(loadCsvData(file.toStdString(), data), "");
    EXPECT_EQ(data.y.size(), 4);
}

// Qt's recursive JSON parser goes 1024 levels deep; a config or preset file stops at 16.
TEST(FuzzRegressions, DeeplyNestedConfigFilesAreRefusedBeforeParsing)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    TrainingConfig config;
    config.depth = 5;
    const TrainingConfig before = config;
    for (int levels : {17, 1000000}) {
        const QByteArray json =
            "{\"x\":" + QByteArray(levels - 1, '[') + QByteArray(levels - 1, ']') + "}";
        const QString path = writeFile(dir, QStringLiteral("deep.json"), json);
        const QString error = loadConfigFile(path, config);
        EXPECT_TRUE(error.startsWith(path + ": nested deeper than 16 levels at offset"))
            << error.toStdString();
        EXPECT_TRUE(error.endsWith("; not a settings file")) << error.toStdString();
        EXPECT_TRUE(config == before);
    }
    // A --json output nests a few levels and stays readable.
    const QString path =
        writeFile(dir, QStringLiteral("output.json"),
                  R"({"config": {"depth": 3}, "history": [{"layers": [[{"w": [1, 2]}]]}]})");
    EXPECT_EQ(loadConfigFile(path, config), QString());
    EXPECT_EQ(config.depth, 3);
}

TEST(FuzzRegressions, ConfigFilesOverFourMiBAreRefused)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QByteArray json = "{\"depth\": 3}";
    json += QByteArray(kMaxConfigFileBytes + 1 - json.size(), ' ');
    const QString path = writeFile(dir, QStringLiteral("big.json"), json);
    TrainingConfig config;
    EXPECT_EQ(loadConfigFile(path, config),
              path + ": larger than 4194304 bytes, too big for a config file");
    EXPECT_EQ(config.depth, TrainingConfig().depth);
}

// Out-of-range numbers in a settings file name the key and its range, never clamp.
TEST(FuzzRegressions, OutOfRangeNumbersAreRefusedWithTheRange)
{
    struct Case
    {
        QJsonObject object;
        QString error;
    };
    const Case cases[] = {
        {{{"depth", 1e300}}, "depth: 1e+300 is out of range 1..200"},
        {{{"width", 2.5}}, "width: expected an integer in 1..1024, got 2.5"},
        {{{"learning_rate", -1}}, "learning_rate: -1 is out of range [1e-06, 10]"},
        {{{"seed", 9007199254740992.0}},
         "seed: 9007199254740992 is out of range 0..9007199254740991"},
        {{{"samples", "100"}}, "samples: expected an integer in 4..100000, got the string \"100\""},
    };
    for (const Case &c : cases) {
        TrainingConfig config;
        EXPECT_EQ(applyConfigJson(config, c.object), c.error);
        EXPECT_TRUE(config == TrainingConfig());
    }
}

// Sessions: a million open brackets stop at the nesting check, and numbers out of range name
// the field.
TEST(FuzzRegressions, HostileSessionsAreRefusedWithOneLine)
{
    Session session;
    session.lesson = QStringLiteral("dying-relu");
    EXPECT_TRUE(sessionFromJson(QByteArray(1000000, '['), session)
                    .startsWith("nested deeper than 16 levels at offset 16 (line 1, column 17)"));
    const QByteArray outOfRange =
        R"({"format": "relulab-session", "version": 1, "config": {"depth": 201}})";
    EXPECT_EQ(sessionFromJson(outOfRange, session), "config.depth: 201 is out of range 1..200");
    const QByteArray future = R"({"format": "relulab-session", "version": 1e300, "config": {}})";
    EXPECT_TRUE(sessionFromJson(future, session).startsWith("version: expected an integer in"));
    EXPECT_EQ(session.lesson, QStringLiteral("dying-relu"));
}

} // namespace
