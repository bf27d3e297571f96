// SPDX-License-Identifier: GPL-3.0-or-later
// Call logs as CSV: phone/app exports and Chinese carrier detail bills (通话详单), headers mapped
// by name in Chinese or English, any of the usual encodings and delimiters.
#include <array>
#include <optional>

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/csvreader.h"
#include "importers/dayzonecache.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

constexpr qint64 PROGRESS_STEP = 1024 * 1024;
// The header must appear among the first records (carrier bills put a few title rows first).
constexpr int MAX_HEADER_SEARCH = 30;

/// A header cell reduced for lookup: no spaces, quotes, '_' or '-', no "(秒)" unit, lower case.
QString headerKey(QStringView cell)
{
    QString key;
    key.reserve(cell.size());
    for (const QChar ch : cell) {
        const char16_t c = ch.unicode();
        if (c == u'(' || c == 0xFF08 || c == u'[' || c == 0x3010)
            break;
        if (ch.isSpace() || c == u'_' || c == u'-' || c == u'"' || c == 0xFEFF || c == u'*'
            || c == u':' || c == 0xFF1A)
            continue;
        key.append(ch.toLower());
    }
    return key;
}

enum class Column
{
    None,
    Time,
    Date,
    Clock,
    Number,
    Duration,
    Type,
    Name,
    Place
};

struct Known
{
    const char16_t *key;
    Column column;
    int rank; ///< for type columns: lower wins
};

// Exact keys (after headerKey). "本机号码"/cell_phone are the user's own number: not mapped.
constexpr std::array KNOWN = {
    Known{u"起始时间", Column::Time, 0},       Known{u"开始时间", Column::Time, 0},
    Known{u"通话时间", Column::Time, 0},       Known{u"呼叫时间", Column::Time, 0},
    Known{u"通话起始时间", Column::Time, 0},   Known{u"通话开始时间", Column::Time, 0},
    Known{u"通信时间", Column::Time, 0},       Known{u"起始时刻", Column::Time, 0},
    Known{u"starttime", Column::Time, 0},      Known{u"calldatetime", Column::Time, 0},
    Known{u"datetime", Column::Time, 0},       Known{u"timestamp", Column::Time, 0},
    Known{u"时间戳", Column::Time, 0},         Known{u"calldate", Column::Time, 0},
    Known{u"日期", Column::Date, 0},           Known{u"通话日期", Column::Date, 0},
    Known{u"date", Column::Date, 0},           Known{u"时间", Column::Clock, 0},
    Known{u"time", Column::Clock, 0},          Known{u"对方号码", Column::Number, 0},
    Known{u"号码", Column::Number, 0},         Known{u"电话", Column::Number, 0},
    Known{u"对方电话", Column::Number, 0},     Known{u"电话号码", Column::Number, 0},
    Known{u"对端号码", Column::Number, 0},     Known{u"通话号码", Column::Number, 0},
    Known{u"对方手机号", Column::Number, 0},   Known{u"othercellphone", Column::Number, 0},
    Known{u"mobileno", Column::Number, 0},     Known{u"number", Column::Number, 0},
    Known{u"phone", Column::Number, 0},        Known{u"phonenumber", Column::Number, 0},
    Known{u"通话时长", Column::Duration, 0},   Known{u"通信时长", Column::Duration, 0},
    Known{u"时长", Column::Duration, 0},       Known{u"usetime", Column::Duration, 0},
    Known{u"calltime", Column::Duration, 0},   Known{u"duration", Column::Duration, 0},
    Known{u"通话时长秒", Column::Duration, 0}, Known{u"呼叫类型", Column::Type, 0},
    Known{u"通信方式", Column::Type, 1},       Known{u"inittype", Column::Type, 2},
    Known{u"calltype", Column::Type, 3},       Known{u"type", Column::Type, 4},
    Known{u"通话状态", Column::Type, 5},       Known{u"类型", Column::Type, 6},
    Known{u"通话类型", Column::Type, 7},       Known{u"姓名", Column::Name, 0},
    Known{u"联系人", Column::Name, 0},         Known{u"name", Column::Name, 0},
    Known{u"联系人姓名", Column::Name, 0},     Known{u"对方姓名", Column::Name, 0},
    Known{u"contactname", Column::Name, 0},    Known{u"通话地点", Column::Place, 0},
    Known{u"calladdress", Column::Place, 0},   Known{u"place", Column::Place, 0},
    Known{u"地点", Column::Place, 0},
};

