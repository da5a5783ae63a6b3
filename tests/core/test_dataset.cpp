// SPDX-License-Identifier: MIT
#include "dataset.h"
#include "training_config.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace relulab;

namespace {

TrainingConfig configFor(DatasetKind kind, int samples = 400, double noise = 0.1,
                         std::uint64_t seed = 1)
{
    TrainingConfig c;
    c.dataset = kind;
    c.samples = samples;
    c.noise = noise;
    c.seed = seed;
    return c;
}

std::string nameOf(DatasetKind d)
{
    return std::string(datasetName(d));
}

bool sameData(const Dataset &a, const Dataset &b)
{
    return a.trainX == b.trainX && a.trainY == b.trainY && a.testX == b.testX &&
           a.testY == b.testY && a.classification == b.classification;
}

} // namespace

TEST(Dataset, NamesAndKinds)
{
    const std::vector<std::string> expected = {"moons",     "circles", "xor", "spiral",
                                               "gaussians", "abs",     "sine"};
    ASSERT_EQ(allDatasets().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const DatasetKind d = allDatasets()[i];
        EXPECT_EQ(nameOf(d), expected[i]);
        ASSERT_TRUE(parseDataset(expected[i]).has_value());
        EXPECT_EQ(*parseDataset(expected[i]), d);
        const bool regression = d == DatasetKind::Abs || d == DatasetKind::Sine;
        EXPECT_EQ(isClassification(d), !regression) << expected[i];
        EXPECT_EQ(inputDimension(d), regression ? 1 : 2) << expected[i];
    }
    EXPECT_FALSE(parseDataset("mnist").has_value());
}

TEST(Dataset, TestSplitSize)
{
    EXPECT_EQ(testSampleCount(4), 64);
    EXPECT_EQ(testSampleCount(256), 64);
    EXPECT_EQ(testSampleCount(257), 64);
    EXPECT_EQ(testSampleCount(1000), 250);
    EXPECT_EQ(testSampleCount(100000), 25000);
}

TEST(Dataset, ShapesAndValues)
{
    for (DatasetKind kind : allDatasets()) {
        for (int samples : {4, 37, 1000}) {
            const Dataset d = makeDataset(configFor(kind, samples));
            const int dim = inputDimension(kind);
            const int nTest = testSampleCount(samples);
            ASSERT_EQ(d.trainX.rows(), dim) << nameOf(kind);
            ASSERT_EQ(d.trainX.cols(), samples) << nameOf(kind);
            ASSERT_EQ(d.trainY.size(), samples) << nameOf(kind);
            ASSERT_EQ(d.testX.rows(), dim) << nameOf(kind);
            ASSERT_EQ(d.testX.cols(), nTest) << nameOf(kind);
            ASSERT_EQ(d.testY.size(), nTest) << nameOf(kind);
            EXPECT_EQ(d.inputDim(), dim);
            EXPECT_EQ(d.classification, isClassification(kind)) << nameOf(kind);
            EXPECT_TRUE(d.trainX.allFinite() && d.testX.allFinite()) << nameOf(kind);
            EXPECT_TRUE(d.trainY.allFinite() && d.testY.allFinite()) << nameOf(kind);
            // Coordinates "roughly in [-1.5, 1.5]" (noise 0.1 can push a few out a little).
            EXPECT_LT(d.trainX.cwiseAbs().maxCoeff(), 3.5) << nameOf(kind);
            if (d.classification) {
                for (Eigen::Index i = 0; i < d.trainY.size(); ++i)
                    ASSERT_TRUE(d.trainY(i) == 0.0 || d.trainY(i) == 1.0) << nameOf(kind);
                for (Eigen::Index i = 0; i < d.testY.size(); ++i)
                    ASSERT_TRUE(d.testY(i) == 0.0 || d.testY(i) == 1.0) << nameOf(kind);
            } else {
                // 1-D inputs on [-1, 1].
                EXPECT_LE(d.trainX.cwiseAbs().maxCoeff(), 1.0) << nameOf(kind);
            }
        }
    }
}

TEST(Dataset, LabelsAreBalanced)
{
    for (DatasetKind kind : allDatasets()) {
        if (!isClassification(kind))
            continue;
        const Dataset d = makeDataset(configFor(kind, 1000));
        EXPECT_NEAR(d.trainY.mean(), 0.5, 0.1) << nameOf(kind);
        EXPECT_NEAR(d.testY.mean(), 0.5, 0.1) << nameOf(kind);
        // Classes occupy different places: a sample's nearest neighbour nearly always shares
        // its label (leave-one-out 1-NN accuracy), which random labels would put at 50%.
        int agree = 0;
        for (Eigen::Index i = 0; i < d.trainX.cols(); ++i) {
            Eigen::Index nearest = -1;
            double best = 1e300;
            for (Eigen::Index j = 0; j < d.trainX.cols(); ++j) {
                const double dist = (d.trainX.col(i) - d.trainX.col(j)).squaredNorm();
                if (j != i && dist < best) {
                    best = dist;
                    nearest = j;
                }
            }
            agree += d.trainY(nearest) == d.trainY(i);
        }
        EXPECT_GT(agree / double(d.trainX.cols()), 0.8) << nameOf(kind);
    }
}

