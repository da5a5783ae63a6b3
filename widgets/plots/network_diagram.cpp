// SPDX-License-Identifier: MIT
#include "network_diagram.h"

#include "plot_style.h"
#include "training_frame.h"
#include "unit_marks.h"

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

/// `values` scaled so that the largest |value| is 1 (all zeros stay zeros); non-finite → 0.
std::vector<float> normalised(const float *values, int count)
{
    float largest = 0;
    for (int i = 0; i < count; ++i)
        if (std::isfinite(values[i]))
            largest = std::max(largest, std::abs(values[i]));
    std::vector<float> out(size_t(std::max(count, 0)), 0.0f);
    for (int i = 0; i < count && largest > 0; ++i)
        out[size_t(i)] = std::isfinite(values[i]) ? values[i] / largest : 0.0f;
    return out;
}

/// A resolution² picture (row-major, iy * resolution + ix, y upwards) as an image (y down).
QImage pictureOf(const std::vector<float> &values, int resolution)
{
    QImage image(resolution, resolution, QImage::Format_RGB32);
    for (int iy = 0; iy < resolution; ++iy) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(resolution - 1 - iy));
        for (int ix = 0; ix < resolution; ++ix)
            line[ix] = unitColor(values[size_t(iy) * size_t(resolution) + size_t(ix)]);
    }
    return image;
}

/// What one row of values becomes: a picture (2-D) or a curve (1-D).
UnitDrawing drawingOf(const float *values, int count, int resolution, bool twoD)
{
    UnitDrawing d;
    std::vector<float> scaled = normalised(values, count);
    if (twoD && resolution >= 1 && count == resolution * resolution)
        d.image = pictureOf(scaled, resolution);
    else if (!twoD && count >= 2)
        d.curve = std::move(scaled);
    return d;
}

} // namespace

NetworkDiagram::NetworkDiagram(QCPAxisRect *rect, const PlotStyle *style)
    : QCPLayerable(rect->parentPlot(), QStringLiteral("main")), m_rect(rect), m_style(style)
{
    setAntialiased(true);
}

bool NetworkDiagram::setFrame(const TrainingFrame &frame)
{
    clear();
    const UnitPictures *pictures = frame.unitPictures.get();
    const NetworkWeights *weights = frame.weights.get();
    const auto &layers = frame.snapshot.layers;
    const size_t depth = layers.size();
    if (!pictures || !weights || depth == 0 || pictures->layers.size() != depth ||
        weights->W.size() != depth + 1)
        return false;
    // The shapes must chain: inputs → every hidden layer → output.
    for (size_t l = 0; l <= depth; ++l) {
        const Eigen::Index fanIn = l == 0 ? weights->W[0].cols() : pictures->layers[l - 1].rows();
        if (weights->W[l].cols() != fanIn ||
            (l < depth && weights->W[l].rows() != pictures->layers[l].rows()))
            return false;
    }
    m_inputs = int(weights->W.front().cols());
    m_outputs = int(weights->W.back().rows());
    if (m_inputs < 1 || m_outputs < 1)
        return false;
    m_weights = frame.weights;
    m_playing = frame.playing;
    for (const Eigen::MatrixXd &W : weights->W)
        for (Eigen::Index i = 0; i < W.size(); ++i)
            if (std::isfinite(W.data()[i]))
                m_maxAbsWeight = std::max(m_maxAbsWeight, std::abs(W.data()[i]));

    m_layers.resize(depth);
    for (size_t l = 0; l < depth; ++l) {
        const Eigen::MatrixXf &values = pictures->layers[l];
        const auto &metrics = layers[l].units;
        // Row by row: a row of a column-major matrix is not contiguous.
        std::vector<float> row(size_t(values.cols()));
        for (Eigen::Index u = 0; u < values.rows(); ++u) {
            for (Eigen::Index p = 0; p < values.cols(); ++p)
                row[size_t(p)] = values(u, p);
            UnitDrawing d =
                drawingOf(row.data(), int(row.size()), pictures->resolution, pictures->twoD);
            if (size_t(u) < metrics.size()) {
                d.dead = metrics[size_t(u)].dead;
                d.negativeAlive = metrics[size_t(u)].negative && !d.dead;
            }
            m_layers[l].push_back(std::move(d));
        }
    }
    // The output as a picture too: P(class 1) around 0.5 (2-D), the fitted curve (1-D).
    const OutputField &out = frame.output;
    if (m_outputs == 1 && out.resolution >= 2) {
        const bool twoD = out.values.size() == size_t(out.resolution) * size_t(out.resolution);
        std::vector<float> values(out.values.size());
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = float(twoD ? 2 * out.values[i] - 1 : out.values[i]);
        if (twoD) {
            // Probabilities are not rescaled: a certain network is full colour, an unsure one pale.
            m_output.image = pictureOf(values, out.resolution);
        } else if (!pictures->twoD) {
            m_output = drawingOf(values.data(), int(values.size()), out.resolution, false);
        }
    }
    return true;
}

