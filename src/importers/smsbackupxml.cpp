// SPDX-License-Identifier: GPL-3.0-or-later
// SMS Backup & Restore (SyncTech) calls-*.xml and sms-*.xml, streamed (files reach GBs).
#include <algorithm>

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include "common/timeutil.h"
#include "importers/androidcodes.h"
#include "importers/formats.h"
#include "importers/xmlfastscanner.h"
#include "importers/xmlsurrogatefilter.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

/// SBR writes the literal string "null" for absent values.
bool isNull(QStringView v)
{
    return v.isEmpty() || v == u"null";
}

QString valueOrEmpty(QStringView v)
{
    return isNull(v) ? QString() : v.toString();
}

/// contact_name as SBR writes it: "(Unknown)" when the number is not in the address book.
QString contactName(QStringView v)
{
    return isNull(v) || v == u"(Unknown)" ? QString() : v.toString();
}

/// The case zone's UTC offset, cached between transitions (a zone lookup per record would
/// dominate the import of a million-call backup).
class OffsetCache
{
  public:
    explicit OffsetCache(const QTimeZone &zone)
        : m_zone(zone)
    {
    }

    SourceTime at(qint64 utcMs)
    {
        if (utcMs < m_from || utcMs >= m_to) {
            const QDateTime dt = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc());
            m_offset = m_zone.offsetFromUtc(dt);
            m_from = utcMs;
            m_to = utcMs + 1;
            if (m_zone.hasTransitions()) {
                const auto prev = m_zone.previousTransition(dt.addMSecs(1));
                const auto next = m_zone.nextTransition(dt);
                m_from = prev.atUtc.isValid() ? prev.atUtc.toMSecsSinceEpoch()
                                              : std::numeric_limits<qint64>::min();
                m_to = next.atUtc.isValid() ? next.atUtc.toMSecsSinceEpoch()
                                            : std::numeric_limits<qint64>::max();
            } else if (m_zone == QTimeZone::utc()) {
                m_from = std::numeric_limits<qint64>::min();
                m_to = std::numeric_limits<qint64>::max();
            }
        }
        return SourceTime{utcMs, m_offset};
    }

  private:
    QTimeZone m_zone;
    qint64 m_from = 1;
    qint64 m_to = 0;
    int m_offset = 0;
};

using Attr = XmlAttribute;
using Attrs = XmlAttributes;

QStringView attrValue(const Attrs &attrs, QLatin1StringView name)
{
    for (const Attr &a : attrs) {
        if (a.name == name)
            return a.value;
    }
    return {};
}

/// State of one <mms> while its <parts> and <addrs> are read.
struct PendingMms
{
    EventRecord event;
    QString address;
    QString from;
    QStringList to;
    QStringList texts;
    int msgBox = 0;
};

class Parser
{
  public:
    Parser(QIODevice &file, const QString &path, const ImportContext &context, ImportSink &sink)
        : m_file(file)
        , m_path(path)
        , m_fileName(QFileInfo(path).fileName())
        , m_context(context)
        , m_sink(sink)
        , m_offsets(context.settings.zone)
    {
    }

    Result<void> run();

  private:
    Result<void> runReader();
    Result<void> runFast(bool &fallback);
    Result<void> onStart(QStringView name, const Attrs &attrs);
    Result<void> onEnd();
    Result<void> handleCall(const Attrs &attrs);
    Result<void> handleSms(const Attrs &attrs);
    void beginMms(const Attrs &attrs);
    Result<void> handlePart(const Attrs &attrs);
    void handleAddr(const Attrs &attrs);
    Result<void> finishMms();
    Result<void> emitEvent(EventRecord &&event);
    Error syntaxError(bool truncated, qint64 line, const QString &detail) const;
    Error entityError(qint64 line) const;
    bool reportProgress(bool force);

