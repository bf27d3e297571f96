// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include "common/timeutil.h"
#include "importers/csvreader.h"
#include "importers/formats.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

namespace {

QString dataDir()
{
    return QStringLiteral(DOSSIER_TEST_DATA_DIR "/importers/calllog");
}

QString iso(const EventRecord &e)
{
    return Test::isoOf(e);
}

qint64 ms(const QString &iso)
{
    return Test::utcMs(iso);
}

using Run = Test::ImportRun;

std::unique_ptr<Run> parseFile(const QString &path, const Import::ImportContext &context = {})
{
    return Test::importFile(*Import::makeCallLogCsvImporter(), path, context);
}

std::unique_ptr<Run> parseBytes(QByteArray bytes,
                                const QString &path = u"calls.csv"_s,
                                const Import::ImportContext &context = {})
{
    return Test::importBytes(*Import::makeCallLogCsvImporter(), std::move(bytes), path, context);
}

QString dir(Direction d)
{
    return toString(d);
}

} // namespace

class TstCallLogCsv final : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void csvReader_data();
    void csvReader();
    void csvReaderLineNumbers();
    void sniffDelimiter();
    void carrierBill();
    void gbkWithQuotedNewline();
    void encodings_data();
    void encodings();
    void utf16ExcelUnicodeText();
    void androidTypeCodes();
    void lenderScraperColumns();
    void durations_data();
    void durations();
    void times_data();
    void times();
    void caseZone();
    void badInput_data();
    void badInput();
    void unclosedQuote();
    void cancel();
    void sniff();
};

void TstCallLogCsv::initTestCase()
{
    QVERIFY2(!dataDir().isEmpty(), "tests/data/importers/calllog not found");
}

void TstCallLogCsv::csvReader_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QList<QStringList>>("records");

    QTest::newRow("plain") << u"a,b,c\n1,2,3\n"_s << u","_s
                           << QList<QStringList>{{u"a"_s, u"b"_s, u"c"_s},
                                                 {u"1"_s, u"2"_s, u"3"_s}};
    QTest::newRow("CRLF, no final newline")
        << u"a,b\r\n1,2"_s << u","_s << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}};
    QTest::newRow("quoted delimiter, newline and escaped quotes")
        << u"\"张,三\",\"第一行\n第二行\",\"说\"\"还钱\"\"\"\nx,y,z\n"_s << u","_s
        << QList<QStringList>{{u"张,三"_s, u"第一行\n第二行"_s, u"说\"还钱\""_s},
                              {u"x"_s, u"y"_s, u"z"_s}};
    QTest::newRow("empty fields and trailing delimiter")
        << u",a,,\n"_s << u","_s << QList<QStringList>{{QString(), u"a"_s, QString(), QString()}};
    QTest::newRow("blank line is one empty field")
        << u"a\n\nb\n"_s << u","_s << QList<QStringList>{{u"a"_s}, {QString()}, {u"b"_s}};
    QTest::newRow("tab") << u"a\tb,c\n"_s << u"\t"_s << QList<QStringList>{{u"a"_s, u"b,c"_s}};
    QTest::newRow("semicolon") << u"a;\"b;c\"\n"_s << u";"_s
                               << QList<QStringList>{{u"a"_s, u"b;c"_s}};
    QTest::newRow("empty quoted field")
        << u"\"\",x\n"_s << u","_s << QList<QStringList>{{QString(), u"x"_s}};
}

void TstCallLogCsv::csvReader()
{
    QFETCH(QString, text);
    QFETCH(QString, delimiter);
    QFETCH(QList<QStringList>, records);
    QByteArray bytes = text.toUtf8();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Import::CsvReader reader(buffer, delimiter.at(0).unicode());
    QList<QStringList> got;
    while (reader.next()) {
        QStringList fields;
        for (const QStringView f : reader.fields())
            fields << f.toString();
        got << fields;
    }
    QVERIFY(!reader.hasError());
    QCOMPARE(got, records);
}

void TstCallLogCsv::csvReaderLineNumbers()
{
    // Records spanning lines, in a buffer bigger than one read chunk.
    QString text = u"h1,h2\n"_s;
    for (int i = 0; i < 20000; ++i)
        text += u"%1,\"多行\n文本 %1\"\n"_s.arg(i);
    QByteArray bytes = text.toUtf8();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Import::CsvReader reader(buffer);
    QVERIFY(reader.next());
    QCOMPARE(reader.lineNumber(), 1);
    int count = 0;
    while (reader.next()) {
        QCOMPARE(reader.fields().size(), size_t(2));
        QCOMPARE(reader.fields()[0].toString(), QString::number(count));
        QCOMPARE(reader.fields()[1].toString(), u"多行\n文本 %1"_s.arg(count));
        QCOMPARE(reader.lineNumber(), 2 + 2 * count);
        QCOMPARE(reader.recordNumber(), count + 2);
        ++count;
    }
    QCOMPARE(count, 20000);
    QVERIFY(!reader.hasError());
    QCOMPARE(reader.bytesRead(), qint64(bytes.size()));
}

