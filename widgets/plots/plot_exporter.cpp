// SPDX-License-Identifier: MIT
#include "plot_exporter.h"

#include "config_json.h"
#include "message_quote.h"
#include "plain_message.h"
#include "plot_base.h"
#include "save_file.h"
#include "training_config.h"

#include <QBuffer>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QStandardPaths>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace relulab {

namespace {

QString scaleError(double scale)
{
    if (std::isfinite(scale) && scale >= PlotExporter::kMinScale &&
        scale <= PlotExporter::kMaxScale)
        return {};
    return QStringLiteral("scale: %1 is out of range [%2, %3]")
        .arg(scale)
        .arg(PlotExporter::kMinScale)
        .arg(PlotExporter::kMaxScale);
}

} // namespace

QString PlotExporter::checkFolder(const QString &dir)
{
    const QFileInfo info(dir);
    if (dir.isEmpty())
        return QStringLiteral("cannot export: no folder given");
    if (!info.exists())
        return QStringLiteral("cannot export to %1: the folder does not exist")
            .arg(quotedForMessage(dir, kQuoteMaxPathChars));
    if (!info.isDir())
        return QStringLiteral("cannot export to %1: not a folder")
            .arg(quotedForMessage(dir, kQuoteMaxPathChars));
    if (!info.isWritable())
        return QStringLiteral("cannot export to %1: the folder is not writable")
            .arg(quotedForMessage(dir, kQuoteMaxPathChars));
    return {};
}

namespace {

/// Export's look: "cannot write "path": reason".
const SaveWording kExportWording{QStringLiteral("write"), true};

QByteArray encodePng(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

/// Physical pixels per logical pixel are recorded, so a 2× image prints at the 1× size.
void setDpi(QImage &image, double scale)
{
    const int dotsPerMeter = int(std::lround(96.0 * scale / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
}

QString pngFromPlot(QCustomPlot *plot, double scale, bool transparent, QByteArray &out,
                    const QString &path)
{
    QImage image = PlotExporter::renderImage(plot, scale, transparent);
    if (image.isNull())
        return QStringLiteral("cannot render %1: the plot has no size")
            .arg(quotedForMessage(path, kQuoteMaxPathChars));
    setDpi(image, scale);
    out = encodePng(image);
    if (out.isEmpty())
        return QStringLiteral("cannot encode %1 as PNG")
            .arg(quotedForMessage(path, kQuoteMaxPathChars));
    return {};
}

} // namespace

QImage PlotExporter::renderImage(QCustomPlot *plot, double scale, bool transparent)
{
    if (!plot || plot->width() <= 0 || plot->height() <= 0)
        return {};
    // QCustomPlot has no getter for its background brush; a PlotBase knows it from its theme.
    const auto *base = qobject_cast<const PlotBase *>(plot);
    const QColor background = base ? PlotStyle(1.0, base->theme()).background() : Qt::white;
    if (transparent)
        plot->setBackground(QBrush(Qt::transparent));
    QImage image = plot->toPixmap(0, 0, scale).toImage();
    if (transparent)
        plot->setBackground(QBrush(background));
    return image.convertToFormat(transparent ? QImage::Format_ARGB32 : QImage::Format_RGB32);
}

QString PlotExporter::exportPng(QCustomPlot *plot, const QString &path, double scale,
                                bool transparent)
{
    if (QString error = scaleError(scale); !error.isEmpty())
        return error;
    if (QString error = checkFolder(QFileInfo(path).absolutePath()); !error.isEmpty())
        return error;
    QByteArray bytes;
    if (QString error = pngFromPlot(plot, scale, transparent, bytes, path); !error.isEmpty())
        return error;
    return saveFile(path, bytes, kExportWording);
}

QString PlotExporter::exportPdf(QCustomPlot *plot, const QString &path)
{
    if (QString error = checkFolder(QFileInfo(path).absolutePath()); !error.isEmpty())
        return error;
    if (!plot || plot->width() <= 0 || plot->height() <= 0)
        return QStringLiteral("cannot render %1: the plot has no size")
            .arg(quotedForMessage(path, kQuoteMaxPathChars));
    if (QString error = saveTargetError(path, kExportWording); !error.isEmpty())
        return error;
    // Into memory first, then through the one atomic save (a plot's PDF is small).
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        // One device unit per logical pixel at the screen's DPI keeps the on-screen proportions
        // of text to plot.
        const int dpi = std::max(1, plot->logicalDpiX());
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("ReLU Lab"));
        writer.setResolution(dpi);
        writer.setPageMargins(QMarginsF());
        const QSizeF points(plot->width() * 72.0 / dpi, plot->height() * 72.0 / dpi);
        writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        QCPPainter painter;
        if (!painter.begin(&writer))
            return QStringLiteral("cannot write %1: PDF output failed")
                .arg(quotedForMessage(path, kQuoteMaxPathChars));
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, plot->width(), plot->height());
        painter.end();
    }
    buffer.close();
    return saveFile(path, bytes, kExportWording);
}