    QIODevice &m_file;
    QString m_path;
    QString m_fileName;
    const ImportContext &m_context;
    ImportSink &m_sink;
    OffsetCache m_offsets;
    qint64 m_record = 0;
    qint64 m_lastProgress = 0;
    qint64 m_total = 0;
    std::optional<PendingMms> m_mms;
    /// A call's extras and direction by its numeric codes. Shared objects (QJsonObject is
    /// implicitly shared) are recognised by the case file without comparing them field by
    /// field; a backup repeats a handful of combinations a million times.
    struct CallCodes
    {
        int type;
        int presentation;
        bool hasPresentation;
        bool hidden;
        QJsonObject extra;
        Direction direction;
    };
    std::vector<CallCodes> m_callCodes;
    enum class Root
    {
        None,
        Calls,
        Smses
    } m_root
        = Root::None;
    int m_depth = 0;
    int m_mmsDepth = 0;
};

Error Parser::syntaxError(bool truncated, qint64 line, const QString &detail) const
{
    const QString message
        = truncated ? tr("%1 ends in the middle of the XML (line %2, after record %3): the backup "
                         "is truncated.")
                    : tr("%1 is not well-formed XML at line %2 (after record %3).");
    return makeError(ErrorCode::Parse, message.arg(m_fileName).arg(line).arg(m_record), detail);
}

Error Parser::entityError(qint64 line) const
{
    return makeError(ErrorCode::Parse,
                     tr("%1 declares XML entities (line %2). SMS Backup & Restore never does; the "
                        "file is refused rather than expanded.")
                         .arg(m_fileName)
                         .arg(line),
                     u"DTD with entity declarations or an external subset"_s);
}

bool Parser::reportProgress(bool force)
{
    if (!m_context.progress)
        return true;
    const qint64 pos = m_file.pos();
    if (!force && pos - m_lastProgress < 1024 * 1024)
        return true;
    m_lastProgress = pos;
    return m_context.progress(pos, m_total);
}

Result<void> Parser::emitEvent(EventRecord &&event)
{
    event.locator = numberedLocator(u"record ", m_record);
    event.platform = m_context.platform;
    return m_sink.addEvent(std::move(event));
}

Result<void> Parser::run()
{
    m_total = m_file.size();
    bool fallback = false;
    if (auto r = runFast(fallback); !r)
        return r;
    if (fallback) {
        // A DTD or a non-UTF-8 encoding, seen before any record: let QXmlStreamReader decide.
        if (!m_file.seek(0))
            return makeError(ErrorCode::Io, tr("Could not read %1.").arg(m_fileName),
                             m_file.errorString());
        m_depth = 0;
        m_root = Root::None;
        if (auto r = runReader(); !r)
            return r;
    }
    if (m_root == Root::None)
        return makeError(ErrorCode::Parse, tr("%1 contains no XML elements.").arg(m_fileName));
    if (!reportProgress(true))
        return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
    return {};
}

Result<void> Parser::runFast(bool &fallback)
{
    XmlFastScanner scanner(m_file);
    while (true) {
        switch (scanner.next()) {
        case XmlFastScanner::Token::StartElement:
            if (auto r = onStart(scanner.name(), scanner.attributes()); !r)
                return r;
            break;
        case XmlFastScanner::Token::EndElement:
            if (auto r = onEnd(); !r)
                return r;
            break;
        case XmlFastScanner::Token::EndDocument:
            return {};
        case XmlFastScanner::Token::Unsupported:
            fallback = true;
            return {};
        case XmlFastScanner::Token::Invalid:
            if (m_root == Root::None && !scanner.truncated() && m_file.pos() < 1024 * 1024) {
                // Not even a root element: maybe XML we do not expect; the reader words it best.
                fallback = true;
                return {};
            }
            return syntaxError(scanner.truncated(), scanner.lineNumber(), scanner.errorString());
        }
    }
}

