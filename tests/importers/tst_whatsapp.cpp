// SPDX-License-Identifier: GPL-3.0-or-later
#include <zip.h>

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include "common/sha256.h"
#include "common/timeutil.h"
#include "importers/formats.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

namespace {

QString dataDir()
{
    return QStringLiteral(DOSSIER_TEST_DATA_DIR "/importers/whatsapp");
}

qint64 ms(const QString &iso)
{
    return Test::utcMs(iso);
}

QString iso(const EventRecord &e)
{
    return Test::isoOf(e);
}

Import::ImportContext contextWithOwn(const QStringList &names = {}, const QStringList &numbers = {})
{
    Import::ImportContext context;
    context.settings.zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    context.settings.own.names = names;
    context.settings.own.numbers = numbers;
    return context;
}

using Run = Test::ImportRun;

std::unique_ptr<Run> parseFile(const QString &path, const Import::ImportContext &context = {})
{
    return Test::importFile(*Import::makeWhatsAppImporter(), path, context);
}

std::unique_ptr<Run>
parseText(const QString &text, const QString &path, const Import::ImportContext &context = {})
{
    return Test::importBytes(*Import::makeWhatsAppImporter(), text.toUtf8(), path, context);
}

bool writeZip(const QString &path, const QList<QPair<QString, QByteArray>> &entries)
{
    int error = 0;
    zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z)
        return false;
    for (const auto &[name, data] : entries) {
        // libzip copies nothing until zip_close, so the bytes must outlive the loop.
        auto *copy = static_cast<char *>(malloc(size_t(data.size())));
        memcpy(copy, data.constData(), size_t(data.size()));
        zip_source_t *src = zip_source_buffer(z, copy, zip_uint64_t(data.size()), 1);
        if (!src || zip_file_add(z, name.toUtf8().constData(), src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_discard(z);
            return false;
        }
    }
    return zip_close(z) == 0;
}

} // namespace

class TstWhatsApp final : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void android();
    void iosChinese();
    void iosTwelveHour();
    void dateVariants_data();
    void dateVariants();
    void headerShapes_data();
    void headerShapes();
    void direction_data();
    void direction();
    void caseZone();
    void conversationFromFileName_data();
    void conversationFromFileName();
    void badInput_data();
    void badInput();
    void randomBytes();
    void overlongLine();
    void cancel();
    void zipWithMedia();
    void zipAndroid();
    void zipWithoutChat();
    void sniff();
    void corpus();
};

void TstWhatsApp::initTestCase()
{
    QVERIFY2(!dataDir().isEmpty(), "tests/data/importers/whatsapp not found");
}

