// SPDX-License-Identifier: GPL-3.0-or-later
// Telegram Desktop "Export chat history" / "Export Telegram data" result.json, streamed: the
// export can be gigabytes, so only one message at a time is held as a QJsonObject.
#include <functional>

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/timeutil.h"
#include "importers/formats.h"
#include "importers/jsonstreamreader.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

/// `text` is a string or an array of strings and {type, text} entities.
QString flattenText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    QString out;
    if (value.isArray()) {
        const QJsonArray parts = value.toArray();
        for (const QJsonValue &part : parts)
            out += part.isString() ? part.toString() : part.toObject().value(u"text"_s).toString();
    }
    return out;
}

/// "first_name last_name" of a Telegram user or contact, trimmed.
QString fullName(const QJsonObject &o)
{
    return QString(o.value(u"first_name"_s).toString() + u' '
                   + o.value(u"last_name"_s).toString())
        .trimmed();
}

QString idString(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return {};
}

/// A placeholder for media, like the chat apps' own exports ([图片] in WeChat).
QString mediaPlaceholder(const QJsonObject &m)
{
    const QString mediaType = m.value(u"media_type"_s).toString();
    const QString fileName = m.value(u"file_name"_s).toString();
    auto named = [&](const QString &what) {
        return fileName.isEmpty() ? QString(u"["_s + what + u"]"_s)
                                  : QString(u"["_s + what + u": "_s + fileName + u"]"_s);
    };
    if (m.contains(u"photo"_s))
        return u"[照片]"_s;
    if (mediaType == u"voice_message")
        return u"[语音]"_s;
    if (mediaType == u"video_message")
        return u"[视频消息]"_s;
    if (mediaType == u"sticker") {
        const QString emoji = m.value(u"sticker_emoji"_s).toString();
        return emoji.isEmpty() ? u"[表情]"_s : u"[表情: "_s + emoji + u"]"_s;
    }
    if (mediaType == u"animation")
        return u"[动图]"_s;
    if (mediaType == u"video_file")
        return named(u"视频"_s);
    if (mediaType == u"audio_file")
        return named(u"音频"_s);
    if (m.contains(u"file"_s))
        return named(u"文件"_s);
    if (m.contains(u"location_information"_s))
        return u"[位置]"_s;
    if (m.contains(u"contact_information"_s))
        return u"[联系人名片]"_s;
    if (m.contains(u"poll"_s))
        return u"[投票]"_s;
    return {};
}

struct Chat
{
    QString name;
    QString type;
    QString id;
};

class Parser
{
  public:
    Parser(QIODevice &file, const QString &path, const ImportContext &context, ImportSink &sink)
        : m_file(file)
        , m_fileName(QFileInfo(path).fileName())
        , m_context(context)
        , m_sink(sink)
        , m_ownNames(context.settings.own.names)
        , m_reader(file)
    {
    }

    Result<void> run();

  private:
    Result<void> readChatObject(Chat chat, bool isRoot);
    Result<void> readChatList();
    Result<void> readContacts();
    Result<void> readList(const std::function<Result<void>()> &element,
                          const std::function<void()> &onList);
    Result<void> readMessages(const Chat &chat);
    Result<void> handleMessage(const QJsonObject &m, const Chat &chat);
    Error jsonError() const;
    bool isOwn(const QString &name) const;

    QIODevice &m_file;
    QString m_fileName;
    const ImportContext &m_context;
    ImportSink &m_sink;
    QStringList m_ownNames;
    JsonStreamReader m_reader;
    qint64 m_index = 0; ///< messages seen in the file, 1-based in locators
    qint64 m_lastProgress = 0;
    bool m_sawMessages = false;
};

Error Parser::jsonError() const
{
    return makeError(ErrorCode::Parse,
                     tr("%1 is not valid JSON at line %2 (after message %3).")
                         .arg(m_fileName)
                         .arg(m_reader.lineNumber())
                         .arg(m_index),
                     m_reader.errorString());
}

bool Parser::isOwn(const QString &name) const
{
    return !name.isEmpty() && m_ownNames.contains(name, Qt::CaseInsensitive);
}

