// SPDX-License-Identifier: MIT
#include "plot_base.h"

#include "plot_exporter.h"
#include "training_frame.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace relulab {

PlotBase::PlotBase(QWidget *parent) : QCustomPlot(parent)
{
    // Live plots re-range on every frame, so dragging or zooming would be undone at once.
    setInteractions(QCP::Interactions());
    setMinimumSize(320, 240);
    // Reached with Tab, so a screen reader reads the title and what the plot shows now; never
    // by a click, which would take the focus from the control being used (and Space with it).
    setFocusPolicy(Qt::TabFocus);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &PlotBase::showContextMenu);
    connect(this, &QCustomPlot::afterLayout, this, &PlotBase::fitAxisText);
}

void PlotBase::fitAxisText()
{
    bool changed = false;
    if (m_titleElement) {
        // A title line wider than the plot is shortened, never cut at both edges.
        const QFontMetrics metrics(m_titleElement->font());
        QString full = m_titleText.isEmpty() ? title() : m_titleText;
        if (m_titleText.isEmpty() && metrics.horizontalAdvance(full) > width() - 8)
            full = shortTitle();
        const QString shown = metrics.elidedText(full, Qt::ElideRight, width() - 8);
        if (m_titleElement->text() != shown) {
            m_titleElement->setText(shown);
            changed = true;
        }
    }
    QHash<QCPAxisTicker *, int> fits;
    for (QCPAxisRect *rect : axisRects()) {
        if (!rect->visible())
            continue;
        for (QCPAxis *axis : rect->axes()) {
            if (!axis->visible())
                continue;
            const int length = axis->orientation() == Qt::Vertical ? rect->height() : rect->width();
            if (length <= 0)
                continue;
            changed |= fitAxisLabel(axis, length);
            changed |= thinTextTicks(axis);
            QCPAxisTicker *ticker = axis->ticker().data();
            if (ticker && !dynamic_cast<QCPAxisTickerText *>(ticker)) {
                const int n = ticksThatFit(axis, length);
                fits[ticker] = fits.contains(ticker) ? std::min(fits[ticker], n) : n;
            }
        }
    }
    changed |= fitTickCounts(fits);
    if (changed)
        replot(QCustomPlot::rpQueuedReplot);
}

bool PlotBase::fitAxisLabel(QCPAxis *axis, int length)
{
    FittedLabel &fitted = m_fittedLabels[axis];
    if (axis->label() != fitted.shown)
        fitted.full = axis->label();
    if (fitted.full.isEmpty())
        return false;
    const QFontMetrics metrics(axis->labelFont());
    QString shown = fitted.full;
    // "cross-entropy loss (log scale)" reads as "cross-entropy loss", then as "loss" (the
    // title says the rest); only then is it elided.
    static const QRegularExpression parenthetical(QStringLiteral("\\s+\\([^()]*\\)$"));
    QString bare = fitted.full;
    bare.remove(parenthetical);
    const QString lastWord = bare.section(QLatin1Char(' '), -1);
    for (const QString &candidate : {fitted.full, bare, lastWord}) {
        shown = candidate;
        if (metrics.horizontalAdvance(candidate) <= length)
            break;
    }
    shown = metrics.elidedText(shown, Qt::ElideRight, length);
    fitted.shown = shown;
    if (axis->label() == shown)
        return false;
    axis->setLabel(shown);
    return true;
}

bool PlotBase::thinTextTicks(QCPAxis *axis)
{
    auto *ticker = dynamic_cast<QCPAxisTickerText *>(axis->ticker().data());
    if (!ticker)
        return false;
    ThinnedTicks &thinned = m_thinnedTicks[ticker];
    if (ticker->ticks() != thinned.shown)
        thinned.full = ticker->ticks();
    QList<double> inRange;
    for (auto it = thinned.full.cbegin(); it != thinned.full.cend(); ++it)
        if (axis->range().contains(it.key()))
            inRange.append(it.key());
    const QFontMetrics metrics(axis->tickLabelFont());
    const bool vertical = axis->orientation() == Qt::Vertical;
    int widest = 0;
    for (const QString &text : std::as_const(thinned.full))
        widest = std::max(widest, metrics.horizontalAdvance(text));
    // Room a label needs along the axis: a line and a half up it, its width and a gap across.
    const double needed = vertical ? 1.5 * metrics.height() : widest + metrics.height();
    int every = 1;
    const auto gap = [&](int step) {
        double smallest = std::numeric_limits<double>::infinity();
        for (int i = step; i < inRange.size(); i += step)
            smallest = std::min(smallest, std::abs(axis->coordToPixel(inRange[i]) -
                                                   axis->coordToPixel(inRange[i - step])));
        return smallest;
    };
    while (every < inRange.size() - 1 && gap(every) < needed)
        every *= 2;
    QMap<double, QString> shown;
    for (int i = 0; i < inRange.size(); i += every)
        shown.insert(inRange[i], thinned.full.value(inRange[i]));
    for (auto it = thinned.full.cbegin(); it != thinned.full.cend(); ++it)
        if (!axis->range().contains(it.key()))
            shown.insert(it.key(), it.value()); // off the axis now; kept for a later range
    thinned.shown = shown;
    if (ticker->ticks() == shown)
        return false;
    ticker->setTicks(shown);
    return true;
}

