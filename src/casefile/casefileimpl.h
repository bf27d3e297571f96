// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the state behind CaseFile, shared by casefile.cpp, importsession.cpp, queries.cpp and
// verify.cpp. Building-block functions throw Sql::Failure; public entry points catch it.

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QMultiHash>
#include <QVarLengthArray>

#include "casefile/casefile.h"
#include "casefile/sqlitedb.h"
#include "common/sha256.h"
#include "phone/phonenormalizer.h"

class QIODevice;

namespace Dossier {

class CaseImportSession;

/// Counts identical event identities within one imported file, for the dedupe key's ordinal;
/// an identity is known by 64 bits of its SHA-256.
///
/// An identity includes its UTC second, so two can only be equal within the same second.
/// While a file's seconds only rise (or only fall), as logs and exports do, only the current
/// second's identities need comparing and the earlier ones are merely listed; the first step
/// the other way (or a crowded second) moves them all into a hash table, used from then on.
/// The ordinals are the same either way: the n-th occurrence of an identity gets n - 1.
class OrdinalCounter final
{
  public:
    quint32 next(qint64 second, quint64 identity);

  private:
    struct Seen
    {
        quint64 identity;
        quint32 count;
    };
    void useTable();

    QHash<quint64, quint32> m_table; ///< everything, once m_ordered is false
    /// While ordered: every identity so far, the current second's from m_currentStart on
    /// (a deque: no copies as it grows).
    std::deque<Seen> m_seen;
    size_t m_currentStart = 0;
    qint64 m_second = 0;
    int m_trend = 0; ///< +1 rising, -1 falling, 0 not yet known
    bool m_ordered = true;
};

/// What is known about a file being stored as evidence, besides its bytes.
struct EvidenceInput
{
    QString originalName;
    QString mediaType; ///< empty: sniffed from the content (QMimeDatabase)
    QString method;
    QString note;
    std::optional<qint64> fileModifiedUtcMs;
    std::optional<qint64> fileBirthUtcMs;
    QString sourceLabel; ///< how error messages name the source (a path, "photo.jpg in chat.zip")
};

/// An event with everything worked out that needs no database: its numbers normalised and its
/// dedupe key (CaseState::prepareEvent), then its text as UTF-8 and its canonical form
/// (CaseState::finishEvents). The write that follows needs only ids.
struct PreparedEvent
{
    EventRecord record;
    /// normalize(record.rawNumber); null when there is none or it is hidden (no number row).
    /// Points into the normaliser's cache, whose entries live as long as it does.
    const PhoneInfo *number = nullptr;
    std::vector<const PhoneInfo *> moreNumbers; ///< normalize() of each record.moreNumbers
    std::array<char, 24> dedupeKey; ///< inline: one allocation fewer per imported row
    QByteArray dedupeKeyBytes() const
    {
        return QByteArray::fromRawData(dedupeKey.data(), qsizetype(dedupeKey.size()));
    }
    /// The text columns as UTF-8, one after another (Utf8Column order) from `utf8Start` in the
    /// PreparedEvents' text: the writer reads one buffer per chunk instead of each record's
    /// strings (a cache miss per string when another core had just written them).
    enum Utf8Column { Kind, Channel, Direction, RawNumber, Counterpart, Conversation, Text,
                      Locator, IncidentType, Extra, Utf8Columns };
    qsizetype utf8Start = 0;
    std::array<int, Utf8Columns> utf8End{}; ///< relative to utf8Start
    /// The row's canonical form (Schema::appendCanonical*) but for the two ids only the writer
    /// knows: [prefix] number_id [middle] platform_id [suffix], from `canonicalStart` in the
    /// PreparedEvents' canonical buffer.
    qsizetype canonicalStart = 0;
    std::array<int, 3> canonicalEnd{}; ///< relative to canonicalStart
    /// The row digest, made by finishEvent() already when both ids are known to be null (no
    /// number, no platform: chat messages), so that it need not be made by the writer.
    std::array<char, 64> digest;
    bool hasDigest = false;
};

/// Events prepared together; their text columns share one buffer, so that the writing thread
/// reads a chunk's text from consecutive memory.
struct PreparedEvents
{
    std::vector<PreparedEvent> events;
    QByteArray text;
    QByteArray canonical;
    qint64 seq = 0;                    ///< the change they were prepared for
    std::optional<qint64> evidenceId; ///< their source
    bool finished = false;             ///< text and canonical forms made (finishEvents)