void TstWhatsApp::android()
{
    const QString path = dataDir() + u"/WhatsApp Chat with 王经理.txt"_s;
    auto run = parseFile(path, contextWithOwn({u"张三"_s}));
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 8);
    for (const EventRecord &e : ev) {
        QCOMPARE(toString(e.kind), toString(EventKind::Message));
        QCOMPARE(toString(e.channel), toString(Channel::WhatsApp));
        QCOMPARE(e.conversation, u"王经理"_s);
    }

    QCOMPARE(ev[0].locator, u"line 1"_s);
    QCOMPARE(ev[0].at.utcMs, ms(u"2024-03-13T09:15:00+08:00"_s));
    QCOMPARE(ev[0].at.offsetSeconds, 8 * 3600);
    QCOMPARE(toString(ev[0].direction), toString(Direction::Unknown));
    QCOMPARE(ev[0].extra.value(u"system"_s).toBool(), true);
    QVERIFY(ev[0].counterpart.isEmpty());
    QVERIFY(ev[0].text.startsWith(u"Messages and calls are end-to-end encrypted."_s));

    QCOMPARE(ev[1].counterpart, u"王经理"_s);
    QCOMPARE(toString(ev[1].direction), toString(Direction::Incoming));
    QCOMPARE(ev[1].text, u"你好，你在我司的借款已经逾期"_s);
    QVERIFY(ev[1].rawNumber.isEmpty());
    QVERIFY(ev[1].extra.isEmpty());

    QCOMPARE(ev[2].locator, u"line 3"_s);
    QCOMPARE(ev[2].text, u"请今天下午五点前处理\n否则我们将联系你的家人\n\n以及你的单位领导"_s);
    QCOMPARE(iso(ev[2]), u"2024-03-13T09:17:00+08:00"_s);

    QCOMPARE(ev[3].locator, u"line 7"_s);
    QCOMPARE(ev[3].counterpart, u"张三"_s);
    QCOMPARE(toString(ev[3].direction), toString(Direction::Outgoing));

    QCOMPARE(ev[4].locator, u"line 8"_s);
    QCOMPARE(ev[4].rawNumber, u"+86 170 1234 5678"_s);
    QCOMPARE(ev[4].counterpart, u"+86 170 1234 5678"_s);
    QCOMPARE(ev[4].text, u"<Media omitted>\n催收通知书"_s);
    QCOMPARE(ev[4].extra.value(u"media"_s).toString(), u"omitted"_s);

    QCOMPARE(ev[5].locator, u"line 10"_s);
    QCOMPARE(ev[5].counterpart, u"李四"_s);
    QVERIFY(ev[5].rawNumber.isEmpty());
    QCOMPARE(ev[5].extra.value(u"media"_s).toString(), u"attached"_s);
    QCOMPARE(ev[5].extra.value(u"attachments"_s).toArray(),
             QJsonArray{u"IMG-20240313-WA0001.jpg"_s});
    QVERIFY(ev[5].attachmentSha256.isEmpty()); // a bare .txt carries no media

    QCOMPARE(ev[6].extra.value(u"system"_s).toBool(), true);
    QCOMPARE(ev[6].text, u"+86 170 1234 5678 joined using this group's invite link"_s);
    QVERIFY(ev[6].rawNumber.isEmpty());
    QCOMPARE(iso(ev[6]), u"2024-03-14T23:05:00+08:00"_s);

    // Split on the first ": " only.
    QCOMPARE(ev[7].counterpart, u"王经理"_s);
    QCOMPARE(ev[7].text, u"时间: 今晚 : 必须还款"_s);
    QCOMPARE(ev[7].locator, u"line 12"_s);

    const QJsonObject meta = run->sink.metadata;
    QCOMPARE(meta.value(u"dateOrder"_s).toString(), u"day/month/year"_s);
    QCOMPARE(meta.value(u"dateOrderBasis"_s).toString(), u"inferred from the dates"_s);
    QCOMPARE(meta.value(u"export"_s).toString(), u"android"_s);
    QCOMPARE(meta.value(u"messages"_s).toInt(), 8);
    QCOMPARE(meta.value(u"systemMessages"_s).toInt(), 2);
    QCOMPARE(meta.value(u"timeZone"_s).toString(), u"Asia/Shanghai"_s);
}

void TstWhatsApp::iosChinese()
{
    const QString path = dataDir() + u"/与催收专员的 WhatsApp 聊天.txt"_s;
    auto run = parseFile(path, contextWithOwn({u"我"_s}));
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 5);
    QCOMPARE(ev[0].conversation, u"催收专员"_s);

    // iOS system notice: an author, but an LRM-prefixed body; the LRM is dropped from the text.
    QCOMPARE(iso(ev[0]), u"2024-03-05T09:41:02+08:00"_s);
    QCOMPARE(ev[0].extra.value(u"system"_s).toBool(), true);
    QCOMPARE(toString(ev[0].direction), toString(Direction::Unknown));
    QCOMPARE(ev[0].text, u"消息和通话已进行端到端加密。"_s);

    QCOMPARE(iso(ev[1]), u"2024-03-05T13:38:12+08:00"_s);
    QCOMPARE(toString(ev[1].direction), toString(Direction::Incoming));
    QCOMPARE(ev[1].text, u"今天必须还款"_s);

    QCOMPARE(iso(ev[2]), u"2024-03-05T13:40:00+08:00"_s);
    QCOMPARE(ev[2].text, u"图片已忽略"_s);
    QCOMPARE(ev[2].extra.value(u"media"_s).toString(), u"omitted"_s);
    QCOMPARE(toString(ev[2].direction), toString(Direction::Incoming));

    QCOMPARE(iso(ev[3]), u"2024-03-05T12:05:09+08:00"_s); // 下午12 is noon
    QCOMPARE(ev[3].rawNumber, u"17012345678"_s);
    QCOMPARE(ev[3].extra.value(u"attachments"_s).toArray(),
             QJsonArray{u"00000042-PHOTO-2024-03-05-12-05-09.jpg"_s});
    QCOMPARE(ev[3].locator, u"line 4"_s);

    QCOMPARE(iso(ev[4]), u"2024-03-06T00:30:00+08:00"_s); // 上午12 is midnight
    QCOMPARE(toString(ev[4].direction), toString(Direction::Outgoing));
    QCOMPARE(ev[4].text, u"不要再打给我家人了"_s);

    QCOMPARE(run->sink.metadata.value(u"dateOrder"_s).toString(), u"year/month/day"_s);
    QCOMPARE(run->sink.metadata.value(u"export"_s).toString(), u"ios"_s);
}

