// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots and photos: size without decoding, EXIF, file-name and file times kept apart,
// app from the name, no pixel decoding during the import, previews (made afterwards) within the
// allocation limit, unreadable files refused.
#include <exiv2/exiv2.hpp>

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "common/timeutil.h"
#include "importers/filenamepatterns.h"
#include "importers/formats.h"
#include "importers/image.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

const QTimeZone SHANGHAI(QByteArrayLiteral("Asia/Shanghai"));

QByteArray pngBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(30, 120, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

quint32 crc32Of(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray chunk;
    const quint32 length = quint32(data.size());
    chunk.append(char(length >> 24)).append(char(length >> 16)).append(char(length >> 8))
        .append(char(length));
    const QByteArray body = type + data;
    chunk.append(body);
    const quint32 crc = crc32Of(body);
    chunk.append(char(crc >> 24)).append(char(crc >> 16)).append(char(crc >> 8)).append(char(crc));
    return chunk;
}

// A PNG whose header claims width x height (8-bit RGBA) with a tiny IDAT: a decompression bomb
// in shape, a few hundred bytes on disk.
QByteArray hugePngHeader(quint32 width, quint32 height)
{
    QByteArray ihdr;
    for (const quint32 v : {width, height})
        ihdr.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    ihdr.append(char(8)).append(char(6)).append(char(0)).append(char(0)).append(char(0));
    // qCompress is a zlib stream behind a 4-byte length.
    const QByteArray idat = qCompress(QByteArray(4096, '\0')).mid(4);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", idat)
           + pngChunk("IEND", {});
}

QByteArray jpegWithExif(const std::map<std::string, std::string> &tags)
{
    QImage image(320, 240, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    auto exivImage = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(bytes.constData()),
                                               long(bytes.size()));
    exivImage->readMetadata();
    Exiv2::ExifData exif;
    for (const auto &[key, value] : tags)
        exif[key] = value;
    exivImage->setExifData(exif);
    exivImage->writeMetadata();
    Exiv2::BasicIo &io = exivImage->io();
    io.seek(0, Exiv2::BasicIo::beg);
    const Exiv2::DataBuf data = io.read(long(io.size()));
    return QByteArray(reinterpret_cast<const char *>(data.pData_), int(data.size_));
}

QByteArray be32(quint32 v)
{
    QByteArray b;
    b.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    return b;
}

QByteArray isoBox(const QByteArray &type, const QByteArray &body)
{
    return be32(quint32(8 + body.size())) + type + body;
}

// The smallest HEIF exiv2 accepts: ftyp plus a meta box whose ispe gives the size. No pixels.
QByteArray minimalHeic(quint32 width, quint32 height)
{
    const QByteArray ftyp = isoBox("ftyp", QByteArray("heic") + be32(0) + "mif1heic");
    const QByteArray hdlr = isoBox("hdlr", be32(0) + be32(0) + "pict" + QByteArray(13, '\0'));
    const QByteArray ispe = isoBox("ispe", be32(0) + be32(width) + be32(height));
    const QByteArray meta = isoBox("meta", be32(0) + hdlr + isoBox("iprp", isoBox("ipco", ispe)));
    return ftyp + meta;
}

struct Parsed
{
    Result<void> result;
    Test::MemorySink sink;
};

Parsed parseFile(const QString &path)
{
    Parsed parsed;
    const auto importer = makeImageImporter();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        parsed.result = makeError(ErrorCode::Io, u"cannot open test file"_s);
        return parsed;
    }
    ImportContext context;
    parsed.result = importer->parse(file, path, context, parsed.sink);
    return parsed;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void setModified(const QString &path, const QDateTime &when)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(when, QFileDevice::FileModificationTime));
}

} // namespace