TEST(Dataset, DeterministicPerSeed)
{
    for (DatasetKind kind : allDatasets()) {
        const Dataset a = makeDataset(configFor(kind, 300, 0.2, 5));
        const Dataset b = makeDataset(configFor(kind, 300, 0.2, 5));
        EXPECT_TRUE(sameData(a, b)) << nameOf(kind);

        const Dataset c = makeDataset(configFor(kind, 300, 0.2, 6));
        EXPECT_FALSE(a.trainX == c.trainX) << nameOf(kind);
        EXPECT_FALSE(a.testX == c.testX) << nameOf(kind);

        // The test split is drawn separately, not a copy of the first training samples.
        EXPECT_FALSE(a.testX.leftCols(64) == a.trainX.leftCols(64)) << nameOf(kind);

        // Seeds far apart (2^53 - 1 is the largest allowed) work and differ too.
        const Dataset big = makeDataset(configFor(kind, 300, 0.2, 9007199254740991ULL));
        EXPECT_FALSE(a.trainX == big.trainX) << nameOf(kind);
    }
}

TEST(Dataset, NoiseChangesTheData)
{
    for (DatasetKind kind : allDatasets()) {
        const Dataset clean = makeDataset(configFor(kind, 200, 0.0));
        const Dataset noisy = makeDataset(configFor(kind, 200, 0.3));
        if (isClassification(kind))
            EXPECT_FALSE(clean.trainX == noisy.trainX) << nameOf(kind);
        else
            EXPECT_FALSE(clean.trainY == noisy.trainY) << nameOf(kind);
    }
}

TEST(Dataset, InputShiftMovesEveryInputByExactlyTheShift)
{
    for (DatasetKind kind : allDatasets()) {
        TrainingConfig base = configFor(kind, 500, 0.1, 3);
        TrainingConfig shifted = base;
        shifted.inputShift = 2.5;
        const Dataset a = makeDataset(base);
        const Dataset b = makeDataset(shifted);
        EXPECT_LT((b.trainX.array() - a.trainX.array() - 2.5).abs().maxCoeff(), 1e-12)
            << nameOf(kind);
        EXPECT_LT((b.testX.array() - a.testX.array() - 2.5).abs().maxCoeff(), 1e-12)
            << nameOf(kind);
        const Eigen::VectorXd meanShift = b.trainX.rowwise().mean() - a.trainX.rowwise().mean();
        for (Eigen::Index r = 0; r < meanShift.size(); ++r)
            EXPECT_NEAR(meanShift(r), 2.5, 1e-12) << nameOf(kind);
        // Targets do not move with the inputs.
        EXPECT_TRUE(a.trainY == b.trainY) << nameOf(kind);
        EXPECT_TRUE(a.testY == b.testY) << nameOf(kind);
    }
}

TEST(Dataset, RegressionTargetsWithoutNoise)
{
    for (DatasetKind kind : {DatasetKind::Abs, DatasetKind::Sine}) {
        const Dataset d = makeDataset(configFor(kind, 500, 0.0));
        auto target = [kind](double x) {
            return kind == DatasetKind::Abs ? std::abs(x) : std::sin(M_PI * x);
        };
        for (Eigen::Index i = 0; i < d.trainX.cols(); ++i)
            ASSERT_NEAR(d.trainY(i), target(d.trainX(0, i)), 1e-12) << nameOf(kind);
        for (Eigen::Index i = 0; i < d.testX.cols(); ++i)
            ASSERT_NEAR(d.testY(i), target(d.testX(0, i)), 1e-12) << nameOf(kind);
        // x ~ U[-1, 1]: mean 0, variance 1/3.
        EXPECT_NEAR(d.trainX.mean(), 0.0, 0.1);
        EXPECT_NEAR(d.trainX.array().square().mean(), 1.0 / 3.0, 0.05);
    }
}

TEST(Dataset, RegressionNoiseIsGaussianOnTheTarget)
{
    const Dataset d = makeDataset(configFor(DatasetKind::Sine, 20000, 0.2));
    Eigen::ArrayXd residual(d.trainY.size());
    for (Eigen::Index i = 0; i < residual.size(); ++i)
        residual(i) = d.trainY(i) - std::sin(M_PI * d.trainX(0, i));
    EXPECT_NEAR(residual.mean(), 0.0, 0.01);
    EXPECT_NEAR(std::sqrt(residual.square().mean()), 0.2, 0.01);
}

TEST(Dataset, CirclesAreARingAroundADisc)
{
    const Dataset d = makeDataset(configFor(DatasetKind::Circles, 1000, 0.0));
    double min0 = 1e9, max0 = 0, min1 = 1e9, max1 = 0;
    for (Eigen::Index i = 0; i < d.trainX.cols(); ++i) {
        const double r = d.trainX.col(i).norm();
        if (d.trainY(i) == 0.0) {
            min0 = std::min(min0, r);
            max0 = std::max(max0, r);
        } else {
            min1 = std::min(min1, r);
            max1 = std::max(max1, r);
        }
    }
    // Without noise the classes are separated by radius (whichever is inside).
    EXPECT_TRUE(max0 < min1 || max1 < min0) << "class 0 r in [" << min0 << ", " << max0
                                            << "], class 1 in [" << min1 << ", " << max1 << "]";
}

TEST(Dataset, XorLabelIsTheSignOfTheProduct)
{
    const Dataset d = makeDataset(configFor(DatasetKind::Xor, 1000, 0.0));
    int agree = 0, disagree = 0;
    for (Eigen::Index i = 0; i < d.trainX.cols(); ++i) {
        const bool positive = d.trainX(0, i) * d.trainX(1, i) > 0;
        (positive == (d.trainY(i) == 1.0) ? agree : disagree)++;
    }
    // One of the two sign conventions must hold for every sample.
    EXPECT_TRUE(agree == 0 || disagree == 0) << agree << " vs " << disagree;
}
