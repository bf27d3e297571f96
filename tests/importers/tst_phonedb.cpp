// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include "common/sha256.h"
#include "common/timeutil.h"
#include "importers/formats.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

constexpr qint64 kAppleEpoch = 978307200;
constexpr qint64 kT0 = 1739373245; // 2025-02-12 23:14:05 +08:00

/// Builds a fixture database from SQL statements; values are bound in order for '?'.
bool createDb(const QString &path, const QList<QPair<QString, QVariantList>> &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
        db.setDatabaseName(path);
        ok = db.open();
        for (const auto &[sql, values] : statements) {
            if (!ok)
                break;
            QSqlQuery q(db);
            ok = q.prepare(sql);
            for (const QVariant &v : values)
                q.addBindValue(v);
            ok = ok && q.exec();
            if (!ok)
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"fixture"_s);
    return ok;
}

QByteArray attributedBody(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray blob = QByteArray("\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12", 21)
                      + "NSAttributedString" + QByteArray("\x00\x84\x84\x08", 4) + "NSObject"
                      + QByteArray("\x00\x85\x92\x84\x84\x84\x08", 7) + "NSString"
                      + QByteArray("\x01\x94\x84\x01\x2b", 5);
    if (utf8.size() < 0x80) {
        blob += char(utf8.size());
    } else {
        blob += char(0x81);
        blob += char(utf8.size() & 0xFF);
        blob += char((utf8.size() >> 8) & 0xFF);
    }
    return blob + utf8 + QByteArray("\x86\x84\x02iI\x01\x0e\x92\x84", 10);
}

struct FileState
{
    QString sha256;
    QDateTime modified;
    QStringList siblings;
};

FileState stateOf(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    const QFileInfo info(path);
    return FileState{Sha256::hex(f.readAll()), info.lastModified(),
                     info.dir().entryList(QDir::Files, QDir::Name)};
}

Result<void> importDb(Importer &importer, const QString &path, Test::MemorySink &sink)
{
    return Test::importFileInto(importer, path, sink);
}

} // namespace

class TstPhoneDb final : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void sniff_data();
    void sniff();
    void iosSms();
    void iosSmsMinimalSchema();
    void iosCallHistory();
    void iosLegacyCallHistory();
    void androidSmsAndMms();
    void androidCallLog();
    void writeAheadLogIsRead();
    void originalUntouched_data();
    void originalUntouched();
    void badInput_data();
    void badInput();
    void wrongDatabaseKind();

  private:
    QTemporaryDir m_dir;
    QString m_iosSms, m_iosMinimal, m_callHistory, m_mmssms, m_calllog;
};