void TstWhatsApp::iosTwelveHour()
{
    auto run = parseFile(dataDir() + u"/ios_mdy_12h.txt"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 4);
    QCOMPARE(iso(ev[0]), u"2024-03-15T21:41:32+08:00"_s);
    QCOMPARE(ev[0].counterpart, u"赵六"_s); // "~ " and the narrow no-break space dropped
    QCOMPARE(iso(ev[1]), u"2024-03-15T00:00:00+08:00"_s);
    QCOMPARE(iso(ev[2]), u"2024-03-16T08:05:10+08:00"_s);
    QCOMPARE(ev[2].text, u"<attached: 00000035-PHOTO-2024-03-16-08-05-10.jpg>"_s);
    QCOMPARE(ev[2].extra.value(u"attachments"_s).toArray(),
             QJsonArray{u"00000035-PHOTO-2024-03-16-08-05-10.jpg"_s});
    // A document: caption and page count before the attachment; inner marks are kept.
    QCOMPARE(ev[3].text, u"催收函.pdf • \u200E2 页 \u200E<attached: 00000036-催收函.pdf>"_s);
    QCOMPARE(ev[3].extra.value(u"attachments"_s).toArray(), QJsonArray{u"00000036-催收函.pdf"_s});
    QCOMPARE(run->sink.metadata.value(u"dateOrder"_s).toString(), u"month/day/year"_s);
}

void TstWhatsApp::dateVariants_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("times");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("basis");

    QTest::newRow("ambiguous 12-hour file: month first assumed")
        << u"ambiguous_12h.txt"_s
        << QStringList{u"2024-01-02T15:19:00+08:00"_s, u"2024-01-02T15:20:00+08:00"_s}
        << u"month/day/year"_s << u"assumed month first"_s;
    QTest::newRow("ambiguous 24-hour file: day first assumed")
        << u"ambiguous_24h.txt"_s << QStringList{u"2024-02-01T15:19:00+08:00"_s}
        << u"day/month/year"_s << u"assumed day first"_s;
    QTest::newRow("Buddhist year")
        << u"buddhist.txt"_s << QStringList{u"2024-03-18T14:56:01+08:00"_s} << u"month/day/year"_s
        << u"inferred"_s;
    QTest::newRow("dots, 2-digit year, no comma")
        << u"dots_no_comma.txt"_s
        << QStringList{u"2024-03-18T15:10:00+08:00"_s, u"2024-03-18T15:11:00+08:00"_s}
        << u"day/month/year"_s << u"inferred"_s;
    QTest::newRow("a. m. / p. m. with no-break space")
        << u"spanish_am_pm.txt"_s
        << QStringList{u"2024-01-20T11:23:00+08:00"_s, u"2024-01-20T12:05:00+08:00"_s,
                       u"2024-01-21T00:08:00+08:00"_s}
        << u"month/day/year"_s << u"inferred"_s;
    QTest::newRow("午前/午後 before the time")
        << u"japanese_markers.txt"_s
        << QStringList{u"2024-03-27T21:41:35+08:00"_s, u"2024-03-28T00:05:00+08:00"_s}
        << u"year/month/day"_s << u"year comes first"_s;
}