int PlotBase::ticksThatFit(const QCPAxis *axis, int length)
{
    const QFontMetrics metrics(axis->tickLabelFont());
    int widest = 0;
    for (const QString &label : axis->tickVectorLabels()) // as last drawn: close enough
        widest = std::max(widest, metrics.boundingRect(label).width());
    const double needed =
        axis->orientation() == Qt::Vertical ? 1.5 * metrics.height() : widest + metrics.height();
    // QCustomPlot takes the count as a target and may draw one or two more; hence the - 2.
    return std::max(2, int(length / needed) - 2);
}

bool PlotBase::fitTickCounts(const QHash<QCPAxisTicker *, int> &fits)
{
    bool changed = false;
    for (auto it = fits.cbegin(); it != fits.cend(); ++it) {
        QCPAxisTicker *ticker = it.key();
        auto found = m_fittedTickCounts.find(ticker);
        if (found == m_fittedTickCounts.end())
            found = m_fittedTickCounts.insert(ticker, {0, -1});
        auto &[wanted, set] = *found;
        if (ticker->tickCount() != set)
            wanted = ticker->tickCount(); // asked anew (first time, or presentation scaling)
        set = std::min(wanted, it.value());
        if (ticker->tickCount() != set) {
            ticker->setTickCount(set);
            changed = true;
        }
    }
    return changed;
}

void PlotBase::finishSetup()
{
    plotLayout()->insertRow(0);
    m_titleElement = new QCPTextElement(this, title());
    plotLayout()->addElement(0, 0, m_titleElement);
    setToolTip(explanation());
    setAccessibleName(title());
    setAccessibleDescription(explanation()); // until the first frame says what it shows
    restyle();
}

void PlotBase::showTitle(const QString &text)
{
    m_titleText = text;
    setAccessibleName(text.isEmpty() ? title() : text);
    if (m_titleElement)
        m_titleElement->setText(text.isEmpty() ? title() : text);
}

void PlotBase::addContextActions(QMenu *) {}

void PlotBase::setPresentationScale(double factor)
{
    m_style = PlotStyle(factor, m_style.theme());
    // Larger labels need fewer of them: "1000 1250 1500" ran together on a projector. Each
    // ticker's own count is remembered, so leaving presentation gives it back.
    for (QCPAxisRect *rect : axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            QCPAxisTicker *ticker = axis->ticker().data();
            if (!ticker)
                continue;
            auto &[known, base] = m_baseTickCounts[axis];
            if (known != ticker) {
                known = ticker;
                base = ticker->tickCount();
                // Not a count fitTickCounts() lowered for a narrow axis: the one asked for.
                const auto fixed = m_fittedTickCounts.constFind(ticker);
                if (fixed != m_fittedTickCounts.cend() && fixed->second == base)
                    base = fixed->first;
            }
            ticker->setTickCount(factor > 1.2 ? std::max(3, int(std::lround(base * 0.75))) : base);
        }
    }
    restyle();
    replot(QCustomPlot::rpQueuedReplot);
}

void PlotBase::setTheme(Theme theme)
{
    m_style = PlotStyle(m_style.scale(), theme);
    restyle();
    replot(QCustomPlot::rpQueuedReplot);
}

void PlotBase::paintEvent(QPaintEvent *event)
{
    QCustomPlot::paintEvent(event);
    if (hasFocus()) {
        // QCustomPlot paints its buffer over the whole widget and draws no focus of its own.
        // Fusion's focus frame would tint the whole plot (it fills its rect), so the plot draws
        // an outline in the style's highlight colour, inset so the window edge cannot clip it.
        QPainter painter(this);
        const qreal width = 2 * m_style.scale();
        painter.setPen(QPen(palette().color(QPalette::Active, QPalette::Highlight), width));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2));
    }
    emit painted();
}

void PlotBase::focusInEvent(QFocusEvent *event)
{
    QCustomPlot::focusInEvent(event);
    update(); // the buffer is unchanged: repainting it with the frame is enough
}

void PlotBase::focusOutEvent(QFocusEvent *event)
{
    QCustomPlot::focusOutEvent(event);
    update();
}

void PlotBase::noteFrame(const TrainingFrame &frame)
{
    m_frameStep = frame.snapshot.step;
    updateDescription(frame);
}

void PlotBase::updateDescription(const TrainingFrame &frame)
{
    const QString text = describeFrame(frame);
    // Plots see 60 frames a second: an unchanged sentence (a paused run) is neither stored
    // again nor announced to assistive technology.
    if (text == accessibleDescription())
        return;
    setAccessibleDescription(text);
    // QWidget (Qt 6.4) stores the text without telling anyone; a screen reader on the plot
    // hears the new sentence from this event. Nothing is built while no reader listens.
    if (QAccessible::isActive()) {
        QAccessibleEvent event(this, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&event);
    }
}

