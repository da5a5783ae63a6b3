// SPDX-License-Identifier: MIT
#include "offscreen_export.h"

#include "activation_plot.h"
#include "dead_neuron_plot.h"
#include "derivative_plot.h"
#include "frame_recorder.h"
#include "gradient_plot.h"
#include "loss_plot.h"
#include "network_plot.h"
#include "output_plot.h"
#include "plot_exporter.h"
#include "timeline_plot.h"
#include "trainer.h"

#include <QApplication>
#include <QPicture>
#include <QResizeEvent>

#include <algorithm>
#include <memory>
#include <vector>

namespace relulab {

namespace {

/// Snapshots along the run, enough for a smooth loss curve without measuring every step.
constexpr int kHistoryPoints = 200;
/// A finer decision-boundary grid than the live window: a figure is made once.
constexpr int kExportOutputResolution = 160;

} // namespace

std::vector<std::unique_ptr<PlotBase>> makeDashboardPlots()
{
    std::vector<std::unique_ptr<PlotBase>> plots;
    plots.push_back(std::make_unique<ActivationPlot>());
    plots.push_back(std::make_unique<DerivativePlot>());
    plots.push_back(std::make_unique<GradientPlot>());
    plots.push_back(std::make_unique<DeadNeuronPlot>());
    plots.push_back(std::make_unique<LossPlot>());
    plots.push_back(std::make_unique<OutputPlot>());
    plots.push_back(std::make_unique<NetworkPlot>());
    plots.push_back(std::make_unique<TimelinePlot>());
    return plots;
}

FramePtr trainOffscreen(const TrainingConfig &config, int steps, const TrainingConfig *compare)
{
    Trainer trainer(config);
    FrameRecorder recorder(2000, 8, kExportOutputResolution);
    std::unique_ptr<Trainer> trainerB;
    FrameRecorder recorderB(2000, 8, kExportOutputResolution);
    // A figure shows every unit it can (the window computes this only while the view is shown).
    recorder.setNetworkView(true);
    recorderB.setNetworkView(true);
    if (compare) {
        trainerB = std::make_unique<Trainer>(*compare);
        // Same starting point, so any difference is the settings' doing (unless B's shape
        // differs: then B keeps its own weights from the same seed).
        trainerB->copyWeightsFrom(trainer);
    }
    const int every = std::max(1, steps / kHistoryPoints);
    // The fading history of the gradient plot shows the last few recorded snapshots.
    auto record = [&] {
        std::shared_ptr<TrainingFrame> frame = recorder.record(trainer, 0, false);
        if (trainerB)
            frame->compare = recorderB.record(*trainerB, 0, false);
        return FramePtr(std::move(frame));
    };
    FramePtr frame = record();
    for (int done = 0; done < steps;) {
        const bool diverged = trainer.diverged() && (!trainerB || trainerB->diverged());
        if (diverged)
            break; // neither trainer does anything more
        const int chunk = std::min(every, steps - done);
        trainer.train(chunk);
        if (trainerB)
            trainerB->train(chunk);
        done += chunk;
        frame = record();
    }
    return frame;
}

void showOffscreen(const std::vector<std::unique_ptr<PlotBase>> &plots, const TrainingFrame &frame,
                   QSize size)
{
    for (const auto &plot : plots) {
        // Never shown: the widgets only lay out and render into images or a PDF.
        plot->setAttribute(Qt::WA_DontShowOnScreen);
        plot->resize(size);
        // A hidden widget gets its resize event only when shown, which these never are; the plots
        // that arrange themselves for their size (the dead-neuron panels, the network view) need
        // it now.
        QResizeEvent resized(size, QSize());
        QCoreApplication::sendEvent(plot.get(), &resized);
        plot->setFrame(frame);
        // A first pass settles what each layout adjusts after it (axis labels, tick counts, the
        // dead-neuron banner), so that the drawing that is kept has them.
        QPicture scratch;
        QCPPainter painter(&scratch);
        plot->toPainter(&painter, size.width(), size.height());
    }
}

QString exportPlots(const TrainingConfig &config, int steps, const QString &outDir, double scale,
                    const TrainingConfig *compare)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        // The plots are widgets: a QGuiApplication is not enough.
        return QStringLiteral(
            "cannot export: the plots need a QApplication (QT_QPA_PLATFORM=offscreen "
            "works without a display)");
    if (const std::string error = validateConfig(config); !error.empty())
        return QString::fromStdString(error);
    if (compare) {
        if (const std::string error = validateConfig(*compare); !error.empty())
            return QStringLiteral("run B: ") + QString::fromStdString(error);
    }
    if (steps < 0)
        return QStringLiteral("steps: expected a non-negative integer, got %1").arg(steps);
    if (!(scale >= PlotExporter::kMinScale && scale <= PlotExporter::kMaxScale))
        return QStringLiteral("scale: %1 is out of range [%2, %3]")
            .arg(scale)
            .arg(PlotExporter::kMinScale)
            .arg(PlotExporter::kMaxScale);
    // Fail before minutes of training, not after (exportAll checks again before writing).
    if (QString error = PlotExporter::checkFolder(outDir); !error.isEmpty())
        return error;

    const FramePtr frame = trainOffscreen(config, steps, compare);
    const std::vector<std::unique_ptr<PlotBase>> plots = makeDashboardPlots();
    QList<PlotBase *> list;
    showOffscreen(plots, *frame, QSize(kOffscreenPlotWidth, kOffscreenPlotHeight));
    for (const auto &plot : plots)
        list.append(plot.get());
    return PlotExporter::exportAll(list, config, outDir, scale);
}

} // namespace relulab
