// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

#include "common/timeutil.h"
#include "importers/formats.h"
#include "importers/jsonstreamreader.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(DOSSIER_TEST_DATA_DIR)).filePath(u"importers/telegram/"_s + name);
}

ImportContext ownContext(const QStringList &ownNames)
{
    ImportContext context;
    context.settings.own.names = ownNames;
    return context;
}

Result<void> importDevice(QIODevice &device,
                          const QString &path,
                          Test::MemorySink &sink,
                          const ImportContext &context)
{
    return makeTelegramJsonImporter()->parse(device, path, context, sink);
}

Result<void> importFile(const QString &path,
                        Test::MemorySink &sink,
                        const ImportContext &context = ImportContext{})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, u"cannot open "_s + path);
    return importDevice(file, path, sink, context);
}

} // namespace

class TstTelegramJson final : public QObject
{
    Q_OBJECT

  private slots:
    void sniff_data();
    void sniff();
    void singleChat_data();
    void singleChat();
    void singleChatCommon();
    void fullExport();
    void streamReaderChunkBoundaries();
    void badInput_data();
    void badInput();
    void truncatedNamesLine();
    void impossibleUnixTime();
    void progressAndCancel();
    void corpus_data();
    void corpus();
    void corpusLegacyDates();
};

void TstTelegramJson::sniff_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("high");
    QFile file(dataPath(u"single-chat.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray single = file.readAll();
    QTest::newRow("single chat, any name") << u"chat.json"_s << single << true;
    QTest::newRow("result.json") << u"result.json"_s << single << true;
    QTest::newRow("other json") << u"data.json"_s << QByteArray("{\"users\": []}") << false;
    QTest::newRow("xml") << u"result.json"_s << QByteArray("<?xml version=\"1.0\"?>") << false;
}

void TstTelegramJson::sniff()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, head);
    QFETCH(bool, high);
    const int score = makeTelegramJsonImporter()->sniff(fileName, head);
    QVERIFY2(high ? score >= 80 : score < 30, qPrintable(QString::number(score)));
}

void TstTelegramJson::singleChat_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("counterpart");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("duration"); // -1: none

    const QString collector = u"催收-张经理"_s;
    QTest::newRow("incoming text") << 0 << u"message"_s << u"incoming"_s << collector
                                   << u"王先生，今天再不还款就联系你单位领导"_s << -1LL;
    QTest::newRow("own text with entities") << 1 << u"message"_s << u"outgoing"_s << u"王小明"_s
                                            << u"请看 https://example.com/合同 第三条"_s << -1LL;
    QTest::newRow("missed call") << 2 << u"call"_s << u"missed"_s << collector << QString() << -1LL;
    QTest::newRow("answered call")
        << 3 << u"call"_s << u"incoming"_s << collector << QString() << 95LL;
    QTest::newRow("own call") << 4 << u"call"_s << u"outgoing"_s << u"王小明"_s << QString()
                              << 12LL;
    QTest::newRow("busy is rejected")
        << 5 << u"call"_s << u"rejected"_s << collector << QString() << -1LL;
    QTest::newRow("photo with caption")
        << 6 << u"message"_s << u"incoming"_s << collector << u"[照片] 这是你家吧 😀"_s << -1LL;
    QTest::newRow("file") << 7 << u"message"_s << u"incoming"_s << collector
                          << u"[文件: 律师函.pdf]"_s << -1LL;
    QTest::newRow("voice") << 8 << u"message"_s << u"incoming"_s << collector << u"[语音]"_s
                           << -1LL;
    QTest::newRow("other service action")
        << 9 << u"message"_s << u"outgoing"_s << u"王小明"_s << u"[clear_history]"_s << -1LL;
}

void TstTelegramJson::singleChat()
{
    QFETCH(int, index);
    QFETCH(QString, kind);
    QFETCH(QString, direction);
    QFETCH(QString, counterpart);
    QFETCH(QString, text);
    QFETCH(qint64, duration);

    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"single-chat.json"_s), sink, ownContext({u"王小明"_s}));
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 10);
    const EventRecord &e = sink.events.at(index);
    QCOMPARE(toString(e.kind), kind);
    QCOMPARE(toString(e.direction), direction);
    QCOMPARE(e.counterpart, counterpart);
    QCOMPARE(e.text, text);
    if (duration < 0)
        QVERIFY(!e.durationS.has_value());
    else
        QCOMPARE(e.durationS.value_or(-1), duration);
    QCOMPARE(e.locator, u"message %1"_s.arg(index + 1));
}