void PlotBase::finishFrame()
{
    wrapLegend();
    replot(QCustomPlot::rpQueuedReplot);
}

void PlotBase::placeLegendAbove()
{
    legend->setVisible(true);
    if (QCPLayoutInset *inset = axisRect()->insetLayout(); inset->elements(false).contains(legend))
        inset->take(legend);
    // Empty columns either side take the slack, so the entries stay together, centred.
    m_legendRow = new QCPLayoutGrid;
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_legendRow);
    plotLayout()->setRowStretchFactor(0, 0.001);
    m_legendRow->expandTo(1, 3);
    m_legendRow->addElement(0, 1, legend);
    m_legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
}

void PlotBase::resizeEvent(QResizeEvent *event)
{
    QCustomPlot::resizeEvent(event);
    wrapLegend();
}

void PlotBase::wrapLegend()
{
    if (!m_legendRow)
        return;
    const int available = width() - int(24 * m_style.scale());
    // Every time: a name wrapped while the plot was narrow is unwrapped once there is room.
    wrapLongEntries(available);
    QList<int> widths;
    // itemCount() counts the cells of the legend's grid, empty ones included.
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPLayoutElement *item = legend->item(i))
            widths.append(item->minimumOuterSizeHint().width());
    const int n = int(widths.size());
    if (n == 0)
        return;
    // The most entries per line that fit; each column is as wide as its widest entry.
    auto widthFor = [&](int columns) {
        int total = legend->margins().left() + legend->margins().right() +
                    (columns - 1) * legend->columnSpacing();
        for (int c = 0; c < columns; ++c) {
            int widest = 0;
            for (int i = c; i < n; i += columns)
                widest = std::max(widest, widths[i]);
            total += widest;
        }
        return total;
    };
    int columns = n;
    while (columns > 1 && widthFor(columns) > available)
        --columns;
    if (legend->wrap() != columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

QString PlotBase::wrappedToWidth(const QString &text, const QFont &font, int width)
{
    const QFontMetrics metrics(font);
    QStringList lines;
    QString line;
    // Any whitespace, line breaks too: a name wrapped before is flowed anew.
    for (const QString &word : text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

QString PlotBase::percentText(double share)
{
    if (!std::isfinite(share))
        return tr("n/a");
    int whole = int(std::lround(100 * share));
    if (share > 0 && share < 1)
        whole = std::clamp(whole, 1, 99);
    return tr("%1%").arg(whole);
}

void PlotBase::wrapLongEntries(int available)
{
    // The plottable keeps its full name in a property: a name wrapped for a narrow plot is
    // unwrapped again when the plot grows, and a name set anew since is taken as the full one.
    static const char *const kFull = "relulabFullName";
    static const char *const kWrapped = "relulabWrappedName";
    const int room = available - legend->iconSize().width() - legend->iconTextPadding() -
                     legend->margins().left() - legend->margins().right();
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
        if (!entry)
            continue;
        QCPAbstractPlottable *plottable = entry->plottable();
        const QString name = plottable->name();
        const QString full = name == plottable->property(kWrapped).toString()
                                 ? plottable->property(kFull).toString()
                                 : name;
        const QString wrapped = wrappedToWidth(full, entry->font(), std::max(room, 1));
        plottable->setProperty(kFull, full);
        plottable->setProperty(kWrapped, wrapped);
        if (wrapped != name)
            plottable->setName(wrapped);
    }
}

void PlotBase::restyle()
{
    setBackground(QBrush(m_style.background()));
    for (QCPAxisRect *rect : axisRects())
        m_style.styleAxisRect(rect);
    m_style.styleLegend(legend);
    if (m_legendRow) {
        // A legend in the open reads as a caption line: no box.
        legend->setBorderPen(Qt::NoPen);
        legend->setBrush(Qt::NoBrush);
        legend->setColumnSpacing(int(16 * m_style.scale()));
    }
    if (m_titleElement) {
        m_titleElement->setFont(m_style.titleFont());
        m_titleElement->setTextColor(m_style.ink());
        const int pad = int(4 * m_style.scale());
        m_titleElement->setMargins(QMargins(pad, pad, pad, 0));
    }
    applyStyle();
    wrapLegend();
}

void PlotBase::copyToClipboard()
{
    const double scale = std::max(2.0, devicePixelRatioF());
    QApplication::clipboard()->setImage(toPixmap(0, 0, scale).toImage());
}

void PlotBase::exportInteractive()
{
    PlotExporter::exportInteractive(this, plotId(), window());
}

void PlotBase::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    addContextActions(&menu);
    if (!menu.isEmpty())
        menu.addSeparator();
    menu.addAction(tr("Export plot…"), this, &PlotBase::exportInteractive);
    menu.addAction(tr("Copy image"), this, &PlotBase::copyToClipboard);
    menu.exec(mapToGlobal(pos));
}

} // namespace relulab
