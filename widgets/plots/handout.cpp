// SPDX-License-Identifier: MIT
#include "handout.h"

#include "lesson_info.h"
#include "message_quote.h"
#include "offscreen_export.h"
#include "plot_base.h"
#include "plot_exporter.h"
#include "save_file.h"
#include "setup_link.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace relulab {

namespace {

// One device unit per logical pixel at 96 DPI, as PlotExporter::exportPdf: the plots' point-sized
// fonts then keep their proportion to the plots' pixel geometry, and text stays vector anyway.
constexpr double kDpi = 96.0;
constexpr double kMm = kDpi / 25.4;
constexpr double kMargin = 15 * kMm;
constexpr double kFooter = 8 * kMm; ///< below the content: the page line
constexpr double kSectionGap = 3.5 * kMm;
// The dashboard: two columns of plots drawn at 75 % of their logical size, each cell 88 mm
// wide and nearly square, so that a plot keeps the layout it has on a laptop screen (legend,
// ticks, labels) with room for its data, and its labels stay legible (about 6–7 pt) in print.
// Rows flow onto the next page like lines of text; the caption stays with the first row.
constexpr int kColumns = 2;
constexpr double kPlotScale = 0.75;
constexpr double kPlotAspect = 0.8; ///< height / width of a cell
constexpr double kCellGap = 2.5 * kMm;
// Ruled lines for the answer: at least a few on the page they start, then to the page's end.
constexpr double kRuleGap = 8.5 * kMm;
constexpr int kMinRules = 5;
// Sizes in points; nothing is set below 9 pt.
constexpr double kTitlePt = 18;
constexpr double kQuestionPt = 12.5;
constexpr double kHeadingPt = 11.5;
constexpr double kBodyPt = 10.5;
constexpr double kSmallPt = 9;

const SaveWording kHandoutWording{QStringLiteral("write"), true};

QString textHtml(const QString &text)
{
    // Lesson texts are plain text: paragraphs split at blank lines, lines kept.
    QStringList paragraphs;
    for (const QString &paragraph : text.trimmed().split(QStringLiteral("\n\n")))
        paragraphs << paragraph.trimmed().toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                  QStringLiteral("<br>"));
    QString html;
    for (const QString &paragraph : paragraphs)
        html += QStringLiteral("<p style=\"margin:0 0 4pt 0\">%1</p>").arg(paragraph);
    return html;
}

QString headingHtml(const QString &heading)
{
    return QStringLiteral("<p style=\"margin:0 0 3pt 0; font-size:%1pt; font-weight:700\">%2</p>")
        .arg(kHeadingPt)
        .arg(heading.toHtmlEscaped());
}

/// One flowing text section, laid out for the PDF at the content width.
struct Section
{
    std::unique_ptr<QTextDocument> doc;
    std::vector<double> lineBottoms; ///< every line's bottom, in document coordinates
};

Section makeSection(const QString &html, QPaintDevice *device, double width, bool wrapAnywhere)
{
    Section section;
    section.doc = std::make_unique<QTextDocument>();
    QTextDocument &doc = *section.doc;
    doc.documentLayout()->setPaintDevice(device);
    doc.setUseDesignMetrics(true); // advances from the font, not rounded to 96 DPI pixels
    doc.setDocumentMargin(0);
    QFont font = QApplication::font();
    font.setPointSizeF(kBodyPt);
    doc.setDefaultFont(font);
    if (wrapAnywhere) {
        // A link has no spaces: it wraps anywhere rather than running off the page.
        QTextOption option = doc.defaultTextOption();
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        doc.setDefaultTextOption(option);
    }
    doc.setHtml(html);
    doc.setTextWidth(width);
    QAbstractTextDocumentLayout *layout = doc.documentLayout();
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        // Line positions are relative to the block's layout, which sits below the block's top
        // margin (its bounding rect does not); asking for the rect lays the block out.
        layout->blockBoundingRect(block);
        const QTextLayout *lines = block.layout();
        const double top = lines->position().y();
        for (int i = 0; i < lines->lineCount(); ++i) {
            const QTextLine line = lines->lineAt(i);
            section.lineBottoms.push_back(top + line.y() + line.height());
        }
    }
    std::sort(section.lineBottoms.begin(), section.lineBottoms.end());
    return section;
}

