// SPDX-License-Identifier: MIT
#include "alive_share_map.h"

#include "plot_style.h"

#include <algorithm>
#include <cmath>

namespace relulab {

AliveShareMap::AliveShareMap(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : m_map(new QCPColorMap(keyAxis, valueAxis)), m_dead(new QCPColorMap(keyAxis, valueAxis))
{
    for (QCPColorMap *map : {m_map, m_dead}) {
        // Crisp cells: a blurred edge between a dead and a live layer would hide the moment
        // it died.
        map->setInterpolate(false);
        map->setTightBoundary(false);
        map->removeFromLegend();
        map->setDataRange(QCPRange(0, 1));
    }
    m_map->setGradient(gradient());
    QCPColorGradient dark;
    dark.clearColorStops();
    dark.setColorStopAt(0, deadColor());
    dark.setColorStopAt(1, deadColor());
    m_dead->setGradient(dark);
}

QCPColorGradient AliveShareMap::gradient()
{
    // Orange (alive on few inputs, close to dying) through pale blue to Okabe–Ito blue (alive
    // on every input): light everywhere, so the dark dead cells stand apart from all of it.
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, PlotStyle::lighter(PlotStyle::color(Palette::Orange), 0.15));
    g.setColorStopAt(0.25, PlotStyle::lighter(PlotStyle::color(Palette::Orange), 0.7));
    g.setColorStopAt(0.55, PlotStyle::lighter(PlotStyle::color(Palette::SkyBlue), 0.45));
    g.setColorStopAt(1.0, PlotStyle::color(Palette::Blue));
    g.setLevelCount(256);
    return g;
}

QColor AliveShareMap::deadColor()
{
    // Darker than the dark theme's background (24, 24, 27) as well as far from every live colour.
    return QColor(8, 8, 8);
}

void AliveShareMap::setGrid(int keys, double keyFirst, double keyStep, int values,
                            double valueFirst)
{
    if (keys < 1 || values < 1) {
        clear();
        return;
    }
    m_keys = keys;
    m_values = values;
    m_doubleKey = keys == 1;
    m_doubleValue = values == 1;
    const double keyLast = keyFirst + (keys - 1) * keyStep;
    const QCPRange keyRange = m_doubleKey ? QCPRange(keyFirst - keyStep / 4, keyFirst + keyStep / 4)
                                          : QCPRange(keyFirst, keyLast);
    const QCPRange valueRange = m_doubleValue ? QCPRange(valueFirst - 0.25, valueFirst + 0.25)
                                              : QCPRange(valueFirst, valueFirst + values - 1);
    for (QCPColorMap *map : {m_map, m_dead}) {
        QCPColorMapData *data = map->data();
        data->setSize(m_doubleKey ? 2 : keys, m_doubleValue ? 2 : values);
        data->setRange(keyRange, valueRange);
        data->fill(map == m_dead ? 1.0 : 0.0);
    }
    m_dead->data()->fillAlpha(0);
}

void AliveShareMap::setCell(int k, int v, double share, bool dead)
{
    if (k < 0 || v < 0 || k >= m_keys || v >= m_values)
        return;
    const double value = std::isfinite(share) ? std::clamp(share, 0.0, 1.0) : 0.0;
    for (int dk = 0; dk <= int(m_doubleKey); ++dk)
        for (int dv = 0; dv <= int(m_doubleValue); ++dv) {
            m_map->data()->setCell(k + dk, v + dv, value);
            m_dead->data()->setAlpha(k + dk, v + dv, dead ? 255 : 0);
        }
}

void AliveShareMap::clear()
{
    m_keys = m_values = 0;
    m_map->data()->clear();
    m_dead->data()->clear();
}

void AliveShareMap::setVisible(bool visible)
{
    m_map->setVisible(visible);
    m_dead->setVisible(visible);
}

void AliveShareMap::setColorScale(QCPColorScale *scale)
{
    m_map->setColorScale(scale);
    // The scale took the map's gradient and range; both are the map's own again.
    m_map->setGradient(gradient());
    m_map->setDataRange(QCPRange(0, 1));
}

} // namespace relulab
