// SPDX-License-Identifier: GPL-3.0-or-later
// MemoTrace / 留痕 CSV export of PC WeChat (formats.md §5a): one row per message, columns
// localId, TalkerId, Type, SubType, IsSender, CreateTime, Status, StrContent, StrTime, Remark,
// NickName, Sender (early versions only the first nine). Fields holding XML or newlines are quoted.
#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/chatcommon.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {
namespace {

using namespace Chat;

constexpr qsizetype MAX_RECORD_CHARS = 32 * 1024 * 1024;
constexpr qsizetype MAX_RAW_BYTES = 64 * 1024;

/// Splits quoted CSV (RFC 4180, lenient) into records; a quoted field may span lines.
class CsvRecords final
{
  public:
    enum class Status
    {
        Record,
        End,
        Truncated,
        TooLong
    };

    explicit CsvRecords(LineReader &reader)
        : m_reader(reader)
    {
    }

    Status next(QStringList &fields)
    {
        fields.clear();
        QString line;
        if (!m_reader.next(line))
            return Status::End;
        m_startLine = m_reader.lineNumber();
        QString field;
        bool inQuotes = false;
        bool quoted = false;
        qsizetype total = 0;
        for (;;) {
            // Text written with "\r\n" through a text-mode stream ends lines in "\r\r\n".
            while (!inQuotes && line.endsWith(u'\r'))
                line.chop(1);
            const qsizetype n = line.size();
            qsizetype i = 0;
            while (i < n) {
                if (inQuotes) {
                    const qsizetype q = line.indexOf(u'"', i);
                    if (q < 0) {
                        field += QStringView(line).mid(i);
                        i = n;
                    } else if (q + 1 < n && line.at(q + 1) == u'"') {
                        field += QStringView(line).mid(i, q + 1 - i);
                        i = q + 2;
                    } else {
                        field += QStringView(line).mid(i, q - i);
                        inQuotes = false;
                        i = q + 1;
                    }
                    continue;
                }
                const QChar c = line.at(i);
                if (c == u',') {
                    fields.append(field);
                    field.clear();
                    quoted = false;
                    ++i;
                } else if (c == u'"' && field.isEmpty() && !quoted) {
                    inQuotes = true;
                    quoted = true;
                    ++i;
                } else {
                    qsizetype j = i + 1;
                    while (j < n && line.at(j) != u',' && line.at(j) != u'"')
                        ++j;
                    // A quote inside an unquoted field (or after a closing one) is kept as text.
                    field += QStringView(line).mid(i, j - i);
                    i = j;
                }
            }
            if (!inQuotes)
                break;
            total += n + 1;
            if (total > MAX_RECORD_CHARS)
                return Status::TooLong;
            field += u'\n';
            if (!m_reader.next(line)) {
                fields.append(field);
                return Status::Truncated;
            }
        }
        fields.append(field);
        return Status::Record;
    }

    qint64 startLine() const { return m_startLine; }

  private:
    LineReader &m_reader;
    qint64 m_startLine = 0;
};

/// Column indexes by header name; -1 when absent.
struct Columns
{
    int localId = -1, talkerId = -1, type = -1, subType = -1, isSender = -1, createTime = -1,
        status = -1, strContent = -1, strTime = -1, remark = -1, nickName = -1, sender = -1;

    static Columns fromHeader(const QStringList &header)
    {
        Columns c;
        const std::pair<const char16_t *, int Columns::*> names[] = {
            {u"localid", &Columns::localId},   {u"talkerid", &Columns::talkerId},
            {u"type", &Columns::type},         {u"subtype", &Columns::subType},
            {u"issender", &Columns::isSender}, {u"createtime", &Columns::createTime},
            {u"status", &Columns::status},     {u"strcontent", &Columns::strContent},
            {u"strtime", &Columns::strTime},   {u"remark", &Columns::remark},
            {u"nickname", &Columns::nickName}, {u"sender", &Columns::sender},
        };
        for (int i = 0; i < header.size(); ++i) {
            const QString name = forMatching(header.at(i)).toLower();
            for (const auto &[key, member] : names) {
                if (name == QStringView(key) && c.*member < 0)
                    c.*member = i;
            }
        }
        return c;
    }