void TstTelegramJson::singleChatCommon()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"single-chat.json"_s), sink, ownContext({u"王小明"_s}));
    QVERIFY2(r, qPrintable(r.error().toString()));
    for (const EventRecord &e : std::as_const(sink.events)) {
        QCOMPARE(toString(e.channel), u"telegram"_s);
        QCOMPARE(e.conversation, u"催收-张经理"_s);
        QVERIFY(e.rawNumber.isEmpty());
        QCOMPARE(e.extra.value(u"chat_type"_s).toString(), u"personal_chat"_s);
    }
    const EventRecord &first = sink.events.first();
    QCOMPARE(first.at.utcMs, 1739373245000LL);
    QCOMPARE(isoWithOffset(first.at.utcMs, first.at.offsetSeconds), u"2025-02-12T23:14:05+08:00"_s);
    QCOMPARE(first.extra.value(u"from_id"_s).toString(), u"user5012345678"_s);
    QCOMPARE(first.extra.value(u"id"_s).toInt(), 101);
    QCOMPARE(sink.events.at(2).extra.value(u"discard_reason"_s).toString(), u"missed"_s);
    QCOMPARE(sink.events.at(2).extra.value(u"service"_s).toString(), u"phone_call"_s);
    QCOMPARE(sink.events.at(7).extra.value(u"mime_type"_s).toString(), u"application/pdf"_s);
    QCOMPARE(sink.events.at(9).extra.value(u"service"_s).toString(), u"clear_history"_s);

    // Without own names nothing can be called outgoing; messages are "unknown", calls
    // still follow the discard reason.
    Test::MemorySink anonymous;
    QVERIFY(importFile(dataPath(u"single-chat.json"_s), anonymous));
    QCOMPARE(toString(anonymous.events.at(1).direction), u"unknown"_s);
    QCOMPARE(toString(anonymous.events.at(2).direction), u"missed"_s);
}

void TstTelegramJson::fullExport()
{
    Test::MemorySink sink;
    // The owner's name comes from personal_information.
    const auto r = importFile(dataPath(u"full-export.json"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 4);
    const EventRecord &created = sink.events.at(0);
    QCOMPARE(created.conversation, u"某某贷 催收群"_s);
    QCOMPARE(created.extra.value(u"service"_s).toString(), u"create_group"_s);
    QCOMPARE(created.extra.value(u"members"_s).toArray().size(), 3);
    QCOMPARE(toString(created.direction), u"incoming"_s);
    QCOMPARE(sink.events.at(1).text, u"各位好，王小明欠款不还"_s);
    const EventRecord &sticker = sink.events.at(2);
    QCOMPARE(sticker.text, u"[表情: 😡]"_s);
    QVERIFY(sticker.counterpart.isEmpty());      // deleted account: "from": null
    QCOMPARE(sticker.at.utcMs, 1739152920000LL); // numeric date_unixtime accepted
    const EventRecord &left = sink.events.at(3);
    QCOMPARE(left.conversation, u"已退出的群"_s);
    QCOMPARE(toString(left.direction), u"outgoing"_s);
    QCOMPARE(left.locator, u"message 4"_s);
    // The account's contact list is the user's own address book.
    QCOMPARE(sink.contacts.size(), 1);
    QCOMPARE(sink.contacts.first().name, u"妈妈"_s);
    QCOMPARE(sink.contacts.first().numbers, QStringList{u"+86 138 0013 8000"_s});
    QCOMPARE(sink.contacts.first().locator, u"contact 1"_s);
}

void TstTelegramJson::streamReaderChunkBoundaries()
{
    // Values far larger than the reader's 1 MiB chunk, strings with escaped quotes and
    // backslashes at any offset.
    QByteArray json = "{\"skip\": {\"a\": [\"x\\\"]\", {\"b\": \""
                      + QByteArray(3 * 1024 * 1024, 'z') + "\"}]}, \"messages\": [";
    for (int i = 0; i < 3; ++i) {
        if (i)
            json += ',';
        json += "{\"type\": \"message\", \"date_unixtime\": \"1739373245\", \"from\": \"A\\\\\", "
                "\"text\": \""
                + QByteArray(1024 * 1024 + 7 * i, 'y') + "\\\"\"}";
    }
    json += "]}";
    QBuffer buffer(&json);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    const auto r = importDevice(buffer, u"result.json"_s, sink, ImportContext{});
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 3);
    QCOMPARE(sink.events.at(2).text.size(), 1024 * 1024 + 14 + 1);
    QVERIFY(sink.events.at(2).text.endsWith(u'"'));
    QCOMPARE(sink.events.at(0).counterpart, u"A\\"_s);
}

void TstTelegramJson::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::newRow("empty") << QByteArray() << int(ErrorCode::Parse);
    QByteArray random(2048, '\0');
    for (int i = 0; i < random.size(); ++i)
        random[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("random bytes") << random << int(ErrorCode::Parse);
    QTest::newRow("array root") << QByteArray("[1, 2]") << int(ErrorCode::Parse);
    QFile other(dataPath(u"not-telegram.json"_s));
    QVERIFY(other.open(QIODevice::ReadOnly));
    QTest::newRow("other JSON") << other.readAll() << int(ErrorCode::Unsupported);
    QTest::newRow("garbage inside")
        << QByteArray("{\"messages\": [{\"a\": 1} {\"b\": 2}]}") << int(ErrorCode::Parse);
    QTest::newRow("trailing data") << QByteArray("{\"messages\": []} {}") << int(ErrorCode::Parse);
    QTest::newRow("vcard") << QByteArray("BEGIN:VCARD\r\n") << int(ErrorCode::Parse);
}

