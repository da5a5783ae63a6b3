// SPDX-License-Identifier: MIT
// relulab-cli export: the GUI's plots rendered offscreen into a folder.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "message_quote.h"
#include "offscreen_export.h"

#include <QDir>
#include <QFileInfo>

namespace relulab {

bool cliHasExport()
{
    return true;
}

int runExport(const CliOptions &options)
{
    // parseCliArguments checked that the folder exists or its parent takes a new one.
    const bool created = !QFileInfo::exists(options.outDir);
    if (created && !QDir().mkdir(options.outDir)) {
        printError(QStringLiteral("--out %1: cannot create the directory")
                       .arg(escapedForMessage(options.outDir)));
        return kExitBadInput;
    }
    const QString error = exportPlots(options.config, options.steps, options.outDir, options.scale,
                                      options.compare ? &options.compareConfig : nullptr);
    if (!error.isEmpty()) {
        if (created)
            QDir().rmdir(options.outDir); // only if empty: never removes anything else
        printError(error);
        return kExitBadInput;
    }
    printOut(QStringLiteral("wrote the eight plots (network.png and timeline.png among them), "
                            "dashboard.png and config.json into %1\n")
                 .arg(QDir::toNativeSeparators(options.outDir)));
    return kExitOk;
}

} // namespace relulab
