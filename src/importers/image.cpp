// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots and photos: kept as evidence (the case stores the original); this importer only
// records what the file says about itself. No events. Previews are made from the stored original
// after the import (makeThumbnail), so importing a folder never decodes pixels.
#include <algorithm>
#include <mutex>

#include <exiv2/exiv2.hpp>

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QJsonObject>

#include "common/timeutil.h"
#include "importers/filenamepatterns.h"
#include "importers/formats.h"
#include "importers/image.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

// Larger files are not read into memory; their EXIF is skipped (no screenshot is this big).
constexpr qint64 MAX_IN_MEMORY = 512LL * 1024 * 1024;
constexpr qint64 DISAGREE_MS = 2 * 60 * 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

const QStringList &imageSuffixes()
{
    static const QStringList suffixes = {u"png"_s, u"jpg"_s, u"jpeg"_s, u"webp"_s, u"heic"_s,
                                         u"heif"_s};
    return suffixes;
}

bool isHeifBrand(const QByteArray &brand)
{
    static const QList<QByteArray> brands = {"heic", "heix", "hevc", "hevx", "heim",
                                             "heis", "mif1", "msf1"};
    return brands.contains(brand);
}

/// The image format the first bytes announce, or empty.
QString magicFormat(const QByteArray &head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return u"png"_s;
    if (head.startsWith("\xFF\xD8\xFF"))
        return u"jpeg"_s;
    if (head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return u"webp"_s;
    if (head.mid(4, 4) == "ftyp" && isHeifBrand(head.mid(8, 4)))
        return u"heic"_s;
    return {};
}

/// The app named in a file name, from resources/importers/apps.tsv.
struct AppInfo
{
    QString package;
    QString nameZh;
    QString nameEn;
};

class AppTable final
{
public:
    static const AppTable &instance()
    {
        static const AppTable table;
        return table;
    }

    std::optional<AppInfo> find(const QString &key) const
    {
        if (key.isEmpty())
            return std::nullopt;
        if (const auto it = m_exact.constFind(key.toLower()); it != m_exact.cend())
            return *it;
        const AppInfo *best = nullptr;
        qsizetype bestLength = 0;
        for (const AppInfo &app : m_prefixes) {
            if (key.startsWith(app.package, Qt::CaseInsensitive) && app.package.size() > bestLength) {
                best = &app;
                bestLength = app.package.size();
            }
        }
        if (best)
            return AppInfo{key, best->nameZh, best->nameEn};
        // Samsung writes the app's label, not its package.
        for (const AppInfo &app : m_exact) {
            if (key.compare(app.nameEn, Qt::CaseInsensitive) == 0 || key == app.nameZh)
                return app;
        }
        return std::nullopt;
    }

private:
    AppTable()
    {
        QFile file(u":/importers/apps.tsv"_s);
        if (!file.open(QIODevice::ReadOnly))
            return;
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        for (const QString &line : lines) {
            if (line.startsWith(u'#') || line.trimmed().isEmpty())
                continue;
            const QStringList cols = line.split(u'\t');
            if (cols.size() < 3)
                continue;
            AppInfo app{cols[0].trimmed(), cols[1].trimmed(), cols[2].trimmed()};
            if (app.package.endsWith(u".*"_s)) {
                app.package.chop(1); // keep the dot: "com.xiaomi."
                m_prefixes.append(app);
            } else {
                m_exact.insert(app.package.toLower(), app);
            }
        }
    }

    QHash<QString, AppInfo> m_exact;
    QList<AppInfo> m_prefixes;
};

struct ExifFacts
{
    bool readable = false;
    QString mimeType;
    int width = 0;
    int height = 0;
    QString dateTimeOriginal;
    QString offsetTimeOriginal;
    QString make;
    QString model;
    QString error;
};

void initExiv2()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::XmpParser::initialize();
        Exiv2::enableBMFF(true);
    });
}

QString exifString(const Exiv2::ExifData &exif, const char *key)
{
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    if (it == exif.end())
        return {};
    return QString::fromStdString(it->toString()).trimmed();
}