Result<void> Parser::runReader()
{
    XmlSurrogateFilter filter(m_file);
    QXmlStreamReader reader(&filter);
    // Billion-laughs style input: keep any expansion small (SBR never declares entities, and
    // the DTD check below refuses them before any is used).
    reader.setEntityExpansionLimit(1024);
    Attrs attrs;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::DTD) {
            if (!reader.entityDeclarations().isEmpty() || !reader.dtdSystemId().isEmpty())
                return entityError(reader.lineNumber());
        } else if (token == QXmlStreamReader::StartElement) {
            attrs.clear();
            const QXmlStreamAttributes xmlAttrs = reader.attributes();
            for (const QXmlStreamAttribute &a : xmlAttrs)
                attrs.append({a.name(), a.value()});
            if (auto r = onStart(reader.name(), attrs); !r)
                return r;
        } else if (token == QXmlStreamReader::EndElement) {
            if (auto r = onEnd(); !r)
                return r;
        }
    }
    if (reader.hasError()) {
        return syntaxError(reader.error() == QXmlStreamReader::PrematureEndOfDocumentError,
                           reader.lineNumber(),
                           u"line %1 column %2: %3"_s.arg(reader.lineNumber())
                               .arg(reader.columnNumber())
                               .arg(reader.errorString()));
    }
    return {};
}

Result<void> Parser::onStart(QStringView name, const Attrs &attrs)
{
    ++m_depth;
    if (m_depth == 1) {
        if (name == u"calls")
            m_root = Root::Calls;
        else if (name == u"smses")
            m_root = Root::Smses;
        else
            return makeError(ErrorCode::Unsupported,
                             tr("%1 is not an SMS Backup & Restore backup: its root element is "
                                "<%2>, expected <calls> or <smses>.")
                                 .arg(m_fileName, name.toString()));
        return {};
    }
    if (m_depth == 2) {
        Result<void> r;
        if (m_root == Root::Calls && name == u"call") {
            ++m_record;
            r = handleCall(attrs);
        } else if (m_root == Root::Smses && name == u"sms") {
            ++m_record;
            r = handleSms(attrs);
        } else if (m_root == Root::Smses && name == u"mms") {
            ++m_record;
            beginMms(attrs);
            m_mmsDepth = m_depth;
        }
        if (!r)
            return r;
        if (!reportProgress(false))
            return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
    } else if (m_mms && m_depth == m_mmsDepth + 2) {
        if (name == u"part")
            return handlePart(attrs);
        if (name == u"addr")
            handleAddr(attrs);
    }
    return {};
}

Result<void> Parser::onEnd()
{
    if (m_mms && m_depth == m_mmsDepth) {
        if (auto r = finishMms(); !r)
            return r;
    }
    --m_depth;
    return {};
}

Result<void> Parser::handleCall(const Attrs &attrs)
{
    EventRecord event;
    event.kind = EventKind::Call;
    event.channel = Channel::Phone;
    QStringView number, date, type, duration, presentation, name;
    bool hasNumber = false;
    for (const Attr &a : attrs) {
        const QStringView n = a.name;
        if (n == u"number") {
            number = a.value;
            hasNumber = true;
        } else if (n == u"date") {
            date = a.value;
        } else if (n == u"type") {
            type = a.value;
        } else if (n == u"duration") {
            duration = a.value;
        } else if (n == u"presentation") {
            presentation = a.value;
        } else if (n == u"contact_name") {
            name = a.value;
        }
    }
    bool ok = false;
    const qint64 ms = date.toLongLong(&ok);
    if (!ok) {
        m_sink.reject(u"record "_s + QString::number(m_record),
                      tr("the call has no valid date (%1)").arg(date.toString()));
        return {};
    }
    event.at = m_offsets.at(ms);
    bool codeOk = false;
    const int code = type.toInt(&codeOk);
    if (const qint64 d = duration.toLongLong(&ok); ok && d >= 0)
        event.durationS = d;
    bool presOk = false;
    const int pres = presentation.toInt(&presOk);
    const QString raw = (hasNumber && number != u"null") ? number.toString() : QString();
    const bool hidden =
        Android::isHiddenCaller(raw, presOk ? std::optional(pres) : std::nullopt);
    const auto cached = std::find_if(m_callCodes.begin(), m_callCodes.end(), [&](const auto &c) {
        return c.type == code && c.presentation == pres && c.hasPresentation == presOk
               && c.hidden == hidden;
    });
    if (codeOk && cached != m_callCodes.end()) {
        event.extra = cached->extra;
        event.direction = cached->direction;
    } else {
        if (codeOk)
            event.extra.insert(u"type"_s, code);
        else if (!isNull(type))
            event.extra.insert(u"type"_s, type.toString());
        event.direction = Android::callTypeDirection(codeOk ? code : 0, event.extra);
        if (presOk)
            event.extra.insert(u"presentation"_s, pres);
        if (hidden)
            event.extra.insert(u"hidden"_s, true);
        if (codeOk && m_callCodes.size() < 64)
            m_callCodes.push_back({code, pres, presOk, hidden, event.extra, event.direction});
    }
    event.rawNumber = raw;
    event.counterpart = contactName(name);
    return emitEvent(std::move(event));
}

