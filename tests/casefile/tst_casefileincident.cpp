// SPDX-License-Identifier: GPL-3.0-or-later
// Incidents logged by hand: one transaction and one audit entry each.

#include "casefiletest.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

class TstCaseFileIncident final : public QObject
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

    void logsEverythingAboutAnIncident()
    {
        const QString shot = m_dir.filePath(u"微信截图.png"_s);
        QVERIFY(writeFile(shot, "截图字节"_ba));
        IncidentInput in;
        in.at = cst(2025, 2, 12, 23, 14, 5);
        in.incidentType = u"third_party"_s;
        in.numbers = {u"13800138000"_s, u"+86 170 1234 5678"_s};
        in.contacts = {u"妈妈"_s, u"王经理"_s};
        in.platform = u"某某贷"_s;
        in.text = u"催收员给我妈妈打电话，说要上门"_s;
        in.attachPaths = {shot};
        auto id = m_case->logIncident(in);
        DOSSIER_VERIFY_RESULT(id);

        const auto events = m_case->events().value();
        QCOMPARE(events.size(), 1);
        const EventRow &e = events.first();
        QCOMPARE(e.id, id.value());
        QVERIFY(e.kind == EventKind::Incident);
        QCOMPARE(e.incidentType, u"third_party"_s);
        QCOMPARE(e.utcMs, in.at.utcMs);
        QCOMPARE(e.offsetSeconds, 8 * 3600);
        QCOMPARE(e.e164, u"+8613800138000"_s);
        QCOMPARE(e.text, in.text);
        QCOMPARE(e.platform, u"某某贷"_s);
        QCOMPARE(e.contactsReached, in.contacts);
        QCOMPARE(e.attachmentSha256, QStringList{sha256Of("截图字节"_ba)});

        // The second number is found through event_numbers.
        EventFilter byNumber;
        byNumber.number = u"17012345678"_s;
        QCOMPARE(m_case->events(byNumber)->size(), 1);

        const auto evidence = m_case->evidence().value();
        QCOMPARE(evidence.size(), 1);
        QCOMPARE(evidence.first().method, u"incident"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT action FROM audit ORDER BY seq DESC LIMIT 1"_s),
                 u"incident logged"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM audit"_s), u"2"_s);
        QCOMPARE(rawQuery(m_path, u"SELECT audit_seq FROM events"_s), u"2"_s);
        QVERIFY(m_case->verify()->ok());
    }

    void contactsAreMatchedByName()
    {
        IncidentInput in;
        in.at = cst(2025, 2, 12, 10, 0);
        in.contacts = {u"爸爸"_s};
        DOSSIER_VERIFY_RESULT(m_case->logIncident(in));
        in.at = cst(2025, 2, 13, 10, 0);
        DOSSIER_VERIFY_RESULT(m_case->logIncident(in));
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM contacts"_s), u"1"_s);
        QCOMPARE(m_case->stats()->contactsReached, 1);
    }

    void identicalIncidentsBothStay()
    {
        IncidentInput in;
        in.at = cst(2025, 2, 12, 10, 0);
        in.incidentType = u"call"_s;
        in.text = u"又来电话"_s;
        DOSSIER_VERIFY_RESULT(m_case->logIncident(in));
        DOSSIER_VERIFY_RESULT(m_case->logIncident(in));
        QCOMPARE(m_case->stats()->incidents, 2);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("attach");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("unknown incident type") << u"robbery"_s << QString() << ErrorCode::Usage;
        QTest::newRow("missing attachment") << u"threat"_s << u"没有.jpg"_s << ErrorCode::NotFound;
    }

    void badInputChangesNothing()
    {
        QFETCH(QString, type);
        QFETCH(QString, attach);
        QFETCH(ErrorCode, code);
        const QString audits = rawQuery(m_path, u"SELECT count(*) FROM audit"_s);
        IncidentInput in;
        in.at = cst(2025, 2, 12, 10, 0);
        in.incidentType = type;
        in.numbers = {u"13800138000"_s};
        if (!attach.isEmpty())
            in.attachPaths = {m_dir.filePath(attach)};
        auto r = m_case->logIncident(in);
        QVERIFY(!r);
        QCOMPARE(r.error().code, code);
        QVERIFY(r.error().message.contains(attach.isEmpty() ? type : attach));
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM audit"_s), audits);
        QCOMPARE(rawQuery(m_path, u"SELECT count(*) FROM numbers"_s), u"0"_s);
        QCOMPARE(m_case->events()->size(), 0);
    }

    void notesTagsAndExportsAreAudited()
    {
        IncidentInput in;
        in.at = cst(2025, 2, 12, 10, 0);
        const qint64 id = m_case->logIncident(in).value();
        DOSSIER_VERIFY_RESULT(m_case->addNote(id, u"对方自称律师"_s));
        DOSSIER_VERIFY_RESULT(m_case->addTag(id, u"威胁"_s));
        DOSSIER_VERIFY_RESULT(m_case->addTag(id, u"威胁"_s)); // no change, no entry
        DOSSIER_VERIFY_RESULT(m_case->recordExport(u"/tmp/packet.pdf"_s, QString(64, u'b')));
        QVERIFY(!m_case->addNote(id + 100, u"x"_s));
        QCOMPARE(rawQuery(m_path, u"SELECT group_concat(action, ',') FROM audit"_s),
                 u"case created,incident logged,note added,tag added,export written"_s);
        QVERIFY(m_case->verify()->ok());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CaseFile> m_case;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TstCaseFileIncident)
#include "tst_casefileincident.moc"