QString PlotExporter::describeConfig(const TrainingConfig &c, qint64 step)
{
    // Names as the CLI spells them; numbers short ("-10", not configValue's exact "-1e+01").
    auto name = [&c](const char *key) { return QString::fromStdString(configValue(c, key)); };
    auto number = [](double v) { return QString::number(v, 'g', 8); };
    QString first = QStringLiteral("ReLU Lab — %1").arg(name("activation"));
    if (usesAlpha(c.activation))
        first += QStringLiteral(" (α = %1)").arg(number(c.alpha));
    first += QStringLiteral(", %1 hidden layers × %2 units").arg(c.depth).arg(c.width);
    // The number format only where it is not the usual one, which would say nothing.
    if (c.precision != Precision::Float32)
        first += QStringLiteral(", in %1").arg(name("precision"));
    if (step >= 0)
        first += QStringLiteral(", step %1").arg(step);
    const QString second =
        QStringLiteral("init %1 × %2, bias %3 · data %4 (%5 samples, noise %6, shift %7) · "
                       "%8, learning rate %9, batch %10, weight decay %11 · seed %12")
            .arg(name("init"), number(c.initScale), number(c.biasInit), name("dataset"))
            .arg(c.samples)
            .arg(number(c.noise), number(c.inputShift), name("optimizer"), number(c.learningRate))
            .arg(c.batchSize)
            .arg(number(c.weightDecay))
            .arg(c.seed);
    return first + QLatin1Char('\n') + second;
}

QImage PlotExporter::renderDashboard(const QList<PlotBase *> &plots, const TrainingConfig &config,
                                     double scale)
{
    QList<QImage> images;
    QSize cell;
    qint64 step = -1;
    for (PlotBase *plot : plots) {
        images.append(renderImage(plot, scale, false));
        cell = cell.expandedTo(images.last().size());
        step = std::max<qint64>(step, plot->frameStep());
    }
    if (images.isEmpty() || cell.isEmpty())
        return {};
    const int columns = std::min<int>(3, int(images.size()));
    const int rows = int((images.size() + columns - 1) / columns);
    const int gap = int(std::lround(12 * scale));

    // Pixel sizes, not points: the image has no screen, and 1 pt = 4/3 px at 96 DPI.
    QFont titleFont;
    titleFont.setPixelSize(int(std::lround(22 * scale)));
    titleFont.setBold(true);
    QFont detailFont;
    detailFont.setPixelSize(int(std::lround(17 * scale)));
    const QStringList lines = describeConfig(config, step).split(QLatin1Char('\n'));
    const int titleHeight = QFontMetrics(titleFont).height();
    const int detailHeight = QFontMetrics(detailFont).height();
    const int header = gap + titleHeight + gap / 2 + detailHeight + gap;

    QImage out(columns * cell.width() + (columns + 1) * gap,
               header + rows * cell.height() + rows * gap, QImage::Format_RGB32);
    out.fill(Qt::white);
    setDpi(out, scale);
    QPainter painter(&out);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setPen(QColor(20, 20, 20));
    painter.setFont(titleFont);
    painter.drawText(QRect(gap, gap, out.width() - 2 * gap, titleHeight), Qt::AlignLeft,
                     lines.value(0));
    painter.setFont(detailFont);
    painter.setPen(QColor(60, 60, 60));
    painter.drawText(QRect(gap, gap + titleHeight + gap / 2, out.width() - 2 * gap, detailHeight),
                     Qt::AlignLeft, lines.value(1));
    for (int i = 0; i < images.size(); ++i) {
        const QPoint corner(gap + (i % columns) * (cell.width() + gap),
                            header + (i / columns) * (cell.height() + gap));
        painter.drawImage(corner, images[i]);
    }
    painter.end();
    return out;
}

