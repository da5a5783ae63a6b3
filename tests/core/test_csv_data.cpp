// SPDX-License-Identifier: MIT
#include "csv_data.h"
#include "trainer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace relulab;

namespace {

std::string parseError(const std::string &text)
{
    CsvData data;
    data.X = Eigen::MatrixXd::Constant(1, 1, 42.0); // sentinel: must survive a failed parse
    const std::string err = parseCsvData(text, "data.csv", data);
    EXPECT_EQ(data.X(0, 0), 42.0) << "a failed parse changed the data";
    return err;
}

} // namespace

TEST(CsvData, ReadsClassificationRowsWithHeaderAndComments)
{
    CsvData data;
    const std::string text = "# my points\nx1,x2,label\n0,0,0\n1, 2 ,1\n-1;0.5;1\n2\t3\t0\n";
    ASSERT_EQ(parseCsvData(text, "data.csv", data), "");
    EXPECT_TRUE(data.classification);
    ASSERT_EQ(data.X.rows(), 2);
    ASSERT_EQ(data.X.cols(), 4);
    EXPECT_DOUBLE_EQ(data.X(1, 1), 2.0);
    EXPECT_DOUBLE_EQ(data.X(0, 2), -1.0);
    EXPECT_DOUBLE_EQ(data.y(3), 0.0);
    EXPECT_DOUBLE_EQ(data.y.sum(), 2.0);
}

TEST(CsvData, ReadsRegressionPairs)
{
    CsvData data;
    ASSERT_EQ(parseCsvData("x,y\r\n-1,1\r\n0,0\r\n0.5,0.25\r\n1,1\r\n", "f.csv", data), "");
    EXPECT_FALSE(data.classification);
    EXPECT_EQ(data.X.rows(), 1);
    EXPECT_DOUBLE_EQ(data.y(2), 0.25);
}

TEST(CsvData, NamesTheLineOfEveryBadRow)
{
    EXPECT_EQ(parseError("0,0,0\n1,1,1\n2,2\n3,3,1\n"),
              "data.csv, line 3: expected 3 columns like the first row, found 2");
    EXPECT_EQ(parseError("0,0,0\n1,abc,1\n"), "data.csv, line 2: \"abc\" is not a number");
    EXPECT_EQ(parseError("0,0,0\n1,1,2\n"), "data.csv, line 2: the label must be 0 or 1, found 2");
    EXPECT_EQ(parseError("1,2,3,4\n"),
              "data.csv, line 1: expected 2 columns (x,y) or 3 columns (x1,x2,label), found 4");
    EXPECT_EQ(parseError("0,0,nan\n"), "data.csv, line 1: \"nan\" is not a number");
    EXPECT_EQ(parseError("0,0,1e999\n"), "data.csv, line 1: \"1e999\" is not a number");
}

TEST(CsvData, RejectsEmptyTinyAndSingleClassFiles)
{
    EXPECT_NE(parseError("").find("no data rows"), std::string::npos);
    EXPECT_NE(parseError("x1,x2,label\n# nothing\n").find("no data rows"), std::string::npos);
    EXPECT_NE(parseError("0,0,1\n1,1,1\n").find("need at least 4"), std::string::npos);
    EXPECT_EQ(parseError("0,0,1\n1,1,1\n2,2,1\n3,3,1\n"),
              "data.csv: every row has label 1; a classifier needs both classes");
}

TEST(CsvData, RefusesHugeAndMissingFiles)
{
    CsvData data;
    EXPECT_NE(loadCsvData("/nonexistent/dir/data.csv", data).find("cannot open"),
              std::string::npos);
    const std::string path = testing::TempDir() + "relulab_huge.csv";
    {
        std::ofstream out(path);
        const std::string row = "0.123456789,0.987654321,1\n";
        for (std::size_t written = 0; written <= kMaxCsvBytes; written += row.size())
            out << row;
    }
    EXPECT_NE(loadCsvData(path, data).find("too large"), std::string::npos);
    std::remove(path.c_str());
}

TEST(CsvData, TrainsFromAFileNamedInTheConfig)
{
    const std::string path = testing::TempDir() + "relulab_points.csv";
    {
        std::ofstream out(path);
        out << "x1,x2,label\n";
        // Two clusters far from the origin: standardisation must bring them back.
        for (int i = 0; i < 50; ++i)
            out << 100 + (i % 7) * 0.1 << "," << 50 + (i % 5) * 0.1 << ",0\n"
                << 103 + (i % 7) * 0.1 << "," << 53 + (i % 5) * 0.1 << ",1\n";
    }
    TrainingConfig c;
    ASSERT_EQ(setConfigValue(c, "dataset", "csv:" + path), "");
    EXPECT_EQ(c.dataset, DatasetKind::Csv);
    EXPECT_EQ(configValue(c, "dataset"), "csv:" + path);
    EXPECT_EQ(validateConfig(c), "");

    const Dataset data = makeDataset(c);
    EXPECT_EQ(data.trainX.cols() + data.testX.cols(), 100);
    EXPECT_EQ(data.testX.cols(), 20);
    EXPECT_TRUE(data.classification);
    EXPECT_NEAR(data.trainX.row(0).mean(), 0.0, 1e-12);
    EXPECT_EQ(makeDataset(c).trainX, data.trainX) << "the split must follow the seed";

    c.standardize = false;
    EXPECT_GT(makeDataset(c).trainX.row(0).mean(), 99.0);
    c.standardize = true;

    c.batchSize = 16; // smaller than the file: minibatches over the file's own size
    Trainer trainer(c);
    trainer.train(300);
    const Snapshot s = trainer.snapshot();
    EXPECT_GT(s.accuracy, 0.95);
    std::remove(path.c_str());
}

TEST(CsvData, ABadFileIsRefusedWhereItIsNamed)
{
    const std::string path = testing::TempDir() + "relulab_bad.csv";
    {
        std::ofstream out(path);
        out << "0,0,0\n1,1,1\n2,oops,0\n3,3,1\n";
    }
    TrainingConfig c;
    const std::string err = setConfigValue(c, "dataset", "csv:" + path);
    EXPECT_EQ(err, "dataset: " + path + ", line 3: \"oops\" is not a number");
    EXPECT_EQ(c, TrainingConfig{});
    EXPECT_NE(setConfigValue(c, "dataset", "csv:"), "");
    EXPECT_NE(setConfigValue(c, "dataset", "csv:/no/such/file.csv").find("cannot open"),
              std::string::npos);
    std::remove(path.c_str());
}
