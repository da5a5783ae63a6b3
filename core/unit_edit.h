// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Dense>

namespace relulab {

/// A hand edit of one hidden unit (the network view's unit editor): its bias and incoming
/// weights, as Trainer::setUnit takes them.
struct UnitEdit
{
    int layer = 0; ///< 0-based hidden layer
    int unit = 0;
    double bias = 0;
    Eigen::VectorXd weights; ///< incoming, of the layer's fan-in

    bool operator==(const UnitEdit &o) const
    {
        return layer == o.layer && unit == o.unit && bias == o.bias &&
               weights.size() == o.weights.size() && weights == o.weights;
    }
};

} // namespace relulab
