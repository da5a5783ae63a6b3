// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Dense>

#include <optional>
#include <span>
#include <string_view>

namespace relulab {

struct TrainingConfig;

enum class DatasetKind
{
    Moons,     ///< 2-D, two interleaved half circles
    Circles,   ///< 2-D, a ring around a disc
    Xor,       ///< 2-D, label = sign(x·y)
    Spiral,    ///< 2-D, two interleaved spirals
    Gaussians, ///< 2-D, two Gaussian blobs
    Abs,       ///< 1-D regression, y = |x| on [-1, 1]
    Sine,      ///< 1-D regression, y = sin(pi x) on [-1, 1]
    Csv,       ///< the user's own file (TrainingConfig::dataFile); not in allDatasets()
};

/// The built-in data sets, in menu order (a CSV file is chosen by path instead).
std::span<const DatasetKind> allDatasets();
std::string_view datasetName(DatasetKind d);
std::optional<DatasetKind> parseDataset(std::string_view name);
/// For the built-in sets; a CSV file decides for itself (see Dataset::classification).
bool isClassification(DatasetKind d);
int inputDimension(DatasetKind d);

/// Samples are columns: X is inputDim × n.
struct Dataset
{
    Eigen::MatrixXd trainX;
    Eigen::VectorXd trainY; ///< 0/1 labels, or regression targets
    Eigen::MatrixXd testX;
    Eigen::VectorXd testY;
    bool classification = true;

    int inputDim() const { return int(trainX.rows()); }
};

/// Test split size for a given number of training samples.
int testSampleCount(int samples);

/// Deterministic for (dataset, samples, noise, input_shift, seed). A CSV file is split by the
/// seed into training and test samples (samples and noise do not apply); with standardize, each
/// input feature is shifted and scaled to mean 0 and standard deviation 1 on the training split.
/// Throws std::invalid_argument if a CSV file cannot be read.
Dataset makeDataset(const TrainingConfig &config);

} // namespace relulab
