// SPDX-License-Identifier: MIT
#include "dataset.h"

#include "csv_data.h"
#include "seed.h"
#include "training_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace relulab {

namespace {

constexpr std::array kDatasets = {
    DatasetKind::Moons,     DatasetKind::Circles, DatasetKind::Xor,  DatasetKind::Spiral,
    DatasetKind::Gaussians, DatasetKind::Abs,     DatasetKind::Sine,
};

constexpr std::array<std::string_view, kDatasets.size() + 1> kNames = {
    "moons", "circles", "xor", "spiral", "gaussians", "abs", "sine", "csv",
};

void generate(DatasetKind kind, int n, double noise, std::mt19937_64 &rng, Eigen::MatrixXd &X,
              Eigen::VectorXd &y)
{
    const double pi = M_PI;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    const int dim = inputDimension(kind);
    X.resize(dim, n);
    y.resize(n);
    for (int i = 0; i < n; ++i) {
        // Alternate the classes so every split is balanced.
        const int label = i % 2;
        double a = 0, b = 0;
        switch (kind) {
        case DatasetKind::Moons: {
            const double t = pi * unit(rng);
            a = label == 0 ? std::cos(t) : 1.0 - std::cos(t);
            b = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
            a -= 0.5;
            b -= 0.25;
            break;
        }
        case DatasetKind::Circles: {
            const double t = 2 * pi * unit(rng);
            const double r = label == 0 ? 1.0 : 0.5;
            a = r * std::cos(t);
            b = r * std::sin(t);
            break;
        }
        case DatasetKind::Xor: {
            a = 2 * unit(rng) - 1;
            b = 2 * unit(rng) - 1;
            // Keep the label and the quadrant consistent: flip b's sign to match the label.
            if ((a * b > 0) != (label == 1))
                b = -b;
            break;
        }
        case DatasetKind::Spiral: {
            const double t = 0.1 + 0.9 * unit(rng);
            const double theta = 3.5 * pi * t + label * pi;
            a = 1.2 * t * std::cos(theta);
            b = 1.2 * t * std::sin(theta);
            break;
        }
        case DatasetKind::Gaussians: {
            const double c = label == 0 ? -0.7 : 0.7;
            a = c + 0.5 * gauss(rng);
            b = c + 0.5 * gauss(rng);
            break;
        }
        case DatasetKind::Csv:
        case DatasetKind::Abs:
        case DatasetKind::Sine: {
            const double x = 2 * unit(rng) - 1;
            X(0, i) = x;
            const double target = kind == DatasetKind::Abs ? std::abs(x) : std::sin(pi * x);
            y(i) = target + noise * gauss(rng);
            continue;
        }
        }
        X(0, i) = a + noise * gauss(rng);
        X(1, i) = b + noise * gauss(rng);
        y(i) = label;
    }
}

} // namespace

std::span<const DatasetKind> allDatasets()
{
    return kDatasets;
}

std::string_view datasetName(DatasetKind d)
{
    return kNames[size_t(d)];
}

std::optional<DatasetKind> parseDataset(std::string_view name)
{
    for (size_t i = 0; i < kDatasets.size(); ++i) {
        if (kNames[i] == name)
            return kDatasets[i];
    }
    return std::nullopt;
}

bool isClassification(DatasetKind d)
{
    return d != DatasetKind::Abs && d != DatasetKind::Sine && d != DatasetKind::Csv;
}

int inputDimension(DatasetKind d)
{
    return isClassification(d) ? 2 : 1;
}

int testSampleCount(int samples)
{
    return std::max(64, samples / 4);
}

namespace {

Dataset csvDataset(const TrainingConfig &config)
{
    CsvData csv;
    if (const std::string err = loadCsvData(config.dataFile, csv); !err.empty())
        throw std::invalid_argument(err);
    const Eigen::Index n = csv.X.cols();
    // Hold out a fifth for testing, chosen by the seed like everything else.
    std::vector<Eigen::Index> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    std::mt19937_64 rng(deriveSeed(config.seed, SeedStream::TrainData));
    std::shuffle(order.begin(), order.end(), rng);
    const Eigen::Index testCount = std::max<Eigen::Index>(1, n / 5);
    const Eigen::Index trainCount = n - testCount;

    Dataset data;
    data.classification = csv.classification;
    const Eigen::Index dim = csv.X.rows();
    data.trainX.resize(dim, trainCount);
    data.trainY.resize(trainCount);
    data.testX.resize(dim, testCount);
    data.testY.resize(testCount);
    for (Eigen::Index k = 0; k < n; ++k) {
        const Eigen::Index i = order[size_t(k)];
        if (k < trainCount) {
            data.trainX.col(k) = csv.X.col(i);
            data.trainY(k) = csv.y(i);
        } else {
            data.testX.col(k - trainCount) = csv.X.col(i);
            data.testY(k - trainCount) = csv.y(i);
        }
    }
    if (config.standardize) {
        const Eigen::VectorXd mean = data.trainX.rowwise().mean();
        Eigen::VectorXd stddev =
            ((data.trainX.colwise() - mean).array().square().rowwise().mean()).sqrt();
        // A constant feature stays constant rather than dividing by zero.
        stddev = (stddev.array() > 0).select(stddev, 1.0);
        for (Eigen::MatrixXd *X : {&data.trainX, &data.testX})
            *X = ((X->colwise() - mean).array().colwise() / stddev.array()).matrix();
    }
    return data;
}

} // namespace

Dataset makeDataset(const TrainingConfig &config)
{
    if (config.dataset == DatasetKind::Csv) {
        Dataset data = csvDataset(config);
        data.trainX.array() += config.inputShift;
        data.testX.array() += config.inputShift;
        return data;
    }
    Dataset data;
    data.classification = isClassification(config.dataset);
    std::mt19937_64 trainRng(deriveSeed(config.seed, SeedStream::TrainData));
    std::mt19937_64 testRng(deriveSeed(config.seed, SeedStream::TestData));
    generate(config.dataset, config.samples, config.noise, trainRng, data.trainX, data.trainY);
    generate(config.dataset, testSampleCount(config.samples), config.noise, testRng, data.testX,
             data.testY);
    data.trainX.array() += config.inputShift;
    data.testX.array() += config.inputShift;
    return data;
}

} // namespace relulab
