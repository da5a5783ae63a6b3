// SPDX-License-Identifier: MIT
#pragma once

#include "training_config.h"

#include <QString>

namespace relulab {

/// Names as a student reads them in a menu ("Leaky ReLU"), not as config keys ("leaky_relu").
QString activationDisplayName(Activation a);
QString initDisplayName(Init i);
QString datasetDisplayName(DatasetKind d);
QString optimizerDisplayName(Optimizer o);
QString precisionDisplayName(Precision p);

} // namespace relulab