enum class Kind
{
    Text,
    PlotRow,
    Rules,
};

/// Something placed on a page: a slice [from, to) of a section, a row of plots, or the rules.
struct Placed
{
    Kind kind;
    int page;
    double y;
    int section = -1;
    double from = 0, to = 0;
    int count = 0; ///< the row's index (PlotRow), how many rules (Rules)
};

} // namespace

HandoutText handoutText(const LessonInfo &lesson, const QString &lessonFile)
{
    HandoutText text;
    text.title = lesson.title;
    text.question = lesson.question;
    text.todo = lesson.todo;
    text.lookFor = lesson.lookFor;
    text.why = lesson.why;
    text.reference = lesson.reference;
    text.teacherNotes = lesson.teacherNotes;
    SetupLink link;
    if (lessonLink(lesson, link).isEmpty()) {
        text.setup = encodeLink(link);
        text.setupIsLink = true;
    } else {
        // A teacher's own lesson travels as its file.
        const QString file = lessonFile.isEmpty() ? QStringLiteral("FILE") : lessonFile;
        text.setup = QStringLiteral("relulab --lesson %1   (or relulab-cli handout --lesson %1 "
                                    "--out handout.pdf)")
                         .arg(file);
    }
    return text;
}

HandoutText handoutText(const TrainingConfig &config)
{
    HandoutText text;
    text.title = QApplication::translate("Handout", "ReLU Lab: the current setup");
    SetupLink link;
    link.config = config;
    if (linkProblem(link).isEmpty()) {
        text.setup = encodeLink(link);
        text.setupIsLink = true;
    } else {
        text.setup = QApplication::translate(
            "Handout", "These settings cannot travel as a link; save a session to share them.");
    }
    return text;
}

