// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include "common/records.h"

namespace Dossier {

/// A wall-clock time (no zone in the source) read in `zone`; keeps the offset in force then.
SourceTime sourceTimeFromLocal(const QDate &date, const QTime &time, const QTimeZone &zone);
/// An instant (epoch milliseconds, UTC); the offset is the one `zone` had at that instant.
SourceTime sourceTimeFromUtcMs(qint64 utcMs, const QTimeZone &zone);

/// ISO 8601 with offset in `zone`, e.g. 2025-02-12T23:14:05+08:00.
QString isoInZone(qint64 utcMs, const QTimeZone &zone);
/// ISO 8601 with the given offset.
QString isoWithOffset(qint64 utcMs, int offsetSeconds);

/// Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" (also with 'T', '/' or an
/// explicit offset) read in `zone` when it carries no offset.
std::optional<SourceTime> parseUserTime(const QString &text, const QTimeZone &zone);

} // namespace Dossier