Result<void> Parser::run()
{
    char c = 0;
    if (!m_reader.peek(c))
        return makeError(ErrorCode::Parse, tr("%1 is empty.").arg(m_fileName));
    if (c != '{')
        return makeError(ErrorCode::Parse,
                         tr("%1 is not a Telegram export: it does not start with a JSON object.")
                             .arg(m_fileName));
    if (auto r = readChatObject(Chat{}, true); !r)
        return r;
    if (m_reader.peek(c))
        return makeError(ErrorCode::Parse,
                         tr("%1 has data after the end of the JSON document (line %2).")
                             .arg(m_fileName)
                             .arg(m_reader.lineNumber()));
    if (m_reader.hasError())
        return jsonError();
    if (!m_sawMessages)
        return makeError(ErrorCode::Unsupported,
                         tr("%1 is JSON but not a Telegram Desktop export: it has no \"messages\" "
                            "and no \"chats\" list.")
                             .arg(m_fileName));
    if (m_context.progress && !m_context.progress(m_file.size(), m_file.size()))
        return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
    return {};
}

/// A chat object (or the root of a single-chat export, or the root of a full export).
Result<void> Parser::readChatObject(Chat chat, bool isRoot)
{
    if (!m_reader.beginObject())
        return jsonError();
    QString key;
    bool done = false;
    while (true) {
        if (!m_reader.nextMember(key, done))
            return jsonError();
        if (done)
            return {};
        char c = 0;
        m_reader.peek(c);
        if (key == u"messages" && c == '[') {
            if (auto r = readMessages(chat); !r)
                return r;
        } else if ((key == u"name" || key == u"type") && c == '"') {
            QString value;
            if (!m_reader.readString(value))
                return jsonError();
            (key == u"name" ? chat.name : chat.type) = value;
        } else if (key == u"id" && c != '{' && c != '[') {
            QByteArray raw;
            if (!m_reader.captureValue(raw))
                return jsonError();
            chat.id = QString::fromUtf8(raw).remove(u'"');
        } else if (isRoot && (key == u"chats" || key == u"left_chats") && c == '{') {
            if (auto r = readChatList(); !r)
                return r;
        } else if (isRoot && key == u"contacts" && c == '{') {
            if (auto r = readContacts(); !r)
                return r;
        } else if (isRoot && key == u"personal_information" && c == '{') {
            QByteArray raw;
            if (!m_reader.captureValue(raw))
                return jsonError();
            // A full export says who its owner is: their name marks outgoing messages.
            const QJsonObject me = QJsonDocument::fromJson(raw).object();
            const QString full = fullName(me);
            if (!full.isEmpty() && !m_ownNames.contains(full))
                m_ownNames.append(full);
        } else if (!m_reader.skipValue()) {
            return jsonError();
        }
    }
}

/// Walks an object whose "list" member is an array, skipping its other members: `onList` runs when
/// the list is found, `element` once per element (it must consume the value).
Result<void> Parser::readList(const std::function<Result<void>()> &element,
                              const std::function<void()> &onList)
{
    if (!m_reader.beginObject())
        return jsonError();
    QString key;
    bool done = false;
    while (true) {
        if (!m_reader.nextMember(key, done))
            return jsonError();
        if (done)
            return {};
        char c = 0;
        m_reader.peek(c);
        if (key != u"list" || c != '[') {
            if (!m_reader.skipValue())
                return jsonError();
            continue;
        }
        if (onList)
            onList();
        if (!m_reader.beginArray())
            return jsonError();
        while (true) {
            if (!m_reader.nextElement(done))
                return jsonError();
            if (done)
                break;
            if (auto r = element(); !r)
                return r;
        }
    }
}

Result<void> Parser::readChatList()
{
    return readList(
        [this]() -> Result<void> {
            char c = 0;
            m_reader.peek(c);
            if (c != '{') {
                if (!m_reader.skipValue())
                    return jsonError();
                return {};
            }
            return readChatObject(Chat{}, false);
        },
        [this] { m_sawMessages = true; }); // a full export with a chat list, even an empty one
}

