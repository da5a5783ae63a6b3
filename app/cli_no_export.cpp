// SPDX-License-Identifier: MIT
// Built instead of cli_export.cpp while widgets has no offscreen export: the command is absent.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"

namespace relulab {

bool cliHasExport()
{
    return false;
}

int runExport(const CliOptions &)
{
    printError(QStringLiteral("this build has no export command"));
    return kExitFailure;
}

} // namespace relulab
