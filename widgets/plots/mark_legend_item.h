// SPDX-License-Identifier: MIT
#pragma once

#include <qcustomplot.h>

#include <functional>

namespace relulab {

/// A legend entry for something that is not a plottable: a mark drawn by a function (a crossed
/// dark square for "dead", a dashed outline for "negative but alive") and its text. Sized and
/// styled by the legend like the plottables' entries, so it wraps in PlotBase's legend row.
class MarkLegendItem : public QCPAbstractLegendItem
{
    Q_OBJECT

public:
    /// Draws the mark into the icon rectangle it is given; none for a text-only entry.
    using Icon = std::function<void(QCPPainter *painter, const QRectF &icon)>;

    MarkLegendItem(QCPLegend *legend, const QString &text, Icon icon = {});

    QString text() const { return m_text; }

protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_text;
    Icon m_icon;
};

} // namespace relulab
