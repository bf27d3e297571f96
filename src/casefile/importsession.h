// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: one file's import into the case, as one transaction with one audit entry.

#include <memory>
#include <optional>

#include "casefile/casefileimpl.h"

namespace Dossier {

class CaseImportSession final : public ImportSession
{
public:
    CaseImportSession(CaseState *impl, QString path, QString format);
    ~CaseImportSession() override;
    CaseImportSession(const CaseImportSession &) = delete;
    CaseImportSession &operator=(const CaseImportSession &) = delete;

    /// Opens the transaction and stores the source file as evidence.
    Result<void> start();
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

private:
    Result<void> usable() const;
    Error failed(const Sql::Failure &failure);
    bool open() const { return m_tx || m_savepoint; }

    CaseState *m_impl = nullptr;
    std::unique_ptr<Sql::Transaction> m_tx;     ///< a file on its own
    std::unique_ptr<Sql::Savepoint> m_savepoint; ///< a file inside a batch (CaseFile::beginBatch)
    QString m_path;
    QString m_format;
    qint64 m_seq = 0;
    EvidenceAdded m_source;
    std::optional<QJsonObject> m_metadata;
    std::optional<QByteArray> m_thumbnail;
    OrdinalMap m_ordinals;
    ImportCounts m_counts;
    int m_eventsAdded = 0;
    int m_contactsAdded = 0;
    int m_attachments = 0;
    QStringList m_droppedIndexes; ///< recreated before commit
    std::optional<Error> m_error; ///< a write failed: the session can only be rolled back
};

} // namespace Dossier
