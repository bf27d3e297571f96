// SPDX-License-Identifier: GPL-3.0-or-later
// WeChat chat exports as text (formats.md §5):
//  - MemoTrace / 留痕 TXT: "YYYY-MM-DD HH:MM:SS name", content lines, a blank line; system
//    messages have only the time.
//  - WechatExporter TXT (iOS backups), Chinese or English UI: "<NAME> - 微信聊天记录" (or
//    "- WeChat Chat History"), a blank line, then "NAME (YYYY-MM-DD HH:MM:SS):MESSAGE" with the
//    message continuing on the following lines.
#include <QCoreApplication>
#include <QFileInfo>
#include <QIODevice>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/chatcommon.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {
namespace {

using namespace Chat;

enum class Variant
{
    MemoTrace,
    Exporter
};

const QString HEADER_ZH = u" - 微信聊天记录"_s;
const QString HEADER_EN = u" - WeChat Chat History"_s;

/// MemoTrace: "YYYY-MM-DD HH:MM:SS" then nothing or " name".
std::optional<Stamp> memoTraceHeader(QStringView line, QString *name)
{
    if (line.isEmpty() || !isAsciiDigit(line[0]))
        return std::nullopt;
    auto st = readStamp(line, true);
    if (!st || (st->end < line.size() && line[st->end] != u' '))
        return std::nullopt;
    if (name)
        *name = line.mid(st->end).trimmed().toString();
    return st;
}

struct ExporterLine
{
    QString name;
    Stamp stamp;
    QString message;
};

/// WechatExporter: "NAME (YYYY-MM-DD HH:MM:SS):MESSAGE". Scans for " (" followed by a stamp
/// and "):" instead of running a regular expression on every line.
std::optional<ExporterLine> exporterLine(QStringView line)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype open = line.indexOf(u" (", from);
        if (open < 0 || open + 23 > line.size())
            return std::nullopt;
        const QStringView rest = line.mid(open + 2);
        if (isAsciiDigit(rest[0])) {
            if (const auto st = readStamp(rest, true); st && rest.mid(st->end).startsWith(u"):")) {
                ExporterLine out{line.left(open).toString(), *st, rest.mid(st->end + 2).toString()};
                out.stamp.end += open + 2;
                return out;
            }
        }
        from = open + 1;
    }
}

/// "<NAME> - 微信聊天记录" / "<NAME> - WeChat Chat History".
/// Returns the name and the UI language ("zh", "en").
std::optional<std::pair<QString, QString>> exporterTitle(const QString &line)
{
    const QString l = line.trimmed();
    if (l.endsWith(HEADER_ZH))
        return std::pair{l.chopped(HEADER_ZH.size()).trimmed(), u"zh"_s};
    if (l.endsWith(HEADER_EN))
        return std::pair{l.chopped(HEADER_EN.size()).trimmed(), u"en"_s};
    return std::nullopt;
}

/// A system notice that WechatExporter writes as a line of its own, without name or time.
bool isExporterSystemLine(QStringView line)
{
    if (line.size() > 80)
        return false;
    static const QString markers[] = {u"撤回了一条消息"_s, u"recalled a message"_s};
    for (const QString &m : markers) {
        if (line.trimmed().endsWith(m))
            return true;
    }
    return false;
}

bool isCallText(QStringView text)
{
    return text.startsWith(u"[视频/语音通话]") || text.startsWith(u"[语音/视频通话]")
           || text.startsWith(u"[Video/Audio Call]");
}

struct Message : MessageBody
{
    bool active = false;
    qint64 line = 0;
    SourceTime at;
    QString name;
    bool system = false;
    bool timeFromPrevious = false;
};

QString conversationFromFileName(const QString &path)
{
    QString base = QFileInfo(path).completeBaseName();
    if (base.endsWith(u"_utf8"))
        base.chop(5);
    return base;
}

