// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/xmlfastscanner.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <QIODevice>

#include "common/textdecode.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

constexpr qint64 kChunk = 1024 * 1024;
constexpr qsizetype kMaxTag = qsizetype(1) << 30; // a start tag with 1 GiB of attributes is hostile

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/// 1: may start a name, 2: may continue one (bytes >= 0x80 are parts of UTF-8 names).
constexpr auto kNameTable = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool start
            = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
        const bool part = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
        t[size_t(c)] = (start ? 1 : 0) | (part ? 2 : 0);
    }
    return t;
}();

inline bool isNameStart(unsigned char c)
{
    return kNameTable[c] & 1;
}

inline bool isNameChar(unsigned char c)
{
    return kNameTable[c] & 2;
}

void putCodePoint(QChar *&out, char32_t cp)
{
    if (cp > 0xFFFF) {
        *out++ = QChar::highSurrogate(cp);
        *out++ = QChar::lowSurrogate(cp);
    } else {
        *out++ = QChar(char16_t(cp));
    }
}

/// "&#123;" / "&#x7B;" at p (p[0] == '&', p[1] == '#'); returns the length, 0 if malformed.
qsizetype numericRef(const char *p, const char *end, char32_t &value)
{
    const char *q = p + 2;
    const bool hex = q < end && (*q == 'x');
    if (hex)
        ++q;
    const char *digits = q;
    char32_t v = 0;
    while (q < end && q - digits < 10) {
        const char c = *q;
        if (c >= '0' && c <= '9')
            v = v * (hex ? 16 : 10) + char32_t(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            v = v * 16 + char32_t(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F')
            v = v * 16 + char32_t(c - 'A' + 10);
        else
            break;
        ++q;
    }
    if (q == digits || q >= end || *q != ';')
        return 0;
    value = v;
    return q + 1 - p;
}

} // namespace

XmlFastScanner::XmlFastScanner(QIODevice &device)
    : m_device(device)
{
}

qint64 XmlFastScanner::lineNumber() const
{
    const qsizetype upTo = std::min(m_pos, m_buf.size());
    return m_linesBefore + std::count(m_buf.constData(), m_buf.constData() + upTo, '\n') + 1;
}

bool XmlFastScanner::readMore()
{
    if (m_eof)
        return false;
    if (m_pos > 0) { // drop what was consumed, remembering its line count
        m_linesBefore += std::count(m_buf.constData(), m_buf.constData() + m_pos, '\n');
        const qsizetype rest = m_buf.size() - m_pos;
        std::memmove(m_buf.data(), m_buf.constData() + m_pos, size_t(rest));
        m_buf.resize(rest);
        m_pos = 0;
    }
    const qint64 want = nextReadSize(m_device, kChunk);
    const qsizetype old = m_buf.size();
    m_buf.resize(old + want);
    const qint64 got = m_device.read(m_buf.data() + old, want);
    m_buf.resize(old + std::max<qint64>(got, 0));
    if (got <= 0) {
        m_eof = true;
        return false;
    }
    return true;
}

bool XmlFastScanner::find(const char *needle, qsizetype needleSize, qsizetype &at)
{
    qsizetype from = m_pos;
    while (true) {
        const qsizetype i = QByteArrayView(m_buf).indexOf(QByteArrayView(needle, needleSize), from);
        if (i >= 0) {
            at = i;
            return true;
        }
        const qsizetype rel = std::max<qsizetype>(m_buf.size() - needleSize + 1, m_pos) - m_pos;
        if (!readMore())
            return false;
        from = m_pos + rel;
    }
}

XmlFastScanner::Token XmlFastScanner::fail(const QString &message, bool truncated)
{
    m_error = message;
    m_truncated = truncated;
    return Token::Invalid;
}

XmlFastScanner::Token XmlFastScanner::next()
{
    if (m_pendingEnd) {
        m_pendingEnd = false;
        m_stack.pop_back();
        if (m_stack.empty())
            m_rootClosed = true;
        return Token::EndElement;
    }
    if (!m_started) {
        m_started = true;
        while (m_buf.size() < 4 && readMore()) {
        }
        if (m_buf.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        else if (m_buf.size() >= 2
                 && (m_buf.at(0) == '\0' || m_buf.at(1) == '\0' || m_buf.startsWith("\xFF\xFE")
                     || m_buf.startsWith("\xFE\xFF")))
            return Token::Unsupported; // UTF-16/32
    }
    while (true) {
        const char *base = m_buf.constData();
        const void *lt = m_pos < m_buf.size()
                             ? std::memchr(base + m_pos, '<', size_t(m_buf.size() - m_pos))
                             : nullptr;
        if (!lt) {
            m_pos = m_buf.size(); // character data outside records carries nothing we keep
            if (readMore())
                continue;
            if (!m_stack.empty())
                return fail(
                    u"end of file inside <%1>"_s.arg(QString::fromStdString(m_stack.back())), true);
            if (!m_rootClosed)
                return fail(u"no root element"_s);
            return Token::EndDocument;
        }
        m_pos = static_cast<const char *>(lt) - base;
        if (m_pos + 1 >= m_buf.size() && !readMore())
            return fail(u"end of file after '<'"_s, true);
        const char c = m_buf.at(m_pos + 1);
        Token token;
        if (c == '?')
            token = parseProcessingInstruction();
        else if (c == '!')
            token = parseMarkupDeclaration();
        else if (c == '/')
            return parseEndTag();
        else
            return parseStartTag();
        if (token != Token::EndDocument) // EndDocument here means "skipped, go on"
            return token;
    }
}

XmlFastScanner::Token XmlFastScanner::parseProcessingInstruction()
{
    qsizetype end = 0;
    if (!find("?>", 2, end))
        return fail(u"end of file inside a processing instruction"_s, true);
    const QByteArrayView pi(m_buf.constData() + m_pos, end - m_pos);
    if (pi.startsWith("<?xml") && pi.size() > 5 && isSpace(pi.at(5))) {
        if (m_started && (!m_stack.empty() || m_rootClosed))
            return fail(u"XML declaration after the start"_s);
        const qsizetype enc = pi.indexOf("encoding");
        if (enc >= 0) {
            QByteArray value = pi.sliced(enc + 8).toByteArray();
            value = value.mid(value.indexOf('=') + 1).trimmed();
            if (!value.isEmpty())
                value = value.mid(1, value.indexOf(value.at(0), 1) - 1).toLower();
            if (value != "utf-8" && value != "utf8")
                return Token::Unsupported;
        }
    }
    m_pos = end + 2;
    return Token::EndDocument;
}

XmlFastScanner::Token XmlFastScanner::parseMarkupDeclaration()
{
    while (m_buf.size() - m_pos < 9 && readMore()) {
    }
    const QByteArrayView head(m_buf.constData() + m_pos,
                              std::min<qsizetype>(9, m_buf.size() - m_pos));
    qsizetype end = 0;
    if (head.startsWith("<!--")) {
        if (!find("-->", 3, end))
            return fail(u"end of file inside a comment"_s, true);
        m_pos = end + 3;
    } else if (head.startsWith("<![CDATA[")) {
        if (m_stack.empty())
            return fail(u"CDATA outside the root element"_s);
        if (!find("]]>", 3, end))
            return fail(u"end of file inside CDATA"_s, true);
        m_pos = end + 3;
    } else if (head.startsWith("<!DOCTYPE")) {
        if (!m_stack.empty() || m_rootClosed)
            return fail(u"DOCTYPE inside the document"_s);
        return Token::Unsupported;
    } else {
        return fail(u"unexpected '<!'"_s, m_buf.size() - m_pos < 9);
    }
    return Token::EndDocument;
}

XmlFastScanner::Token XmlFastScanner::parseEndTag()
{
    qsizetype end = 0;
    if (!find(">", 1, end))
        return fail(u"end of file inside an end tag"_s, true);
    const char *p = m_buf.constData() + m_pos + 2;
    const char *e = m_buf.constData() + end;
    while (e > p && isSpace(e[-1]))
        --e;
    if (m_stack.empty())
        return fail(u"end tag without a start tag"_s);
    if (std::string_view(p, size_t(e - p)) != m_stack.back())
        return fail(u"end tag </%1> does not match <%2>"_s.arg(
            QString::fromUtf8(p, e - p), QString::fromStdString(m_stack.back())));
    m_stack.pop_back();
    if (m_stack.empty())
        m_rootClosed = true;
    m_pos = end + 1;
    m_name = {};
    return Token::EndElement;
}

XmlFastScanner::Token XmlFastScanner::parseStartTag()
{
    // Find the closing '>' outside quoted attribute values.
    qsizetype i = m_pos + 1;
    char quote = 0;
    while (true) {
        if (i >= m_buf.size()) {
            const qsizetype rel = i - m_pos;
            if (rel > kMaxTag)
                return fail(u"start tag larger than 1 GiB"_s);
            if (!readMore())
                return fail(u"end of file inside a start tag"_s, true);
            i = m_pos + rel;
            continue;
        }
        const char *base = m_buf.constData();
        if (quote) {
            const void *q = std::memchr(base + i, quote, size_t(m_buf.size() - i));
            if (!q) {
                i = m_buf.size();
                continue;
            }
            i = static_cast<const char *>(q) - base + 1;
            quote = 0;
            continue;
        }
        const char ch = base[i];
        if (ch == '"' || ch == '\'')
            quote = ch;
        else if (ch == '>')
            break;
        else if (ch == '<')
            return fail(u"'<' inside a start tag"_s);
        ++i;
    }
    if (m_rootClosed)
        return fail(u"a second root element"_s);

    const char *p = m_buf.constData() + m_pos + 1;
    const char *end = m_buf.constData() + i;
    bool selfClosing = false;
    if (end > p && end[-1] == '/') {
        selfClosing = true;
        --end;
    }
    if (p == end || !isNameStart(uchar(*p)))
        return fail(u"bad element name"_s);
    const char *nameEnd = p;
    while (nameEnd < end && isNameChar(uchar(*nameEnd)))
        ++nameEnd;
    if (nameEnd < end && !isSpace(*nameEnd))
        return fail(u"bad element name"_s);

    // Decoded text is never longer (in UTF-16 units) than its UTF-8 bytes.
    const qsizetype need = (end - p) + 8;
    if (m_text.size() < need)
        m_text.resize(need);
    QChar *const textBase = m_text.data();
    QChar *out = textBase;
    struct Span
    {
        qsizetype nameFrom, nameTo, valueFrom, valueTo;
    };
    QVarLengthArray<Span, 48> spans;
    out = appendUtf8(out, p, nameEnd - p);
    const qsizetype elementNameLength = out - textBase;

    const char *q = nameEnd;
    while (true) {
        while (q < end && isSpace(*q))
            ++q;
        if (q == end)
            break;
        if (q > p && !isSpace(q[-1]))
            return fail(u"missing space between attributes"_s);
        const char *an = q;
        if (!isNameStart(uchar(*q)))
            return fail(u"bad attribute name"_s);
        while (q < end && isNameChar(uchar(*q)))
            ++q;
        const char *anEnd = q;
        while (q < end && isSpace(*q))
            ++q;
        if (q == end || *q != '=')
            return fail(u"attribute without '='"_s);
        ++q;
        while (q < end && isSpace(*q))
            ++q;
        if (q == end || (*q != '"' && *q != '\''))
            return fail(u"attribute value without quotes"_s);
        const char qc = *q++;
        const char *vb = q;
        const void *ve = std::memchr(q, qc, size_t(end - q));
        if (!ve)
            return fail(u"unterminated attribute value"_s);
        q = static_cast<const char *>(ve);
        Span span;
        span.nameFrom = out - textBase;
        out = appendUtf8(out, an, anEnd - an);
        span.nameTo = out - textBase;
        span.valueFrom = span.nameTo;
        if (!decodeValue(vb, q, out))
            return Token::Invalid;
        span.valueTo = out - textBase;
        spans.append(span);
        ++q; // closing quote
    }

    m_name = QStringView(textBase, elementNameLength);
    m_attrs.clear();
    for (const Span &s : spans) {
        m_attrs.append({QStringView(textBase + s.nameFrom, s.nameTo - s.nameFrom),
                        QStringView(textBase + s.valueFrom, s.valueTo - s.valueFrom)});
    }
    m_stack.emplace_back(p, size_t(nameEnd - p));
    m_pendingEnd = selfClosing;
    m_pos = i + 1;
    return Token::StartElement;
}

QChar *XmlFastScanner::appendUtf8(QChar *out, const char *p, qsizetype size)
{
    // Names and most values are ASCII: widened here, the decoder only from the first other byte
    // (the decoder is stateless, and everything before that byte was whole characters). A
    // decoder call per attribute cost more than the scanning.
    qsizetype i = 0;
    while (i < size && static_cast<unsigned char>(p[i]) < 0x80) {
        out[i] = QChar(char16_t(p[i]));
        ++i;
    }
    out += i;
    if (i < size)
        out = m_utf8.appendToBuffer(out, QByteArrayView(p + i, size - i));
    return out;
}

bool XmlFastScanner::decodeValue(const char *p, const char *end, QChar *&out)
{
    while (p < end) {
        const char *q = p;
        while (q < end && *q != '&' && *q != '<' && *q != '\t' && *q != '\n' && *q != '\r')
            ++q;
        if (q > p)
            out = appendUtf8(out, p, q - p);
        if (q == end)
            break;
        const char c = *q;
        if (c == '<') {
            fail(u"'<' inside an attribute value"_s);
            return false;
        }
        if (c != '&') { // attribute-value normalisation: literal white space becomes a space
            *out++ = QChar(u' ');
            p = q + ((c == '\r' && q + 1 < end && q[1] == '\n') ? 2 : 1);
            continue;
        }
        if (q + 1 < end && q[1] == '#') {
            char32_t cp = 0;
            const qsizetype len = numericRef(q, end, cp);
            if (len == 0) {
                fail(u"malformed character reference"_s);
                return false;
            }
            p = q + len;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                const qsizetype len2
                    = (p + 1 < end && p[0] == '&' && p[1] == '#') ? numericRef(p, end, low) : 0;
                if (len2 > 0 && low >= 0xDC00 && low <= 0xDFFF) {
                    putCodePoint(out, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
                    p += len2;
                    continue;
                }
                cp = 0xFFFD;
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                cp = 0xFFFD;
            } else if (cp == 0 || (cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) || cp == 0xFFFE
                       || cp == 0xFFFF) {
                fail(u"character reference to an invalid XML character"_s);
                return false;
            }
            putCodePoint(out, cp);
            continue;
        }
        const void *semi = std::memchr(q, ';', size_t(std::min<qsizetype>(end - q, 8)));
        if (!semi) {
            fail(u"'&' without an entity reference"_s);
            return false;
        }
        const std::string_view entity(q + 1, size_t(static_cast<const char *>(semi) - q - 1));
        if (entity == "amp")
            *out++ = QChar(u'&');
        else if (entity == "lt")
            *out++ = QChar(u'<');
        else if (entity == "gt")
            *out++ = QChar(u'>');
        else if (entity == "quot")
            *out++ = QChar(u'"');
        else if (entity == "apos")
            *out++ = QChar(u'\'');
        else {
            fail(u"undeclared entity &%1;"_s.arg(QString::fromUtf8(entity.data(), entity.size())));
            return false;
        }
        p = static_cast<const char *>(semi) + 1;
    }
    return true;
}

} // namespace Dossier::Import
