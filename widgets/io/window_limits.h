// SPDX-License-Identifier: MIT
#pragma once

// The largest run the window offers. Core allows more (relulab-cli reaches depth 200 x width
// 1024 and 100000 samples); the window stops here because these already show every effect on
// screen, and a setup from outside (a link, setup_link.h) is held to the same, so that no web
// page can make a student's laptop allocate gigabytes.
namespace relulab {

/// The depth slider's maximum (ControlPanel).
constexpr int kWindowMaxDepth = 50;
/// The width slider's maximum (ControlPanel).
constexpr int kWindowMaxWidth = 256;
/// The window has no samples control: the lessons use 256 and the sweep window offers up to
/// 1024. At the largest network a run keeps z, φ(z) and ∂L/∂z of every unit for every sample
/// and batch sample: with 1024 samples about 0.4 GB, twice that with run B of a comparison.
constexpr int kWindowMaxSamples = 1024;

} // namespace relulab
