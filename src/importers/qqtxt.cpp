// SPDX-License-Identifier: GPL-3.0-or-later
// QQ PC 消息管理器 text export (formats.md §4): blocks of 消息分组 / 消息对象 between lines of '=',
// each followed by messages "YYYY-MM-DD H:MM:SS [AM|PM] sender" + body lines + a blank line.
#include <algorithm>
#include <vector>

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QSet>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/chatcommon.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {
namespace {

using namespace Chat;

const QString TITLE_PREFIX = u"消息记录"_s;
const QString GROUP_PREFIX = u"消息分组"_s;
const QString TARGET_PREFIX = u"消息对象"_s;
const QString RECENT_GROUP = u"最近联系人"_s;
const QString SYSTEM_NAME = u"系统消息"_s;

bool isSeparator(QStringView line)
{
    if (line.size() < 32 || line[0] != u'=')
        return false;
    for (const QChar c : line) {
        if (c != u'=')
            return false;
    }
    return true;
}

/// "消息分组:我的好友" -> "我的好友" (ASCII or full-width colon).
std::optional<QString> blockField(QStringView line, const QString &prefix)
{
    if (!line.startsWith(prefix) || line.size() <= prefix.size())
        return std::nullopt;
    const QChar colon = line[prefix.size()];
    if (colon != u':' && colon != u'：')
        return std::nullopt;
    return line.mid(prefix.size() + 1).trimmed().toString();
}

struct Sender
{
    QString nickname;
    QString qq;
    QString email;
    QString title; ///< group title such as 管理员, from a 【】 prefix
};

Sender parseSender(QStringView s)
{
    Sender out;
    s = s.trimmed();
    if (s.startsWith(u'【')) {
        const qsizetype close = s.indexOf(u'】');
        if (close > 0) {
            out.title = s.mid(1, close - 1).toString();
            s = s.mid(close + 1).trimmed();
        }
    }
    // Nicknames may contain parentheses or '<': only the last group at the very end is the id.
    if (s.endsWith(u')') || s.endsWith(u'）')) {
        qsizetype i = s.size() - 1;
        while (i > 0 && isAsciiDigit(s[i - 1]))
            --i;
        if (i < s.size() - 1 && i > 0 && (s[i - 1] == u'(' || s[i - 1] == u'（')) {
            out.qq = s.mid(i, s.size() - 1 - i).toString();
            out.nickname = s.left(i - 1).trimmed().toString();
            return out;
        }
    } else if (s.endsWith(u'>')) {
        const qsizetype open = s.lastIndexOf(u'<');
        if (open >= 0 && open < s.size() - 2) {
            out.email = s.mid(open + 1, s.size() - open - 2).trimmed().toString();
            out.nickname = s.left(open).trimmed().toString();
            return out;
        }
    }
    out.nickname = s.toString();
    return out;
}

struct Header
{
    Stamp stamp;
    QString sender;
};

/// Recognises "YYYY-M-D H:MM:SS[ AM|PM|上午|下午] sender" and "YYYY-M-D 上午H:MM:SS sender".
/// The hour is converted to 24-hour form; validity of the values is checked by the caller.
std::optional<Header> readHeader(QStringView line)
{
    if (line.isEmpty() || !isAsciiDigit(line[0]))
        return std::nullopt;
    int meridiem = 0; // 1 = AM, 2 = PM
    std::optional<Stamp> st = readStamp(line);
    QString normalized;
    if (!st) {
        // Chinese 12-hour locales may put 上午/下午 before the time.
        const qsizetype marker
            = std::max(line.left(16).indexOf(u"上午"), line.left(16).indexOf(u"下午"));
        if (marker < 0)
            return std::nullopt;
        meridiem = line.mid(marker, 2) == u"上午" ? 1 : 2;
        qsizetype cut = marker + 2;
        if (cut < line.size() && line[cut] == u' ')
            ++cut;
        normalized = line.left(marker).toString() + line.mid(cut);
        if (!normalized.isEmpty() && marker > 0 && normalized.at(marker - 1) != u' ')
            return std::nullopt;
        line = normalized;
        st = readStamp(line);
        if (!st)
            return std::nullopt;
    }
    QStringView rest = line.mid(st->end);
    if (!rest.isEmpty() && rest[0] != u' ' && rest[0] != u'\t')
        return std::nullopt;
    rest = rest.trimmed();
    if (meridiem == 0) {
        static const QString markers[] = {u"AM"_s, u"PM"_s, u"am"_s, u"pm"_s, u"上午"_s, u"下午"_s};
        for (const QString &m : markers) {
            if (rest.startsWith(m) && (rest.size() == m.size() || rest[m.size()] == u' ')) {
                meridiem = (m == u"AM"_s || m == u"am"_s || m == u"上午"_s) ? 1 : 2;
                rest = rest.mid(m.size()).trimmed();
                break;
            }
        }
    }
    Header h{*st, rest.toString()};
    if (meridiem != 0) {
        if (h.stamp.hour < 1 || h.stamp.hour > 12)
            h.stamp.hour = 99; // reported as an invalid time
        else if (meridiem == 1)
            h.stamp.hour %= 12;
        else
            h.stamp.hour = h.stamp.hour % 12 + 12;
    }
    return h;
}

/// A multiset of 63-bit message keys kept as a vector (8 bytes per message, where a hash table
/// needs about 30): appended unsorted, sorted and merged only when a lookup needs it. A taken
/// entry keeps its place and is marked in the top bit.
class KeyMultiset final
{
  public:
    void add(quint64 key) { m_keys.push_back(key & MASK); }

    /// Removes one occurrence of `key`; false if there is none left.
    bool take(quint64 key)
    {
        key &= MASK;
        const auto byKey = [](quint64 a, quint64 b) { return (a & MASK) < (b & MASK); };
        if (m_sorted < m_keys.size()) {
            const auto mid = m_keys.begin() + qsizetype(m_sorted);
            std::sort(mid, m_keys.end(), byKey);
            std::inplace_merge(m_keys.begin(), mid, m_keys.end(), byKey);
            m_sorted = m_keys.size();
        }
        for (auto it = std::lower_bound(m_keys.begin(), m_keys.end(), key, byKey);
             it != m_keys.end() && (*it & MASK) == key; ++it) {
            if (!(*it & TAKEN)) {
                *it |= TAKEN;
                return true;
            }
        }
        return false;
    }

  private:
    static constexpr quint64 TAKEN = quint64(1) << 63;
    static constexpr quint64 MASK = ~TAKEN;
    std::vector<quint64> m_keys;
    size_t m_sorted = 0;
};

struct Message : MessageBody
{
    bool active = false;
    qint64 line = 0;
    SourceTime at;
    Sender sender;
};

class QqTxtImporter final : public Importer
{
  public:
    QString format() const override { return u"qq-txt"_s; }
    QString displayName() const override
    {
        return QCoreApplication::translate("Dossier", "QQ message manager export (.txt)");
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        Q_UNUSED(fileName);
        const QStringList lines = firstNonBlankLines(decodeHead(head), 6);
        if (lines.isEmpty())
            return 0;
        if (lines.first().startsWith(u"消息记录（此消息记录为文本格式")
            || lines.first().startsWith(u"消息记录(此消息记录为文本格式"))
            return 100;
        for (int i = 0; i + 1 < lines.size(); ++i) {
            if (isSeparator(lines.at(i))
                && (blockField(lines.at(i + 1), GROUP_PREFIX)
                    || blockField(lines.at(i + 1), TARGET_PREFIX)))
                return 100;
        }
        if (blockField(lines.first(), TARGET_PREFIX))
            return 90;
        // Only headers: a QQ id or e-mail at the end tells it from the WeChat TXT layout.
        if (const auto h = readHeader(lines.first())) {
            const Sender s = parseSender(h->sender);
            return (!s.qq.isEmpty() || !s.email.isEmpty()) ? 70 : 0;
        }
        return 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override;
};

Result<void> QqTxtImporter::parse(QIODevice &file,
                                  const QString &path,
                                  const ImportContext &context,
                                  ImportSink &sink) const
{
    const QString formatName = QCoreApplication::translate("Dossier", "QQ message manager export");
    LineReader reader(file);
    Progress progress(context.progress, file.size());
    ZoneCache zone(context.settings.zone);

    QString group;
    QString target;
    bool inRecent = false;
    bool structureSeen = false; // title, separator or block header
    bool prevBlank = true;
    int blocks = 0;
    int emitted = 0;
    int duplicates = 0;
    // The 最近联系人 pseudo-group repeats messages that also appear under their own group,
    // before or after it. Both sides are kept as multisets of hashed (time, sender, text), so
    // identical messages sent in the same second within one chat are all kept and only a copy
    // found in both places is dropped. Memory grows with the message count (8 bytes each),
    // never with the text.
    KeyMultiset regularSeen;
    QHash<quint64, quint32> recentSeen; // usually small: only messages first seen in 最近联系人
    QSet<QString> groups;
    Message msg;

    auto flush = [&]() -> Result<void> {
        if (!msg.active)
            return {};
        msg.active = false;
        const Sender &s = msg.sender;
        const QString senderId = !s.qq.isEmpty() ? s.qq : !s.email.isEmpty() ? s.email : s.nickname;
        const quint64 key = dedupeKey(msg.at.utcMs, senderId, msg.body);
        if (inRecent) {
            if (regularSeen.take(key)) {
                ++duplicates;
                return {};
            }
            ++recentSeen[key];
        } else {
            const auto it = recentSeen.isEmpty() ? recentSeen.end() : recentSeen.find(key);
            if (it != recentSeen.end()) {
                if (--it.value() == 0)
                    recentSeen.erase(it);
                ++duplicates;
                return {};
            }
            regularSeen.add(key);
        }

        EventRecord ev;
        ev.kind = EventKind::Message;
        ev.channel = Channel::QQ;
        ev.at = msg.at;
        ev.text = msg.body;
        ev.conversation = target;
        ev.locator = u"line %1"_s.arg(msg.line);
        ev.platform = context.platform;
        ev.counterpart = !s.nickname.isEmpty() ? s.nickname : !s.qq.isEmpty() ? s.qq : s.email;
        const bool system = s.qq == u"10000"_s || s.qq == u"1000000"_s
                            || (s.qq.isEmpty() && s.email.isEmpty() && s.nickname == SYSTEM_NAME);
        if (system)
            ev.direction = Direction::Unknown;
        else if ((!s.qq.isEmpty() && context.settings.own.qqNumbers.contains(s.qq))
                 || isOwn(s.nickname, {&context.settings.own.names}))
            ev.direction = Direction::Outgoing;
        else
            ev.direction = Direction::Incoming;
        // The counterpart is the other party: for the user's own messages, the chat itself.
        if (ev.direction == Direction::Outgoing) {
            ev.extra.insert(u"sender"_s, ev.counterpart);
            ev.counterpart = target;
        }
        if (!group.isEmpty())
            ev.extra.insert(u"group"_s, group);
        if (!s.qq.isEmpty())
            ev.extra.insert(u"qq"_s, s.qq);
        if (!s.email.isEmpty())
            ev.extra.insert(u"email"_s, s.email);
        if (!s.title.isEmpty())
            ev.extra.insert(u"title"_s, s.title);
        if (system)
            ev.extra.insert(u"system"_s, true);
        if (msg.body.contains(u"撤回了一条消息"))
            ev.extra.insert(u"recalled"_s, true);
        if (msg.truncated)
            ev.extra.insert(u"truncated"_s, true);
        ++emitted;
        return sink.addEvent(std::move(ev));
    };

    QString line;
    bool firstContent = true;
    while (reader.next(line)) {
        if (!progress.update(reader.bytesRead()))
            return cancelledError(path);
        const qint64 lineNo = reader.lineNumber();
        const bool blank = line.trimmed().isEmpty();
        if (blank) {
            if (msg.active)
                msg.addLine(line);
            prevBlank = true;
            continue;
        }
        if (firstContent && line.startsWith(TITLE_PREFIX)) {
            firstContent = false;
            structureSeen = true;
            continue;
        }
        if (line[0] == u'=' && isSeparator(line)) {
            if (auto r = flush(); !r)
                return r;
            structureSeen = true;
            firstContent = false;
            prevBlank = true;
            continue;
        }
        if (!msg.active) {
            if (auto g = blockField(line, GROUP_PREFIX)) {
                group = *g;
                inRecent = group == RECENT_GROUP;
                groups.insert(group);
                structureSeen = true;
                firstContent = false;
                continue;
            }
            if (auto t = blockField(line, TARGET_PREFIX)) {
                target = *t;
                ++blocks;
                structureSeen = true;
                firstContent = false;
                continue;
            }
        }
        std::optional<Header> header;
        if ((prevBlank || !msg.active || msg.bodyLines == 0) && isAsciiDigit(line[0]))
            header = readHeader(line);
        prevBlank = false;
        if (header) {
            const QDate date(header->stamp.year, header->stamp.month, header->stamp.day);
            const QTime time(header->stamp.hour, header->stamp.minute, header->stamp.second);
            if (!date.isValid() || !time.isValid())
                return parseError(path, u"line %1"_s.arg(lineNo),
                                  QCoreApplication::translate(
                                      "Dossier", "the date or time of the message is not valid."),
                                  line.left(header->stamp.end + 3));
            if (auto r = flush(); !r)
                return r;
            msg = Message();
            msg.active = true;
            msg.line = lineNo;
            msg.at = zone.fromLocal(date, time);
            msg.sender = parseSender(header->sender);
            firstContent = false;
            continue;
        }
        if (firstContent && !structureSeen)
            return notFormatError(
                path, formatName,
                u"line %1 is neither a QQ export title nor a message header"_s.arg(lineNo));
        firstContent = false;
        if (msg.active)
            msg.addLine(line);
        else
            sink.reject(
                u"line %1"_s.arg(lineNo),
                QCoreApplication::translate("Dossier", "Text outside of any message was skipped."));
    }
    if (reader.hasError())
        return readerError(path, reader);
    if (auto r = flush(); !r)
        return r;
    if (!structureSeen && emitted == 0)
        return notFormatError(path, formatName, u"no messages found"_s);
    if (!progress.finish(reader.bytesRead()))
        return cancelledError(path);

    QJsonObject meta{{u"format"_s, format()},
                     {u"encoding"_s, reader.encoding()},
                     {u"conversations"_s, blocks},
                     {u"messages"_s, emitted},
                     {u"duplicatesSkipped"_s, duplicates}};
    QStringList groupList(groups.begin(), groups.end());
    groupList.sort();
    meta.insert(u"groups"_s, QJsonArray::fromStringList(groupList));
    if (reader.hadInvalidBytes())
        meta.insert(u"invalidBytes"_s, true);
    sink.setSourceMetadata(meta);
    return {};
}

} // namespace

std::unique_ptr<Importer> makeQqTxtImporter()
{
    return std::make_unique<QqTxtImporter>();
}

} // namespace Dossier::Import
