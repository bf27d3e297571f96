// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: one file's import into the case, as one transaction with one audit entry.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "casefile/casefileimpl.h"

namespace Dossier {

class CaseImportSession final : public ImportSession
{
public:
    CaseImportSession(CaseState *impl, QString path, QString format);
    ~CaseImportSession() override;
    CaseImportSession(const CaseImportSession &) = delete;
    CaseImportSession &operator=(const CaseImportSession &) = delete;

    /// Opens the transaction and stores the source file (or what was read of it ahead) as
    /// evidence.
    Result<void> start(const ReadAhead *readAhead);
    /// The case file is closing: roll back and forget it.
    void detach();

    void setSourceMetadata(const QJsonObject &metadata) override;
    void setSourceThumbnail(const QByteArray &png) override;
    void setRecordingOf(const QString &rawNumber, SourceTime at) override;
    Result<void> addEvent(const EventRecord &record) override;
    Result<void> addContact(const ContactRecord &contact) override;
    Result<QString> addAttachment(const AttachmentRecord &attachment, QIODevice &data) override;
    void reject(const QString &locator, const QString &reason) override;
    Result<ImportCounts> commit() override;
    void rollback() override;

protected:
    Result<void> takeEvent(EventRecord &&record) override;

private:
    Result<void> usable() const;
    Error failed(const Sql::Failure &failure);
    bool open() const { return m_tx || m_savepoint; }
    /// Waits for the background writer, then writes the events still in m_pending; after it
    /// the database is this thread's again (throws Sql::Failure).
    void flushEvents();
    /// Writes a chunk of prepared events and counts them (either thread; throws Sql::Failure).
    void writeChunk(PreparedEvents &chunk, bool onWriter);
    void enqueue(PreparedEvents chunk);
    void startWriter();
    void writerLoop();
    void stopWriter();

    CaseState *m_impl = nullptr;
    std::unique_ptr<Sql::Transaction> m_tx;     ///< a file on its own
    std::unique_ptr<Sql::Savepoint> m_savepoint; ///< a file inside a batch (CaseFile::beginBatch)
    QString m_path;
    QString m_format;
    qint64 m_seq = 0;
    EvidenceAdded m_source;
    std::optional<QJsonObject> m_metadata;
    std::optional<QByteArray> m_thumbnail;
    OrdinalCounter m_ordinals;
    PreparedEvents m_pending; ///< prepared, written in chunks
    std::vector<std::optional<qint64>> m_ids;

    // Large imports prepare events on the importer's thread (normalising, hashing) and write
    // them on this one, so that parsing and writing use two cores. Anything else that touches
    // the database first waits until the writer is idle (flushEvents()).
    std::thread m_writer;
    std::mutex m_mutex;
    std::condition_variable m_wake; ///< the writer waits for work or stop
    std::condition_variable m_idle; ///< the importer waits for room or idleness
    std::deque<PreparedEvents> m_queue;
    /// Written chunks go back to be freed where they were allocated: freeing them on the
    /// writer made both threads wait on the allocator's locks.
    std::vector<PreparedEvents> m_written;
    /// Some of them, kept to be filled again (allocating fresh buffers for every chunk cost
    /// a page fault per 4 KiB of them). Importing thread only.
    std::vector<PreparedEvents> m_spare;
    bool m_writing = false;
    /// Of the two threads, the importing one was the last to wait for the other (queue full);
    /// false when the writer was (queue empty). Decides who finishes chunks (takeEvent()).
    bool m_importerWaitedLast = false;
    /// A large source file still being stored by the writer, a chunk at a time between chunks
    /// of events (CaseState::storeReservedChunk).
    std::unique_ptr<CaseState::ReservedStore> m_sourceStore;
    bool m_sourcePending = false;
    int m_writesSinceWriteback = 0; ///< writer thread only
    EventFinisher m_writerFinisher; ///< writer thread only
    bool m_stop = false;
    std::atomic<bool> m_writerFailed = false;
    std::optional<Error> m_writerError;
    ImportCounts m_counts;
    int m_eventsAdded = 0;
    int m_contactsAdded = 0;
    int m_attachments = 0;
    QStringList m_droppedIndexes; ///< recreated before commit
    std::optional<Error> m_error; ///< a write failed: the session can only be rolled back
};

} // namespace Dossier
