// SPDX-License-Identifier: GPL-3.0-or-later
// ImportSession: one transaction per file, dedupe on re-import, ordinals, rollback, contacts,
// attachments, recordings, platforms.

#include <QBuffer>
#include <QJsonDocument>

#include "casefiletest.h"
#include "support/randombytes.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

namespace {

EventRecord sms(const SourceTime &at, const QString &number, const QString &text, int line)
{
    EventRecord r;
    r.kind = EventKind::Message;
    r.channel = Channel::Sms;
    r.direction = Direction::Incoming;
    r.at = at;
    r.rawNumber = number;
    r.text = text;
    r.locator = u"line %1"_s.arg(line);
    return r;
}

EventRecord call(const SourceTime &at, const QString &number, qint64 seconds, int line)
{
    EventRecord r;
    r.kind = EventKind::Call;
    r.channel = Channel::Phone;
    r.direction = Direction::Incoming;
    r.at = at;
    r.rawNumber = number;
    r.durationS = seconds;
    r.locator = u"line %1"_s.arg(line);
    return r;
}

} // namespace

class TstCaseFileImport final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"case%1.dossier"_s.arg(++m_n));
        auto c = CaseFile::create(m_path, {});
        DOSSIER_VERIFY_RESULT(c);
        m_case = std::move(c.value());
    }

    void cleanup() { m_case.reset(); }

    void reimportAddsOnlyWhatIsNew()
    {
        const QList<EventRecord> first{
            sms(cst(2025, 2, 12, 9, 0, 10), u"13800138000"_s, u"请尽快还款"_s, 1),
            sms(cst(2025, 2, 12, 9, 0, 40), u"13800138000"_s, u"好的"_s, 2),
            sms(cst(2025, 2, 12, 9, 0, 40), u"13800138000"_s, u"好的"_s, 3), // same second too
            call(cst(2025, 2, 12, 23, 14, 5), u"13800138000"_s, 42, 4),
        };
        auto counts = importFile(u"a.csv"_s, "export 1", first);
        QCOMPARE(counts.added, 4);
        QCOMPARE(counts.duplicates, 0);
        QCOMPARE(m_case->events()->size(), 4); // both identical "好的" survive

        // The same file again: nothing new.
        counts = importFile(u"a.csv"_s, "export 1", first);
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.duplicates, 4);

        // A newer export that overlaps: the old records plus one more "好的" and a new call.
        QList<EventRecord> newer = first;
        newer << sms(cst(2025, 2, 12, 9, 0, 40), u"+86 138 0013 8000"_s, u"好的"_s, 5);
        newer << call(cst(2025, 2, 13, 1, 2, 3), u"13800138000"_s, 0, 6);
        counts = importFile(u"b.csv"_s, "export 2", newer);
        QCOMPARE(counts.added, 2);
        QCOMPARE(counts.duplicates, 4);
        QCOMPARE(m_case->events()->size(), 6);
        QCOMPARE(m_case->evidence()->size(), 2);
        QVERIFY(m_case->verify()->ok());
    }

    // Identical events in one file get ordinals 0, 1, 2 … in file order, whatever order the
    // file's times come in: rising, falling, a step back after either, or a crowded second.
    // (The counter compares only the current second's events while the times keep one
    // direction and moves to a table at the first step back; a lost earlier event would give
    // a repeat ordinal 0, and that event would be dropped as a duplicate.)
    void ordinalsWhateverTheOrder_data()
    {
        // A and B: two calls a second apart (A first); before them, `crowd` other calls in
        // A's second (more than the counter compares one by one); C: the first of those again.
        QTest::addColumn<QString>("sequence");
        QTest::addColumn<int>("crowd");
        QTest::newRow("rising, then back") << u"ABA"_s << 0;
        QTest::newRow("falling") << u"BAA"_s << 0;
        QTest::newRow("falling, then back") << u"BAB"_s << 0;
        QTest::newRow("back twice") << u"ABABBA"_s << 0;
        QTest::newRow("crowded second") << u"AACB"_s << 70;
        QTest::newRow("crowded second, then back") << u"ABCA"_s << 70;
    }
    void ordinalsWhateverTheOrder()
    {
        QFETCH(QString, sequence);
        QFETCH(int, crowd);
        const auto events = [crowd](const QString &letters) {
            QList<EventRecord> out;
            int line = 0;
            for (int i = 0; i < crowd; ++i)
                out << call(cst(2025, 3, 1, 8, 0, 0), u"13800138000"_s, 100 + i, ++line);
            for (const QChar c : letters)
                out << call(cst(2025, 3, 1, 8, 0, c == u'B' ? 1 : 0), u"13800138000"_s,
                            c == u'C' ? 100 : 5, ++line);
            return out;
        };
        const int as = int(sequence.count(u'A'));
        const int all = int(sequence.size()) + crowd;
        ImportCounts counts = importFile(u"log.csv"_s, sequence.toUtf8(), events(sequence));
        QCOMPARE(counts.added, all);
        QCOMPARE(counts.duplicates, 0);
        // The same events again, in another file and order: all known.
        QString sorted = sequence;
        std::sort(sorted.begin(), sorted.end());
        counts = importFile(u"sorted.csv"_s, "sorted " + sequence.toUtf8(), events(sorted));
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.duplicates, all);
        // One more A than before: only that one is new.
        const QString more(as + 1, u'A');
        counts = importFile(u"more.csv"_s, "more " + sequence.toUtf8(), events(more));
        QCOMPARE(counts.added, 1);
        QCOMPARE(counts.duplicates, as + crowd);
        QVERIFY(m_case->verify()->ok());
    }

    // Events are written 64 rows per statement, OR IGNORE: rows the case already holds are
    // skipped inside a statement and the new ones still get their own ids and sources.
    void overlapInsideManyRowStatements()
    {
        QList<EventRecord> older;
        QList<EventRecord> newer;
        for (int i = 0; i < 400; ++i) {
            const EventRecord e = call(cst(2025, 3, 1, 8, i / 60, i % 60), u"13800138000"_s, i,
                                       i + 1);
            if (i % 3 != 0) // two in three were in the older export
                older << e;
            newer << e;
        }
        QCOMPARE(importFile(u"old.csv"_s, "old export", older).added, 266);
        const ImportCounts counts = importFile(u"new.csv"_s, "new export", newer);
        QCOMPARE(counts.added, 134);
        QCOMPARE(counts.duplicates, 266);
        const auto events = m_case->events().value();
        QCOMPARE(events.size(), 400);
        const auto evidence = m_case->evidence().value();
        QCOMPARE(evidence.size(), 2);
        // Each call (duration = its index) points at the export it first came from.
        for (const auto &e : events) {
            const int i = int(e.durationS.value_or(-1));
            QVERIFY(i >= 0 && i < 400);
            const QString expected = i % 3 == 0 ? evidence.at(1).sha256 : evidence.at(0).sha256;
            QCOMPARE(e.evidenceSha256, expected);
            QCOMPARE(e.locator, u"line %1"_s.arg(i + 1));
        }
        QVERIFY(m_case->verify()->ok());
    }

    // Since migration 0004 SQLite does not look up the events' references; Dossier checks the
    // ids each change's events point at before the change commits, and verify checks all.
    // A number removed behind Dossier's back, while its id is still in Dossier's cache, must
    // fail the next import (nothing added) rather than leave an event pointing nowhere.
    void eventReferencesAreChecked()
    {
        importFile(u"a.csv"_s, "a", {call(cst(2025, 3, 1, 8, 0), u"13800138000"_s, 5, 1)});
        QCOMPARE(rawExec(m_path, u"DELETE FROM numbers"_s), QString());

        const QString src = m_dir.filePath(u"b.csv"_s);
        QVERIFY(writeFile(src, "b"));
        auto session = m_case->beginImport(src, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        const EventRecord again = call(cst(2025, 3, 1, 9, 0), u"13800138000"_s, 7, 1);
        QVERIFY(session.value()->addEvent(again).has_value());
        const auto counts = session.value()->commit();
        QVERIFY(!counts);
        QCOMPARE(counts.error().detail, u"number 1"_s);
        QCOMPARE(m_case->stats()->events, 1);
        QCOMPARE(m_case->evidence()->size(), 1);

        const auto report = m_case->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(!report->ok());
        const QStringList problems = problemLines(*report);
        QVERIFY2(problems.contains(u"event 1: it points at number 1, which is not in the case"_s),
                 qPrintable(problems.join(u'\n')));
        // number_raw_forms declares its reference to SQLite: PRAGMA foreign_key_check's finding.
        const QString rawForm =
            u"number_raw_forms row 1: it points at a row of numbers that is not in the case"_s;
        QVERIFY2(problems.contains(rawForm), qPrintable(problems.join(u'\n')));
    }

    void importedEventsPointAtTheirSource()
    {
        importFile(u"calls.csv"_s, "x", {call(cst(2025, 3, 1, 8, 0), u"13800138000"_s, 5, 9)});
        const auto events = m_case->events().value();
        QCOMPARE(events.size(), 1);
        const auto evidence = m_case->evidence().value();
        QCOMPARE(evidence.first().method, u"import:test"_s);
        QCOMPARE(events.first().evidenceSha256, evidence.first().sha256);
        QCOMPARE(events.first().locator, u"line 9"_s);
        QCOMPARE(events.first().e164, u"+8613800138000"_s);
        QCOMPARE(events.first().durationS, std::optional<qint64>(5));
        QCOMPARE(rawQuery(m_path, u"SELECT details FROM audit WHERE action = 'import'"_s).contains(
                     u"\"added\":1"_s),
                 true);
    }

    void numbersAreNormalisedOnce()
    {
        importFile(u"n.csv"_s, "n",
                   {sms(cst(2025, 2, 1, 10, 0), u"+86 138 0013 8000"_s, u"a"_s, 1),
                    sms(cst(2025, 2, 1, 10, 1), u"13800138000"_s, u"b"_s, 2),
                    sms(cst(2025, 2, 1, 10, 2), u"95588"_s, u"您的账户"_s, 3),
                    sms(cst(2025, 2, 1, 10, 3), u"10690000123456"_s, u"验证码"_s, 4)});
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM numbers"_s), u"3"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM number_raw_forms WHERE number_id = "
                                  "(SELECT id FROM numbers WHERE key = '+8613800138000')"_s),
                 u"2"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT e164 FROM numbers WHERE key = '95588'"_s), QString());
        const auto numbers = m_case->numbers().value();
        QCOMPARE(numbers.first().e164, u"+8613800138000"_s);
        QCOMPARE(numbers.first().events, 2);
    }

    void rollbackLeavesCaseExactlyAsBefore()
    {
        importFile(u"first.csv"_s, "first", {sms(cst(2025, 1, 1, 1, 1), u"13800138000"_s,
                                                  u"第一条"_s, 1)});
        m_case.reset();
        const QByteArray before = fileBytes(m_path);
        {
            auto c = CaseFile::open(m_path);
            DOSSIER_VERIFY_RESULT(c);
            const QString src = m_dir.filePath(u"rolled.csv"_s);
            QVERIFY(writeFile(src, "rolled back"));
            auto session = c.value()->beginImport(src, u"test"_s);
            DOSSIER_VERIFY_RESULT(session);
            DOSSIER_VERIFY_RESULT(session.value()->addEvent(
                sms(cst(2025, 1, 2, 1, 1), u"17012345678"_s, u"不会留下"_s, 1)));
            ContactRecord boss{u"王经理"_s, {u"13900139000"_s}, {}, u"公司"_s, u"老板"_s, {}};
            DOSSIER_VERIFY_RESULT(session.value()->addContact(boss));
            QBuffer att;
            att.setData("attachment bytes");
            att.open(QIODevice::ReadOnly);
            DOSSIER_VERIFY_RESULT(session.value()->addAttachment({u"a.jpg"_s, {}, {}}, att));
            session.value()->rollback();
            QCOMPARE(c.value()->events()->size(), 1);
            QCOMPARE(c.value()->evidence()->size(), 1);

            // The destructor rolls back too.
            auto again = c.value()->beginImport(src, u"test"_s);
            DOSSIER_VERIFY_RESULT(again);
            DOSSIER_VERIFY_RESULT(again.value()->addEvent(
                sms(cst(2025, 1, 3, 1, 1), u"17012345678"_s, u"也不会留下"_s, 1)));
        }
        QCOMPARE(fileBytes(m_path), before);
        auto c = CaseFile::open(m_path);
        QVERIFY(c.value()->verify()->ok());
    }

    // events_number holds only events with a number (schema 4): chat messages stay out of it,
    // and a look-up by number still uses it.
    void numberIndexHoldsEventsWithNumbers()
    {
        EventRecord chat = sms(cst(2025, 3, 1, 8, 0), {}, u"在吗"_s, 1);
        chat.channel = Channel::WhatsApp;
        chat.counterpart = u"催收"_s;
        importFile(u"mixed.txt"_s, "mixed",
                   {chat, sms(cst(2025, 3, 1, 8, 1), u"13800138000"_s, u"还钱"_s, 2)});
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events"_s), u"2"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events INDEXED BY events_number "
                                  "WHERE number_id IS NOT NULL"_s),
                 u"1"_s);
        QVERIFY(rawQuery(m_path, u"SELECT sql FROM sqlite_schema WHERE name = 'events_number'"_s)
                    .endsWith(u"WHERE number_id IS NOT NULL"_s));
        // (INDEXED BY fails to prepare, giving "", when the index cannot answer the query.)
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events INDEXED BY events_number "
                                  "WHERE number_id = (SELECT id FROM numbers)"_s),
                 u"1"_s);
    }

    // A bulk chat import with few numbers (senders by name, one collector's number) keeps the
    // number index as it goes (it holds only events with a number); the index must then hold
    // exactly those.
    void bulkChatImportKeepsNumberIndexRight()
    {
        QList<EventRecord> events;
        const SourceTime start = cst(2025, 1, 1, 8, 0);
        for (int i = 0; i < 50001; ++i) {
            EventRecord e = sms(SourceTime{start.utcMs + qint64(i) * 7000, start.offsetSeconds},
                                i % 5 ? QString() : u"13800138000"_s, u"第%1条"_s.arg(i), i + 1);
            e.channel = Channel::WhatsApp;
            e.counterpart = i % 5 ? u"催收 %1"_s.arg(i % 7) : QString();
            events << e;
        }
        QCOMPARE(importFile(u"chat.txt"_s, "chat", events).added, 50001);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events INDEXED BY events_number "
                                  "WHERE number_id = (SELECT id FROM numbers)"_s),
                 u"10001"_s);
        QCOMPARE(rawQuery(m_path, u"PRAGMA integrity_check"_s), u"ok"_s);
        QVERIFY(m_case->verify()->ok());
    }

    // A bulk import (50,000 events or more into a small case, with many numbers) rebuilds the
    // number index at the end; both indexes must exist afterwards, and a rolled-back bulk
    // import must leave them too.
    void bulkImportKeepsIndexes()
    {
        const QString indexes = u"SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema "
                                "WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL "
                                "ORDER BY name)"_s;
        const QString before = rawQuery(m_path, indexes);
        QVERIFY(before.contains(u"events_time"_s));
        QVERIFY(before.contains(u"events_number"_s));
        QList<EventRecord> events;
        const SourceTime start = cst(2025, 1, 1, 8, 0);
        // 401 numbers: more than a bulk import keeps the number index up for (it is dropped
        // and built again at the end).
        for (int i = 0; i < 50001; ++i)
            events << call(SourceTime{start.utcMs + qint64(i) * 7000, start.offsetSeconds},
                           i % 3 ? u"138%1"_s.arg(i % 400, 8, 10, QChar(u'0'))
                                 : u"17012345678"_s,
                           i % 60, i + 2);
        {
            const QString src = m_dir.filePath(u"bulk-rolled.csv"_s);
            QVERIFY(writeFile(src, "bulk rolled back"));
            auto session = m_case->beginImport(src, u"test"_s);
            DOSSIER_VERIFY_RESULT(session);
            for (const EventRecord &e : events)
                DOSSIER_VERIFY_RESULT(session.value()->addEvent(e));
            session.value()->rollback();
        }
        QCOMPARE(rawQuery(m_path, indexes), before);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events"_s), u"0"_s);

        const auto counts = importFile(u"bulk.csv"_s, "bulk", events);
        QCOMPARE(counts.added, 50001);
        QCOMPARE(rawQuery(m_path, indexes), before);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events INDEXED BY events_number "
                                  "WHERE number_id = (SELECT id FROM numbers WHERE "
                                  "key = '+8617012345678')"_s),
                 u"16667"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT DISTINCT length(dedupe_key) FROM events"_s), u"24"_s);
        QCOMPARE(rawQuery(m_path, u"PRAGMA integrity_check"_s), u"ok"_s);
        const auto report = m_case->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(report->ok());
        QCOMPARE(report->eventsChecked, 50001);
    }

    void sessionBlocksOtherWrites()
    {
        const QString src = m_dir.filePath(u"open.csv"_s);
        QVERIFY(writeFile(src, "x"));
        auto session = m_case->beginImport(src, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        auto r = m_case->addEvidence(src);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Usage);
        DOSSIER_VERIFY_RESULT(session.value()->commit());
        auto after = m_case->addEvidence(src);
        DOSSIER_VERIFY_RESULT(after);
        QVERIFY(after->duplicate);
    }

    void missingImportFileIsNamed()
    {
        const QString src = m_dir.filePath(u"没有这个文件.csv"_s);
        auto session = m_case->beginImport(src, u"test"_s);
        QVERIFY(!session);
        QCOMPARE(session.error().code, ErrorCode::NotFound);
        QVERIFY(session.error().message.contains(src));
        QCOMPARE(m_case->evidence()->size(), 0);
        // The case is still usable.
        importFile(u"ok.csv"_s, "ok", {sms(cst(2025, 1, 1, 1, 1), u"13800138000"_s, u"x"_s, 1)});
    }

    void rejectsAreCounted()
    {
        const QString src = m_dir.filePath(u"rej.csv"_s);
        QVERIFY(writeFile(src, "rej"));
        auto session = m_case->beginImport(src, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        session.value()->reject(u"line 3"_s, u"no time"_s);
        session.value()->reject(u"line 7"_s, u"unreadable number"_s);
        auto counts = session.value()->commit();
        DOSSIER_VERIFY_RESULT(counts);
        QCOMPARE(counts->rejected, 2);
        QCOMPARE(counts->warnings, QStringList({u"line 3: no time"_s,
                                                u"line 7: unreadable number"_s}));
    }

    void contactsMergeByNameAndNumber()
    {
        const QString src = m_dir.filePath(u"contacts.vcf"_s);
        QVERIFY(writeFile(src, "BEGIN:VCARD"));
        auto session = m_case->beginImport(src, u"vcard"_s);
        DOSSIER_VERIFY_RESULT(session);
        ImportSession &s = *session.value();
        DOSSIER_VERIFY_RESULT(s.addContact({u"妈妈"_s, {u"13600136000"_s}, {}, {}, u"母亲"_s, {}}));
        // Same name and number, written differently: merged, nothing new.
        DOSSIER_VERIFY_RESULT(s.addContact({u"妈妈"_s, {u"+86 136 0013 6000"_s}, {}, {}, {}, {}}));
        // Same name, a second number plus the known one: merged, one number added.
        DOSSIER_VERIFY_RESULT(
            s.addContact({u"妈妈"_s, {u"13600136000"_s, u"02112345678"_s}, {}, {}, {}, {}}));
        // Same name, only an unrelated number: another person.
        DOSSIER_VERIFY_RESULT(s.addContact({u"妈妈"_s, {u"13700137000"_s}, {}, {}, {}, {}}));
        auto counts = s.commit();
        DOSSIER_VERIFY_RESULT(counts);
        QCOMPARE(counts->added, 3);
        QCOMPARE(counts->duplicates, 1);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM contacts"_s), u"2"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM contact_numbers WHERE contact_id = 1"_s),
                 u"2"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT relation FROM contacts WHERE id = 1"_s), u"母亲"_s);
    }

    void contactsReachedAndPlatforms()
    {
        EventRecord e = sms(cst(2025, 2, 5, 12, 0), u"13800138000"_s,
                            u"你儿子欠钱不还"_s, 1);
        e.contactsReached = {u"妈妈"_s, u"王经理"_s};
        e.platform = u"某某贷"_s;
        EventRecord f = sms(cst(2025, 2, 5, 12, 5), u"13800138000"_s, u"再不还就去公司"_s, 2);
        f.contactsReached = {u"王经理"_s};
        f.platform = u"某某贷"_s;
        importFile(u"reached.csv"_s, "r", {e, f});
        const auto events = m_case->events().value();
        QCOMPARE(events[0].contactsReached, QStringList({u"妈妈"_s, u"王经理"_s}));
        QCOMPARE(events[1].contactsReached, QStringList({u"王经理"_s}));
        QCOMPARE(events[0].platform, u"某某贷"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM platforms"_s), u"1"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM contacts"_s), u"2"_s);
        QCOMPARE(m_case->stats()->contactsReached, 2);
    }

    void attachmentsAreStoredAndLinked()
    {
        const QString src = m_dir.filePath(u"mms.xml"_s);
        QVERIFY(writeFile(src, "<smses/>"));
        auto session = m_case->beginImport(src, u"mms"_s);
        DOSSIER_VERIFY_RESULT(session);
        QBuffer part;
        const QByteArray bytes = QByteArray(3 << 20, 'p') + "end";
        part.setData(bytes);
        part.open(QIODevice::ReadOnly);
        auto sha = session.value()->addAttachment({u"律师函.jpg"_s, u"image/jpeg"_s, u"mms 4"_s},
                                                  part);
        DOSSIER_VERIFY_RESULT(sha);
        QCOMPARE(sha.value(), sha256Of(bytes));
        EventRecord e = sms(cst(2025, 2, 6, 12, 0), u"13800138000"_s, u"[图片]"_s, 4);
        e.channel = Channel::Mms;
        e.attachmentSha256 = {sha.value()};
        DOSSIER_VERIFY_RESULT(session.value()->addEvent(e));
        QJsonObject meta{{u"app"_s, u"SMS Backup & Restore"_s}};
        session.value()->setSourceMetadata(meta);
        session.value()->setSourceThumbnail("\x89PNG fake");
        DOSSIER_VERIFY_RESULT(session.value()->commit());

        const auto events = m_case->events().value();
        QCOMPARE(events.first().attachmentSha256, QStringList{sha.value()});
        const auto evidence = m_case->evidence().value();
        QCOMPARE(evidence.size(), 2);
        QCOMPARE(evidence[0].metadata, meta);
        QCOMPARE(evidence[1].method, u"attachment"_s);
        QCOMPARE(evidence[1].originalName, u"律师函.jpg"_s);
        const QString out = m_dir.filePath(u"out.jpg"_s);
        DOSSIER_VERIFY_RESULT(m_case->extractEvidence(evidence[1].id, out));
        QCOMPARE(fileBytes(out), bytes);
        QVERIFY(m_case->verify()->ok());
    }

    void recordingLinksToAnEarlierCall()
    {
        const SourceTime at = cst(2025, 2, 7, 21, 0, 0);
        importFile(u"calls.csv"_s, "calls", {call(at, u"13800138000"_s, 120, 1),
                                             call(cst(2025, 2, 7, 21, 30), u"13800138000"_s, 5, 2)});
        const QString sha = importRecording(u"录音_13800138000.m4a"_s, u"138 0013 8000"_s,
                                            SourceTime{at.utcMs + 30000, at.offsetSeconds});
        const auto events = m_case->events().value();
        QCOMPARE(events[0].attachmentSha256, QStringList{sha});
        QVERIFY(events[1].attachmentSha256.isEmpty());
    }

    void recordingWaitsForALaterCall()
    {
        const SourceTime at = cst(2025, 2, 8, 10, 0, 0);
        const QString sha = importRecording(u"rec.amr"_s, u"13800138000"_s, at);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM pending_recordings"_s), u"1"_s);
        importFile(u"later.csv"_s, "later",
                   {call(cst(2025, 2, 8, 9, 57), u"13800138000"_s, 60, 1), // 3 min off
                    call(SourceTime{at.utcMs - 45000, at.offsetSeconds}, u"13800138000"_s, 60, 2),
                    call(SourceTime{at.utcMs + 20000, at.offsetSeconds}, u"13900139000"_s, 60, 3)});
        const auto events = m_case->events().value();
        QCOMPARE(events.size(), 3);
        QVERIFY(events[0].attachmentSha256.isEmpty());
        QCOMPARE(events[1].attachmentSha256, QStringList{sha});
        QVERIFY(events[2].attachmentSha256.isEmpty());
        // Linked once: a further matching call does not take it again.
        importFile(u"later2.csv"_s, "later2",
                   {call(SourceTime{at.utcMs + 10000, at.offsetSeconds}, u"13800138000"_s, 9, 1)});
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM event_attachments"_s), u"1"_s);
        QVERIFY(m_case->verify()->ok());
    }

    // Large imports are written in chunks on a second thread, many rows per statement; a newer
    // export that interleaves known and new records must still count each one exactly and
    // link the new ones to the right rows.
    void largeOverlappingImportCountsExactly()
    {
        QList<EventRecord> old;
        const SourceTime start = cst(2025, 3, 1, 8, 0);
        for (int i = 0; i < 3000; ++i)
            old << sms(SourceTime{start.utcMs + qint64(i) * 60000, start.offsetSeconds},
                       u"13800138000"_s, u"旧消息%1"_s.arg(i), i + 1);
        QCOMPARE(importFile(u"old.txt"_s, "old", old).added, 3000);

        QList<EventRecord> newer;
        for (int i = 0; i < 3000; ++i) {
            newer << old[i];
            if (i % 3 == 0) {
                EventRecord e = sms(SourceTime{start.utcMs + qint64(i) * 60000 + 30000,
                                               start.offsetSeconds},
                                    u"17012345678"_s, u"新消息%1"_s.arg(i), 5000 + i);
                e.contactsReached = {u"妈妈"_s};
                newer << e;
            }
        }
        const auto counts = importFile(u"newer.txt"_s, "newer", newer);
        QCOMPARE(counts.added, 1000);
        QCOMPARE(counts.duplicates, 3000);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events"_s), u"4000"_s);
        // Every contact link points at a new message, none at an old one.
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM event_contacts ec JOIN events e "
                                  "ON e.id = ec.event_id WHERE e.text LIKE '新消息%'"_s),
                 u"1000"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM event_contacts"_s), u"1000"_s);
        QVERIFY(m_case->verify()->ok());
    }

    // A record that cannot be written, deep inside a large import, fails the whole file: the
    // error names the record and the case is left as it was.
    void failureInsideLargeImportChangesNothing()
    {
        m_case.reset();
        const QByteArray before = fileBytes(m_path);
        auto c = CaseFile::open(m_path);
        DOSSIER_VERIFY_RESULT(c);
        const QString src = m_dir.filePath(u"broken.txt"_s);
        QVERIFY(writeFile(src, "broken"));
        auto session = c.value()->beginImport(src, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        const SourceTime start = cst(2025, 4, 1, 8, 0);
        std::optional<Error> error;
        for (int i = 0; i < 5000 && !error; ++i) {
            EventRecord e = sms(SourceTime{start.utcMs + qint64(i) * 1000, start.offsetSeconds},
                                u"13800138000"_s, u"第%1条"_s.arg(i), i + 1);
            if (i == 1500)
                e.attachmentSha256 = {QString(64, u'a')};
            if (auto r = session.value()->addEvent(e); !r)
                error = r.error();
        }
        if (!error) {
            auto counts = session.value()->commit();
            QVERIFY(!counts);
            error = counts.error();
        }
        QVERIFY2(error->message.contains(u"line 1501"_s), qPrintable(error->toString()));
        session.value().reset();
        c.value().reset();
        QCOMPARE(fileBytes(m_path), before);
    }

    // A file read ahead (on another thread) is stored from those bytes; what lands in the case is
    // re-read and must hash to the SHA-256 taken while reading.
    void readAheadStoresTheBytesReadAndChecksThem()
    {
        const QByteArray bytes = "screenshot bytes 截图";
        const QString src = m_dir.filePath(u"ahead.png"_s);
        QVERIFY(writeFile(src, bytes));
        {
            // The media type worked out on the reading thread is the one recorded.
            auto session = m_case->beginImportReadAhead(
                src, u"test"_s, ReadAhead{bytes, sha256Of(bytes), u"image/webp"_s});
            DOSSIER_VERIFY_RESULT(session);
            DOSSIER_VERIFY_RESULT(session.value()->commit());
        }
        auto evidence = m_case->evidence();
        DOSSIER_VERIFY_RESULT(evidence);
        QCOMPARE(evidence->size(), 1);
        QCOMPARE(evidence->first().sha256, sha256Of(bytes));
        QCOMPARE(evidence->first().originalName, u"ahead.png"_s);
        QCOMPARE(evidence->first().mediaType, u"image/webp"_s);
        QCOMPARE(m_case->evidenceBytes(evidence->first().id, 1 << 20).value(), bytes);

        // The same bytes again: nothing new is stored.
        {
            auto session = m_case->beginImportReadAhead(src, u"test"_s,
                                                        ReadAhead{bytes, sha256Of(bytes), {}});
            DOSSIER_VERIFY_RESULT(session);
            DOSSIER_VERIFY_RESULT(session.value()->commit());
        }
        QCOMPARE(m_case->evidence()->size(), 1);

        // Bytes that do not match the hash taken while reading are refused.
        const QByteArray other = "other bytes";
        auto bad = m_case->beginImportReadAhead(src, u"test"_s,
                                                ReadAhead{other, sha256Of(bytes + "x"), {}});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Integrity);
        QCOMPARE(m_case->evidence()->size(), 1);
        QVERIFY(m_case->verify()->ok());
    }

    // A large source file is only hashed when the import starts; its bytes are stored on the
    // writer thread while events are added, and must still be exactly the file's.
    void largeSourceIsStoredAlongsideTheEvents()
    {
        QByteArray bytes = randomBytes(6 * 1024 * 1024 + 12345, 2463534242u);
        const QString src = m_dir.filePath(u"calls-large.xml"_s);
        QVERIFY(writeFile(src, bytes));
        const SourceTime start = cst(2025, 4, 1, 8, 0);
        QList<EventRecord> events;
        for (int i = 0; i < 3000; ++i)
            events << call(SourceTime{start.utcMs + qint64(i) * 60000, start.offsetSeconds},
                           u"1380013%1"_s.arg(i % 1000, 4, 10, QChar(u'0')), i % 300, i + 1);
        ImportCounts counts = importFile(u"calls-large.xml"_s, bytes, events);
        QCOMPARE(counts.added, 3000);
        auto evidence = m_case->evidence();
        DOSSIER_VERIFY_RESULT(evidence);
        QCOMPARE(evidence->size(), 1);
        QCOMPARE(evidence->first().sha256, sha256Of(bytes));
        QCOMPARE(evidence->first().size, qint64(bytes.size()));
        QCOMPARE(m_case->evidenceBytes(evidence->first().id, 8 << 20).value(), bytes);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM events WHERE evidence_id = %1"_s.arg(
                                      evidence->first().id)),
                 u"3000"_s);
        QVERIFY(m_case->verify()->ok());

        // The same file again: its bytes are found by their hash, nothing is stored twice.
        counts = importFile(u"calls-large.xml"_s, bytes, events);
        QCOMPARE(counts.added, 0);
        QCOMPARE(counts.duplicates, 3000);
        QCOMPARE(m_case->evidence()->size(), 1);

        // Given up while its bytes may still be being stored: the case is as it was.
        bytes[10] = char(bytes[10] ^ 1);
        QVERIFY(writeFile(src, bytes));
        m_case.reset();
        const QByteArray before = fileBytes(m_path);
        {
            auto c = CaseFile::open(m_path);
            DOSSIER_VERIFY_RESULT(c);
            auto session = c.value()->beginImport(src, u"test"_s);
            DOSSIER_VERIFY_RESULT(session);
            DOSSIER_VERIFY_RESULT(session.value()->addEvent(events.first()));
            session.value()->rollback();
        }
        QCOMPARE(fileBytes(m_path), before);
    }

