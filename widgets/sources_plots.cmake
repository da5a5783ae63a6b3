# SPDX-License-Identifier: MIT
# The six live plots, their shared style, the frame recorder, and export (GUI and offscreen).
list(APPEND RELULAB_WIDGETS_SOURCES
    activation_plot.cpp activation_plot.h
    dead_neuron_plot.cpp dead_neuron_plot.h
    derivative_plot.cpp derivative_plot.h
    frame_recorder.cpp frame_recorder.h
    gradient_plot.cpp gradient_plot.h
    loss_plot.cpp loss_plot.h
    offscreen_export.cpp offscreen_export.h
    output_plot.cpp output_plot.h
    plot_base.cpp plot_base.h
    plot_exporter.cpp plot_exporter.h
    plot_style.cpp plot_style.h
    prelu_slope_overlay.cpp prelu_slope_overlay.h
)