    QStringList missing() const
    {
        QStringList out;
        if (type < 0)
            out << u"Type"_s;
        if (isSender < 0)
            out << u"IsSender"_s;
        if (strContent < 0)
            out << u"StrContent"_s;
        if (createTime < 0 && strTime < 0)
            out << u"CreateTime"_s;
        return out;
    }
};

bool looksLikeHeader(const QString &firstLine)
{
    const QString l = firstLine.toLower();
    return l.contains(u"strcontent") && l.contains(u"issender")
           && (l.contains(u"createtime") || l.contains(u"strtime"));
}

/// Texts of the elements and attributes of a small XML document, by path ("msg/appmsg/title",
/// "msg/location@label"); the first occurrence wins.
QHash<QString, QString> xmlFields(QStringView xml)
{
    QHash<QString, QString> out;
    QXmlStreamReader reader(xml.toString());
    QStringList path;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            path.append(reader.name().toString());
            const QString p = path.join(u'/');
            for (const QXmlStreamAttribute &a : reader.attributes()) {
                const QString key = p + u'@' + a.name().toString();
                if (!out.contains(key))
                    out.insert(key, a.value().toString());
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!path.isEmpty())
                path.removeLast();
            break;
        case QXmlStreamReader::Characters:
            if (!path.isEmpty() && !reader.isWhitespace()) {
                const QString p = path.join(u'/');
                out[p] += reader.text();
            }
            break;
        default:
            break;
        }
    }
    return out;
}

/// First non-empty value among `keys` (paths relative to any root: matched by suffix).
QString field(const QHash<QString, QString> &xml, std::initializer_list<QStringView> keys)
{
    for (const QStringView key : keys) {
        for (auto it = xml.cbegin(); it != xml.cend(); ++it) {
            if ((it.key() == key || it.key().endsWith(u'/' + key.toString()))
                && !it.value().trimmed().isEmpty())
                return it.value().trimmed();
        }
    }
    return {};
}

QString joined(const QString &placeholder, const QString &detail)
{
    return detail.isEmpty() ? placeholder : placeholder + u' ' + detail;
}

struct Described
{
    QString text;
    EventKind kind = EventKind::Message;
    bool system = false;
    std::optional<qint64> durationS;
};