Result<void> Parser::handleSms(const Attrs &attrs)
{
    EventRecord event;
    event.kind = EventKind::Message;
    event.channel = Channel::Sms;
    QStringView address, date, type, body, name, subject, status;
    for (const Attr &a : attrs) {
        const QStringView n = a.name;
        if (n == u"address")
            address = a.value;
        else if (n == u"date")
            date = a.value;
        else if (n == u"type")
            type = a.value;
        else if (n == u"body")
            body = a.value;
        else if (n == u"contact_name")
            name = a.value;
        else if (n == u"subject")
            subject = a.value;
        else if (n == u"status")
            status = a.value;
    }
    bool ok = false;
    const qint64 ms = date.toLongLong(&ok);
    if (!ok) {
        m_sink.reject(u"record "_s + QString::number(m_record),
                      tr("the message has no valid date (%1)").arg(date.toString()));
        return {};
    }
    event.at = m_offsets.at(ms);
    const int code = type.toInt(&ok);
    if (ok)
        event.extra.insert(u"type"_s, code);
    event.direction = Android::smsTypeDirection(ok ? code : 0, event.extra);
    if (const int s = status.toInt(&ok); ok && s != -1)
        event.extra.insert(u"delivery_status"_s, s);
    if (!isNull(subject))
        event.extra.insert(u"subject"_s, subject.toString());
    event.rawNumber = valueOrEmpty(address);
    // An SMS body of "null" is indistinguishable from the word; SBR writes absent bodies as "".
    event.text = body.toString();
    event.counterpart = contactName(name);
    return emitEvent(std::move(event));
}

void Parser::beginMms(const Attrs &attrs)
{
    PendingMms mms;
    EventRecord &event = mms.event;
    event.kind = EventKind::Message;
    event.channel = Channel::Mms;
    bool ok = false;
    qint64 ms = attrValue(attrs, "date"_L1).toLongLong(&ok);
    if (ok && ms > 0 && ms < 100'000'000'000LL) { // seconds, as in Android's own pdu table
        ms *= 1000;
        event.extra.insert(u"date_in_seconds"_s, true);
    }
    event.at = m_offsets.at(ok ? ms : 0);
    if (!ok)
        event.extra.insert(u"bad_date"_s, attrValue(attrs, "date"_L1).toString());
    mms.msgBox = attrValue(attrs, "msg_box"_L1).toInt(&ok);
    if (ok)
        event.extra.insert(u"msg_box"_s, mms.msgBox);
    event.direction = Android::mmsBoxDirection(mms.msgBox, event.extra);
    if (const int mType = attrValue(attrs, "m_type"_L1).toInt(&ok); ok)
        event.extra.insert(u"m_type"_s, mType);
    if (const QStringView sub = attrValue(attrs, "sub"_L1); !isNull(sub))
        event.extra.insert(u"subject"_s, sub.toString());
    const QStringView name = attrValue(attrs, "contact_name"_L1);
    event.counterpart = contactName(name);
    mms.address = valueOrEmpty(attrValue(attrs, "address"_L1));
    m_mms = std::move(mms);
}

