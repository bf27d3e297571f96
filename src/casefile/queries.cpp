// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only queries over the case: evidence list and extraction, events, numbers, statistics.
#include <limits>

#include <QBuffer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>

#include "casefile/casefile.h"
#include "casefile/casefileimpl.h"
#include "common/sha256.h"
#include "phone/phonenormalizer.h"

using namespace Qt::StringLiterals;

namespace Dossier {

using Sql::Query;

namespace {

template <typename F>
auto readGuarded(F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const Sql::Failure &failure) {
        return failure.error;
    }
}

QString likePattern(const QString &s)
{
    QString escaped = s;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

Result<QList<EvidenceRow>> CaseFile::evidence() const
{
    return readGuarded([&]() -> Result<QList<EvidenceRow>> {
        QList<EvidenceRow> rows;
        auto q = m_impl->db->prepare(
            "SELECT id, sha256, size, original_name, media_type, method, acquired_utc_ms, "
            "file_mtime_ms, metadata FROM evidence ORDER BY id");
        while (q->step()) {
            EvidenceRow r;
            r.id = q->int64(0);
            r.sha256 = q->text(1);
            r.size = q->int64(2);
            r.originalName = q->text(3);
            r.mediaType = q->text(4);
            r.method = q->text(5);
            r.acquiredUtcMs = q->int64(6);
            r.fileModifiedUtcMs = q->optInt64(7);
            if (!q->isNull(8))
                r.metadata = QJsonDocument::fromJson(q->text(8).toUtf8()).object();
            rows << r;
        }
        return rows;
    });
}

namespace {

// Streams a stored original into `out`, checking its size and SHA-256 on the way. Fails before
// writing anything when the original is larger than maxBytes.
Result<void> readEvidenceInto(CaseState &d, qint64 evidenceId, QIODevice &out, qint64 maxBytes,
                              const QString &destination)
{
    QString sha;
    qint64 size = 0;
    {
        Query q(d.db->cached("SELECT sha256, size FROM evidence WHERE id = ?1"));
        q->bind(1, evidenceId);
        if (!q->step())
            return makeError(ErrorCode::NotFound, DOSSIER_TR("There is no evidence %1 in %2.")
                                                      .arg(evidenceId)
                                                      .arg(d.path));
        sha = q->text(0);
        size = q->int64(1);
    }
    if (size > maxBytes)
        return makeError(ErrorCode::Unsupported,
                         DOSSIER_TR("Evidence %1 in %2 is too large for this.")
                             .arg(evidenceId)
                             .arg(d.path),
                         u"%1 bytes, limit %2"_s.arg(size).arg(maxBytes));
    Sha256 hash;
    qint64 written = 0;
    Query q(d.db->cached("SELECT data FROM evidence_chunks WHERE evidence_id = ?1 ORDER BY seq"));
    q->bind(1, evidenceId);
    while (q->step()) {
        const char *data = q->blobData(0);
        const int n = q->columnBytes(0);
        hash.add(data, n);
        if (out.write(data, n) != n)
            return makeError(ErrorCode::Io, DOSSIER_TR("Cannot write %1.").arg(destination),
                             out.errorString());
        written += n;
    }
    if (written != size || hash.hexResult() != sha)
        return makeError(ErrorCode::Integrity,
                         DOSSIER_TR("Evidence %1 in %2 no longer matches its SHA-256; run "
                                    "verify.")
                             .arg(evidenceId)
                             .arg(d.path));
    return {};
}

} // namespace

Result<void> CaseFile::extractEvidence(qint64 evidenceId, const QString &destination) const
{
    return readGuarded([&]() -> Result<void> {
        QSaveFile out(destination);
        if (!out.open(QIODevice::WriteOnly))
            return makeError(ErrorCode::Io, DOSSIER_TR("Cannot write %1.").arg(destination),
                             out.errorString());
        if (auto r = readEvidenceInto(*m_impl, evidenceId, out,
                                      std::numeric_limits<qint64>::max(), destination);
            !r) {
            out.cancelWriting();
            return r;
        }
        if (!out.commit())
            return makeError(ErrorCode::Io, DOSSIER_TR("Cannot write %1.").arg(destination),
                             out.errorString());
        return {};
    });
}

Result<QByteArray> CaseFile::evidenceBytes(qint64 evidenceId, qint64 maxBytes) const
{
    return readGuarded([&]() -> Result<QByteArray> {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (auto r = readEvidenceInto(*m_impl, evidenceId, buffer, maxBytes, u"memory"_s); !r)
            return r.error();
        return bytes;
    });
}

Result<QByteArray> CaseFile::thumbnail(qint64 evidenceId) const
{
    return readGuarded([&]() -> Result<QByteArray> {
        Query q(m_impl->db->cached("SELECT png FROM thumbnails WHERE evidence_id = ?1"));
        q->bind(1, evidenceId);
        if (!q->step())
            return QByteArray();
        return QByteArray(q->blobData(0), q->columnBytes(0));
    });
}

Result<QList<qint64>> CaseFile::evidenceWithoutThumbnail() const
{
    return readGuarded([&]() -> Result<QList<qint64>> {
        QList<qint64> ids;
        Query q(m_impl->db->cached(
            "SELECT e.id FROM evidence e LEFT JOIN thumbnails t ON t.evidence_id = e.id "
            "WHERE e.media_type LIKE 'image/%' AND t.evidence_id IS NULL ORDER BY e.id"));
        while (q->step())
            ids << q->int64(0);
        return ids;
    });
}

Result<QList<EventRow>> CaseFile::events(const EventFilter &filter) const
{
    Impl &d = *m_impl;
    return readGuarded([&]() -> Result<QList<EventRow>> {
        QString sql = u"SELECT e.id, e.utc_ms, e.offset_s, e.kind, e.channel, e.direction, "
                      u"n.e164, e.raw_number, e.counterpart, e.conversation, e.text, "
                      u"e.duration_s, ev.sha256, e.locator, e.incident_type, p.name "
                      u"FROM events e LEFT JOIN numbers n ON n.id = e.number_id "
                      u"LEFT JOIN evidence ev ON ev.id = e.evidence_id "
                      u"LEFT JOIN platforms p ON p.id = e.platform_id WHERE 1"_s;
        if (filter.fromUtcMs)
            sql += u" AND e.utc_ms >= ?1"_s;
        if (filter.toUtcMs)
            sql += u" AND e.utc_ms < ?2"_s;
        if (filter.channel)
            sql += u" AND e.channel = ?3"_s;
        std::optional<qint64> numberId;
        if (!filter.number.trimmed().isEmpty()) {
            const PhoneInfo &p = d.normalizer().normalize(filter.number.trimmed());
            if (p.key.isEmpty())
                return QList<EventRow>();
            Query q(d.db->cached("SELECT id FROM numbers WHERE key = ?1"));
            q->bind(1, p.key);
            if (!q->step())
                return QList<EventRow>();
            numberId = q->int64(0);
            sql += u" AND (e.number_id = ?4 OR e.id IN "
                   u"(SELECT event_id FROM event_numbers WHERE number_id = ?4))"_s;
        }
        const QString search = filter.search.trimmed();
        if (!search.isEmpty()) {
            // Trigram needs 3 characters; shorter searches scan with LIKE.
            // Events a bulk import added after the index was last brought up to date
            // (above ?8) are scanned with LIKE as well.
            if (search.toUcs4().size() >= 3)
                sql += u" AND (e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?5) "
                       u"OR (e.id > ?8 AND (e.text LIKE ?6 ESCAPE '\\' "
                       u"OR e.counterpart LIKE ?6 ESCAPE '\\')))"_s;
            else
                sql += u" AND (e.text LIKE ?6 ESCAPE '\\' OR e.counterpart LIKE ?6 ESCAPE '\\')"_s;
        }
        sql += u" ORDER BY e.utc_ms, e.id LIMIT ?7"_s;
        auto q = d.db->prepare(sql);
        if (filter.fromUtcMs)
            q->bind(1, *filter.fromUtcMs);
        if (filter.toUtcMs)
            q->bind(2, *filter.toUtcMs);
        if (filter.channel)
            q->bind(3, toString(*filter.channel));
        if (numberId)
            q->bind(4, *numberId);
        if (!search.isEmpty()) {
            QString phrase = search;
            phrase.replace(u"\""_s, u"\"\""_s);
            q->bind(5, QString(u'"' + phrase + u'"'));
            q->bind(6, likePattern(search));
            if (search.toUcs4().size() >= 3)
                q->bind(8, d.db->scalarInt("SELECT indexed_to FROM search_index_state WHERE id = 1")
                               .value_or(0));
        }
        q->bind(7, qint64(filter.limit < 0 ? -1 : filter.limit));

        QList<EventRow> rows;
        QHash<qint64, qsizetype> index;
        while (q->step()) {
            EventRow r;
            r.id = q->int64(0);
            r.utcMs = q->int64(1);
            r.offsetSeconds = int(q->int64(2));
            r.kind = eventKindFromString(q->text(3)).value_or(EventKind::Message);
            r.channel = channelFromString(q->text(4)).value_or(Channel::Other);
            r.direction = directionFromString(q->text(5)).value_or(Direction::Unknown);
            r.e164 = q->text(6);
            r.rawNumber = q->text(7);
            r.counterpart = q->text(8);
            r.conversation = q->text(9);
            r.text = q->text(10);
            r.durationS = q->optInt64(11);
            r.evidenceSha256 = q->text(12);
            r.locator = q->text(13);
            r.incidentType = q->text(14);
            r.platform = q->text(15);
            index.insert(r.id, rows.size());
            rows << r;
        }
        q.reset();
        if (rows.isEmpty())
            return rows;
        auto contacts = d.db->prepare("SELECT ec.event_id, c.name FROM event_contacts ec "
                                      "JOIN contacts c ON c.id = ec.contact_id ORDER BY ec.id");
        while (contacts->step()) {
            const auto it = index.constFind(contacts->int64(0));
            if (it != index.constEnd())
                rows[*it].contactsReached << contacts->text(1);
        }
        auto attachments = d.db->prepare("SELECT a.event_id, ev.sha256 FROM event_attachments a "
                                         "JOIN evidence ev ON ev.id = a.evidence_id ORDER BY a.id");
        while (attachments->step()) {
            const auto it = index.constFind(attachments->int64(0));
            if (it != index.constEnd())
                rows[*it].attachmentSha256 << attachments->text(1);
        }
        return rows;
    });
}

Result<QList<NumberRow>> CaseFile::numbers() const
{
    return readGuarded([&]() -> Result<QList<NumberRow>> {
        auto q = m_impl->db->prepare(
            "WITH refs(number_id, utc_ms) AS ("
            " SELECT number_id, utc_ms FROM events WHERE number_id IS NOT NULL"
            " UNION ALL SELECT en.number_id, e.utc_ms FROM event_numbers en"
            " JOIN events e ON e.id = en.event_id) "
            "SELECT n.e164, n.raw, n.region, n.type, n.location_zh, n.location_en, n.carrier, "
            "n.label, count(r.number_id), min(r.utc_ms), max(r.utc_ms) "
            "FROM numbers n LEFT JOIN refs r ON r.number_id = n.id "
            "GROUP BY n.id ORDER BY count(r.number_id) DESC, n.id");
        QList<NumberRow> rows;
        while (q->step()) {
            NumberRow r;
            r.e164 = q->text(0);
            r.raw = q->text(1);
            r.region = q->text(2);
            r.type = q->text(3);
            r.locationZh = q->text(4);
            r.locationEn = q->text(5);
            r.carrier = q->text(6);
            r.label = q->text(7);
            r.events = int(q->int64(8));
            r.firstUtcMs = q->optInt64(9);
            r.lastUtcMs = q->optInt64(10);
            rows << r;
        }
        return rows;
    });
}

Result<CaseStats> CaseFile::stats() const
{
    Impl &d = *m_impl;
    return readGuarded([&]() -> Result<CaseStats> {
        CaseStats s;
        {
            auto q = d.db->prepare("SELECT count(*), total(kind = 'call'), total(kind = 'message'), "
                                   "total(kind = 'incident'), min(utc_ms), max(utc_ms) FROM events");
            q->step();
            s.events = int(q->int64(0));
            s.calls = int(q->int64(1));
            s.messages = int(q->int64(2));
            s.incidents = int(q->int64(3));
            s.firstUtcMs = q->optInt64(4);
            s.lastUtcMs = q->optInt64(5);
        }
        s.numbers = int(d.db->scalarInt("SELECT count(*) FROM (SELECT number_id FROM events "
                                        "WHERE number_id IS NOT NULL UNION "
                                        "SELECT number_id FROM event_numbers)")
                            .value_or(0));
        s.evidence = int(d.db->scalarInt("SELECT count(*) FROM evidence").value_or(0));
        s.contactsReached = int(
            d.db->scalarInt("SELECT count(DISTINCT contact_id) FROM event_contacts").value_or(0));

        // Count per quarter hour in SQL, then map each bucket to its local date: zone offsets
        // change on quarter-hour boundaries, and a million QDateTime conversions would be slow.
        QMap<QString, int> byDay;
        auto q = d.db->prepare("SELECT (utc_ms - (((utc_ms % 900000) + 900000) % 900000)) "
                               "AS b, count(*) FROM events GROUP BY b ORDER BY b");
        const QTimeZone zone = d.info.zone;
        while (q->step()) {
            const qint64 start = q->int64(0);
            const QDateTime utc = QDateTime::fromMSecsSinceEpoch(start, QTimeZone::utc());
            const int offset = zone.offsetFromUtc(utc);
            const QDate local =
                QDateTime::fromMSecsSinceEpoch(start + offset * 1000LL, QTimeZone::utc()).date();
            byDay[local.toString(Qt::ISODate)] += int(q->int64(1));
        }
        for (auto it = byDay.cbegin(); it != byDay.cend(); ++it)
            s.byDay.append({it.key(), it.value()});
        return s;
    });
}

} // namespace Dossier
