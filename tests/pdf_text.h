// SPDX-License-Identifier: MIT
#pragma once
// The text of a PDF that Qt's QPdfWriter wrote, without poppler (CI installs none): every
// stream is inflated with qUncompress (zlib's format, given the 4-byte size hint it expects),
// each font's ToUnicode CMap is read, and the glyphs shown by Tj/TJ in the page content streams
// are mapped back to characters in drawing order. Whitespace is positioning in a PDF, so callers
// compare with whitespace removed (see squeezed()). Only what QPdfWriter writes is understood:
// hex strings of 2-byte glyph ids, fonts selected as /F<object> <size> Tf.

#include <QByteArray>
#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QtEndian>
#include <QtGlobal>

#include <algorithm>

namespace relulab::pdftest {

struct PdfObject
{
    QByteArray dict;   ///< the text before "stream" (or the whole object)
    QByteArray stream; ///< inflated stream bytes, empty if none
};

inline QByteArray inflate(const QByteArray &raw)
{
    // qUncompress wants the uncompressed size first, and fails when the hint is short (an image
    // compresses a hundredfold): the hint grows until it is enough, up to 256 MiB. Its warnings
    // about the short hints are dropped.
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    QByteArray out;
    for (qint64 hint = std::max<qint64>(qint64(raw.size()) * 8, 4096);
         out.isEmpty() && hint <= (qint64(1) << 28); hint *= 8) {
        QByteArray prefixed(4, '\0');
        qToBigEndian<quint32>(quint32(hint), prefixed.data());
        out = qUncompress(prefixed + raw);
    }
    qInstallMessageHandler(previous);
    return out;
}

/// Every "N 0 obj ... endobj" of `pdf`, by object number.
inline QHash<int, PdfObject> pdfObjects(const QByteArray &pdf)
{
    QHash<int, QByteArray> dicts;
    QHash<int, qsizetype> streamStarts;
    static const QRegularExpression header(QStringLiteral("(?:^|[\\r\\n])(\\d+) 0 obj"));
    const QString latin = QString::fromLatin1(pdf);
    QRegularExpressionMatchIterator it = header.globalMatch(latin);
    QHash<int, PdfObject> objects;
    struct Pending
    {
        int number;
        qsizetype start;
    };
    QList<Pending> pending;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        pending.append({match.captured(1).toInt(), match.capturedEnd()});
    }
    for (const Pending &object : pending) {
        PdfObject out;
        const qsizetype streamAt = pdf.indexOf("stream", object.start);
        const qsizetype endAt = pdf.indexOf("endobj", object.start);
        if (streamAt < 0 || (endAt >= 0 && endAt < streamAt)) {
            out.dict = pdf.mid(object.start, endAt - object.start);
            objects.insert(object.number, out);
            continue;
        }
        out.dict = pdf.mid(object.start, streamAt - object.start);
        qsizetype data = streamAt + 6;
        if (pdf.at(data) == '\r')
            ++data;
        if (pdf.at(data) == '\n')
            ++data;
        // /Length is a number or a reference to one (Qt writes it after the stream).
        static const QRegularExpression length(QStringLiteral("/Length (\\d+)( 0 R)?"));
        const QRegularExpressionMatch m = length.match(QString::fromLatin1(out.dict));
        qsizetype size = -1;
        if (m.hasMatch() && m.captured(2).isEmpty())
            size = m.captured(1).toLongLong();
        else if (m.hasMatch()) {
            const QRegularExpression value(
                QStringLiteral("(?:^|[\\r\\n])%1 0 obj\\s*(\\d+)").arg(m.captured(1)));
            const QRegularExpressionMatch v = value.match(latin);
            if (v.hasMatch())
                size = v.captured(1).toLongLong();
        }
        if (size < 0)
            size = pdf.indexOf("endstream", data) - data;
        const QByteArray raw = pdf.mid(data, size);
        out.stream = out.dict.contains("/FlateDecode") ? inflate(raw) : raw;
        objects.insert(object.number, out);
    }
    return objects;
}