/// A readable text for a message of WeChat type `type`/`subType` whose StrContent is `content`.
Described describe(int type, int subType, const QString &content, QJsonObject &extra)
{
    Described d;
    // Group messages may carry "wxid_xxx:\n" before their XML.
    QStringView body(content);
    const qsizetype lt = body.indexOf(u'<');
    if (lt > 0 && lt < 128 && body.left(lt).trimmed().endsWith(u':'))
        body = body.mid(lt);
    const bool isXml = body.trimmed().startsWith(u'<');
    const QHash<QString, QString> xml
        = isXml ? xmlFields(body.trimmed()) : QHash<QString, QString>{};
    auto placeholder = [&](const QString &p, const QString &detail = {}) {
        return isXml ? joined(p, detail) : (content.isEmpty() ? p : content);
    };
    switch (type) {
    case 1:
        d.text = content;
        break;
    case 3:
        d.text = placeholder(u"[图片]"_s);
        break;
    case 34:
        d.text = placeholder(u"[语音]"_s);
        break;
    case 43:
        d.text = placeholder(u"[视频]"_s);
        break;
    case 47:
        d.text = placeholder(u"[表情]"_s);
        break;
    case 48:
        d.text = placeholder(u"[位置]"_s, field(xml, {u"location@poiname", u"location@label"}));
        break;
    case 42:
        d.text = placeholder(u"[名片]"_s, field(xml, {u"msg@nickname"}));
        break;
    case 49: {
        const QString title = field(xml, {u"appmsg/title"});
        switch (subType) {
        case 5:
            d.text = placeholder(u"[链接]"_s, title);
            if (const QString url = field(xml, {u"appmsg/url"}); !url.isEmpty())
                extra.insert(u"url"_s, url);
            break;
        case 6:
            d.text = placeholder(u"[文件]"_s, title);
            break;
        case 19:
            d.text = placeholder(u"[聊天记录]"_s, title);
            break;
        case 57:
            d.text = isXml ? title : content;
            if (isXml) {
                const QString quotedName = field(xml, {u"refermsg/displayname"});
                const QString quotedText = field(xml, {u"refermsg/content"});
                if (!quotedName.isEmpty())
                    extra.insert(u"quotedName"_s, quotedName);
                if (!quotedText.isEmpty())
                    extra.insert(u"quotedText"_s, truncatedUtf8(quotedText, 4096));
            }
            break;
        case 2000: {
            QString detail = field(xml, {u"wcpayinfo/feedesc"});
            const QString memo = field(xml, {u"wcpayinfo/pay_memo"});
            if (!memo.isEmpty())
                detail = joined(detail, memo);
            d.text = placeholder(u"[转账]"_s, detail);
            break;
        }
        case 2001:
            d.text = placeholder(u"[红包]"_s, title);
            break;
        default:
            d.text = placeholder(u"[分享]"_s, title);
            break;
        }
        break;
    }
    case 50: {
        d.kind = EventKind::Call;
        const QString what = field(xml, {u"VoIPBubbleMsg/msg"});
        d.text = isXml ? joined(u"[语音/视频通话]"_s, what)
                       : (content.isEmpty() ? u"[语音/视频通话]"_s : content);
        static const QRegularExpression duration(uR"((?:(\d+):)?(\d{1,2}):(\d{2})\s*$)"_s);
        if (const auto m = duration.match(d.text); m.hasMatch()) {
            d.durationS = m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60
                          + m.captured(3).toLongLong();
        }
        break;
    }
    case 10000:
        d.system = true;
        d.text = content;
        break;
    case 10002: {
        d.system = true;
        const QString revoked = field(xml, {u"revokemsg/content"});
        d.text = !revoked.isEmpty() ? revoked : isXml ? u"[系统消息]"_s : content;
        break;
    }
    default:
        d.text = isXml ? u"[消息类型 %1]"_s.arg(type) : content;
        break;
    }
    if (d.system && d.text.contains(u"撤回了一条消息"))
        extra.insert(u"recalled"_s, true);
    return d;
}

