// SPDX-License-Identifier: GPL-3.0-or-later
// Phone databases pulled from forensic images or backups: iOS sms.db and CallHistory.storedata,
// Android mmssms.db and calllog.db / contacts2.db. Opened strictly read-only (immutable URI):
// the original must keep every byte and its modification time.
#include <atomic>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUrl>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/androidcodes.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

constexpr qint64 kAppleEpochOffsetS = 978307200; // 2001-01-01 minus 1970-01-01

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

/// Table names declared in the schema text found in the first bytes of an SQLite file.
QSet<QString> tablesInHead(const QByteArray &head)
{
    QSet<QString> tables;
    if (!head.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return tables;
    static const QRegularExpression re(
        uR"(CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["'`\[]?(\w+))"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromLatin1(head);
    auto it = re.globalMatch(text);
    while (it.hasNext())
        tables.insert(it.next().captured(1).toLower());
    return tables;
}

/// A read-only, immutable connection with a unique name, removed when this goes away.
class ReadOnlyDb final
{
  public:
    ReadOnlyDb(const QString &path, bool immutable)
    {
        static std::atomic<int> counter{0};
        m_name = u"dossier-phonedb-%1"_s.arg(counter.fetch_add(1));
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
        // immutable=1: no locks, no journal or WAL/SHM files created next to the evidence.
        m_db.setDatabaseName(
            QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded)
            + (immutable ? u"?mode=ro&immutable=1"_s : u"?mode=ro"_s));
    }
    ~ReadOnlyDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    ReadOnlyDb(const ReadOnlyDb &) = delete;
    ReadOnlyDb &operator=(const ReadOnlyDb &) = delete;

    bool open() { return m_db.open(); }
    QSqlDatabase &db() { return m_db; }

    QSet<QString> tables()
    {
        QSet<QString> out;
        QSqlQuery q(m_db);
        if (q.exec(u"SELECT lower(name) FROM sqlite_master WHERE type IN ('table','view')"_s)) {
            while (q.next())
                out.insert(q.value(0).toString());
        }
        return out;
    }
    QSet<QString> columns(const QString &table)
    {
        QSet<QString> out;
        QSqlQuery q(m_db);
        if (q.exec(u"PRAGMA table_info(\"%1\")"_s.arg(table))) {
            while (q.next())
                out.insert(q.value(1).toString().toLower());
        }
        return out;
    }

  private:
    QString m_name;
    QSqlDatabase m_db;
};

/// `expr` when the column exists, else NULL, so one query fits schema variants.
QString col(const QSet<QString> &columns, const QString &name, const QString &prefix = {})
{
    return columns.contains(name.toLower()) ? prefix + name : u"NULL"_s;
}

QString numberFromValue(const QVariant &v)
{
    if (v.typeId() == QMetaType::QByteArray) {
        const QByteArray bytes = v.toByteArray();
        return isValidUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes.toHex());
    }
    return v.toString();
}

/// Best effort: the plain string inside an iOS attributedBody typedstream (NSAttributedString).
QString textFromAttributedBody(const QByteArray &blob)
{
    const qsizetype at = blob.indexOf("NSString");
    if (at < 0)
        return {};
    qsizetype p = at + 8 + 5; // class name, then a fixed preamble before the length
    if (p >= blob.size())
        return {};
    qint64 length = uchar(blob.at(p));
    ++p;
    if (length == 0x81) {
        if (p + 2 > blob.size())
            return {};
        length = uchar(blob.at(p)) | (uchar(blob.at(p + 1)) << 8);
        p += 2;
    } else if (length == 0x82) {
        if (p + 4 > blob.size())
            return {};
        length = qint64(uchar(blob.at(p))) | (qint64(uchar(blob.at(p + 1))) << 8)
                 | (qint64(uchar(blob.at(p + 2))) << 16) | (qint64(uchar(blob.at(p + 3))) << 24);
        p += 4;
    }
    if (length <= 0 || p + length > blob.size())
        return {};
    const QByteArray bytes = blob.mid(p, length);
    return isValidUtf8(bytes) ? QString::fromUtf8(bytes) : QString();
}

/// Apple/Cocoa time: seconds since 2001 (old iOS, REAL) or nanoseconds (iOS 11+).
qint64 appleTimeToUtcMs(const QVariant &v)
{
    const double raw = v.toDouble();
    if (std::abs(raw) > 1e15)
        return qint64(raw / 1e6) + kAppleEpochOffsetS * 1000;
    return qint64(raw * 1000.0) + kAppleEpochOffsetS * 1000;
}