void TstPhoneDb::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Each fixture in its own folder (with a Chinese name) so stray -wal/-shm files would show.
    auto pathIn = [&](const QString &folder, const QString &name) {
        QDir(m_dir.path()).mkpath(folder);
        return m_dir.filePath(folder + u'/' + name);
    };
    m_iosSms = pathIn(u"苹果短信"_s, u"sms.db"_s);
    const qint64 ns = (kT0 - kAppleEpoch) * 1000000000LL;
    QVERIFY(createDb(
        m_iosSms,
        {
            {u"CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL)"_s,
             {}},
            {u"CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, attributedBody BLOB, handle_id INTEGER DEFAULT 0, service TEXT, date INTEGER, is_from_me INTEGER DEFAULT 0, item_type INTEGER DEFAULT 0)"_s,
             {}},
            {u"CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT, chat_identifier TEXT, display_name TEXT)"_s,
             {}},
            {u"CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER, PRIMARY KEY (chat_id, message_id))"_s,
             {}},
            {u"INSERT INTO handle (id, country, service) VALUES ('+8617012345678', 'cn', 'SMS')"_s,
             {}},
            {u"INSERT INTO chat (guid, chat_identifier, display_name) VALUES ('SMS;-;+8617012345678', '+8617012345678', '')"_s,
             {}},
            {u"INSERT INTO message (guid, text, handle_id, service, date, is_from_me) VALUES ('g1', ?, 1, 'SMS', ?, 0)"_s,
             {u"您好，我是某某金融催收专员，请今天18点前还款"_s, ns}},
            {u"INSERT INTO message (guid, text, attributedBody, handle_id, service, date, is_from_me) VALUES ('g2', NULL, ?, 1, 'iMessage', ?, 1)"_s,
             {attributedBody(u"我已经还了一部分 😀"_s), ns + 60LL * 1000000000LL}},
            {u"INSERT INTO message (guid, text, attributedBody, handle_id, service, date, is_from_me) VALUES ('g3', NULL, ?, 1, 'SMS', ?, 0)"_s,
             {attributedBody(QString(60, u'催')), kT0 - kAppleEpoch + 120}},
            {u"INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (1, 3)"_s, {}},
        }));

    m_iosMinimal = pathIn(u"mvt"_s, u"3d0d7e5fb2ce288813306e4d4636395e047a3d28"_s);
    QVERIFY(createDb(
        m_iosMinimal,
        {
            {u"CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)"_s, {}},
            {u"CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, handle_id INTEGER, date INTEGER)"_s,
             {}},
            {u"INSERT INTO handle VALUES (5, '13800138000')"_s, {}},
            {u"INSERT INTO message VALUES (9, '在吗', 5, 588813210539788032)"_s, {}},
        }));

    m_callHistory = pathIn(u"calls"_s, u"CallHistory.storedata"_s);
    QVERIFY(createDb(
        m_callHistory,
        {
            {u"CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, ZANSWERED INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZORIGINATED INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR)"_s,
             {}},
            {u"INSERT INTO ZCALLRECORD VALUES (1, 2, 1, 1, 0, 0, ?, 65.4, '17012345678', NULL, 'com.apple.Telephony')"_s,
             {double(kT0 - kAppleEpoch) + 0.25}},
            {u"INSERT INTO ZCALLRECORD VALUES (2, 2, 0, 1, 6, 0, ?, 0, ?, NULL, 'com.apple.Telephony')"_s,
             {double(kT0 - kAppleEpoch + 60), QByteArray("+8613800138000")}},
            {u"INSERT INTO ZCALLRECORD VALUES (3, 2, 1, 1, 0, 1, ?, 12, '95588', '银行', 'com.apple.Telephony')"_s,
             {double(kT0 - kAppleEpoch + 120)}},
            {u"INSERT INTO ZCALLRECORD VALUES (4, 2, 0, 0, 0, 0, ?, 0, '+8617012345679', NULL, 'net.whatsapp.WhatsApp')"_s,
             {double(kT0 - kAppleEpoch + 180)}},
        }));

    m_mmssms = pathIn(u"android"_s, u"mmssms.db"_s);
    const qint64 ms = kT0 * 1000;
    QVERIFY(createDb(
        m_mmssms,
        {
            {u"CREATE TABLE threads (_id INTEGER PRIMARY KEY, date INTEGER)"_s, {}},
            {u"CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER, date_sent INTEGER, protocol INTEGER, read INTEGER, status INTEGER DEFAULT -1, type INTEGER, body TEXT)"_s,
             {}},
            {u"CREATE TABLE pdu (_id INTEGER PRIMARY KEY, thread_id INTEGER, date INTEGER, msg_box INTEGER, m_type INTEGER, sub TEXT)"_s,
             {}},
            {u"CREATE TABLE part (_id INTEGER PRIMARY KEY, mid INTEGER, seq INTEGER, ct TEXT, name TEXT, chset INTEGER, cl TEXT, _data TEXT, text TEXT)"_s,
             {}},
            {u"CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT, type INTEGER, charset INTEGER)"_s,
             {}},
            {u"INSERT INTO sms VALUES (1, 1, '10690000123', NULL, ?, ?, 0, 1, -1, 1, ?)"_s,
             {ms, ms, u"【某某金融】您已逾期，将联系您的通讯录好友"_s}},
            {u"INSERT INTO sms VALUES (2, 1, '10690000123', NULL, ?, 0, 0, 1, 64, 5, '别再发了')"_s,
             {ms + 1000}},
            {u"INSERT INTO pdu VALUES (7, 2, ?, 1, 132, NULL)"_s, {kT0 + 60}},
            {u"INSERT INTO part VALUES (1, 7, -1, 'application/smil', NULL, NULL, 'smil.xml', NULL, '<smil/>')"_s,
             {}},
            {u"INSERT INTO part VALUES (2, 7, 0, 'image/jpeg', 'IMG_1.jpg', NULL, 'IMG_1.jpg', '/data/app_parts/PART_1', NULL)"_s,
             {}},
            {u"INSERT INTO part VALUES (3, 7, 1, 'text/plain', NULL, 106, 'text_0.txt', NULL, '看看你的照片')"_s,
             {}},
            {u"INSERT INTO addr VALUES (1, 7, NULL, '17012345678', 137, 106)"_s, {}},
            {u"INSERT INTO addr VALUES (2, 7, NULL, 'insert-address-token', 151, 106)"_s, {}},
            {u"INSERT INTO addr VALUES (3, 7, NULL, '13800138000', 151, 106)"_s, {}},
        }));

    m_calllog = pathIn(u"calllog"_s, u"calllog.db"_s);
    QVERIFY(createDb(
        m_calllog,
        {
            {u"CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, presentation INTEGER NOT NULL DEFAULT 1, date INTEGER, duration INTEGER, type INTEGER, name TEXT, countryiso TEXT)"_s,
             {}},
            {u"INSERT INTO calls (number, presentation, date, duration, type, name) VALUES ('17012345678', 1, ?, 0, 3, NULL)"_s,
             {ms}},
            {u"INSERT INTO calls (number, presentation, date, duration, type, name) VALUES ('13800138000', 1, ?, 42, 2, '妈妈')"_s,
             {ms + 60000}},
            {u"INSERT INTO calls (number, presentation, date, duration, type, name) VALUES ('', 2, ?, 0, 5, NULL)"_s,
             {ms + 120000}},
            {u"INSERT INTO calls (number, presentation, date, duration, type, name) VALUES ('17012345678', 1, ?, 0, 6, NULL)"_s,
             {ms + 180000}},
            {u"INSERT INTO calls (number, presentation, date, duration, type, name) VALUES ('17012345678', 1, ?, 5, 7, NULL)"_s,
             {ms + 240000}},
        }));
}