class TstImage final : public QObject
{
    Q_OBJECT

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Record what this Qt can decode; HEIC relies on exiv2 when no plugin is present.
        qInfo() << "Qt image formats:" << QImageReader::supportedImageFormats();
    }

    void sniff_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("minScore");
        QTest::addColumn<int>("maxScore");
        QTest::newRow("png magic, odd name") << u"x.bin"_s << pngBytes(4, 4) << 90 << 100;
        QTest::newRow("jpeg magic") << u"x"_s << QByteArray("\xFF\xD8\xFF\xE0", 4) << 90 << 100;
        QTest::newRow("webp magic") << u"a.webp"_s << QByteArray("RIFF\0\0\0\0WEBPVP8 ", 16) << 90
                                    << 100;
        QTest::newRow("heic brand") << u"a.HEIC"_s << QByteArray("\0\0\0\x18" "ftypheic", 12) << 90
                                    << 100;
        QTest::newRow("png name only") << u"a.png"_s << QByteArray("garbage") << 1 << 50;
        QTest::newRow("m4a is not an image") << u"a.m4a"_s << QByteArray("\0\0\0\x18" "ftypM4A ", 12)
                                             << 0 << 0;
        QTest::newRow("text") << u"chat.txt"_s << QByteArray("hello") << 0 << 0;
    }

    void sniff()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QFETCH(int, minScore);
        QFETCH(int, maxScore);
        Test::verifySniffScore(*makeImageImporter(), name, head, minScore, maxScore);
    }

    void everyPatternMatchesItsExample()
    {
        Test::verifyPatternExamples(u":/importers/image-patterns.json"_s, 10, SHANGHAI);
    }

    void fileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("time");
        QTest::addColumn<QString>("app");
        QTest::newRow("miui with app") << u"Screenshot_2025-02-13-10-15-00-123_com.tencent.mm.png"_s
                                       << u"2025-02-13T10:15:00+08:00"_s << u"com.tencent.mm"_s;
        QTest::newRow("miui plain") << u"Screenshot_2025-02-13-10-15-00.png"_s
                                    << u"2025-02-13T10:15:00+08:00"_s << QString();
        QTest::newRow("android") << u"Screenshot_20250213-101500.png"_s
                                 << u"2025-02-13T10:15:00+08:00"_s << QString();
        QTest::newRow("samsung label") << u"Screenshot_20250213-101500_WeChat.jpg"_s
                                       << u"2025-02-13T10:15:00+08:00"_s << u"WeChat"_s;
        QTest::newRow("huawei") << u"Screenshot_20250213_101500_com.tencent.mm.jpg"_s
                                << u"2025-02-13T10:15:00+08:00"_s << u"com.tencent.mm"_s;
        QTest::newRow("ios") << u"Screenshot 2025-02-13 at 10.15.00.png"_s
                             << u"2025-02-13T10:15:00+08:00"_s << QString();
        QTest::newRow("macos 12h narrow space")
            << u"Screen Shot 2025-02-13 at 10.15.00\u202fPM.png"_s << u"2025-02-13T22:15:00+08:00"_s
            << QString();
        QTest::newRow("camera") << u"IMG_20250213_101500.jpg"_s << u"2025-02-13T10:15:00+08:00"_s
                                << QString();
        QTest::newRow("pixel is utc") << u"PXL_20250213_021500123.jpg"_s
                                      << u"2025-02-13T10:15:00+08:00"_s << QString();
        QTest::newRow("wechat export ms") << u"mmexport1707790500000.jpg"_s
                                          << u"2024-02-13T10:15:00+08:00"_s << u"com.tencent.mm"_s;
        QTest::newRow("wechat camera") << u"wx_camera_1707790500000.jpg"_s
                                       << u"2024-02-13T10:15:00+08:00"_s << u"com.tencent.mm"_s;
        QTest::newRow("wechat pc") << u"微信图片_20250213101500.jpg"_s
                                   << u"2025-02-13T10:15:00+08:00"_s << u"com.tencent.mm"_s;
        QTest::newRow("windows zh") << u"屏幕截图 2025-02-13 101500.png"_s
                                    << u"2025-02-13T10:15:00+08:00"_s << QString();
        QTest::newRow("impossible date") << u"Screenshot_20251399-101500.png"_s << QString()
                                         << QString();
        QTest::newRow("epoch out of range") << u"mmexport9999999999999.jpg"_s << QString()
                                            << QString();
        QTest::newRow("no pattern") << u"cat.png"_s << QString() << QString();
    }

    void fileNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, time);
        QFETCH(QString, app);
        const auto m = FileNamePatterns::resource(u":/importers/image-patterns.json"_s)
                           .match(name, SHANGHAI);
        if (time.isEmpty()) {
            QVERIFY(!m || !m->time);
            return;
        }
        QVERIFY(m && m->time);
        QCOMPARE(isoInZone(m->time->utcMs, SHANGHAI), time);
        QCOMPARE(m->app, app);
    }

    void screenshotMetadata()
    {
        const QString path =
            write(u"Screenshot_2025-02-13-10-15-00-123_com.tencent.mm.png"_s, pngBytes(600, 300));
        setModified(path, QDateTime(QDate(2025, 2, 13), QTime(10, 16), SHANGHAI));
        const Parsed p = parseFile(path);
        QVERIFY2(p.result, qPrintable(p.result.error().toString()));
        const QJsonObject &m = p.sink.metadata;
        QCOMPARE(m.value(u"image_format"_s).toString(), u"png"_s);
        QCOMPARE(m.value(u"width"_s).toInt(), 600);
        QCOMPARE(m.value(u"height"_s).toInt(), 300);
        QCOMPARE(m.value(u"filename_time"_s).toString(), u"2025-02-13T10:15:00+08:00"_s);
        QCOMPARE(m.value(u"file_time"_s).toString(), u"2025-02-13T10:16:00+08:00"_s);
        QVERIFY(!m.contains(u"exif_time"_s));
        QCOMPARE(m.value(u"times_disagree"_s).toBool(), false);
        QCOMPARE(m.value(u"app_package"_s).toString(), u"com.tencent.mm"_s);
        QCOMPARE(m.value(u"app"_s).toString(), u"微信"_s);
        QCOMPARE(m.value(u"app_en"_s).toString(), u"WeChat"_s);
        QVERIFY(p.sink.events.isEmpty()); // evidence only
        // Previews are derived data made after the import, never by it.
        QVERIFY(p.sink.thumbnail.isEmpty());
        QVERIFY(!m.contains(u"thumbnail"_s));
        QImage thumb;
        const auto png = makeThumbnail(readAll(path));
        QVERIFY2(png, qPrintable(png ? QString() : png.error().toString()));
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), QSize(256, 128));
        QCOMPARE(thumb.pixelColor(128, 64), QColor(30, 120, 200));
    }

    void timesThatDisagreeAreFlagged()
    {
        const QString path = write(u"Screenshot_20250213-101500.png"_s, pngBytes(20, 20));
        setModified(path, QDateTime(QDate(2025, 3, 1), QTime(8, 0), SHANGHAI));
        const Parsed p = parseFile(path);
        QVERIFY(p.result);
        QCOMPARE(p.sink.metadata.value(u"filename_time"_s).toString(),
                 u"2025-02-13T10:15:00+08:00"_s);
        QCOMPARE(p.sink.metadata.value(u"file_time"_s).toString(), u"2025-03-01T08:00:00+08:00"_s);
        QCOMPARE(p.sink.metadata.value(u"times_disagree"_s).toBool(), true);
    }

    void appPrefixAndLabels_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("app");
        QTest::newRow("xiaomi prefix") << u"Screenshot_2025-02-13-10-15-00-123_com.xiaomi.market.png"_s
                                       << u"小米系统应用"_s;
        QTest::newRow("dialer") << u"Screenshot_2025-02-13-10-15-00-123_com.android.incallui.png"_s
                                << u"电话"_s;
        QTest::newRow("samsung label") << u"Screenshot_20250213-101500_Messages.png"_s << u"短信"_s;
        QTest::newRow("unknown package") << u"Screenshot_20250213_101500_org.example.loan.png"_s
                                         << QString();
    }

    void appPrefixAndLabels()
    {
        QFETCH(QString, name);
        QFETCH(QString, app);
        const Parsed p = parseFile(write(name, pngBytes(10, 10)));
        QVERIFY(p.result);
        QCOMPARE(p.sink.metadata.value(u"app"_s).toString(), app);
        QVERIFY(p.sink.metadata.contains(u"app_in_name"_s));
    }

    void jpegExif()
    {
        const QByteArray jpeg = jpegWithExif({{"Exif.Photo.DateTimeOriginal", "2025:02:13 11:15:00"},
                                              {"Exif.Photo.OffsetTimeOriginal", "+09:00"},
                                              {"Exif.Image.Make", "Xiaomi"},
                                              {"Exif.Image.Model", "Redmi Note 12"}});
        const QString path = write(u"IMG_20250213_101500.jpg"_s, jpeg);
        setModified(path, QDateTime(QDate(2025, 2, 13), QTime(10, 15, 30), SHANGHAI));
        const Parsed p = parseFile(path);
        QVERIFY2(p.result, qPrintable(p.result.error().toString()));
        const QJsonObject &m = p.sink.metadata;
        QCOMPARE(m.value(u"image_format"_s).toString(), u"jpeg"_s);
        QCOMPARE(m.value(u"width"_s).toInt(), 320);
        // 11:15 at +09:00 is 10:15 in the case zone.
        QCOMPARE(m.value(u"exif_time"_s).toString(), u"2025-02-13T10:15:00+08:00"_s);
        QCOMPARE(m.value(u"exif_time_raw"_s).toString(), u"2025:02:13 11:15:00 +09:00"_s);
        QCOMPARE(m.value(u"filename_time"_s).toString(), u"2025-02-13T10:15:00+08:00"_s);
        QCOMPARE(m.value(u"camera_make"_s).toString(), u"Xiaomi"_s);
        QCOMPARE(m.value(u"camera_model"_s).toString(), u"Redmi Note 12"_s);
        QCOMPARE(m.value(u"times_disagree"_s).toBool(), false);
        QVERIFY(p.sink.thumbnail.isEmpty());
        QImage thumb;
        const auto png = makeThumbnail(jpeg);
        QVERIFY(png);
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), QSize(256, 192));
    }

    void exifWithoutOffsetUsesCaseZone()
    {
        const QByteArray jpeg = jpegWithExif({{"Exif.Photo.DateTimeOriginal", "2025:02:13 23:59:00"}});
        const Parsed p = parseFile(write(u"photo.jpg"_s, jpeg));
        QVERIFY(p.result);
        QCOMPARE(p.sink.metadata.value(u"exif_time"_s).toString(), u"2025-02-13T23:59:00+08:00"_s);
        QVERIFY(!p.sink.metadata.contains(u"filename_time"_s));
        // The test just wrote the file, far from 2025-02-13: the times disagree.
        QCOMPARE(p.sink.metadata.value(u"times_disagree"_s).toBool(), true);
    }

    void webp()
    {
        if (!QImageReader::supportedImageFormats().contains("webp"))
            QSKIP("no WebP plugin");
        QImage image(120, 80, QImage::Format_RGB32);
        image.fill(Qt::yellow);
        const QString path = m_dir.filePath(u"Screenshot_20250213-101500.webp"_s);
        QVERIFY(image.save(path, "WEBP"));
        const Parsed p = parseFile(path);
        QVERIFY(p.result);
        QCOMPARE(p.sink.metadata.value(u"image_format"_s).toString(), u"webp"_s);
        QCOMPARE(p.sink.metadata.value(u"width"_s).toInt(), 120);
        QImage thumb;
        const auto png = makeThumbnail(readAll(path));
        QVERIFY(png);
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), QSize(120, 80)); // small images are not enlarged
    }

    void heicReadWithExiv2()
    {
        if (QImageReader::supportedImageFormats().contains("heic"))
            QSKIP("this Qt decodes HEIC itself");
        const Parsed p = parseFile(write(u"IMG_20250213_101500.heic"_s, minimalHeic(4032, 3024)));
        QVERIFY2(p.result, qPrintable(p.result.error().toString()));
        const QJsonObject &m = p.sink.metadata;
        QCOMPARE(m.value(u"image_format"_s).toString(), u"heic"_s);
        QCOMPARE(m.value(u"width"_s).toInt(), 4032);
        QCOMPARE(m.value(u"height"_s).toInt(), 3024);
        QVERIFY(m.contains(u"decoder_note"_s));
        QCOMPARE(m.value(u"filename_time"_s).toString(), u"2025-02-13T10:15:00+08:00"_s);
        QVERIFY(p.sink.thumbnail.isEmpty());
        const auto png = makeThumbnail(minimalHeic(4032, 3024));
        QVERIFY(!png);
        QCOMPARE(png.error().code, ErrorCode::Parse);
    }

    void hugeHeaderKeepsFileWithoutThumbnail()
    {
        const QByteArray bomb = hugePngHeader(20000, 20000);
        QVERIFY(bomb.size() < 2000);
        const Parsed p = parseFile(write(u"Screenshot_20250213-101500_bomb.png"_s, bomb));
        QVERIFY2(p.result, qPrintable(p.result.error().toString()));
        const QJsonObject &m = p.sink.metadata;
        QCOMPARE(m.value(u"width"_s).toInt(), 20000);
        QCOMPARE(m.value(u"height"_s).toInt(), 20000);
        QVERIFY(p.sink.thumbnail.isEmpty());
        QCOMPARE(m.value(u"filename_time"_s).toString(), u"2025-02-13T10:15:00+08:00"_s);
        // The preview maker refuses it instead of allocating 1.6 GB.
        const auto png = makeThumbnail(bomb);
        QVERIFY(!png);
        QVERIFY(!png.error().detail.isEmpty());
    }

    void randomBytesAreAnError()
    {
        QByteArray noise(4096, '\0');
        quint32 x = 12345;
        for (char &c : noise) {
            x = x * 1103515245u + 12345u;
            c = char(x >> 24);
        }
        noise[0] = 'Q'; // never a real magic number
        const QString path = write(u"Screenshot_20250213-101500.png"_s, noise);
        const Parsed p = parseFile(path);
        QVERIFY(!p.result);
        QCOMPARE(p.result.error().code, ErrorCode::Parse);
        QVERIFY(p.result.error().message.contains(u"Screenshot_20250213-101500.png"_s));
        QVERIFY(p.sink.metadata.isEmpty());
    }

    void truncatedPngIsStillKept()
    {
        // The PNG signature is there, the rest is cut off: no size, no preview, but the file
        // is recognisably a damaged image and stays evidence.
        const QByteArray png = pngBytes(300, 200);
        const Parsed p = parseFile(write(u"cut.png"_s, png.left(60)));
        QVERIFY(p.result);
        QCOMPARE(p.sink.metadata.value(u"image_format"_s).toString(), u"png"_s);
        QCOMPARE(p.sink.metadata.value(u"damaged"_s).toBool(), true);
        QVERIFY(p.sink.thumbnail.isEmpty());
        QVERIFY(!makeThumbnail(png.left(60)));
    }

    void thumbnailKeepsAspectAndOrientation_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QSize>("expected");
        QTest::newRow("phone screenshot") << QSize(1080, 2400) << QSize(115, 256);
        QTest::newRow("landscape") << QSize(1000, 500) << QSize(256, 128);
        QTest::newRow("square") << QSize(300, 300) << QSize(256, 256);
        QTest::newRow("thin") << QSize(2000, 3) << QSize(256, 1);
        QTest::newRow("small stays") << QSize(64, 32) << QSize(64, 32);
    }

    void thumbnailKeepsAspectAndOrientation()
    {
        QFETCH(QSize, size);
        QFETCH(QSize, expected);
        const auto png = makeThumbnail(pngBytes(size.width(), size.height()));
        QVERIFY2(png, qPrintable(png ? QString() : png.error().toString()));
        QVERIFY(png->startsWith("\x89PNG"));
        QImage thumb;
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), expected);
    }

    void thumbnailOfRotatedJpeg()
    {
        // EXIF orientation 6 (rotate 90° clockwise): a 320x240 photo is shown upright as 240x320.
        const QByteArray jpeg = jpegWithExif({{"Exif.Image.Orientation", "6"}});
        const auto png = makeThumbnail(jpeg);
        QVERIFY(png);
        QImage thumb;
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), QSize(192, 256));
    }

    void thumbnailOfNothing()
    {
        const auto png = makeThumbnail({});
        QVERIFY(!png);
        QVERIFY(!makeThumbnail(QByteArray("not an image at all")));
    }

    void cancelFromProgress()
    {
        const QString path = write(u"c.png"_s, pngBytes(10, 10));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ImportContext context;
        context.progress = [](qint64, qint64) { return false; };
        Test::MemorySink sink;
        const auto r = makeImageImporter()->parse(file, path, context, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstImage)
#include "tst_image.moc"
