// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/xmlsurrogatefilter.h"

#include <algorithm>
#include <cstring>

#include "common/textdecode.h"

namespace Dossier::Import {

namespace {

constexpr qint64 kChunk = 256 * 1024;
// Longest reference pair we look ahead for; "&#xD83D;&#xDE00;" is 16 bytes, leading zeros add more.
constexpr qsizetype kLookahead = 40;

/// Parses "&#123;" or "&#x7B;" at `p` (p[0] == '&'). Returns the length consumed, 0 if not a
/// complete numeric reference within [p, end).
qsizetype parseCharRef(const char *p, const char *end, char32_t &value)
{
    if (end - p < 4 || p[1] != '#')
        return 0;
    const char *q = p + 2;
    const bool hex = (*q == 'x' || *q == 'X');
    if (hex)
        ++q;
    const char *digits = q;
    char32_t v = 0;
    while (q < end && q - digits < 12) {
        const char c = *q;
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        v = v * (hex ? 16 : 10) + char32_t(d);
        ++q;
    }
    if (q == digits || q >= end || *q != ';')
        return 0;
    value = v;
    return q + 1 - p;
}

void appendHexRef(QByteArray &out, char32_t cp)
{
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "&#x%X;", unsigned(cp));
    out.append(buf, n);
}

} // namespace

XmlSurrogateFilter::XmlSurrogateFilter(QIODevice &source)
    : m_source(source)
{
    setOpenMode(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool XmlSurrogateFilter::atEnd() const
{
    return m_outPos >= m_out.size() && m_in.isEmpty() && m_sourceDone;
}

qint64 XmlSurrogateFilter::bytesAvailable() const
{
    return (m_out.size() - m_outPos) + QIODevice::bytesAvailable();
}

qint64 XmlSurrogateFilter::readData(char *data, qint64 maxSize)
{
    while (m_outPos >= m_out.size()) {
        if (!fill())
            return m_sourceError ? -1 : 0;
    }
    const qint64 n = std::min<qint64>(maxSize, m_out.size() - m_outPos);
    std::memcpy(data, m_out.constData() + m_outPos, size_t(n));
    m_outPos += n;
    return n;
}

bool XmlSurrogateFilter::fill()
{
    m_out.resize(0); // keeps the capacity
    m_outPos = 0;
    while (true) {
        if (!m_sourceDone) {
            const qint64 want = nextReadSize(m_source, kChunk);
            const qsizetype old = m_in.size();
            m_in.resize(old + want);
            const qint64 got = m_source.read(m_in.data() + old, want);
            m_in.resize(old + std::max<qint64>(got, 0));
            if (got <= 0) {
                m_sourceDone = true;
                m_sourceError = got < 0;
            }
        }
        if (m_in.isEmpty())
            return false;
        // References starting before safeEnd have their whole pair inside m_in.
        const qsizetype safeEnd = m_sourceDone ? m_in.size() : m_in.size() - kLookahead;
        if (safeEnd <= 0)
            continue;
        const qsizetype consumed = process(safeEnd);
        m_in.remove(0, consumed);
        if (!m_out.isEmpty())
            return true;
    }
}

qsizetype XmlSurrogateFilter::process(qsizetype safeEnd)
{
    const char *begin = m_in.constData();
    const char *end = begin + m_in.size();
    const char *p = begin;
    const char *stop = begin + safeEnd;
    m_out.reserve(safeEnd + 64);
    while (p < stop) {
        const char *amp = static_cast<const char *>(std::memchr(p, '&', size_t(stop - p)));
        if (!amp) {
            m_out.append(p, stop - p);
            p = stop;
            break;
        }
        m_out.append(p, amp - p);
        p = amp;
        char32_t v = 0;
        const qsizetype len = parseCharRef(p, end, v);
        if (len == 0 || v < 0xD800 || v > 0xDFFF) {
            m_out.append('&');
            ++p;
            continue;
        }
        ++m_repairs;
        if (v <= 0xDBFF) {
            char32_t low = 0;
            const qsizetype len2 = parseCharRef(p + len, end, low);
            if (len2 > 0 && low >= 0xDC00 && low <= 0xDFFF) {
                appendHexRef(m_out, 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00));
                p += len + len2;
                continue;
            }
        }
        appendHexRef(m_out, 0xFFFD);
        p += len;
    }
    return p - begin;
}

} // namespace Dossier::Import