/// The account's contact list (full exports): the user's own address book as Telegram synced it.
Result<void> Parser::readContacts()
{
    qint64 index = 0;
    QByteArray raw;
    return readList(
        [&]() -> Result<void> {
            if (!m_reader.captureValue(raw))
                return jsonError();
            ++index;
            const QJsonObject o = QJsonDocument::fromJson(raw).object();
            ContactRecord contact;
            contact.name = fullName(o);
            const QString phone = o.value(u"phone_number"_s).toString().trimmed();
            if (!phone.isEmpty())
                contact.numbers.append(phone);
            contact.locator = u"contact "_s + QString::number(index);
            if (contact.name.isEmpty() && contact.numbers.isEmpty()) {
                m_sink.reject(contact.locator, tr("the contact has no name and no number"));
                return {};
            }
            if (contact.name.isEmpty())
                contact.name = phone;
            return m_sink.addContact(contact);
        },
        [&] { index = 0; });
}

Result<void> Parser::readMessages(const Chat &chat)
{
    m_sawMessages = true;
    if (!m_reader.beginArray())
        return jsonError();
    bool done = false;
    QByteArray raw;
    while (true) {
        if (!m_reader.nextElement(done))
            return jsonError();
        if (done)
            return {};
        if (!m_reader.captureValue(raw))
            return jsonError();
        ++m_index;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            m_sink.reject(u"message "_s + QString::number(m_index),
                          tr("not a JSON object: %1").arg(error.errorString()));
            continue;
        }
        if (auto r = handleMessage(doc.object(), chat); !r)
            return r;
        const qint64 done64 = m_reader.bytesConsumed();
        if (m_context.progress && done64 - m_lastProgress >= 1024 * 1024) {
            m_lastProgress = done64;
            if (!m_context.progress(done64, m_file.size()))
                return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
        }
    }
}