enum class Kind
{
    IosSms,
    IosCallHistory,
    AndroidSms,
    AndroidCallLog
};

class PhoneDbImporter final : public Importer
{
  public:
    explicit PhoneDbImporter(Kind kind)
        : m_kind(kind)
    {
    }

    QString format() const override
    {
        switch (m_kind) {
        case Kind::IosSms:
            return u"ios-sms-db"_s;
        case Kind::IosCallHistory:
            return u"ios-callhistory-db"_s;
        case Kind::AndroidSms:
            return u"android-mmssms-db"_s;
        case Kind::AndroidCallLog:
            return u"android-calllog-db"_s;
        }
        return {};
    }

    QString displayName() const override
    {
        switch (m_kind) {
        case Kind::IosSms:
            return tr("iPhone messages database (sms.db)");
        case Kind::IosCallHistory:
            return tr("iPhone call history (CallHistory.storedata)");
        case Kind::AndroidSms:
            return tr("Android messages database (mmssms.db)");
        case Kind::AndroidCallLog:
            return tr("Android call log database (calllog.db, contacts2.db)");
        }
        return {};
    }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        if (!head.startsWith(QByteArrayView("SQLite format 3\0", 16)))
            return 0;
        const QSet<QString> t = tablesInHead(head);
        const QString name = fileName.toLower();
        switch (m_kind) {
        case Kind::IosSms:
            if (t.contains(u"message"_s) && t.contains(u"handle"_s))
                return 100;
            return name == u"sms.db" || name == u"3d0d7e5fb2ce288813306e4d4636395e047a3d28" ? 60
                                                                                            : 0;
        case Kind::IosCallHistory:
            if (t.contains(u"zcallrecord"_s))
                return 100;
            if (t.contains(u"call"_s) && t.contains(u"_sqlitedatabaseproperties"_s))
                return 90; // call_history.db before iOS 8
            if (name == u"call_history.db")
                return 60;
            return name.startsWith(u"callhistory")
                           || name == u"5a4935c78a5255723f707230a451d79c540d2741"
                       ? 60
                       : 0;
        case Kind::AndroidSms:
            if (t.contains(u"sms"_s) && (t.contains(u"pdu"_s) || t.contains(u"threads"_s)))
                return 100;
            return name == u"mmssms.db" ? 60 : 0;
        case Kind::AndroidCallLog:
            if (t.contains(u"calls"_s))
                return 95;
            return name == u"calllog.db" || name == u"contacts2.db" ? 60 : 0;
        }
        return 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override
    {
        Q_UNUSED(file);
        const QString fileName = QFileInfo(path).fileName();
        if (!QFileInfo(path).isFile())
            return makeError(ErrorCode::NotFound, tr("%1 is not a file on disk.").arg(fileName));
        QJsonObject meta{{u"format"_s, format()}};
        // An immutable open never reads a write-ahead log, and recent messages often sit in one.
        // Then read a private copy of the database and its log instead of the original.
        QString openPath = path;
        bool immutable = true;
        std::optional<QTemporaryDir> copyDir;
        const QFileInfo wal(path + u"-wal"_s);
        if (wal.exists() && wal.size() > 0) {
            copyDir.emplace();
            const QString copy = copyDir->filePath(QFileInfo(path).fileName());
            if (copyDir->isValid() && QFile::copy(path, copy)
                && QFile::copy(wal.absoluteFilePath(), copy + u"-wal"_s)) {
                openPath = copy;
                immutable = false;
                meta.insert(u"wal_included_bytes"_s, wal.size());
                // The log holds evidence too: store it beside the database it belongs to.
                QFile walFile(wal.absoluteFilePath());
                if (!walFile.open(QIODevice::ReadOnly))
                    return makeError(ErrorCode::Io, tr("Could not read %1.").arg(wal.fileName()),
                                     walFile.errorString());
                const AttachmentRecord record{wal.fileName(), u"application/octet-stream"_s,
                                              u"write-ahead log"_s};
                auto sha = sink.addAttachment(record, walFile);
                if (!sha)
                    return sha.error();
                meta.insert(u"wal_sha256"_s, *sha);
            } else {
                meta.insert(u"wal_ignored_bytes"_s, wal.size());
                sink.reject(fileName + u"-wal"_s,
                            tr("a write-ahead log lies beside the database but could not be "
                               "copied; its newest changes are not read"));
            }
        }
        ReadOnlyDb db(openPath, immutable);
        if (!db.open())
            return makeError(ErrorCode::Parse,
                             tr("%1 could not be opened as an SQLite database.").arg(fileName),
                             db.db().lastError().text());
        const QSet<QString> tables = db.tables();
        if (tables.isEmpty())
            return makeError(ErrorCode::Parse,
                             tr("%1 is not a readable SQLite database (no tables).").arg(fileName),
                             db.db().lastError().text());
        Job job{db, path, fileName, context, sink, tables};
        Result<void> r;
        switch (m_kind) {
        case Kind::IosSms:
            r = job.iosSms();
            break;
        case Kind::IosCallHistory:
            r = job.iosCalls();
            break;
        case Kind::AndroidSms:
            r = job.androidSms();
            break;
        case Kind::AndroidCallLog:
            r = job.androidCalls();
            break;
        }
        if (!r)
            return r;
        meta.insert(u"records"_s, job.count);
        sink.setSourceMetadata(meta);
        if (context.progress && !context.progress(1, 1))
            return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
        return {};
    }

