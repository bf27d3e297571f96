// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/runner.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "common/mediatype.h"
#include "common/sha256.h"
#include "importers/registry.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

QString formatList()
{
    QStringList ids;
    for (const auto &importer : allImporters())
        ids << importer->format();
    return ids.join(u", "_s);
}

// A case file (and SQLite's side files) lying in an imported folder is never evidence.
bool isCaseFile(const QString &name)
{
    static const QStringList suffixes = {u".dossier"_s, u".dossier-journal"_s,
                                         u".dossier-wal"_s, u".dossier-shm"_s};
    for (const QString &suffix : suffixes) {
        if (name.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

struct Item
{
    QString path;
    bool explicitlyNamed = false;
};

// Files below `root`, sorted by path, leaving out hidden files and anything in hidden folders.
QStringList filesBelow(const QString &root)
{
    QStringList files;
    const QDir rootDir(root);
    QDirIterator it(root, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = rootDir.relativeFilePath(path);
        const QStringList parts = relative.split(u'/', Qt::SkipEmptyParts);
        const bool hidden = std::any_of(parts.cbegin(), parts.cend(),
                                        [](const QString &part) { return part.startsWith(u'.'); });
        if (hidden || isCaseFile(it.fileName()))
            continue;
        files << path;
    }
    files.sort();
    return files;
}

QList<Item> expand(const QStringList &paths)
{
    QList<Item> items;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QStringList files = filesBelow(path);
            for (const QString &file : files)
                items.append({file, false});
        } else {
            items.append({path, true});
        }
    }
    return items;
}

Error readError(const QString &path, const QString &detail)
{
    return makeError(ErrorCode::Io, tr("Cannot read %1.").arg(path), detail);
}

// Files up to this size are read whole ahead of their import; larger ones are streamed as before.
constexpr qint64 READ_WHOLE_BYTES = 8LL * 1024 * 1024;
// How far the reader may run ahead of the import.
constexpr int AHEAD_FILES = 16;
constexpr qint64 AHEAD_BYTES = 64LL * 1024 * 1024;

// Collects what a metadata-only importer says about a file, for the import's own session.
class MetadataSink final : public ImportSink
{
public:
    void setSourceMetadata(const QJsonObject &metadata) override { m_metadata = metadata; }
    void setSourceThumbnail(const QByteArray &png) override { m_thumbnail = png; }
    void setRecordingOf(const QString &rawNumber, SourceTime at) override
    {
        m_recordingOf = {rawNumber, at};
    }
    // A record means the importer is not metadata-only: the file is parsed again, for real.
    Result<void> addEvent(const EventRecord &) override { return refuse(); }
    Result<void> addContact(const ContactRecord &) override { return refuse(); }
    Result<QString> addAttachment(const AttachmentRecord &, QIODevice &) override
    {
        return refuse();
    }
    void reject(const QString &, const QString &) override { m_records = true; }

    bool onlyMetadata() const { return !m_records; }
    void replay(ImportSink &sink) const
    {
        if (m_metadata)
            sink.setSourceMetadata(*m_metadata);
        if (m_thumbnail)
            sink.setSourceThumbnail(*m_thumbnail);
        if (m_recordingOf)
            sink.setRecordingOf(m_recordingOf->first, m_recordingOf->second);
    }

private:
    Error refuse()
    {
        m_records = true;
        return makeError(ErrorCode::Internal, u"records are not collected ahead"_s);
    }

    std::optional<QJsonObject> m_metadata;
    std::optional<QByteArray> m_thumbnail;
    std::optional<std::pair<QString, SourceTime>> m_recordingOf;
    bool m_records = false;
};

/// One file as the reader found it.
struct Prepared
{
    std::optional<Error> error; ///< it could not be opened
    const Importer *importer = nullptr;
    qint64 size = 0;
    bool whole = false; ///< `contents` is the whole file
    QByteArray contents;
    QString sha256; ///< of `contents`, so the case need not read and hash the file again
    QString mediaType; ///< of `contents`, worked out here for the same reason
    /// Screenshots are parsed ahead too (they only describe themselves): the result, and what
    /// the importer said, to be handed to the file's session.
    std::optional<Result<void>> parsed;
    std::shared_ptr<MetadataSink> metadata;
};

/// Opens, sniffs and (when small) reads and hashes the files of an import on a thread of its own,
/// in order, while the case file writes the ones before: the import then waits on neither the
/// disk nor the sniffers. Screenshots are parsed there too; every other importer, and the case
/// file, are used on the caller's thread only.
class Reader final
{
public:
    Reader(const QList<Item> &items, const Importer *forced, const ImportContext &context)
        : m_items(items), m_forced(forced), m_context(context), m_thread([this] { run(); })
    {
    }
    ~Reader()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_space.notify_all();
        m_thread.join();
    }
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    /// The next file, in order; waits for the reader if it is behind.
    Prepared take()
    {
        std::unique_lock lock(m_mutex);
        m_takerWaiting = true;
        m_filled.wait(lock, [this] { return !m_ready.empty(); });
        m_takerWaiting = false;
        Prepared next = std::move(m_ready.front());
        m_ready.pop_front();
        m_bytesAhead -= next.contents.size();
        // Waking a thread is a system call: only when the reader waits for room.
        const bool wake = m_readerWaiting && hasRoom();
        lock.unlock();
        if (wake)
            m_space.notify_one();
        return next;
    }

private:
    bool hasRoom() const { return int(m_ready.size()) < AHEAD_FILES && m_bytesAhead < AHEAD_BYTES; }

    void run()
    {
        for (const Item &item : m_items) {
            {
                std::unique_lock lock(m_mutex);
                m_readerWaiting = true;
                m_space.wait(lock, [this] { return m_stopping || hasRoom(); });
                m_readerWaiting = false;
                if (m_stopping)
                    return;
            }
            Prepared prepared = prepare(item.path);
            std::unique_lock lock(m_mutex);
            m_bytesAhead += prepared.contents.size();
            m_ready.push_back(std::move(prepared));
            const bool wake = m_takerWaiting;
            lock.unlock();
            if (wake)
                m_filled.notify_one();
        }
    }

    Prepared prepare(const QString &path) const
    {
        Prepared prepared;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            prepared.error = QFileInfo::exists(path)
                                 ? readError(path, file.errorString())
                                 : makeError(ErrorCode::NotFound, tr("%1 does not exist.").arg(path));
            return prepared;
        }
        prepared.size = file.size();
        prepared.importer = m_forced;
        if (!prepared.importer) {
            // peek() leaves the bytes in the device's buffer for the read below.
            QByteArray head = file.peek(16);
            if (const qsizetype need = sniffHeadSize(head); need > head.size())
                head = file.peek(need);
            prepared.importer = sniffImporter(path, head);
        }
        if (prepared.importer && prepared.size <= READ_WHOLE_BYTES) {
            prepared.contents = file.readAll();
            // A file that changed size meanwhile is read again, streamed, by its import.
            prepared.whole = prepared.contents.size() == prepared.size;
            if (prepared.whole) {
                prepared.sha256 = Sha256::hex(prepared.contents);
                prepared.mediaType =
                    sniffMediaType(QFileInfo(path).fileName(), prepared.contents.left(64 * 1024));
            } else {
                prepared.contents.clear();
            }
        }
        if (prepared.whole && prepared.importer->format() == u"image"_s)
            parseAhead(path, prepared);
        return prepared;
    }

    void parseAhead(const QString &path, Prepared &prepared) const
    {
        QBuffer buffer(&prepared.contents);
        buffer.open(QIODevice::ReadOnly);
        auto sink = std::make_shared<MetadataSink>();
        ImportContext context = m_context;
        context.progress = [](qint64, qint64) { return true; }; // the import thread reports
        Result<void> parsed;
        try {
            parsed = prepared.importer->parse(buffer, path, context, *sink);
        } catch (const std::exception &) {
            return; // parsed again on the import thread, which reports it
        }
        if (!sink->onlyMetadata())
            return;
        prepared.parsed = parsed;
        prepared.metadata = std::move(sink);
    }

    const QList<Item> &m_items;
    const Importer *const m_forced;
    const ImportContext m_context;
    std::mutex m_mutex;
    std::condition_variable m_space;  ///< the reader waits for room ahead
    std::condition_variable m_filled; ///< the import waits for the next file
    bool m_readerWaiting = false;
    bool m_takerWaiting = false;
    std::deque<Prepared> m_ready;
    qint64 m_bytesAhead = 0;
    bool m_stopping = false;
    std::thread m_thread; // last: started once everything above exists
};

} // namespace