    size_t size() const { return events.size(); }
    bool empty() const { return events.empty(); }
    /// Empties it but keeps its memory, for the next events.
    void clear()
    {
        events.clear();
        text.resize(0);
        canonical.resize(0);
        finished = false;
    }
    /// Piece 0, 1 or 2 of the event's canonical form (see PreparedEvent::canonicalEnd).
    QByteArrayView canonicalPiece(const PreparedEvent &e, int piece) const
    {
        const int start = piece == 0 ? 0 : e.canonicalEnd[size_t(piece) - 1];
        return QByteArrayView(canonical.constData() + e.canonicalStart + start,
                              e.canonicalEnd[size_t(piece)] - start);
    }
    QByteArrayView column(const PreparedEvent &e, PreparedEvent::Utf8Column c) const
    {
        const int start = c == 0 ? 0 : e.utf8End[size_t(c) - 1];
        return QByteArrayView(text.constData() + e.utf8Start + start,
                              e.utf8End[size_t(c)] - start);
    }
};

/// Events' extra fields as compact JSON (null when there are none). The records of one export
/// carry few distinct extras (call type, presentation ...): comparing with the recent ones costs
/// less than writing JSON for each record. One per thread.
class ExtrasCache
{
public:
    QString json(const QJsonObject &extra);

private:
    std::deque<std::pair<QJsonObject, QString>> m_recent;
};

/// What finishing events needs besides the events: one per thread.
struct EventFinisher
{
    ExtrasCache extras;
    Sql::Hasher hasher;
    QByteArray canonical; ///< a row's whole canonical form, reused
};

struct NumberRef
{
    qint64 id = 0;
    QString key;
};

/// The state behind a CaseFile (CaseFile::Impl derives from it, so helpers outside the class
/// can name it).
struct CaseState
{
    std::unique_ptr<Sql::Database> db; // declared first: destroyed last
    std::unordered_map<std::string, std::unique_ptr<Sql::Statement>> statements;
    struct InsertStatement
    {
        Sql::Statement *statement;
        quint64 hexColumns; ///< Schema::hexColumnMask()
    };
    std::map<std::pair<const void *, const void *>, InsertStatement> insertStatements;
    Sql::Statement *multiRowEventInsert = nullptr; ///< owned by `statements`
    Sql::Hasher hasher;    ///< for per-event keys (prepareEvent)
    QVarLengthArray<char16_t, 512> identityBuffer; ///< prepareEvent's event identity, reused
    EventFinisher finisher; ///< for events finished on the importing thread
    QByteArray intakeBuffer; ///< storeEvidence's chunk buffer, kept between files
    Sql::Hasher rowHasher; ///< for row digests (insertRow may run while a key is being hashed)
    QByteArray canonical; ///< reused buffer for a row's canonical form
    QString path;
    CaseFile::Mode mode = CaseFile::Mode::ReadWrite;
    CaseInfo info;
    std::unique_ptr<PhoneNormalizer> phone;
    CaseImportSession *activeSession = nullptr;
    /// Open while imports are grouped (CaseFile::beginBatch); sessions are savepoints inside it.
    std::unique_ptr<Sql::Transaction> batch;

    // Id caches; only valid for committed data plus the open transaction (cleared on rollback).
    QHash<QString, NumberRef> numberByRaw;
    /// The same by normalised entry (PhoneNormalizer caches one per raw text, so the pointer
    /// names the raw text): writeEvents looks numbers up without hashing strings.
    struct KnownNumber
    {
        qint64 id = 0;           ///< 0: the entry names no number (nothing to point at)
        quint64 listedIn = 0;    ///< the change (changeSerial) whose references list it
    };
    QHash<const PhoneInfo *, KnownNumber> numberIdByInfo;
    QHash<QString, qint64> numberIdByKey;
    QHash<QString, qint64> platformIdByName;
    QHash<QString, qint64> contactIdByName;
    QHash<QString, qint64> evidenceIdBySha;
    struct Pending
    {
        qint64 evidenceId;
        qint64 utcMs;
        bool operator==(const Pending &o) const
        {
            return evidenceId == o.evidenceId && utcMs == o.utcMs;
        }
    };
    std::optional<QMultiHash<qint64, Pending>> pendingRecordings; // by number id
    /// Per audited table (Schema::auditedTables() order): the largest id before the open change.
    /// New rows get larger ids, so the change's rows are found without an audit_seq index.
    std::vector<qint64> changeStartIds;

    ~CaseState();

    /// Starts writing the case file's pages that are already in the kernel to disk, without
    /// waiting (Linux sync_file_range); called by long imports so that their commit is short.
    void startWriteback();
    int writebackFd = -1;

