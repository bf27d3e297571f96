// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/runner.h"

#include <algorithm>
#include <exception>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

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
    for (int index = 0; index < count; ++index) {
        const Item &item = items.at(index);
        FileOutcome outcome{item.path, {}, {}, std::nullopt};

        if (cancelled) {
            outcome.error = cancelledError(item.path);
            outcomes.append(outcome);
            continue;
        }

        QFile file(item.path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (!QFileInfo::exists(item.path))
                outcome.error = makeError(ErrorCode::NotFound,
                                          tr("%1 does not exist.").arg(item.path));
            else
                outcome.error = readError(item.path, file.errorString());
            outcomes.append(outcome);
            continue;
        }
        const qint64 total = file.size();

        const Importer *importer = forced;
        if (!importer) {
            // peek() leaves the bytes in the device's buffer for the importer to read again.
            QByteArray head = file.peek(16);
            if (const qsizetype need = sniffHeadSize(head); need > head.size())
                head = file.peek(need);
            importer = sniffImporter(item.path, head);
        }
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

        batch.prepare(total);
        auto session = target.beginImport(item.path, importer->format());
        if (!session) {
            outcome.error = session.error();
            outcomes.append(outcome);
            continue;
        }

        ImportContext context{settings, options.platform,
                              [&](qint64 done, qint64 all) { return report(index, done, all); }};
        Result<void> parsed;
        try {
            parsed = importer->parse(file, item.path, context, **session);
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