  private:
    struct Job
    {
        ReadOnlyDb &db;
        QString path;
        QString fileName;
        const ImportContext &context;
        ImportSink &sink;
        QSet<QString> tables;
        qint64 count = 0;

        Error missing(const QString &table) const
        {
            return makeError(ErrorCode::Unsupported,
                             tr("%1 has no table \"%2\"; it is not this kind of phone database.")
                                 .arg(fileName, table));
        }
        Error queryError(const QSqlQuery &q) const
        {
            return makeError(ErrorCode::Parse, tr("%1 could not be read.").arg(fileName),
                             q.lastError().text());
        }
        bool tick()
        {
            ++count;
            return !(context.progress && count % 5000 == 0 && !context.progress(0, 0));
        }
        Error cancelled() const { return makeError(ErrorCode::Cancelled, tr("Import cancelled.")); }
        /// Hands `e` to the sink and counts it for progress; fails when the user cancelled.
        Result<void> add(const EventRecord &e)
        {
            if (auto r = sink.addEvent(e); !r)
                return r;
            if (!tick())
                return cancelled();
            return {};
        }
        SourceTime at(qint64 utcMs) const
        {
            return sourceTimeFromUtcMs(utcMs, context.settings.zone);
        }
        EventRecord base(EventKind kind, Channel channel, const QString &locator) const
        {
            EventRecord e;
            e.kind = kind;
            e.channel = channel;
            e.locator = locator;
            e.platform = context.platform;
            return e;
        }

        Result<void> iosSms();
        Result<void> iosCalls();
        Result<void> iosLegacyCalls();
        Result<void> androidSms();
        Result<void> androidMms();
        Result<void> androidCalls();
    };

    Kind m_kind;
};

