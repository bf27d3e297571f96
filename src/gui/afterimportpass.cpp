// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/afterimportpass.h"

#include <QThread>

#include "casefile/casefile.h"
#include "importers/image.h"

namespace Dossier {

namespace {

// One write transaction for many previews; all of them or none.
Result<void> storeAll(CaseFile &caseFile, const QList<std::pair<qint64, QByteArray>> &previews)
{
    if (auto begun = caseFile.beginBatch(); !begun)
        return begun;
    for (const auto &[id, png] : previews) {
        if (auto stored = caseFile.storeThumbnail(id, png); !stored) {
            caseFile.rollbackBatch();
            return stored;
        }
    }
    return caseFile.commitBatch();
}

} // namespace

AfterImportPass::AfterImportPass(QString casePath, QObject *parent)
    : QObject(parent), m_casePath(std::move(casePath))
{
}

AfterImportPass::~AfterImportPass()
{
    stop();
}

void AfterImportPass::start()
{
    if (m_thread)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_thread = QThread::create([this, path = m_casePath, cancel = m_cancel] {
        int made = 0;
        int failed = 0;
        QString error;
        const auto finish = [&] {
            const bool cancelled = cancel->load();
            QMetaObject::invokeMethod(
                this, [=, this] { onFinished(made, failed, cancelled, error); },
                Qt::QueuedConnection);
        };
        // CaseFile is not thread-safe: the worker has its own, like an import.
        auto opened = CaseFile::open(path, CaseFile::Mode::ReadWrite);
        if (!opened) {
            error = opened.error().toString();
            finish();
            return;
        }
        CaseFile &caseFile = **opened;
        // Searches are right without it (they scan what is not indexed yet), only slower.
        if (auto indexed = caseFile.updateSearchIndex(); !indexed) {
            error = indexed.error().toString();
            finish();
            return;
        }
        const auto ids = caseFile.evidenceWithoutThumbnail();
        if (!ids) {
            error = ids.error().toString();
            finish();
            return;
        }
        const int total = int(ids->size());
        for (int first = 0; first < total && !cancel->load(); first += CHUNK) {
            // Decode outside the write transaction so the case is locked only to store.
            QList<std::pair<qint64, QByteArray>> previews;
            const int end = std::min<int>(total, first + CHUNK);
            for (int i = first; i < end && !cancel->load(); ++i) {
                const qint64 id = ids->at(i);
                const auto bytes = caseFile.evidenceBytes(id, MAX_ORIGINAL_BYTES);
                const auto png = bytes ? Import::makeThumbnail(*bytes)
                                       : Result<QByteArray>(bytes.error());
                if (png) {
                    previews.append({id, *png});
                } else {
                    ++failed;
                    // A file that cannot be decoded (or is too large) will not change: an empty
                    // preview says so. One that fails its hash is left for verify to report.
                    if (bytes || bytes.error().code == ErrorCode::Unsupported)
                        previews.append({id, QByteArray("")});
                }
            }
            if (!previews.isEmpty()) {
                if (auto stored = storeAll(caseFile, previews); !stored) {
                    error = stored.error().toString();
                    break;
                }
                for (const auto &preview : previews)
                    made += preview.second.isEmpty() ? 0 : 1;
            }
            const int done = made + failed;
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        }
        finish();
    });
    m_thread->start();
}

void AfterImportPass::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void AfterImportPass::stop()
{
    if (!m_thread)
        return;
    cancel();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void AfterImportPass::onFinished(int made, int failed, bool cancelled, const QString &error)
{
    if (m_thread) {
        m_thread->wait(); // its function has returned; the thread is about to end
        delete m_thread;
        m_thread = nullptr;
    }
    emit finished(made, failed, cancelled, error);
}

} // namespace Dossier