QString PlotExporter::exportAll(const QList<PlotBase *> &plots, const TrainingConfig &config,
                                const QString &dir, double scale)
{
    if (QString error = scaleError(scale); !error.isEmpty())
        return error;
    if (QString error = checkFolder(dir); !error.isEmpty())
        return error;
    if (plots.isEmpty())
        return QStringLiteral("cannot export: there are no plots");

    // Render and encode everything first, so a rendering failure writes nothing at all.
    const QDir folder(dir);
    QList<FileToSave> files;
    for (PlotBase *plot : plots) {
        const QString path = folder.filePath(plot->plotId() + QStringLiteral(".png"));
        QByteArray bytes;
        if (QString error = pngFromPlot(plot, scale, false, bytes, path); !error.isEmpty())
            return error;
        files.append({path, bytes});
    }
    const QString dashboardPath = folder.filePath(QStringLiteral("dashboard.png"));
    const QByteArray dashboard = encodePng(renderDashboard(plots, config, scale));
    if (dashboard.isEmpty())
        return QStringLiteral("cannot render %1")
            .arg(quotedForMessage(dashboardPath, kQuoteMaxPathChars));
    files.append({dashboardPath, dashboard});
    JsonWriter configJson;
    writeConfig(configJson, config);
    files.append({folder.filePath(QStringLiteral("config.json")),
                  QByteArray::fromStdString(configJson.text())});

    // All or nothing: a failed file leaves every file in the folder as it was.
    return saveFiles(files, kExportWording);
}

void PlotExporter::exportInteractive(QCustomPlot *plot, const QString &stem, QWidget *parent)
{
    // Remembered for the session, so exporting several plots lands in one folder.
    static QString lastFolder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (lastFolder.isEmpty() || !QFileInfo(lastFolder).isDir())
        lastFolder = QDir::homePath();

    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("exportDialog"));
    dialog.setWindowTitle(QObject::tr("Export plot"));
    auto *format = new QComboBox(&dialog);
    format->setObjectName(QStringLiteral("format"));
    format->addItems({QObject::tr("PNG image"), QObject::tr("PDF document (vector)")});
    auto *scale = new QComboBox(&dialog);
    scale->setObjectName(QStringLiteral("scale"));
    scale->addItems({QStringLiteral("1×"), QStringLiteral("2×"), QStringLiteral("3×")});
    scale->setCurrentIndex(1);
    scale->setToolTip(QObject::tr("Pixels per screen pixel: 2× or 3× for slides and print."));
    auto *background = new QComboBox(&dialog);
    background->setObjectName(QStringLiteral("background"));
    background->addItems({QObject::tr("White"), QObject::tr("Transparent")});
    auto *path = new QLineEdit(QDir(lastFolder).filePath(stem + QStringLiteral(".png")), &dialog);
    path->setObjectName(QStringLiteral("path"));
    path->setMinimumWidth(360);
    auto *browse = new QPushButton(QObject::tr("Browse…"), &dialog);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(path);
    pathRow->addWidget(browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    auto *form = new QFormLayout(&dialog);
    form->addRow(QObject::tr("&Format:"), format);
    form->addRow(QObject::tr("&Scale:"), scale);
    form->addRow(QObject::tr("&Background:"), background);
    form->addRow(QObject::tr("F&ile:"), pathRow);
    form->addRow(buttons);

    auto suffix = [format] { return format->currentIndex() == 0 ? "png" : "pdf"; };
    QObject::connect(format, &QComboBox::currentIndexChanged, &dialog, [=] {
        const bool png = format->currentIndex() == 0;
        scale->setEnabled(png);
        background->setEnabled(png);
        const QFileInfo info(path->text());
        path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffix()));
    });
    QObject::connect(browse, &QPushButton::clicked, &dialog, [=, &dialog] {
        const QString filter = format->currentIndex() == 0 ? QObject::tr("PNG image (*.png)")
                                                           : QObject::tr("PDF document (*.pdf)");
        const QString chosen =
            QFileDialog::getSaveFileName(&dialog, QObject::tr("Export plot"), path->text(), filter,
                                         nullptr, QFileDialog::DontConfirmOverwrite);
        if (!chosen.isEmpty())
            path->setText(chosen);
    });
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;

    QString file = path->text().trimmed();
    if (QFileInfo(file).suffix().compare(QLatin1String(suffix()), Qt::CaseInsensitive) != 0)
        file += QLatin1Char('.') + QLatin1String(suffix());
    if (QFileInfo::exists(file) &&
        showPlainMessage(
            parent, QMessageBox::Question, QObject::tr("Export plot"),
            QObject::tr("%1 exists. Replace it?").arg(quotedForMessage(file, kQuoteMaxPathChars)),
            QMessageBox::Yes | QMessageBox::No) != QMessageBox::Yes)
        return;
    const QString error =
        format->currentIndex() == 0
            ? exportPng(plot, file, scale->currentIndex() + 1.0, background->currentIndex() == 1)
            : exportPdf(plot, file);
    if (!error.isEmpty()) {
        showPlainMessage(parent, QMessageBox::Warning, QObject::tr("Export plot"), error);
        return;
    }
    lastFolder = QFileInfo(file).absolutePath();
}

} // namespace relulab