void TstCallLogCsv::sniffDelimiter()
{
    using Import::CsvReader;
    QCOMPARE(CsvReader::sniffDelimiter(u"a,b,c"), u',');
    QCOMPARE(CsvReader::sniffDelimiter(u"a;b;c"), u';');
    QCOMPARE(CsvReader::sniffDelimiter(u"a\tb\t\"c,d,e,f\""), u'\t');
    QCOMPARE(CsvReader::sniffDelimiter(u"abc"), u',');
}

void TstCallLogCsv::carrierBill()
{
    const QString path = dataDir() + u"/通话详单_移动.csv"_s;
    Import::ImportContext context;
    context.platform = u"某某贷"_s;
    auto run = parseFile(path, context);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 4);
    for (const EventRecord &e : ev) {
        QCOMPARE(toString(e.kind), toString(EventKind::Call));
        QCOMPARE(toString(e.channel), toString(Channel::Phone));
        QCOMPARE(e.platform, u"某某贷"_s);
    }
    QCOMPARE(ev[0].locator, u"row 1"_s);
    QCOMPARE(ev[0].at.utcMs, ms(u"2024-03-01T08:05:12+08:00"_s));
    QCOMPARE(ev[0].at.offsetSeconds, 8 * 3600);
    QCOMPARE(dir(ev[0].direction), dir(Direction::Incoming));
    QCOMPARE(ev[0].durationS, std::optional<qint64>(83));
    QCOMPARE(ev[0].rawNumber, u"13800138000"_s);
    QCOMPARE(ev[0].extra.value(u"place"_s).toString(), u"北京"_s);

    QCOMPARE(iso(ev[1]), u"2024-03-01T23:40:00+08:00"_s);
    QCOMPARE(dir(ev[1].direction), dir(Direction::Outgoing));
    QCOMPARE(ev[1].durationS, std::optional<qint64>(125));
    QCOMPARE(ev[1].rawNumber, u"138****1234"_s); // masked numbers stay as they are

    QCOMPARE(iso(ev[2]), u"2024-03-02T07:00:00+08:00"_s);
    QCOMPARE(dir(ev[2].direction), dir(Direction::Unknown));
    QCOMPARE(ev[2].extra.value(u"callType"_s).toString(), u"呼转"_s);
    QCOMPARE(ev[2].extra.value(u"place"_s).toString(), u"上海"_s);
    QCOMPARE(ev[2].durationS, std::optional<qint64>(23));

    QCOMPARE(iso(ev[3]), u"2024-03-02T12:30:15+08:00"_s);
    QCOMPARE(ev[3].durationS, std::optional<qint64>(3723));
    QCOMPARE(ev[3].rawNumber, u"010-62345678"_s);
    QCOMPARE(ev[3].locator, u"row 4"_s);

    // The blank row is skipped silently, the total row is rejected by name.
    QCOMPARE(run->sink.rejections.size(), 1);
    QCOMPARE(run->sink.rejections[0].locator, u"row 6"_s);
    QVERIFY(run->sink.rejections[0].reason.contains(u"合计"_s));

    const QJsonObject meta = run->sink.metadata;
    QCOMPARE(meta.value(u"encoding"_s).toString(), u"UTF-8"_s);
    QCOMPARE(meta.value(u"delimiter"_s).toString(), u","_s);
    QCOMPARE(meta.value(u"headerRow"_s).toInt(), 3);
    QCOMPARE(meta.value(u"columns"_s).toObject().value(u"time"_s).toString(), u"通话起始时间"_s);
    QCOMPARE(meta.value(u"columns"_s).toObject().value(u"type"_s).toString(), u"呼叫类型"_s);
    QCOMPARE(meta.value(u"calls"_s).toInt(), 4);
}