void TstPhoneDb::sniff_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::newRow("sms.db") << m_iosSms << u"ios-sms-db"_s;
    QTest::newRow("MVT-style sms.db") << m_iosMinimal << u"ios-sms-db"_s;
    QTest::newRow("CallHistory") << m_callHistory << u"ios-callhistory-db"_s;
    QTest::newRow("mmssms") << m_mmssms << u"android-mmssms-db"_s;
    QTest::newRow("calllog") << m_calllog << u"android-calllog-db"_s;
}

void TstPhoneDb::sniff()
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(64 * 1024);
    const QString name = QFileInfo(path).fileName();
    const std::unique_ptr<Importer> all[]
        = {makeIosSmsDbImporter(), makeIosCallHistoryImporter(), makeAndroidSmsDbImporter(),
           makeAndroidCallLogDbImporter()};
    for (const auto &importer : all) {
        const int score = importer->sniff(u"x.bin"_s, head);
        if (importer->format() == format)
            QVERIFY2(score >= 95, qPrintable(importer->format()));
        else
            QCOMPARE(score, 0);
    }
    QCOMPARE(makeIosSmsDbImporter()->sniff(name, "not sqlite"), 0);
}

void TstPhoneDb::iosSms()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeIosSmsDbImporter(), m_iosSms, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 3);
    const EventRecord &first = sink.events.at(0);
    QCOMPARE(toString(first.kind), u"message"_s);
    QCOMPARE(toString(first.channel), u"sms"_s);
    QCOMPARE(toString(first.direction), u"incoming"_s);
    QCOMPARE(first.rawNumber, u"+8617012345678"_s);
    QCOMPARE(first.text, u"您好，我是某某金融催收专员，请今天18点前还款"_s);
    QCOMPARE(first.at.utcMs, kT0 * 1000); // nanoseconds since 2001
    QCOMPARE(first.at.offsetSeconds, 8 * 3600);
    QCOMPARE(first.conversation, u"+8617012345678"_s);
    QCOMPARE(first.locator, u"table message rowid 1"_s);

    const EventRecord &imessage = sink.events.at(1);
    QCOMPARE(toString(imessage.channel), u"other"_s);
    QCOMPARE(imessage.extra.value(u"service"_s).toString(), u"iMessage"_s);
    QCOMPARE(toString(imessage.direction), u"outgoing"_s);
    QCOMPARE(imessage.text, u"我已经还了一部分 😀"_s); // from attributedBody
    QCOMPARE(imessage.at.utcMs, (kT0 + 60) * 1000);

    const EventRecord &old = sink.events.at(2);
    QCOMPARE(old.text, QString(60, u'催'));     // 180 bytes: two-byte length form
    QCOMPARE(old.at.utcMs, (kT0 + 120) * 1000); // seconds since 2001 (iOS <= 10)
}