private:
    ImportCounts importFile(const QString &name, const QByteArray &content,
                            const QList<EventRecord> &events)
    {
        const QString src = m_dir.filePath(name);
        if (!writeFile(src, content))
            qFatal("cannot write fixture");
        auto session = m_case->beginImport(src, u"test"_s);
        if (!session)
            qFatal("%s", qPrintable(session.error().toString()));
        for (const EventRecord &e : events) {
            auto r = session.value()->addEvent(e);
            if (!r)
                qFatal("%s", qPrintable(r.error().toString()));
        }
        auto counts = session.value()->commit();
        if (!counts)
            qFatal("%s", qPrintable(counts.error().toString()));
        return counts.value();
    }

    QString importRecording(const QString &name, const QString &number, SourceTime at)
    {
        const QString src = m_dir.filePath(name);
        const QByteArray bytes = "recording " + name.toUtf8();
        if (!writeFile(src, bytes))
            qFatal("cannot write fixture");
        auto session = m_case->beginImport(src, u"recording"_s);
        if (!session)
            qFatal("%s", qPrintable(session.error().toString()));
        session.value()->setRecordingOf(number, at);
        if (!session.value()->commit())
            qFatal("commit failed");
        return sha256Of(bytes);
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CaseFile> m_case;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TstCaseFileImport)
#include "tst_casefileimport.moc"