void TstCallLogCsv::gbkWithQuotedNewline()
{
    auto run = parseFile(dataDir() + u"/calllog_gbk.csv"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 2);
    QCOMPARE(iso(ev[0]), u"2024-03-05T21:15:00+08:00"_s);
    QCOMPARE(dir(ev[0].direction), dir(Direction::Incoming));
    QCOMPARE(ev[0].durationS, std::optional<qint64>(65));
    QCOMPARE(ev[0].counterpart, u"催收\"专员\"\n王"_s);
    QCOMPARE(ev[1].locator, u"row 2"_s);
    QCOMPARE(iso(ev[1]), u"2024-03-05T21:20:30+08:00"_s);
    QCOMPARE(dir(ev[1].direction), dir(Direction::Missed));
    QCOMPARE(ev[1].durationS, std::optional<qint64>(0));
    QCOMPARE(ev[1].rawNumber, u"13912345678"_s); // Excel's ="…" guard removed
    QCOMPARE(run->sink.metadata.value(u"encoding"_s).toString(), u"GB18030"_s);
}

void TstCallLogCsv::encodings_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bom");
    QTest::addColumn<QString>("detected");
    QTest::newRow("UTF-8") << u"UTF-8"_s << QByteArray() << u"UTF-8"_s;
    QTest::newRow("UTF-8 with BOM") << u"UTF-8"_s << QByteArray("\xEF\xBB\xBF") << u"UTF-8"_s;
    QTest::newRow("GBK") << u"GBK"_s << QByteArray() << u"GB18030"_s;
    QTest::newRow("UTF-16LE with BOM") << u"UTF-16LE"_s << QByteArray("\xFF\xFE") << u"UTF-16LE"_s;
    QTest::newRow("UTF-16BE with BOM") << u"UTF-16BE"_s << QByteArray("\xFE\xFF") << u"UTF-16BE"_s;
}

void TstCallLogCsv::encodings()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bom);
    QFETCH(QString, detected);
    const QString text = u"通话起始时间\t对方号码\t姓名\t呼叫类型\r\n"
                         "2024-03-01 08:05:12\t13800138000\t王经理\t被叫\r\n"_s;
    QStringEncoder encoder(encoding.toLatin1().constData());
    QVERIFY(encoder.isValid());
    const QByteArray bytes = bom + QByteArray(encoder.encode(text));
    auto run = parseBytes(bytes);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    QCOMPARE(run->sink.events[0].counterpart, u"王经理"_s);
    QCOMPARE(run->sink.events[0].rawNumber, u"13800138000"_s);
    QCOMPARE(dir(run->sink.events[0].direction), dir(Direction::Incoming));
    QCOMPARE(run->sink.metadata.value(u"encoding"_s).toString(), detected);
    QCOMPARE(run->sink.metadata.value(u"delimiter"_s).toString(), u"tab"_s);
}

void TstCallLogCsv::utf16ExcelUnicodeText()
{
    auto run = parseFile(dataDir() + u"/excel_unicode.txt"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 2);
    // Epoch milliseconds and seconds, shown in the case zone.
    QCOMPARE(ev[0].at.utcMs, 1709888400000);
    QCOMPARE(iso(ev[0]), u"2024-03-08T17:00:00+08:00"_s);
    QCOMPARE(ev[0].rawNumber, u"+8613800138000"_s);
    QCOMPARE(ev[0].counterpart, u"Zhang San"_s);
    QCOMPARE(dir(ev[0].direction), dir(Direction::Incoming));
    QCOMPARE(ev[0].durationS, std::optional<qint64>(65));
    QCOMPARE(ev[1].at.utcMs, 1709888460000);
    QCOMPARE(dir(ev[1].direction), dir(Direction::Missed));
    QCOMPARE(run->sink.metadata.value(u"encoding"_s).toString(), u"UTF-16LE"_s);
    QCOMPARE(run->sink.metadata.value(u"delimiter"_s).toString(), u"tab"_s);
}

