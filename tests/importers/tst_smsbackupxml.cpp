// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTest>
#include <QXmlStreamReader>

#include "common/timeutil.h"
#include "importers/formats.h"
#include "importers/xmlsurrogatefilter.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(DOSSIER_TEST_DATA_DIR)).filePath(u"importers/sbr/"_s + name);
}

Result<void> importDevice(QIODevice &device,
                          const QString &path,
                          Test::MemorySink &sink,
                          ProgressFn progress = {})
{
    const auto importer = makeSmsBackupXmlImporter();
    ImportContext context;
    context.platform = u"某某金融"_s;
    context.progress = std::move(progress);
    return importer->parse(device, path, context, sink);
}

Result<void> importFile(const QString &path, Test::MemorySink &sink)
{
    ImportContext context;
    context.platform = u"某某金融"_s;
    return Test::importFileInto(*makeSmsBackupXmlImporter(), path, sink, context);
}

QByteArray filtered(const QByteArray &input)
{
    QBuffer source;
    source.setData(input);
    source.open(QIODevice::ReadOnly);
    XmlSurrogateFilter filter(source);
    QByteArray out;
    char buf[777]; // odd size: reads end at arbitrary places
    while (true) {
        const qint64 n = filter.read(buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, n);
    }
    return out;
}

QByteArray generatedCalls(int count)
{
    QByteArray xml
        = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"1\">\n";
    for (int i = 0; i < count; ++i) {
        xml += "  <call number=\"1701234" + QByteArray::number(1000 + i % 9000) + "\" duration=\""
               + QByteArray::number(i % 300) + "\" date=\""
               + QByteArray::number(1739373245000LL + i * 1000LL) + "\" type=\""
               + QByteArray::number(1 + i % 3)
               + "\" presentation=\"1\" readable_date=\"x\" contact_name=\"(Unknown)\" />\n";
    }
    xml += "</calls>\n";
    return xml;
}

} // namespace

class TstSmsBackupXml final : public QObject
{
    Q_OBJECT

  private slots:
    void surrogateFilter_data();
    void surrogateFilter();
    void surrogateFilterChunkBoundary_data();
    void surrogateFilterChunkBoundary();
    void sniff_data();
    void sniff();
    void calls_data();
    void calls();
    void callsCommon();
    void offsetsFollowZoneTransitions();
    void sms();
    void mmsWithAttachmentAndGroup();
    void mmsOutgoingFromAddrs();
    void attributeValues();
    void fastScannerAndReaderAgree_data();
    void fastScannerAndReaderAgree();
    void badInput_data();
    void badInput();
    void truncatedNamesLineAndRecord();
    void billionLaughsFailsQuickly();
    void entityExpansionLimitOfReader();
    void externalEntityNotResolved();
    void progressAndCancel();
    void corpus_data();
    void corpus();
};

void TstSmsBackupXml::surrogateFilter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("pair becomes one reference")
        << QByteArray("a&#55357;&#56832;b") << QByteArray("a&#x1F600;b");
    QTest::newRow("hex pair") << QByteArray("&#xD83D;&#xDE4F;") << QByteArray("&#x1F64F;");
    QTest::newRow("lone high") << QByteArray("x&#55357;y") << QByteArray("x&#xFFFD;y");
    QTest::newRow("lone low") << QByteArray("&#56832;") << QByteArray("&#xFFFD;");
    QTest::newRow("high then non-surrogate")
        << QByteArray("&#55357;&#65;") << QByteArray("&#xFFFD;&#65;");
    QTest::newRow("ordinary refs untouched")
        << QByteArray("&amp;&#10;&#x4E2D;&lt;&") << QByteArray("&amp;&#10;&#x4E2D;&lt;&");
    QTest::newRow("high at end of input") << QByteArray("&#55357;") << QByteArray("&#xFFFD;");
    QTest::newRow("incomplete reference at end")
        << QByteArray("ab&#5535") << QByteArray("ab&#5535");
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TstSmsBackupXml::surrogateFilter()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(filtered(input), expected);
}