Result<void> PhoneDbImporter::Job::iosSms()
{
    if (!tables.contains(u"message"_s))
        return missing(u"message"_s);
    const QSet<QString> mc = db.columns(u"message"_s);
    const bool handles = tables.contains(u"handle"_s);
    const bool chats = tables.contains(u"chat"_s) && tables.contains(u"chat_message_join"_s);
    QString sql = u"SELECT m.ROWID, %1, %2, %3, %4, %5, %6, %7, %8"_s.arg(
        col(mc, u"text"_s, u"m."_s), col(mc, u"attributedBody"_s, u"m."_s),
        col(mc, u"service"_s, u"m."_s), col(mc, u"date"_s, u"m."_s),
        col(mc, u"is_from_me"_s, u"m."_s),
        handles && mc.contains(u"handle_id"_s) ? u"h.id"_s : u"NULL"_s,
        col(mc, u"item_type"_s, u"m."_s), col(mc, u"guid"_s, u"m."_s));
    sql += chats ? u", (SELECT coalesce(nullif(c.display_name, ''), c.chat_identifier) FROM "
                   u"chat_message_join j JOIN chat c ON c.ROWID = j.chat_id WHERE j.message_id = "
                   u"m.ROWID LIMIT 1)"_s
                 : u", NULL"_s;
    sql += u" FROM message m"_s;
    if (handles && mc.contains(u"handle_id"_s))
        sql += u" LEFT JOIN handle h ON h.ROWID = m.handle_id"_s;
    sql += u" ORDER BY m.ROWID"_s;
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(q);
    while (q.next()) {
        const qint64 rowid = q.value(0).toLongLong();
        const QString service = q.value(3).toString();
        EventRecord e = base(EventKind::Message,
                             service.compare(u"SMS"_s, Qt::CaseInsensitive) == 0 ? Channel::Sms
                                                                                 : Channel::Other,
                             u"table message rowid %1"_s.arg(rowid));
        if (!service.isEmpty())
            e.extra.insert(u"service"_s, service);
        e.at = at(appleTimeToUtcMs(q.value(4)));
        e.direction = q.value(5).toInt() ? Direction::Outgoing : Direction::Incoming;
        e.rawNumber = q.value(6).toString();
        e.text = q.value(1).toString();
        if (q.value(1).isNull() && !q.value(2).isNull()) {
            e.text = textFromAttributedBody(q.value(2).toByteArray());
            e.extra.insert(u"text_from"_s, u"attributedBody"_s);
        }
        if (const int itemType = q.value(7).toInt(); itemType != 0)
            e.extra.insert(u"item_type"_s, itemType);
        if (!q.value(8).isNull())
            e.extra.insert(u"guid"_s, q.value(8).toString());
        e.conversation = q.value(9).toString();
        if (auto r = add(e); !r)
            return r;
    }
    return {};
}

Result<void> PhoneDbImporter::Job::iosCalls()
{
    if (!tables.contains(u"zcallrecord"_s) && tables.contains(u"call"_s))
        return iosLegacyCalls();
    if (!tables.contains(u"zcallrecord"_s))
        return missing(u"ZCALLRECORD"_s);
    const QSet<QString> c = db.columns(u"ZCALLRECORD"_s);
    const QString sql
        = u"SELECT %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 FROM ZCALLRECORD ORDER BY %11"_s
              .arg(col(c, u"Z_PK"_s), col(c, u"ZDATE"_s), col(c, u"ZDURATION"_s),
                   col(c, u"ZADDRESS"_s), col(c, u"ZORIGINATED"_s), col(c, u"ZANSWERED"_s),
                   col(c, u"ZCALLTYPE"_s), col(c, u"ZSERVICE_PROVIDER"_s), col(c, u"ZNAME"_s),
                   col(c, u"ZDISCONNECTED_CAUSE"_s))
              .arg(c.contains(u"z_pk"_s) ? u"Z_PK"_s : u"rowid"_s);
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(q);
    while (q.next()) {
        const QString provider = q.value(7).toString();
        Channel channel = Channel::Phone;
        if (provider.contains(u"whatsapp"_s, Qt::CaseInsensitive))
            channel = Channel::WhatsApp;
        else if (provider.contains(u"telegram"_s, Qt::CaseInsensitive))
            channel = Channel::Telegram;
        else if (!provider.isEmpty() && provider != u"com.apple.Telephony")
            channel = Channel::Other;
        EventRecord e = base(EventKind::Call, channel,
                             u"table ZCALLRECORD rowid %1"_s.arg(q.value(0).toLongLong()));
        e.at = at(appleTimeToUtcMs(q.value(1)));
        if (!q.value(2).isNull())
            e.durationS = qRound64(q.value(2).toDouble());
        e.rawNumber = numberFromValue(q.value(3));
        const bool originated = q.value(4).toInt() != 0;
        const bool answered = q.value(5).toInt() != 0;
        e.direction = originated ? Direction::Outgoing
                      : answered ? Direction::Incoming
                                 : Direction::Missed;
        if (!q.value(6).isNull())
            e.extra.insert(u"call_type"_s, q.value(6).toInt());
        if (!provider.isEmpty())
            e.extra.insert(u"service_provider"_s, provider);
        if (!q.value(9).isNull())
            e.extra.insert(u"disconnected_cause"_s, q.value(9).toInt());
        e.extra.insert(u"answered"_s, answered);
        e.counterpart = q.value(8).toString();
        if (auto r = add(e); !r)
            return r;
    }
    return {};
}