class WeChatCsvImporter final : public Importer
{
  public:
    QString format() const override { return u"wechat-csv"_s; }
    QString displayName() const override
    {
        return QCoreApplication::translate("Dossier", "WeChat chat export by MemoTrace (.csv)");
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        Q_UNUSED(fileName);
        const QStringList lines = firstNonBlankLines(decodeHead(head), 1);
        if (lines.isEmpty())
            return 0;
        return looksLikeHeader(lines.first()) ? 100 : 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override;
};

Result<void> WeChatCsvImporter::parse(QIODevice &file,
                                      const QString &path,
                                      const ImportContext &context,
                                      ImportSink &sink) const
{
    const QString formatName = QCoreApplication::translate("Dossier", "MemoTrace WeChat CSV");
    LineReader reader(file);
    CsvRecords records(reader);
    Progress progress(context.progress, file.size());
    ZoneCache zone(context.settings.zone);

    QStringList fields;
    CsvRecords::Status status = records.next(fields);
    while (status == CsvRecords::Status::Record && fields.size() == 1
           && fields.first().trimmed().isEmpty())
        status = records.next(fields);
    if (reader.hasError())
        return readerError(path, reader);
    if (status == CsvRecords::Status::End)
        return notFormatError(path, formatName, u"the file is empty"_s);
    const Columns col = Columns::fromHeader(fields);
    if (status != CsvRecords::Status::Record || !col.missing().isEmpty())
        return notFormatError(path, formatName,
                              u"missing columns: "_s + col.missing().join(u", "_s));

    const qsizetype headerColumns = fields.size();
    qint64 row = 1; // the header is row 1, as in a spreadsheet
    int emitted = 0;
    for (;;) {
        status = records.next(fields);
        if (!progress.update(reader.bytesRead()))
            return cancelledError(path);
        if (status == CsvRecords::Status::End)
            break;
        ++row;
        const QString locator = u"row %1"_s.arg(row);
        if (status == CsvRecords::Status::TooLong)
            return parseError(path, locator,
                              QCoreApplication::translate("Dossier", "the record is too long."),
                              u"starts at line %1"_s.arg(records.startLine()));
        if (status == CsvRecords::Status::Truncated) {
            sink.reject(locator, QCoreApplication::translate(
                                     "Dossier", "The file ends inside a quoted field."));
            break;
        }
        if (fields.size() == 1 && fields.first().trimmed().isEmpty())
            continue;
        auto get = [&fields](int index) {
            return index >= 0 && index < fields.size() ? fields.at(index) : QString();
        };
        if (fields.size() <= std::max({col.type, col.isSender, col.strContent})) {
            sink.reject(locator,
                        QCoreApplication::translate("Dossier", "The row has too few fields."));
            continue;
        }
        bool typeOk = false;
        const int type = get(col.type).trimmed().toInt(&typeOk);
        if (!typeOk) {
            sink.reject(locator, QCoreApplication::translate("Dossier",
                                                             "The message type is not a number."));
            continue;
        }
        const int subType = get(col.subType).trimmed().toInt();

        std::optional<SourceTime> at;
        bool createOk = false;
        const qint64 create = get(col.createTime).trimmed().toLongLong(&createOk);
        if (createOk && create > 0)
            at = zone.fromUtcMs(create > 100'000'000'000LL ? create : create * 1000);
        else if (const QString strTime = get(col.strTime).trimmed(); !strTime.isEmpty())
            at = parseUserTime(strTime, context.settings.zone);
        if (!at)
            return parseError(
                path, locator,
                QCoreApplication::translate("Dossier", "the message time is not valid."),
                u"CreateTime=\"%1\" StrTime=\"%2\""_s.arg(get(col.createTime).left(32),
                                                          get(col.strTime).left(32)));

        EventRecord ev;
        ev.channel = Channel::WeChat;
        ev.at = *at;
        ev.locator = locator;
        ev.platform = context.platform;
        const QString raw = get(col.strContent);
        const Described d = describe(type, subType, raw, ev.extra);
        ev.kind = d.kind;
        ev.text = d.text;
        ev.durationS = d.durationS;
        if (d.system)
            ev.direction = Direction::Unknown;
        else
            ev.direction
                = get(col.isSender).trimmed() == u"1"_s ? Direction::Outgoing : Direction::Incoming;

        const QString talker = get(col.talkerId).trimmed();
        const QString remark = get(col.remark).trimmed();
        const QString nick = get(col.nickName).trimmed();
        ev.counterpart = !remark.isEmpty() ? remark : !nick.isEmpty() ? nick : talker;
        // In group chats Remark/NickName name the member, so the chat is its id.
        ev.conversation = talker.endsWith(u"@chatroom") ? talker : ev.counterpart;

        // QJsonObject inserts cost most of the time per row: only the keys that say something.
        ev.extra.insert(u"type"_s, type);
        if (subType != 0)
            ev.extra.insert(u"subType"_s, subType);
        if (const QString id = get(col.localId).trimmed(); !id.isEmpty())
            ev.extra.insert(u"localId"_s, id);
        if (!talker.isEmpty())
            ev.extra.insert(u"talkerId"_s, talker);
        if (const QString sender = get(col.sender).trimmed(); !sender.isEmpty())
            ev.extra.insert(u"sender"_s, sender);
        // The raw XML is what the text was derived from; for plain text it is the text itself.
        if (raw != ev.text)
            ev.extra.insert(u"raw"_s, truncatedUtf8(raw, MAX_RAW_BYTES));
        if (d.system)
            ev.extra.insert(u"system"_s, true);
        if (auto r = sink.addEvent(std::move(ev)); !r)
            return r;
        ++emitted;
    }
    if (reader.hasError())
        return readerError(path, reader);
    if (!progress.finish(reader.bytesRead()))
        return cancelledError(path);
    QJsonObject meta{{u"format"_s, format()},
                     {u"encoding"_s, reader.encoding()},
                     {u"columns"_s, int(headerColumns)},
                     {u"messages"_s, emitted}};
    if (reader.hadInvalidBytes())
        meta.insert(u"invalidBytes"_s, true);
    sink.setSourceMetadata(meta);
    return {};
}

} // namespace

std::unique_ptr<Importer> makeWeChatCsvImporter()
{
    return std::make_unique<WeChatCsvImporter>();
}

} // namespace Dossier::Import
