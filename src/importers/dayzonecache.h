// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

#include "common/timeutil.h"

namespace Dossier::Import {

/// Times in the case zone with the UTC offset cached per day, unless the day has a transition
/// (a zone lookup per row or message would dominate an import).
class DayZoneCache final
{
  public:
    explicit DayZoneCache(const QTimeZone &zone)
        : m_zone(zone)
    {
    }

    /// A wall-clock time read in the zone.
    SourceTime local(const QDate &date, const QTime &time)
    {
        if (date != m_date) {
            m_date = date;
            const int start = QDateTime(date, QTime(0, 0), m_zone).offsetFromUtc();
            const int end = QDateTime(date, QTime(23, 59, 59), m_zone).offsetFromUtc();
            m_uniform = start == end;
            m_offset = start;
            m_dayStartMs = (date.toJulianDay() - 2440588) * qint64(86400000);
        }
        if (!m_uniform)
            return sourceTimeFromLocal(date, time, m_zone);
        return SourceTime{m_dayStartMs + time.msecsSinceStartOfDay() - m_offset * qint64(1000),
                          m_offset};
    }

    /// An absolute time, with the zone's offset at that instant.
    SourceTime utc(qint64 utcMs)
    {
        const qint64 day = utcMs >= 0 ? utcMs / 86400000 : (utcMs - 86399999) / 86400000;
        if (day != m_utcDay) {
            m_utcDay = day;
            const qint64 start = day * 86400000;
            const int a = sourceTimeFromUtcMs(start, m_zone).offsetSeconds;
            const int b = sourceTimeFromUtcMs(start + 86399999, m_zone).offsetSeconds;
            m_utcUniform = a == b;
            m_utcOffset = a;
        }
        if (!m_utcUniform)
            return sourceTimeFromUtcMs(utcMs, m_zone);
        return SourceTime{utcMs, m_utcOffset};
    }

  private:
    QTimeZone m_zone;
    QDate m_date;
    bool m_uniform = false;
    int m_offset = 0;
    qint64 m_dayStartMs = 0;
    qint64 m_utcDay = std::numeric_limits<qint64>::min();
    bool m_utcUniform = false;
    int m_utcOffset = 0;
};

} // namespace Dossier::Import