void NetworkDiagram::clear()
{
    m_layers.clear();
    m_output = UnitDrawing();
    m_weights.reset();
    m_maxAbsWeight = 0;
    m_inputs = m_outputs = 0;
}

int NetworkDiagram::rowSlots() const
{
    int most = std::max(m_inputs, m_outputs);
    for (const auto &layer : m_layers)
        most = std::max(most, int(layer.size()));
    return std::max(most, 1);
}

double NetworkDiagram::nodeSide() const
{
    const QRect area = m_rect->rect();
    const double columnPitch = area.width() / double(std::max(columns(), 1));
    const double rowPitch = area.height() / double(rowSlots());
    // Room between columns for the links to be seen, between rows for the marks.
    return std::clamp(std::min(0.84 * rowPitch, 0.5 * columnPitch), 3.0, 110 * m_style->scale());
}

double NetworkDiagram::inputSide() const
{
    return std::min(nodeSide(), 30 * m_style->scale());
}

QPointF NetworkDiagram::centre(int column, int index, int count) const
{
    const QRect area = m_rect->rect();
    const double columnPitch = area.width() / double(std::max(columns(), 1));
    const double rowPitch = area.height() / double(rowSlots());
    return QPointF(area.left() + (column + 0.5) * columnPitch,
                   area.top() + area.height() / 2.0 + (index - (count - 1) / 2.0) * rowPitch);
}

QRectF NetworkDiagram::unitRect(int layer, int unit) const
{
    if (layer < 0 || layer >= depth() || unit < 0 || unit >= unitCount(layer))
        return QRectF();
    const double side = nodeSide();
    const QPointF c = centre(layer + 1, unit, unitCount(layer));
    return QRectF(c.x() - side / 2, c.y() - side / 2, side, side);
}

std::optional<std::pair<int, int>> NetworkDiagram::unitAt(QPointF pixel) const
{
    // A little slack around small pictures, never more than half the gap to the next one.
    const double slack = std::min(4.0 * m_style->scale(), 0.1 * nodeSide());
    for (int l = 0; l < depth(); ++l)
        for (int u = 0; u < unitCount(l); ++u)
            if (unitRect(l, u).adjusted(-slack, -slack, slack, slack).contains(pixel))
                return std::pair{l, u};
    return std::nullopt;
}

QRect NetworkDiagram::clipRect() const
{
    const int pad = int(12 * m_style->scale());
    return m_rect->rect().adjusted(-pad, -pad, pad, pad);
}

void NetworkDiagram::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

void NetworkDiagram::draw(QCPPainter *painter)
{
    if (isEmpty() || m_rect->width() < 4 || m_rect->height() < 4)
        return;
    painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
    // An export draws everything afresh at its own size.
    if (painter->modes().testFlag(QCPPainter::pmNoCaching))
        drawLinks(painter);
    else
        drawCachedLinks(painter);
    drawInputs(painter);
    const PlotStyle &style = *m_style;
    for (int l = 0; l < depth(); ++l)
        for (int u = 0; u < unitCount(l); ++u) {
            const QRectF rect = unitRect(l, u);
            const UnitDrawing &d = unit(l, u);
            drawPicture(painter, rect, d);
            if (d.dead)
                drawDeadMark(painter, rect, style);
            else if (d.negativeAlive)
                drawNegativeMark(painter, rect, style);
        }
    // The output node: a picture like the units', or a plain node.
    const double side = nodeSide();
    for (int o = 0; o < m_outputs; ++o) {
        const QPointF c = centre(depth() + 1, o, m_outputs);
        if (!m_output.image.isNull() || !m_output.curve.empty()) {
            drawPicture(painter, QRectF(c.x() - side / 2, c.y() - side / 2, side, side), m_output);
        } else {
            const double r = inputSide() / 2;
            painter->setPen(QPen(style.ink(), 1.5 * style.scale()));
            painter->setBrush(style.background());
            painter->drawEllipse(c, r, r);
        }
    }
    // Hovered, then pinned on top: a pinned unit stays marked while another is hovered.
    painter->setBrush(Qt::NoBrush);
    const double gap = 3 * style.scale();
    if (m_hovered && m_hovered != m_pinned) {
        const QRectF r = unitRect(m_hovered->first, m_hovered->second);
        if (!r.isNull()) {
            painter->setPen(QPen(style.ink(190), 2.0 * style.scale()));
            painter->drawRect(r.adjusted(-gap, -gap, gap, gap));
        }
    }
    if (m_pinned) {
        const QRectF r = unitRect(m_pinned->first, m_pinned->second);
        if (!r.isNull()) {
            painter->setPen(QPen(PlotStyle::color(Palette::ReddishPurple), 4.0 * style.scale()));
            painter->drawRect(r.adjusted(-gap - 1, -gap - 1, gap + 1, gap + 1));
        }
    }
}

