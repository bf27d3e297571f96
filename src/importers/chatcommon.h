// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <optional>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QTimeZone>

#include "common/importsink.h"
#include "common/records.h"
#include "common/result.h"

namespace Dossier {
class LineReader;
}

// Helpers shared by the QQ and WeChat chat importers (qqtxt, wechatcsv, wechattxt).
namespace Dossier::Import::Chat {

/// The first 64 KiB of a file as text (encoding detected, BOM dropped, a character cut off at the
/// end ignored), for sniffing.
QString decodeHead(const QByteArray &head);

/// The first `max` lines of `text` that are not blank, trimmed of trailing white space.
QStringList firstNonBlankLines(const QString &text, int max);

/// Longest message text kept; the rest of a longer body is dropped (and the event marked
/// "truncated") so that a file without message boundaries cannot exhaust memory.
constexpr qsizetype MAX_MESSAGE_CHARS = 4 * 1024 * 1024;

/// True for the ASCII digits 0-9 only (QChar::isDigit also accepts other scripts' digits).
inline bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

/// A message body collected line by line, capped at MAX_MESSAGE_CHARS.
struct MessageBody
{
    QString body;
    int bodyLines = 0;
    int blanks = 0; ///< blank lines seen after the last body line, kept only if text follows
    bool truncated = false;

    /// Appends a line; blank lines count only when more text follows (trailing ones are
    /// dropped), and before the first line only with `keepLeadingBlanks`.
    void addLine(const QString &text, bool keepLeadingBlanks = false);
};

/// A wall-clock stamp as it appears at the start of a line: "YYYY-M-D H:MM:SS".
struct Stamp
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    qsizetype end = 0; ///< index just after the stamp
};

/// Reads a stamp at the start of `line`: 4-digit year, 1-2 digit month/day/hour, 2-digit
/// minute/second; `strict` asks for 2-digit month/day/hour. Only the shape is checked.
std::optional<Stamp> readStamp(QStringView line, bool strict = false);

/// Strips the characters that only disturb matching (bidi marks, BOM, no-break spaces) and
/// white space at both ends.
QString forMatching(QStringView name);

/// True when `name` equals one of `lists` entries (compared with forMatching, case-insensitive).
bool isOwn(const QString &name, std::initializer_list<const QStringList *> lists);

/// A 64-bit key for de-duplication, so sets hold hashes instead of message texts.
quint64 dedupeKey(qint64 utcMs, QStringView sender, QStringView text);

/// Converts times for one zone, reusing the offset while it cannot change (within a clock hour
/// that has no transition): QDateTime with a QTimeZone costs about a microsecond per call.
class ZoneCache final
{
  public:
    explicit ZoneCache(const QTimeZone &zone)
        : m_zone(zone)
    {
    }
    /// As sourceTimeFromLocal().
    SourceTime fromLocal(const QDate &date, const QTime &time);
    /// As sourceTimeFromUtcMs().
    SourceTime fromUtcMs(qint64 utcMs);

  private:
    QTimeZone m_zone;
    qint64 m_localHour = std::numeric_limits<qint64>::min();
    int m_localOffset = 0;
    qint64 m_utcHour = std::numeric_limits<qint64>::min();
    int m_utcOffset = 0;
};

/// Reports progress every ~1 MiB; false once the callback asked to stop.
class Progress final
{
  public:
    Progress(const ProgressFn &fn, qint64 total)
        : m_fn(fn)
        , m_total(total)
    {
    }
    /// Call often; forwards to the callback only when another MiB has been read.
    bool update(qint64 done)
    {
        if (!m_fn || done - m_last < (qint64(1) << 20))
            return true;
        m_last = done;
        return m_fn(done, m_total);
    }
    /// The final report.
    bool finish(qint64 done)
    {
        m_last = done;
        return !m_fn || m_fn(done, m_total);
    }

  private:
    const ProgressFn &m_fn;
    qint64 m_total = 0;
    qint64 m_last = 0;
};

/// "file.txt" from a path, for messages.
QString fileLabel(const QString &path);

Error cancelledError(const QString &path);
/// The file is not in the format the importer reads (`formatName` is a human name).
Error notFormatError(const QString &path, const QString &formatName, const QString &detail = {});
/// Something at `locator` ("line 12", "row 3") could not be read.
Error parseError(const QString &path,
                 const QString &locator,
                 const QString &what,
                 const QString &detail = {});
/// The line reader failed (I/O error, overlong line).
Error readerError(const QString &path, const LineReader &reader);

/// `text` cut to at most `maxBytes` of UTF-8 (on a character boundary).
QString truncatedUtf8(const QString &text, qsizetype maxBytes);

} // namespace Dossier::Import::Chat