void TstPhoneDb::iosSmsMinimalSchema()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeIosSmsDbImporter(), m_iosMinimal, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 1);
    const EventRecord &e = sink.events.first();
    QCOMPARE(e.rawNumber, u"13800138000"_s);
    QCOMPARE(e.text, u"在吗"_s);
    // MVT's sample value: 2019-08-29 23:13:30 UTC.
    QCOMPARE(isoWithOffset(e.at.utcMs, 0), u"2019-08-29T23:13:30+00:00"_s);
    QCOMPARE(toString(e.direction), u"incoming"_s);
    QCOMPARE(e.locator, u"table message rowid 9"_s);
}

void TstPhoneDb::iosCallHistory()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeIosCallHistoryImporter(), m_callHistory, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 4);
    const EventRecord &answered = sink.events.at(0);
    QCOMPARE(toString(answered.kind), u"call"_s);
    QCOMPARE(toString(answered.channel), u"phone"_s);
    QCOMPARE(toString(answered.direction), u"incoming"_s);
    QCOMPARE(answered.rawNumber, u"17012345678"_s);
    QCOMPARE(answered.durationS.value_or(-1), 65);
    QCOMPARE(answered.at.utcMs, kT0 * 1000 + 250);
    QCOMPARE(answered.locator, u"table ZCALLRECORD rowid 1"_s);

    const EventRecord &missed = sink.events.at(1);
    QCOMPARE(toString(missed.direction), u"missed"_s);
    QCOMPARE(missed.rawNumber, u"+8613800138000"_s); // BLOB address
    QCOMPARE(missed.extra.value(u"disconnected_cause"_s).toInt(), 6);

    QCOMPARE(toString(sink.events.at(2).direction), u"outgoing"_s);
    QCOMPARE(sink.events.at(2).counterpart, u"银行"_s);
    QCOMPARE(toString(sink.events.at(3).channel), u"whatsapp"_s);
    QCOMPARE(sink.events.at(3).extra.value(u"service_provider"_s).toString(),
             u"net.whatsapp.WhatsApp"_s);
}

void TstPhoneDb::iosLegacyCallHistory()
{
    const QString path = m_dir.filePath(u"call_history.db"_s);
    QVERIFY(createDb(
        path,
        {
            {u"CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))"_s, {}},
            {u"CREATE TABLE call (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT, date INTEGER, duration INTEGER, flags INTEGER, id INTEGER)"_s,
             {}},
            {u"INSERT INTO call (address, date, duration, flags, id) VALUES ('17012345678', ?, 0, 4, -1)"_s,
             {kT0}},
            {u"INSERT INTO call (address, date, duration, flags, id) VALUES ('17012345678', ?, 30, 4, -1)"_s,
             {kT0 + 60}},
            {u"INSERT INTO call (address, date, duration, flags, id) VALUES ('13800138000', ?, 9, 5, -1)"_s,
             {kT0 + 120}},
        }));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(makeIosCallHistoryImporter()->sniff(u"x"_s, file.read(65536)), 90);
    Test::MemorySink sink;
    const auto r = importDb(*makeIosCallHistoryImporter(), path, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 3);
    QCOMPARE(toString(sink.events.at(0).direction), u"missed"_s);
    QCOMPARE(toString(sink.events.at(1).direction), u"incoming"_s);
    QCOMPARE(toString(sink.events.at(2).direction), u"outgoing"_s);
    QCOMPARE(sink.events.at(0).at.utcMs, kT0 * 1000);
    QCOMPARE(sink.events.at(2).locator, u"table call rowid 3"_s);
}

