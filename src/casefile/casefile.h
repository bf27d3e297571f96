// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include "common/importsink.h"
#include "common/records.h"
#include "common/result.h"

namespace Dossier {

class PhoneNormalizer;

/// Options for a new case.
struct NewCaseOptions
{
    QString title;
    QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    Identities own;
};

/// What the meta table says about a case.
struct CaseInfo
{
    QString path;
    QString uuid;
    QString title;
    QTimeZone zone;
    Identities own;
    int schemaVersion = 0;
    int minReaderVersion = 0;
    QString createdAppVersion;
    QString lastWrittenAppVersion;
};

/// How an evidence file came into the case.
struct Acquisition
{
    QString method = QStringLiteral("add"); ///< add, import:<format>, attachment, incident
    QString note;
};

/// Result of storing one file.
struct EvidenceAdded
{
    qint64 id = 0;
    QString sha256;
    qint64 size = 0;
    bool duplicate = false; ///< the same bytes were already in the case; nothing new was stored
};

/// One stored original, as listed.
struct EvidenceRow
{
    qint64 id = 0;
    QString sha256;
    qint64 size = 0;
    QString originalName;
    QString mediaType;
    QString method;
    qint64 acquiredUtcMs = 0;
    std::optional<qint64> fileModifiedUtcMs;
    QJsonObject metadata;
};

/// An incident the user logs by hand (`dossier-cli log`).
struct IncidentInput
{
    SourceTime at;
    QString incidentType; ///< one of incidentTypes()
    QStringList numbers;  ///< raw
    QStringList contacts; ///< names of the user's own contacts reached (matched or created)
    QString platform;
    QString text;
    QStringList attachPaths; ///< files stored as evidence and linked
};

/// Filter for events(). Empty fields do not filter.
struct EventFilter
{
    std::optional<qint64> fromUtcMs; ///< inclusive
    std::optional<qint64> toUtcMs;   ///< exclusive
    QString number;                  ///< raw or E.164; normalised before matching
    std::optional<Channel> channel;
    QString search;                  ///< FTS5 trigram substring search over text
    int limit = -1;
};

/// One event as listed (the CLI contract's JSON fields).
struct EventRow
{
    qint64 id = 0;
    qint64 utcMs = 0;
    int offsetSeconds = 0;
    EventKind kind = EventKind::Message;
    Channel channel = Channel::Other;
    Direction direction = Direction::Unknown;
    QString e164;      ///< empty if the number is not a phone number
    QString rawNumber;
    QString counterpart;
    QString conversation;
    QString text;
    std::optional<qint64> durationS;
    QString evidenceSha256;
    QString locator;
    QString incidentType;
    QString platform;
    QStringList contactsReached;
    QStringList attachmentSha256;
};

/// One distinct number seen in the case.
struct NumberRow
{
    QString e164;   ///< empty for short codes and alphanumeric senders
    QString raw;    ///< first raw form seen
    QString region; ///< CN, HK ...
    QString type;   ///< mobile, fixed_line, toll_free, shared_cost, short_code, sms_sender, alphanumeric, invalid ...
    QString locationZh;
    QString locationEn;
    QString carrier;
    QString label;
    int events = 0;
    std::optional<qint64> firstUtcMs;
    std::optional<qint64> lastUtcMs;
};

struct CaseStats
{
    int events = 0;
    int calls = 0;
    int messages = 0;
    int incidents = 0;
    int numbers = 0;
    int evidence = 0;
    int contactsReached = 0;
    std::optional<qint64> firstUtcMs;
    std::optional<qint64> lastUtcMs;
    QList<QPair<QString, int>> byDay; ///< YYYY-MM-DD in the case zone -> count, ascending
};

/// One thing verify() found wrong.
struct VerifyProblem
{
    QString item;   ///< "evidence 3 (photo.png)", "event 17", "audit entry 42"
    QString reason; ///< "stored bytes hash to … but the record says …"
};

struct VerifyReport
{
    int evidenceChecked = 0;
    int eventsChecked = 0;
    int auditEntries = 0;
    QString auditHead; ///< hash of the last audit entry
    QList<VerifyProblem> problems;
    bool ok() const { return problems.isEmpty(); }
};

/// A Dossier case: one SQLite file holding originals, events, numbers, contacts and the audit log.
/// Every change is one transaction with one audit entry. Not thread-safe: one CaseFile per thread.
class CaseFile final : public ImportTarget
{
public:
    enum class Mode { ReadOnly, ReadWrite };

