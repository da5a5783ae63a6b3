// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace relulab {

/// The text of `relulab-cli --help`: usage of every command this build has, then the options.
QString cliHelpText();

} // namespace relulab