void TstCallLogCsv::androidTypeCodes()
{
    auto run = parseFile(dataDir() + u"/scraper_semicolon.csv"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QStringList directions;
    for (const EventRecord &e : run->sink.events)
        directions << dir(e.direction);
    QCOMPARE(directions, (QStringList{u"outgoing"_s, u"missed"_s, u"rejected"_s, u"blocked"_s}));
    QCOMPARE(run->sink.events[0].durationS, std::optional<qint64>(90)); // callTime is a duration
    QCOMPARE(run->sink.events[0].extra.value(u"place"_s).toString(), u"广东深圳"_s);
    QCOMPARE(iso(run->sink.events[3]), u"2024-03-10T10:07:00+08:00"_s);
    QCOMPARE(run->sink.metadata.value(u"delimiter"_s).toString(), u";"_s);
}

void TstCallLogCsv::lenderScraperColumns()
{
    auto run = parseFile(dataDir() + u"/scraper_lender.csv"_s);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    const auto &ev = run->sink.events;
    QCOMPARE(ev.size(), 2);
    // other_cell_phone is the other party; cell_phone (the user's own) is not.
    QCOMPARE(ev[0].rawNumber, u"17012345678"_s);
    // init_type (主叫/被叫) decides, not call_type (本地).
    QCOMPARE(dir(ev[0].direction), dir(Direction::Outgoing));
    QCOMPARE(dir(ev[1].direction), dir(Direction::Incoming));
    QCOMPARE(ev[0].durationS, std::optional<qint64>(125));
    QVERIFY(!ev[0].extra.contains(u"callType"_s));
}

void TstCallLogCsv::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds"); // -1: none
    QTest::newRow("seconds") << u"83"_s << qint64(83);
    QTest::newRow("decimal seconds") << u"83.0"_s << qint64(83);
    QTest::newRow("mm:ss") << u"01:23"_s << qint64(83);
    QTest::newRow("HH:MM:SS") << u"01:02:03"_s << qint64(3723);
    QTest::newRow("分秒") << u"1分23秒"_s << qint64(83);
    QTest::newRow("小时分秒") << u"1小时2分3秒"_s << qint64(3723);
    QTest::newRow("时分秒") << u"1时2分3秒"_s << qint64(3723);
    QTest::newRow("秒 only") << u"23秒"_s << qint64(23);
    QTest::newRow("分钟") << u"2分钟"_s << qint64(120);
    QTest::newRow("h m s") << u"1h 2m 3s"_s << qint64(3723);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("words") << u"未接通"_s << qint64(-1);
    // Too many digits to be a call's length (and to fit 64 bits): kept as text, not wrapped.
    const QString nines(40, u'9');
    QTest::newRow("40 digits") << nines << qint64(-1);
    QTest::newRow("40 digits with a unit") << u"0"_s + nines + u"秒"_s << qint64(-1);
    QTest::newRow("40 digits, decimal") << nines + u".5"_s << qint64(-1);
    QTest::newRow("40 digits in mm:ss") << u"01:"_s + nines << qint64(-1);
    QTest::newRow("9 digits still read") << u"123456789秒"_s << qint64(123456789);
}

void TstCallLogCsv::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    auto run = parseBytes(
        (u"通话时间,对方号码,通话时长\n2024-03-01 08:00:00,13800138000,"_s + text + u"\n"_s)
            .toUtf8());
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    const auto &e = run->sink.events[0];
    QCOMPARE(e.durationS.value_or(-1), seconds);
    // What could not be read is kept as text.
    QCOMPARE(e.extra.value(u"durationText"_s).toString(),
             seconds < 0 && !text.isEmpty() ? text : QString());
}

void TstCallLogCsv::times_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("cells");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ISO with T and milliseconds")
        << u"start_time,number"_s << u"2024-03-01T08:05:12.250,13800138000"_s
        << u"2024-03-01T08:05:12+08:00"_s;
    QTest::newRow("explicit offset is kept")
        << u"start_time,number"_s << u"2024-03-01T08:05:12+09:00,13800138000"_s
        << u"2024-03-01T08:05:12+09:00"_s;
    QTest::newRow("UTC marker") << u"start_time,number"_s << u"2024-03-01T00:05:12Z,13800138000"_s
                                << u"2024-03-01T00:05:12+00:00"_s; // the offset the source showed
    QTest::newRow("negative offset")
        << u"start_time,number"_s << u"2024-03-01 08:05:12-05:00,13800138000"_s
        << u"2024-03-01T08:05:12-05:00"_s;
    QTest::newRow("compact digits")
        << u"开始时间,号码"_s << u"20240301080512,13800138000"_s << u"2024-03-01T08:05:12+08:00"_s;
    QTest::newRow("下午") << u"呼叫时间,电话"_s << u"2024/3/1 下午8:05:12,13800138000"_s
                          << u"2024-03-01T20:05:12+08:00"_s;
    QTest::newRow("separate date and time, compact date")
        << u"date,time,phone"_s << u"20240301,8:05,13800138000"_s << u"2024-03-01T08:05:00+08:00"_s;
    QTest::newRow("lone time column with the date")
        << u"时间,对方号码"_s << u"2024-03-01 08:05:12,13800138000"_s
        << u"2024-03-01T08:05:12+08:00"_s;
    QTest::newRow("US order, 12-hour")
        << u"Date,Number"_s << u"3/15/2024 9:05 PM,13800138000"_s << u"2024-03-15T21:05:00+08:00"_s;
}

