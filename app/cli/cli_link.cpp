// SPDX-License-Identifier: MIT
// relulab-cli link: the setup as a relulab://open link, checked when the options were parsed.
#include "cli_commands.h"
#include "cli_options.h"
#include "cli_output.h"
#include "setup_link.h"

namespace relulab {

int runLink(const CliOptions &options)
{
    printOut(encodeLink(options.link) + QLatin1Char('\n'));
    return kExitOk;
}

} // namespace relulab
