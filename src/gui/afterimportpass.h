// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>

#include <QObject>
#include <QString>

class QThread;

namespace Dossier {

/// Makes the derived data an import leaves for later, on a worker thread with its own CaseFile:
/// first it brings the full-text index up to date (CaseFile::updateSearchIndex), then it makes
/// the missing previews of the case's images, reading each stored original, decoding it to a
/// small PNG and storing the previews a few dozen at a time. What it stored is kept when it is
/// stopped; an image that cannot be previewed gets an empty preview and is not tried again.
class AfterImportPass final : public QObject
{
    Q_OBJECT

public:
    explicit AfterImportPass(QString casePath, QObject *parent = nullptr);
    /// Stops the worker and waits for it.
    ~AfterImportPass() override;

    void start();
    /// Asks the worker to stop after the preview it is making; returns at once.
    void cancel();
    /// Cancels and waits for the worker (at most one image decode).
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    QString casePath() const { return m_casePath; }

    /// Previews stored per write transaction.
    static constexpr int CHUNK = 32;
    /// Originals larger than this get no preview (no screenshot is anywhere near).
    static constexpr qint64 MAX_ORIGINAL_BYTES = 64LL * 1024 * 1024;

signals:
    /// `done` of `total` images handled so far (made or failed).
    void progress(int done, int total);
    /// The pass ended: `made` previews stored, `failed` images without one. `error` is set when
    /// the case could not be read or written at all.
    void finished(int made, int failed, bool cancelled, const QString &error);

private:
    void onFinished(int made, int failed, bool cancelled, const QString &error);

    QString m_casePath;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace Dossier
