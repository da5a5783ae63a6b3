# SPDX-License-Identifier: MIT
# Per-layer distributions (the ridge plot) and the activation cost panel.
list(APPEND RELULAB_WIDGETS_SOURCES
    cost_panel.cpp cost_panel.h
    cost_runner.cpp cost_runner.h
    distribution_plot.cpp distribution_plot.h
)
list(APPEND RELULAB_RESOURCE_FILES
    lessons/cost.json
)
