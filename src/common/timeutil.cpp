// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/timeutil.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Dossier {

SourceTime sourceTimeFromLocal(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    const QDateTime dt(date, time, zone);
    return SourceTime{dt.toMSecsSinceEpoch(), dt.offsetFromUtc()};
}

SourceTime sourceTimeFromUtcMs(qint64 utcMs, const QTimeZone &zone)
{
    return SourceTime{utcMs, zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()))};
}

QString isoWithOffset(qint64 utcMs, int offsetSeconds)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone(offsetSeconds));
    QString s = dt.toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    const int abs = std::abs(offsetSeconds);
    s += (offsetSeconds < 0 ? u'-' : u'+')
         + QString::asprintf("%02d:%02d", abs / 3600, (abs % 3600) / 60);
    return s;
}

QString isoInZone(qint64 utcMs, const QTimeZone &zone)
{
    return isoWithOffset(utcMs, sourceTimeFromUtcMs(utcMs, zone).offsetSeconds);
}

std::optional<SourceTime> parseUserTime(const QString &text, const QTimeZone &zone)
{
    static const QRegularExpression re(
        uR"(^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$)"_s);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QString off = m.captured(7);
    if (off.isEmpty())
        return sourceTimeFromLocal(date, time, zone);
    int seconds = 0;
    if (off != u"Z"_s) {
        QString digits = off.mid(1);
        digits.remove(u':');
        seconds = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60)
                  * (off.startsWith(u'-') ? -1 : 1);
    }
    const QDateTime dt(date, time, QTimeZone(seconds));
    return SourceTime{dt.toMSecsSinceEpoch(), seconds};
}

} // namespace Dossier
