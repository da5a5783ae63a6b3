// SPDX-License-Identifier: MIT
#include "mark_legend_item.h"

#include <algorithm>

namespace relulab {

MarkLegendItem::MarkLegendItem(QCPLegend *legend, const QString &text, Icon icon)
    : QCPAbstractLegendItem(legend), m_text(text), m_icon(std::move(icon))
{
    setSelectable(false);
}

QSize MarkLegendItem::minimumOuterSizeHint() const
{
    const QFontMetrics metrics(mFont);
    const QSize textSize = metrics.boundingRect(QRect(0, 0, 0, 0), Qt::TextDontClip, m_text).size();
    const QSize icon = m_icon ? mParentLegend->iconSize() : QSize(0, 0);
    const int gap = m_icon ? mParentLegend->iconTextPadding() : 0;
    return QSize(icon.width() + gap + textSize.width() + mMargins.left() + mMargins.right(),
                 std::max(icon.height(), textSize.height()) + mMargins.top() + mMargins.bottom());
}

void MarkLegendItem::draw(QCPPainter *painter)
{
    painter->setFont(mFont);
    painter->setPen(QPen(mTextColor));
    const QSize iconSize = m_icon ? mParentLegend->iconSize() : QSize(0, 0);
    const int gap = m_icon ? mParentLegend->iconTextPadding() : 0;
    const QRect text =
        painter->fontMetrics().boundingRect(QRect(0, 0, 0, 0), Qt::TextDontClip, m_text);
    const int textTop = mRect.y() + std::max(0, (iconSize.height() - text.height()) / 2);
    painter->drawText(mRect.x() + iconSize.width() + gap, textTop, text.width(), text.height(),
                      Qt::TextDontClip, m_text);
    if (m_icon) {
        const int iconTop = mRect.y() + std::max(0, (text.height() - iconSize.height()) / 2);
        const QRectF icon(mRect.x(), iconTop, iconSize.width(), iconSize.height());
        painter->save();
        painter->setClipRect(icon.adjusted(-2, -2, 2, 2));
        m_icon(painter, icon);
        painter->restore();
    }
}

} // namespace relulab
