// SPDX-License-Identifier: MIT
#pragma once

#include "plot_style.h"

#include <QHash>
#include <QString>
#include <qcustomplot.h>

#include <cstdint>
#include <utility>

class QMenu;

namespace relulab {

struct TrainingFrame;

/// Common base of the live plots: the shared style, a title line, the one-sentence
/// explanation as tooltip, and the right-click menu (Export plot…, Copy image).
/// A subclass names its series as members, builds them in its constructor, calls finishSetup()
/// at the end of it, and replaces every series whole in setFrame().
class PlotBase : public QCustomPlot
{
    Q_OBJECT

public:
    explicit PlotBase(QWidget *parent = nullptr);

    /// Redraws the plot from `frame` (series replaced whole, then a queued replot).
    virtual void setFrame(const TrainingFrame &frame) = 0;
    /// Short stable id, also the file stem of exported PNGs ("activation", "loss", ...).
    virtual QString plotId() const = 0;
    /// The title drawn above the plot.
    virtual QString title() const = 0;
    /// The title where title() does not fit the plot's width (before it is elided).
    virtual QString shortTitle() const { return title(); }
    /// What the plot shows, in one sentence (the tooltip).
    virtual QString explanation() const = 0;
    /// What the plot shows of `frame` now, in one sentence with its numbers ("Training loss
    /// 0.412 at step 300, test loss 0.455"): a screen reader cannot see the curves, so this is
    /// the plot's accessible description, kept up to date with every frame. Called once per
    /// frame, so it builds one short string and nothing more.
    virtual QString describeFrame(const TrainingFrame &frame) const = 0;
    /// The accessible description as of the last frame (explanation() before the first).
    QString frameDescription() const { return accessibleDescription(); }

    /// Enlarges fonts, lines and markers by `factor` (1 = classroom default; presentation mode).
    void setPresentationScale(double factor);
    double presentationScale() const { return m_style.scale(); }
    /// Light or dark background, with text, axes and grid to match.
    void setTheme(Theme theme);
    Theme theme() const { return m_style.theme(); }
    /// Training step of the frame shown last, or -1 before the first frame.
    std::int64_t frameStep() const { return m_frameStep; }

signals:
    /// The widget has been painted (its latest replot is on screen).
    void painted();

public slots:
    /// Puts the plot on the clipboard as an image (white background, 2× for sharp slides).
    void copyToClipboard();
    /// Asks for format, scale, background and file name, then exports (errors in a message box).
    void exportInteractive();

protected:
    /// Call at the end of the subclass constructor: title, tooltip, style.
    void finishSetup();
    /// Draws `text` as the title line in place of title(), while a mode of the plot shows
    /// something else; an empty `text` puts title() back.
    void showTitle(const QString &text = QString());
    /// The plot's own entries of its right-click menu, put above Export and Copy (none here).
    virtual void addContextActions(QMenu *menu);
    /// Sets pens, brushes and fonts of the subclass's own series and items from style().
    virtual void applyStyle() = 0;
    /// Remembers what every plot needs from a frame, its description included; call first in
    /// setFrame().
    void noteFrame(const TrainingFrame &frame);
    /// Sets the accessible description to describeFrame(`frame`); a plot whose mode changes
    /// what it shows calls it again with the frame it redraws.
    void updateDescription(const TrainingFrame &frame);
    /// Ends setFrame(): rewraps the legend (entries may have changed) and queues a replot.
    void finishFrame();
    /// Moves the legend out of the data into a caption row under the title, where it can
    /// never hide a curve; it wraps onto more lines when the plot is narrow. Call in the
    /// constructor, before finishSetup().
    void placeLegendAbove();

    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

    const PlotStyle &style() const { return m_style; }
    /// `text` broken at spaces into lines no wider than `width` pixels in `font` (a word
    /// longer than a line keeps a line of its own).
    static QString wrappedToWidth(const QString &text, const QFont &font, int width);
    /// A share 0..1 as a whole percent for describeFrame(): "100%" only when all, "0%" only
    /// when none (0.996 reads 99%, a single dead unit of 500 reads 1%).
    static QString percentText(double share);

private:
    /// After each layout: an axis label longer than its axis loses its parenthetical, then is
    /// elided; text ticks closer than their labels need are thinned (0, 50, 100 for 0, 25, ...
    /// 100). Both come back when there is room again. Replots once if anything changed.
    void fitAxisText();
    bool fitAxisLabel(QCPAxis *axis, int length);
    bool thinTextTicks(QCPAxis *axis);
    /// How many ticks of numeric `axis` fit its `length` without their labels running together.
    static int ticksThatFit(const QCPAxis *axis, int length);
    /// Sets each numeric ticker's count to what its owner asked for, or fewer where `fits` says
    /// (per ticker, the least over the axes that use it).
    bool fitTickCounts(const QHash<QCPAxisTicker *, int> &fits);
    /// Breaks the name of every legend entry too wide for the plot onto more lines.
    void wrapLongEntries(int available);
    void restyle();
    void wrapLegend();
    void showContextMenu(const QPoint &pos);

    PlotStyle m_style;
    QCPTextElement *m_titleElement = nullptr;
    QString m_titleText;                  ///< what showTitle() was given; empty for title()
    QCPLayoutGrid *m_legendRow = nullptr; ///< set by placeLegendAbove()
    std::int64_t m_frameStep = -1;
    /// What fitAxisText() last set and the text it came from, per axis (a label or ticks set
    /// anew by the subclass since then become the full text).
    struct FittedLabel
    {
        QString full, shown;
    };
    struct ThinnedTicks
    {
        QMap<double, QString> full, shown;
    };
    QHash<QCPAxis *, FittedLabel> m_fittedLabels;
    QHash<QCPAxisTicker *, ThinnedTicks> m_thinnedTicks;
    /// Per numeric ticker: the tick count its owner asked for, and the one fitTickCount() set.
    QHash<QCPAxisTicker *, std::pair<int, int>> m_fittedTickCounts;
    /// Each axis's ticker and the tick count it had before presentation scaling.
    QHash<QCPAxis *, std::pair<QCPAxisTicker *, int>> m_baseTickCounts;
};

} // namespace relulab