namespace {

// A file this large (or as large as a whole batch) is imported in a transaction of its own, as
// before batching: it gains nothing from sharing a commit and would only hold others back.
constexpr qint64 ALONE_BYTES = 64LL * 1024 * 1024;

// The files imported since ImportTarget::beginBatch(), not yet durable.
class Batch final
{
public:
    Batch(ImportTarget &target, QList<FileOutcome> &outcomes, const RunOptions &options)
        : m_target(target), m_outcomes(outcomes), m_options(options)
    {
    }
    ~Batch() { flush(); }

    /// Opens a batch for the next file unless it should go alone.
    void prepare(qint64 fileSize)
    {
        if (fileSize >= std::min(ALONE_BYTES, m_options.batchBytes) || m_options.batchFiles <= 1) {
            flush();
            return;
        }
        if (m_open || m_broken)
            return;
        // A target that cannot batch still imports, one transaction per file.
        m_open = bool(m_target.beginBatch());
        m_broken = !m_open;
    }

    /// The outcome at `index` was committed inside the batch (if one is open).
    void committed(qsizetype index, qint64 fileSize)
    {
        if (!m_open)
            return;
        m_pending.append(index);
        m_bytes += fileSize;
        if (m_pending.size() >= m_options.batchFiles || m_bytes >= m_options.batchBytes)
            flush();
    }

