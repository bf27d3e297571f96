// SPDX-License-Identifier: GPL-3.0-or-later
// Call recordings: duration from libavformat (opened on first use), number and time from dialer
// file names.
#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include "common/timeutil.h"
#include "importers/filenamepatterns.h"
#include "importers/formats.h"
#include "importers/libav.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

const QTimeZone SHANGHAI(QByteArrayLiteral("Asia/Shanghai"));

void appendLe32(QByteArray &b, quint32 v)
{
    char raw[4];
    qToLittleEndian(v, raw);
    b.append(raw, 4);
}

void appendLe16(QByteArray &b, quint16 v)
{
    char raw[2];
    qToLittleEndian(v, raw);
    b.append(raw, 2);
}

// 16-bit mono PCM WAV of `ms` milliseconds: a quiet saw wave.
QByteArray wav(int ms, int rate = 8000)
{
    const quint32 samples = quint32(qint64(rate) * ms / 1000);
    const quint32 dataBytes = samples * 2;
    QByteArray b("RIFF");
    appendLe32(b, 36 + dataBytes);
    b.append("WAVEfmt ");
    appendLe32(b, 16);
    appendLe16(b, 1); // PCM
    appendLe16(b, 1); // mono
    appendLe32(b, quint32(rate));
    appendLe32(b, quint32(rate) * 2);
    appendLe16(b, 2);
    appendLe16(b, 16);
    b.append("data");
    appendLe32(b, dataBytes);
    for (quint32 i = 0; i < samples; ++i)
        appendLe16(b, quint16((i % 100) * 40));
    return b;
}

// The shared objects mapped into this process, one path per line.
QByteArray processMaps()
{
    QFile maps(u"/proc/self/maps"_s);
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    return maps.readAll();
}

bool isMapped(const QByteArray &maps, const QByteArray &soname)
{
    return maps.contains(QByteArray('/' + soname)); // the path names the full version
}

} // namespace