// Columns that mean the file holds messages, not calls.
constexpr std::array MESSAGE_KEYS
    = {u"内容", u"短信内容", u"body", u"message", u"content", u"消息", u"text"};

struct TypeColumn
{
    int index = -1;
    int rank = 0;
    QString header;
};

/// Which column holds what; -1 when absent.
struct Mapping
{
    int time = -1;
    int date = -1;
    int clock = -1;
    int number = -1;
    int duration = -1;
    int name = -1;
    int place = -1;
    std::vector<TypeColumn> types; ///< best first
    QStringList headers;
    bool messageColumns = false;

    bool hasTime() const { return time >= 0 || date >= 0; }
    bool valid() const { return hasTime() && number >= 0; }
    int maxIndex() const
    {
        int m = std::max({time, date, clock, number, duration, name, place});
        for (const TypeColumn &t : types)
            m = std::max(m, t.index);
        return m;
    }
};

Mapping mapHeader(const std::vector<QStringView> &fields)
{
    Mapping m;
    for (int i = 0; i < int(fields.size()); ++i) {
        const QString key = headerKey(fields[size_t(i)]);
        m.headers << fields[size_t(i)].trimmed().toString();
        if (key.isEmpty())
            continue;
        for (const char16_t *k : MESSAGE_KEYS) {
            if (key == QStringView(k))
                m.messageColumns = true;
        }
        for (const Known &known : KNOWN) {
            if (key != QStringView(known.key))
                continue;
            int *slot = nullptr;
            switch (known.column) {
            case Column::Time:
                slot = &m.time;
                break;
            case Column::Date:
                slot = &m.date;
                break;
            case Column::Clock:
                slot = &m.clock;
                break;
            case Column::Number:
                slot = &m.number;
                break;
            case Column::Duration:
                slot = &m.duration;
                break;
            case Column::Name:
                slot = &m.name;
                break;
            case Column::Place:
                slot = &m.place;
                break;
            case Column::Type:
                m.types.push_back({i, known.rank, m.headers.last()});
                break;
            case Column::None:
                break;
            }
            if (slot && *slot < 0)
                *slot = i;
            break;
        }
    }
    // A lone "时间"/"time" or "日期"/"date" column holds the whole date and time.
    if (m.time < 0 && m.date < 0 && m.clock >= 0) {
        m.time = m.clock;
        m.clock = -1;
    } else if (m.time < 0 && m.clock < 0 && m.date >= 0) {
        m.time = m.date;
        m.date = -1;
    }
    std::stable_sort(m.types.begin(), m.types.end(),
                     [](const TypeColumn &a, const TypeColumn &b) { return a.rank < b.rank; });
    return m;
}

/// Up to `max` numbers from the digit runs in `s`, with their digit counts.
int digitGroups(
    QStringView s, int *values, int *widths, int max, bool *pm = nullptr, bool *am = nullptr)
{
    int count = 0;
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n;) {
        const char16_t c = s[i].unicode();
        if (c >= u'0' && c <= u'9') {
            int v = 0;
            int w = 0;
            while (i < n && s[i].unicode() >= u'0' && s[i].unicode() <= u'9') {
                if (w < 9)
                    v = v * 10 + (s[i].unicode() - u'0');
                ++w;
                ++i;
            }
            if (count < max) {
                values[count] = v;
                widths[count] = w;
            }
            ++count;
            continue;
        }
        if (pm
            && (c == u'下'
                || ((c | 0x20) == u'p' && i + 1 < n && (s[i + 1].unicode() | 0x20) == u'm')))
            *pm = true;
        if (am
            && (c == u'上'
                || ((c | 0x20) == u'a' && i + 1 < n && (s[i + 1].unicode() | 0x20) == u'm')))
            *am = true;
        ++i;
    }
    return count;
}