/// call_history.db (iOS 7 and older): table `call`, Unix seconds, flags bit 0 = outgoing.
Result<void> PhoneDbImporter::Job::iosLegacyCalls()
{
    const QSet<QString> c = db.columns(u"call"_s);
    const QString sql = u"SELECT ROWID, %1, %2, %3, %4 FROM call ORDER BY ROWID"_s.arg(
        col(c, u"address"_s), col(c, u"date"_s), col(c, u"duration"_s), col(c, u"flags"_s));
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(q);
    while (q.next()) {
        const int flags = q.value(4).toInt();
        EventRecord e = base(EventKind::Call, (flags & 16) ? Channel::Other : Channel::Phone,
                             u"table call rowid %1"_s.arg(q.value(0).toLongLong()));
        e.at = at(q.value(2).toLongLong() * 1000);
        e.durationS = q.value(3).toLongLong();
        e.rawNumber = numberFromValue(q.value(1));
        // The old schema has no "answered" flag: an incoming call of zero seconds was missed.
        e.direction = (flags & 1)        ? Direction::Outgoing
                      : *e.durationS > 0 ? Direction::Incoming
                                         : Direction::Missed;
        e.extra.insert(u"flags"_s, flags);
        if (auto r = add(e); !r)
            return r;
    }
    return {};
}

Result<void> PhoneDbImporter::Job::androidSms()
{
    if (!tables.contains(u"sms"_s))
        return missing(u"sms"_s);
    const QSet<QString> c = db.columns(u"sms"_s);
    const QString sql = u"SELECT _id, %1, %2, %3, %4, %5, %6 FROM sms ORDER BY _id"_s.arg(
        col(c, u"address"_s), col(c, u"date"_s), col(c, u"type"_s), col(c, u"body"_s),
        col(c, u"status"_s), col(c, u"thread_id"_s));
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(q);
    while (q.next()) {
        EventRecord e = base(EventKind::Message, Channel::Sms,
                             u"table sms rowid %1"_s.arg(q.value(0).toLongLong()));
        e.at = at(q.value(2).toLongLong());
        const int type = q.value(3).toInt();
        e.extra.insert(u"type"_s, type);
        e.direction = Android::smsTypeDirection(type, e.extra);
        e.rawNumber = q.value(1).toString();
        e.text = q.value(4).toString();
        if (!q.value(5).isNull() && q.value(5).toInt() != -1)
            e.extra.insert(u"delivery_status"_s, q.value(5).toInt());
        if (!q.value(6).isNull())
            e.extra.insert(u"thread_id"_s, q.value(6).toLongLong());
        if (auto r = add(e); !r)
            return r;
    }
    return androidMms();
}