void TstWhatsApp::dateVariants()
{
    QFETCH(QString, file);
    QFETCH(QStringList, times);
    QFETCH(QString, order);
    QFETCH(QString, basis);
    auto run = parseFile(dataDir() + u'/' + file);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QStringList got;
    for (const EventRecord &e : run->sink.events)
        got << iso(e);
    QCOMPARE(got, times);
    QCOMPARE(run->sink.metadata.value(u"dateOrder"_s).toString(), order);
    QVERIFY2(run->sink.metadata.value(u"dateOrderBasis"_s).toString().contains(basis),
             qPrintable(run->sink.metadata.value(u"dateOrderBasis"_s).toString()));
}

void TstWhatsApp::headerShapes_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("text");

    QTest::newRow("Finnish: klo, dotted time")
        << u"13.6.2018 klo 21.25.15 - Matti: moi"_s << u"2018-06-13T21:25:15+08:00"_s << u"Matti"_s
        << u"moi"_s;
    QTest::newRow("colon after the time")
        << u"13.06.18 21.25.15: a: m"_s << u"2018-06-13T21:25:15+08:00"_s << u"a"_s << u"m"_s;
    QTest::newRow("year in the middle")
        << u"[06/2018/13, 21:25:15] a: m"_s << u"2018-06-13T21:25:15+08:00"_s << u"a"_s << u"m"_s;
    QTest::newRow("dashes, dotted 12-hour time")
        << u"03-06-2018, 01.55 PM - a: m"_s << u"2018-03-06T13:55:00+08:00"_s << u"a"_s << u"m"_s;
    QTest::newRow("Arabic-Indic digits, RLM, Arabic comma and PM")
        << u"[١٨‏/٣‏/٢٠٢٢، ٢:٥٦:٠٠ م] أحمد: مرحبا"_s
        << u"2022-03-18T14:56:00+08:00"_s << u"أحمد"_s << u"مرحبا"_s;
    QTest::newRow("lower-case pm, no seconds")
        << u"7/20/22, 11:32 pm - 用户: 再见"_s << u"2022-07-20T23:32:00+08:00"_s << u"用户"_s
        << u"再见"_s;
    QTest::newRow("empty body") << u"20/01/19, 11:23 - John Doe:"_s
                                << u"2019-01-20T11:23:00+08:00"_s << u"John Doe"_s << QString();
}