struct LocalStamp
{
    QDate date;
    QTime time;
    std::optional<qint64> utcMs; ///< set for epoch values
};

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

qint64 toNumber(QStringView s)
{
    qint64 v = 0;
    for (const QChar c : s)
        v = v * 10 + (c.unicode() - u'0');
    return v;
}

/// Reads a date from digit groups: y-m-d when the year comes first, else m/d/y or d/m/y.
QDate dateFromGroups(const int *v, const int *w)
{
    if (w[0] == 4)
        return QDate(v[0], v[1], v[2]);
    if (w[2] == 4 || w[2] == 2) {
        const int year = w[2] == 2 ? 2000 + v[2] : v[2];
        return v[0] > 12 ? QDate(year, v[1], v[0]) : QDate(year, v[0], v[1]);
    }
    return {};
}

QTime timeFromGroups(const int *v, const int *w, int count, bool am, bool pm)
{
    if (count < 2)
        return {};
    int hour = v[0];
    if (pm && hour < 12)
        hour += 12;
    else if (am && hour == 12)
        hour = 0;
    const int second = count >= 3 ? v[2] : 0;
    int ms = 0;
    if (count >= 4 && w[3] == 3)
        ms = v[3];
    return QTime(hour, v[1], second, ms);
}

/// "2024-01-05 10:00:00", "2024/1/5 10:00", "2024年1月5日 10时0分0秒", "20240105100000",
/// epoch seconds or milliseconds.
std::optional<LocalStamp> parseStamp(QStringView s)
{
    s = s.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    if (allDigits(s)) {
        if (s.size() == 13)
            return LocalStamp{{}, {}, toNumber(s)};
        if (s.size() == 10)
            return LocalStamp{{}, {}, toNumber(s) * 1000};
        if (s.size() == 14 || s.size() == 12) {
            const auto part = [&](int at, int len) { return int(toNumber(s.mid(at, len))); };
            LocalStamp st{QDate(part(0, 4), part(4, 2), part(6, 2)),
                          QTime(part(8, 2), part(10, 2), s.size() == 14 ? part(12, 2) : 0),
                          std::nullopt};
            if (st.date.isValid() && st.time.isValid())
                return st;
        }
        return std::nullopt;
    }
    // An explicit offset ("Z", "+08:00", "-0500" after the time) is left to parseUserTime().
    bool afterColon = false;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'+' || (afterColon && u == u'-'))
            return std::nullopt;
        afterColon = afterColon || u == u':';
    }
    if (s.endsWith(u'Z'))
        return std::nullopt;
    int v[8];
    int w[8];
    bool am = false;
    bool pm = false;
    const int count = digitGroups(s, v, w, 8, &pm, &am);
    if (count < 5 || count > 7)
        return std::nullopt;
    LocalStamp st{dateFromGroups(v, w), timeFromGroups(v + 3, w + 3, count - 3, am, pm),
                  std::nullopt};
    if (!st.date.isValid() || !st.time.isValid())
        return std::nullopt;
    return st;
}

/// A date column plus a time column.
std::optional<LocalStamp> parseDateAndClock(QStringView dateText, QStringView clockText)
{
    int v[4];
    int w[4];
    if (allDigits(dateText.trimmed()) && dateText.trimmed().size() == 8) {
        dateText = dateText.trimmed();
        v[0] = int(toNumber(dateText.left(4)));
        v[1] = int(toNumber(dateText.mid(4, 2)));
        v[2] = int(toNumber(dateText.mid(6, 2)));
        w[0] = 4;
        w[1] = w[2] = 2;
    } else if (digitGroups(dateText, v, w, 4) != 3) {
        return std::nullopt;
    }
    const QDate date = dateFromGroups(v, w);
    int tv[4];
    int tw[4];
    bool am = false;
    bool pm = false;
    const int count = digitGroups(clockText, tv, tw, 4, &pm, &am);
    if (count < 2 || count > 4)
        return std::nullopt;
    const QTime time = timeFromGroups(tv, tw, count, am, pm);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return LocalStamp{date, time, std::nullopt};
}