void TstSmsBackupXml::surrogateFilterChunkBoundary_data()
{
    QTest::addColumn<int>("padding");
    // The filter reads 256 KiB at a time and keeps a 40-byte lookahead: put the pair across
    // both edges and around them.
    for (int back : {1, 3, 8, 9, 12, 16, 17, 30, 39, 40, 41, 48}) {
        const int padding = 256 * 1024 - back;
        QTest::addRow("pair %d bytes before the chunk end", back) << padding;
        QTest::addRow("pair %d bytes before the lookahead", back) << padding - 40;
    }
}

void TstSmsBackupXml::surrogateFilterChunkBoundary()
{
    QFETCH(int, padding);
    const QByteArray pad(padding, 'a');
    const QByteArray input = pad + "&#55357;&#56832;" + pad + "&#55357;&#56832;tail";
    const QByteArray expected = pad + "&#x1F600;" + pad + "&#x1F600;tail";
    QCOMPARE(filtered(input), expected);
}

void TstSmsBackupXml::sniff_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("certain");
    QTest::addColumn<bool>("zero");
    const QByteArray sms = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
                           "<smses count=\"1\">\n  <sms protocol=\"0\" address=\"1\" />";
    const QByteArray calls = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
                             "<calls count=\"1\">\n  <call number=\"1\" />";
    QTest::newRow("sms content") << u"backup.xml"_s << sms << true << false;
    QTest::newRow("calls content, odd name") << u"x.txt"_s << calls << true << false;
    QTest::newRow("other xml") << u"sms-20250101.xml"_s
                               << QByteArray("<?xml version=\"1.0\"?><contacts/>") << false
                               << false;
    QTest::newRow("not xml") << u"a.txt"_s << QByteArray("hello <calls") << false << true;
    QTest::newRow("vcard") << u"a.vcf"_s << QByteArray("BEGIN:VCARD\r\n") << false << true;
    QTest::newRow("empty") << u"calls-1.xml"_s << QByteArray() << false << true;
}

void TstSmsBackupXml::sniff()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, head);
    QFETCH(bool, certain);
    QFETCH(bool, zero);
    const int score = makeSmsBackupXmlImporter()->sniff(fileName, head);
    if (certain)
        QCOMPARE(score, 100);
    else
        QVERIFY2(score < 50, qPrintable(QString::number(score)));
    if (zero)
        QCOMPARE(score, 0);
}

void TstSmsBackupXml::calls_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("number");
    QTest::addColumn<int>("direction");
    QTest::addColumn<qint64>("duration"); // -1: none
    QTest::addColumn<QString>("counterpart");
    QTest::addColumn<bool>("hidden");
    QTest::addColumn<QString>("extraKey"); // a flag expected in extra, or empty

    QTest::newRow("missed, (Unknown) name") << 0 << u"17012345678"_s << int(Direction::Missed)
                                            << 0LL << QString() << false << QString();
    QTest::newRow("incoming with Chinese name") << 1 << u"17012345678"_s << int(Direction::Incoming)
                                                << 65LL << u"催收 王某"_s << false << QString();
    QTest::newRow("outgoing") << 2 << u"13800138000"_s << int(Direction::Outgoing) << 12LL
                              << u"妈妈"_s << false << QString();
    QTest::newRow("rejected, withheld")
        << 3 << QString() << int(Direction::Rejected) << 0LL << QString() << true << QString();
    QTest::newRow("blocked, -2 private")
        << 4 << u"-2"_s << int(Direction::Blocked) << 0LL << QString() << true << QString();
    QTest::newRow("voicemail is missed") << 5 << u"95588"_s << int(Direction::Missed) << 30LL
                                         << QString() << false << u"voicemail"_s;
    QTest::newRow("answered elsewhere is incoming")
        << 6 << u"17012345679"_s << int(Direction::Incoming) << 3LL << QString() << false
        << u"answered_externally"_s;
    QTest::newRow("vendor code is unknown, presentation unknown is hidden")
        << 7 << u"17012345680"_s << int(Direction::Unknown) << -1LL << QString() << true
        << QString();
}

