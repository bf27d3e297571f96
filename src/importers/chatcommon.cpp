// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/chatcommon.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHashFunctions>
#include <QStringDecoder>

#include "common/textdecode.h"
#include "common/timeutil.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import::Chat {

QString decodeHead(const QByteArray &head)
{
    const QString encoding = detectTextEncoding(head);
    QStringDecoder decoder(encoding.toLatin1().constData());
    // A stateful decoder keeps an incomplete trailing sequence back instead of emitting U+FFFD.
    QString text = decoder.decode(head);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

QStringList firstNonBlankLines(const QString &text, int max)
{
    QStringList lines;
    qsizetype pos = 0;
    while (pos < text.size() && lines.size() < max) {
        qsizetype nl = text.indexOf(u'\n', pos);
        if (nl < 0)
            nl = text.size();
        QStringView line = QStringView(text).mid(pos, nl - pos);
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
        if (!line.trimmed().isEmpty())
            lines.append(line.toString());
        pos = nl + 1;
    }
    return lines;
}

namespace {

// Reads [minDigits, maxDigits] ASCII digits at `pos`; -1 when there are fewer than minDigits.
int readNumber(QStringView s, qsizetype &pos, int minDigits, int maxDigits)
{
    int value = 0;
    int n = 0;
    while (pos < s.size() && n < maxDigits) {
        const char16_t c = s[pos].unicode();
        if (c < u'0' || c > u'9')
            break;
        value = value * 10 + (c - u'0');
        ++pos;
        ++n;
    }
    if (n < minDigits)
        return -1;
    // More digits than allowed: not a stamp.
    if (pos < s.size() && s[pos].unicode() >= u'0' && s[pos].unicode() <= u'9')
        return -1;
    return value;
}

bool expect(QStringView s, qsizetype &pos, char16_t c)
{
    if (pos >= s.size() || s[pos].unicode() != c)
        return false;
    ++pos;
    return true;
}

} // namespace

std::optional<Stamp> readStamp(QStringView line, bool strict)
{
    if (line.isEmpty() || line[0].unicode() < u'0' || line[0].unicode() > u'9')
        return std::nullopt;
    const int shortMin = strict ? 2 : 1;
    Stamp st;
    qsizetype pos = 0;
    st.year = readNumber(line, pos, 4, 4);
    if (st.year < 0 || !expect(line, pos, u'-'))
        return std::nullopt;
    st.month = readNumber(line, pos, shortMin, 2);
    if (st.month < 0 || !expect(line, pos, u'-'))
        return std::nullopt;
    st.day = readNumber(line, pos, shortMin, 2);
    if (st.day < 0 || !expect(line, pos, u' '))
        return std::nullopt;
    st.hour = readNumber(line, pos, shortMin, 2);
    if (st.hour < 0 || !expect(line, pos, u':'))
        return std::nullopt;
    st.minute = readNumber(line, pos, 2, 2);
    if (st.minute < 0 || !expect(line, pos, u':'))
        return std::nullopt;
    st.second = readNumber(line, pos, 2, 2);
    if (st.second < 0)
        return std::nullopt;
    st.end = pos;
    return st;
}

SourceTime ZoneCache::fromLocal(const QDate &date, const QTime &time)
{
    const qint64 hour = date.toJulianDay() * 24 + time.hour();
    const qint64 localSecs
        = (date.toJulianDay() - 2440588) * 86400 + time.msecsSinceStartOfDay() / 1000;
    if (hour == m_localHour)
        return SourceTime{(localSecs - m_localOffset) * 1000 + time.msec(), m_localOffset};
    const SourceTime st = sourceTimeFromLocal(date, time, m_zone);
    // Cache only an hour whose first and last second exist and share the offset.
    const QTime first(time.hour(), 0, 0);
    const QTime last(time.hour(), 59, 59);
    const QDateTime a(date, first, m_zone);
    const QDateTime b(date, last, m_zone);
    const bool stable = a.time() == first && b.time() == last
                        && a.offsetFromUtc() == st.offsetSeconds
                        && b.offsetFromUtc() == st.offsetSeconds
                        && st.utcMs == (localSecs - st.offsetSeconds) * 1000 + time.msec();
    m_localHour = stable ? hour : std::numeric_limits<qint64>::min();
    m_localOffset = st.offsetSeconds;
    return st;
}

SourceTime ZoneCache::fromUtcMs(qint64 utcMs)
{
    constexpr qint64 HOUR_MS = 3600 * 1000;
    const qint64 hour = utcMs >= 0 ? utcMs / HOUR_MS : (utcMs - HOUR_MS + 1) / HOUR_MS;
    if (hour == m_utcHour)
        return SourceTime{utcMs, m_utcOffset};
    const SourceTime st = sourceTimeFromUtcMs(utcMs, m_zone);
    const bool stable
        = sourceTimeFromUtcMs(hour * HOUR_MS, m_zone).offsetSeconds == st.offsetSeconds
          && sourceTimeFromUtcMs(hour * HOUR_MS + HOUR_MS - 1, m_zone).offsetSeconds
                 == st.offsetSeconds;
    m_utcHour = stable ? hour : std::numeric_limits<qint64>::min();
    m_utcOffset = st.offsetSeconds;
    return st;
}

QString forMatching(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u == 0x200E || u == 0x200F || (u >= 0x202A && u <= 0x202E)
            || (u >= 0x2066 && u <= 0x2069) || u == 0xFEFF)
            continue;
        out.append(u == 0x00A0 || u == 0x202F || u == 0x3000 ? QChar(u' ') : c);
    }
    return out.trimmed();
}