void TstTelegramJson::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    const auto r = importDevice(buffer, u"/tmp/bad-result.json"_s, sink, ImportContext{});
    QVERIFY(!r);
    QCOMPARE(int(r.error().code), code);
    QVERIFY2(r.error().message.contains(u"bad-result.json"_s), qPrintable(r.error().message));
}

void TstTelegramJson::truncatedNamesLine()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"truncated.json"_s), sink);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Parse);
    QVERIFY2(r.error().message.contains(u"truncated.json"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"line "_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"after message 4"_s), qPrintable(r.error().message));
    QCOMPARE(sink.events.size(), 4);
}

// A date_unixtime no export writes (it would overflow as milliseconds): the local date is read
// instead, and without one the message is rejected, not given a wrapped time.
void TstTelegramJson::impossibleUnixTime()
{
    QByteArray json = "{\"name\": \"催收\", \"messages\": ["
                      "{\"id\": 1, \"type\": \"message\", \"date\": \"2025-02-12T09:30:00\", "
                      "\"date_unixtime\": \"1739328613800138000\", \"text\": \"还钱\"},"
                      "{\"id\": 2, \"type\": \"message\", \"date_unixtime\": 1e300, "
                      "\"text\": \"还钱\"}]}";
    QBuffer buffer(&json);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    const auto r = importDevice(buffer, u"result.json"_s, sink, ImportContext{});
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(sink.events.size(), 1);
    // 09:30 in the case zone (Asia/Shanghai)
    QCOMPARE(sink.events[0].at.utcMs, 1739323800000LL);
    QCOMPARE(sink.rejections.size(), 1);
}

void TstTelegramJson::progressAndCancel()
{
    QByteArray json = "{\"name\": \"x\", \"messages\": [";
    for (int i = 0; i < 20000; ++i) {
        if (i)
            json += ",\n";
        json += "{\"id\": " + QByteArray::number(i)
                + ", \"type\": \"message\", \"date_unixtime\": \"1739373245\", \"from\": \"催收\", "
                  "\"text\": \"还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱还钱\"}";
    }
    json += "]}";
    QVERIFY(json.size() > 2 * 1024 * 1024);
    QBuffer buffer(&json);
    buffer.open(QIODevice::ReadOnly);
    Test::MemorySink sink;
    int calls = 0;
    ImportContext context;
    context.progress = [&](qint64, qint64 total) {
        ++calls;
        return total == json.size() && calls < 2;
    };
    const auto r = importDevice(buffer, u"result.json"_s, sink, context);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 2);
    QVERIFY(sink.events.size() > 0 && sink.events.size() < 20000);
}

void TstTelegramJson::corpus_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<int>("events");
    QTest::addColumn<QString>("secondText");
    QTest::newRow("chat-miner single")
        << u"chat-miner/test_single_export.json"_s << 2 << u"Link:https://telegram.org/"_s;
    QTest::newRow("chat-miner batch")
        << u"chat-miner/test_batch_export.json"_s << 2 << u"Link:https://telegram.org/"_s;
    QTest::newRow("langchain legacy") << u"langchain/telegram.json"_s << 3 << u"Fireworks!"_s;
}

void TstTelegramJson::corpus()
{
    QFETCH(QString, relative);
    QFETCH(int, events);
    QFETCH(QString, secondText);
    const QString path
        = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/telegram-json/"_s + relative;
    if (!QFile::exists(path))
        QSKIP("shared corpus not present");
    Test::MemorySink sink;
    const auto r = importFile(path, sink, ownContext({u"Author 1"_s}));
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), events);
    QCOMPARE(sink.events.at(1).text, secondText);
    QVERIFY(sink.rejections.isEmpty());
}

void TstTelegramJson::corpusLegacyDates()
{
    const QString path
        = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/telegram-json/langchain/telegram.json"_s;
    if (!QFile::exists(path))
        QSKIP("shared corpus not present");
    Test::MemorySink sink;
    const auto r = importFile(path, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    // No date_unixtime: "2020-01-01T00:00:02" is read in the case zone (Asia/Shanghai).
    QCOMPARE(isoWithOffset(sink.events.first().at.utcMs, sink.events.first().at.offsetSeconds),
             u"2020-01-01T00:00:02+08:00"_s);
    QCOMPARE(sink.events.first().extra.value(u"from_id"_s).toString(), u"4325636679"_s);
    // Mojibake is evidence too: kept byte for byte as decoded.
    QCOMPARE(sink.events.first().conversation, u"Grace ðŸ§¤"_s);
    QVERIFY(sink.events.at(2).counterpart.startsWith(u"Grace ðŸ§¤ ðŸ’"_s));
}

QTEST_GUILESS_MAIN(TstTelegramJson)
#include "tst_telegramjson.moc"