Result<void> PhoneDbImporter::Job::androidMms()
{
    if (!tables.contains(u"pdu"_s))
        return {};
    const QSet<QString> pc = db.columns(u"pdu"_s);
    const bool parts = tables.contains(u"part"_s);
    const bool addrs = tables.contains(u"addr"_s);
    const QSet<QString> partCols = parts ? db.columns(u"part"_s) : QSet<QString>();
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT _id, %1, %2, %3, %4 FROM pdu ORDER BY _id"_s.arg(
            col(pc, u"date"_s), col(pc, u"msg_box"_s), col(pc, u"m_type"_s), col(pc, u"sub"_s))))
        return queryError(q);
    QSqlQuery partQuery(db.db());
    QSqlQuery addrQuery(db.db());
    if (parts)
        partQuery.prepare(u"SELECT %1, %2, %3, %4, %5 FROM part WHERE mid = ? ORDER BY %6"_s.arg(
            col(partCols, u"seq"_s), col(partCols, u"ct"_s), col(partCols, u"text"_s),
            col(partCols, u"name"_s), col(partCols, u"cl"_s),
            partCols.contains(u"seq"_s) ? u"seq"_s : u"_id"_s));
    if (addrs)
        addrQuery.prepare(u"SELECT address, type FROM addr WHERE msg_id = ? ORDER BY _id"_s);
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        EventRecord e = base(EventKind::Message, Channel::Mms, u"table pdu rowid %1"_s.arg(id));
        e.at = at(q.value(1).toLongLong() * 1000); // pdu.date is in seconds
        const int box = q.value(2).toInt();
        e.extra.insert(u"msg_box"_s, box);
        if (!q.value(3).isNull())
            e.extra.insert(u"m_type"_s, q.value(3).toInt());
        if (!q.value(4).isNull() && !q.value(4).toString().isEmpty())
            e.extra.insert(u"subject"_s, q.value(4).toString());
        e.direction = Android::mmsBoxDirection(box, e.extra);
        QStringList texts;
        QJsonArray media;
        if (parts) {
            partQuery.addBindValue(id);
            if (!partQuery.exec())
                return queryError(partQuery);
            while (partQuery.next()) {
                const QString ct = partQuery.value(1).toString();
                if (partQuery.value(0).toInt() == -1 || ct == u"application/smil")
                    continue;
                if (ct.startsWith(u"text/"_s) && !partQuery.value(2).isNull())
                    texts.append(partQuery.value(2).toString());
                else // the bytes live in app_parts/, outside the database
                    media.append(QJsonObject{{u"ct"_s, ct},
                                             {u"name"_s, partQuery.value(3).toString().isEmpty()
                                                             ? partQuery.value(4).toString()
                                                             : partQuery.value(3).toString()}});
            }
        }
        if (!media.isEmpty())
            e.extra.insert(u"parts"_s, media);
        e.text = texts.join(u'\n');
        QString from;
        QStringList to;
        if (addrs) {
            addrQuery.addBindValue(id);
            if (!addrQuery.exec())
                return queryError(addrQuery);
            while (addrQuery.next()) {
                const QString address = addrQuery.value(0).toString();
                if (address.isEmpty() || address == u"insert-address-token")
                    continue;
                const int type = addrQuery.value(1).toInt();
                if (type == 137)
                    from = address;
                else if (type == 151 || type == 130 || type == 129)
                    to.append(address);
            }
        }
        QStringList numbers;
        if (e.direction == Direction::Incoming && !from.isEmpty())
            numbers.append(from);
        for (const QString &n : std::as_const(to)) {
            if (!numbers.contains(n))
                numbers.append(n);
        }
        if (e.direction != Direction::Incoming && numbers.isEmpty() && !from.isEmpty())
            numbers.append(from);
        if (!numbers.isEmpty())
            e.rawNumber = numbers.takeFirst();
        e.moreNumbers = numbers;
        if (auto r = add(e); !r)
            return r;
    }
    return {};
}

Result<void> PhoneDbImporter::Job::androidCalls()
{
    if (!tables.contains(u"calls"_s))
        return missing(u"calls"_s);
    const QSet<QString> c = db.columns(u"calls"_s);
    const QString sql = u"SELECT _id, %1, %2, %3, %4, %5, %6 FROM calls ORDER BY _id"_s.arg(
        col(c, u"number"_s), col(c, u"date"_s), col(c, u"duration"_s), col(c, u"type"_s),
        col(c, u"presentation"_s), col(c, u"name"_s));
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return queryError(q);
    while (q.next()) {
        EventRecord e = base(EventKind::Call, Channel::Phone,
                             u"table calls rowid %1"_s.arg(q.value(0).toLongLong()));
        e.at = at(q.value(2).toLongLong());
        if (!q.value(3).isNull())
            e.durationS = q.value(3).toLongLong();
        const int type = q.value(4).toInt();
        e.extra.insert(u"type"_s, type);
        e.direction = Android::callTypeDirection(type, e.extra);
        e.rawNumber = q.value(1).toString();
        const bool hasPresentation = !q.value(5).isNull();
        const int presentation = q.value(5).toInt();
        if (hasPresentation)
            e.extra.insert(u"presentation"_s, presentation);
        if (Android::isHiddenCaller(e.rawNumber, hasPresentation ? std::optional(presentation)
                                                                  : std::nullopt))
            e.extra.insert(u"hidden"_s, true);
        e.counterpart = q.value(6).toString();
        if (auto r = add(e); !r)
            return r;
    }
    return {};
}

} // namespace

std::unique_ptr<Importer> makeIosSmsDbImporter()
{
    return std::make_unique<PhoneDbImporter>(Kind::IosSms);
}

std::unique_ptr<Importer> makeIosCallHistoryImporter()
{
    return std::make_unique<PhoneDbImporter>(Kind::IosCallHistory);
}

std::unique_ptr<Importer> makeAndroidSmsDbImporter()
{
    return std::make_unique<PhoneDbImporter>(Kind::AndroidSms);
}

std::unique_ptr<Importer> makeAndroidCallLogDbImporter()
{
    return std::make_unique<PhoneDbImporter>(Kind::AndroidCallLog);
}

} // namespace Dossier::Import