    /// Makes the batch durable; if that fails, none of its files landed and each says why.
    void flush()
    {
        if (!m_open)
            return;
        m_open = false;
        const Result<void> done = m_target.commitBatch();
        if (!done) {
            for (const qsizetype index : std::as_const(m_pending)) {
                m_outcomes[index].counts = {};
                m_outcomes[index].error = done.error();
            }
        }
        m_pending.clear();
        m_bytes = 0;
    }

private:
    ImportTarget &m_target;
    QList<FileOutcome> &m_outcomes;
    const RunOptions &m_options;
    bool m_open = false;
    bool m_broken = false;
    qint64 m_bytes = 0;
    QList<qsizetype> m_pending;
};

} // namespace

QList<FileOutcome> importPaths(ImportTarget &target, const QStringList &paths,
                               const RunOptions &options)
{
    QList<FileOutcome> outcomes;
    const QList<Item> items = expand(paths);
    const int count = int(items.size());

    const Importer *forced = nullptr;
    if (!options.format.isEmpty()) {
        forced = importerFor(options.format);
        if (!forced) {
            const Error error = makeError(
                ErrorCode::Usage,
                tr("Unknown format \"%1\"; formats: %2.").arg(options.format, formatList()));
            for (const Item &item : items)
                outcomes.append({item.path, {}, {}, error});
            if (items.isEmpty()) { // an empty folder must still say why nothing happened
                for (const QString &path : paths)
                    outcomes.append({path, {}, {}, error});
            }
            return outcomes;
        }
    }

    const CaseSettings settings = target.settings();
    bool cancelled = false;
    const auto report = [&](int index, qint64 done, qint64 total) {
        if (cancelled)
            return false;
        if (options.progress && !options.progress(index, count, done, total))
            cancelled = true;
        return !cancelled;
    };
    const auto cancelledError = [](const QString &path) {
        return makeError(ErrorCode::Cancelled,
                         tr("%1 was not imported: the import was cancelled.").arg(path));
    };

    Batch batch(target, outcomes, options);
    auto reader = std::make_unique<Reader>(items, forced,
                                              ImportContext{settings, options.platform, {}});
    for (int index = 0; index < count; ++index) {
        const Item &item = items.at(index);
        FileOutcome outcome{item.path, {}, {}, std::nullopt};

        if (cancelled) {
            reader.reset(); // nothing more to read
            outcome.error = cancelledError(item.path);
            outcomes.append(outcome);
            continue;
        }

        Prepared prepared = reader->take();
        if (prepared.error) {
            outcome.error = prepared.error;
            outcomes.append(outcome);
            continue;
        }
        const qint64 total = prepared.size;
        const Importer *importer = prepared.importer;
        if (!importer) {
            // Inside a folder, unknown files are simply not ours; a named file must be.
            if (item.explicitlyNamed) {
                outcome.error = makeError(
                    ErrorCode::Unsupported,
                    tr("%1 is not a file Dossier can import; formats: %2.")
                        .arg(item.path, formatList()));
                outcomes.append(outcome);
            }
            continue;
        }
        outcome.format = importer->format();

        if (!report(index, 0, total)) {
            outcome.error = cancelledError(item.path);
            outcomes.append(outcome);
            continue;
        }

        // The importer reads what was read ahead, or streams the file when it is large.
        QBuffer buffer(&prepared.contents);
        QFile file(item.path);
        QIODevice *device = &buffer;
        if (prepared.whole) {
            buffer.open(QIODevice::ReadOnly);
        } else {
            if (!file.open(QIODevice::ReadOnly)) {
                outcome.error = readError(item.path, file.errorString());
                outcomes.append(outcome);
                continue;
            }
            device = &file;
        }

        batch.prepare(total);
        auto session = prepared.whole
                           ? target.beginImportReadAhead(item.path, importer->format(),
                                                         {prepared.contents, prepared.sha256,
                                                          prepared.mediaType})
                           : target.beginImport(item.path, importer->format());
        if (!session) {
            outcome.error = session.error();
            outcomes.append(outcome);
            continue;
        }

        ImportContext context{settings, options.platform,
                              [&](qint64 done, qint64 all) { return report(index, done, all); }};
        Result<void> parsed;
        try {
            if (prepared.parsed) {
                parsed = *prepared.parsed;
                prepared.metadata->replay(**session);
                if (parsed && !report(index, total, total))
                    parsed = makeError(ErrorCode::Cancelled, {});
            } else {
                parsed = importer->parse(*device, item.path, context, **session);
            }
        } catch (const std::exception &e) {
            parsed = makeError(ErrorCode::Internal,
                               tr("Importing %1 failed unexpectedly.").arg(item.path),
                               QString::fromUtf8(e.what()));
        }
        if (parsed && cancelled)
            parsed = makeError(ErrorCode::Cancelled, {});
        if (!parsed) {
            (*session)->rollback();
            Error error = parsed.error();
            if (cancelled || error.code == ErrorCode::Cancelled) {
                cancelled = true;
                error = makeError(ErrorCode::Cancelled,
                                  tr("Importing %1 was cancelled; nothing from it was kept.")
                                      .arg(item.path),
                                  error.toString());
            }
            outcome.error = error;
            outcomes.append(outcome);
            continue;
        }

        auto committed = (*session)->commit();
        if (!committed) {
            (*session)->rollback();
            outcome.error = committed.error();
            outcomes.append(outcome);
            continue;
        }
        session->reset(); // the batch can only be committed with no import open
        outcome.counts = *committed;
        outcomes.append(outcome);
        report(index, total, total);
        batch.committed(outcomes.size() - 1, total);
    }
    batch.flush(); // also after a cancel: the files finished before it are kept
    return outcomes;
}

} // namespace Dossier::Import
