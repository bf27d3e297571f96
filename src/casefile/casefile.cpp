// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile/casefile.h"

#include <algorithm>
#include <charconv>
#include <fcntl.h>
#include <unistd.h>
#include <cstring>
#include <string>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QScopeGuard>
#include <QThread>
#include <QUuid>
#include <QtEndian>

#include <sqlite3.h>

#include "casefile/casefileimpl.h"
#include "casefile/importsession.h"
#include "casefile/schema.h"
#include "common/logging.h"
#include "common/mediatype.h"
#include "common/sha256.h"
#include "phone/phonenormalizer.h"

using namespace Qt::StringLiterals;

namespace Dossier {

using Sql::Query;
using Sql::Value;
using Sql::intOrNull;
using Sql::textOrNull;

namespace {

constexpr qint64 CHUNK_SIZE = 1 << 20;
const QString ZERO_HASH = QString(64, u'0');

QJsonObject identitiesToJson(const Identities &id)
{
    return QJsonObject{{u"numbers"_s, QJsonArray::fromStringList(id.numbers)},
                       {u"qq_numbers"_s, QJsonArray::fromStringList(id.qqNumbers)},
                       {u"wechat_names"_s, QJsonArray::fromStringList(id.wechatNames)},
                       {u"names"_s, QJsonArray::fromStringList(id.names)}};
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

Identities identitiesFromJson(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    Identities id;
    id.numbers = toStringList(o.value(u"numbers"));
    id.qqNumbers = toStringList(o.value(u"qq_numbers"));
    id.wechatNames = toStringList(o.value(u"wechat_names"));
    id.names = toStringList(o.value(u"names"));
    return id;
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Returns the value of f(), or the Error a Sql::Failure carried; caches are dropped on failure
// because the transaction that filled them was rolled back.
template <typename F>
auto guarded(CaseState &impl, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const Sql::Failure &failure) {
        impl.clearCaches();
        return failure.error;
    }
}

Result<CaseInfo> readInfo(Sql::Database &db, const QString &path)
{
    CaseInfo info;
    info.path = path;
    QHash<QString, QString> meta;
    auto s = db.prepare("SELECT key, value FROM meta");
    while (s->step())
        meta.insert(s->text(0), s->text(1));
    s.reset();
    info.uuid = meta.value(u"case_uuid"_s);
    info.title = meta.value(u"title"_s);
    info.zone = QTimeZone(meta.value(u"time_zone"_s, u"Asia/Shanghai"_s).toUtf8());
    info.own = identitiesFromJson(meta.value(u"own_identities"_s));
    info.schemaVersion = meta.value(u"schema_version"_s).toInt();
    info.minReaderVersion = meta.value(u"min_reader_version"_s).toInt();
    info.createdAppVersion = meta.value(u"created_app_version"_s);
    info.lastWrittenAppVersion = meta.value(u"last_written_app_version"_s);
    if (info.uuid.isEmpty() || info.schemaVersion <= 0)
        return makeError(ErrorCode::Corrupt,
                         DOSSIER_TR("The case file %1 is damaged: its metadata is incomplete.")
                             .arg(path),
                         u"meta lacks case_uuid or schema_version"_s);
    if (!info.zone.isValid())
        info.zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    return info;
}

void applyMemorySettings(Sql::Database &db)
{
    // A bigger cache keeps index inserts of large imports in memory.
    sqlite3_exec(db.handle(), "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    // Statement journals (per-statement undo for triggers and constraints) stay in memory;
    // as temp files they cost several writes per imported row.
    sqlite3_exec(db.handle(), "PRAGMA temp_store = MEMORY", nullptr, nullptr, nullptr);
}

void configureForWriting(Sql::Database &db)
{
    // Rollback journal, not WAL: a large import is then written once (new pages need no
    // journal) instead of into the WAL and again at checkpoint, and between writes the case is
    // one self-contained file. Dossier has one writer and no concurrent readers during imports
    // (docs/adr/0003-rollback-journal.md). Cases made with WAL switch over when nothing else has
    // them open; until then WAL keeps working.
    sqlite3_exec(db.handle(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA busy_timeout = 10000");
    // The WAL is trimmed after checkpoints so a 2 GiB intake does not leave a 2 GiB -wal file
    // behind.
    db.exec("PRAGMA journal_size_limit = 67108864");
    applyMemorySettings(db);
    // Index builds after bulk imports sort with helper threads.
    db.exec(("PRAGMA threads = " + std::to_string(std::clamp(QThread::idealThreadCount(), 1, 4)))
                .c_str());
    const QByteArray limit = qgetenv("DOSSIER_TEST_MAX_PAGE_COUNT");
    if (!limit.isEmpty()) // test hook: simulates a full disk
        db.exec(QByteArray("PRAGMA max_page_count = " + QByteArray::number(limit.toLongLong()))
                    .constData());
}

// A rollback journal left by a writer that was killed or lost power: the main file holds a
// half-written change until SQLite rolls the journal back on the next read-write open.
bool hotJournal(const QString &path)
{
    const QFileInfo journal(path + u"-journal"_s);
    return journal.exists() && journal.size() > 0;
}

// Checks the raw header without SQLite so that nothing, not even a -shm file, is created for a
// file that is not ours.
Result<void> checkHeader(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return makeError(ErrorCode::NotFound,
                         DOSSIER_TR("The case file %1 does not exist.").arg(path));
    QFile f(path);
    if (!fi.isFile() || !f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, DOSSIER_TR("Cannot read the case file %1.").arg(path),
                         f.errorString());
    const QByteArray h = f.read(100);
    if (h.size() < 100 || !h.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return makeError(ErrorCode::NotACaseFile,
                         DOSSIER_TR("%1 is not a Dossier case file.").arg(path),
                         u"not an SQLite database"_s);
    const auto *p = reinterpret_cast<const uchar *>(h.constData());
    const quint32 appId = qFromBigEndian<quint32>(p + 68);
    if (appId != quint32(Schema::APPLICATION_ID))
        return makeError(ErrorCode::NotACaseFile,
                         DOSSIER_TR("%1 is not a Dossier case file.").arg(path),
                         u"SQLite application_id is 0x"_s + QString::number(appId, 16));
    qint64 pageSize = qFromBigEndian<quint16>(p + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 changeCounter = qFromBigEndian<quint32>(p + 24);
    const quint32 pageCount = qFromBigEndian<quint32>(p + 28);
    const quint32 validFor = qFromBigEndian<quint32>(p + 92);
    // With a non-empty -wal file the main file may legitimately lag (a checkpoint cut short);
    // with a hot -journal it may be half-written until SQLite rolls the journal back.
    const QFileInfo wal(path + u"-wal"_s);
    const bool walPending = wal.exists() && wal.size() > 0;
    if (pageSize < 512 || (!walPending && !hotJournal(path) && validFor == changeCounter && pageCount > 0
                           && fi.size() < qint64(pageCount) * pageSize))
        return makeError(ErrorCode::Corrupt,
                         DOSSIER_TR("The case file %1 is damaged or truncated.").arg(path),
                         u"file has %1 bytes, header says %2 pages of %3"_s.arg(fi.size())
                             .arg(pageCount)
                             .arg(pageSize));
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Impl building blocks

CaseState::~CaseState()
{
    if (activeSession)
        activeSession->detach();
    statements.clear();
    if (writebackFd >= 0)
        ::close(writebackFd);
}

void CaseState::startWriteback()
{
    // Pages SQLite has handed to the kernel would otherwise wait for the commit's fsync (the
    // kernel's own writeback starts only after 30 s or gigabytes): a million-row import then
    // spent half a second in that fsync. Any descriptor of the file will do.
    if (writebackFd < 0)
        writebackFd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (writebackFd >= 0)
        ::sync_file_range(writebackFd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

Sql::Statement &CaseState::statement(const std::string &sql)
{
    auto it = statements.find(sql);
    if (it != statements.end())
        return *it->second;
    auto s = db->prepare(sql.c_str());
    Sql::Statement &ref = *s;
    statements.emplace(sql, std::move(s));
    return ref;
}

CaseState::InsertStatement CaseState::insertStatement(const char *table, const char *suffix)
{
    // Keyed by the literals' addresses: no string is built per row.
    const auto key = std::make_pair(static_cast<const void *>(table),
                                    static_cast<const void *>(suffix));
    const auto found = insertStatements.find(key);
    if (found != insertStatements.end())
        return found->second;
    const Schema::TableDef &def = Schema::table(table);
    const std::string sql = Schema::insertSql(def, suffix).toStdString();
    const InsertStatement entry{&statement(sql), Schema::hexColumnMask(def)};
    insertStatements.emplace(key, entry);
    return entry;
}

std::optional<qint64> CaseState::insertRow(const char *table,
                                                std::initializer_list<Value> values,
                                                const char *suffix)
{
    const InsertStatement s = insertStatement(table, suffix);
    Query q(*s.statement);
    bindRow(*q, 0, s.hexColumns, values);
    q->exec();
    if (db->changes() == 0)
        return std::nullopt;
    return db->lastInsertRowId();
}

void CaseState::bindRow(Sql::Statement &q, int offset, quint64 hexColumns,
                        std::initializer_list<Value> values)
{
    // The digest is computed here from the very bytes bound, in the canonical form
    // json_array() gives (Schema::appendCanonical*; a test holds the two byte-identical), which
    // costs less than building the JSON inside SQLite.
    canonical.resize(0); // keeps the capacity (clear() frees it)
    canonical += '[';
    int i = 0;
    for (const Value &v : values) {
        const bool hex = (hexColumns >> i) & 1;
        if (i > 0)
            canonical += ',';
        ++i;
        const int param = offset + i;
        switch (v.index()) {
        case 0:
            q.bind(param, nullptr);
            Schema::appendCanonicalNull(canonical, hex);
            break;
        case 1:
            q.bind(param, std::get<1>(v));
            Schema::appendCanonicalInt(canonical, std::get<1>(v), hex);
            break;
        case 2: {
            const QString &text = std::get<2>(v);
            if (text.isNull()) {
                q.bind(param, nullptr);
                Schema::appendCanonicalNull(canonical, hex);
                break;
            }
            const QByteArrayView utf8 = q.bindUtf8Text(param, text);
            if (hex)
                Schema::appendCanonicalBlob(canonical, utf8.constData(), utf8.size());
            else
                Schema::appendCanonicalText(canonical, utf8.constData(), utf8.size());
            break;
        }
        default: {
            const QByteArray &blob = std::get<3>(v);
            q.bindBlob(param, blob);
            if (blob.isNull())
                Schema::appendCanonicalNull(canonical, hex);
            else if (hex)
                Schema::appendCanonicalBlob(canonical, blob.constData(), blob.size());
            else
                Sql::fail(ErrorCode::Internal, u"a blob outside a hex() column"_s);
            break;
        }
        }
    }
    canonical += ']';
    rowHasher.add(canonical);
    char digest[64];
    rowHasher.finishHex(digest);
    q.bindText(offset + i + 1, digest, 64);
}

void CaseState::clearCaches()
{
    numberByRaw.clear();
    numberIdByInfo.clear();
    numberIdByKey.clear();
    platformIdByName.clear();
    contactIdByName.clear();
    evidenceIdBySha.clear();
    pendingRecordings.reset();
}

QStringList CaseState::dropEventIndexes()
{
    QStringList created;
    // Only the number index: rows arrive in time order (or reverse), so the time index grows at
    // one end and costs the writer thread little, while rebuilding it would add to the
    // single-threaded end of the import.
    auto q = db->prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                         "tbl_name = 'events' AND name = 'events_number'");
    QStringList names;
    while (q->step()) {
        names << q->text(0);
        created << q->text(1);
    }
    q.reset();
    for (const QString &name : names)
        db->exec(u"DROP INDEX "_s + name);
    return created;
}

void CaseState::restoreIndexes(const QStringList &createSql)
{
    // SQLite's sorter keeps everything in one in-memory list when temp_store is MEMORY or the
    // page cache is large: for a million keys that list was sorted with a cache miss at every
    // step. With temporary files allowed and a 4 MiB cache it sorts runs that fit the CPU's
    // cache, on the helper threads (PRAGMA threads), and merges them: the number index of a
    // million events took 0.5 s instead of 1.4 s (docs/benchmarks.md).
    // SQLite refuses to change temp_store inside a transaction once the temporary database is
    // open (after a schema upgrade in the same connection, for one): the index is then sorted
    // in memory, more slowly but the same.
    sqlite3_exec(db->handle(), "PRAGMA temp_store = FILE", nullptr, nullptr, nullptr);
    db->exec("PRAGMA cache_size = -4096");
    const auto restore = qScopeGuard([this] { applyMemorySettings(*db); });
    for (const QString &sql : createSql)
        db->exec(sql);
}

void CaseState::requireWritable() const
{
    if (mode != CaseFile::Mode::ReadWrite)
        Sql::fail(ErrorCode::Usage,
                  DOSSIER_TR("The case file %1 was opened read-only.").arg(path));
}

void CaseState::requireNoSession(bool batchAllowed) const
{
    if (activeSession || (batch && !batchAllowed))
        Sql::fail(ErrorCode::Usage,
                  DOSSIER_TR("An import into %1 is still open; finish it first.").arg(path));
}

qint64 CaseState::nextAuditSeq()
{
    const auto &tables = Schema::auditedTables();
    changeStartIds.assign(tables.size(), 0);
    for (size_t i = 0; i < tables.size(); ++i) {
        Query q(statement(std::string("SELECT coalesce(max(id), 0) FROM ") + tables[i].name));
        q->step();
        changeStartIds[i] = q->int64(0);
    }
    eventReferences = {};
    ++changeSerial;
    eventLines.hash.result(); // starts over
    eventLines.lastId = 0;
    eventLines.count = 0;
    eventLines.valid = true;
    Query q(db->cached("SELECT coalesce(max(seq), 0) + 1 FROM audit"));
    return q->step() ? q->int64(0) : 1;
}

QString CaseState::rowsDigest(qint64 seq)
{
    // Same lines, same order as Schema::auditRowsSql() prints for the sqlite3 shell.
    const auto &tables = Schema::auditedTables();
    size_t events = 0;
    while (events < tables.size() && std::strcmp(tables[events].name, "events") != 0)
        ++events;
    const auto newRows = [&](size_t i) {
        Query q(statement(std::string("SELECT coalesce(max(id), 0) FROM ") + tables[i].name));
        q->step();
        return q->int64(0) - (i < changeStartIds.size() ? changeStartIds[i] : 0);
    };
    // The streamed event lines stand for reading the events back when they hold every new
    // event (new ids are consecutive, so count and last id prove it) and nothing comes before
    // them in the digest.
    bool streamed = eventLines.valid && events < tables.size();
    for (size_t i = 0; streamed && i < events; ++i)
        streamed = newRows(i) == 0;
    if (streamed) {
        const qint64 added = newRows(events);
        streamed = added == eventLines.count
                   && (added == 0 || eventLines.lastId == changeStartIds[events] + added);
    }
    Sha256 fresh;
    Sha256 &hash = streamed ? eventLines.hash : fresh;
    QByteArray line;
    for (size_t i = streamed ? events + 1 : 0; i < tables.size(); ++i) {
        Query q(statement(std::string("SELECT id, row_digest FROM ") + tables[i].name
                          + " WHERE id > ?2 AND audit_seq = ?1 ORDER BY id"));
        q->bind(1, seq).bind(2, i < changeStartIds.size() ? changeStartIds[i] : 0);
        while (q->step()) {
            line.resize(0);
            line += tables[i].name;
            line += '|';
            line += QByteArray::number(q->int64(0));
            line += '|';
            line.append(q->blobData(1), q->columnBytes(1));
            line += '\n';
            hash.add(line);
        }
    }
    eventLines.valid = false; // used up
    return hash.hexResult();
}

qint64 CaseState::catchUpSearchIndex(qint64 maxEvents)
{
    // Runs for every change (a file of a screenshot folder is one): cached statements.
    qint64 indexedTo = 0;
    qint64 last = 0;
    {
        Query q(db->cached("SELECT (SELECT indexed_to FROM search_index_state WHERE id = 1), "
                           "(SELECT coalesce(max(id), 0) FROM events)"));
        if (q->step()) {
            indexedTo = q->int64(0);
            last = q->int64(1);
        }
    }
    if (last <= indexedTo || (maxEvents >= 0 && last - indexedTo > maxEvents))
        return 0;
    Query q(db->cached("INSERT INTO events_fts (rowid, text, counterpart) "
                       "SELECT id, text, counterpart FROM events WHERE id > ?1 AND id <= ?2 "
                       "AND (coalesce(text, '') <> '' OR coalesce(counterpart, '') <> '')"));
    q->bind(1, indexedTo).bind(2, last);
    q->exec();
    Query u(db->cached("UPDATE search_index_state SET indexed_to = ?1 WHERE id = 1"));
    u->bind(1, last);
    u->exec();
    return last - indexedTo;
}

void CaseState::checkEventReferences()
{
    const auto check = [&](std::vector<qint64> &ids, const char *table, const char *what) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (const qint64 id : ids) {
            Query q(statement(std::string("SELECT 1 FROM ") + table + " WHERE id = ?1"));
            q->bind(1, id);
            if (!q->step())
                Sql::fail(ErrorCode::Internal,
                          DOSSIER_TR("An event would point at something that is not in the "
                                     "case; nothing was changed."),
                          QString::fromLatin1(what) + u' ' + QString::number(id));
        }
    };
    check(eventReferences.numbers, "numbers", "number");
    check(eventReferences.evidence, "evidence", "evidence");
    check(eventReferences.platforms, "platforms", "platform");
}

QString CaseState::writeAuditEntry(qint64 seq, const QString &action,
                                        const QJsonObject &details)
{
    checkEventReferences();
    // Small changes keep the search index complete; a bulk import leaves its events to a
    // catch-up pass (CaseFile::updateSearchIndex), which costs as much as indexing them now.
    catchUpSearchIndex(SEARCH_CATCH_UP_IN_CHANGE);

    QString prev = ZERO_HASH;
    {
        Query q(db->cached("SELECT hash FROM audit WHERE seq = ?1"));
        q->bind(1, seq - 1);
        if (q->step())
            prev = q->text(0);
    }
    const QString rows = rowsDigest(seq);
    {
        Query q(db->cached(
            "INSERT INTO audit (seq, utc_ms, app_version, action, details, rows_digest, "
            "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "dossier_sha256(json_array(?1, ?2, ?3, ?4, ?5, ?6, ?7)))"));
        q->bindAll({seq, QDateTime::currentMSecsSinceEpoch(), QStringLiteral(DOSSIER_VERSION),
                    action, compactJson(details), rows, prev});
        q->exec();
    }
    QString hash;
    {
        Query q(db->cached("SELECT hash FROM audit WHERE seq = ?1"));
        q->bind(1, seq);
        q->step();
        hash = q->text(0);
    }
    Query q(db->cached("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head_seq', ?1), "
                       "('audit_head_hash', ?2), ('last_written_app_version', ?3)"));
    q->bind(1, QString::number(seq)).bind(2, hash).bind(3, QStringLiteral(DOSSIER_VERSION));
    q->exec();
    info.lastWrittenAppVersion = QStringLiteral(DOSSIER_VERSION);
    return hash;
}

PhoneNormalizer &CaseState::normalizer()
{
    if (!phone)
        phone = std::make_unique<PhoneNormalizer>();
    return *phone;
}

std::optional<NumberRef> CaseState::numberRef(const QString &raw, qint64 seq)
{
    const auto cached = numberByRaw.constFind(raw);
    if (cached != numberByRaw.constEnd()) {
        if (cached->id == 0)
            return std::nullopt;
        return *cached;
    }
    return numberRef(raw, normalizer().normalize(raw), seq);
}

std::optional<NumberRef> CaseState::numberRef(const QString &raw, const PhoneInfo &p, qint64 seq)
{
    if (const auto cached = numberByRaw.constFind(raw); cached != numberByRaw.constEnd()) {
        if (cached->id == 0)
            return std::nullopt;
        return *cached;
    }
    if (p.key.isEmpty() || p.type == PhoneInfo::Type::Hidden) {
        numberByRaw.insert(raw, NumberRef{});
        return std::nullopt;
    }
    NumberRef ref{0, p.key};
    const auto known = numberIdByKey.constFind(p.key);
    if (known != numberIdByKey.constEnd()) {
        ref.id = *known;
    } else {
        {
            Query q(db->cached("SELECT id FROM numbers WHERE key = ?1"));
            q->bind(1, p.key);
            if (q->step())
                ref.id = q->int64(0);
        }
        if (ref.id == 0) {
            ref.id = *insertRow("numbers", {seq, p.key, textOrNull(p.e164), p.raw.isEmpty() ? raw : p.raw,
                                            textOrNull(p.region), toString(p.type),
                                            textOrNull(p.locationZh), textOrNull(p.locationEn),
                                            textOrNull(p.carrier), textOrNull(p.label), nullptr});
        }
        numberIdByKey.insert(p.key, ref.id);
    }
    insertRow("number_raw_forms", {seq, ref.id, raw}, "ON CONFLICT (number_id, raw) DO NOTHING");
    numberByRaw.insert(raw, ref);
    return ref;
}

qint64 CaseState::platformId(const QString &name, qint64 seq)
{
    const auto it = platformIdByName.constFind(name);
    if (it != platformIdByName.constEnd())
        return *it;
    qint64 id = 0;
    {
        Query q(db->cached("SELECT id FROM platforms WHERE name = ?1"));
        q->bind(1, name);
        if (q->step())
            id = q->int64(0);
    }
    if (id == 0)
        id = *insertRow("platforms", {seq, name, u"unknown"_s});
    platformIdByName.insert(name, id);
    return id;
}

qint64 CaseState::contactIdForName(const QString &name, std::optional<qint64> evidenceId,
                                        qint64 seq)
{
    const auto it = contactIdByName.constFind(name);
    if (it != contactIdByName.constEnd())
        return *it;
    qint64 id = 0;
    {
        Query q(db->cached("SELECT id FROM contacts WHERE name = ?1 ORDER BY id LIMIT 1"));
        q->bind(1, name);
        if (q->step())
            id = q->int64(0);
    }
    if (id == 0)
        id = *insertRow("contacts",
                        {seq, name, nullptr, nullptr, nullptr, intOrNull(evidenceId), nullptr});
    contactIdByName.insert(name, id);
    return id;
}

std::optional<qint64> CaseState::evidenceIdForSha(const QString &sha)
{
    const auto it = evidenceIdBySha.constFind(sha);
    if (it != evidenceIdBySha.constEnd())
        return *it;
    Query q(db->cached("SELECT id FROM evidence WHERE sha256 = ?1"));
    q->bind(1, sha.toLower());
    if (!q->step())
        return std::nullopt;
    const qint64 id = q->int64(0);
    evidenceIdBySha.insert(sha, id);
    return id;
}

qint64 CaseState::readIntakeChunk(QIODevice &device, const QString &sourceLabel)
{
    if (intakeBuffer.size() != CHUNK_SIZE)
        intakeBuffer = QByteArray(CHUNK_SIZE, Qt::Uninitialized);
    qint64 filled = 0;
    while (filled < CHUNK_SIZE) {
        const qint64 n = device.read(intakeBuffer.data() + filled, CHUNK_SIZE - filled);
        if (n < 0)
            Sql::fail(ErrorCode::Io,
                      DOSSIER_TR("Cannot read %1; nothing was added to the case.")
                          .arg(sourceLabel),
                      device.errorString());
        if (n == 0)
            break;
        filled += n;
    }
    return filled;
}

void CaseState::insertEvidenceChunk(qint64 evidenceId, qint64 chunk, const char *data,
                                    qint64 size)
{
    Query q(db->cached("INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES (?1, ?2, ?3)"));
    q->bind(1, evidenceId).bind(2, chunk).bindBlobStatic(3, data, int(size));
    q->exec();
}

EvidenceAdded CaseState::storeEvidence(QIODevice &device, const EvidenceInput &input,
                                            qint64 seq, const ProgressFn &progress)
{
    Sql::Savepoint savepoint(*db, "store_evidence");
    {
        Query q(db->cached(
            "INSERT INTO evidence (sha256, size, original_name, media_type, method, note, "
            "acquired_utc_ms, file_mtime_ms, file_birth_ms, chunk_size, chunk_count, audit_seq, "
            "row_digest) VALUES ('pending', 0, ?1, '', ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, '')"));
        q->bindAll({input.originalName, input.method, textOrNull(input.note),
                    QDateTime::currentMSecsSinceEpoch(), intOrNull(input.fileModifiedUtcMs),
                    intOrNull(input.fileBirthUtcMs), CHUNK_SIZE, seq});
        q->exec();
    }
    const qint64 id = db->lastInsertRowId();

    // Stream: one 1 MiB buffer, hashed as it is written, so memory stays flat for any size.
    QByteArray head;
    Sha256 hash;
    const qint64 total = device.isSequential() ? -1 : device.size() - device.pos();
    qint64 size = 0;
    qint64 chunks = 0;
    for (;;) {
        const qint64 filled = readIntakeChunk(device, input.sourceLabel);
        if (filled == 0)
            break;
        if (chunks == 0)
            head = intakeBuffer.left(qMin<qint64>(filled, 64 * 1024));
        hash.add(intakeBuffer.constData(), filled);
        insertEvidenceChunk(id, chunks, intakeBuffer.constData(), filled);
        ++chunks;
        size += filled;
        if (progress && !progress(size, total))
            Sql::fail(ErrorCode::Cancelled,
                      DOSSIER_TR("Adding %1 was cancelled; the case is unchanged.")
                          .arg(input.sourceLabel));
        if (filled < CHUNK_SIZE)
            break;
    }
    const QString sha = hash.hexResult();
    if (const auto dup = storedAlready(sha)) {
        savepoint.rollback();
        return *dup;
    }
    checkStoredCopy(id, chunks, size, sha, input.sourceLabel);

    const QString mediaType = input.mediaType.isEmpty()
                                  ? sniffMediaType(input.originalName, head)
                                  : input.mediaType;
    {
        Query q(db->cached("UPDATE evidence SET sha256 = ?1, size = ?2, media_type = ?3, "
                           "chunk_count = ?4 WHERE id = ?5"));
        q->bindAll({sha, size, mediaType, chunks, id});
        q->exec();
    }
    {
        static const std::string refresh =
            Schema::refreshDigestSql(Schema::table("evidence")).toStdString();
        Query q(statement(refresh));
        q->bind(1, id);
        q->exec();
    }
    savepoint.release();
    evidenceIdBySha.insert(sha, id);
    return EvidenceAdded{id, sha, size, false};
}

std::optional<EvidenceAdded> CaseState::storedAlready(const QString &sha256)
{
    Query q(db->cached("SELECT id, size FROM evidence WHERE sha256 = ?1"));
    q->bind(1, sha256);
    if (!q->step())
        return std::nullopt;
    const EvidenceAdded dup{q->int64(0), sha256, q->int64(1), true};
    evidenceIdBySha.insert(sha256, dup.id);
    return dup;
}

void CaseState::checkStoredCopy(qint64 evidenceId, qint64 chunks, qint64 size,
                                const QString &sha256, const QString &sourceLabel)
{
    Sha256 again;
    qint64 reread = 0;
    qint64 expected = 0;
    Query q(db->cached("SELECT seq, data FROM evidence_chunks WHERE evidence_id = ?1 ORDER BY seq"));
    q->bind(1, evidenceId);
    while (q->step()) {
        if (q->int64(0) != expected++)
            break;
        again.add(q->blobData(1), q->columnBytes(1));
        reread += q->columnBytes(1);
    }
    if (expected != chunks || reread != size || again.hexResult() != sha256)
        Sql::fail(ErrorCode::Integrity,
                  DOSSIER_TR("The copy of %1 stored in the case does not match the "
                             "original; nothing was added.")
                      .arg(sourceLabel),
                  u"re-read %1 of %2 bytes"_s.arg(reread).arg(size));
}

EvidenceAdded CaseState::reserveEvidence(const EvidenceInput &input, qint64 seq,
                                         const QString &sha256, qint64 size,
                                         const QByteArray &head)
{
    if (const auto dup = storedAlready(sha256))
        return *dup;
    // Everything is known up front: the row is written once, with its digest, and no undo
    // point is needed (a failure rolls back the whole file's change).
    const qint64 chunks = (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    const QString mediaType =
        input.mediaType.isEmpty() ? sniffMediaType(input.originalName, head) : input.mediaType;
    const qint64 id = *insertRow(
        "evidence", {seq, sha256, size, input.originalName, mediaType, input.method,
                     textOrNull(input.note), QDateTime::currentMSecsSinceEpoch(),
                     intOrNull(input.fileModifiedUtcMs), intOrNull(input.fileBirthUtcMs), nullptr,
                     nullptr, CHUNK_SIZE, chunks});
    evidenceIdBySha.insert(sha256, id);
    return EvidenceAdded{id, sha256, size, false};
}

EvidenceAdded CaseState::storeEvidenceBytes(const QByteArray &contents, const EvidenceInput &input,
                                            qint64 seq, const QString &sha256)
{
    const EvidenceAdded added =
        reserveEvidence(input, seq, sha256, contents.size(), contents.left(64 * 1024));
    if (added.duplicate)
        return added;
    const qint64 size = added.size;
    const qint64 chunks = (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    for (qint64 c = 0; c < chunks; ++c) {
        const qint64 offset = c * CHUNK_SIZE;
        insertEvidenceChunk(added.id, c, contents.constData() + offset,
                            std::min(CHUNK_SIZE, size - offset));
    }
    // The stored copy must hash to what the reading thread hashed.
    checkStoredCopy(added.id, chunks, size, sha256, input.sourceLabel);
    return added;
}

CaseState::ReservedStore::ReservedStore(EvidenceAdded reservedEvidence, const QString &filePath)
    : reserved(std::move(reservedEvidence)), file(filePath)
{
}

bool CaseState::storeReservedChunk(ReservedStore &store)
{
    const QString source = store.file.fileName();
    if (!store.file.isOpen() && !store.file.open(QIODevice::ReadOnly))
        Sql::fail(ErrorCode::Io,
                  DOSSIER_TR("Cannot read the file %1; nothing was added to the case.").arg(source),
                  store.file.errorString());
    const qint64 filled = readIntakeChunk(store.file, source);
    if (filled > 0) {
        store.hash.add(intakeBuffer.constData(), filled);
        insertEvidenceChunk(store.reserved.id, store.chunks, intakeBuffer.constData(), filled);
        ++store.chunks;
        store.size += filled;
    }
    if (filled == CHUNK_SIZE)
        return true;
    // The row was written from a first reading of the file: the file must not have changed.
    if (store.size != store.reserved.size || store.hash.hexResult() != store.reserved.sha256)
        Sql::fail(ErrorCode::Integrity,
                  DOSSIER_TR("%1 changed while it was being imported; nothing was added.")
                      .arg(source));
    checkStoredCopy(store.reserved.id, store.chunks, store.size, store.reserved.sha256, source);
    return false;
}

EvidenceAdded CaseState::storeEvidenceFile(const QString &filePath, const QString &method,
                                           qint64 seq, const ReadAhead *readAhead,
                                           const ProgressFn &progress, bool *chunksLater)
{
    if (chunksLater)
        *chunksLater = false;
    const QFileInfo fi(filePath);
    if (!fi.exists())
        Sql::fail(ErrorCode::NotFound,
                  DOSSIER_TR("The file %1 does not exist; nothing was added to the case.")
                      .arg(filePath));
    QFile file(filePath);
    if (!readAhead && (!fi.isFile() || !file.open(QIODevice::ReadOnly)))
        Sql::fail(ErrorCode::Io,
                  DOSSIER_TR("Cannot read the file %1; nothing was added to the case.")
                      .arg(filePath),
                  fi.isFile() ? file.errorString() : u"not a regular file"_s);
    EvidenceInput input;
    input.originalName = fi.fileName();
    input.method = method;
    input.sourceLabel = filePath;
    const QDateTime modified = fi.lastModified();
    if (modified.isValid())
        input.fileModifiedUtcMs = modified.toMSecsSinceEpoch();
    const QDateTime born = fi.birthTime();
    if (born.isValid())
        input.fileBirthUtcMs = born.toMSecsSinceEpoch();
    try {
        if (readAhead) {
            input.mediaType = readAhead->mediaType;
            return storeEvidenceBytes(readAhead->contents, input, seq, readAhead->sha256);
        }
        if (chunksLater && fi.size() >= STORE_CHUNKS_LATER_BYTES) {
            // Hashed now (the row and duplicate check need the SHA-256), stored by the caller.
            const QByteArray head = file.read(64 * 1024);
            if (!file.seek(0))
                Sql::fail(ErrorCode::Io,
                          DOSSIER_TR("Cannot read the file %1; nothing was added to the case.")
                              .arg(filePath),
                          file.errorString());
            const Result<QString> sha = sha256Hex(file, progress);
            if (!sha)
                Sql::fail(sha.error().code,
                          sha.error().code == ErrorCode::Cancelled
                              ? DOSSIER_TR("Adding %1 was cancelled; the case is unchanged.")
                                    .arg(filePath)
                              : DOSSIER_TR("Cannot read %1; nothing was added to the case.")
                                    .arg(filePath),
                          sha.error().detail);
            const EvidenceAdded added = reserveEvidence(input, seq, *sha, file.size(), head);
            *chunksLater = !added.duplicate;
            return added;
        }
        return storeEvidence(file, input, seq, progress);
    } catch (Sql::Failure &failure) {
        // SQLite names the case file; say which evidence file could not be added.
        if (failure.error.code == ErrorCode::Io && !failure.error.message.contains(filePath))
            failure.error.message = DOSSIER_TR("Cannot add %1 to the case: %2 Nothing was added.")
                                        .arg(filePath, failure.error.message);
        throw;
    }
}

void CaseState::linkAttachment(qint64 eventId, qint64 evidenceId, const QString &role,
                                    qint64 seq)
{
    insertRow("event_attachments", {seq, eventId, evidenceId, role},
              "ON CONFLICT (event_id, evidence_id, role) DO NOTHING");
}

void CaseState::loadPendingRecordings()
{
    if (pendingRecordings)
        return;
    pendingRecordings.emplace();
    auto q = db->prepare("SELECT p.number_id, p.evidence_id, p.utc_ms FROM pending_recordings p "
                         "WHERE NOT EXISTS (SELECT 1 FROM event_attachments a WHERE "
                         "a.evidence_id = p.evidence_id AND a.role = 'recording')");
    while (q->step())
        pendingRecordings->insert(q->int64(0), Pending{q->int64(1), q->int64(2)});
}

bool CaseState::linkRecording(qint64 evidenceId, qint64 numberId, qint64 utcMs, qint64 seq)
{
    {
        Query q(db->cached("SELECT 1 FROM event_attachments WHERE evidence_id = ?1 "
                           "AND role = 'recording'"));
        q->bind(1, evidenceId);
        if (q->step())
            return true;
    }
    std::optional<qint64> eventId;
    {
        Query q(db->cached("SELECT id FROM events WHERE number_id = ?1 AND kind = 'call' AND "
                           "utc_ms BETWEEN ?2 - 60000 AND ?2 + 60000 "
                           "ORDER BY abs(utc_ms - ?2), id LIMIT 1"));
        q->bind(1, numberId).bind(2, utcMs);
        if (q->step())
            eventId = q->int64(0);
    }
    if (eventId) {
        linkAttachment(*eventId, evidenceId, u"recording"_s, seq);
        return true;
    }
    {
        Query q(db->cached("SELECT 1 FROM pending_recordings WHERE evidence_id = ?1"));
        q->bind(1, evidenceId);
        if (q->step())
            return false;
    }
    insertRow("pending_recordings", {seq, evidenceId, numberId, utcMs});
    if (pendingRecordings)
        pendingRecordings->insert(numberId, Pending{evidenceId, utcMs});
    return false;
}

quint32 OrdinalCounter::next(qint64 second, quint64 identity)
{
    // A second with this many events (a chat export without seconds, a bulk message) is
    // looked up faster in the table than by comparing with each.
    static constexpr size_t MAX_CURRENT = 64;
    if (m_ordered) {
        if (m_seen.empty()) {
            m_second = second;
        } else if (second != m_second) {
            const int trend = second > m_second ? 1 : -1;
            if (m_trend != 0 && trend != m_trend) {
                useTable();
            } else {
                m_trend = trend;
                m_currentStart = m_seen.size();
                m_second = second;
            }
        }
    }
    if (m_ordered) {
        for (auto it = m_seen.begin() + qsizetype(m_currentStart); it != m_seen.end(); ++it) {
            if (it->identity == identity)
                return it->count++;
        }
        if (m_seen.size() - m_currentStart < MAX_CURRENT) {
            m_seen.push_back({identity, 1});
            return 0;
        }
        useTable();
    }
    return m_table[identity]++;
}

void OrdinalCounter::useTable()
{
    m_ordered = false;
    m_table.reserve(qsizetype(m_seen.size()));
    for (const Seen &seen : m_seen)
        m_table.insert(seen.identity, seen.count);
    m_seen = {};
}

void CaseState::prepareEvent(EventRecord record, OrdinalCounter *ordinals, const QByteArray &salt,
                             qint64 seq, std::optional<qint64> evidenceId, PreparedEvents &into)
{
    if (into.empty()) {
        into.seq = seq;
        into.evidenceId = evidenceId;
    } else if (into.seq != seq || into.evidenceId != evidenceId) {
        Sql::fail(ErrorCode::Internal, u"events of different changes in one chunk"_s);
    }
    PreparedEvent &out = into.events.emplace_back();
    out.record = std::move(record);
    const EventRecord &r = out.record;
    if (!r.rawNumber.isEmpty()) {
        const PhoneInfo &p = normalizer().normalize(r.rawNumber);
        if (!p.key.isEmpty() && p.type != PhoneInfo::Type::Hidden)
            out.number = &p;
    }
    out.moreNumbers.reserve(size_t(r.moreNumbers.size()));
    for (const QString &raw : r.moreNumbers)
        out.moreNumbers.push_back(raw.isEmpty() ? nullptr : &normalizer().normalize(raw));
    const QString kind = toString(r.kind);
    const QString channel = toString(r.channel);
    const QString direction = toString(r.direction);

    // Identity: what makes two records the same event, whichever export they came from. Hashed
    // part by part (UTF-16 as in memory, unit separators between) to avoid building a string.
    static constexpr char16_t SEP = 0x1f;
    char16_t second[24];
    const qsizetype secondSize = writeDecimal(second, floorDiv(r.at.utcMs, 1000)) - second;
    char16_t duration[24];
    const qsizetype durationSize = r.durationS ? writeDecimal(duration, *r.durationS) - duration
                                               : 0;
    const QStringView who =
        out.number ? QStringView(out.number->key) : QStringView(r.counterpart);
    const char16_t whoTag = out.number ? u'n' : u'c';
    // Gathered first and hashed in one call: a call per part cost more than the hashing.
    const QStringView parts[] = {kind, channel, direction, QStringView(second, secondSize),
                                 QStringView(&whoTag, 1), who, r.conversation, r.text,
                                 QStringView(duration, durationSize)};
    qsizetype size = 0;
    for (QStringView part : parts)
        size += part.size() + 1;
    identityBuffer.resize(size);
    char16_t *p = identityBuffer.data();
    for (QStringView part : parts) {
        p = std::copy(part.utf16(), part.utf16() + part.size(), p);
        *p++ = SEP;
    }
    hasher.add(identityBuffer.constData(), size_t(identityBuffer.size()) * sizeof(char16_t));
    unsigned char identity[32];
    hasher.finish(identity);
    hasher.add(identity, sizeof identity);
    if (ordinals) {
        quint64 h64 = 0;
        std::memcpy(&h64, identity, sizeof h64);
        const quint32 ordinal = ordinals->next(floorDiv(r.at.utcMs, 1000), h64);
        hasher.add(&ordinal, sizeof ordinal);
    } else {
        hasher.add(salt);
    }
    // The UTC second leads the key so that the UNIQUE index grows at its end for time-ordered
    // logs instead of at random places (a random 32-byte key made a million-row import
    // several times slower once the index outgrew the page cache).
    // 128 bits of the hash are plenty next to the second (a clash needs two different events
    // in the same second) and keep the row and its index entry 16 bytes smaller.
    unsigned char keyHash[32];
    hasher.finish(keyHash);
    qToBigEndian<quint64>(quint64(floorDiv(r.at.utcMs, 1000)) ^ (quint64(1) << 63),
                          out.dedupeKey.data());
    std::memcpy(out.dedupeKey.data() + 8, keyHash, 16);
}

void CaseState::finishEvents(PreparedEvents &into, EventFinisher &finisher)
{
    if (into.finished)
        return;
    for (PreparedEvent &out : into.events)
        finishEvent(into, out, finisher);
    into.finished = true;
}

void CaseState::finishEvent(PreparedEvents &into, PreparedEvent &out, EventFinisher &finisher)
{
    const EventRecord &r = out.record;
    const QString kind = toString(r.kind);
    const QString channel = toString(r.channel);
    const QString direction = toString(r.direction);
    const QString extra = finisher.extras.json(r.extra);
    const std::array<const QString *, PreparedEvent::Utf8Columns> columns{
        &kind, &channel, &direction, &r.rawNumber, &r.counterpart, &r.conversation, &r.text,
        &r.locator, &r.incidentType, &extra};
    qsizetype utf8Room = 0;
    for (const QString *c : columns)
        utf8Room += c->size() * 3;
    out.utf8Start = into.text.size();
    into.text.resize(out.utf8Start + utf8Room);
    {
        char *const begin = into.text.data() + out.utf8Start;
        char *end = begin;
        for (size_t c = 0; c < columns.size(); ++c) {
            end = Sql::encodeUtf8(end, *columns[c]);
            out.utf8End[c] = int(end - begin);
        }
        into.text.truncate(out.utf8Start + (end - begin));
    }

    // The canonical form, in the order of Schema::table("events") (writeEvents checks that the
    // dedupe key is its only hex() column), as bindRow() would make it. Written through a
    // pointer into room reserved for the longest form these values can give.
    using C = PreparedEvent::Utf8Column;
    QByteArray &canon = into.canonical;
    out.canonicalStart = canon.size();
    static constexpr qsizetype INTEGERS = 5; // seq, utc_ms, offset_s, duration_s, evidence_id
    // Each text column: at most 6 bytes per byte (\u00xx) and its quotes, or null; a comma.
    const qsizetype room = INTEGERS * (Schema::CANONICAL_INT_ROOM + 1)
        + 6 * (into.text.size() - out.utf8Start) + 5 * PreparedEvent::Utf8Columns
        + 2 * qsizetype(out.dedupeKey.size()) + 3 + 4; // the key; '[', ']' and the ids' commas
    canon.resize(out.canonicalStart + room);
    char *const begin = canon.data() + out.canonicalStart;
    char *p = begin;
    const auto text = [&](C c) {
        const QByteArrayView v = into.column(out, c);
        p = v.isEmpty() ? Schema::writeCanonicalNull(p)
                        : Schema::writeCanonicalText(p, v.constData(), v.size());
        *p++ = ',';
    };
    const auto integer = [&](std::optional<qint64> v) {
        p = v ? Schema::writeCanonicalInt(p, *v) : Schema::writeCanonicalNull(p);
        *p++ = ',';
    };
    *p++ = '[';
    integer(into.seq);
    integer(r.at.utcMs);
    integer(r.at.offsetSeconds);
    text(C::Kind);
    text(C::Channel);
    text(C::Direction);
    out.canonicalEnd[0] = int(p - begin);
    *p++ = ','; // after number_id
    for (C c : {C::RawNumber, C::Counterpart, C::Conversation, C::Text})
        text(c);
    integer(r.durationS);
    integer(into.evidenceId);
    text(C::Locator);
    text(C::IncidentType);
    out.canonicalEnd[1] = int(p - begin);
    *p++ = ','; // after platform_id
    p = Schema::writeCanonicalBlob(p, out.dedupeKey.data(), qsizetype(out.dedupeKey.size()));
    *p++ = ',';
    const QByteArrayView extraUtf8 = into.column(out, C::Extra);
    p = extraUtf8.isEmpty() ? Schema::writeCanonicalNull(p)
                            : Schema::writeCanonicalText(p, extraUtf8.constData(), extraUtf8.size());
    *p++ = ']';
    out.canonicalEnd[2] = int(p - begin);
    Q_ASSERT(p - begin <= room);
    canon.truncate(out.canonicalStart + (p - begin));

    // With no number and no platform both ids are null: the digest can be made here, on the
    // thread with time to spare, instead of by the writer.
    out.hasDigest = !out.number && r.platform.trimmed().isEmpty();
    if (out.hasDigest)
        digestEventRow(into, out, std::nullopt, std::nullopt, finisher.hasher, finisher.canonical,
                       out.digest.data());
}

void CaseState::digestEventRow(const PreparedEvents &prepared, const PreparedEvent &e,
                               std::optional<qint64> numberId, std::optional<qint64> platform,
                               Sql::Hasher &hasher, QByteArray &buffer, char *out)
{
    // The canonical form made by finishEvent(), completed with the two ids.
    const QByteArrayView pieces[3] = {prepared.canonicalPiece(e, 0),
                                      prepared.canonicalPiece(e, 1),
                                      prepared.canonicalPiece(e, 2)};
    buffer.resize(pieces[0].size() + pieces[1].size() + pieces[2].size()
                  + 2 * Schema::CANONICAL_INT_ROOM); // keeps the capacity
    char *const begin = buffer.data();
    char *p = begin;
    const auto piece = [&](QByteArrayView v) {
        std::memcpy(p, v.data(), size_t(v.size()));
        p += v.size();
    };
    piece(pieces[0]);
    p = numberId ? Schema::writeCanonicalInt(p, *numberId) : Schema::writeCanonicalNull(p);
    piece(pieces[1]);
    p = platform ? Schema::writeCanonicalInt(p, *platform) : Schema::writeCanonicalNull(p);
    piece(pieces[2]);
    hasher.add(begin, size_t(p - begin));
    hasher.finishHex(out);
}

QString ExtrasCache::json(const QJsonObject &extra)
{
    if (extra.isEmpty())
        return {};
    // Most recently used first: runs of records with the same extras find them at once.
    // Importers hand one shared object to every record with the same extras, so the recent
    // ones are first looked for by their shared data alone (QJsonObject is one pointer to it,
    // a layout Qt 6 keeps for binary compatibility), which costs no look inside the others.
    static_assert(sizeof(QJsonObject) == sizeof(void *));
    auto cached = std::find_if(m_recent.begin(), m_recent.end(), [&](const auto &e) {
        return std::memcmp(&e.first, &extra, sizeof extra) == 0;
    });
    if (cached == m_recent.end()) {
        cached = std::find_if(m_recent.begin(), m_recent.end(),
                              [&](const auto &e) { return e.first == extra; });
    }
    if (cached == m_recent.end()) {
        if (m_recent.size() >= 16)
            m_recent.pop_back();
        m_recent.emplace_front(extra, compactJson(extra));
    } else if (cached != m_recent.begin()) {
        std::rotate(m_recent.begin(), cached, cached + 1);
    }
    return m_recent.front().second;
}

std::optional<qint64> CaseState::writeEvent(const EventRecord &r, qint64 seq,
                                            std::optional<qint64> evidenceId,
                                            OrdinalCounter *ordinals, const QByteArray &salt)
{
    PreparedEvents one;
    prepareEvent(r, ordinals, salt, seq, evidenceId, one);
    finishEvents(one, finisher);
    std::vector<std::optional<qint64>> ids;
    writeEvents(one, seq, evidenceId, ids);
    return ids.front();
}

void CaseState::bindEventRow(Sql::Statement &q, int offset, const PreparedEvents &prepared,
                             const PreparedEvent &e, std::optional<qint64> numberId,
                             std::optional<qint64> platform, char *digestOut)
{
    using C = PreparedEvent::Utf8Column;
    const auto text = [&](int param, C c) {
        const QByteArrayView v = prepared.column(e, c);
        if (v.isEmpty())
            q.bind(offset + param, nullptr);
        else
            q.bindTextStatic(offset + param, v.constData(), int(v.size()));
    };
    const auto integer = [&](int param, std::optional<qint64> v) {
        if (v)
            q.bind(offset + param, *v);
        else
            q.bind(offset + param, nullptr);
    };
    integer(1, prepared.seq);
    integer(2, e.record.at.utcMs);
    integer(3, e.record.at.offsetSeconds);
    text(4, C::Kind);
    text(5, C::Channel);
    text(6, C::Direction);
    integer(7, numberId);
    text(8, C::RawNumber);
    text(9, C::Counterpart);
    text(10, C::Conversation);
    text(11, C::Text);
    integer(12, e.record.durationS);
    integer(13, prepared.evidenceId);
    text(14, C::Locator);
    text(15, C::IncidentType);
    integer(16, platform);
    q.bindBlobStatic(offset + 17, e.dedupeKey.data(), int(e.dedupeKey.size()));
    text(18, C::Extra);

    if (e.hasDigest && !numberId && !platform)
        std::memcpy(digestOut, e.digest.data(), e.digest.size());
    else
        digestEventRow(prepared, e, numberId, platform, rowHasher, canonical, digestOut);
    q.bindTextStatic(offset + 19, digestOut, 64);
}

void CaseState::writeEvents(const PreparedEvents &prepared, qint64 seq,
                            std::optional<qint64> evidenceId,
                            std::vector<std::optional<qint64>> &ids)
{
    const std::vector<PreparedEvent> &events = prepared.events;
    // Many rows per INSERT: the per-statement work (start, halt, reset) cost more than the
    // row itself. Keys are unique within an import, so a row is only skipped when the case
    // already held the event.
    // OR IGNORE rather than ON CONFLICT (dedupe_key) DO NOTHING: a statement of many rows that
    // could abort (a NOT NULL or CHECK failure does under DO NOTHING) makes SQLite copy every
    // page it touches into a statement journal first (migration 0003 says more). The only
    // constraint a row here can break is the key's: kind, channel and direction come from
    // enums, times, ids, key and digest are always bound, and references are checked once per
    // change (checkEventReferences).
    static constexpr int ROWS_PER_STATEMENT = 64;
    static const char *const CONFLICT = "ON CONFLICT (dedupe_key) DO NOTHING";
    const Schema::TableDef &def = Schema::table("events");
    const int width = int(def.columns.size()) + 1;
    if (!multiRowEventInsert) {
        const std::string sql =
            Schema::insertSql(def, "", ROWS_PER_STATEMENT, true).toStdString();
        multiRowEventInsert = &statement(sql);
    }
    const InsertStatement single = insertStatement("events", CONFLICT);
    // prepareEvent() made the canonical forms for this column order and these values.
    static constexpr int DEDUPE_KEY_COLUMN = 16;
    if (single.hexColumns != (quint64(1) << DEDUPE_KEY_COLUMN) || width != 19)
        Sql::fail(ErrorCode::Internal, u"events columns differ from prepareEvent()"_s);
    if (!events.empty()
        && (prepared.seq != seq || prepared.evidenceId != evidenceId || !prepared.finished))
        Sql::fail(ErrorCode::Internal, u"events prepared for another change"_s);

    if (evidenceId
        && (eventReferences.evidence.empty() || eventReferences.evidence.back() != *evidenceId))
        eventReferences.evidence.push_back(*evidenceId);
    ids.assign(events.size(), std::nullopt);
    std::vector<std::optional<qint64>> numberIds(events.size());
    rowDigests.resize(events.size());
    size_t done = 0;
    while (done < events.size()) {
        const size_t rows = events.size() - done >= size_t(ROWS_PER_STATEMENT)
                                ? size_t(ROWS_PER_STATEMENT)
                                : 1;
        // bindEventRow() binds every parameter of the row (null where there is no value).
        Query q(rows == 1 ? *single.statement : *multiRowEventInsert,
                Query::EveryParameterBound::Yes);
        for (size_t k = 0; k < rows; ++k) {
            const PreparedEvent &e = events[done + k];
            const EventRecord &r = e.record;
            std::optional<qint64> &numberId = numberIds[done + k];
            if (e.number) {
                auto known = numberIdByInfo.find(e.number);
                if (known == numberIdByInfo.end()) {
                    const auto ref = numberRef(r.rawNumber, *e.number, seq);
                    known = numberIdByInfo.insert(e.number, {ref ? ref->id : 0, 0});
                }
                if (known->id) {
                    numberId = known->id;
                    if (known->listedIn != changeSerial) {
                        known->listedIn = changeSerial;
                        eventReferences.numbers.push_back(known->id);
                    }
                }
            }
            std::optional<qint64> platform;
            if (const QString name = r.platform.trimmed(); !name.isEmpty()) {
                platform = platformId(name, seq);
                if (eventReferences.platforms.empty()
                    || eventReferences.platforms.back() != *platform)
                    eventReferences.platforms.push_back(*platform);
            }
            bindEventRow(*q, int(k) * width, prepared, e, numberId, platform,
                         rowDigests[done + k].data());
        }
        q->exec();
        const qint64 inserted = db->changes();
        if (inserted == qint64(rows)) {
            const qint64 first = db->lastInsertRowId() - inserted + 1;
            for (size_t k = 0; k < rows; ++k)
                ids[done + k] = first + qint64(k);
        } else if (inserted > 0) {
            // Some were already in the case: match the new rows by key.
            QHash<QByteArray, qint64> byKey;
            Query n(db->cached("SELECT id, dedupe_key FROM events WHERE id > ?1"));
            n->bind(1, db->lastInsertRowId() - inserted);
            while (n->step())
                byKey.insert(n->blob(1), n->int64(0));
            for (size_t k = 0; k < rows; ++k) {
                const auto found = byKey.constFind(events[done + k].dedupeKeyBytes());
                if (found != byKey.constEnd())
                    ids[done + k] = *found;
            }
        }
        done += rows;
    }
    // The rows digest's lines for the rows just written (see rowsDigest()).
    eventLinesBuffer.resize(0);
    for (size_t k = 0; k < events.size(); ++k) {
        if (!ids[k])
            continue;
        if (*ids[k] <= eventLines.lastId)
            eventLines.valid = false;
        eventLines.lastId = *ids[k];
        ++eventLines.count;
        // "events|<id>|<digest>\n", written in place (a million of them).
        char line[7 + 20 + 1 + 64 + 1];
        std::memcpy(line, "events|", 7);
        char *p = std::to_chars(line + 7, line + 27, *ids[k]).ptr;
        *p++ = '|';
        std::memcpy(p, rowDigests[k].data(), 64);
        p += 64;
        *p++ = '\n';
        eventLinesBuffer.append(line, p - line);
    }
    eventLines.hash.add(eventLinesBuffer);

    for (size_t k = 0; k < events.size(); ++k) {
        if (!ids[k])
            continue;
        const qint64 id = *ids[k];
        const EventRecord &r = events[k].record;
        const std::optional<qint64> numberId = numberIds[k];
        for (qsizetype m = 0; m < r.moreNumbers.size(); ++m) {
            const QString &raw = r.moreNumbers[m];
            const PhoneInfo *moreInfo = events[k].moreNumbers[size_t(m)];
            if (!moreInfo)
                continue;
            const auto more = numberRef(raw, *moreInfo, seq);
            if (more && (!numberId || more->id != *numberId))
                insertRow("event_numbers", {seq, id, more->id, raw},
                          "ON CONFLICT (event_id, number_id) DO NOTHING");
        }
        for (const QString &sha : r.attachmentSha256) {
            const auto evidence = evidenceIdForSha(sha);
            if (!evidence)
                Sql::fail(ErrorCode::NotFound,
                          DOSSIER_TR("Event %1 names an attachment that is not in the case.")
                              .arg(r.locator),
                          sha);
            linkAttachment(id, *evidence, u"attachment"_s, seq);
        }
        for (const QString &name : r.contactsReached) {
            const QString trimmed = name.trimmed();
            if (trimmed.isEmpty())
                continue;
            const qint64 contact = contactIdForName(trimmed, evidenceId, seq);
            insertRow("event_contacts", {seq, id, contact},
                      "ON CONFLICT (event_id, contact_id) DO NOTHING");
        }
        if (r.kind == EventKind::Call && numberId) {
            loadPendingRecordings();
            if (pendingRecordings->isEmpty())
                continue;
            const auto waiting = pendingRecordings->values(*numberId);
            for (const Pending &p : waiting) {
                if (std::abs(p.utcMs - r.at.utcMs) <= 60000) {
                    linkAttachment(id, p.evidenceId, u"recording"_s, seq);
                    pendingRecordings->remove(*numberId, p);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CaseFile

CaseFile::CaseFile(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

CaseFile::~CaseFile() = default;

int CaseFile::currentSchemaVersion()
{
    return Schema::currentVersion();
}

Result<std::unique_ptr<CaseFile>> CaseFile::create(const QString &path,
                                                   const NewCaseOptions &options)
{
    if (QFileInfo::exists(path))
        return makeError(ErrorCode::Usage,
                         DOSSIER_TR("%1 already exists; a new case needs a new file name.")
                             .arg(path));
    // Built under a temporary name and renamed when complete, so a half-made case never
    // carries the real name.
    const QString temp = path + u".creating"_s;
    for (const QString &leftover : QStringList{temp, temp + u"-wal"_s, temp + u"-shm"_s, temp + u"-journal"_s})
        QFile::remove(leftover);
    try {
        auto opened = Sql::Database::open(temp, Sql::Database::OpenMode::Create);
        if (!opened)
            return opened.error();
        auto db = std::move(opened.value());
        // Bigger pages than the default 4 KiB: fewer B-tree levels and writes per row, and
        // 1 MiB evidence chunks span 64 pages instead of 256. Set first: the next pragma
        // writes the header, which fixes the page size for good.
        db->exec("PRAGMA page_size = 16384");
        db->exec(("PRAGMA application_id = " + std::to_string(Schema::APPLICATION_ID)).c_str());
        configureForWriting(*db);
        Schema::migrate(*db, Schema::builtinMigrations(), Schema::currentVersion());

        auto impl = std::make_unique<Impl>();
        impl->db = std::move(db);
        impl->path = temp;
        {
            Sql::Transaction tx(*impl->db);
            const qint64 seq = impl->nextAuditSeq();
            const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const QString zone = QString::fromUtf8(options.zone.isValid()
                                                       ? options.zone.id()
                                                       : QByteArrayLiteral("Asia/Shanghai"));
            auto s = impl->db->prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
            const QList<QPair<QString, QString>> values{
                {u"case_uuid"_s, uuid},
                {u"title"_s, options.title},
                {u"time_zone"_s, zone},
                {u"own_identities"_s, compactJson(identitiesToJson(options.own))},
                {u"created_app_version"_s, QStringLiteral(DOSSIER_VERSION)},
                {u"created_utc_ms"_s, QString::number(QDateTime::currentMSecsSinceEpoch())},
            };
            for (const auto &[key, value] : values) {
                Query q(*s);
                q->bind(1, key).bind(2, value.isNull() ? u""_s : value);
                q->exec();
            }
            s.reset();
            impl->writeAuditEntry(seq, u"case created"_s,
                                  QJsonObject{{u"case_uuid"_s, uuid},
                                              {u"title"_s, options.title},
                                              {u"time_zone"_s, zone},
                                              {u"schema_version"_s, Schema::currentVersion()}});
            tx.commit();
        }
        impl.reset(); // closes: the WAL is checkpointed into the file before the rename
    } catch (const Sql::Failure &failure) {
        for (const QString &leftover : QStringList{temp, temp + u"-wal"_s, temp + u"-shm"_s, temp + u"-journal"_s})
            QFile::remove(leftover);
        return failure.error;
    }
    if (!QFile::rename(temp, path)) {
        QFile::remove(temp);
        return makeError(ErrorCode::Io, DOSSIER_TR("Cannot create the case file %1.").arg(path),
                         u"rename failed"_s);
    }
    return open(path, Mode::ReadWrite);
}

Result<std::unique_ptr<CaseFile>> CaseFile::open(const QString &path, Mode mode)
{
    if (auto header = checkHeader(path); !header)
        return header.error();

    // A write cut short left a journal: let SQLite roll it back first (a read-only connection
    // cannot). The header already showed the file is a case.
    if (hotJournal(path)) {
        auto recovering = Sql::Database::open(path, Sql::Database::OpenMode::ReadWrite);
        if (!recovering)
            return recovering.error();
        try {
            recovering.value()->scalarInt("SELECT count(*) FROM sqlite_schema");
        } catch (const Sql::Failure &failure) {
            Error e = failure.error;
            e.code = ErrorCode::Corrupt;
            e.message = DOSSIER_TR("The case file %1 is damaged.").arg(path);
            return e;
        }
    }
    // First look read-only: a file we refuse is never touched.
    auto opened = Sql::Database::open(path, Sql::Database::OpenMode::ReadOnly);
    if (!opened)
        return opened.error();
    std::unique_ptr<Sql::Database> db = std::move(opened.value());
    int schema = 0;
    int minReader = 0;
    try {
        db->exec("PRAGMA busy_timeout = 10000");
        // quick_check reads every page; for very large cases opening would take seconds, so
        // there the header check and SQLite's own checks on access stand in (verify() always
        // runs it).
        const QString check = QFileInfo(path).size() <= (qint64(512) << 20)
                                  ? db->scalarText("PRAGMA quick_check")
                                  : u"ok"_s;
        if (check != u"ok"_s)
            return makeError(ErrorCode::Corrupt,
                             DOSSIER_TR("The case file %1 is damaged.").arg(path), check);
        if (db->scalarInt("PRAGMA application_id").value_or(0) != Schema::APPLICATION_ID)
            return makeError(ErrorCode::NotACaseFile,
                             DOSSIER_TR("%1 is not a Dossier case file.").arg(path));
        schema = Schema::schemaVersion(*db);
        if (schema <= 0)
            return makeError(ErrorCode::Corrupt,
                             DOSSIER_TR("The case file %1 is damaged: it has no schema version.")
                                 .arg(path));
        minReader = int(db->scalarInt("SELECT CAST(value AS INTEGER) FROM meta "
                                      "WHERE key = 'min_reader_version'")
                            .value_or(schema));
    } catch (const Sql::Failure &failure) {
        Error e = failure.error;
        if (e.code == ErrorCode::Database || e.code == ErrorCode::NotACaseFile)
            e.code = ErrorCode::Corrupt;
        e.message = DOSSIER_TR("The case file %1 is damaged.").arg(path);
        return e;
    }
    const int current = Schema::currentVersion();
    if (minReader > current)
        return makeError(ErrorCode::TooNew,
                         DOSSIER_TR("%1 was written by a newer Dossier. Opening it needs a "
                                    "Dossier that reads case file version %2; this one reads "
                                    "up to version %3.")
                             .arg(path)
                             .arg(minReader)
                             .arg(current),
                         u"schema_version %1, min_reader_version %2"_s.arg(schema).arg(minReader));

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->mode = mode;
    try {
        if (mode == Mode::ReadOnly) {
            // Reading needs every table since 0002; 0003 and 0004 only changed how the events'
            // references are checked and which events the number index holds. So a lawyer can
            // verify a file from an earlier Dossier without upgrading (changing) it. Raise this
            // when a step adds something reading needs.
            static constexpr int OLDEST_READABLE_SCHEMA = 2;
            if (schema < OLDEST_READABLE_SCHEMA)
                return makeError(ErrorCode::Unsupported,
                                 DOSSIER_TR("The case file %1 uses an older format; open it "
                                            "for writing once so Dossier can upgrade it.")
                                     .arg(path));
            impl->db = std::move(db);
        } else {
            db.reset();
            auto rw = Sql::Database::open(path, Sql::Database::OpenMode::ReadWrite);
            if (!rw)
                return rw.error();
            impl->db = std::move(rw.value());
            configureForWriting(*impl->db);
            if (schema < current)
                Schema::migrate(*impl->db, Schema::builtinMigrations(), current);
        }
        auto info = readInfo(*impl->db, path);
        if (!info)
            return info.error();
        impl->info = info.value();
    } catch (const Sql::Failure &failure) {
        return failure.error;
    }
    return std::unique_ptr<CaseFile>(new CaseFile(std::move(impl)));
}

CaseInfo CaseFile::info() const
{
    return m_impl->info;
}

CaseSettings CaseFile::settings() const
{
    CaseSettings s;
    s.zone = m_impl->info.zone;
    s.own = m_impl->info.own;
    return s;
}

Result<EvidenceAdded> CaseFile::addEvidence(const QString &path, const Acquisition &how,
                                            const ProgressFn &progress)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<EvidenceAdded> {
        d.requireWritable();
        d.requireNoSession();
        Sql::Transaction tx(*d.db);
        const qint64 seq = d.nextAuditSeq();
        EvidenceAdded added = d.storeEvidenceFile(path, how.method, seq, nullptr, progress);
        if (added.duplicate) {
            tx.rollback();
            return added;
        }
        if (!how.note.isEmpty()) {
            Query q(d.db->cached("UPDATE evidence SET note = ?1 WHERE id = ?2"));
            q->bind(1, how.note).bind(2, added.id);
            q->exec();
            Query r(d.statement(
                Schema::refreshDigestSql(Schema::table("evidence")).toStdString()));
            r->bind(1, added.id);
            r->exec();
        }
        d.writeAuditEntry(seq, u"evidence added"_s,
                          QJsonObject{{u"evidence_id"_s, added.id},
                                      {u"sha256"_s, added.sha256},
                                      {u"size"_s, added.size},
                                      {u"name"_s, QFileInfo(path).fileName()},
                                      {u"method"_s, how.method}});
        tx.commit();
        return added;
    });
}

Result<qint64> CaseFile::logIncident(const IncidentInput &incident)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<qint64> {
        d.requireWritable();
        d.requireNoSession();
        const QString type = incident.incidentType.isEmpty() ? u"other"_s
                                                              : incident.incidentType.trimmed();
        if (!incidentTypes().contains(type))
            return makeError(ErrorCode::Usage,
                             DOSSIER_TR("Unknown incident type \"%1\"; use one of: %2.")
                                 .arg(type, incidentTypes().join(u", ")));
        Sql::Transaction tx(*d.db);
        const qint64 seq = d.nextAuditSeq();
        EventRecord r;
        r.kind = EventKind::Incident;
        r.channel = Channel::Other;
        r.direction = Direction::Incoming;
        r.at = incident.at;
        r.incidentType = type;
        r.platform = incident.platform;
        r.text = incident.text;
        r.contactsReached = incident.contacts;
        for (const QString &n : incident.numbers) {
            if (n.trimmed().isEmpty())
                continue;
            if (r.rawNumber.isEmpty())
                r.rawNumber = n.trimmed();
            else
                r.moreNumbers << n.trimmed();
        }
        for (const QString &attach : incident.attachPaths)
            r.attachmentSha256 << d.storeEvidenceFile(attach, u"incident"_s, seq, nullptr).sha256;
        const auto id = d.writeEvent(r, seq, std::nullopt, nullptr,
                                     QByteArray("incident:") + QByteArray::number(seq));
        if (!id)
            Sql::fail(ErrorCode::Internal, DOSSIER_TR("The incident could not be stored."));
        d.writeAuditEntry(seq, u"incident logged"_s,
                          QJsonObject{{u"event_id"_s, *id},
                                      {u"incident_type"_s, type},
                                      {u"attachments"_s, int(r.attachmentSha256.size())}});
        tx.commit();
        return *id;
    });
}

Result<void> CaseFile::recordExport(const QString &path, const QString &sha256)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<void> {
        d.requireWritable();
        d.requireNoSession();
        Sql::Transaction tx(*d.db);
        const qint64 seq = d.nextAuditSeq();
        d.writeAuditEntry(seq, u"export written"_s,
                          QJsonObject{{u"name"_s, QFileInfo(path).fileName()},
                                      {u"sha256"_s, sha256.toLower()}});
        tx.commit();
        return {};
    });
}

Result<qint64> CaseFile::addNote(qint64 eventId, const QString &text)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<qint64> {
        d.requireWritable();
        d.requireNoSession();
        Sql::Transaction tx(*d.db);
        if (!d.db->scalarInt(("SELECT 1 FROM events WHERE id = " + std::to_string(eventId))
                                 .c_str()))
            return makeError(ErrorCode::NotFound,
                             DOSSIER_TR("There is no event %1 in the case.").arg(eventId));
        const qint64 seq = d.nextAuditSeq();
        const qint64 id = *d.insertRow(
            "notes",
            {seq, u"events"_s, eventId, text, QDateTime::currentMSecsSinceEpoch()});
        d.writeAuditEntry(seq, u"note added"_s,
                          QJsonObject{{u"note_id"_s, id}, {u"event_id"_s, eventId}});
        tx.commit();
        return id;
    });
}

Result<void> CaseFile::addTag(qint64 eventId, const QString &tag)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<void> {
        d.requireWritable();
        d.requireNoSession();
        const QString name = tag.trimmed();
        if (name.isEmpty())
            return makeError(ErrorCode::Usage, DOSSIER_TR("A tag needs a name."));
        Sql::Transaction tx(*d.db);
        if (!d.db->scalarInt(("SELECT 1 FROM events WHERE id = " + std::to_string(eventId))
                                 .c_str()))
            return makeError(ErrorCode::NotFound,
                             DOSSIER_TR("There is no event %1 in the case.").arg(eventId));
        const qint64 seq = d.nextAuditSeq();
        std::optional<qint64> tagId;
        {
            Query q(d.db->cached("SELECT id FROM tags WHERE name = ?1"));
            q->bind(1, name);
            if (q->step())
                tagId = q->int64(0);
        }
        if (!tagId)
            tagId = d.insertRow("tags", {seq, name});
        const auto link = d.insertRow("item_tags", {seq, *tagId, u"events"_s, eventId},
                                      "ON CONFLICT (tag_id, target_table, target_id) DO NOTHING");
        if (!link) {
            tx.rollback();
            return {};
        }
        d.writeAuditEntry(seq, u"tag added"_s,
                          QJsonObject{{u"tag"_s, name}, {u"event_id"_s, eventId}});
        tx.commit();
        return {};
    });
}

Result<std::unique_ptr<ImportSession>> CaseFile::beginImport(const QString &path,
                                                             const QString &format)
{
    return beginImportReadAhead(path, format, ReadAhead{}, false);
}

Result<std::unique_ptr<ImportSession>>
CaseFile::beginImportReadAhead(const QString &path, const QString &format,
                               const ReadAhead &readAhead)
{
    return beginImportReadAhead(path, format, readAhead, true);
}

Result<std::unique_ptr<ImportSession>>
CaseFile::beginImportReadAhead(const QString &path, const QString &format,
                               const ReadAhead &readAhead, bool useReadAhead)
{
    Impl &d = *m_impl;
    try {
        d.requireWritable();
        d.requireNoSession(true);
    } catch (const Sql::Failure &failure) {
        return failure.error;
    }
    auto session = std::make_unique<CaseImportSession>(m_impl.get(), path, format);
    if (auto started = session->start(useReadAhead ? &readAhead : nullptr); !started)
        return started.error();
    d.activeSession = session.get();
    return std::unique_ptr<ImportSession>(std::move(session));
}

Result<void> CaseFile::beginBatch()
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<void> {
        d.requireWritable();
        d.requireNoSession();
        d.batch = std::make_unique<Sql::Transaction>(*d.db);
        return {};
    });
}

Result<void> CaseFile::commitBatch()
{
    Impl &d = *m_impl;
    if (!d.batch)
        return {};
    try {
        d.requireNoSession(true); // a usage error: the batch stays as it is
    } catch (const Sql::Failure &failure) {
        return failure.error;
    }
    try {
        d.batch->commit();
        d.batch.reset();
    } catch (const Sql::Failure &failure) {
        rollbackBatch();
        return failure.error;
    }
    return {};
}

void CaseFile::rollbackBatch()
{
    Impl &d = *m_impl;
    if (d.activeSession)
        d.activeSession->rollback();
    if (!d.batch)
        return;
    d.batch->rollback();
    d.batch.reset();
    d.clearCaches();
}

Result<void> CaseFile::storeThumbnail(qint64 evidenceId, const QByteArray &png)
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<void> {
        d.requireWritable();
        d.requireNoSession(true); // inside a batch: a preview pass stores many at once
        Query q(d.db->cached("INSERT OR REPLACE INTO thumbnails (evidence_id, png) "
                             "SELECT id, ?2 FROM evidence WHERE id = ?1"));
        q->bind(1, evidenceId).bindBlob(2, png);
        q->exec();
        if (d.db->changes() == 0)
            return makeError(ErrorCode::NotFound, DOSSIER_TR("There is no evidence %1 in %2.")
                                                      .arg(evidenceId)
                                                      .arg(d.path));
        return {};
    });
}

Result<qint64> CaseFile::updateSearchIndex()
{
    Impl &d = *m_impl;
    return guarded(d, [&]() -> Result<qint64> {
        d.requireWritable();
        d.requireNoSession();
        Sql::Transaction tx(*d.db);
        const qint64 added = d.catchUpSearchIndex(-1);
        tx.commit();
        return added;
    });
}

} // namespace Dossier
