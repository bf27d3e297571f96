// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QString>
#include <QStringDecoder>
#include <QStringView>

#include "common/result.h"

class QIODevice;

namespace Dossier::Import {

/// Reads RFC 4180 CSV in bounded memory: quoted fields may hold delimiters, line breaks and ""
/// escapes. Text is decoded incrementally (UTF-8, GB18030, UTF-16 via detectTextEncoding) and
/// fields are views into the reader's buffer, unescaped in place, so a row costs no allocation.
class CsvReader final
{
  public:
    /// `encoding` empty means detect from the first 64 KiB.
    explicit CsvReader(QIODevice &device, char16_t delimiter = u',', const QString &encoding = {});

    /// Reads the next record; false at the end of input or on error (see error()).
    bool next();
    /// The fields of the record last read; valid until the next call to next().
    const std::vector<QStringView> &fields() const { return m_fields; }
    /// 1-based number of the record last read.
    qint64 recordNumber() const { return m_recordNumber; }
    /// 1-based physical line on which the record last read starts.
    qint64 lineNumber() const { return m_lineNumber; }
    /// Bytes consumed from the device so far (for progress).
    qint64 bytesRead() const { return m_bytesRead; }
    QString encoding() const { return m_encoding; }
    bool hasError() const { return m_hasError; }
    const Error &error() const { return m_error; }
    /// True once any byte could not be decoded (it became U+FFFD).
    bool hadInvalidBytes() const { return m_invalid; }

    /// A record longer than this is an error (a stray quote would otherwise swallow the file).
    static constexpr qsizetype maxRecordChars() { return 8 * 1024 * 1024; }

    /// The delimiter that splits `line` into the most fields: ',', ';' or '\t' (quotes honoured).
    static char16_t sniffDelimiter(QStringView line);

  private:
    bool fill();
    void splitRecord(qsizetype begin, qsizetype end);

    QIODevice &m_device;
    char16_t m_delimiter;
    QString m_encoding;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    std::vector<QStringView> m_fields;
    qint64 m_recordNumber = 0;
    qint64 m_lineNumber = 0;
    qint64 m_nextLine = 1;
    qint64 m_bytesRead = 0;
    QByteArray m_chunk; ///< read buffer, reused for every chunk
    bool m_eof = false;
    bool m_started = false;
    bool m_hasError = false;
    bool m_invalid = false;
    Error m_error;
};

} // namespace Dossier::Import
