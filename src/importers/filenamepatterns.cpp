// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/filenamepatterns.h"

#include <map>
#include <mutex>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/timeutil.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

// Epoch values outside this range are digits that only look like a time stamp.
constexpr qint64 MIN_EPOCH_MS = 946684800000LL;  // 2000-01-01
constexpr qint64 MAX_EPOCH_MS = 4102444800000LL; // 2100-01-01

QString normalizedName(QString name)
{
    // macOS puts a narrow no-break space before AM/PM; some tools use a no-break space.
    name.replace(QChar(0x202F), u' ');
    name.replace(QChar(0x00A0), u' ');
    return name;
}

std::optional<SourceTime> timeOf(const FileNamePatterns::Pattern &pattern,
                                 const QRegularExpressionMatch &m, const QTimeZone &caseZone)
{
    const QTimeZone zone = pattern.zone.isEmpty() ? caseZone : QTimeZone(pattern.zone.toUtf8());
    bool ok = false;
    const QString epochMs = m.captured(u"epoch_ms"_s);
    const QString epochS = m.captured(u"epoch_s"_s);
    if (!epochMs.isEmpty() || !epochS.isEmpty()) {
        const qint64 ms = epochMs.isEmpty() ? epochS.toLongLong(&ok) * 1000
                                            : epochMs.toLongLong(&ok);
        if (!ok || ms < MIN_EPOCH_MS || ms >= MAX_EPOCH_MS)
            return std::nullopt;
        return sourceTimeFromUtcMs(ms, caseZone);
    }
    QDate date;
    QTime time;
    const QString dateTime = m.captured(u"datetime"_s);
    if (!dateTime.isEmpty()) {
        const QDateTime dt = QDateTime::fromString(dateTime, pattern.dateTimeFormat);
        date = dt.date();
        time = dt.time();
    } else {
        date = QDate::fromString(m.captured(u"date"_s), pattern.dateFormat);
        time = QTime::fromString(m.captured(u"time"_s), pattern.timeFormat);
    }
    // Two-digit years ("yyMMdd") mean this century.
    if (date.isValid() && date.year() < 1970)
        date = date.addYears(100);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return sourceTimeFromLocal(date, time, zone);
}

} // namespace

Result<FileNamePatterns> FileNamePatterns::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        return makeError(ErrorCode::Internal, u"File-name pattern data is not a JSON object."_s,
                         parseError.errorString());
    }
    FileNamePatterns result;
    const QJsonArray list = doc.object().value(u"patterns"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        Pattern p;
        p.id = o.value(u"id"_s).toString();
        p.regex = QRegularExpression(o.value(u"regex"_s).toString(),
                                     QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::UseUnicodePropertiesOption);
        p.dateFormat = o.value(u"date_format"_s).toString();
        p.timeFormat = o.value(u"time_format"_s).toString();
        p.dateTimeFormat = o.value(u"datetime_format"_s).toString();
        p.zone = o.value(u"zone"_s).toString();
        p.example = o.value(u"example"_s).toString();
        p.app = o.value(u"app"_s).toString();
        if (p.id.isEmpty() || !p.regex.isValid() || p.regex.pattern().isEmpty()) {
            return makeError(ErrorCode::Internal,
                             u"File-name pattern \"%1\" is invalid."_s.arg(p.id),
                             p.regex.errorString());
        }
        const QStringList groups = p.regex.namedCaptureGroups();
        const bool hasDate = groups.contains(u"date"_s) || groups.contains(u"time"_s);
        if ((hasDate && (p.dateFormat.isEmpty() || p.timeFormat.isEmpty()))
            || (groups.contains(u"datetime"_s) && p.dateTimeFormat.isEmpty())
            || (!p.zone.isEmpty() && !QTimeZone(p.zone.toUtf8()).isValid())) {
            return makeError(ErrorCode::Internal,
                             u"File-name pattern \"%1\" lacks a date format or has a bad zone."_s
                                 .arg(p.id));
        }
        result.m_patterns.append(p);
    }
    return result;
}

const FileNamePatterns &FileNamePatterns::resource(const QString &resourcePath)
{
    static std::mutex mutex;
    static std::map<QString, FileNamePatterns> cache; // node-based: references stay valid
    const std::lock_guard lock(mutex);
    auto it = cache.find(resourcePath);
    if (it == cache.end()) {
        QFile file(resourcePath);
        FileNamePatterns patterns;
        if (file.open(QIODevice::ReadOnly)) {
            auto loaded = fromJson(file.readAll());
            if (loaded) // tests check the shipped files; a broken one must not stop imports
                patterns = std::move(*loaded);
        }
        it = cache.emplace(resourcePath, std::move(patterns)).first;
    }
    return it->second;
}

std::optional<FileNameMatch> FileNamePatterns::match(const QString &fileName,
                                                     const QTimeZone &zone) const
{
    const QString name = normalizedName(fileName);
    for (const Pattern &pattern : m_patterns) {
        const QRegularExpressionMatch m = pattern.regex.match(name);
        if (!m.hasMatch())
            continue;
        FileNameMatch result;
        result.patternId = pattern.id;
        const QStringList groups = pattern.regex.namedCaptureGroups();
        const bool wantsTime = groups.contains(u"date"_s) || groups.contains(u"datetime"_s)
                               || groups.contains(u"epoch_ms"_s) || groups.contains(u"epoch_s"_s);
        if (wantsTime) {
            result.time = timeOf(pattern, m, zone);
            if (!result.time)
                continue; // digits in the right place but no real date: try the next pattern
        }
        result.number = m.captured(u"number"_s).trimmed();
        result.name = m.captured(u"name"_s).trimmed();
        result.app = m.captured(u"app"_s).trimmed();
        if (result.app.isEmpty())
            result.app = pattern.app;
        return result;
    }
    return std::nullopt;
}

} // namespace Dossier::Import