QByteArray renderHandout(const HandoutText &text, const TrainingFrame &frame, bool teacher,
                         QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return fail(QStringLiteral("cannot make a handout: the plots need a QApplication "
                                   "(QT_QPA_PLATFORM=offscreen works without a display)"));

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(QStringLiteral("ReLU Lab"));
    writer.setTitle(text.title);
    writer.setResolution(int(kDpi));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF());
    const QSizeF page = writer.pageLayout().fullRectPixels(int(kDpi)).size();
    const double width = page.width() - 2 * kMargin;
    const double top = kMargin;
    const double bottom = page.height() - kMargin - kFooter;

    // The texts, in reading order.
    auto tr = [](const char *source) { return QApplication::translate("Handout", source); };
    std::vector<Section> sections;
    auto add = [&](const QString &html, bool wrapAnywhere = false) {
        sections.push_back(makeSection(html, &writer, width, wrapAnywhere));
        return int(sections.size()) - 1;
    };
    auto titled = [&](const QString &heading, const QString &body) {
        return body.trimmed().isEmpty() ? -1 : add(headingHtml(heading) + textHtml(body));
    };
    QString head = QStringLiteral("<p style=\"margin:0 0 5pt 0; font-size:%1pt; "
                                  "font-weight:700\">%2</p>")
                       .arg(kTitlePt)
                       .arg(text.title.toHtmlEscaped());
    if (!text.question.trimmed().isEmpty())
        head += QStringLiteral("<p style=\"margin:0; font-size:%1pt; font-style:italic\">%2</p>")
                    .arg(kQuestionPt)
                    .arg(text.question.trimmed().toHtmlEscaped());
    std::vector<int> before = {add(head), titled(tr("What to do"), text.todo),
                               titled(tr("What to look for"), text.lookFor)};
    const QStringList described =
        PlotExporter::describeConfig(frame.config, frame.snapshot.step).split(QLatin1Char('\n'));
    QString firstLine = described.value(0);
    firstLine.remove(QRegularExpression(QStringLiteral("^ReLU Lab — ")));
    const int caption =
        add(QStringLiteral("<p style=\"margin:0 0 2pt 0; font-size:%1pt\"><b>%2</b> %3<br>%4</p>")
                .arg(kSmallPt)
                .arg(tr("The dashboard at step %1:").arg(frame.snapshot.step))
                .arg(firstLine.toHtmlEscaped(), described.value(1).toHtmlEscaped()));
    std::vector<int> after;
    after.push_back(add(headingHtml(text.setupIsLink ? tr("Open this setup in ReLU Lab")
                                                     : tr("Open this lesson in ReLU Lab")) +
                            QStringLiteral("<p style=\"margin:0; font-family:monospace; "
                                           "font-size:%1pt\">%2</p>")
                                .arg(kSmallPt)
                                .arg(text.setup.toHtmlEscaped()),
                        true));
    if (teacher) {
        after.push_back(titled(tr("For the teacher: why it happens"), text.why));
        after.push_back(titled(tr("For the teacher: reference"), text.reference));
        after.push_back(titled(tr("For the teacher: notes"), text.teacherNotes));
    }
    const int answerHeading = add(headingHtml(tr("Your answer")));

    // The figure: plots at their reduced logical size, in a grid under the caption.
    const std::vector<std::unique_ptr<PlotBase>> plots = makeDashboardPlots();
    const double cellWidth = (width - (kColumns - 1) * kCellGap) / kColumns;
    const QSize logical(int(std::floor(cellWidth / kPlotScale)),
                        int(std::floor(cellWidth / kPlotScale * kPlotAspect)));
    const double cellHeight = logical.height() * kPlotScale;
    showOffscreen(plots, frame, logical);
    const int rows = int((plots.size() + kColumns - 1) / kColumns);
    const double captionHeight = sections[std::size_t(caption)].doc->size().height();

    // Layout: every section flows, split only between lines, never leaving a heading alone at
    // the bottom of a page nor a single line at the top of the next; a row of plots, the caption
    // with the first row and the answer's heading with its first rules do not split.
    std::vector<Placed> placed;
    int pageIndex = 0;
    double y = top;
    auto newPage = [&] {
        ++pageIndex;
        y = top;
    };
    auto flow = [&](int index) {
        if (index < 0)
            return;
        const Section &section = sections[std::size_t(index)];
        const double total = section.doc->size().height();
        double from = 0;
        while (from < total - 0.5) {
            const double room = bottom - y;
            // Lines that fit from `from` on; a page break needs two of them (or all that remain).
            const auto firstAfter = std::upper_bound(section.lineBottoms.begin(),
                                                     section.lineBottoms.end(), from + 0.5);
            const auto fitEnd = std::upper_bound(section.lineBottoms.begin(),
                                                 section.lineBottoms.end(), from + room);
            const auto remaining = section.lineBottoms.end() - firstAfter;
            const auto fitting = fitEnd - firstAfter;
            double to = 0;
            if (total - from <= room)
                to = total;
            else if (fitting >= std::min<std::ptrdiff_t>(2, remaining) && fitting > 0)
                // No single line left over for the next page either, when this page can spare
                // one of three or more.
                to = remaining - fitting == 1 && fitting >= 3 ? *(fitEnd - 2) : *(fitEnd - 1);
            else if (y > top) {
                newPage();
                continue;
            } else {
                to = from + room; // a single line taller than a page: cannot happen with text
            }
            placed.push_back({Kind::Text, pageIndex, y, index, from, to});
            y += to - from;
            from = to;
            if (from < total - 0.5)
                newPage();
        }
        y += kSectionGap;
    };
    for (int index : before)
        flow(index);
    for (int row = 0; row < rows; ++row) {
        const double needed = cellHeight + (row == 0 ? captionHeight : 0.0);
        if (needed > bottom - y && y > top)
            newPage();
        if (row == 0) {
            placed.push_back({Kind::Text, pageIndex, y, caption, 0, captionHeight});
            y += captionHeight;
        }
        placed.push_back({Kind::PlotRow, pageIndex, y, -1, 0, 0, row});
        y += cellHeight + (row + 1 < rows ? kCellGap : kSectionGap);
    }
    for (int index : after)
        flow(index);
    const double headingHeight = sections[std::size_t(answerHeading)].doc->size().height();
    if (headingHeight + kMinRules * kRuleGap > bottom - y)
        newPage();
    placed.push_back({Kind::Text, pageIndex, y, answerHeading, 0, headingHeight});
    y += headingHeight;
    const int rules = std::max(kMinRules, int(std::floor((bottom - y) / kRuleGap)));
    placed.push_back({Kind::Rules, pageIndex, y, -1, 0, 0, rules});
    const int pages = pageIndex + 1;

    // Painting, page by page in layout order.
    QCPPainter painter;
    if (!painter.begin(&writer))
        return fail(QStringLiteral("cannot make a handout: PDF output failed"));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    auto footer = [&](int index) {
        QFont font = QApplication::font();
        font.setPointSizeF(kSmallPt);
        painter.setFont(font);
        painter.setPen(QColor(90, 90, 90));
        const QRectF line(kMargin, page.height() - kMargin - kFooter * 0.6, width, kFooter * 0.6);
        painter.drawText(line, Qt::AlignLeft | Qt::AlignBottom,
                         tr("ReLU Lab handout: %1").arg(text.title));
        painter.drawText(line, Qt::AlignRight | Qt::AlignBottom,
                         tr("page %1 of %2").arg(index + 1).arg(pages));
    };
    auto drawSlice = [&](const Section &section, double x, double at, double from, double to) {
        painter.save();
        painter.translate(x, at - from);
        painter.setPen(QColor(20, 20, 20));
        // Line by line: exactly the lines whose bottom is in the slice, each drawn once (the
        // document layout's clip also draws a line that only touches it, so a line at a page
        // break would be printed, and found by a search, twice).
        for (QTextBlock block = section.doc->begin(); block.isValid(); block = block.next()) {
            const QTextLayout *layout = block.layout();
            const QPointF position = layout->position();
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const double bottom = position.y() + line.y() + line.height();
                if (bottom > from + 0.5 && bottom <= to + 0.5)
                    line.draw(&painter, position);
            }
        }
        painter.restore();
    };
    int painted = 0;
    for (const Placed &item : placed) {
        while (painted < item.page) {
            footer(painted);
            writer.newPage();
            ++painted;
        }
        switch (item.kind) {
        case Kind::Text:
            drawSlice(sections[std::size_t(item.section)], kMargin, item.y, item.from, item.to);
            break;
        case Kind::PlotRow:
            for (std::size_t i = std::size_t(item.count) * kColumns;
                 i < plots.size() && i < std::size_t(item.count + 1) * kColumns; ++i) {
                const double x = kMargin + double(i % kColumns) * (cellWidth + kCellGap);
                painter.save();
                painter.translate(x, item.y);
                painter.scale(kPlotScale, kPlotScale);
                painter.setClipRect(QRect(QPoint(0, 0), logical));
                plots[i]->toPainter(&painter, logical.width(), logical.height());
                painter.restore();
                painter.setPen(QPen(QColor(200, 200, 200), 0.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(QRectF(x, item.y, cellWidth, cellHeight));
            }
            break;
        case Kind::Rules:
            painter.setPen(QPen(QColor(150, 150, 150), 0.6));
            for (int i = 1; i <= item.count; ++i)
                painter.drawLine(QPointF(kMargin, item.y + i * kRuleGap),
                                 QPointF(kMargin + width, item.y + i * kRuleGap));
            break;
        }
    }
    footer(painted);
    if (!painter.end())
        return fail(QStringLiteral("cannot make a handout: PDF output failed"));
    buffer.close();
    return bytes;
}

QString writeHandout(const QString &path, const HandoutText &text, const TrainingFrame &frame,
                     bool teacher)
{
    // Before rendering: a bad target is reported without the work, and nothing is written.
    if (QString error = saveTargetError(path, kHandoutWording); !error.isEmpty())
        return error;
    QString error;
    const QByteArray bytes = renderHandout(text, frame, teacher, &error);
    if (bytes.isEmpty())
        return error.isEmpty() ? QStringLiteral("cannot write %1: PDF output failed")
                                     .arg(quotedForMessage(path, kQuoteMaxPathChars))
                               : error;
    return saveFile(path, bytes, kHandoutWording);
}

} // namespace relulab
