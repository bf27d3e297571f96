// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/output.h"

#include <cstdio>

#include <unistd.h>

#include <QJsonDocument>

#include "common/timeutil.h"

using namespace Qt::StringLiterals;

namespace Dossier::Cli {
namespace {

void write(FILE *stream, const QString &text, bool newline)
{
    QByteArray bytes = text.toUtf8();
    if (newline)
        bytes.append('\n');
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

void out(const QString &text, bool newline) { write(stdout, text, newline); }
void err(const QString &text, bool newline) { write(stderr, text, newline); }

void outJson(const QJsonArray &array)
{
    write(stdout, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)), false);
}

void outJson(const QJsonObject &object)
{
    write(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)), false);
}

bool stderrIsTerminal()
{
    return ::isatty(::fileno(stderr)) == 1;
}

QJsonValue isoOrNull(const std::optional<qint64> &utcMs, const QTimeZone &zone)
{
    if (!utcMs)
        return QJsonValue(QJsonValue::Null);
    return isoInZone(*utcMs, zone);
}

QJsonObject eventToJson(const EventRow &row, const QTimeZone &zone)
{
    QJsonObject o;
    o.insert(u"id"_s, row.id);
    o.insert(u"at"_s, isoInZone(row.utcMs, zone));
    // The time as the source showed it, when its offset differs from the case zone.
    o.insert(u"at_source"_s, isoWithOffset(row.utcMs, row.offsetSeconds));
    o.insert(u"kind"_s, toString(row.kind));
    o.insert(u"channel"_s, toString(row.channel));
    o.insert(u"direction"_s, toString(row.direction));
    o.insert(u"number"_s, stringOrNull(row.e164));
    o.insert(u"raw_number"_s, row.rawNumber);
    o.insert(u"counterpart"_s, row.counterpart);
    o.insert(u"conversation"_s, row.conversation);
    o.insert(u"text"_s, row.text);
    o.insert(u"duration_s"_s,
             row.durationS ? QJsonValue(*row.durationS) : QJsonValue(QJsonValue::Null));
    o.insert(u"evidence_sha256"_s, stringOrNull(row.evidenceSha256));
    o.insert(u"locator"_s, row.locator);
    if (row.kind == EventKind::Incident)
        o.insert(u"incident_type"_s, row.incidentType);
    o.insert(u"platform"_s, row.platform);
    o.insert(u"contacts_reached"_s, QJsonArray::fromStringList(row.contactsReached));
    o.insert(u"attachments_sha256"_s, QJsonArray::fromStringList(row.attachmentSha256));
    return o;
}

QJsonObject numberToJson(const NumberRow &row, const QTimeZone &zone)
{
    QJsonObject o;
    o.insert(u"e164"_s, stringOrNull(row.e164));
    o.insert(u"raw"_s, row.raw);
    o.insert(u"region"_s, row.region);
    o.insert(u"type"_s, row.type);
    o.insert(u"location"_s, row.locationZh);
    o.insert(u"location_en"_s, row.locationEn);
    o.insert(u"carrier"_s, row.carrier);
    o.insert(u"label"_s, row.label);
    o.insert(u"events"_s, row.events);
    o.insert(u"first_at"_s, isoOrNull(row.firstUtcMs, zone));
    o.insert(u"last_at"_s, isoOrNull(row.lastUtcMs, zone));
    return o;
}

QJsonObject statsToJson(const CaseStats &stats, const QTimeZone &zone)
{
    QJsonObject byDay;
    for (const auto &[day, count] : stats.byDay)
        byDay.insert(day, count);
    QJsonObject o;
    o.insert(u"events"_s, stats.events);
    o.insert(u"calls"_s, stats.calls);
    o.insert(u"messages"_s, stats.messages);
    o.insert(u"incidents"_s, stats.incidents);
    o.insert(u"numbers"_s, stats.numbers);
    o.insert(u"evidence"_s, stats.evidence);
    o.insert(u"contacts_reached"_s, stats.contactsReached);
    o.insert(u"first_at"_s, isoOrNull(stats.firstUtcMs, zone));
    o.insert(u"last_at"_s, isoOrNull(stats.lastUtcMs, zone));
    o.insert(u"by_day"_s, byDay);
    o.insert(u"time_zone"_s, QString::fromUtf8(zone.id()));
    return o;
}

int fail(const QString &command, const Error &error)
{
    err(u"dossier-cli "_s + command + u": "_s + error.toString());
    switch (error.code) {
    case ErrorCode::Usage:
    case ErrorCode::NotFound:
    case ErrorCode::NotACaseFile:
    case ErrorCode::Corrupt:
    case ErrorCode::TooNew:
    case ErrorCode::Io:
    case ErrorCode::Database:
    case ErrorCode::Unsupported:
    case ErrorCode::Parse:
    case ErrorCode::Internal:
    case ErrorCode::Cancelled:
        return ExitUsage;
    case ErrorCode::Integrity:
        return ExitMismatch;
    }
    return ExitUsage;
}

int usageError(const QString &command, const QString &message)
{
    err(u"dossier-cli "_s + command + u": "_s + message);
    err(DossierCli::tr("Try 'dossier-cli %1 --help' for more information.").arg(command));
    return ExitUsage;
}

} // namespace Dossier::Cli