bool isOwn(const QString &name, std::initializer_list<const QStringList *> lists)
{
    const QString key = forMatching(name);
    if (key.isEmpty())
        return false;
    for (const QStringList *list : lists) {
        for (const QString &own : *list) {
            if (forMatching(own).compare(key, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

quint64 dedupeKey(qint64 utcMs, QStringView sender, QStringView text)
{
    // Two independently seeded hashes folded together; collisions only risk dropping one
    // message of a duplicated block, never a message from a regular block twice.
    const size_t a = qHash(sender, size_t(0x9E3779B97F4A7C15ULL));
    const size_t b = qHash(text, size_t(0xC2B2AE3D27D4EB4FULL));
    quint64 h = quint64(utcMs) * 0x100000001B3ULL;
    h ^= quint64(a) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    h ^= quint64(b) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h;
}

QString fileLabel(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

Error cancelledError(const QString &path)
{
    return makeError(
        ErrorCode::Cancelled,
        QCoreApplication::translate("Dossier", "Import of %1 was cancelled.").arg(fileLabel(path)));
}

Error notFormatError(const QString &path, const QString &formatName, const QString &detail)
{
    return makeError(ErrorCode::Parse,
                     QCoreApplication::translate("Dossier", "%1 is not a %2 file.")
                         .arg(fileLabel(path), formatName),
                     detail);
}

Error parseError(const QString &path,
                 const QString &locator,
                 const QString &what,
                 const QString &detail)
{
    return makeError(
        ErrorCode::Parse,
        QCoreApplication::translate("Dossier", "%1, %2: %3").arg(fileLabel(path), locator, what),
        detail);
}

Error readerError(const QString &path, const LineReader &reader)
{
    Error e = reader.error();
    e.message = QCoreApplication::translate("Dossier", "%1, line %2: %3")
                    .arg(fileLabel(path))
                    .arg(reader.lineNumber() + 1)
                    .arg(e.message);
    return e;
}

QString truncatedUtf8(const QString &text, qsizetype maxBytes)
{
    // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair is 4 for two units).
    if (text.size() * 3 <= maxBytes)
        return text;
    qsizetype bytes = 0;
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        const int n = u < 0x80 ? 1 : u < 0x800 ? 2 : QChar::isSurrogate(u) ? 2 : 3;
        if (bytes + n > maxBytes)
            break;
        bytes += n;
    }
    if (i > 0 && i < text.size() && text.at(i - 1).isHighSurrogate())
        --i;
    return text.left(i);
}

void MessageBody::addLine(const QString &text, bool keepLeadingBlanks)
{
    if (text.trimmed().isEmpty()) {
        if (bodyLines > 0 || keepLeadingBlanks)
            ++blanks;
        return;
    }
    if (truncated || body.size() + blanks + 1 + text.size() > MAX_MESSAGE_CHARS) {
        truncated = true;
        return;
    }
    if (bodyLines > 0)
        body += QString(blanks + 1, u'\n');
    else if (blanks > 0)
        body += QString(blanks, u'\n');
    body += text;
    blanks = 0;
    ++bodyLines;
}

} // namespace Dossier::Import::Chat