/// Seconds from "83", "83.0", "01:23", "00:01:23", "1分23秒", "1小时2分3秒", "1时2分3秒", "23秒",
/// "1h2m3s". A number of more than 9 digits (31 years of seconds) is no call's length and is not
/// read, which also keeps the sums below far from overflowing.
std::optional<qint64> parseDuration(QStringView s)
{
    constexpr qsizetype MAX_DIGITS = 9;
    constexpr qint64 MAX_TOTAL = qint64(1) << 40;
    const auto number = [](QStringView digits) -> std::optional<qint64> {
        while (digits.size() > 1 && digits.front() == u'0')
            digits = digits.mid(1);
        if (!allDigits(digits) || digits.size() > MAX_DIGITS)
            return std::nullopt;
        return toNumber(digits);
    };
    s = s.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    if (allDigits(s))
        return number(s);
    const qsizetype dot = s.indexOf(u'.');
    if (dot > 0 && allDigits(s.left(dot)) && (dot + 1 == s.size() || allDigits(s.mid(dot + 1))))
        return number(s.left(dot));
    if (s.contains(u':')) {
        qint64 total = 0;
        int parts = 0;
        for (QStringView part : s.tokenize(u':')) {
            const auto value = number(part.trimmed());
            if (!value || ++parts > 3)
                return std::nullopt;
            total = total * 60 + *value;
        }
        return parts >= 2 ? std::optional<qint64>(total) : std::nullopt;
    }
    // Numbers with units.
    qint64 total = 0;
    bool any = false;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        while (i < n && s[i].isSpace())
            ++i;
        if (i >= n)
            break;
        if (!s[i].isDigit())
            return std::nullopt;
        const qsizetype start = i;
        while (i < n && s[i].unicode() >= u'0' && s[i].unicode() <= u'9')
            ++i;
        const auto value = number(s.sliced(start, i - start));
        if (!value)
            return std::nullopt;
        while (i < n && s[i].isSpace())
            ++i;
        if (i >= n)
            return std::nullopt;
        const char16_t u = s[i].unicode();
        qint64 factor = 0;
        if (s.mid(i).startsWith(u"小时"_s)) {
            factor = 3600;
            i += 2;
        } else if (s.mid(i).startsWith(u"分钟"_s)) {
            factor = 60;
            i += 2;
        } else if (u == u'时' || u == u'h' || u == u'H') {
            factor = 3600;
            ++i;
        } else if (u == u'分' || u == u'm' || u == u'M') {
            factor = 60;
            ++i;
        } else if (u == u'秒' || u == u's' || u == u'S') {
            factor = 1;
            ++i;
        } else {
            return std::nullopt;
        }
        while (i < n && s[i].isLetter() && s[i].unicode() < 0x80) // "min", "sec"
            ++i;
        total += *value * factor;
        if (total > MAX_TOTAL) // "1h1h1h…" a million times over
            return std::nullopt;
        any = true;
    }
    return any ? std::optional<qint64>(total) : std::nullopt;
}

struct TypeWord
{
    const char16_t *word;
    Direction direction;
};

constexpr std::array TYPE_WORDS = {
    TypeWord{u"主叫", Direction::Outgoing},     TypeWord{u"被叫", Direction::Incoming},
    TypeWord{u"呼出", Direction::Outgoing},     TypeWord{u"呼入", Direction::Incoming},
    TypeWord{u"去电", Direction::Outgoing},     TypeWord{u"来电", Direction::Incoming},
    TypeWord{u"拨出", Direction::Outgoing},     TypeWord{u"已拨", Direction::Outgoing},
    TypeWord{u"已接", Direction::Incoming},     TypeWord{u"已接来电", Direction::Incoming},
    TypeWord{u"未接", Direction::Missed},       TypeWord{u"未接来电", Direction::Missed},
    TypeWord{u"拒接", Direction::Rejected},     TypeWord{u"已拒接", Direction::Rejected},
    TypeWord{u"拦截", Direction::Blocked},      TypeWord{u"已拦截", Direction::Blocked},
    TypeWord{u"主叫呼出", Direction::Outgoing}, TypeWord{u"被叫接听", Direction::Incoming},
    TypeWord{u"incoming", Direction::Incoming}, TypeWord{u"outgoing", Direction::Outgoing},
    TypeWord{u"missed", Direction::Missed},     TypeWord{u"rejected", Direction::Rejected},
    TypeWord{u"declined", Direction::Rejected}, TypeWord{u"blocked", Direction::Blocked},
    TypeWord{u"in", Direction::Incoming},       TypeWord{u"out", Direction::Outgoing},
    TypeWord{u"received", Direction::Incoming}, TypeWord{u"dialed", Direction::Outgoing},
    TypeWord{u"1", Direction::Incoming},        TypeWord{u"2", Direction::Outgoing},
    TypeWord{u"3", Direction::Missed},          TypeWord{u"5", Direction::Rejected},
    TypeWord{u"6", Direction::Blocked},
};