void TstSmsBackupXml::calls()
{
    QFETCH(int, index);
    QFETCH(QString, number);
    QFETCH(int, direction);
    QFETCH(qint64, duration);
    QFETCH(QString, counterpart);
    QFETCH(bool, hidden);
    QFETCH(QString, extraKey);

    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"calls-20250213080000.xml"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 8); // the root claims count="99"
    const EventRecord &e = sink.events.at(index);
    QCOMPARE(e.rawNumber, number);
    QCOMPARE(int(e.direction), direction);
    if (duration < 0)
        QVERIFY(!e.durationS.has_value());
    else
        QCOMPARE(e.durationS.value_or(-1), duration);
    QCOMPARE(e.counterpart, counterpart);
    QCOMPARE(e.extra.value(u"hidden"_s).toBool(), hidden);
    if (!extraKey.isEmpty())
        QCOMPARE(e.extra.value(extraKey).toBool(), true);
    QCOMPARE(e.locator, u"record %1"_s.arg(index + 1));
}

void TstSmsBackupXml::callsCommon()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"calls-20250213080000.xml"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 8);
    for (const EventRecord &e : std::as_const(sink.events)) {
        QCOMPARE(toString(e.kind), u"call"_s);
        QCOMPARE(toString(e.channel), u"phone"_s);
        QCOMPARE(e.platform, u"某某金融"_s);
        QCOMPARE(e.at.offsetSeconds, 8 * 3600);
    }
    const EventRecord &first = sink.events.first();
    QCOMPARE(first.at.utcMs, 1739373245000LL);
    QCOMPARE(isoWithOffset(first.at.utcMs, first.at.offsetSeconds), u"2025-02-12T23:14:05+08:00"_s);
    QCOMPARE(first.extra.value(u"type"_s).toInt(), 3);
    QCOMPARE(sink.events.at(7).extra.value(u"type"_s).toInt(), 100);
    QCOMPARE(sink.events.at(7).extra.value(u"presentation"_s).toInt(), 3);
    QCOMPARE(sink.events.at(3).extra.value(u"presentation"_s).toInt(), 2);
    QVERIFY(sink.rejections.isEmpty());
}

void TstSmsBackupXml::offsetsFollowZoneTransitions()
{
    // The importer caches the zone offset between transitions: records out of order around
    // DST changes must still get the offset sourceTimeFromUtcMs gives.
    const QTimeZone zone(QByteArrayLiteral("America/New_York"));
    QVERIFY(zone.isValid());
    QList<qint64> times;
    const qint64 springForward = 1741503600000LL; // 2025-03-09 07:00 UTC
    const qint64 fallBack = 1762063200000LL;      // 2025-11-02 06:00 UTC
    for (qint64 base : {springForward, fallBack, springForward})
        for (qint64 d : {-3600001LL, -1LL, 0LL, 1LL, 3600000LL, -86400000LL * 200})
            times.append(base + d);
    QByteArray xml = "<calls>";
    for (qint64 t : std::as_const(times))
        xml += "<call number=\"1\" date=\"" + QByteArray::number(t) + "\" type=\"1\"/>";
    xml += "</calls>";
    QBuffer buffer(&xml);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    ImportContext context;
    context.settings.zone = zone;
    const auto r = makeSmsBackupXmlImporter()->parse(buffer, u"calls.xml"_s, context, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), times.size());
    for (qsizetype i = 0; i < times.size(); ++i) {
        const SourceTime expected = sourceTimeFromUtcMs(times.at(i), zone);
        QCOMPARE(sink.events.at(i).at.utcMs, expected.utcMs);
        QCOMPARE(sink.events.at(i).at.offsetSeconds, expected.offsetSeconds);
    }
    QCOMPARE(sink.events.at(1).at.offsetSeconds, -5 * 3600);
    QCOMPARE(sink.events.at(2).at.offsetSeconds, -4 * 3600);
}

