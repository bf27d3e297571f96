// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringDecoder>

#include "common/result.h"

class QIODevice;

namespace Dossier {

/// Guesses the encoding of text from its first bytes: a BOM (UTF-8, UTF-16LE/BE), UTF-16 without
/// BOM (NUL pattern), then strict UTF-8, then GB18030 (a superset of GBK/GB2312).
/// Returns a name QStringDecoder accepts: "UTF-8", "UTF-16LE", "UTF-16BE" or "GB18030".
QString detectTextEncoding(const QByteArray &head);

/// True if `bytes` is valid UTF-8, allowing an incomplete sequence cut off at the very end.
bool isValidUtf8(const QByteArray &bytes);

/// Decodes a whole buffer with detectTextEncoding(); strips a BOM. Fails on undecodable bytes.
Result<QString> decodeText(const QByteArray &bytes, QString *encodingUsed = nullptr);

/// How many bytes to read next from `device` in chunks of at most `maxChunk`: no more than is left
/// of a file (a large block costs more than parsing a small file, most of all under a sanitizer),
/// but at least 4 KiB, since size() can fall short of what a device still holds (files in /proc
/// report 0); `maxChunk` for a pipe or socket. The end is where a read returns nothing.
qint64 nextReadSize(const QIODevice &device, qint64 maxChunk);

/// Reads the next chunk of at most `maxChunk` bytes (sized by nextReadSize()) into `buffer`,
/// which is reused from call to call (QIODevice::read(qint64) allocates a new block every time).
/// Empty at the end or on a read error.
QByteArrayView readChunk(QIODevice &device, QByteArray &buffer, qint64 maxChunk);

/// Reads text line by line in bounded memory, decoding incrementally. Line ends (\n, \r\n) are
/// stripped; a BOM at the start is dropped. A line longer than maxLineChars() is an error.
class LineReader final
{
public:
    /// `encoding` empty means detect from the first 64 KiB.
    explicit LineReader(QIODevice &device, const QString &encoding = {});

    /// The next line; false at the end of input or on error (see error()).
    bool next(QString &line);
    /// 1-based number of the line last returned by next().
    qint64 lineNumber() const { return m_lineNumber; }
    /// Bytes consumed from the device so far (for progress).
    qint64 bytesRead() const { return m_bytesRead; }
    QString encoding() const { return m_encoding; }
    bool hasError() const { return m_hasError; }
    const Error &error() const { return m_error; }
    /// True once any byte could not be decoded (it became U+FFFD).
    bool hadInvalidBytes() const { return m_invalid; }

    static constexpr qsizetype maxLineChars() { return 8 * 1024 * 1024; }

private:
    bool fill();

    QIODevice &m_device;
    QString m_encoding;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    qint64 m_lineNumber = 0;
    qint64 m_bytesRead = 0;
    QByteArray m_pending; ///< bytes read for detection, not yet decoded
    QByteArray m_chunk;   ///< reused read buffer
    QByteArray m_tail;    ///< the last bytes decoded, to spot a character cut off at the end
    bool m_eof = false;
    bool m_started = false;
    bool m_hasError = false;
    bool m_invalid = false;
    Error m_error;
};

} // namespace Dossier