ExifFacts readExif(const QByteArray &bytes)
{
    ExifFacts facts;
    initExiv2();
    try {
        auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(bytes.constData()),
                                               long(bytes.size()));
        if (!image.get())
            return facts;
        image->readMetadata();
        facts.readable = true;
        facts.mimeType = QString::fromStdString(image->mimeType());
        facts.width = image->pixelWidth();
        facts.height = image->pixelHeight();
        const Exiv2::ExifData &exif = image->exifData();
        facts.dateTimeOriginal = exifString(exif, "Exif.Photo.DateTimeOriginal");
        facts.offsetTimeOriginal = exifString(exif, "Exif.Photo.OffsetTimeOriginal");
        facts.make = exifString(exif, "Exif.Image.Make");
        facts.model = exifString(exif, "Exif.Image.Model");
    } catch (const Exiv2::AnyError &e) {
        facts.error = QString::fromStdString(e.what());
    } catch (const std::exception &e) {
        facts.error = QString::fromStdString(e.what());
    }
    return facts;
}

/// EXIF "2025:02:13 10:15:00" (+ optional "+08:00") as an instant; no offset = case zone.
std::optional<SourceTime> exifTime(const ExifFacts &facts, const QTimeZone &zone)
{
    if (facts.dateTimeOriginal.isEmpty()) // screenshots have none; parsing nothing is not free
        return std::nullopt;
    const QDateTime local = QDateTime::fromString(facts.dateTimeOriginal.left(19),
                                                  u"yyyy:MM:dd HH:mm:ss"_s);
    if (!local.isValid())
        return std::nullopt;
    if (!facts.offsetTimeOriginal.isEmpty()) {
        if (const auto t = parseUserTime(local.toString(u"yyyy-MM-dd HH:mm:ss"_s)
                                             + facts.offsetTimeOriginal,
                                         zone)) {
            return t;
        }
    }
    return sourceTimeFromLocal(local.date(), local.time(), zone);
}