class WeChatTxtImporter final : public Importer
{
  public:
    QString format() const override { return u"wechat-txt"_s; }
    QString displayName() const override
    {
        return QCoreApplication::translate("Dossier", "WeChat chat export (.txt)");
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        Q_UNUSED(fileName);
        const QStringList lines = firstNonBlankLines(decodeHead(head), 3);
        if (lines.isEmpty())
            return 0;
        if (exporterTitle(lines.first()))
            return 100;
        if (exporterLine(lines.first()))
            return 80;
        QString name;
        if (memoTraceHeader(lines.first(), &name)) {
            // A QQ number or e-mail after the name means a QQ export without its header.
            if (name.endsWith(u')') || name.endsWith(u'>'))
                return 20;
            return 65;
        }
        return 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override;
};

Result<void> WeChatTxtImporter::parse(QIODevice &file,
                                      const QString &path,
                                      const ImportContext &context,
                                      ImportSink &sink) const
{
    const QString formatName = QCoreApplication::translate("Dossier", "WeChat chat TXT export");
    LineReader reader(file);
    Progress progress(context.progress, file.size());
    ZoneCache zone(context.settings.zone);
    const Identities &own = context.settings.own;

    std::optional<Variant> variant;
    QString language;
    QString conversation = conversationFromFileName(path);
    bool prevBlank = true;
    int emitted = 0;
    SourceTime lastTime;
    bool haveTime = false;
    Message msg;

    auto flush = [&]() -> Result<void> {
        if (!msg.active)
            return {};
        msg.active = false;
        EventRecord ev;
        ev.kind = isCallText(msg.body) ? EventKind::Call : EventKind::Message;
        ev.channel = Channel::WeChat;
        ev.at = msg.at;
        ev.text = msg.body;
        ev.conversation = conversation;
        ev.locator = u"line %1"_s.arg(msg.line);
        ev.platform = context.platform;
        if (msg.system || msg.name.isEmpty()) {
            ev.direction = Direction::Unknown;
            ev.counterpart = conversation;
            ev.extra.insert(u"system"_s, true);
        } else if (isOwn(msg.name, {&own.wechatNames, &own.names})) {
            ev.direction = Direction::Outgoing;
            ev.counterpart = conversation;
            ev.extra.insert(u"sender"_s, msg.name);
        } else {
            ev.direction = Direction::Incoming;
            ev.counterpart = msg.name;
        }
        if (msg.truncated)
            ev.extra.insert(u"truncated"_s, true);
        if (msg.timeFromPrevious)
            ev.extra.insert(u"timeFromPreviousMessage"_s, true);
        if (msg.body.contains(u"撤回了一条消息") || msg.body.contains(u"recalled a message"))
            ev.extra.insert(u"recalled"_s, true);
        ++emitted;
        return sink.addEvent(std::move(ev));
    };

    auto startMessage = [&](qint64 lineNo, const Stamp &st, const QString &line,
                            const QString &name) -> Result<void> {
        const QDate date(st.year, st.month, st.day);
        const QTime time(st.hour, st.minute, st.second);
        if (!date.isValid() || !time.isValid())
            return parseError(path, u"line %1"_s.arg(lineNo),
                              QCoreApplication::translate(
                                  "Dossier", "the date or time of the message is not valid."),
                              line.left(st.end + 3));
        if (auto r = flush(); !r)
            return r;
        msg = Message();
        msg.active = true;
        msg.line = lineNo;
        msg.at = zone.fromLocal(date, time);
        msg.name = name;
        lastTime = msg.at;
        haveTime = true;
        return {};
    };

    QString line;
    while (reader.next(line)) {
        if (!progress.update(reader.bytesRead()))
            return cancelledError(path);
        const qint64 lineNo = reader.lineNumber();
        const bool blank = line.trimmed().isEmpty();
        if (!variant) {
            if (blank)
                continue;
            if (const auto title = exporterTitle(line)) {
                variant = Variant::Exporter;
                language = title->second;
                if (!title->first.isEmpty())
                    conversation = title->first;
                continue;
            }
            if (exporterLine(line))
                variant = Variant::Exporter;
            else if (memoTraceHeader(line, nullptr))
                variant = Variant::MemoTrace;
            else
                return notFormatError(
                    path, formatName,
                    u"line %1 is neither a title nor a message header"_s.arg(lineNo));
        }

        if (*variant == Variant::MemoTrace) {
            if (blank) {
                if (msg.active)
                    msg.addLine(line);
                prevBlank = true;
                continue;
            }
            QString name;
            std::optional<Stamp> st;
            if (prevBlank || !msg.active || msg.bodyLines == 0)
                st = memoTraceHeader(line, &name);
            prevBlank = false;
            if (st) {
                if (auto r = startMessage(lineNo, *st, line, name); !r)
                    return r;
                continue;
            }
            if (msg.active)
                msg.addLine(line);
            else
                sink.reject(u"line %1"_s.arg(lineNo),
                            QCoreApplication::translate(
                                "Dossier", "Text outside of any message was skipped."));
            continue;
        }

        // WechatExporter: a message line starts a message; anything else continues it.
        if (!blank) {
            if (const auto m = exporterLine(line)) {
                if (auto r = startMessage(lineNo, m->stamp, line, m->name); !r)
                    return r;
                msg.addLine(m->message);
                continue;
            }
            if (isExporterSystemLine(line)) {
                // Recall notices have no time of their own: they get the previous message's.
                if (auto r = flush(); !r)
                    return r;
                if (!haveTime) {
                    sink.reject(u"line %1"_s.arg(lineNo),
                                QCoreApplication::translate(
                                    "Dossier", "A system notice without a time was skipped."));
                    continue;
                }
                msg = Message();
                msg.active = true;
                msg.line = lineNo;
                msg.at = lastTime;
                msg.system = true;
                msg.timeFromPrevious = true;
                msg.addLine(line);
                continue;
            }
        }
        if (msg.active && !msg.system)
            msg.addLine(line, true);
        else if (!blank)
            sink.reject(
                u"line %1"_s.arg(lineNo),
                QCoreApplication::translate("Dossier", "Text outside of any message was skipped."));
    }
    if (reader.hasError())
        return readerError(path, reader);
    if (auto r = flush(); !r)
        return r;
    if (!variant)
        return notFormatError(path, formatName, u"the file is empty"_s);
    if (!progress.finish(reader.bytesRead()))
        return cancelledError(path);

    QJsonObject meta{
        {u"format"_s, format()},
        {u"variant"_s, *variant == Variant::MemoTrace ? u"memotrace"_s : u"wechatexporter"_s},
        {u"encoding"_s, reader.encoding()},
        {u"conversation"_s, conversation},
        {u"messages"_s, emitted}};
    if (!language.isEmpty())
        meta.insert(u"language"_s, language);
    if (reader.hadInvalidBytes())
        meta.insert(u"invalidBytes"_s, true);
    sink.setSourceMetadata(meta);
    return {};
}

} // namespace

std::unique_ptr<Importer> makeWeChatTxtImporter()
{
    return std::make_unique<WeChatTxtImporter>();
}

} // namespace Dossier::Import