void TstSmsBackupXml::sms()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"sms-20250213080000.xml"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 6);

    const EventRecord &notice = sink.events.at(0);
    QCOMPARE(toString(notice.kind), u"message"_s);
    QCOMPARE(toString(notice.channel), u"sms"_s);
    QCOMPARE(toString(notice.direction), u"incoming"_s);
    QCOMPARE(notice.rawNumber, u"10690000123"_s);
    QCOMPARE(notice.text,
             u"【某某金融】您已逾期3天，今日不还款将通知您的紧急联系人。\n回复TD退订"_s);
    QVERIFY(notice.counterpart.isEmpty());
    QCOMPARE(notice.at.utcMs, 1739373245000LL);
    QCOMPARE(notice.locator, u"record 1"_s);
    QCOMPARE(notice.extra.value(u"type"_s).toInt(), 1);

    const EventRecord &reply = sink.events.at(1);
    QCOMPARE(toString(reply.direction), u"outgoing"_s);
    QCOMPARE(reply.text, u"我会还的，请不要再打给我家人 🙏"_s);
    QCOMPARE(reply.counterpart, u"催收 王某"_s);

    const EventRecord &draft = sink.events.at(2);
    QCOMPARE(toString(draft.direction), u"outgoing"_s);
    QCOMPARE(draft.extra.value(u"status"_s).toString(), u"draft"_s);
    QCOMPARE(draft.text, u"草稿：\uFFFD"_s);

    const EventRecord &failed = sink.events.at(3);
    QCOMPARE(toString(failed.direction), u"outgoing"_s);
    QCOMPARE(failed.extra.value(u"status"_s).toString(), u"failed"_s);
    QCOMPARE(failed.extra.value(u"delivery_status"_s).toInt(), 64);
    QVERIFY(failed.text.isEmpty());
}

void TstSmsBackupXml::mmsWithAttachmentAndGroup()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"sms-20250213080000.xml"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.attachments.size(), 1);
    const auto &att = sink.attachments.first();
    QCOMPARE(att.record.fileName, u"x.png"_s);
    QCOMPARE(att.record.mediaType, u"image/png"_s);
    QCOMPARE(att.record.locator, u"record 5 part 0"_s);
    QVERIFY(att.bytes.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(att.sha256, u"b1ff9c8ea3a780bad09b346c423d2d0e46815926879b18e841d928376a946640"_s);

    const EventRecord &mms = sink.events.at(4);
    QCOMPARE(toString(mms.channel), u"mms"_s);
    QCOMPARE(toString(mms.kind), u"message"_s);
    QCOMPARE(toString(mms.direction), u"incoming"_s);
    QCOMPARE(mms.locator, u"record 5"_s);
    // Sender (From, type 137) first, then the rest of the group from the address attribute.
    QCOMPARE(mms.rawNumber, u"13800138000"_s);
    QCOMPARE(mms.moreNumbers, (QStringList{u"17012345678"_s, u"13900139000"_s}));
    QCOMPARE(mms.text, u"这是你儿子的照片吧\n👈"_s);
    QCOMPARE(mms.attachmentSha256, QStringList{att.sha256});
    QCOMPARE(mms.extra.value(u"msg_box"_s).toInt(), 1);
    QCOMPARE(mms.extra.value(u"m_type"_s).toInt(), 132);
}

void TstSmsBackupXml::mmsOutgoingFromAddrs()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"sms-20250213080000.xml"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    const EventRecord &mms = sink.events.at(5);
    QCOMPARE(toString(mms.direction), u"outgoing"_s);
    QCOMPARE(mms.rawNumber, u"17012345678"_s); // address="null": the To address
    QVERIFY(mms.moreNumbers.isEmpty());
    QCOMPARE(mms.text, u"收到"_s);
    QVERIFY(mms.counterpart.isEmpty());
}

void TstSmsBackupXml::attributeValues()
{
    QByteArray xml
        = "\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?>\r\n<!-- c -->"
          "<smses><sms date='1739373245000' type = \"1\" address=\"1\"\r\n"
          " body=\"a&#9;b&#10;c\r\nd\te&quot;&apos;&lt;&gt;&amp;&#x4E2D;&#55357;&#56832;\"/>"
          "<![CDATA[ <sms> ]]></smses>\n";
    QBuffer buffer(&xml);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    const auto r = importDevice(buffer, u"sms.xml"_s, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 1);
    // Literal line breaks and tabs in attributes are normalised to spaces (XML 1.0 3.3.3).
    QCOMPARE(sink.events.first().text, u"a\tb\nc d e\"'<>&中😀"_s);
}

void TstSmsBackupXml::fastScannerAndReaderAgree_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("variant");
    QTest::newRow("sms, DOCTYPE") << u"sms-20250213080000.xml"_s << u"doctype"_s;
    QTest::newRow("calls, DOCTYPE") << u"calls-20250213080000.xml"_s << u"doctype"_s;
    // The surrogate repair works on ASCII-compatible bytes only: no emoji in the UTF-16 case.
    QTest::newRow("calls, UTF-16") << u"calls-20250213080000.xml"_s << u"utf16"_s;
}

