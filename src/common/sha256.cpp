// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/sha256.h"

#include <openssl/evp.h>

#include <QCoreApplication>
#include <QFile>

namespace Dossier {

struct Sha256::Impl
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>())
{
    EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::add(const char *data, qsizetype size)
{
    EVP_DigestUpdate(m_impl->ctx, data, size_t(size));
}

QByteArray Sha256::result()
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_impl->ctx, reinterpret_cast<unsigned char *>(out.data()), &len);
    EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr);
    return out;
}

QString Sha256::hex(const QByteArray &data)
{
    Sha256 h;
    h.add(data);
    return h.hexResult();
}

Result<QString> sha256Hex(QIODevice &device, const ProgressFn &progress)
{
    constexpr qint64 CHUNK = 1 << 20;
    Sha256 h;
    QByteArray buf(CHUNK, Qt::Uninitialized);
    qint64 done = 0;
    const qint64 total = device.isSequential() ? -1 : device.size() - device.pos();
    for (;;) {
        const qint64 n = device.read(buf.data(), CHUNK);
        if (n < 0)
            return makeError(ErrorCode::Io,
                             QCoreApplication::translate("Dossier", "Could not read the data."),
                             device.errorString());
        if (n == 0)
            break;
        h.add(buf.constData(), n);
        done += n;
        if (progress && !progress(done, total))
            return makeError(ErrorCode::Cancelled,
                             QCoreApplication::translate("Dossier", "Cancelled."));
    }
    return h.hexResult();
}

Result<QString> sha256HexOfFile(const QString &path, const ProgressFn &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         QCoreApplication::translate("Dossier", "Cannot read %1.").arg(path),
                         file.errorString());
    return sha256Hex(file, progress);
}

} // namespace Dossier
