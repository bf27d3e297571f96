// SPDX-License-Identifier: GPL-3.0-or-later
// events(filter), numbers() and stats() over a small case.

#include "casefiletest.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

namespace {

EventRecord makeEvent(EventKind kind, Channel channel, const SourceTime &at, const QString &number,
                  const QString &text, const QString &counterpart = {})
{
    EventRecord r;
    r.kind = kind;
    r.channel = channel;
    r.direction = Direction::Incoming;
    r.at = at;
    r.rawNumber = number;
    r.text = text;
    r.counterpart = counterpart;
    return r;
}

} // namespace

class TstCaseFileQueries final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"q.dossier"_s);
        auto c = CaseFile::create(m_path, {});
        DOSSIER_VERIFY_RESULT(c);
        m_case = std::move(c.value());
        const QString src = m_dir.filePath(u"mixed.txt"_s);
        QVERIFY(writeFile(src, "mixed"));
        auto session = m_case->beginImport(src, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        ImportSession &s = *session.value();
        const QList<EventRecord> events{
            // 2025-02-12 23:30 in Shanghai (15:30 UTC)
            makeEvent(EventKind::Call, Channel::Phone, cst(2025, 2, 12, 23, 30), u"13800138000"_s, {}),
            // 2025-02-13 00:30 in Shanghai, still 2025-02-12 in UTC
            makeEvent(EventKind::Message, Channel::Sms, cst(2025, 2, 13, 0, 30), u"138-0013-8000"_s,
                  u"我们将联系您的家人和单位"_s),
            makeEvent(EventKind::Message, Channel::Sms, cst(2025, 2, 13, 9, 0), u"95588"_s,
                  u"您的账户支出100元"_s),
            makeEvent(EventKind::Message, Channel::WeChat, cst(2025, 2, 14, 12, 0), {},
                  u"今天必须还款"_s, u"催收小李"_s),
            makeEvent(EventKind::Call, Channel::Phone, cst(2025, 2, 15, 8, 0), u"17012345678"_s, {}),
        };
        for (const EventRecord &e : events)
            DOSSIER_VERIFY_RESULT(s.addEvent(e));
        DOSSIER_VERIFY_RESULT(s.commit());
        IncidentInput in;
        in.at = cst(2025, 2, 15, 22, 0);
        in.incidentType = u"visit"_s;
        in.contacts = {u"妈妈"_s};
        in.text = u"有人上门，说家人要负责"_s;
        DOSSIER_VERIFY_RESULT(m_case->logIncident(in));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("from");   // ISO local date, inclusive ("" = none)
        QTest::addColumn<QString>("to");     // exclusive
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("count");
        QTest::newRow("everything") << "" << "" << "" << "" << "" << 6;
        QTest::newRow("date range in the case zone")
            << "2025-02-13" << "2025-02-15" << "" << "" << "" << 3;
        QTest::newRow("number given in another form")
            << "" << "" << "+86 138 0013 8000" << "" << "" << 2;
        QTest::newRow("short code") << "" << "" << "95588" << "" << "" << 1;
        QTest::newRow("unknown number") << "" << "" << "13999999999" << "" << "" << 0;
        QTest::newRow("channel") << "" << "" << "" << "sms" << "" << 2;
        QTest::newRow("Chinese substring (trigram)") << "" << "" << "" << "" << "联系您" << 1;
        QTest::newRow("substring in counterpart") << "" << "" << "" << "" << "催收小" << 1;
        QTest::newRow("two characters fall back to LIKE") << "" << "" << "" << "" << "家人" << 2;
        QTest::newRow("one character") << "" << "" << "" << "" << "款" << 1;
        QTest::newRow("no match") << "" << "" << "" << "" << "法院传票" << 0;
        QTest::newRow("combined") << "2025-02-13" << "" << "" << "sms" << "账户" << 1;
    }

    void filters()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, number);
        QFETCH(QString, channel);
        QFETCH(QString, search);
        QFETCH(int, count);
        const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
        EventFilter f;
        if (!from.isEmpty())
            f.fromUtcMs = QDateTime(QDate::fromString(from, Qt::ISODate), {}, zone)
                              .toMSecsSinceEpoch();
        if (!to.isEmpty())
            f.toUtcMs = QDateTime(QDate::fromString(to, Qt::ISODate), {}, zone)
                            .toMSecsSinceEpoch();
        f.number = number;
        if (!channel.isEmpty())
            f.channel = channelFromString(channel);
        f.search = search;
        auto rows = m_case->events(f);
        DOSSIER_VERIFY_RESULT(rows);
        QCOMPARE(rows->size(), count);
    }

    void eventsAreOrderedAndLimited()
    {
        EventFilter f;
        f.limit = 2;
        const auto rows = m_case->events(f).value();
        QCOMPARE(rows.size(), 2);
        QVERIFY(rows[0].utcMs < rows[1].utcMs);
        QVERIFY(rows[0].kind == EventKind::Call);
        QCOMPARE(rows[1].text, u"我们将联系您的家人和单位"_s);
        QCOMPARE(rows[1].rawNumber, u"138-0013-8000"_s);
        QCOMPARE(rows[1].e164, u"+8613800138000"_s);
    }

    void numbersCountTheirEvents()
    {
        const auto rows = m_case->numbers().value();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].e164, u"+8613800138000"_s);
        QCOMPARE(rows[0].raw, u"13800138000"_s);
        QCOMPARE(rows[0].events, 2);
        QCOMPARE(rows[0].type, u"mobile"_s);
        QCOMPARE(rows[0].firstUtcMs, std::optional<qint64>(cst(2025, 2, 12, 23, 30).utcMs));
        QCOMPARE(rows[0].lastUtcMs, std::optional<qint64>(cst(2025, 2, 13, 0, 30).utcMs));
        bool sawShortCode = false;
        for (const NumberRow &n : rows) {
            if (n.raw == u"95588"_s) {
                sawShortCode = true;
                QVERIFY(n.e164.isEmpty());
                QCOMPARE(n.events, 1);
            }
        }
        QVERIFY(sawShortCode);
    }

    void statsUseTheCaseZone()
    {
        auto s = m_case->stats();
        DOSSIER_VERIFY_RESULT(s);
        QCOMPARE(s->events, 6);
        QCOMPARE(s->calls, 2);
        QCOMPARE(s->messages, 3);
        QCOMPARE(s->incidents, 1);
        QCOMPARE(s->numbers, 3);
        QCOMPARE(s->evidence, 1);
        QCOMPARE(s->contactsReached, 1);
        QCOMPARE(s->firstUtcMs, std::optional<qint64>(cst(2025, 2, 12, 23, 30).utcMs));
        QCOMPARE(s->lastUtcMs, std::optional<qint64>(cst(2025, 2, 15, 22, 0).utcMs));
        const QList<QPair<QString, int>> expected{{u"2025-02-12"_s, 1},
                                                  {u"2025-02-13"_s, 2},
                                                  {u"2025-02-14"_s, 1},
                                                  {u"2025-02-15"_s, 2}};
        QCOMPARE(s->byDay, expected);
    }

    // A bulk import leaves its events out of the full-text index (a later pass adds them);
    // searches must find them all the same, before and after that pass.
    void bulkImportIsSearchableBeforeAndAfterCatchUp()
    {
        const QString path = m_dir.filePath(u"bulk.dossier"_s);
        auto c = CaseFile::create(path, {});
        DOSSIER_VERIFY_RESULT(c);
        const QString src = m_dir.filePath(u"bulk.txt"_s);
        QVERIFY(writeFile(src, "bulk"));
        {
            auto session = c.value()->beginImport(src, u"test"_s);
            DOSSIER_VERIFY_RESULT(session);
            const int n = 20050; // above the size a change indexes by itself
            for (int i = 0; i < n; ++i) {
                const QString text = i == 12345 ? u"明天去你单位找你领导"_s
                                                 : u"第%1条提醒"_s.arg(i);
                DOSSIER_VERIFY_RESULT(session.value()->addEvent(
                    makeEvent(EventKind::Message, Channel::Sms,
                              SourceTime{1739412000000 + qint64(i) * 60000, 28800},
                              u"13800138000"_s, text)));
            }
            DOSSIER_VERIFY_RESULT(session.value()->commit());
        }
        const auto ftsHits = [&] {
            return rawQuery(path, u"SELECT count(*) FROM events_fts WHERE events_fts MATCH "
                                  "'\"单位找\"'"_s);
        };
        const auto search = [&](const QString &text) {
            EventFilter f;
            f.search = text;
            auto rows = c.value()->events(f);
            return rows ? int(rows->size()) : -1;
        };
        QCOMPARE(ftsHits(), u"0"_s);
        QCOMPARE(search(u"单位找你"_s), 1);
        QCOMPARE(search(u"第200条"_s), 1);
        auto added = c.value()->updateSearchIndex();
        DOSSIER_VERIFY_RESULT(added);
        QCOMPARE(added.value(), qint64(20050));
        QCOMPARE(ftsHits(), u"1"_s);
        QCOMPARE(search(u"单位找你"_s), 1);
        QCOMPARE(search(u"第200条"_s), 1);
        auto again = c.value()->updateSearchIndex();
        DOSSIER_VERIFY_RESULT(again);
        QCOMPARE(again.value(), qint64(0));
        QVERIFY(c.value()->verify()->ok());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CaseFile> m_case;
};

QTEST_GUILESS_MAIN(TstCaseFileQueries)
#include "tst_casefilequeries.moc"