void TstSmsBackupXml::fastScannerAndReaderAgree()
{
    // A DOCTYPE or a non-UTF-8 encoding sends the file through QXmlStreamReader instead of the
    // fast scanner: both must produce the same records.
    QFETCH(QString, fixture);
    QFETCH(QString, variant);
    QFile file(dataPath(fixture));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    QByteArray other = original;
    if (variant == u"doctype") {
        const qsizetype declEnd = other.indexOf("?>") + 2;
        other.insert(declEnd, "\n<!DOCTYPE x>");
    } else {
        QString text = QString::fromUtf8(original);
        text.replace(u"encoding='UTF-8'"_s, u"encoding='UTF-16'"_s);
        QStringEncoder encoder(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
        other = encoder.encode(text);
    }
    Test::MemorySink fast;
    Test::MemorySink slow;
    QBuffer a;
    a.setData(original);
    a.open(QIODevice::ReadOnly);
    QBuffer b;
    b.setData(other);
    b.open(QIODevice::ReadOnly);
    const auto r1 = importDevice(a, fixture, fast);
    const auto r2 = importDevice(b, fixture, slow);
    QVERIFY2(r1, qPrintable(r1.error().toString()));
    QVERIFY2(r2, qPrintable(r2.error().toString()));
    QCOMPARE(slow.events.size(), fast.events.size());
    for (qsizetype i = 0; i < fast.events.size(); ++i) {
        const EventRecord &x = fast.events.at(i);
        const EventRecord &y = slow.events.at(i);
        QCOMPARE(y.text, x.text);
        QCOMPARE(y.rawNumber, x.rawNumber);
        QCOMPARE(y.moreNumbers, x.moreNumbers);
        QCOMPARE(y.counterpart, x.counterpart);
        QCOMPARE(y.at.utcMs, x.at.utcMs);
        QCOMPARE(toString(y.direction), toString(x.direction));
        QCOMPARE(y.extra, x.extra);
        QCOMPARE(y.attachmentSha256, x.attachmentSha256);
        QCOMPARE(y.locator, x.locator);
    }
}

void TstSmsBackupXml::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::newRow("empty") << QByteArray() << int(ErrorCode::Parse);
    QByteArray random(4096, '\0');
    for (int i = 0; i < random.size(); ++i)
        random[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("random bytes") << random << int(ErrorCode::Parse);
    QTest::newRow("wrong root") << QByteArray("<?xml version=\"1.0\"?><contacts><c/></contacts>")
                                << int(ErrorCode::Unsupported);
    QTest::newRow("two roots") << QByteArray("<calls></calls><calls></calls>")
                               << int(ErrorCode::Parse);
    QTest::newRow("undeclared entity")
        << QByteArray("<smses><sms date=\"1\" type=\"1\" body=\"&nbsp;\"/></smses>")
        << int(ErrorCode::Parse);
    QTest::newRow("second root after records")
        << QByteArray("<calls><call date=\"1\" type=\"1\"/></calls><calls/>")
        << int(ErrorCode::Parse);
    QTest::newRow("mismatched tags")
        << QByteArray("<smses><sms date=\"1\" type=\"1\"></mms></smses>") << int(ErrorCode::Parse);
}

void TstSmsBackupXml::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    const auto r = importDevice(buffer, u"/tmp/sms-bad.xml"_s, sink);
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), code);
    QVERIFY2(r.error().message.contains(u"sms-bad.xml"_s), qPrintable(r.error().message));
}

void TstSmsBackupXml::truncatedNamesLineAndRecord()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"truncated-calls.xml"_s), sink);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Parse);
    const QString message = r.error().message;
    QVERIFY2(message.contains(u"truncated-calls.xml"_s), qPrintable(message));
    QVERIFY2(message.contains(u"line 5"_s), qPrintable(message));
    QVERIFY2(message.contains(u"record 2"_s), qPrintable(message));
}

