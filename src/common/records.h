// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace Dossier {

enum class EventKind { Call, Message, Incident };
enum class Channel { Phone, Sms, Mms, WeChat, QQ, WhatsApp, Telegram, Other };
enum class Direction { Incoming, Outgoing, Missed, Rejected, Blocked, Unknown };

/// Stable lowercase names used in the case file, the CLI and JSON ("call", "wechat", "missed", ...).
QString toString(EventKind kind);
QString toString(Channel channel);
QString toString(Direction direction);
std::optional<EventKind> eventKindFromString(QStringView name);
std::optional<Channel> channelFromString(QStringView name);
std::optional<Direction> directionFromString(QStringView name);

/// Writes `value` in decimal as QString::number() does (up to 20 code units) and returns the
/// end: for text made per record without a QString per number.
char16_t *writeDecimal(char16_t *out, qint64 value);

/// A locator such as "row 12" or "line 7" (`word` ends with its space), made with one
/// allocation: importers make one for every record.
QString numberedLocator(QStringView word, qint64 number);

/// The incident types `log --kind` accepts.
const QStringList &incidentTypes();

/// A moment as the source recorded it: the UTC instant plus the UTC offset it was shown in.
struct SourceTime
{
    qint64 utcMs = 0;
    int offsetSeconds = 0;
};

/// One call, message or incident, as an importer or the incident log produces it.
/// Numbers are raw (as seen); the case file normalises them.
struct EventRecord
{
    EventKind kind = EventKind::Message;
    Channel channel = Channel::Other;
    Direction direction = Direction::Unknown;
    SourceTime at;
    QString rawNumber;       ///< number or handle as seen; may be empty, a short code or an alphanumeric sender
    QStringList moreNumbers; ///< further numbers (group MMS, an incident naming several numbers)
    QString counterpart;     ///< the other party's name/nickname/account as seen (the sender in groups)
    QString conversation;    ///< chat, thread or group name where the format has one
    QString text;            ///< body; placeholders such as [图片] are kept verbatim
    std::optional<qint64> durationS;
    QString locator;         ///< where in the source: "line 12", "record 7", "row 3"
    QString incidentType;    ///< kind Incident only: call, sms, chat, visit, third_party, threat, other
    QString platform;        ///< lender or agency name, when known
    QStringList attachmentSha256; ///< evidence stored earlier in the same session (ImportSink::addAttachment)
    QStringList contactsReached;  ///< names of the user's own contacts that this event reached
    QJsonObject extra;       ///< format-specific fields worth keeping (type codes, status, ids)
};

/// One entry of the user's own address book.
struct ContactRecord
{
    QString name;
    QStringList numbers; ///< raw
    QStringList emails;
    QString organization;
    QString relation; ///< 父亲, 同事, boss ... when the source says
    QString locator;
};

/// A file found inside an import (MMS part, media in a WhatsApp zip) to be stored as evidence.
struct AttachmentRecord
{
    QString fileName;
    QString mediaType;
    QString locator;
};

/// The user's own identities, used to tell incoming from outgoing.
struct Identities
{
    QStringList numbers;     ///< own phone numbers, raw as given
    QStringList qqNumbers;
    QStringList wechatNames;
    QStringList names;       ///< other own display names (WhatsApp, Telegram, QQ nickname)
};

/// What an importer needs to know about the case it imports into.
struct CaseSettings
{
    QTimeZone zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    Identities own;
};

} // namespace Dossier