void TstWhatsApp::headerShapes()
{
    QFETCH(QString, line);
    QFETCH(QString, time);
    QFETCH(QString, author);
    QFETCH(QString, text);
    auto run = parseText(line + u"\n"_s, u"chat.txt"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    QCOMPARE(iso(run->sink.events[0]), time);
    QCOMPARE(run->sink.events[0].counterpart, author);
    QCOMPARE(run->sink.events[0].text, text);
}

void TstWhatsApp::direction_data()
{
    QTest::addColumn<QString>("author");
    QTest::addColumn<QStringList>("ownNames");
    QTest::addColumn<QStringList>("ownNumbers");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("rawNumber");

    QTest::newRow("stranger") << u"王经理"_s << QStringList{u"张三"_s} << QStringList{}
                              << int(Direction::Incoming) << QString();
    QTest::newRow("own name, other case") << u"Zhang San"_s << QStringList{u"zhang san"_s}
                                          << QStringList{} << int(Direction::Outgoing) << QString();
    QTest::newRow("own number, other format")
        << u"+86 138 0013 8000"_s << QStringList{} << QStringList{u"13800138000"_s}
        << int(Direction::Outgoing) << u"+86 138 0013 8000"_s;
    QTest::newRow("other number") << u"+86 170 1234 5678"_s << QStringList{}
                                  << QStringList{u"13800138000"_s} << int(Direction::Incoming)
                                  << u"+86 170 1234 5678"_s;
    QTest::newRow("number in bidi marks")
        << u"\u202A+86 170 1234 5678\u202C"_s << QStringList{} << QStringList{}
        << int(Direction::Incoming) << u"+86 170 1234 5678"_s;
}

void TstWhatsApp::direction()
{
    QFETCH(QString, author);
    QFETCH(QStringList, ownNames);
    QFETCH(QStringList, ownNumbers);
    QFETCH(int, direction);
    QFETCH(QString, rawNumber);
    auto run = parseText(u"13/03/2024, 09:16 - "_s + author + u": 你好\n"_s, u"chat.txt"_s,
                         contextWithOwn(ownNames, ownNumbers));
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    QCOMPARE(int(run->sink.events[0].direction), direction);
    QCOMPARE(run->sink.events[0].rawNumber, rawNumber);
}

void TstWhatsApp::caseZone()
{
    // Wall-clock times are read in the case zone with the offset in force then (DST in New York).
    Import::ImportContext context;
    context.settings.zone = QTimeZone(QByteArrayLiteral("America/New_York"));
    auto run = parseText(u"09/03/2024, 12:00 - A: 1\n"
                         "10/03/2024, 01:30 - A: 2\n"
                         "10/03/2024, 03:30 - A: 3\n"
                         "03/11/2024, 01:30 - A: 4\n"
                         "13/03/2024, 12:00 - A: 5\n"_s,
                         u"chat.txt"_s, context);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QStringList got;
    for (const EventRecord &e : run->sink.events)
        got << iso(e);
    QCOMPARE(got, (QStringList{u"2024-03-09T12:00:00-05:00"_s, u"2024-03-10T01:30:00-05:00"_s,
                               u"2024-03-10T03:30:00-04:00"_s, u"2024-11-03T01:30:00-05:00"_s,
                               u"2024-03-13T12:00:00-04:00"_s}));
    for (int i = 0; i < got.size(); ++i) {
        const QDateTime local = QDateTime::fromString(got[i].left(19), Qt::ISODate);
        const SourceTime reference
            = sourceTimeFromLocal(local.date(), local.time(), context.settings.zone);
        QCOMPARE(run->sink.events[i].at.utcMs, reference.utcMs);
        QCOMPARE(run->sink.events[i].at.offsetSeconds, reference.offsetSeconds);
    }
}

void TstWhatsApp::conversationFromFileName_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("conversation");
    QTest::newRow("English") << u"/x/WhatsApp Chat with 王经理.txt"_s << u"王经理"_s;
    QTest::newRow("iOS zip name") << u"/x/WhatsApp Chat - 催收 A.txt"_s << u"催收 A"_s;
    QTest::newRow("Chinese") << u"/x/与李四的 WhatsApp 聊天.txt"_s << u"李四"_s;
    QTest::newRow("unknown shape") << u"/x/chat.txt"_s << QString();
}

void TstWhatsApp::conversationFromFileName()
{
    QFETCH(QString, path);
    QFETCH(QString, conversation);
    auto run = parseText(u"13/03/2024, 09:16 - 王经理: 你好\n"_s, path);
    QVERIFY(run->result);
    QCOMPARE(run->sink.events.value(0).conversation, conversation);
}

void TstWhatsApp::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << u"empty.txt"_s << u"the file is empty"_s;
    QTest::newRow("text without a header")
        << u"no_header.txt"_s << u"is not a WhatsApp chat export"_s;
    QTest::newRow("February 30") << u"bad_date.txt"_s
                                 << u"line 2: \"30/02/2024, 10:01\" is not a valid date"_s;
}

void TstWhatsApp::badInput()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString path = dataDir() + u'/' + file;
    auto run = parseFile(path);
    QVERIFY(!run->result);
    QCOMPARE(int(run->result.error().code), int(ErrorCode::Parse));
    QVERIFY2(run->result.error().message.contains(path), qPrintable(run->result.error().message));
    QVERIFY2(run->result.error().message.contains(expected),
             qPrintable(run->result.error().message));
}

void TstWhatsApp::randomBytes()
{
    QByteArray bytes(4096, '\0');
    QRandomGenerator rng(20240313);
    for (char &c : bytes)
        c = char(rng.bounded(256));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    auto r = Import::makeWhatsAppImporter()->parse(buffer, u"/x/noise.txt"_s, {}, sink);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"/x/noise.txt is not a WhatsApp chat export"_s),
             qPrintable(r.error().message));
    QVERIFY(sink.events.isEmpty());
    QCOMPARE(Import::makeWhatsAppImporter()->sniff(u"noise.txt"_s, bytes), 0);
}

