// SPDX-License-Identifier: GPL-3.0-or-later
// verify(): re-hashes every original, recomputes every row digest, every audit entry's rows
// digest and the hash chain, and names each item that does not match.
#include <cstring>
#include <memory>
#include <unordered_map>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "casefile/casefile.h"
#include "casefile/casefileimpl.h"
#include "casefile/schema.h"
#include "common/sha256.h"

using namespace Qt::StringLiterals;

namespace Dossier {

using Sql::Query;

Result<VerifyReport> CaseFile::verify(const ProgressFn &progress) const
{
    Impl &d = *m_impl;
    VerifyReport report;
    auto problem = [&report](const QString &item, const QString &reason) {
        report.problems.append(VerifyProblem{item, reason});
    };
    try {
        // 0. SQLite's own structure check.
        {
            auto q = d.db->prepare("PRAGMA quick_check");
            while (q->step()) {
                const QString line = q->text(0);
                if (line != u"ok"_s)
                    problem(DOSSIER_TR("case file structure"), line);
            }
        }

        // 1. Originals: chunks complete, in order, and hashing to the recorded SHA-256.
        const qint64 totalBytes = d.db->scalarInt("SELECT total(size) FROM evidence").value_or(0);
        qint64 doneBytes = 0;
        {
            auto list = d.db->prepare("SELECT id, original_name, sha256, size, chunk_count "
                                      "FROM evidence ORDER BY id");
            auto chunks = d.db->prepare(
                "SELECT seq, data FROM evidence_chunks WHERE evidence_id = ?1 ORDER BY seq");
            while (list->step()) {
                const qint64 id = list->int64(0);
                const QString item = DOSSIER_TR("evidence %1 (%2)").arg(id).arg(list->text(1));
                const QString sha = list->text(2);
                const qint64 size = list->int64(3);
                const qint64 count = list->int64(4);
                Sha256 hash;
                qint64 bytes = 0;
                qint64 expected = 0;
                bool gap = false;
                chunks->reset();
                chunks->bind(1, id);
                while (chunks->step()) {
                    if (chunks->int64(0) != expected)
                        gap = true;
                    expected = chunks->int64(0) + 1;
                    hash.add(chunks->blobData(1), chunks->columnBytes(1));
                    bytes += chunks->columnBytes(1);
                    doneBytes += chunks->columnBytes(1);
                    if (progress && !progress(doneBytes, totalBytes))
                        Sql::fail(ErrorCode::Cancelled, DOSSIER_TR("Verification cancelled."));
                }
                chunks->reset();
                const QString actual = hash.hexResult();
                ++report.evidenceChecked;
                if (gap || expected != count)
                    problem(item, DOSSIER_TR("stored chunks are missing or out of order "
                                             "(%1 of %2 present)")
                                      .arg(expected)
                                      .arg(count));
                else if (bytes != size)
                    problem(item, DOSSIER_TR("stored bytes are %1 long but the record says %2")
                                      .arg(bytes)
                                      .arg(size));
                if (actual != sha)
                    problem(item, DOSSIER_TR("stored bytes hash to %1 but the record says %2")
                                      .arg(actual, sha));
            }
            auto orphans = d.db->prepare("SELECT DISTINCT evidence_id FROM evidence_chunks "
                                         "WHERE evidence_id NOT IN (SELECT id FROM evidence)");
            while (orphans->step())
                problem(DOSSIER_TR("evidence %1").arg(orphans->int64(0)),
                        DOSSIER_TR("stored bytes exist but the evidence record is missing"));
        }

        // 2. The audit entries that exist, so rows can be checked against them.
        QSet<qint64> auditSeqs;
        {
            auto q = d.db->prepare("SELECT seq FROM audit");
            while (q->step())
                auditSeqs.insert(q->int64(0));
        }

        // 3. Every audited row: its content still gives its recorded digest. The same pass
        // feeds each row's line into its audit entry's rows digest: tables are read in the
        // fixed order and each by id, which is the order auditRowsSql() defines.
        std::unordered_map<qint64, std::unique_ptr<Sha256>> rowsHashes;
        QByteArray line;
        for (const Schema::TableDef &t : Schema::auditedTables()) {
            const QString sql = u"SELECT id, row_digest, dossier_sha256("_s
                                + Schema::canonicalExpression(t) + u"), audit_seq FROM "
                                + QString::fromLatin1(t.name) + u" ORDER BY id";
            auto q = d.db->prepare(sql);
            const QString label = DOSSIER_TR(t.label);
            const bool isEvents = std::strcmp(t.name, "events") == 0;
            while (q->step()) {
                const qint64 id = q->int64(0);
                const qint64 seq = q->int64(3);
                const int digestBytes = q->columnBytes(1);
                const char *digest = q->blobData(1);
                const char *actual = q->blobData(2);
                if (digestBytes != q->columnBytes(2) || std::memcmp(digest, actual, digestBytes) != 0)
                    problem(label.arg(id),
                            DOSSIER_TR("its content does not match its recorded digest "
                                       "(it was changed after it was written)"));
                if (!auditSeqs.contains(seq))
                    problem(label.arg(id),
                            DOSSIER_TR("it claims audit entry %1, which does not exist").arg(seq));
                auto &h = rowsHashes[seq];
                if (!h)
                    h = std::make_unique<Sha256>();
                line.clear();
                line += t.name;
                line += '|';
                line += QByteArray::number(id);
                line += '|';
                line.append(digest, digestBytes);
                line += '\n';
                h->add(line);
                if (isEvents)
                    ++report.eventsChecked;
            }
        }
        // 3b. References: every event's number, evidence file and platform exist (Dossier
        // checks these itself since migration 0004, see there), and every reference SQLite
        // knows of in the other tables.
        {
            // Each reference that points nowhere is named by its own column (1 when missing).
            auto q = d.db->prepare(
                "SELECT id, number_id, evidence_id, platform_id, no_number, no_evidence, "
                "no_platform FROM (SELECT id, number_id, evidence_id, platform_id, "
                " number_id IS NOT NULL AND NOT EXISTS "
                "  (SELECT 1 FROM numbers n WHERE n.id = e.number_id) AS no_number, "
                " evidence_id IS NOT NULL AND NOT EXISTS "
                "  (SELECT 1 FROM evidence v WHERE v.id = e.evidence_id) AS no_evidence, "
                " platform_id IS NOT NULL AND NOT EXISTS "
                "  (SELECT 1 FROM platforms p WHERE p.id = e.platform_id) AS no_platform "
                " FROM events e) "
                "WHERE no_number OR no_evidence OR no_platform ORDER BY id");
            const QString label = DOSSIER_TR(Schema::table("events").label);
            while (q->step()) {
                const QString item = label.arg(q->int64(0));
                if (q->int64(4))
                    problem(item, DOSSIER_TR("it points at number %1, which is not in the case")
                                      .arg(q->int64(1)));
                if (q->int64(5))
                    problem(item, DOSSIER_TR("it points at evidence %1, which is not in the case")
                                      .arg(q->int64(2)));
                if (q->int64(6))
                    problem(item, DOSSIER_TR("it points at platform %1, which is not in the case")
                                      .arg(q->int64(3)));
            }
            auto fk = d.db->prepare("PRAGMA foreign_key_check");
            while (fk->step())
                problem(DOSSIER_TR("%1 row %2").arg(fk->text(0)).arg(fk->int64(1)),
                        DOSSIER_TR("it points at a row of %1 that is not in the case")
                            .arg(fk->text(2)));
        }

        const QString emptyHash = Sha256::hex({});

        // 4. The audit chain: each entry's hash, its link to the previous one, and the rows it
        // recorded.
        QString previous = QString(64, u'0');
        qint64 expectedSeq = 1;
        qint64 lastSeq = 0;
        QString firstDetails;
        {
            auto q = d.db->prepare(u"SELECT seq, hash, prev_hash, rows_digest, dossier_sha256("_s
                                   + Schema::auditCanonicalExpression()
                                   + u"), details FROM audit ORDER BY seq");
            while (q->step()) {
                const qint64 seq = q->int64(0);
                const QString item = DOSSIER_TR("audit entry %1").arg(seq);
                const QString hash = q->text(1);
                if (seq != expectedSeq)
                    problem(DOSSIER_TR("audit log"),
                            DOSSIER_TR("entries %1 to %2 are missing").arg(expectedSeq).arg(seq - 1));
                if (seq == 1)
                    firstDetails = q->text(5);
                if (q->text(4) != hash)
                    problem(item, DOSSIER_TR("its content does not match its hash"));
                if (q->text(2) != previous)
                    problem(item, DOSSIER_TR("it does not continue the chain (previous hash "
                                             "%1, expected %2)")
                                      .arg(q->text(2), previous));
                const auto h = rowsHashes.find(seq);
                const QString rows = h == rowsHashes.end() ? emptyHash : h->second->hexResult();
                if (rows != q->text(3))
                    problem(item, DOSSIER_TR("the rows it recorded were changed, added or "
                                             "deleted"));
                previous = hash;
                lastSeq = seq;
                expectedSeq = seq + 1;
                ++report.auditEntries;
            }
        }
        report.auditHead = previous;

        // 5. The head kept in meta catches a removed tail of the log.
        {
            const QString headSeq =
                d.db->scalarText("SELECT value FROM meta WHERE key = 'audit_head_seq'");
            const QString headHash =
                d.db->scalarText("SELECT value FROM meta WHERE key = 'audit_head_hash'");
            if (headSeq.toLongLong() != lastSeq || headHash != previous)
                problem(DOSSIER_TR("audit log"),
                        DOSSIER_TR("the log ends at entry %1 but the case file recorded entry "
                                   "%2 as its last (entries were removed)")
                            .arg(lastSeq)
                            .arg(headSeq));
        }

        // 6. The case identity recorded when the case was created.
        if (!firstDetails.isEmpty()) {
            const QJsonObject created = QJsonDocument::fromJson(firstDetails.toUtf8()).object();
            if (created.value(u"case_uuid").toString()
                != d.db->scalarText("SELECT value FROM meta WHERE key = 'case_uuid'"))
                problem(DOSSIER_TR("case metadata"),
                        DOSSIER_TR("the case id differs from the one recorded at creation"));
            if (created.value(u"time_zone").toString()
                != d.db->scalarText("SELECT value FROM meta WHERE key = 'time_zone'"))
                problem(DOSSIER_TR("case metadata"),
                        DOSSIER_TR("the time zone differs from the one recorded at creation"));
        }
    } catch (const Sql::Failure &failure) {
        if (failure.error.code == ErrorCode::Cancelled)
            return failure.error;
        problem(DOSSIER_TR("case file"), failure.error.toString());
    }
    return report;
}

} // namespace Dossier