/// The direction a type cell names; nullopt if it names none (呼转, 本地, voicemail ...).
std::optional<Direction> directionFromType(QStringView s)
{
    s = s.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    for (const TypeWord &t : TYPE_WORDS) {
        if (s.compare(QStringView(t.word), Qt::CaseInsensitive) == 0)
            return t.direction;
    }
    // Android 7: answered on another device.
    if (s == u"7")
        return Direction::Incoming;
    return std::nullopt;
}

/// The number as written, minus Excel's text guards (="…", a leading apostrophe or tab).
QString cleanNumber(QStringView s)
{
    s = s.trimmed();
    if (s.startsWith(u"=\""_s) && s.endsWith(u'"'))
        s = s.mid(2, s.size() - 3);
    while (s.startsWith(u'\''))
        s = s.mid(1);
    return s.trimmed().toString();
}

bool isSummaryRow(const std::vector<QStringView> &fields)
{
    static const std::array words
        = {u"合计"_s, u"小计"_s, u"总计"_s, u"共计"_s, u"合 计"_s, u"总 计"_s, u"total"_s};
    for (const QStringView f : fields) {
        const QStringView t = f.trimmed();
        for (const QString &w : words) {
            if (t.startsWith(w, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

bool isBlankRow(const std::vector<QStringView> &fields)
{
    for (const QStringView f : fields) {
        for (const QChar c : f) {
            const char16_t u = c.unicode();
            if (u != u' ' && u != u'\t' && u != u'\r' && u != 0x3000 && u != 0x00A0)
                return false;
        }
    }
    return true;
}

QString delimiterName(char16_t d)
{
    return d == u'\t' ? u"tab"_s : QString(QChar(d));
}

/// Where the header is: the delimiter and the record number, found in the first 64 KiB.
struct Layout
{
    char16_t delimiter = u',';
    qint64 headerRecord = 0;
    Mapping mapping;
    QString encoding;
};

std::optional<Layout> findLayout(const QByteArray &head)
{
    const QString encoding = detectTextEncoding(head);
    std::optional<Layout> best;
    for (const char16_t delimiter : {u',', u'\t', u';'}) {
        QByteArray copy = head;
        QBuffer buffer(&copy);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(buffer, delimiter, encoding);
        while (reader.next() && reader.recordNumber() <= MAX_HEADER_SEARCH) {
            if (reader.fields().size() < 2)
                continue;
            Mapping m = mapHeader(reader.fields());
            if (!m.valid())
                continue;
            if (!best || qsizetype(reader.fields().size()) > best->mapping.headers.size())
                best = Layout{delimiter, reader.recordNumber(), std::move(m), encoding};
            break;
        }
    }
    return best;
}

/// Per-row extras built once per distinct value and shared (QJsonObject is implicitly shared):
/// carrier bills repeat a handful of places, and building a JSON object per row would cost more
/// than parsing the row.
class ExtraCache final
{
  public:
    QJsonObject get(QStringView place, QStringView callType)
    {
        for (const Entry &e : m_entries) {
            if (e.place == place && e.callType == callType)
                return e.extra;
        }
        QJsonObject extra;
        if (!place.isEmpty())
            extra.insert(u"place"_s, place.toString());
        if (!callType.isEmpty())
            extra.insert(u"callType"_s, callType.toString());
        if (m_entries.size() < 256)
            m_entries.push_back({place.toString(), callType.toString(), extra});
        return extra;
    }

  private:
    struct Entry
    {
        QString place;
        QString callType;
        QJsonObject extra;
    };
    std::vector<Entry> m_entries;
};

class CallLogCsvImporter final : public Importer
{
  public:
    QString format() const override { return u"calllog-csv"_s; }
    QString displayName() const override
    {
        return tr("Call log or carrier call detail (通话详单) as CSV");
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        if (head.isEmpty() || head.startsWith("PK\x03\x04") || head.startsWith("<?xml"))
            return 0;
        if (head.contains('\0') && !detectTextEncoding(head).startsWith(u"UTF-16"_s))
            return 0; // binary
        const auto layout = findLayout(head);
        if (!layout)
            return 0;
        const QString suffix = QFileInfo(fileName).suffix().toLower();
        const bool csvName = suffix == u"csv"_s || suffix == u"txt"_s || suffix == u"tsv"_s;
        if (layout->mapping.messageColumns)
            return 0; // message text: an SMS or chat table, not a call log (--format still works)
        return csvName ? 85 : 50;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override;
};

Result<void> CallLogCsvImporter::parse(QIODevice &file,
                                       const QString &path,
                                       const ImportContext &context,
                                       ImportSink &sink) const
{
    const QByteArray head = file.peek(65536);
    if (head.isEmpty())
        return makeError(ErrorCode::Parse, tr("%1 is empty.").arg(path));
    const auto layout = findLayout(head);
    if (!layout)
        return makeError(ErrorCode::Parse,
                         tr("%1 is not a call log: no header row with a time and a number column "
                            "was found in its first %2 rows.")
                             .arg(path)
                             .arg(MAX_HEADER_SEARCH));
    const Mapping &m = layout->mapping;
    const qint64 total = file.isSequential() ? 0 : file.size();
    const auto cancelled
        = [&] { return makeError(ErrorCode::Cancelled, tr("The import was cancelled.")); };

    CsvReader reader(file, layout->delimiter, layout->encoding);
    while (reader.recordNumber() < layout->headerRecord) {
        if (!reader.next())
            break;
    }
    DayZoneCache zone(context.settings.zone);
    ExtraCache extras;
    const size_t needed = size_t(m.maxIndex()) + 1;
    qint64 nextProgress = PROGRESS_STEP;
    qint64 rows = 0;
    qint64 calls = 0;
    qint64 skipped = 0;
    const auto rowError = [&](qint64 row, const QString &message) {
        return makeError(ErrorCode::Parse, tr("%1, row %2 (line %3): %4")
                                               .arg(path)
                                               .arg(row)
                                               .arg(reader.lineNumber())
                                               .arg(message));
    };

    while (reader.next()) {
        ++rows;
        if (reader.bytesRead() >= nextProgress) {
            nextProgress = reader.bytesRead() + PROGRESS_STEP;
            if (context.progress && !context.progress(reader.bytesRead(), total))
                return cancelled();
        }
        const std::vector<QStringView> &f = reader.fields();
        if (isBlankRow(f))
            continue;
        const QString locator = numberedLocator(u"row ", rows);
        const auto cell = [&](int index) {
            return index >= 0 && size_t(index) < f.size() ? f[size_t(index)] : QStringView();
        };

        std::optional<LocalStamp> stamp;
        if (m.time >= 0)
            stamp = parseStamp(cell(m.time));
        else
            stamp = parseDateAndClock(cell(m.date), cell(m.clock));
        if (!stamp && m.time < 0)
            stamp = parseStamp(cell(m.clock)); // "时间" holding the date as well
        std::optional<SourceTime> withOffset;  // "2024-03-01T08:05:12+08:00": rare, so no fast path
        if (!stamp && m.time >= 0)
            withOffset = parseUserTime(cell(m.time).trimmed().toString(), context.settings.zone);
        if (!stamp && !withOffset) {
            if (isSummaryRow(f)) {
                sink.reject(locator, tr("summary row (合计/小计), not a call"));
                ++skipped;
                continue;
            }
            if (f.size() >= needed && mapHeader(f).valid()) {
                sink.reject(locator, tr("repeated header row"));
                ++skipped;
                continue;
            }
            const QStringView timeText = m.time >= 0 ? cell(m.time) : cell(m.date);
            if (timeText.trimmed().isEmpty() && cell(m.number).trimmed().isEmpty()) {
                sink.reject(locator, tr("no time and no number: not a call record"));
                ++skipped;
                continue;
            }
            const QString shown = m.time >= 0
                                      ? cell(m.time).toString()
                                      : cell(m.date).toString() + u' ' + cell(m.clock).toString();
            return rowError(
                rows,
                tr("\"%1\" is not a date and time this importer can read.").arg(shown.trimmed()));
        }

        EventRecord event;
        event.kind = EventKind::Call;
        event.channel = Channel::Phone;
        if (withOffset)
            event.at = *withOffset;
        else if (stamp->utcMs)
            event.at = zone.utc(*stamp->utcMs);
        else
            event.at = zone.local(stamp->date, stamp->time);
        event.rawNumber = cleanNumber(cell(m.number));
        if (m.name >= 0)
            event.counterpart = cell(m.name).trimmed().toString();
        event.locator = locator;
        event.platform = context.platform;
        if (m.duration >= 0) {
            const QStringView d = cell(m.duration);
            event.durationS = parseDuration(d);
            if (!event.durationS && !d.trimmed().isEmpty())
                event.extra.insert(u"durationText"_s, d.trimmed().toString());
        }
        // The best-ranked type column that names a direction decides; a value that names none
        // (呼转, voicemail) is kept as it is.
        QStringView unmappedType;
        for (const TypeColumn &t : m.types) {
            const QStringView value = cell(t.index).trimmed();
            if (value.isEmpty())
                continue;
            if (const auto dir = directionFromType(value)) {
                event.direction = *dir;
                unmappedType = {};
                break;
            }
            if (unmappedType.isEmpty())
                unmappedType = value;
        }
        const QStringView place = m.place >= 0 ? cell(m.place).trimmed() : QStringView();
        if (!place.isEmpty() || !unmappedType.isEmpty()) {
            QJsonObject extra = extras.get(place, unmappedType);
            if (event.extra.isEmpty()) {
                event.extra = extra;
            } else {
                for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
                    event.extra.insert(it.key(), it.value());
            }
        }
        if (auto r = sink.addEvent(std::move(event)); !r)
            return r;
        ++calls;
    }
    if (reader.hasError()) {
        Error e = reader.error();
        e.message = path + u": "_s + e.message;
        return e;
    }
    if (context.progress && !context.progress(total, total))
        return cancelled();

    QJsonObject columns;
    const auto name = [&](int index) { return m.headers.value(index); };
    if (m.time >= 0)
        columns.insert(u"time"_s, name(m.time));
    if (m.date >= 0)
        columns.insert(u"date"_s, name(m.date));
    if (m.clock >= 0)
        columns.insert(u"clock"_s, name(m.clock));
    columns.insert(u"number"_s, name(m.number));
    if (m.duration >= 0)
        columns.insert(u"duration"_s, name(m.duration));
    if (!m.types.empty())
        columns.insert(u"type"_s, m.types.front().header);
    if (m.name >= 0)
        columns.insert(u"name"_s, name(m.name));
    if (m.place >= 0)
        columns.insert(u"place"_s, name(m.place));
    QJsonObject metadata{
        {u"encoding"_s, reader.encoding()},
        {u"delimiter"_s, delimiterName(layout->delimiter)},
        {u"headerRow"_s, layout->headerRecord},
        {u"columns"_s, columns},
        {u"calls"_s, calls},
        {u"skippedRows"_s, skipped},
        {u"timeZone"_s, QString::fromUtf8(context.settings.zone.id())},
        {u"timeZoneBasis"_s, u"times without a zone read in the case zone"_s},
    };
    if (reader.hadInvalidBytes())
        metadata.insert(u"invalidBytes"_s, true);
    sink.setSourceMetadata(metadata);
    return {};
}

} // namespace

std::unique_ptr<Importer> makeCallLogCsvImporter()
{
    return std::make_unique<CallLogCsvImporter>();
}

} // namespace Dossier::Import