void NetworkDiagram::drawLinks(QCPPainter *painter) const
{
    for (int t = 0; t <= depth(); ++t)
        drawLinks(painter, t);
}

void NetworkDiagram::drawLinks(QCPPainter *painter, int gap) const
{
    // The links of one gap between columns cross no other gap's, so each gap is drawn alone.
    if (!m_weights || gap < 0 || size_t(gap) >= m_weights->W.size())
        return;
    struct Link
    {
        double strength;
        bool positive;
        QLineF line;
    };
    std::vector<Link> links;
    const double side = nodeSide(), input = inputSide();
    const bool outputPicture = !m_output.image.isNull() || !m_output.curve.empty();
    const Eigen::MatrixXd &W = m_weights->W[size_t(gap)];
    const int from = int(W.cols()), to = int(W.rows());
    const double fromHalf = gap == 0 ? input / 2 : side / 2;
    const double toHalf = gap == depth() && !outputPicture ? input / 2 : side / 2;
    for (int j = 0; j < to; ++j)
        for (int i = 0; i < from; ++i) {
            const double w = W(j, i);
            if (!std::isfinite(w))
                continue;
            const QPointF a = centre(gap, i, from) + QPointF(fromHalf, 0);
            const QPointF b = centre(gap + 1, j, to) - QPointF(toHalf, 0);
            const double strength = m_maxAbsWeight > 0 ? std::abs(w) / m_maxAbsWeight : 0;
            links.push_back({strength, w >= 0, QLineF(a, b)});
        }
    // The strong links last, on top of the many faint ones.
    std::sort(links.begin(), links.end(),
              [](const Link &a, const Link &b) { return a.strength < b.strength; });
    // A dense layer (16 × 16 links) gets thinner links, or they hide the pictures.
    const double scale = m_style->scale();
    size_t most = 0;
    for (const Eigen::MatrixXd &W : m_weights->W)
        most = std::max(most, size_t(W.size()));
    const double widest = most > 64 ? 2.4 : 3.4;
    const QColor positive = linkColor(true, *m_style);
    const QColor negative = linkColor(false, *m_style);
    for (const Link &link : links) {
        QColor color = link.positive ? positive : negative;
        // Small weights fade out faster than they thin: the strong paths stand out.
        color.setAlpha(int(std::lround(255 * (0.06 + 0.94 * std::pow(link.strength, 1.3)))));
        QPen pen(color, scale * (0.5 + widest * link.strength));
        pen.setCapStyle(Qt::FlatCap);
        painter->setPen(pen);
        painter->drawLine(link.line);
    }
}

