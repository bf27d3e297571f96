// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/csvreader.h"

#include <QCoreApplication>
#include <QIODevice>

#include "common/textdecode.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

CsvReader::CsvReader(QIODevice &device, char16_t delimiter, const QString &encoding)
    : m_device(device)
    , m_delimiter(delimiter)
    , m_encoding(encoding)
{
    m_fields.reserve(32);
}

char16_t CsvReader::sniffDelimiter(QStringView line)
{
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    bool quoted = false;
    for (const QChar ch : line) {
        const char16_t c = ch.unicode();
        if (c == u'"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == u',')
            ++comma;
        else if (c == u';')
            ++semicolon;
        else if (c == u'\t')
            ++tab;
    }
    if (tab > comma && tab >= semicolon)
        return u'\t';
    if (semicolon > comma)
        return u';';
    return u',';
}

bool CsvReader::fill()
{
    constexpr qint64 CHUNK = 256 * 1024;
    const QByteArrayView bytes = readChunk(m_device, m_chunk, m_started ? CHUNK : 65536);
    if (!m_started) {
        m_started = true;
        if (m_encoding.isEmpty())
            m_encoding = detectTextEncoding(QByteArray::fromRawData(bytes.data(), bytes.size()));
        m_decoder = QStringDecoder(m_encoding.toLatin1().constData());
        if (!m_decoder.isValid()) {
            m_hasError = true;
            m_error = makeError(ErrorCode::Unsupported,
                                QCoreApplication::translate("Dossier", "Unknown text encoding %1.")
                                    .arg(m_encoding));
            return false;
        }
    }
    if (bytes.isEmpty()) {
        if (!m_device.atEnd() && !m_device.isSequential()) {
            m_hasError = true;
            m_error = makeError(ErrorCode::Io,
                                QCoreApplication::translate("Dossier", "Could not read the file."),
                                m_device.errorString());
        }
        m_eof = true;
        return false;
    }
    const bool first = m_bytesRead == 0;
    m_bytesRead += bytes.size();
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer += m_decoder.decode(bytes);
    if (m_decoder.hasError())
        m_invalid = true;
    if (first && m_buffer.startsWith(QChar(0xFEFF)))
        m_buffer.remove(0, 1);
    return true;
}

void CsvReader::splitRecord(qsizetype begin, qsizetype end)
{
    if (end > begin && m_buffer.at(end - 1) == u'\r')
        --end;
    char16_t *data = reinterpret_cast<char16_t *>(m_buffer.data());
    const char16_t delimiter = m_delimiter;
    qsizetype i = begin;
    for (;;) {
        if (i < end && data[i] == u'"') {
            // Quoted: unescape in place; the text only gets shorter.
            const qsizetype start = i;
            qsizetype w = i;
            qsizetype r = i + 1;
            while (r < end) {
                const char16_t c = data[r];
                if (c == u'"') {
                    if (r + 1 < end && data[r + 1] == u'"') {
                        data[w++] = u'"';
                        r += 2;
                        continue;
                    }
                    ++r;
                    // Text after the closing quote is kept as it is (lenient, like Excel).
                    while (r < end && data[r] != delimiter)
                        data[w++] = data[r++];
                    break;
                }
                data[w++] = c;
                ++r;
            }
            m_fields.emplace_back(data + start, w - start);
            i = r;
        } else {
            const qsizetype start = i;
            while (i < end && data[i] != delimiter)
                ++i;
            m_fields.emplace_back(data + start, i - start);
        }
        if (i >= end)
            break;
        ++i; // the delimiter
        if (i == end) {
            m_fields.emplace_back();
            break;
        }
    }
}

bool CsvReader::next()
{
    m_fields.clear();
    if (m_hasError)
        return false;
    qsizetype scanned = 0; // characters of the current record already scanned
    bool quoted = false;
    qint64 breaks = 0;
    for (;;) {
        const char16_t *data = reinterpret_cast<const char16_t *>(m_buffer.constData());
        const qsizetype size = m_buffer.size();
        qsizetype i = m_pos + scanned;
        for (; i < size; ++i) {
            const char16_t c = data[i];
            if (c == u'"') {
                quoted = !quoted;
            } else if (c == u'\n') {
                if (!quoted)
                    break;
                ++breaks;
            }
        }
        if (i < size) {
            const qsizetype begin = m_pos;
            m_pos = i + 1;
            ++m_recordNumber;
            m_lineNumber = m_nextLine;
            m_nextLine += breaks + 1;
            splitRecord(begin, i);
            return true;
        }
        scanned = size - m_pos;
        if (scanned > maxRecordChars()) {
            m_hasError = true;
            m_error
                = makeError(ErrorCode::Parse,
                            QCoreApplication::translate(
                                "Dossier", "The record that starts on line %1 is longer than %2 "
                                           "characters (is a quote not closed?).")
                                .arg(m_nextLine)
                                .arg(maxRecordChars()));
            return false;
        }
        if (m_eof || !fill()) {
            if (m_hasError)
                return false;
            if (m_pos < m_buffer.size()) {
                const qsizetype begin = m_pos;
                m_pos = m_buffer.size();
                ++m_recordNumber;
                m_lineNumber = m_nextLine;
                m_nextLine += breaks + 1;
                splitRecord(begin, m_buffer.size());
                return true;
            }
            return false;
        }
    }
}

} // namespace Dossier::Import