    /// A statement over an audited table: insert (row_digest from the bound values) + suffix.
    InsertStatement insertStatement(const char *table, const char *suffix = "");
    Sql::Statement &statement(const std::string &sql);
    /// Inserts one audited row (values in the table's canonical column order, audit_seq first).
    /// Returns the new id, or std::nullopt when an ON CONFLICT ... DO NOTHING suffix skipped it.
    std::optional<qint64> insertRow(const char *table, std::initializer_list<Sql::Value> values,
                                    const char *suffix = "");
    /// Binds one audited row at parameters offset + 1 ... and its row digest after them.
    void bindRow(Sql::Statement &statement, int offset, quint64 hexColumns,
                 std::initializer_list<Sql::Value> values);

    void clearCaches();
    /// Drops the event number index inside the open transaction; returns
    /// their CREATE statements for restoreIndexes(). Building an index once by sorting costs
    /// much less than keeping it up to date row by row during a bulk import.
    QStringList dropEventIndexes();
    void restoreIndexes(const QStringList &createSql);
    void requireWritable() const;
    /// Fails while an import session is open, or an import batch unless `batchAllowed` (other
    /// writes would have to join their transaction).
    void requireNoSession(bool batchAllowed = false) const;

    /// The audit seq the change in the open write transaction will get; notes where it starts.
    qint64 nextAuditSeq();
    /// Puts the events not yet in the full-text index into it, when there are at most
    /// `maxEvents` of them (any number when negative). Returns how many events it covered.
    qint64 catchUpSearchIndex(qint64 maxEvents);
    static constexpr qint64 SEARCH_CATCH_UP_IN_CHANGE = 20000;
    /// Writes the audit entry for `seq` (rows digest, chain, meta head). Does not commit.
    QString writeAuditEntry(qint64 seq, const QString &action, const QJsonObject &details);
    /// SHA-256 over "table|id|row_digest\n" of the rows the open change `seq` created.
    QString rowsDigest(qint64 seq);
    /// The events' lines of that digest, hashed by writeEvents as the rows are written: a
    /// million rows need not be read back at commit. rowsDigest() uses them only when they are
    /// provably all of the change's events and no table hashed before `events` has new rows.
    struct EventLines
    {
        Sha256 hash;
        qint64 lastId = 0;
        qint64 count = 0;
        bool valid = true;
    };
    EventLines eventLines;
    /// The numbers, evidence and platforms that the open change's events point at, each id
    /// listed about once. Since migration 0004 SQLite does not look these up for every event;
    /// checkEventReferences() looks each id up once before the change's audit entry.
    struct EventReferences
    {
        std::vector<qint64> numbers;
        std::vector<qint64> evidence;
        std::vector<qint64> platforms;
    };
    EventReferences eventReferences;
    quint64 changeSerial = 0; ///< counts changes begun (nextAuditSeq), for KnownNumber
    /// Fails (and so leaves the case as it was) when an event of the open change points at a
    /// number, evidence file or platform that is not in the case.
    void checkEventReferences();
    std::vector<std::array<char, 64>> rowDigests; ///< writeEvents' row digests, reused
    QByteArray eventLinesBuffer;                  ///< writeEvents' lines, reused

    PhoneNormalizer &normalizer();
    /// The number row for a raw number (created with its raw form when new); nullopt for hidden
    /// or empty numbers.
    std::optional<NumberRef> numberRef(const QString &raw, qint64 seq);
    /// The same for a number already normalised (`info` is normalize(raw)).
    std::optional<NumberRef> numberRef(const QString &raw, const PhoneInfo &info, qint64 seq);
    qint64 platformId(const QString &name, qint64 seq);
    qint64 contactIdForName(const QString &name, std::optional<qint64> evidenceId, qint64 seq);
    std::optional<qint64> evidenceIdForSha(const QString &sha);