void TstPhoneDb::androidSmsAndMms()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeAndroidSmsDbImporter(), m_mmssms, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 3);
    const EventRecord &sms = sink.events.at(0);
    QCOMPARE(toString(sms.channel), u"sms"_s);
    QCOMPARE(toString(sms.direction), u"incoming"_s);
    QCOMPARE(sms.rawNumber, u"10690000123"_s);
    QCOMPARE(sms.text, u"【某某金融】您已逾期，将联系您的通讯录好友"_s);
    QCOMPARE(sms.at.utcMs, kT0 * 1000);
    QCOMPARE(sms.locator, u"table sms rowid 1"_s);
    const EventRecord &failed = sink.events.at(1);
    QCOMPARE(toString(failed.direction), u"outgoing"_s);
    QCOMPARE(failed.extra.value(u"status"_s).toString(), u"failed"_s);
    QCOMPARE(failed.extra.value(u"delivery_status"_s).toInt(), 64);

    const EventRecord &mms = sink.events.at(2);
    QCOMPARE(toString(mms.channel), u"mms"_s);
    QCOMPARE(toString(mms.direction), u"incoming"_s);
    QCOMPARE(mms.at.utcMs, (kT0 + 60) * 1000); // pdu.date in seconds
    QCOMPARE(mms.rawNumber, u"17012345678"_s);
    QCOMPARE(mms.moreNumbers, QStringList{u"13800138000"_s});
    QCOMPARE(mms.text, u"看看你的照片"_s);
    QCOMPARE(mms.extra.value(u"parts"_s).toArray().size(), 1);
    QCOMPARE(mms.locator, u"table pdu rowid 7"_s);
}

void TstPhoneDb::androidCallLog()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeAndroidCallLogDbImporter(), m_calllog, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 5);
    const QStringList directions{u"missed"_s, u"outgoing"_s, u"rejected"_s, u"blocked"_s,
                                 u"incoming"_s};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(toString(sink.events.at(i).direction), directions.at(i));
        QCOMPARE(toString(sink.events.at(i).kind), u"call"_s);
        QCOMPARE(sink.events.at(i).locator, u"table calls rowid %1"_s.arg(i + 1));
    }
    QCOMPARE(sink.events.at(1).counterpart, u"妈妈"_s);
    QCOMPARE(sink.events.at(1).durationS.value_or(-1), 42);
    QCOMPARE(sink.events.at(2).extra.value(u"hidden"_s).toBool(), true);
    QCOMPARE(sink.events.at(2).extra.value(u"presentation"_s).toInt(), 2);
    QCOMPARE(sink.events.at(4).extra.value(u"answered_externally"_s).toBool(), true);
    QCOMPARE(sink.events.at(0).at.utcMs, kT0 * 1000);
}