    /// Creates a new case file. Fails if `path` exists.
    static Result<std::unique_ptr<CaseFile>> create(const QString &path, const NewCaseOptions &options);
    /// Opens an existing case. Refuses files that are not Dossier cases, are damaged, or were
    /// written by a newer incompatible Dossier. In ReadWrite mode an older schema is migrated,
    /// after a backup next to the file (<name>.schema-vN.bak).
    static Result<std::unique_ptr<CaseFile>> open(const QString &path, Mode mode = Mode::ReadWrite);

    ~CaseFile() override;
    CaseFile(const CaseFile &) = delete;
    CaseFile &operator=(const CaseFile &) = delete;

    CaseInfo info() const;
    CaseSettings settings() const override;

    /// Stores a file byte for byte (streamed, chunked), re-hashing what was stored before commit.
    Result<EvidenceAdded> addEvidence(const QString &path, const Acquisition &how = {},
                                      const ProgressFn &progress = {});
    Result<QList<EvidenceRow>> evidence() const;
    /// Writes a stored original out to `destination` byte for byte.
    Result<void> extractEvidence(qint64 evidenceId, const QString &destination) const;

    /// The bytes of a stored original (checked against its SHA-256); fails for originals larger
    /// than `maxBytes`.
    Result<QByteArray> evidenceBytes(qint64 evidenceId, qint64 maxBytes) const;
    /// The stored preview (PNG) of an evidence file; empty when none was made yet. Previews are
    /// derived data, made after an import (see storeThumbnail), and not part of the audited record.
    Result<QByteArray> thumbnail(qint64 evidenceId) const;
    /// Stores (or replaces) the preview of an evidence file. A write of its own, outside imports
    /// (allowed inside a batch). An empty `png` records that no preview can be made, so that
    /// evidenceWithoutThumbnail() stops offering the file.
    Result<void> storeThumbnail(qint64 evidenceId, const QByteArray &png);
    /// Image evidence (media type image/*) that has no preview yet, in id order.
    Result<QList<qint64>> evidenceWithoutThumbnail() const;
    /// Brings the full-text index up to date after bulk imports (which leave their events to
    /// this pass; searches scan them with LIKE meanwhile). Returns how many events it covered.
    Result<qint64> updateSearchIndex();
    /// Logs an incident; returns the new event id.
    Result<qint64> logIncident(const IncidentInput &incident);

    /// Records that an export (report, bundle) was written: one audit entry with its name and
    /// SHA-256, so the hand-off can be matched to the case later.
    Result<void> recordExport(const QString &path, const QString &sha256);
    /// Annotates an event without altering it; returns the note id.
    Result<qint64> addNote(qint64 eventId, const QString &text);
    /// Tags an event (the tag is created when new); tagging twice changes nothing.
    Result<void> addTag(qint64 eventId, const QString &tag);

    Result<QList<EventRow>> events(const EventFilter &filter = {}) const;
    Result<QList<NumberRow>> numbers() const;
    Result<CaseStats> stats() const;

    /// Re-hashes every original, recomputes every row digest and the audit chain.
    Result<VerifyReport> verify(const ProgressFn &progress = {}) const;

    Result<std::unique_ptr<ImportSession>> beginImport(const QString &path,
                                                       const QString &format) override;
    Result<std::unique_ptr<ImportSession>> beginImportReadAhead(
        const QString &path, const QString &format, const ReadAhead &readAhead) override;
    Result<void> beginBatch() override;
    Result<void> commitBatch() override;
    void rollbackBatch() override;

    /// The current schema version this build writes.
    static int currentSchemaVersion();

private:
    Result<std::unique_ptr<ImportSession>> beginImportReadAhead(const QString &path,
                                                                const QString &format,
                                                                const ReadAhead &readAhead,
                                                                bool useReadAhead);
    struct Impl;
    explicit CaseFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace Dossier