    /// Streams `device` into evidence rows and chunks, re-reads and re-hashes what was stored.
    /// Same bytes already present: nothing stored, duplicate = true.
    EvidenceAdded storeEvidence(QIODevice &device, const EvidenceInput &input, qint64 seq,
                                const ProgressFn &progress);
    /// Fills intakeBuffer with up to one chunk from `device`; returns the bytes read (fewer at
    /// the end, 0 when there are none). A read error fails naming `sourceLabel`.
    qint64 readIntakeChunk(QIODevice &device, const QString &sourceLabel);
    void insertEvidenceChunk(qint64 evidenceId, qint64 chunk, const char *data, qint64 size);
    /// The evidence already holding these bytes, as a duplicate; nullopt if there is none.
    std::optional<EvidenceAdded> storedAlready(const QString &sha256);
    /// Reads back the chunks just stored for `evidenceId` and fails (Integrity) unless they are
    /// `chunks` in order, `size` bytes long and hash to `sha256`: checked before any commit.
    void checkStoredCopy(qint64 evidenceId, qint64 chunks, qint64 size, const QString &sha256,
                         const QString &sourceLabel);
    /// A file read whole ahead, whose bytes hash to `sha256`: stored (or found already stored)
    /// without hashing it again on the way in; the stored copy is re-read and checked.
    EvidenceAdded storeEvidenceBytes(const QByteArray &contents, const EvidenceInput &input,
                                     qint64 seq, const QString &sha256);
    /// The evidence row for `size` bytes hashing to `sha256` (`head`: their start, for the
    /// media type), written in its final form without chunks; or the evidence already holding
    /// those bytes (duplicate).
    EvidenceAdded reserveEvidence(const EvidenceInput &input, qint64 seq, const QString &sha256,
                                  qint64 size, const QByteArray &head);
    /// With `readAhead` its contents are stored instead of reading `filePath` again. With
    /// `chunksLater`, a file of STORE_CHUNKS_LATER_BYTES or more is only hashed and its row
    /// reserved; *chunksLater then says storeReservedChunk() must store it before commit.
    EvidenceAdded storeEvidenceFile(const QString &filePath, const QString &method, qint64 seq,
                                    const ReadAhead *readAhead, const ProgressFn &progress = {},
                                    bool *chunksLater = nullptr);
    static constexpr qint64 STORE_CHUNKS_LATER_BYTES = 4 << 20;
    /// The bytes of a file whose evidence row was reserved, stored one chunk at a time so that
    /// an import's writer thread can store them between event writes.
    struct ReservedStore
    {
        ReservedStore(EvidenceAdded reservedEvidence, const QString &filePath);
        EvidenceAdded reserved;
        QFile file;
        Sha256 hash;
        qint64 size = 0;
        qint64 chunks = 0;
    };
    /// Stores the next chunk; true while more follow. After the last it fails (Integrity)
    /// unless the bytes still hash to the reserved SHA-256, then re-reads the stored copy
    /// (checkStoredCopy).
    bool storeReservedChunk(ReservedStore &store);

    /// Works out what an event's write needs without the database. With `ordinals` the dedupe
    /// key counts identical identities; otherwise `salt` makes it unique. Uses the normaliser
    /// and `hasher`: call it from one thread at a time, not necessarily the writing one.
    void prepareEvent(EventRecord record, OrdinalCounter *ordinals, const QByteArray &salt,
                      qint64 seq, std::optional<qint64> evidenceId, PreparedEvents &into);
    /// Makes the text and canonical forms of prepared events (PreparedEvents::finished), and
    /// the row digests of those whose ids are known. Needs no shared state but `finisher`:
    /// either thread of an import may run it, so that it lands on the one with time to spare.
    static void finishEvents(PreparedEvents &events, EventFinisher &finisher);
    static void finishEvent(PreparedEvents &into, PreparedEvent &event, EventFinisher &finisher);
    /// An event's row digest (64 hex characters to `out`): its canonical form with the ids.
    static void digestEventRow(const PreparedEvents &prepared, const PreparedEvent &e,
                               std::optional<qint64> numberId, std::optional<qint64> platform,
                               Sql::Hasher &hasher, QByteArray &buffer, char *out);
    /// Writes events with their numbers, attachments, contacts and platform, many rows per
    /// statement. `ids` gets each event's new id, or nullopt when an event with the same
    /// dedupe key was already there.
    void writeEvents(const PreparedEvents &prepared, qint64 seq,
                     std::optional<qint64> evidenceId, std::vector<std::optional<qint64>> &ids);
    /// Binds a prepared event's row at parameters offset + 1 ... and its row digest (also
    /// written to `digestOut`, 64 hex characters) from the canonical form prepareEvent() made.
    /// Text, key and digest are bound without copies: `prepared` and `digestOut` must outlive
    /// the statement's step.
    void bindEventRow(Sql::Statement &statement, int offset, const PreparedEvents &prepared,
                      const PreparedEvent &e, std::optional<qint64> numberId,
                      std::optional<qint64> platform, char *digestOut);
    /// One event: prepareEvent() + writeEvents().
    std::optional<qint64> writeEvent(const EventRecord &record, qint64 seq,
                                     std::optional<qint64> evidenceId, OrdinalCounter *ordinals,
                                     const QByteArray &salt);
    void linkAttachment(qint64 eventId, qint64 evidenceId, const QString &role, qint64 seq);
    /// Links `evidenceId` as the recording of a call with `numberId` within 60 s of `utcMs`, or
    /// remembers it for a later import. Returns true when linked now.
    bool linkRecording(qint64 evidenceId, qint64 numberId, qint64 utcMs, qint64 seq);
    void loadPendingRecordings();
};

struct CaseFile::Impl final : CaseState
{
};

/// User-facing messages use the "Dossier" translation context.
#define DOSSIER_TR(text) QCoreApplication::translate("Dossier", text)

} // namespace Dossier