void TstWhatsApp::overlongLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"long.txt"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("13/03/2024, 09:16 - A: start\n");
    file.write(QByteArray(9 * 1024 * 1024, 'a'));
    file.write("\n");
    file.close();
    auto run = parseFile(path);
    QVERIFY(!run->result);
    QVERIFY2(run->result.error().message.contains(path), qPrintable(run->result.error().message));
    QVERIFY2(run->result.error().message.contains(u"longer than"_s),
             qPrintable(run->result.error().message));
}

void TstWhatsApp::cancel()
{
    Import::ImportContext context;
    qint64 lastTotal = -1;
    context.progress = [&](qint64, qint64 total) {
        lastTotal = total;
        return false;
    };
    QByteArray bytes = "13/03/2024, 09:16 - A: one\n13/03/2024, 09:17 - A: two\n";
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    auto r = Import::makeWhatsAppImporter()->parse(buffer, u"chat.txt"_s, context, sink);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), int(ErrorCode::Cancelled));
    QCOMPARE(lastTotal, qint64(bytes.size()));
}

void TstWhatsApp::zipWithMedia()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"WhatsApp Chat - 催收专员.zip"_s);
    const QByteArray photo
        = QByteArray("\xFF\xD8\xFF\xE0 not really a jpeg ") + QByteArray(3000, 'x');
    // Enough text that the chat is still being read (deflated) while media entries are stored.
    QString filler;
    for (int i = 0; i < 12000; ++i)
        filler
            += u"[3/15/24, 21:50:00] 催收专员: 第%1条：请立即还款，否则联系你的家人\r\n"_s.arg(i);
    const QByteArray chat
        = (QStringLiteral("[3/15/24, 21:41:32] 催收专员: 这是你的照片\r\n"
                          "\u200E[3/15/24, 21:41:55] 催收专员: \u200E<attached: "
                          "00000035-PHOTO-2024-03-15-21-41-55.jpg>\r\n")
           + filler
           + QStringLiteral("\u200E[3/15/24, 21:52:10] 催收专员: \u200E<attached: "
                            "00000035-PHOTO-2024-03-15-21-41-55.jpg>\r\n"
                            "\u200E[3/15/24, 21:53:00] 催收专员: \u200E<attached: "
                            "00000036-AUDIO-2024-03-15-21-43-00.opus>\r\n"
                            "\u200E[3/15/24, 21:54:00] 催收专员: \u200E<attached: "
                            "00000037-VIDEO-2024-03-15-21-54-00.mp4>\r\n"))
              .toUtf8();
    QByteArray video(700 * 1024, '\0');
    QRandomGenerator rng(7);
    for (char &c : video)
        c = char(rng.bounded(256));
    QVERIFY(writeZip(path, {{u"_chat.txt"_s, chat},
                            {u"00000035-PHOTO-2024-03-15-21-41-55.jpg"_s, photo},
                            {u"unrelated.jpg"_s, QByteArray("other")},
                            {u"00000037-VIDEO-2024-03-15-21-54-00.mp4"_s, video}}));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(
        Import::makeWhatsAppImporter()->sniff(u"WhatsApp Chat - 催收专员.zip"_s, file.peek(65536)),
        90);

    auto run = parseFile(path);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 12005);
    QCOMPARE(ev[0].conversation, u"催收专员"_s);
    QCOMPARE(iso(ev[0]), u"2024-03-15T21:41:32+08:00"_s);
    QCOMPARE(ev[12000].text, u"第11998条：请立即还款，否则联系你的家人"_s);

    // Stored once, though referenced twice; a missing file is only named.
    QCOMPARE(run->sink.attachments.size(), 2);
    const auto &stored = run->sink.attachments[0];
    QCOMPARE(stored.bytes, photo);
    QCOMPARE(stored.sha256, Sha256::hex(photo));
    QCOMPARE(stored.record.fileName, u"00000035-PHOTO-2024-03-15-21-41-55.jpg"_s);
    QCOMPARE(stored.record.mediaType, u"image/jpeg"_s);
    QCOMPARE(stored.record.locator, u"line 2"_s);
    QCOMPARE(ev[1].attachmentSha256, QStringList{Sha256::hex(photo)});
    QCOMPARE(ev[12002].attachmentSha256, QStringList{Sha256::hex(photo)});
    QVERIFY(ev[12003].attachmentSha256.isEmpty());
    QCOMPARE(ev[12003].extra.value(u"attachments"_s).toArray(),
             QJsonArray{u"00000036-AUDIO-2024-03-15-21-43-00.opus"_s});
    QCOMPARE(run->sink.attachments[1].bytes, video);
    QCOMPARE(run->sink.attachments[1].record.locator, u"line 12005"_s);
    QCOMPARE(ev[12004].attachmentSha256, QStringList{Sha256::hex(video)});
    QCOMPARE(run->sink.metadata.value(u"chatFile"_s).toString(), u"_chat.txt"_s);
    QCOMPARE(run->sink.metadata.value(u"attachmentsStored"_s).toInt(), 2);
}