class TstRecording final : public QObject
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

    Result<void> parse(const QString &path, Test::MemorySink &sink)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, u"cannot open test file"_s);
        return makeRecordingImporter()->parse(file, path, ImportContext{}, sink);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Nothing links FFmpeg: it is opened by the first recording that is read.
        const QByteArray maps = processMaps();
        QVERIFY(maps.contains("libQt6Core.so"));
        const LibAvNames names = installedLibAvNames();
        for (const QByteArray &soname : {names.avutil, names.avcodec, names.avformat})
            QVERIFY2(!isMapped(maps, soname), soname.constData());
    }

    void ffmpegLoadsWithTheFirstRecording()
    {
        const LibAvNames names = installedLibAvNames();
        QCOMPARE(names.avformat,
                 "libavformat.so." + QByteArray::number(LIBAVFORMAT_VERSION_MAJOR));
        // Sniffing reads only the head: still no FFmpeg.
        QVERIFY(makeRecordingImporter()->sniff(u"a.wav"_s, wav(10)) > 0);
        QVERIFY(!isMapped(processMaps(), names.avformat));

        const QString path = write(u"13800138000_20250212093000.wav"_s, wav(1000));
        Test::MemorySink sink;
        const auto r = parse(path, sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.metadata.value(u"duration_ms"_s).toInteger(), qint64(1000));
        const QByteArray maps = processMaps();
        for (const QByteArray &soname : {names.avutil, names.avcodec, names.avformat})
            QVERIFY2(isMapped(maps, soname), soname.constData());

        // Loaded once for the process.
        const auto first = libAv();
        QVERIFY(first);
        QCOMPARE(*libAv(), *first);
    }

    void missingFfmpegIsAClearError_data()
    {
        const LibAvNames installed = installedLibAvNames();
        const QByteArray missing("libavformat.so.0-dossier-missing");
        QTest::addColumn<QByteArray>("avutil");
        QTest::addColumn<QByteArray>("avcodec");
        QTest::addColumn<QByteArray>("avformat");
        QTest::addColumn<QString>("message");
        const QString notInstalled = u"Recordings cannot be read: FFmpeg's %1 is not installed."_s;
        QTest::newRow("no libavformat") << installed.avutil << installed.avcodec << missing
                                        << notInstalled.arg(QString::fromUtf8(missing));
        QTest::newRow("no libavutil") << missing << installed.avcodec << installed.avformat
                                      << notInstalled.arg(QString::fromUtf8(missing));
        // dlsym() searches a library and its dependencies: libavutil has no avformat_* at all.
        QTest::newRow("wrong library") << installed.avutil << installed.avcodec << installed.avutil
                                       << u"Recordings cannot be read: FFmpeg's %1 lacks "
                                          "avformat_alloc_context."_s.arg(
                                              QString::fromUtf8(installed.avutil));
    }

    void missingFfmpegIsAClearError()
    {
        QFETCH(QByteArray, avutil);
        QFETCH(QByteArray, avcodec);
        QFETCH(QByteArray, avformat);
        QFETCH(QString, message);
        const auto r = loadLibAv({avutil, avcodec, avformat});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QCOMPARE(r.error().message, message);
        QVERIFY(!r.error().detail.isEmpty()); // dlerror()
        // The working FFmpeg of this process is not disturbed.
        QVERIFY(libAv());
    }

    void sniff_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("minScore");
        QTest::addColumn<int>("maxScore");
        QTest::newRow("wav magic") << u"x.bin"_s << wav(10) << 90 << 100;
        QTest::newRow("amr magic") << u"a"_s << QByteArray("#!AMR\n") << 90 << 100;
        QTest::newRow("id3") << u"a.mp3"_s << QByteArray("ID3\x04\0", 5) << 90 << 100;
        QTest::newRow("m4a brand") << u"a.bin"_s << QByteArray("\0\0\0\x20" "ftypM4A ", 12) << 90
                                   << 100;
        QTest::newRow("3gp needs an audio name") << u"a.mp4"_s
                                                 << QByteArray("\0\0\0\x20" "ftyp3gp4", 12) << 0
                                                 << 0;
        QTest::newRow("3gp recording") << u"a.3gp"_s << QByteArray("\0\0\0\x20" "ftyp3gp4", 12)
                                       << 80 << 100;
        QTest::newRow("heic is not audio") << u"a.heic"_s
                                           << QByteArray("\0\0\0\x18" "ftypheic", 12) << 0 << 0;
        QTest::newRow("mp3 name only") << u"a.mp3"_s << QByteArray("hello") << 1 << 50;
        QTest::newRow("text") << u"a.txt"_s << QByteArray("hello") << 0 << 0;
    }

    void sniff()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QFETCH(int, minScore);
        QFETCH(int, maxScore);
        Test::verifySniffScore(*makeRecordingImporter(), name, head, minScore, maxScore);
    }

    void everyPatternMatchesItsExample()
    {
        Test::verifyPatternExamples(u":/importers/recording-patterns.json"_s, 8, SHANGHAI);
    }

    void fileNames_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("time");
        const QString t = u"2025-02-12T09:30:00+08:00"_s;
        QTest::newRow("number(number)") << u"17012345678(17012345678)_20250212093000.mp3"_s
                                        << u"17012345678"_s << QString() << t;
        QTest::newRow("miui") << u"13800138000(13800138000)_20250212093000.mp3"_s
                              << u"13800138000"_s << QString() << t;
        QTest::newRow("miui name") << u"张三(13800138000)_20250212093000.mp3"_s << u"13800138000"_s
                                   << u"张三"_s << t;
        QTest::newRow("通话录音 name number") << u"通话录音 张三 13800138000 2025-02-12 09-30-00.m4a"_s
                                          << u"13800138000"_s << u"张三"_s << t;
        QTest::newRow("number_time") << u"13800138000_20250212093000.amr"_s << u"13800138000"_s
                                     << QString() << t;
        QTest::newRow("name@number") << u"张三@13800138000_20250212_093000.m4a"_s
                                     << u"13800138000"_s << u"张三"_s << t;
        QTest::newRow("huawei number") << u"13800138000 2025-02-12 09-30-00.amr"_s
                                       << u"13800138000"_s << QString() << t;
        QTest::newRow("huawei name") << u"张三 2025-02-12 09-30-00.amr"_s << QString() << u"张三"_s
                                     << t;
        QTest::newRow("Call@") << u"Call@13800138000(13800138000)_20250212093000.m4a"_s
                               << u"13800138000"_s << QString() << t;
        QTest::newRow("录音_") << u"录音_13800138000_20250212093000.m4a"_s << u"13800138000"_s
                              << QString() << t;
        QTest::newRow("samsung number") << u"Call recording 13800138000_250212_093000.m4a"_s
                                        << u"13800138000"_s << QString() << t;
        QTest::newRow("short code") << u"95588_20250212093000.wav"_s << u"95588"_s << QString() << t;
        QTest::newRow("bad month") << u"13800138000_20251312093000.amr"_s << QString() << QString()
                                   << QString();
        QTest::newRow("unrelated") << u"voice memo.m4a"_s << QString() << QString() << QString();
    }

    void fileNames()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, number);
        QFETCH(QString, name);
        QFETCH(QString, time);
        const QString path = write(fileName, wav(1000));
        Test::MemorySink sink;
        const auto r = parse(path, sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.metadata.value(u"number"_s).toString(), number);
        QCOMPARE(sink.metadata.value(u"name"_s).toString(), name);
        QCOMPARE(sink.metadata.value(u"filename_time"_s).toString(), time);
        if (!number.isEmpty() && !time.isEmpty()) {
            QCOMPARE(sink.recordingNumber, number);
            QVERIFY(sink.recordingAt);
            QCOMPARE(isoWithOffset(sink.recordingAt->utcMs, sink.recordingAt->offsetSeconds), time);
        } else {
            QVERIFY(!sink.recordingAt);
        }
        QVERIFY(sink.events.isEmpty()); // the call itself comes from the call log
    }

    void wavDuration_data()
    {
        QTest::addColumn<int>("ms");
        QTest::addColumn<int>("rate");
        QTest::newRow("1.5 s at 8 kHz") << 1500 << 8000;
        QTest::newRow("42 s at 16 kHz") << 42000 << 16000;
        QTest::newRow("0.25 s at 44.1 kHz") << 250 << 44100;
    }

    void wavDuration()
    {
        QFETCH(int, ms);
        QFETCH(int, rate);
        const QString path = write(u"13800138000_20250212093000.wav"_s, wav(ms, rate));
        Test::MemorySink sink;
        const auto r = parse(path, sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.metadata.value(u"duration_ms"_s).toInteger(), qint64(ms));
        QCOMPARE(sink.metadata.value(u"duration_s"_s).toInteger(), qRound64(ms / 1000.0));
        QCOMPARE(sink.metadata.value(u"container"_s).toString(), u"wav"_s);
        QCOMPARE(sink.metadata.value(u"codec"_s).toString(), u"pcm_s16le"_s);
        QCOMPARE(sink.metadata.value(u"sample_rate"_s).toInt(), rate);
        QCOMPARE(sink.metadata.value(u"channels"_s).toInt(), 1);
    }

    void readsFromAnyDevice()
    {
        // Not a file on disk: libavformat reads through the QIODevice.
        QByteArray bytes = wav(2000);
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        Test::MemorySink sink;
        const auto r = makeRecordingImporter()->parse(buffer, u"张三@13800138000_20250212_093000.m4a"_s,
                                                      ImportContext{}, sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.metadata.value(u"duration_ms"_s).toInteger(), qint64(2000));
        QCOMPARE(sink.recordingNumber, u"13800138000"_s);
    }

    void garbageIsAnError_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text as mp3") << u"13800138000_20250212093000.mp3"_s
                                     << QByteArray("这不是录音文件，只是一段文字。\n").repeated(50);
        QTest::newRow("empty m4a") << u"empty.m4a"_s << QByteArray();
        QTest::newRow("truncated wav header") << u"cut.wav"_s << wav(1000).left(20);
        QTest::newRow("amr magic then nothing") << u"x.amr"_s << QByteArray("#!AMR\n");
    }

    void garbageIsAnError()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        const QString path = write(fileName, bytes);
        Test::MemorySink sink;
        const auto r = parse(path, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Parse);
        QVERIFY(r.error().message.contains(fileName));
        QVERIFY(!sink.recordingAt);
        QVERIFY(sink.metadata.isEmpty());
    }

    void caseZoneApplies()
    {
        const QString path = write(u"13800138000_20250212093000.wav"_s, wav(500));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ImportContext context;
        context.settings.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
        Test::MemorySink sink;
        QVERIFY(makeRecordingImporter()->parse(file, path, context, sink));
        QVERIFY(sink.recordingAt);
        QCOMPARE(sink.recordingAt->offsetSeconds, 3600);
        QCOMPARE(isoWithOffset(sink.recordingAt->utcMs, 3600), u"2025-02-12T09:30:00+01:00"_s);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstRecording)
#include "tst_recording.moc"
