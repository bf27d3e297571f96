// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/textdecode.h"

#include <algorithm>

#include <QCoreApplication>
#include <QIODevice>

using namespace Qt::StringLiterals;

namespace Dossier {

bool isValidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned int cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) {
            // Cut off at the end of a sample: fine if what is there is well-formed.
            for (qsizetype k = i + 1; k < n; ++k)
                if ((p[k] & 0xC0) != 0x80)
                    return false;
            return true;
        }
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

QString detectTextEncoding(const QByteArray &head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        return u"UTF-8"_s;
    if (head.startsWith("\xFF\xFE"))
        return u"UTF-16LE"_s;
    if (head.startsWith("\xFE\xFF"))
        return u"UTF-16BE"_s;
    // UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte.
    const qsizetype sample = std::min<qsizetype>(head.size(), 512) & ~qsizetype(1);
    if (sample >= 4) {
        int evenNul = 0;
        int oddNul = 0;
        for (qsizetype i = 0; i < sample; i += 2) {
            evenNul += head.at(i) == '\0';
            oddNul += head.at(i + 1) == '\0';
        }
        const int pairs = int(sample / 2);
        if (oddNul * 10 > pairs * 4 && evenNul * 10 < pairs)
            return u"UTF-16LE"_s;
        if (evenNul * 10 > pairs * 4 && oddNul * 10 < pairs)
            return u"UTF-16BE"_s;
    }
    if (isValidUtf8(head))
        return u"UTF-8"_s;
    return u"GB18030"_s;
}

Result<QString> decodeText(const QByteArray &bytes, QString *encodingUsed)
{
    const QString encoding = detectTextEncoding(bytes.left(65536));
    if (encodingUsed)
        *encodingUsed = encoding;
    QStringDecoder decoder(encoding.toLatin1().constData(), QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return makeError(ErrorCode::Parse,
                         QCoreApplication::translate("Dossier", "The text is not valid %1.")
                             .arg(encoding));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

namespace {

// True if the bytes end in the middle of a multi-byte UTF-8 sequence.
bool endsInsideUtf8Character(const QByteArray &tail)
{
    for (qsizetype back = 1; back <= std::min<qsizetype>(tail.size(), 4); ++back) {
        const auto c = static_cast<unsigned char>(tail.at(tail.size() - back));
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte: look further back for the lead byte
        const int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return len > back;
    }
    return false;
}

} // namespace

qint64 nextReadSize(const QIODevice &device, qint64 maxChunk)
{
    constexpr qint64 MIN_READ = 4096;
    if (device.isSequential())
        return maxChunk;
    return std::clamp<qint64>(device.size() - device.pos(), std::min(MIN_READ, maxChunk),
                              maxChunk);
}

QByteArrayView readChunk(QIODevice &device, QByteArray &buffer, qint64 maxChunk)
{
    const qint64 want = nextReadSize(device, maxChunk);
    if (buffer.size() < want)
        buffer.resize(want);
    const qint64 n = device.read(buffer.data(), want);
    return n > 0 ? QByteArrayView(buffer.constData(), n) : QByteArrayView();
}

LineReader::LineReader(QIODevice &device, const QString &encoding)
    : m_device(device), m_encoding(encoding)
{
}

bool LineReader::fill()
{
    constexpr qint64 CHUNK = 256 * 1024;
    if (!m_started) {
        m_started = true;
        m_pending = readChunk(m_device, m_chunk, 65536).toByteArray();
        if (m_encoding.isEmpty())
            m_encoding = detectTextEncoding(m_pending);
        m_decoder = QStringDecoder(m_encoding.toLatin1().constData());
        if (!m_decoder.isValid()) {
            m_hasError = true;
            m_error = makeError(ErrorCode::Unsupported,
                                QCoreApplication::translate("Dossier", "Unknown text encoding %1.")
                                    .arg(m_encoding));
            return false;
        }
    }
    QByteArrayView bytes;
    QByteArray first;
    if (!m_pending.isEmpty()) {
        first.swap(m_pending);
        bytes = first;
    } else {
        bytes = readChunk(m_device, m_chunk, CHUNK);
        if (bytes.isEmpty()) {
            if (!m_device.atEnd() && !m_device.isSequential()) {
                m_hasError = true;
                m_error = makeError(ErrorCode::Io,
                                    QCoreApplication::translate("Dossier", "Could not read the file."),
                                    m_device.errorString());
            }
            m_eof = true;
            if (m_encoding == u"UTF-8"_s && endsInsideUtf8Character(m_tail)) {
                // The decoder holds the partial character back; it is lost, so say so.
                m_buffer += QChar(QChar::ReplacementCharacter);
                m_invalid = true;
                m_tail.clear();
                return true;
            }
            return false;
        }
    }
    m_bytesRead += bytes.size();
    m_tail = bytes.last(std::min<qsizetype>(4, bytes.size())).toByteArray();
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const bool firstChunk = m_bytesRead == bytes.size();
    m_buffer += m_decoder.decode(bytes);
    if (m_decoder.hasError())
        m_invalid = true;
    if (firstChunk && m_buffer.startsWith(QChar(0xFEFF)))
        m_buffer.remove(0, 1);
    return true;
}

bool LineReader::next(QString &line)
{
    if (m_hasError)
        return false;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf(u'\n', m_pos);
        if (nl >= 0) {
            qsizetype end = nl;
            if (end > m_pos && m_buffer.at(end - 1) == u'\r')
                --end;
            line = m_buffer.mid(m_pos, end - m_pos);
            m_pos = nl + 1;
            ++m_lineNumber;
            return true;
        }
        if (m_buffer.size() - m_pos > maxLineChars()) {
            m_hasError = true;
            m_error = makeError(ErrorCode::Parse,
                                QCoreApplication::translate("Dossier",
                                                            "Line %1 is longer than %2 characters.")
                                    .arg(m_lineNumber + 1)
                                    .arg(maxLineChars()));
            return false;
        }
        if (m_eof || !fill()) {
            if (m_hasError)
                return false;
            if (m_pos < m_buffer.size()) {
                line = m_buffer.mid(m_pos);
                if (line.endsWith(u'\r'))
                    line.chop(1);
                m_pos = m_buffer.size();
                ++m_lineNumber;
                return true;
            }
            return false;
        }
    }
}

} // namespace Dossier