void TstWhatsApp::zipAndroid()
{
    // Android shares "WhatsApp Chat with X.txt" and the media in one archive, no _chat.txt.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"export.zip"_s);
    const QByteArray image("\x89PNG fake image bytes");
    QVERIFY(writeZip(
        path,
        {{u"IMG-20240313-WA0001.jpg"_s, image},
         {u"WhatsApp Chat with 王经理.txt"_s,
          QByteArray("13/03/2024, 09:22 - \xE7\x8E\x8B\xE7\xBB\x8F\xE7\x90\x86: "
                     "IMG-20240313-WA0001.jpg (file attached)\n\xE7\x9C\x8B\xE7\x9C\x8B\n")}}));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(Import::makeWhatsAppImporter()->sniff(u"export.zip"_s, file.peek(65536)), 80);
    auto run = parseFile(path);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    QCOMPARE(run->sink.events[0].counterpart, u"王经理"_s);
    QCOMPARE(run->sink.events[0].text, u"IMG-20240313-WA0001.jpg (file attached)\n看看"_s);
    QCOMPARE(run->sink.events[0].attachmentSha256, QStringList{Sha256::hex(image)});
    QCOMPARE(run->sink.attachments.size(), 1);
    QCOMPARE(run->sink.metadata.value(u"chatFile"_s).toString(),
             u"WhatsApp Chat with 王经理.txt"_s);
}

void TstWhatsApp::zipWithoutChat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"photos.zip"_s);
    QVERIFY(writeZip(path, {{u"IMG-1.jpg"_s, QByteArray("x")}}));
    auto run = parseFile(path);
    QVERIFY(!run->result);
    QVERIFY2(run->result.error().message.contains(path + u" is not a WhatsApp chat export"_s),
             qPrintable(run->result.error().message));
    QVERIFY(run->sink.events.isEmpty());

    const QString broken = dir.filePath(u"broken.zip"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("PK\x03\x04") + QByteArray(200, '\x7f'));
    file.close();
    auto bad = parseFile(broken);
    QVERIFY(!bad->result);
    QVERIFY2(bad->result.error().message.contains(broken + u" is not a readable zip archive"_s),
             qPrintable(bad->result.error().message));
}

void TstWhatsApp::sniff()
{
    auto importer = Import::makeWhatsAppImporter();
    const auto head = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.read(65536) : QByteArray();
    };
    QCOMPARE(importer->sniff(u"chat.txt"_s, head(dataDir() + u"/WhatsApp Chat with 王经理.txt"_s)),
             95);
    QCOMPARE(importer->sniff(u"x.txt"_s, head(dataDir() + u"/与催收专员的 WhatsApp 聊天.txt"_s)),
             95);
    QCOMPARE(importer->sniff(u"no_header.txt"_s, head(dataDir() + u"/no_header.txt"_s)), 0);
    QCOMPARE(
        importer->sniff(u"calls.csv"_s,
                        QByteArray("通话起始时间,对方号码\n2024-03-01 08:05:12,13800138000\n")),
        0);
    QCOMPARE(importer->sniff(u"qq.txt"_s, QByteArray("2024-03-01 08:05:12 张三\n你好\n")), 0);
    QCOMPARE(importer->sniff(u"empty.txt"_s, QByteArray()), 0);
    QCOMPARE(
        importer->sniff(u"x.png"_s, QByteArrayLiteral("13/03/2024, 09:16 - A: x\n\0\0\x01\x02")),
        0);
    // UTF-16 exports are text, NULs and all.
    QStringEncoder utf16(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    QCOMPARE(
        importer->sniff(u"chat.txt"_s,
                        utf16.encode(u"13/03/2024, 09:16 - A: x\n13/03/2024, 09:17 - A: y\n"_s)),
        95);
}