/// A ToUnicode CMap: glyph code → text (bfchar and both forms of bfrange).
inline QHash<uint, QString> readCMap(const QByteArray &cmap)
{
    QHash<uint, QString> map;
    auto utf16 = [](const QString &hex) {
        QString text;
        for (qsizetype i = 0; i + 4 <= hex.size(); i += 4)
            text += QChar(char16_t(hex.mid(i, 4).toUInt(nullptr, 16)));
        return text;
    };
    const QString text = QString::fromLatin1(cmap);
    static const QRegularExpression chars(QStringLiteral("beginbfchar(.*?)endbfchar"),
                                          QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression pair(QStringLiteral("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>"));
    for (auto it = chars.globalMatch(text); it.hasNext();) {
        const QString block = it.next().captured(1);
        for (auto p = pair.globalMatch(block); p.hasNext();) {
            const QRegularExpressionMatch m = p.next();
            map.insert(m.captured(1).toUInt(nullptr, 16), utf16(m.captured(2)));
        }
    }
    static const QRegularExpression ranges(QStringLiteral("beginbfrange(.*?)endbfrange"),
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression range(QStringLiteral(
        "<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>\\s*(?:<([0-9A-Fa-f]+)>|\\[([^\\]]*)\\])"));
    static const QRegularExpression hex(QStringLiteral("<([0-9A-Fa-f]+)>"));
    for (auto it = ranges.globalMatch(text); it.hasNext();) {
        const QString block = it.next().captured(1);
        for (auto r = range.globalMatch(block); r.hasNext();) {
            const QRegularExpressionMatch m = r.next();
            const uint low = m.captured(1).toUInt(nullptr, 16);
            const uint high = m.captured(2).toUInt(nullptr, 16);
            if (!m.captured(3).isEmpty()) {
                const QString first = utf16(m.captured(3));
                for (uint code = low; code <= high && !first.isEmpty(); ++code) {
                    QString value = first;
                    value[value.size() - 1] =
                        QChar(char16_t(first.back().unicode() + (code - low)));
                    map.insert(code, value);
                }
            } else {
                uint code = low;
                for (auto h = hex.globalMatch(m.captured(4)); h.hasNext() && code <= high; ++code)
                    map.insert(code, utf16(h.next().captured(1)));
            }
        }
    }
    return map;
}

/// The text the PDF's pages show, in drawing order.
inline QString pdfText(const QByteArray &pdf)
{
    const QHash<int, PdfObject> objects = pdfObjects(pdf);
    QHash<int, QHash<uint, QString>> cmaps; // font object → its ToUnicode map
    static const QRegularExpression toUnicode(QStringLiteral("/ToUnicode (\\d+) 0 R"));
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        const QRegularExpressionMatch m = toUnicode.match(QString::fromLatin1(it->dict));
        if (m.hasMatch())
            cmaps.insert(it.key(), readCMap(objects.value(m.captured(1).toInt()).stream));
    }
    // Content streams: those that select a font.
    static const QRegularExpression op(
        QStringLiteral("/F(\\d+)\\s+[-\\d.]+\\s+Tf|<([0-9A-Fa-f]*)>\\s*Tj|\\[([^\\]]*)\\]\\s*TJ"));
    static const QRegularExpression hex(QStringLiteral("<([0-9A-Fa-f]+)>"));
    QList<int> numbers = objects.keys();
    std::sort(numbers.begin(), numbers.end());
    QString text;
    for (int number : numbers) {
        const QByteArray &stream = objects.value(number).stream;
        if (!stream.contains(" Tf"))
            continue;
        const QHash<uint, QString> *font = nullptr;
        auto show = [&](const QString &glyphs) {
            for (qsizetype i = 0; font && i + 4 <= glyphs.size(); i += 4)
                text += font->value(glyphs.mid(i, 4).toUInt(nullptr, 16));
        };
        for (auto it = op.globalMatch(QString::fromLatin1(stream)); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (!m.captured(1).isEmpty()) {
                const auto found = cmaps.constFind(m.captured(1).toInt());
                font = found == cmaps.constEnd() ? nullptr : &*found;
            } else if (!m.captured(3).isNull() && m.capturedLength(3) > 0) {
                for (auto h = hex.globalMatch(m.captured(3)); h.hasNext();)
                    show(h.next().captured(1));
            } else {
                show(m.captured(2));
            }
        }
        text += QLatin1Char('\n');
    }
    return text;
}

/// `text` without any whitespace and ligatures: how a PDF's text is compared.
inline QString squeezed(const QString &text)
{
    QString out;
    // Compatibility forms back to letters: the PDF shows the ligature "ﬁ" for "fi".
    for (const QChar c : text.normalized(QString::NormalizationForm_KC)) {
        if (!c.isSpace())
            out += c;
    }
    return out;
}

} // namespace relulab::pdftest