class ImageImporter final : public Importer
{
public:
    QString format() const override { return u"image"_s; }
    QString displayName() const override { return tr("Screenshots and photos"); }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        if (!magicFormat(head).isEmpty())
            return 95;
        // A damaged file with an image name is still ours: it should fail loudly, not be skipped.
        if (imageSuffixes().contains(QFileInfo(fileName).suffix().toLower()))
            return 20;
        return 0;
    }

    Result<void> parse(QIODevice &file, const QString &path, const ImportContext &context,
                       ImportSink &sink) const override
    {
        const QString fileName = QFileInfo(path).fileName();
        const QTimeZone &zone = context.settings.zone;
        const qint64 total = file.size();

        // Read once into memory (not mapped: a file truncated meanwhile would crash the import).
        QByteArray bytes;
        if (auto *memory = qobject_cast<QBuffer *>(&file); memory && memory->pos() == 0)
            bytes = memory->data(); // read ahead by the runner: shared, not copied
        else if (total <= MAX_IN_MEMORY)
            bytes = file.readAll();
        QBuffer buffer;
        QIODevice *device = &file;
        if (!bytes.isEmpty()) {
            buffer.setData(bytes);
            buffer.open(QIODevice::ReadOnly);
            device = &buffer;
        }

        QJsonObject meta;
        // Naming the format the magic number announces spares probing every image plugin.
        const QString announced = magicFormat(bytes.isEmpty() ? file.peek(16) : bytes.left(16));
        QImageReader reader(device, announced.toLatin1());
        const bool qtReads = reader.canRead();
        const QSize size = qtReads ? reader.size() : QSize();
        const QByteArray qtFormat = qtReads ? reader.format() : QByteArray();

        ExifFacts exif;
        if (!bytes.isEmpty())
            exif = readExif(bytes);
        else if (total > MAX_IN_MEMORY)
            meta.insert(u"exif_note"_s, u"file too large; EXIF not read"_s);

        if (!qtReads && !exif.readable) {
            return makeError(ErrorCode::Parse,
                             tr("%1 is not a readable image (PNG, JPEG, WebP or HEIC).")
                                 .arg(QDir::toNativeSeparators(path)),
                             reader.errorString()
                                 + (exif.error.isEmpty() ? QString() : u"; "_s + exif.error));
        }

        meta.insert(u"kind"_s, u"image"_s);
        if (qtReads) {
            meta.insert(u"image_format"_s,
                        qtFormat.isEmpty() ? announced : QString::fromLatin1(qtFormat));
            if (!size.isValid())
                meta.insert(u"damaged"_s, true); // recognised header, unreadable beyond it
        } else {
            meta.insert(u"image_format"_s, announced.isEmpty() ? exif.mimeType : announced);
            meta.insert(u"decoder_note"_s, u"no decoder for this format in Qt; metadata read with exiv2"_s);
        }
        const int width = size.isValid() ? size.width() : exif.width;
        const int height = size.isValid() ? size.height() : exif.height;
        if (width > 0 && height > 0) {
            meta.insert(u"width"_s, width);
            meta.insert(u"height"_s, height);
        }
        if (!exif.make.isEmpty())
            meta.insert(u"camera_make"_s, exif.make);
        if (!exif.model.isEmpty())
            meta.insert(u"camera_model"_s, exif.model);

        QList<qint64> instants;
        if (const auto t = exifTime(exif, zone)) {
            meta.insert(u"exif_time"_s, isoInZone(t->utcMs, zone));
            meta.insert(u"exif_time_raw"_s,
                        QString(exif.dateTimeOriginal
                                + (exif.offsetTimeOriginal.isEmpty()
                                       ? QString()
                                       : QString(u" "_s + exif.offsetTimeOriginal))));
            instants << t->utcMs;
        }
        const auto nameMatch =
            FileNamePatterns::resource(u":/importers/image-patterns.json"_s).match(fileName, zone);
        if (nameMatch) {
            meta.insert(u"filename_pattern"_s, nameMatch->patternId);
            if (nameMatch->time) {
                meta.insert(u"filename_time"_s, isoInZone(nameMatch->time->utcMs, zone));
                instants << nameMatch->time->utcMs;
            }
            if (!nameMatch->app.isEmpty()) {
                meta.insert(u"app_in_name"_s, nameMatch->app);
                if (const auto app = AppTable::instance().find(nameMatch->app)) {
                    meta.insert(u"app_package"_s, app->package);
                    meta.insert(u"app"_s, app->nameZh);
                    meta.insert(u"app_en"_s, app->nameEn);
                }
            }
        }
        const QFileInfo info(path);
        if (info.isFile()) {
            const qint64 modified = info.lastModified().toMSecsSinceEpoch();
            meta.insert(u"file_time"_s, isoInZone(modified, zone));
            instants << modified;
        }
        if (!instants.isEmpty()) {
            const auto [lo, hi] = std::minmax_element(instants.cbegin(), instants.cend());
            meta.insert(u"times_disagree"_s, *hi - *lo > DISAGREE_MS);
        }

        sink.setSourceMetadata(meta);
        if (context.progress && !context.progress(total, total))
            return makeError(ErrorCode::Cancelled,
                             tr("Import of %1 cancelled.").arg(QDir::toNativeSeparators(path)));
        return {};
    }
};

} // namespace

Result<QByteArray> makeThumbnail(const QByteArray &imageBytes)
{
    QBuffer buffer;
    buffer.setData(imageBytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > THUMBNAIL_SIZE || size.height() > THUMBNAIL_SIZE)) {
        // Small images keep their size. JPEG decodes straight at the smaller size and PNG scales row by row, so the full
        // image is never held. The allocation limit still applies to the full size for formats
        // that cannot decode scaled: a huge image is refused here instead of filling memory.
        reader.setScaledSize(size.scaled(THUMBNAIL_SIZE, THUMBNAIL_SIZE, Qt::KeepAspectRatio)
                                 .expandedTo(QSize(1, 1)));
    }
    QImage image = reader.read();
    if (image.isNull())
        return makeError(ErrorCode::Parse, tr("No preview can be made of this image."),
                         reader.errorString());
    if (image.width() > THUMBNAIL_SIZE || image.height() > THUMBNAIL_SIZE)
        image = image.scaled(THUMBNAIL_SIZE, THUMBNAIL_SIZE, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    QByteArray png;
    QBuffer out(&png);
    out.open(QIODevice::WriteOnly);
    if (!image.save(&out, "PNG"))
        return makeError(ErrorCode::Internal, tr("No preview can be made of this image."),
                         u"PNG encoding failed"_s);
    return png;
}

std::unique_ptr<Importer> makeImageImporter()
{
    return std::make_unique<ImageImporter>();
}

} // namespace Dossier::Import