void TstWhatsApp::corpus()
{
    const QDir dir(QStringLiteral(DOSSIER_SHARED_CORPUS_DIR "/whatsapp-txt"));
    if (!dir.exists())
        QSKIP("the shared corpus is not present");
    // Pustur's header regex (formats.md), as an independent count of message starts.
    static const QRegularExpression header(
        uR"(^(?:\x{200E}|\x{200F})*\[?(\d{1,4}[-/.]\s?\d{1,4}[-/.]\s?\d{1,4})[,.]?\s\D*?(\d{1,2}[.:]\d{1,2}(?:[.:]\d{1,2})?)(?:\s([ap]\.?\s?m\.?))?\]?(?:\s-|:)?\s)"_s);
    auto importer = Import::makeWhatsAppImporter();
    int files = 0;
    QDirIterator it(dir.path(), {u"*.txt"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        QVERIFY2(importer->sniff(QFileInfo(path).fileName(), bytes.left(65536)) >= 90,
                 qPrintable(path));
        int headerLines = 0;
        const QStringList lines = QString::fromUtf8(bytes).split(u'\n');
        for (const QString &line : lines)
            headerLines += header.match(line).hasMatch();

        auto run = parseFile(path);
        QVERIFY2(run->result, qPrintable(path + u": "_s + run->result.error().toString()));
        const auto &ev = run->sink.events;
        // At least every line the reference regex sees (ours also reads "3:22_AM").
        QVERIFY2(ev.size() >= headerLines && ev.size() <= headerLines + 1,
                 qPrintable(u"%1: %2 events, %3 header lines"_s.arg(path).arg(ev.size()).arg(
                     headerLines)));
        qint64 previousLine = 0;
        for (const EventRecord &e : ev) {
            QVERIFY(e.at.utcMs >= ms(u"2017-01-01T00:00:00Z"_s));
            QVERIFY(e.at.utcMs < ms(u"2024-01-01T00:00:00Z"_s));
            QVERIFY(e.locator.startsWith(u"line "_s));
            const qint64 line = e.locator.mid(5).toLongLong();
            QVERIFY(line > previousLine);
            previousLine = line;
            QVERIFY(!e.text.startsWith(QChar(0x200E)));
        }
        ++files;
    }
    QVERIFY(files >= 10);

    // Facts checked by hand in two of the files.
    auto ios = parseFile(dir.filePath(u"whats_json/english_ios.txt"_s));
    QVERIFY(ios->result);
    QCOMPARE(ios->sink.events.size(), 23);
    QCOMPARE(ios->sink.events[0].extra.value(u"system"_s).toBool(), true);
    QCOMPARE(ios->sink.events[2].text, u"image omitted"_s);
    QCOMPARE(ios->sink.events[2].extra.value(u"media"_s).toString(), u"omitted"_s);
    QCOMPARE(iso(ios->sink.events[1]), u"2022-03-27T21:41:35+08:00"_s);

    auto group
        = parseFile(dir.filePath(u"whats_json/WhatsApp Chat with Group Chat XXX Android.txt"_s));
    QVERIFY(group->result);
    QCOMPARE(group->sink.metadata.value(u"dateOrder"_s).toString(), u"day/month/year"_s);
    QCOMPARE(iso(group->sink.events[0]), u"2023-01-11T16:13:00+08:00"_s);
    QCOMPARE(group->sink.events[0].conversation, u"Group Chat XXX Android"_s);
}

QTEST_GUILESS_MAIN(TstWhatsApp)
#include "tst_whatsapp.moc"
