// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/jsonstreamreader.h"

#include <algorithm>
#include <cstring>

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include "common/textdecode.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

constexpr qint64 kChunk = 1024 * 1024;
constexpr int kMaxDepth = 512;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

} // namespace

JsonStreamReader::JsonStreamReader(QIODevice &device)
    : m_device(device)
{
}

qint64 JsonStreamReader::lineNumber() const
{
    return m_linesDropped + std::count(m_buf.constData(), m_buf.constData() + m_pos, '\n') + 1;
}

bool JsonStreamReader::fill()
{
    if (m_eof)
        return false;
    const qsizetype keepFrom = m_mark >= 0 ? m_mark : m_pos;
    if (keepFrom > 0) {
        m_linesDropped += std::count(m_buf.constData(), m_buf.constData() + keepFrom, '\n');
        m_dropped += keepFrom;
        const qsizetype rest = m_buf.size() - keepFrom;
        std::memmove(m_buf.data(), m_buf.constData() + keepFrom, size_t(rest));
        m_buf.resize(rest);
        m_pos -= keepFrom;
        if (m_mark >= 0)
            m_mark = 0;
    }
    const qsizetype old = m_buf.size();
    const qint64 want = nextReadSize(m_device, kChunk); // a 1 MiB block would dwarf a small file
    m_buf.resize(old + want);
    const qint64 got = m_device.read(m_buf.data() + old, want);
    m_buf.resize(old + std::max<qint64>(got, 0));
    if (got <= 0) {
        m_eof = true;
        return false;
    }
    if (m_dropped == 0 && old == 0 && m_pos == 0 && m_buf.startsWith("\xEF\xBB\xBF"))
        m_pos = 3; // UTF-8 byte order mark
    return true;
}

bool JsonStreamReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool JsonStreamReader::peek(char &c)
{
    if (hasError())
        return false;
    while (true) {
        while (m_pos < m_buf.size() && isSpace(m_buf.at(m_pos)))
            ++m_pos;
        if (m_pos < m_buf.size()) {
            c = m_buf.at(m_pos);
            return true;
        }
        if (!fill())
            return false;
    }
}

bool JsonStreamReader::expect(char c)
{
    char next = 0;
    if (!peek(next))
        return fail(u"unexpected end of input, expected '%1'"_s.arg(QLatin1Char(c)));
    if (next != c)
        return fail(u"expected '%1' but found '%2'"_s.arg(QLatin1Char(c)).arg(QLatin1Char(next)));
    ++m_pos;
    return true;
}

bool JsonStreamReader::beginObject()
{
    if (!expect('{'))
        return false;
    if (m_first.size() > kMaxDepth)
        return fail(u"nesting too deep"_s);
    m_first.push_back(true);
    return true;
}

bool JsonStreamReader::beginArray()
{
    if (!expect('['))
        return false;
    if (m_first.size() > kMaxDepth)
        return fail(u"nesting too deep"_s);
    m_first.push_back(true);
    return true;
}

bool JsonStreamReader::nextMember(QString &key, bool &done)
{
    char c = 0;
    if (!peek(c))
        return fail(u"unexpected end of input inside an object"_s);
    if (c == '}') {
        ++m_pos;
        m_first.pop_back();
        done = true;
        return true;
    }
    if (!m_first.back() && !expect(','))
        return false;
    m_first.back() = false;
    done = false;
    return readString(key) && expect(':');
}

bool JsonStreamReader::nextElement(bool &done)
{
    char c = 0;
    if (!peek(c))
        return fail(u"unexpected end of input inside an array"_s);
    if (c == ']') {
        ++m_pos;
        m_first.pop_back();
        done = true;
        return true;
    }
    if (!m_first.back() && !expect(','))
        return false;
    m_first.back() = false;
    done = false;
    return true;
}

bool JsonStreamReader::skipString()
{
    // m_pos is at the opening quote.
    ++m_pos;
    while (true) {
        while (m_pos < m_buf.size()) {
            const char ch = m_buf.at(m_pos++);
            if (ch == '\\') {
                if (m_pos >= m_buf.size() && !fill())
                    return fail(u"unexpected end of input inside a string"_s);
                ++m_pos;
            } else if (ch == '"') {
                return true;
            }
        }
        if (!fill())
            return fail(u"unexpected end of input inside a string"_s);
    }
}

bool JsonStreamReader::skipScalar()
{
    const qsizetype start = m_pos;
    while (true) {
        while (m_pos < m_buf.size()) {
            const char ch = m_buf.at(m_pos);
            if (isSpace(ch) || ch == ',' || ch == '}' || ch == ']')
                return m_pos > start || fail(u"unexpected character"_s);
            if (!(std::isalnum(uchar(ch)) || ch == '-' || ch == '+' || ch == '.'))
                return fail(u"unexpected character '%1'"_s.arg(QLatin1Char(ch)));
            ++m_pos;
        }
        if (!fill())
            return true; // a scalar at the very end of the input
    }
}

bool JsonStreamReader::readString(QString &out)
{
    char c = 0;
    if (!peek(c) || c != '"')
        return fail(u"expected a string"_s);
    const qsizetype savedMark = m_mark;
    if (m_mark < 0)
        m_mark = m_pos;
    const qsizetype start = m_pos;
    const qsizetype offsetFromMark = start - m_mark;
    if (!skipString())
        return false;
    const qsizetype begin = m_mark + offsetFromMark;
    const QByteArray raw = '[' + m_buf.mid(begin, m_pos - begin) + ']';
    if (savedMark < 0)
        m_mark = -1;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(u"bad string: "_s + error.errorString());
    out = doc.array().at(0).toString();
    return true;
}

bool JsonStreamReader::skipValue()
{
    char c = 0;
    if (!peek(c))
        return fail(u"unexpected end of input, expected a value"_s);
    if (c == '"')
        return skipString();
    if (c != '{' && c != '[')
        return skipScalar();
    int depth = 0;
    while (true) {
        while (m_pos < m_buf.size()) {
            const char ch = m_buf.at(m_pos);
            if (ch == '"') {
                if (!skipString())
                    return false;
                continue;
            }
            ++m_pos;
            if (ch == '{' || ch == '[') {
                if (++depth > kMaxDepth)
                    return fail(u"nesting too deep"_s);
            } else if (ch == '}' || ch == ']') {
                if (--depth == 0)
                    return true;
            }
        }
        if (!fill())
            return fail(u"unexpected end of input inside a value"_s);
    }
}

bool JsonStreamReader::captureValue(QByteArray &out)
{
    char c = 0;
    if (!peek(c))
        return fail(u"unexpected end of input, expected a value"_s);
    m_mark = m_pos;
    const bool ok = skipValue();
    if (ok)
        out = m_buf.mid(m_mark, m_pos - m_mark);
    m_mark = -1;
    return ok;
}

} // namespace Dossier::Import