void TstPhoneDb::writeAheadLogIsRead()
{
    // A forensic copy taken while the phone's database was open: the newest rows (here even
    // the table) live only in the -wal file.
    const QString dir = m_dir.filePath(u"wal"_s);
    QVERIFY(QDir().mkpath(dir + u"/live"_s));
    const QString live = dir + u"/live/calllog.db"_s;
    const QString evidence = dir + u"/calllog.db"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"live"_s);
        db.setDatabaseName(live);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA journal_mode=WAL"_s));
        QVERIFY(q.exec(u"PRAGMA wal_autocheckpoint=0"_s));
        QVERIFY(q.exec(
            u"CREATE TABLE calls (_id INTEGER PRIMARY KEY, number TEXT, date INTEGER, duration INTEGER, type INTEGER)"_s));
        QVERIFY(q.exec(
            u"INSERT INTO calls (number, date, duration, type) VALUES ('17012345678', %1, 0, 3)"_s
                .arg(kT0 * 1000)));
        QVERIFY(QFile::copy(live, evidence));
        QVERIFY(QFile::copy(live + u"-wal"_s, evidence + u"-wal"_s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"live"_s);
    const FileState before = stateOf(evidence);
    const FileState walBefore = stateOf(evidence + u"-wal"_s);
    QCOMPARE(before.siblings, (QStringList{u"calllog.db"_s, u"calllog.db-wal"_s}));

    Test::MemorySink sink;
    const auto r = importDb(*makeAndroidCallLogDbImporter(), evidence, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.events.size(), 1);
    QCOMPARE(toString(sink.events.first().direction), u"missed"_s);
    QCOMPARE(sink.attachments.size(), 1); // the log is kept as evidence
    QCOMPARE(sink.attachments.first().record.fileName, u"calllog.db-wal"_s);
    QCOMPARE(sink.attachments.first().sha256, walBefore.sha256);
    QVERIFY(sink.metadata.value(u"wal_included_bytes"_s).toInteger() > 0);

    const FileState after = stateOf(evidence);
    QCOMPARE(after.sha256, before.sha256);
    QCOMPARE(after.modified, before.modified);
    QCOMPARE(after.siblings, before.siblings); // no -shm beside the evidence
    QCOMPARE(stateOf(evidence + u"-wal"_s).sha256, walBefore.sha256);
}

void TstPhoneDb::originalUntouched_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("which");
    QTest::newRow("sms.db") << m_iosSms << 0;
    QTest::newRow("CallHistory") << m_callHistory << 1;
    QTest::newRow("mmssms") << m_mmssms << 2;
    QTest::newRow("calllog") << m_calllog << 3;
}

void TstPhoneDb::originalUntouched()
{
    QFETCH(QString, path);
    QFETCH(int, which);
    const FileState before = stateOf(path);
    QCOMPARE(before.siblings.size(), 1);
    QTest::qWait(20); // let a modification show in the mtime
    const std::unique_ptr<Importer> importers[]
        = {makeIosSmsDbImporter(), makeIosCallHistoryImporter(), makeAndroidSmsDbImporter(),
           makeAndroidCallLogDbImporter()};
    Test::MemorySink sink;
    const auto r = importDb(*importers[which], path, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QVERIFY(!sink.events.isEmpty());
    const FileState after = stateOf(path);
    QCOMPARE(after.sha256, before.sha256);
    QCOMPARE(after.modified, before.modified);
    QCOMPARE(after.siblings, before.siblings); // no -wal, -shm or -journal appeared
    for (const QString &name : QSqlDatabase::connectionNames())
        QVERIFY2(!name.startsWith(u"dossier-phonedb"_s), qPrintable(name));
}

void TstPhoneDb::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("这不是数据库\n");
    QByteArray random(8192, '\0');
    for (int i = 0; i < random.size(); ++i)
        random[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("random bytes") << random;
    QTest::newRow("truncated header") << QByteArray("SQLite format 3\0\x10\x00", 18);
}

void TstPhoneDb::badInput()
{
    QFETCH(QByteArray, bytes);
    const QString path = m_dir.filePath(u"bad.db"_s);
    QFile::remove(path);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const std::unique_ptr<Importer> importers[]
        = {makeIosSmsDbImporter(), makeIosCallHistoryImporter(), makeAndroidSmsDbImporter(),
           makeAndroidCallLogDbImporter()};
    for (const auto &importer : importers) {
        Test::MemorySink sink;
        const auto r = importDb(*importer, path, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Parse);
        QVERIFY2(r.error().message.contains(u"bad.db"_s), qPrintable(r.error().message));
    }
}

void TstPhoneDb::wrongDatabaseKind()
{
    Test::MemorySink sink;
    const auto r = importDb(*makeIosCallHistoryImporter(), m_mmssms, sink);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Unsupported);
    QVERIFY2(r.error().message.contains(u"ZCALLRECORD"_s), qPrintable(r.error().message));
    QVERIFY(sink.events.isEmpty());
}

QTEST_GUILESS_MAIN(TstPhoneDb)
#include "tst_phonedb.moc"
