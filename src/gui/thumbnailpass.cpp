// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/thumbnailpass.h"

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

ThumbnailPass::ThumbnailPass(QString casePath, QObject *parent)
    : QObject(parent), m_casePath(std::move(casePath))
{
}

ThumbnailPass::~ThumbnailPass()
{
    stop();
}

void ThumbnailPass::start()
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
                if (png)
                    previews.append({id, *png});
                else
                    ++failed; // kept without a preview; tried again the next time
            }
            if (!previews.isEmpty()) {
                if (auto stored = storeAll(caseFile, previews); !stored) {
                    error = stored.error().toString();
                    break;
                }
                made += int(previews.size());
            }
            const int done = made + failed;
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        }
        finish();
    });
    m_thread->start();
}

void ThumbnailPass::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ThumbnailPass::stop()
{
    if (!m_thread)
        return;
    cancel();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void ThumbnailPass::onFinished(int made, int failed, bool cancelled, const QString &error)
{
    if (m_thread) {
        m_thread->wait(); // its function has returned; the thread is about to end
        delete m_thread;
        m_thread = nullptr;
    }
    emit finished(made, failed, cancelled, error);
}

} // namespace Dossier