void TstCallLogCsv::times()
{
    QFETCH(QString, header);
    QFETCH(QString, cells);
    QFETCH(QString, expected);
    auto run = parseBytes((header + u'\n' + cells + u'\n').toUtf8());
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QCOMPARE(run->sink.events.size(), 1);
    QCOMPARE(iso(run->sink.events[0]), expected);
}

void TstCallLogCsv::caseZone()
{
    // Local times are read in the case zone, with the offset in force then (DST in New York).
    Import::ImportContext context;
    context.settings.zone = QTimeZone(QByteArrayLiteral("America/New_York"));
    auto run = parseBytes(QByteArray("time,number\n"
                                     "2024-03-09 12:00:00,1\n"
                                     "2024-03-10 01:30:00,2\n"
                                     "2024-03-10 03:30:00,3\n"
                                     "2024-03-11 12:00:00,4\n"),
                          u"calls.csv"_s, context);
    QVERIFY2(run->result, qPrintable(run->result.error().toString()));
    QStringList got;
    for (const EventRecord &e : run->sink.events)
        got << iso(e);
    QCOMPARE(got, (QStringList{u"2024-03-09T12:00:00-05:00"_s, u"2024-03-10T01:30:00-05:00"_s,
                               u"2024-03-10T03:30:00-04:00"_s, u"2024-03-11T12:00:00-04:00"_s}));
    const SourceTime reference
        = sourceTimeFromLocal(QDate(2024, 3, 10), QTime(3, 30), context.settings.zone);
    QCOMPARE(run->sink.events[2].at.utcMs, reference.utcMs);
}

void TstCallLogCsv::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unreadable time names the row") << u"bad_time.csv"_s << u"row 2"_s;
    QTest::newRow("no call-log header") << u"not_calllog.csv"_s << u"is not a call log"_s;
    QTest::newRow("empty") << u"empty.csv"_s << u"is empty"_s;
}

void TstCallLogCsv::badInput()
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

void TstCallLogCsv::unclosedQuote()
{
    QByteArray bytes = "通话起始时间,对方号码,姓名\n2024-03-01 08:05:12,13800138000,\"";
    bytes += QByteArray(9 * 1024 * 1024, 'a');
    auto run = parseBytes(bytes, u"/x/calls.csv"_s);
    QVERIFY(!run->result);
    QVERIFY2(run->result.error().message.contains(u"/x/calls.csv"_s),
             qPrintable(run->result.error().message));
    QVERIFY2(run->result.error().message.contains(u"line 2"_s),
             qPrintable(run->result.error().message));
}

void TstCallLogCsv::cancel()
{
    QByteArray bytes = "通话起始时间,对方号码\n";
    for (int i = 0; i < 60000; ++i)
        bytes += "2024-03-01 08:05:12,13800138000\n";
    int calls = 0;
    Import::ImportContext context;
    context.progress = [&](qint64 done, qint64 total) {
        ++calls;
        return done < total / 2;
    };
    auto run = parseBytes(bytes, u"calls.csv"_s, context);
    QVERIFY(!run->result);
    QCOMPARE(int(run->result.error().code), int(ErrorCode::Cancelled));
    QVERIFY(calls >= 1);
    QVERIFY(run->sink.events.size() < 60000);
}

void TstCallLogCsv::sniff()
{
    auto importer = Import::makeCallLogCsvImporter();
    const auto head = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.read(65536) : QByteArray();
    };
    QCOMPARE(importer->sniff(u"通话详单_移动.csv"_s, head(dataDir() + u"/通话详单_移动.csv"_s)),
             85);
    QCOMPARE(importer->sniff(u"excel_unicode.txt"_s, head(dataDir() + u"/excel_unicode.txt"_s)),
             85);
    QCOMPARE(importer->sniff(u"calls.dat"_s, head(dataDir() + u"/calllog_gbk.csv"_s)), 50);
    QCOMPARE(importer->sniff(u"sms_like.csv"_s, head(dataDir() + u"/sms_like.csv"_s)), 0);
    QCOMPARE(importer->sniff(u"not_calllog.csv"_s, head(dataDir() + u"/not_calllog.csv"_s)), 0);
    QCOMPARE(importer->sniff(u"chat.txt"_s, QByteArray("13/03/2024, 09:16 - 王经理: 你好\n")), 0);
    QCOMPARE(importer->sniff(u"empty.csv"_s, QByteArray()), 0);
    QCOMPARE(
        importer->sniff(u"x.csv"_s, QByteArrayLiteral("time,number\n2024-03-01 08:00,1\n\0\x01")),
        0);
}

QTEST_GUILESS_MAIN(TstCallLogCsv)
#include "tst_calllogcsv.moc"
