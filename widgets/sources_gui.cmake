# SPDX-License-Identifier: MIT
# The worker that trains off the GUI thread, and the controls that feed it.
list(APPEND RELULAB_WIDGETS_SOURCES
    alpha_control.cpp alpha_control.h
    app_settings.cpp app_settings.h
    control_panel.cpp control_panel.h
    display_names.cpp display_names.h
    explanation_panel.cpp explanation_panel.h
    frame_mailbox.cpp frame_mailbox.h
    frame_preview.cpp frame_preview.h
    plain_message.cpp plain_message.h
    stable_icon_style.cpp stable_icon_style.h
    lesson_banner.cpp lesson_banner.h
    log_slider.cpp log_slider.h
    training_diagnosis.cpp training_diagnosis.h
    thread_inbox.cpp thread_inbox.h
    training_thread.cpp training_thread.h
    training_worker.cpp training_worker.h
    compare_series.cpp compare_series.h
    compare_settings.cpp compare_settings.h
)
# The window icon at every size the desktop asks for (":/icons/..."); relulab.svg is the source.
list(APPEND RELULAB_RESOURCE_FILES
    icons/relulab-16.png
    icons/relulab-32.png
    icons/relulab-48.png
    icons/relulab-64.png
    icons/relulab-128.png
    icons/relulab-256.png
)