void TstSmsBackupXml::billionLaughsFailsQuickly()
{
    Test::MemorySink sink;
    QElapsedTimer timer;
    timer.start();
    const auto r = importFile(dataPath(u"billion-laughs.xml"_s), sink);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Parse);
    QVERIFY2(r.error().message.contains(u"entit"_s), qPrintable(r.error().message));
    QVERIFY(sink.events.isEmpty());
    qInfo("billion laughs refused after %lld ms", timer.elapsed());
}

void TstSmsBackupXml::entityExpansionLimitOfReader()
{
    // Second line of defence behind the DTD refusal: the reader limit the importer relies on
    // stops the expansion itself with an error instead of growing memory.
    QFile file(dataPath(u"billion-laughs.xml"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader reader(&file);
    reader.setEntityExpansionLimit(1024);
    qint64 characters = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters())
            characters += reader.text().size();
        if (reader.isStartElement() && reader.name() == u"sms")
            characters += reader.attributes().value("body"_L1).size();
    }
    QVERIFY(reader.hasError());
    QVERIFY(characters < 1024 * 1024);
}

void TstSmsBackupXml::externalEntityNotResolved()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"external-entity.xml"_s), sink);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Parse);
    for (const EventRecord &e : std::as_const(sink.events))
        QVERIFY(!e.text.contains(u"root:"_s));
}

void TstSmsBackupXml::progressAndCancel()
{
    QByteArray xml = generatedCalls(30000); // about 4 MiB
    QVERIFY(xml.size() > 3 * 1024 * 1024);
    {
        QBuffer buffer(&xml);
        buffer.open(QIODevice::ReadOnly);
        Test::MemorySink sink;
        QList<qint64> done;
        const auto r = importDevice(buffer, u"calls-1.xml"_s, sink, [&](qint64 d, qint64 total) {
            done.append(d);
            return total == xml.size();
        });
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 30000);
        QVERIFY(done.size() >= 3);
        QCOMPARE(done.last(), qint64(xml.size()));
        QCOMPARE(sink.events.last().locator, u"record 30000"_s);
    }
    {
        QBuffer buffer(&xml);
        buffer.open(QIODevice::ReadOnly);
        Test::MemorySink sink;
        const auto r
            = importDevice(buffer, u"calls-1.xml"_s, sink, [](qint64, qint64) { return false; });
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY(sink.events.size() < 30000);
    }
}

void TstSmsBackupXml::corpus_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("attachments");
    QTest::newRow("00/calls-test.xml (count=56, 12 records)") << u"00/calls-test.xml"_s << 12 << 0;
    QTest::newRow("01/calls-test.xml") << u"01/calls-test.xml"_s << 12 << 0;
    QTest::newRow("archive/calls.xml") << u"archive/calls.xml"_s << 16 << 0;
    QTest::newRow("sms-test.xml: 6 sms + 9 mms") << u"sms-test.xml"_s << 15 << 1;
}

void TstSmsBackupXml::corpus()
{
    QFETCH(QString, relative);
    QFETCH(int, events);
    QFETCH(int, attachments);
    const QString path
        = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/sms-backup-restore-xml/"_s + relative;
    if (!QFile::exists(path))
        QSKIP("shared corpus not present");
    Test::MemorySink sink;
    const auto r = importFile(path, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), events);
    QCOMPARE(sink.attachments.size(), attachments);
    QVERIFY(sink.rejections.isEmpty());
    for (const EventRecord &e : std::as_const(sink.events)) {
        QVERIFY(e.at.utcMs > 1'300'000'000'000LL);
        QVERIFY(!e.locator.isEmpty());
        if (e.channel == Channel::Mms)
            QVERIFY2(!e.text.isEmpty() || !e.attachmentSha256.isEmpty(), qPrintable(e.locator));
    }
    if (relative == u"sms-test.xml") {
        const EventRecord &group = sink.events.last();
        QCOMPARE(group.rawNumber, u"+15555550005"_s); // From of the group MMS
        QCOMPARE(group.moreNumbers.size(), 3);
        QCOMPARE(group.text, u"And only let in two."_s);
        QCOMPARE(sink.attachments.first().record.mediaType, u"image/png"_s);
    }
}

QTEST_GUILESS_MAIN(TstSmsBackupXml)
#include "tst_smsbackupxml.moc"