void NetworkDiagram::drawCachedLinks(QCPPainter *painter)
{
    const QRect area = clipRect();
    const double dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const int theme = int(m_style->theme());
    const bool outputPicture = !m_output.image.isNull() || !m_output.curve.empty();
    const size_t gaps = m_weights ? m_weights->W.size() : 0;
    const auto sameShape = [&] {
        if (m_links.size() != gaps)
            return false;
        for (size_t t = 0; t < gaps; ++t)
            if (m_weights->W[t].rows() != m_links[t].weights.rows() ||
                m_weights->W[t].cols() != m_links[t].weights.cols())
                return false;
        return true;
    };
    // Where the links go: after a change there every gap is redrawn, none is shown stale.
    const bool placeChanged = area != m_linkArea || m_style->scale() != m_linkScale ||
                              theme != m_linkTheme || outputPicture != m_linkOutputPicture ||
                              dpr != m_linkDpr || !sameShape();
    if (placeChanged) {
        m_links.assign(gaps, LinkImage());
        m_linkArea = area;
        m_linkScale = m_style->scale();
        m_linkTheme = theme;
        m_linkOutputPicture = outputPicture;
        m_linkDpr = dpr;
    }
    const auto redraw = [&](size_t t) {
        LinkImage &gap = m_links[t];
        // Links run between the two columns' nodes; the margin holds their widest pen.
        const int margin = int(std::ceil(6 * m_style->scale())) + 2;
        const double left = centre(int(t), 0, 1).x(), right = centre(int(t) + 1, 0, 1).x();
        const QRect strip = QRect(QPoint(int(std::floor(left)) - margin, area.top()),
                                  QPoint(int(std::ceil(right)) + margin, area.bottom()))
                                .intersected(area);
        gap.origin = strip.topLeft();
        gap.image =
            QImage((QSizeF(strip.size()) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
        gap.image.setDevicePixelRatio(dpr);
        gap.image.fill(Qt::transparent);
        QCPPainter imagePainter(&gap.image);
        applyDefaultAntialiasingHint(&imagePainter);
        imagePainter.translate(-strip.topLeft());
        drawLinks(&imagePainter, int(t));
        imagePainter.end();
        gap.weights = m_weights->W[t];
    };
    // Stroking every link of a large diagram costs tens of milliseconds, more than the rest of
    // the frame. While training, one gap between columns is brought up to date per frame, so
    // each follows the weights within a few frames (a change too small to see from one frame
    // to the next); a paused network's links are always its own.
    bool redrawnOne = false;
    const size_t first = m_nextLinkGap;
    for (size_t k = 0; k < gaps; ++k) {
        const size_t t = (first + k) % gaps;
        if (!m_links[t].image.isNull() && m_links[t].weights == m_weights->W[t])
            continue;
        if (m_playing && redrawnOne && !m_links[t].image.isNull())
            continue;
        redraw(t);
        if (!redrawnOne)
            m_nextLinkGap = (t + 1) % gaps;
        redrawnOne = true;
    }
    // Pixel on pixel: an antialiasing QCPPainter is shifted by half a pixel.
    painter->save();
    painter->setAntialiasing(false);
    for (const LinkImage &gap : m_links)
        painter->drawImage(gap.origin, gap.image);
    painter->restore();
}

void NetworkDiagram::drawInputs(QCPPainter *painter) const
{
    const PlotStyle &style = *m_style;
    const double r = inputSide() / 2;
    QFont font = style.tickFont();
    font.setPointSizeF(std::min(font.pointSizeF(), std::max(5.0, 0.8 * r)));
    painter->setFont(font);
    for (int i = 0; i < m_inputs; ++i) {
        const QPointF c = centre(0, i, m_inputs);
        painter->setPen(QPen(style.ink(), 1.5 * style.scale()));
        painter->setBrush(style.background());
        painter->drawEllipse(c, r, r);
        static const QString subscripts = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
        QString label = QStringLiteral("x");
        for (const QChar digit : QString::number(i + 1))
            label += subscripts[digit.digitValue()];
        if (m_inputs == 1)
            label = QStringLiteral("x");
        painter->drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, label);
    }
}

void NetworkDiagram::drawPicture(QCPPainter *painter, const QRectF &rect,
                                 const UnitDrawing &unit) const
{
    const PlotStyle &style = *m_style;
    if (!unit.image.isNull()) {
        painter->drawImage(rect, unit.image);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        painter->drawRect(rect);
    }
    if (unit.curve.size() >= 2) {
        // The curve over x, 0 in the middle: blue above, orange below, as in the 2-D pictures.
        const double mid = rect.center().y();
        const double half = rect.height() * 0.44;
        const size_t n = unit.curve.size();
        QPolygonF curve;
        curve.reserve(qsizetype(n) + 2);
        for (size_t i = 0; i < n; ++i)
            curve << QPointF(rect.left() + rect.width() * double(i) / double(n - 1),
                             mid - half * double(unit.curve[i]));
        QPolygonF area = curve;
        area << QPointF(rect.right(), mid) << QPointF(rect.left(), mid);
        painter->save();
        painter->setPen(Qt::NoPen);
        painter->setClipRect(QRectF(rect.left(), rect.top(), rect.width(), rect.height() / 2),
                             Qt::IntersectClip);
        painter->setBrush(QColor(unitColor(0.75)));
        painter->drawPolygon(area);
        painter->restore();
        painter->save();
        painter->setPen(Qt::NoPen);
        painter->setClipRect(QRectF(rect.left(), mid, rect.width(), rect.height() / 2),
                             Qt::IntersectClip);
        painter->setBrush(QColor(unitColor(-0.75)));
        painter->drawPolygon(area);
        painter->restore();
        painter->setPen(QPen(QColor(120, 120, 120), 1.0 * style.scale(), Qt::DotLine));
        painter->drawLine(QPointF(rect.left(), mid), QPointF(rect.right(), mid));
        QPen pen(QColor(20, 20, 20), std::clamp(0.05 * rect.width(), 1.0, 2.2 * style.scale()));
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(curve);
    }
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(style.ink(140), 1.0 * style.scale()));
    painter->drawRect(rect);
}

} // namespace relulab
