// SPDX-License-Identifier: MIT
#pragma once

#include <qcustomplot.h>

namespace relulab {

/// One heat map of alive shares on an axis rect, as the network view's layer × unit map and the
/// death timeline draw it: light orange for a unit alive on few inputs, blue for one alive on
/// all, and a dead cell unmistakably dark. Dead cells are a second, opaque map over the first,
/// so a unit alive on 0.1 % of the inputs can never be taken for a dead one (one colour map
/// puts every share below 1/levels into its lowest colour).
/// Cells are centred on whole coordinates: logical cell (k, v) at key keyFirst + k, value
/// valueFirst + v. The QCP objects belong to the plot.
class AliveShareMap
{
public:
    AliveShareMap(QCPAxis *keyAxis, QCPAxis *valueAxis);

    QCPColorMap *map() const { return m_map; }        ///< alive share per cell, 0..1
    QCPColorMap *deadCells() const { return m_dead; } ///< alpha 255 where the cell is dead

    /// `keys` × `values` cells centred on keyFirst + k and valueFirst + v (k < keys, v < values),
    /// all alive with share 0 until set. Sizes below 1 leave the maps empty.
    void setGrid(int keys, double keyFirst, double keyStep, int values, double valueFirst);
    void setCell(int k, int v, double share, bool dead);
    void clear();
    void setVisible(bool visible);
    /// Shows the alive shares with `scale`'s colour bar.
    void setColorScale(QCPColorScale *scale);

    /// The colour of alive shares from just above 0 to 1.
    static QCPColorGradient gradient();
    /// The colour of a dead cell, on either theme.
    static QColor deadColor();

private:
    QCPColorMap *m_map;
    QCPColorMap *m_dead;
    int m_keys = 0, m_values = 0;
    /// A dimension of one cell is stored twice (QCPColorMap draws nothing for one cell).
    bool m_doubleKey = false, m_doubleValue = false;
};

} // namespace relulab