Result<void> Parser::handlePart(const Attrs &attrs)
{
    const QStringView seq = attrValue(attrs, "seq"_L1);
    const QStringView ct = attrValue(attrs, "ct"_L1);
    if (seq == u"-1" || ct.compare(u"application/smil", Qt::CaseInsensitive) == 0)
        return {};
    const QStringView text = attrValue(attrs, "text"_L1);
    const QStringView data = attrValue(attrs, "data"_L1);
    const bool isText = ct.startsWith(u"text/", Qt::CaseInsensitive);
    if (isText && !isNull(text)) {
        m_mms->texts.append(text.toString());
        return {};
    }
    if (isNull(data)) {
        if (!isText && !isNull(text))
            m_mms->texts.append(text.toString());
        return {};
    }
    const auto decoded
        = QByteArray::fromBase64Encoding(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        m_sink.reject(
            u"record "_s + QString::number(m_record),
            tr("an MMS part (%1) has damaged base64 data and was skipped").arg(ct.toString()));
        return {};
    }
    if (isText) { // text sent as data: chset is almost always UTF-8 (106)
        m_mms->texts.append(QString::fromUtf8(*decoded));
        return {};
    }
    QString fileName;
    for (const auto key : {"name"_L1, "fn"_L1, "cl"_L1}) {
        const QStringView v = attrValue(attrs, key);
        if (!isNull(v)) {
            fileName = v.toString();
            break;
        }
    }
    QByteArray bytes = *decoded;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const AttachmentRecord attachment{fileName, valueOrEmpty(ct),
                                      u"record %1 part %2"_s.arg(m_record).arg(seq)};
    auto sha = m_sink.addAttachment(attachment, buffer);
    if (!sha)
        return sha.error();
    m_mms->event.attachmentSha256.append(*sha);
    return {};
}

void Parser::handleAddr(const Attrs &attrs)
{
    const QString address = valueOrEmpty(attrValue(attrs, "address"_L1));
    if (address.isEmpty())
        return;
    const QStringView type = attrValue(attrs, "type"_L1);
    if (type == u"137")
        m_mms->from = address;
    else if (type == u"151" || type == u"130" || type == u"129")
        m_mms->to.append(address);
}

Result<void> Parser::finishMms()
{
    PendingMms mms = std::move(*m_mms);
    m_mms.reset();
    EventRecord &event = mms.event;
    QStringList numbers = mms.address.split(u'~', Qt::SkipEmptyParts);
    for (QString &n : numbers)
        n = n.trimmed();
    if (numbers.isEmpty()) {
        if (event.direction == Direction::Incoming && !mms.from.isEmpty())
            numbers.append(mms.from);
        numbers.append(mms.to);
        numbers.removeDuplicates();
    }
    // In a received group MMS the sender is the From address, not the first of the group.
    if (event.direction == Direction::Incoming && !mms.from.isEmpty()) {
        numbers.removeAll(mms.from);
        numbers.prepend(mms.from);
    }
    if (!numbers.isEmpty())
        event.rawNumber = numbers.takeFirst();
    event.moreNumbers = numbers;
    event.text = mms.texts.join(u'\n');
    if (!mms.from.isEmpty())
        event.extra.insert(u"from"_s, mms.from);
    return emitEvent(std::move(event));
}

class SmsBackupXmlImporter final : public Importer
{
  public:
    QString format() const override { return u"sms-backup-xml"_s; }
    QString displayName() const override
    {
        return QCoreApplication::translate("Dossier", "SMS Backup & Restore (XML)");
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        static const QRegularExpression namePattern(u"^(sms|calls)-\\d+.*\\.xml$"_s,
                                                    QRegularExpression::CaseInsensitiveOption);
        const bool nameMatches = namePattern.match(fileName).hasMatch();
        const qsizetype smses = head.indexOf("<smses");
        const qsizetype calls = head.indexOf("<calls");
        const bool xmlish = head.contains("<?xml") || head.trimmed().startsWith('<');
        if (xmlish && (smses >= 0 || calls >= 0)) {
            const bool records = head.contains("<sms ") || head.contains("<mms ")
                                 || head.contains("<call ") || head.contains("count=");
            return records || nameMatches ? 100 : 80;
        }
        if (nameMatches && head.contains("<?xml"))
            return 30;
        return 0;
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

std::unique_ptr<Importer> makeSmsBackupXmlImporter()
{
    return std::make_unique<SmsBackupXmlImporter>();
}

} // namespace Dossier::Import
