// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "common/records.h"
#include "common/result.h"

class QIODevice;

namespace Dossier {

/// Reports progress; return false to ask the work to stop (it then fails with ErrorCode::Cancelled).
using ProgressFn = std::function<bool(qint64 done, qint64 total)>;

/// Where an importer puts what it parsed. Implemented by the case file; importers never see SQL.
/// Everything added through one sink belongs to one transaction: it all lands on commit, or none of it.
class ImportSink
{
public:
    virtual ~ImportSink() = default;

    /// Facts about the imported file itself (image size, EXIF time, time in the file name, app,
    /// recording duration ...), stored as JSON with its evidence row.
    virtual void setSourceMetadata(const QJsonObject &metadata) = 0;
    /// A small PNG preview of the imported file (screenshots, photos).
    virtual void setSourceThumbnail(const QByteArray &png) = 0;
    /// The imported file is a call recording: link it to the call with this number within a minute
    /// of `at`, now or when such a call is imported later.
    virtual void setRecordingOf(const QString &rawNumber, SourceTime at) = 0;

    /// Adds one event. An event already in the case (same dedupe key) is counted as a duplicate.
    virtual Result<void> addEvent(const EventRecord &record) = 0;
    /// The same for a record the importer has done with: its strings can be moved instead of
    /// shared (a million records, each copied and then freed, cost more than parsing some).
    Result<void> addEvent(EventRecord &&record) { return takeEvent(std::move(record)); }
    /// Adds or merges one of the user's own contacts.
    virtual Result<void> addContact(const ContactRecord &contact) = 0;
    /// Stores a file found inside the import as evidence (streamed); returns its SHA-256 (hex).
    virtual Result<QString> addAttachment(const AttachmentRecord &attachment, QIODevice &data) = 0;
    /// A record the importer skipped on purpose; counted and named in the result.
    virtual void reject(const QString &locator, const QString &reason) = 0;

  protected:
    /// addEvent() of a record that may be moved from; by default it is added as a copy.
    virtual Result<void> takeEvent(EventRecord &&record) { return addEvent(std::as_const(record)); }
};

struct ImportCounts
{
    int added = 0;      ///< new events + contacts
    int duplicates = 0; ///< events or contacts already in the case
    int rejected = 0;   ///< records skipped (see ImportSink::reject)
    QStringList warnings; ///< "line 12: reason" for each rejected record
};

/// One file's import: an ImportSink that is committed or rolled back as a whole.
class ImportSession : public ImportSink
{
public:
    /// Writes the audit entry and commits. The counts describe what this file added.
    virtual Result<ImportCounts> commit() = 0;
    /// Drops everything added through this session. Also done by the destructor if not committed.
    virtual void rollback() = 0;
};

/// A small file read whole before its import (on another thread, while the previous file is
/// written), with the SHA-256 of what was read.
struct ReadAhead
{
    QByteArray contents;
    QString sha256;    ///< lowercase hex
    QString mediaType; ///< sniffMediaType() of it; empty: the case file works it out
};

/// Something that accepts imports: the open case file.
class ImportTarget
{
public:
    virtual ~ImportTarget() = default;
    virtual CaseSettings settings() const = 0;
    /// Stores `path` byte for byte as evidence (acquired by import, in `format`) and opens a
    /// transaction for the records parsed from it.
    virtual Result<std::unique_ptr<ImportSession>> beginImport(const QString &path,
                                                               const QString &format) = 0;
    /// beginImport() for a file already read whole: stores `readAhead.contents` (re-read from
    /// the case and checked against `readAhead.sha256` before commit, like any original)
    /// instead of reading `path` again; a file already in the case is not stored twice.
    virtual Result<std::unique_ptr<ImportSession>>
    beginImportReadAhead(const QString &path, const QString &format, const ReadAhead &readAhead)
    {
        Q_UNUSED(readAhead);
        return beginImport(path, format);
    }

    /// Groups the imports begun until commitBatch() into one write transaction. Each file still
    /// lands whole or not at all (its session is a savepoint inside the batch), but many small
    /// files then cost one commit instead of one each. Nothing is durable before commitBatch().
    virtual Result<void> beginBatch() { return {}; }
    /// Makes every import committed since beginBatch() durable. On failure none of them is.
    virtual Result<void> commitBatch() { return {}; }
    /// Drops every import committed since beginBatch().
    virtual void rollbackBatch() {}
};

} // namespace Dossier