Result<void> Parser::handleMessage(const QJsonObject &m, const Chat &chat)
{
    const QString locator = numberedLocator(u"message ", m_index);
    EventRecord e;
    e.channel = Channel::Telegram;
    e.kind = EventKind::Message;
    e.conversation = chat.name;
    e.platform = m_context.platform;
    e.locator = locator;

    // date_unixtime is UTC; legacy exports only have `date`, the exporting PC's local time.
    const QJsonValue unix = m.value(u"date_unixtime"_s);
    // Seconds before 2200 (Telegram began in 2013); anything larger is no time an export
    // wrote, and would overflow once made milliseconds. The local `date` is read instead.
    constexpr qint64 MAX_UNIX_SECONDS = 7258118400; // 2200-01-01T00:00:00Z
    bool ok = false;
    qint64 seconds = unix.isString() ? unix.toString().toLongLong(&ok) : 0;
    if (unix.isDouble()) {
        const double d = unix.toDouble();
        ok = d >= 0 && d < double(MAX_UNIX_SECONDS);
        seconds = ok ? qint64(d) : 0;
    }
    ok = ok && seconds >= 0 && seconds < MAX_UNIX_SECONDS;
    if (ok) {
        e.at = sourceTimeFromUtcMs(seconds * 1000, m_context.settings.zone);
    } else {
        const QDateTime local = QDateTime::fromString(m.value(u"date"_s).toString(), Qt::ISODate);
        if (!local.isValid()) {
            m_sink.reject(locator, tr("the message has no readable date"));
            return {};
        }
        e.at = sourceTimeFromLocal(local.date(), local.time(), m_context.settings.zone);
        e.extra.insert(u"time_assumed_zone"_s, QString::fromUtf8(m_context.settings.zone.id()));
    }

    const QString type = m.value(u"type"_s).toString();
    QString text = flattenText(m.value(u"text"_s));
    if (text.isEmpty() && m.value(u"text_entities"_s).isArray())
        text = flattenText(m.value(u"text_entities"_s));

    if (m.contains(u"id"_s))
        e.extra.insert(u"id"_s, m.value(u"id"_s));
    if (!chat.type.isEmpty())
        e.extra.insert(u"chat_type"_s, chat.type);
    if (!chat.id.isEmpty())
        e.extra.insert(u"chat_id"_s, chat.id);

    if (type == u"service") {
        const QString action = m.value(u"action"_s).toString();
        const QString actor = m.value(u"actor"_s).toString();
        e.counterpart = actor;
        if (const QString actorId = idString(m.value(u"actor_id"_s)); !actorId.isEmpty())
            e.extra.insert(u"actor_id"_s, actorId);
        if (action == u"phone_call" || action == u"group_call") {
            e.kind = EventKind::Call;
            const QString reason = m.value(u"discard_reason"_s).toString();
            if (!reason.isEmpty())
                e.extra.insert(u"discard_reason"_s, reason);
            e.extra.insert(u"service"_s, action);
            if (m.value(u"duration_seconds"_s).isDouble())
                e.durationS = qint64(m.value(u"duration_seconds"_s).toDouble());
            if (isOwn(actor))
                e.direction = Direction::Outgoing;
            else if (reason == u"missed")
                e.direction = Direction::Missed;
            else if (reason == u"busy")
                e.direction = Direction::Rejected;
            else
                e.direction = Direction::Incoming;
            e.text = text;
        } else {
            e.extra.insert(u"service"_s, action);
            for (const auto &key : {u"title"_s, u"members"_s, u"inviter"_s, u"message_id"_s}) {
                if (m.contains(key))
                    e.extra.insert(key, m.value(key));
            }
            e.text = text.isEmpty() ? u"["_s + action + u"]"_s : text;
            e.direction = isOwn(actor)           ? Direction::Outgoing
                          : m_ownNames.isEmpty() ? Direction::Unknown
                                                 : Direction::Incoming;
        }
        return m_sink.addEvent(std::move(e));
    }

    const QString from = m.value(u"from"_s).toString();
    e.counterpart = from;
    if (const QString fromId = idString(m.value(u"from_id"_s)); !fromId.isEmpty())
        e.extra.insert(u"from_id"_s, fromId);
    e.direction = isOwn(from)            ? Direction::Outgoing
                  : m_ownNames.isEmpty() ? Direction::Unknown
                                         : Direction::Incoming;
    const QString placeholder = mediaPlaceholder(m);
    e.text = placeholder.isEmpty() ? text
             : text.isEmpty()      ? placeholder
                                   : placeholder + u' ' + text;
    for (const auto &key :
         {u"media_type"_s, u"file"_s, u"file_name"_s, u"mime_type"_s, u"photo"_s,
          u"forwarded_from"_s, u"reply_to_message_id"_s, u"edited"_s, u"via_bot"_s}) {
        if (m.contains(key) && !m.value(key).isNull())
            e.extra.insert(key, m.value(key));
    }
    if (type != u"message" && !type.isEmpty())
        e.extra.insert(u"type"_s, type);
    return m_sink.addEvent(std::move(e));
}

class TelegramJsonImporter final : public Importer
{
  public:
    QString format() const override { return u"telegram-json"_s; }
    QString displayName() const override { return tr("Telegram Desktop export (result.json)"); }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        const QByteArray start = head.trimmed();
        if (!start.startsWith('{') && !start.startsWith("\xEF\xBB\xBF{"))
            return 0;
        int score = 0;
        if (head.contains("\"messages\"") || head.contains("\"chats\""))
            score += 40;
        if (head.contains("\"date_unixtime\"") || head.contains("\"from_id\"")
            || head.contains("\"personal_information\"") || head.contains("\"text_entities\""))
            score += 40;
        if (head.contains("\"type\": \"personal_chat\"") || head.contains("\"type\":\"message\"")
            || head.contains("\"type\": \"message\""))
            score += 10;
        if (fileName.compare(u"result.json"_s, Qt::CaseInsensitive) == 0)
            score += 20;
        return std::min(score, 100);
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override
    {
        Parser parser(file, path, context, sink);
        return parser.run();
    }
};

} // namespace

std::unique_ptr<Importer> makeTelegramJsonImporter()
{
    return std::make_unique<TelegramJsonImporter>();
}

} // namespace Dossier::Import
