// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile/importsession.h"

#include <cstring>
#include <exception>

#include <pthread.h>

#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include "casefile/schema.h"
#include "phone/phonenormalizer.h"

using namespace Qt::StringLiterals;

namespace Dossier {

using Sql::Query;
using Sql::textOrNull;

namespace {

// A session that adds this many events to a case that held fewer builds the secondary event
// indexes once at the end instead of row by row.
constexpr qint64 BULK_EVENTS = 50000;
// Events are prepared one by one and written this many at a time.
constexpr size_t PENDING_EVENTS = 512;
size_t eventsTableIndex()
{
    static const size_t index = [] {
        const auto &tables = Schema::auditedTables();
        for (size_t i = 0; i < tables.size(); ++i) {
            if (std::strcmp(tables[i].name, "events") == 0)
                return i;
        }
        return tables.size();
    }();
    return index;
}

} // namespace

CaseImportSession::CaseImportSession(CaseState *impl, QString path, QString format)
    : m_impl(impl), m_path(std::move(path)), m_format(std::move(format))
{
}

CaseImportSession::~CaseImportSession()
{
    rollback();
}

Result<void> CaseImportSession::start(const ReadAhead *readAhead)
{
    try {
        if (m_impl->batch)
            m_savepoint = std::make_unique<Sql::Savepoint>(*m_impl->db, "import_file");
        else
            m_tx = std::make_unique<Sql::Transaction>(*m_impl->db);
        m_seq = m_impl->nextAuditSeq();
        bool chunksLater = false;
        m_source = m_impl->storeEvidenceFile(m_path, u"import:"_s + m_format, m_seq, readAhead,
                                             {}, &chunksLater);
        // A large file is stored by the writer thread whenever it has no events to write.
        if (chunksLater) {
            m_sourceStore = std::make_unique<CaseState::ReservedStore>(m_source, m_path);
            m_sourcePending = true;
            startWriter();
        }
    } catch (const Sql::Failure &failure) {
        m_savepoint.reset();
        m_tx.reset();
        m_impl->clearCaches();
        return failure.error;
    }
    return {};
}

void CaseImportSession::detach()
{
    rollback();
    m_impl = nullptr;
}

Result<void> CaseImportSession::usable() const
{
    if (!m_impl || !open())
        return makeError(ErrorCode::Usage,
                         DOSSIER_TR("The import of %1 is already finished.").arg(m_path));
    if (m_error)
        return *m_error;
    return {};
}

Error CaseImportSession::failed(const Sql::Failure &failure)
{
    // A statement failed half-way through a record: only a rollback can restore consistency.
    Error e = failure.error;
    if (e.message.isEmpty())
        e.message = DOSSIER_TR("Importing %1 failed.").arg(m_path);
    m_error = e;
    return e;
}

void CaseImportSession::setSourceMetadata(const QJsonObject &metadata)
{
    m_metadata = metadata;
}

void CaseImportSession::setSourceThumbnail(const QByteArray &png)
{
    m_thumbnail = png;
}

void CaseImportSession::setRecordingOf(const QString &rawNumber, SourceTime at)
{
    if (!usable())
        return;
    try {
        flushEvents();
        const auto number = m_impl->numberRef(rawNumber, m_seq);
        if (number)
            m_impl->linkRecording(m_source.id, number->id, at.utcMs, m_seq);
    } catch (const Sql::Failure &failure) {
        failed(failure);
    }
}

Result<void> CaseImportSession::addEvent(const EventRecord &record)
{
    return takeEvent(EventRecord(record));
}

Result<void> CaseImportSession::takeEvent(EventRecord &&record)
{
    if (auto ok = usable(); !ok)
        return ok;
    if (m_writerFailed.load()) {
        const std::lock_guard lock(m_mutex);
        return failed(Sql::Failure{*m_writerError});
    }
    try {
        m_impl->prepareEvent(std::move(record), &m_ordinals, {}, m_seq, m_source.id, m_pending);
        if (m_pending.size() >= PENDING_EVENTS) {
            // The text and canonical forms are made by whichever thread has time to spare:
            // here when the writer has work waiting or this thread last waited for it, else
            // by the writer. Which one that is depends on the file (a million SMS backup calls
            // keep this thread the busier, a carrier CSV the writer) and can change on the way.
            bool writerBusy = false;
            {
                const std::lock_guard lock(m_mutex);
                writerBusy = !m_queue.empty() || m_importerWaitedLast;
            }
            if (writerBusy)
                CaseState::finishEvents(m_pending, m_impl->finisher);
            enqueue(std::move(m_pending));
            if (!m_spare.empty()) {
                m_pending = std::move(m_spare.back());
                m_spare.pop_back();
                m_pending.clear();
            } else {
                m_pending = {};
                m_pending.events.reserve(PENDING_EVENTS);
                m_pending.text.reserve(PENDING_EVENTS * 64);
                m_pending.canonical.reserve(PENDING_EVENTS * 256);
            }
        }
    } catch (const Sql::Failure &failure) {
        return failed(failure);
    }
    return {};
}

void CaseImportSession::startWriter()
{
    m_writer = std::thread([this] { writerLoop(); });
}

void CaseImportSession::enqueue(PreparedEvents chunk)
{
    if (!m_writer.joinable())
        startWriter();
    std::vector<PreparedEvents> written;
    std::unique_lock lock(m_mutex);
    // A few chunks in flight keep both threads busy and memory bounded.
    if (m_queue.size() >= 3)
        m_importerWaitedLast = true;
    m_idle.wait(lock, [&] { return m_queue.size() < 3 || m_writerFailed.load(); });
    written.swap(m_written);
    if (m_writerFailed.load())
        return;
    m_queue.push_back(std::move(chunk));
    lock.unlock();
    m_wake.notify_one();
    // `written` is kept for reuse or freed here, on the thread that allocated it.
    for (PreparedEvents &w : written) {
        if (m_spare.size() < 2)
            m_spare.push_back(std::move(w));
    }
}

void CaseImportSession::writerLoop()
{
    // Named so that top, gdb and perf can tell it from the thread that parses.
    pthread_setname_np(pthread_self(), "dossier-writer");
    for (;;) {
        PreparedEvents chunk;
        bool storeSource = false;
        {
            std::unique_lock lock(m_mutex);
            if (m_queue.empty())
                m_importerWaitedLast = false; // the writer waits (or stores the source) now
            m_wake.wait(lock, [&] { return m_stop || !m_queue.empty() || m_sourcePending; });
            if (m_stop)
                return;
            // Events first: the importer waits for room in the queue, the source can wait.
            if (!m_queue.empty()) {
                chunk = std::move(m_queue.front());
                m_queue.pop_front();
            } else {
                storeSource = true;
            }
            m_writing = true;
        }
        m_idle.notify_all();
        std::optional<Error> error;
        bool sourceDone = false;
        try {
            if (storeSource)
                sourceDone = !m_impl->storeReservedChunk(*m_sourceStore);
            else
                writeChunk(chunk, true);
        } catch (const Sql::Failure &failure) {
            error = failure.error;
        } catch (const std::exception &e) { // e.g. out of memory: fail the file, not the program
            error = makeError(ErrorCode::Internal,
                              DOSSIER_TR("Importing %1 failed.").arg(m_path),
                              QString::fromLocal8Bit(e.what()));
        }
        // About every 2 MiB of events or 16 MiB of source file.
        if (++m_writesSinceWriteback >= 16) {
            m_writesSinceWriteback = 0;
            m_impl->startWriteback();
        }
        {
            const std::lock_guard lock(m_mutex);
            if (error) {
                m_writerError = error;
                m_writerFailed = true;
                m_queue.clear();
                m_sourcePending = false;
            }
            if (sourceDone)
                m_sourcePending = false;
            m_writing = false;
            if (!storeSource)
                m_written.push_back(std::move(chunk));
        }
        m_idle.notify_all();
    }
}

void CaseImportSession::stopWriter()
{
    if (!m_writer.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    m_writer.join();
    m_written.clear();
}

void CaseImportSession::flushEvents()
{
    if (m_writer.joinable()) {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [&] { return m_queue.empty() && !m_writing && !m_sourcePending; });
        if (m_writerFailed.load())
            throw Sql::Failure{*m_writerError};
    }
    writeChunk(m_pending, false);
    m_pending.clear();
}

void CaseImportSession::writeChunk(PreparedEvents &chunk, bool onWriter)
{
    if (chunk.empty())
        return;
    CaseState::finishEvents(chunk, onWriter ? m_writerFinisher : m_impl->finisher);
    m_impl->writeEvents(chunk, m_seq, m_source.id, m_ids);
    for (const auto &id : m_ids) {
        if (id) {
            ++m_counts.added;
            ++m_eventsAdded;
        } else {
            ++m_counts.duplicates;
        }
    }
    // A bulk import into a case with few events builds the number index once at the end
    // (re-sorting the few existing entries costs little) when its events have many numbers:
    // kept up row by row, the index is then updated at as many places, mostly not in the
    // page cache. With few numbers (a chat export: senders by name, or one collector's
    // number) each new entry goes to the end of its number's run, which costs little.
    static constexpr size_t MANY_NUMBERS = 256;
    const size_t t = eventsTableIndex();
    if (m_eventsAdded >= BULK_EVENTS && m_droppedIndexes.isEmpty()
        && m_impl->eventReferences.numbers.size() > MANY_NUMBERS
        && t < m_impl->changeStartIds.size() && m_impl->changeStartIds[t] < BULK_EVENTS)
        m_droppedIndexes = m_impl->dropEventIndexes();
}

Result<void> CaseImportSession::addContact(const ContactRecord &contact)
{
    if (auto ok = usable(); !ok)
        return ok;
    try {
        flushEvents();
        CaseState &d = *m_impl;
        QList<QPair<qint64, QString>> numbers; // number id, raw
        for (const QString &raw : contact.numbers) {
            if (raw.trimmed().isEmpty())
                continue;
            if (const auto ref = d.numberRef(raw.trimmed(), m_seq))
                numbers.append({ref->id, raw.trimmed()});
        }
        QString name = contact.name.trimmed();
        if (name.isEmpty() && !numbers.isEmpty())
            name = numbers.first().second;
        if (name.isEmpty()) {
            reject(contact.locator, DOSSIER_TR("a contact without a name or number"));
            return {};
        }

        // Merge with a contact of the same name that shares a number (or where one side has
        // none); two different people called 张伟 with different numbers stay apart.
        std::optional<qint64> target;
        {
            Query q(d.db->cached("SELECT id FROM contacts WHERE name = ?1 ORDER BY id"));
            q->bind(1, name);
            QList<qint64> candidates;
            while (q->step())
                candidates << q->int64(0);
            q->reset();
            for (qint64 candidate : candidates) {
                QSet<qint64> known;
                Query n(d.db->cached("SELECT number_id FROM contact_numbers WHERE contact_id = ?1"));
                n->bind(1, candidate);
                while (n->step())
                    known.insert(n->int64(0));
                bool match = known.isEmpty() || numbers.isEmpty();
                for (const auto &[id, raw] : numbers)
                    match = match || known.contains(id);
                if (match) {
                    target = candidate;
                    break;
                }
            }
        }
        bool changed = false;
        if (!target) {
            QJsonArray emails;
            for (const QString &e : contact.emails)
                emails.append(e);
            const QString emailsText =
                emails.isEmpty() ? QString()
                                 : QString::fromUtf8(QJsonDocument(emails).toJson(
                                     QJsonDocument::Compact));
            target = d.insertRow("contacts", {m_seq, name, textOrNull(contact.relation),
                                              textOrNull(contact.organization),
                                              textOrNull(emailsText), m_source.id,
                                              textOrNull(contact.locator)});
            changed = true;
        }
        for (const auto &[id, raw] : numbers) {
            if (d.insertRow("contact_numbers", {m_seq, *target, id, raw},
                            "ON CONFLICT (contact_id, number_id) DO NOTHING"))
                changed = true;
        }
        if (changed) {
            ++m_counts.added;
            ++m_contactsAdded;
        } else {
            ++m_counts.duplicates;
        }
    } catch (const Sql::Failure &failure) {
        return failed(failure);
    }
    return {};
}

Result<QString> CaseImportSession::addAttachment(const AttachmentRecord &attachment,
                                                 QIODevice &data)
{
    if (auto ok = usable(); !ok)
        return ok.error();
    try {
        flushEvents(); // rows keep the order the importer gave them
        EvidenceInput input;
        input.originalName = attachment.fileName;
        input.mediaType = attachment.mediaType;
        input.method = u"attachment"_s;
        input.note = QFileInfo(m_path).fileName()
                     + (attachment.locator.isEmpty() ? QString() : u", "_s + attachment.locator);
        input.sourceLabel = attachment.fileName + u" (" + m_path + u')';
        const EvidenceAdded added = m_impl->storeEvidence(data, input, m_seq, {});
        ++m_attachments;
        return added.sha256;
    } catch (const Sql::Failure &failure) {
        return failed(failure);
    }
}

void CaseImportSession::reject(const QString &locator, const QString &reason)
{
    ++m_counts.rejected;
    m_counts.warnings << (locator.isEmpty() ? reason : locator + u": " + reason);
}

Result<ImportCounts> CaseImportSession::commit()
{
    if (auto ok = usable(); !ok) {
        rollback();
        return ok.error();
    }
    try {
        flushEvents();
        CaseState &d = *m_impl;
        if (!m_source.duplicate && (m_metadata || m_thumbnail)) {
            Query q(d.db->cached("UPDATE evidence SET metadata = ?1, thumbnail = ?2 WHERE id = ?3"));
            q->bind(1, m_metadata && !m_metadata->isEmpty()
                           ? QString::fromUtf8(QJsonDocument(*m_metadata).toJson(
                               QJsonDocument::Compact))
                           : QString());
            q->bindBlob(2, m_thumbnail.value_or(QByteArray()));
            q->bind(3, m_source.id);
            q->exec();
            Query r(d.statement(
                Schema::refreshDigestSql(Schema::table("evidence")).toStdString()));
            r->bind(1, m_source.id);
            r->exec();
        }
        if (!m_droppedIndexes.isEmpty()) {
            d.restoreIndexes(m_droppedIndexes);
            m_droppedIndexes.clear();
        }
        d.writeAuditEntry(m_seq, u"import"_s,
                          QJsonObject{{u"format"_s, m_format},
                                      {u"file"_s, QFileInfo(m_path).fileName()},
                                      {u"sha256"_s, m_source.sha256},
                                      {u"evidence_id"_s, m_source.id},
                                      {u"file_already_in_case"_s, m_source.duplicate},
                                      {u"added"_s, m_counts.added},
                                      {u"duplicates"_s, m_counts.duplicates},
                                      {u"rejected"_s, m_counts.rejected},
                                      {u"events_added"_s, m_eventsAdded},
                                      {u"contacts_added"_s, m_contactsAdded},
                                      {u"attachments"_s, m_attachments}});
        if (m_tx)
            m_tx->commit();
        else
            m_savepoint->release();
    } catch (const Sql::Failure &failure) {
        const Error e = failure.error;
        rollback();
        return e;
    }
    stopWriter();
    m_tx.reset();
    m_savepoint.reset();
    m_impl->activeSession = nullptr;
    return m_counts;
}

void CaseImportSession::rollback()
{
    stopWriter();
    m_droppedIndexes.clear(); // the rollback restores them
    m_pending.clear();
    if (!open())
        return;
    if (m_tx)
        m_tx->rollback();
    else
        m_savepoint->rollback();
    m_tx.reset();
    m_savepoint.reset();
    if (m_impl) {
        m_impl->clearCaches();
        m_impl->activeSession = nullptr;
    }
}

} // namespace Dossier
