// SPDX-License-Identifier: GPL-3.0-or-later
// The audit chain and verify(): an untouched case passes, every kind of tampering is caught and
// named, and the documented sqlite3 + sha256sum commands give the same digests.

#include <limits>

#include <QBuffer>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>

#include "casefile/schema.h"
#include "casefiletest.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

namespace {

// Flips one byte of a blob in place, through SQLite's incremental blob API.
QString flipBlobByte(const QString &path, const char *table, const char *column, qint64 rowid,
                     int offset)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_blob *blob = nullptr;
    QString err;
    if (sqlite3_blob_open(db, "main", table, column, rowid, 1, &blob) != SQLITE_OK) {
        err = QString::fromUtf8(sqlite3_errmsg(db));
    } else {
        char byte = 0;
        sqlite3_blob_read(blob, &byte, 1, offset);
        byte = char(byte ^ 0x01);
        if (sqlite3_blob_write(blob, &byte, 1, offset) != SQLITE_OK)
            err = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_blob_close(blob);
    }
    sqlite3_close(db);
    return err;
}

QString shell(const QString &dir, const QString &command)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(u"/bin/bash"_s, {u"-c"_s, command});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TstCaseFileAudit final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_template = m_dir.filePath(u"template.dossier"_s);
        NewCaseOptions o;
        o.title = u"审计测试"_s;
        o.own.numbers = {u"17012345678"_s};
        auto created = CaseFile::create(m_template, o);
        DOSSIER_VERIFY_RESULT(created);
        CaseFile &c = *created.value();

        // Evidence of three chunks.
        const QString photo = m_dir.filePath(u"截图.png"_s);
        QByteArray bytes(int(2.5 * (1 << 20)), '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 31) % 251);
        QVERIFY(writeFile(photo, bytes));
        DOSSIER_VERIFY_RESULT(c.addEvidence(photo));

        // An import with a call, messages, a contact and an attachment.
        const QString log = m_dir.filePath(u"通话记录.csv"_s);
        QVERIFY(writeFile(log, "号码,时间\n13800138000,2025-02-12 23:14:05\n"_ba));
        auto session = c.beginImport(log, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        ImportSession &s = *session.value();
        EventRecord call;
        call.kind = EventKind::Call;
        call.channel = Channel::Phone;
        call.direction = Direction::Incoming;
        call.at = cst(2025, 2, 12, 23, 14, 5);
        call.rawNumber = u"13800138000"_s;
        call.durationS = 42;
        call.locator = u"line 2"_s;
        DOSSIER_VERIFY_RESULT(s.addEvent(call));
        EventRecord sms;
        sms.kind = EventKind::Message;
        sms.channel = Channel::Sms;
        sms.direction = Direction::Incoming;
        sms.at = cst(2025, 2, 13, 8, 1);
        sms.rawNumber = u"+86 139 1234 5678"_s;
        sms.text = u"您已逾期，今天不还款将联系您的家人和单位"_s;
        sms.locator = u"line 3"_s;
        QBuffer att;
        att.setData("附件内容"_ba);
        att.open(QIODevice::ReadOnly);
        auto sha = s.addAttachment(AttachmentRecord{u"notice.jpg"_s, u"image/jpeg"_s, u"mms 1"_s},
                                   att);
        DOSSIER_VERIFY_RESULT(sha);
        sms.attachmentSha256 = {sha.value()};
        DOSSIER_VERIFY_RESULT(s.addEvent(sms));
        ContactRecord mom;
        mom.name = u"妈妈"_s;
        mom.relation = u"母亲"_s;
        mom.numbers = {u"13600136000"_s};
        DOSSIER_VERIFY_RESULT(s.addContact(mom));
        DOSSIER_VERIFY_RESULT(s.commit());

        // An incident that reached a contact, with an attached file.
        IncidentInput in;
        in.at = cst(2025, 2, 14, 10, 30);
        in.incidentType = u"third_party"_s;
        in.numbers = {u"13800138000"_s};
        in.contacts = {u"妈妈"_s, u"王经理"_s};
        in.platform = u"某某贷"_s;
        in.text = u"催收员打电话给我妈妈"_s;
        const QString shot = m_dir.filePath(u"聊天.jpg"_s);
        QVERIFY(writeFile(shot, "聊天截图"_ba));
        in.attachPaths = {shot};
        DOSSIER_VERIFY_RESULT(c.logIncident(in));
        DOSSIER_VERIFY_RESULT(c.recordExport(m_dir.filePath(u"报案材料.pdf"_s),
                                              QString(64, u'a')));
        auto report = c.verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(report->ok());
    }

    void init() { m_n++; }

    void untouchedCasePasses()
    {
        auto c = CaseFile::open(m_template, CaseFile::Mode::ReadOnly);
        DOSSIER_VERIFY_RESULT(c);
        auto report = c.value()->verify();
        DOSSIER_VERIFY_RESULT(report);
        for (const auto &p : report->problems)
            qWarning() << p.item << p.reason;
        QVERIFY(report->ok());
        QCOMPARE(report->evidenceChecked, 4);
        QCOMPARE(report->eventsChecked, 3);
        QCOMPARE(report->auditEntries, 5);
        QCOMPARE(report->auditHead,
                 rawQuery(m_template, u"SELECT hash FROM audit WHERE seq = 5"_s));
        QCOMPARE(report->auditHead,
                 rawQuery(m_template, u"SELECT value FROM meta WHERE key = 'audit_head_hash'"_s));
    }

    void tamperingIsCaughtAndNamed_data()
    {
        QTest::addColumn<QString>("sql");        // the tampering ("flip:<table>" = flip a blob byte)
        QTest::addColumn<QString>("expectItem"); // SQL giving the item verify must name

        const QString smsEvent = u"(SELECT id FROM events WHERE kind = 'message')"_s;
        QTest::newRow("evidence chunk byte flipped")
            << u"flip:evidence_chunks"_s
            << u"SELECT 'evidence ' || evidence_id || ' (' FROM evidence_chunks WHERE id = 2"_s;
        QTest::newRow("evidence chunk deleted")
            << u"DELETE FROM evidence_chunks WHERE id = 3"_s
            << u"SELECT 'evidence 1 ('"_s;
        QTest::newRow("event text changed")
            << u"UPDATE events SET text = replace(text, '家人', '朋友') WHERE id = "_s + smsEvent
            << u"SELECT 'event ' || "_s + smsEvent;
        QTest::newRow("event time changed")
            << u"UPDATE events SET utc_ms = utc_ms + 3600000 WHERE kind = 'call'"_s
            << u"SELECT 'event ' || id FROM events WHERE kind = 'call'"_s;
        QTest::newRow("event number changed")
            << u"UPDATE events SET number_id = (SELECT max(id) FROM numbers) WHERE kind = 'call'"_s
            << u"SELECT 'event ' || id FROM events WHERE kind = 'call'"_s;
        QTest::newRow("contact changed")
            << u"UPDATE contacts SET relation = '同事' WHERE name = '妈妈'"_s
            << u"SELECT 'contact ' || id FROM contacts WHERE name = '妈妈'"_s;
        QTest::newRow("number row changed")
            << u"UPDATE numbers SET location_zh = '上海市' WHERE key = '+8613800138000'"_s
            << u"SELECT 'number ' || id FROM numbers WHERE key = '+8613800138000'"_s;
        QTest::newRow("evidence record changed")
            << u"UPDATE evidence SET original_name = 'other.png' WHERE id = 1"_s
            << u"SELECT 'evidence 1'"_s;
        QTest::newRow("row digest changed")
            << u"UPDATE events SET row_digest = '"_s + QString(64, u'0') + u"' WHERE id = "_s
                   + smsEvent
            << u"SELECT 'event ' || "_s + smsEvent;
        QTest::newRow("row digest changed shows in its audit entry")
            << u"UPDATE events SET row_digest = '"_s + QString(64, u'0') + u"' WHERE id = "_s
                   + smsEvent
            << u"SELECT 'audit entry ' || audit_seq FROM events WHERE id = "_s + smsEvent;
        QTest::newRow("contact link deleted")
            << u"DELETE FROM event_contacts WHERE id = 1"_s
            << u"SELECT 'audit entry 4'"_s;
        QTest::newRow("event deleted")
            << u"DELETE FROM events WHERE kind = 'call'"_s << u"SELECT 'audit entry 3'"_s;
        QTest::newRow("row inserted later under an old entry")
            << u"INSERT INTO tags (name, audit_seq, row_digest) VALUES ('x', 2, 'y')"_s
            << u"SELECT 'audit entry 2'"_s;
        QTest::newRow("audit entry changed")
            << u"DROP TRIGGER audit_no_update; UPDATE audit SET details = "
               "replace(details, '\"test\"', '\"csv\"') WHERE seq = 3"_s
            << u"SELECT 'audit entry 3'"_s;
        QTest::newRow("audit entry's time changed breaks the next link")
            << u"DROP TRIGGER audit_no_update; UPDATE audit SET utc_ms = utc_ms - 86400000, "
               "hash = '"_s + QString(64, u'1') + u"' WHERE seq = 2"_s
            << u"SELECT 'audit entry 3'"_s;
        QTest::newRow("middle audit entry deleted")
            << u"DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3"_s
            << u"SELECT 'audit log'"_s;
        QTest::newRow("last audit entry deleted")
            << u"DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 5"_s
            << u"SELECT 'audit log'"_s;
        QTest::newRow("audit head in meta rewound")
            << u"UPDATE meta SET value = '4' WHERE key = 'audit_head_seq'"_s
            << u"SELECT 'audit log'"_s;
        QTest::newRow("case time zone changed")
            << u"UPDATE meta SET value = 'UTC' WHERE key = 'time_zone'"_s
            << u"SELECT 'case metadata'"_s;
    }

    void tamperingIsCaughtAndNamed()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expectItem);
        const QString path = m_dir.filePath(u"tampered%1.dossier"_s.arg(m_n));
        QVERIFY(QFile::copy(m_template, path));
        const QString item = rawQuery(path, expectItem);
        QVERIFY(!item.isEmpty());
        if (sql.startsWith(u"flip:"_s))
            QCOMPARE(flipBlobByte(path, "evidence_chunks", "data", 2, 1000), QString());
        else
            QCOMPARE(rawExec(path, sql), QString());

        auto c = CaseFile::open(path, CaseFile::Mode::ReadOnly);
        DOSSIER_VERIFY_RESULT(c);
        auto report = c.value()->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(!report->ok());
        const QStringList named = problemLines(*report);
        bool found = false;
        for (const auto &p : report->problems)
            found = found || p.item.startsWith(item);
        QVERIFY2(found, qPrintable(u"expected %1 among: %2"_s.arg(item, named.join(u"; "))));
    }

    // Row digests are computed in C++ on insert and by json_array() in SQLite on verify and in
    // the documented shell commands: the two canonical forms must be byte-identical.
    void canonicalFormMatchesSqlite_data()
    {
        QTest::addColumn<QVariantList>("values");
        QTest::addColumn<quint64>("hexMask");

        QString controls = u"x"_s;
        for (char16_t c = 0; c <= 0x20; ++c)
            controls += QChar(c) + u"x"_s;
        controls += QChar(0x7f);
        QTest::newRow("null, ints, text")
            << QVariantList{QVariant(), qint64(0), qint64(-1), qint64(42), u"call"_s}
            << quint64(0);
        QTest::newRow("big integers")
            << QVariantList{std::numeric_limits<qint64>::max(),
                            std::numeric_limits<qint64>::min(), qint64(-1735660800000)}
            << quint64(0);
        QTest::newRow("chinese and emoji")
            << QVariantList{u"催收短信：请于今日还款 😡"_s, u"张伟"_s} << quint64(0);
        QTest::newRow("quotes and backslashes")
            << QVariantList{u"say \"hi\" \\ C:\\path\\ '单引号' /slash/"_s} << quint64(0);
        QTest::newRow("control characters") << QVariantList{controls} << quint64(0);
        QTest::newRow("nul inside text")
            << QVariantList{QString(u"a\0b"_s)} << quint64(0);
        QTest::newRow("empty text") << QVariantList{u""_s} << quint64(0);
        QTest::newRow("json-looking text")
            << QVariantList{u"{\"type\":2,\"presentation\":1}"_s, u"[1,2]"_s} << quint64(0);
        QTest::newRow("blob in hex column")
            << QVariantList{qint64(7), QByteArray("\x00\xff\x10 ab", 6), QVariant()}
            << quint64(0b110);
        QTest::newRow("empty blob in hex column")
            << QVariantList{QByteArray("", 0)} << quint64(1);
    }

    void canonicalFormMatchesSqlite()
    {
        QFETCH(QVariantList, values);
        QFETCH(quint64, hexMask);
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
        QStringList params;
        for (int i = 0; i < values.size(); ++i) {
            const QString p = u'?' + QString::number(i + 1);
            params << (((hexMask >> i) & 1) ? u"hex(" + p + u')' : p);
        }
        const QByteArray sql = "SELECT json_array(" + params.join(u", ").toUtf8() + ")";
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr), SQLITE_OK);
        QByteArray mine = "[";
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &v = values[i];
            const bool hex = (hexMask >> i) & 1;
            if (i > 0)
                mine += ',';
            if (v.isNull() && v.typeId() != QMetaType::QByteArray) {
                sqlite3_bind_null(stmt, i + 1);
                Schema::appendCanonicalNull(mine, hex);
            } else if (v.typeId() == QMetaType::LongLong) {
                sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
                Schema::appendCanonicalInt(mine, v.toLongLong(), hex);
            } else if (v.typeId() == QMetaType::QByteArray) {
                const QByteArray b = v.toByteArray();
                sqlite3_bind_blob(stmt, i + 1, b.constData(), int(b.size()), SQLITE_TRANSIENT);
                Schema::appendCanonicalBlob(mine, b.constData(), b.size());
            } else {
                const QByteArray t = v.toString().toUtf8();
                sqlite3_bind_text(stmt, i + 1, t.constData(), int(t.size()), SQLITE_TRANSIENT);
                Schema::appendCanonicalText(mine, t.constData(), t.size());
            }
        }
        mine += ']';
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const QByteArray theirs(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)),
                                sqlite3_column_bytes(stmt, 0));
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        QCOMPARE(mine, theirs);
    }

    // The same through the real write path: rows with awkward text verify (verify() recomputes
    // every digest with json_array() in SQLite).
    void awkwardTextVerifies()
    {
        const QString path = m_dir.filePath(u"awkward.dossier"_s);
        auto created = CaseFile::create(path, {});
        DOSSIER_VERIFY_RESULT(created);
        CaseFile &c = *created.value();
        IncidentInput in;
        in.at = cst(2025, 3, 1, 9, 30);
        in.text = QString::fromUtf8("\"还钱\" \\ \x01\x1f\t\n 😡") + QChar(u'\0') + u"尾"_s;
        in.numbers = {u"13800138000"_s, u"-1"_s};
        in.contacts = {u"妈妈 \"Mom\""_s};
        in.platform = u"某某贷\\x"_s;
        DOSSIER_VERIFY_RESULT(c.logIncident(in));
        DOSSIER_VERIFY_RESULT(c.addNote(1, u"\u0007 bell, tab\t, 中文"_s));
        DOSSIER_VERIFY_RESULT(c.addTag(1, u"\"quoted\""_s));
        auto report = c.verify();
        DOSSIER_VERIFY_RESULT(report);
        const QStringList named = problemLines(*report);
        QVERIFY2(report->ok(), qPrintable(named.join(u"; "_s)));
    }

    void auditLogRefusesUpdates()
    {
        const QString path = m_dir.filePath(u"appendonly.dossier"_s);
        QVERIFY(QFile::copy(m_template, path));
        QVERIFY(!rawExec(path, u"UPDATE audit SET action = 'x' WHERE seq = 1"_s).isEmpty());
        QVERIFY(!rawExec(path, u"DELETE FROM audit WHERE seq = 5"_s).isEmpty());
    }

    // The commands docs/case-file-format.md gives a technician, run for real.
    void shellCommandsReproduceTheDigests()
    {
        if (QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty()
            || QStandardPaths::findExecutable(u"sha256sum"_s).isEmpty())
            QSKIP("sqlite3 or sha256sum is not installed");
        const QString dir = m_dir.path();
        const QString db = u"template.dossier"_s;

        // Extract an original and hash it.
        shell(dir, u"sqlite3 "_s + db + u" \"SELECT writefile(printf('chunk-%06d', seq), data) "
                                         "FROM evidence_chunks WHERE evidence_id = 1 ORDER BY "
                                         "seq\" > /dev/null && cat chunk-* > original.bin && "
                                         "rm chunk-*");
        QCOMPARE(shell(dir, u"sha256sum original.bin | cut -d' ' -f1"_s),
                 rawQuery(m_template, u"SELECT sha256 FROM evidence WHERE id = 1"_s));

        // Recompute every row digest of every table.
        for (const Schema::TableDef &t : Schema::auditedTables()) {
            const QString ids = shell(dir, u"sqlite3 "_s + db + u" \"SELECT group_concat(id, ' ') "
                                                                  "FROM "
                                           + QString::fromLatin1(t.name) + u"\"");
            for (const QString &id : ids.split(u' ', Qt::SkipEmptyParts)) {
                const QString cmd = u"sqlite3 "_s + db + u" \"SELECT "
                                    + Schema::canonicalExpression(t) + u" FROM "
                                    + QString::fromLatin1(t.name) + u" WHERE id = " + id
                                    + u"\" | tr -d '\\n' | sha256sum | cut -d' ' -f1";
                QCOMPARE(shell(dir, cmd),
                         rawQuery(m_template, u"SELECT row_digest FROM "_s
                                                  + QString::fromLatin1(t.name)
                                                  + u" WHERE id = " + id));
            }
        }

        // Recompute each audit entry's rows digest and hash, and the chain.
        QString previous(64, u'0');
        for (int seq = 1; seq <= 5; ++seq) {
            QString rowsSql = Schema::auditRowsSql();
            rowsSql.replace(u"?1"_s, QString::number(seq));
            QCOMPARE(shell(dir, u"sqlite3 "_s + db + u" \"" + rowsSql
                                    + u"\" | sha256sum | cut -d' ' -f1"),
                     rawQuery(m_template,
                              u"SELECT rows_digest FROM audit WHERE seq = %1"_s.arg(seq)));
            const QString hash =
                shell(dir, u"sqlite3 "_s + db + u" \"SELECT "
                               + Schema::auditCanonicalExpression()
                               + u" FROM audit WHERE seq = %1\" | tr -d '\\n' | sha256sum | "
                                 "cut -d' ' -f1"_s.arg(seq));
            QCOMPARE(hash, rawQuery(m_template, u"SELECT hash FROM audit WHERE seq = %1"_s.arg(seq)));
            QCOMPARE(rawQuery(m_template, u"SELECT prev_hash FROM audit WHERE seq = %1"_s.arg(seq)),
                     previous);
            previous = hash;
        }
    }

    // The script printed in docs/case-file-format.md, extracted and run.
    void documentedScriptPasses()
    {
        const QString doc = QStringLiteral(DOSSIER_SOURCE_DIR "/docs/case-file-format.md");
        const QString text = QString::fromUtf8(fileBytes(doc));
        if (text.isEmpty())
            QSKIP("docs/case-file-format.md not found");
        if (QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty())
            QSKIP("sqlite3 is not installed");
        // The doc's canonical forms are the code's.
        for (const Schema::TableDef &t : Schema::auditedTables()) {
            const QString line = u"check_table "_s + QString::fromLatin1(t.name) + u" \""
                                 + Schema::canonicalExpression(t) + u'"';
            QVERIFY2(text.contains(line), qPrintable(line));
        }
        const QString begin = u"```sh verify-case.sh\n"_s;
        const qsizetype start = text.indexOf(begin);
        QVERIFY2(start >= 0, "the doc lost its verify-case.sh block");
        const qsizetype end = text.indexOf(u"```"_s, start + begin.size());
        const QString script = text.mid(start + begin.size(), end - start - begin.size());
        QVERIFY(writeFile(m_dir.filePath(u"verify-case.sh"_s), script.toUtf8()));
        QCOMPARE(shell(m_dir.path(), u"bash verify-case.sh template.dossier | tail -1"_s),
                 u"OK: every original, row and audit entry matches"_s);
        const QString broken = m_dir.filePath(u"broken.dossier"_s);
        QVERIFY(QFile::copy(m_template, broken));
        QCOMPARE(rawExec(broken, u"UPDATE events SET text = 'x' WHERE kind = 'message'"_s),
                 QString());
        QVERIFY(shell(m_dir.path(), u"bash verify-case.sh broken.dossier"_s)
                    .contains(u"MISMATCH events"_s));
    }

private:
    QTemporaryDir m_dir;
    QString m_template;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TstCaseFileAudit)
#include "tst_casefileaudit.moc"
