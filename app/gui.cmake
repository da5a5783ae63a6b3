# SPDX-License-Identifier: MIT
# relulab: the live window (controls, six plots, the training thread).
# The window lives in a library without main(), so the GUI tests and benchmark drive the same code.
qt_add_library(relulab_app STATIC
    data_controller.cpp data_controller.h
    distribution_dock.cpp distribution_dock.h
    frame_meter.cpp frame_meter.h
    gui_options.cpp gui_options.h
    help_dialogs.cpp help_dialogs.h
    lesson_controller.cpp lesson_controller.h
    main_window.cpp main_window.h
    plot_grid.cpp plot_grid.h
    presentation_controller.cpp presentation_controller.h
    session_controller.cpp session_controller.h
    sweep_job.cpp sweep_job.h
    sweep_plot.cpp sweep_plot.h
    sweep_window.cpp sweep_window.h
    training_status_bar.cpp training_status_bar.h
    compare_controller.cpp compare_controller.h
    compare_dialog.cpp compare_dialog.h
)
target_include_directories(relulab_app PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_precompile_headers(relulab_app PRIVATE ${RELULAB_PCH_STD} ${RELULAB_PCH_EIGEN} ${RELULAB_PCH_QT})
target_link_libraries(relulab_app PUBLIC relulab_widgets Qt6::Widgets)
target_compile_definitions(relulab_app PRIVATE RELULAB_VERSION="${PROJECT_VERSION}")

qt_add_executable(relulab main.cpp)
target_link_libraries(relulab PRIVATE relulab_app)
target_compile_definitions(relulab PRIVATE RELULAB_VERSION="${PROJECT_VERSION}")
