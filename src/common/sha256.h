// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "common/importsink.h"
#include "common/result.h"

class QIODevice;

namespace Dossier {

/// Streaming SHA-256 through OpenSSL EVP (uses SHA-NI; about 6x faster than QCryptographicHash).
class Sha256 final
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const char *data, qsizetype size);
    void add(const QByteArray &data) { add(data.constData(), data.size()); }
    /// Finishes and returns 32 raw bytes; the object is reset for reuse.
    QByteArray result();
    /// Finishes and returns 64 lowercase hex characters.
    QString hexResult() { return QString::fromLatin1(result().toHex()); }

    static QString hex(const QByteArray &data);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Hashes a device from its current position to the end in 1 MiB chunks.
Result<QString> sha256Hex(QIODevice &device, const ProgressFn &progress = {});
/// Hashes a file on disk.
Result<QString> sha256HexOfFile(const QString &path, const ProgressFn &progress = {});

} // namespace Dossier
