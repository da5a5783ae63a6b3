// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.h"
#include "death_timeline.h"
#include "histogram.h"
#include "snapshot.h"
#include "training_config.h"
#include "training_history.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace relulab {

/// What the network computes, sampled for the output plot.
struct OutputField
{
    /// 2-D data: values[iy * resolution + ix] = P(class 1) at (x0 + ix*dx, y0 + iy*dy).
    /// 1-D data: curve of network outputs, x from x0 in `resolution` steps of dx.
    int resolution = 0;
    double x0 = 0, dx = 0, y0 = 0, dy = 0;
    std::vector<double> values;
};

/// What every hidden unit computes over the input, for the network view's small pictures.
/// Sampled on a coarse grid over the same extent as OutputField, only while the view is shown
/// and the network fits the diagram (see fitsNetworkDiagram).
struct UnitPictures
{
    /// Grid points per side (2-D data: resolution² points, row-major, iy * resolution + ix) or
    /// along x (1-D data: resolution points).
    int resolution = 0;
    bool twoD = true;
    double x0 = 0, dx = 0, y0 = 0, dy = 0;
    /// Per hidden layer: units × points, φ(z) of each unit at each grid point.
    std::vector<Eigen::MatrixXf> layers;
};

/// The weights the network view draws and a unit editor starts from (double copies of the
/// float parameters: hidden layers, then the output layer).
struct NetworkWeights
{
    std::vector<Eigen::MatrixXd> W; ///< fan_out × fan_in per layer
    std::vector<Eigen::VectorXd> b;
};

/// Whether the network view draws every unit (inputs, units and links legible) rather than the
/// layer × unit map of alive shares.
constexpr int kDiagramMaxWidth = 16;
constexpr int kDiagramMaxDepth = 10;
constexpr int kDiagramMaxInputs = 16;
inline bool fitsNetworkDiagram(int depth, int width, int inputDim)
{
    return depth <= kDiagramMaxDepth && width <= kDiagramMaxWidth && inputDim <= kDiagramMaxInputs;
}

/// An immutable picture of everything the plots draw. The worker builds one and publishes it
/// as std::shared_ptr<const TrainingFrame>; the GUI keeps only the latest.
struct TrainingFrame
{
    TrainingConfig config;
    Snapshot snapshot;                      ///< the current metrics
    TrainingHistory history;                ///< oldest first, thinned; chunks shared
    std::vector<Snapshot> recent;           ///< a few earlier snapshots, oldest first (fading)
    std::shared_ptr<const Dataset> dataset; ///< the data being fitted (shared, never copied)
    OutputField output;
    std::int64_t divergedAtStep = -1; ///< first step at which training diverged, or -1
    std::int64_t diedAtStep = -1;     ///< first step at which the network was dead, or -1
    /// Per hidden layer (index 0 = layer 1): first step at which every unit of the layer was
    /// dead, or -1; says where a dying network started.
    std::vector<std::int64_t> layerDiedAtStep;
    /// Per-layer histograms of z and W over the training set; null unless the recorder was
    /// asked for them (FrameRecorder::setDistributions), so hidden views cost nothing.
    std::shared_ptr<const LayerDistributions> distributions;
    /// Every unit's alive share over the run (the death timeline); always recorded.
    DeathTimeline timeline;
    /// The network view's data; null unless the recorder was asked for it
    /// (FrameRecorder::setNetworkView) and the network fits the diagram.
    std::shared_ptr<const UnitPictures> unitPictures;
    std::shared_ptr<const NetworkWeights> weights;
    double stepsPerSecond = 0;
    bool playing = false;
    /// The newest settings the worker refused since it last applied any: a window whose
    /// controls still show them puts them back to `config`.
    std::optional<TrainingConfig> refusedConfig;
    /// Compare mode: run B's frame (same seed and initial weights, some settings overridden),
    /// recorded at the same step; null when compare mode is off.
    std::shared_ptr<const TrainingFrame> compare;
};

using FramePtr = std::shared_ptr<const TrainingFrame>;

} // namespace relulab
