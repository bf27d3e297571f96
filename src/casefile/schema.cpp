// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile/schema.h"

#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <sqlite3.h>

#include "casefile/sqlitedb.h"

using namespace Qt::StringLiterals;

namespace Dossier::Schema {

const std::vector<TableDef> &auditedTables()
{
    // Sorted by name. Never reorder or rename columns here without a migration: the canonical
    // forms of existing rows depend on them (docs/case-file-format.md lists them too).
    static const std::vector<TableDef> tables{
        {"contact_numbers",
         QT_TRANSLATE_NOOP("Dossier", "contact number %1"),
         {"audit_seq", "contact_id", "number_id", "raw"}},
        {"contacts",
         QT_TRANSLATE_NOOP("Dossier", "contact %1"),
         {"audit_seq", "name", "relation", "organization", "emails", "evidence_id", "locator"}},
        {"event_attachments",
         QT_TRANSLATE_NOOP("Dossier", "event attachment %1"),
         {"audit_seq", "event_id", "evidence_id", "role"}},
        {"event_contacts",
         QT_TRANSLATE_NOOP("Dossier", "event contact %1"),
         {"audit_seq", "event_id", "contact_id"}},
        {"event_numbers",
         QT_TRANSLATE_NOOP("Dossier", "event number %1"),
         {"audit_seq", "event_id", "number_id", "raw"}},
        {"events",
         QT_TRANSLATE_NOOP("Dossier", "event %1"),
         {"audit_seq", "utc_ms", "offset_s", "kind", "channel", "direction", "number_id",
          "raw_number", "counterpart", "conversation", "text", "duration_s", "evidence_id",
          "locator", "incident_type", "platform_id", "hex(dedupe_key)", "extra"}},
        {"evidence",
         QT_TRANSLATE_NOOP("Dossier", "evidence %1"),
         {"audit_seq", "sha256", "size", "original_name", "media_type", "method", "note",
          "acquired_utc_ms", "file_mtime_ms", "file_birth_ms", "metadata", "hex(thumbnail)",
          "chunk_size", "chunk_count"}},
        {"item_tags",
         QT_TRANSLATE_NOOP("Dossier", "tag link %1"),
         {"audit_seq", "tag_id", "target_table", "target_id"}},
        {"notes",
         QT_TRANSLATE_NOOP("Dossier", "note %1"),
         {"audit_seq", "target_table", "target_id", "text", "created_utc_ms"}},
        {"number_raw_forms",
         QT_TRANSLATE_NOOP("Dossier", "raw number form %1"),
         {"audit_seq", "number_id", "raw"}},
        {"numbers",
         QT_TRANSLATE_NOOP("Dossier", "number %1"),
         {"audit_seq", "key", "e164", "raw", "region", "type", "location_zh", "location_en",
          "carrier", "label", "platform_id"}},
        {"pending_recordings",
         QT_TRANSLATE_NOOP("Dossier", "pending recording %1"),
         {"audit_seq", "evidence_id", "number_id", "utc_ms"}},
        {"platforms", QT_TRANSLATE_NOOP("Dossier", "platform %1"), {"audit_seq", "name", "kind"}},
        {"tags", QT_TRANSLATE_NOOP("Dossier", "tag %1"), {"audit_seq", "name"}},
    };
    return tables;
}

const TableDef &table(const char *name)
{
    for (const TableDef &t : auditedTables()) {
        if (std::strcmp(t.name, name) == 0)
            return t;
    }
    Sql::fail(ErrorCode::Internal, u"unknown table"_s, QString::fromLatin1(name));
}

namespace {

// "hex(thumbnail)" -> "thumbnail"
QString bareColumn(const char *column)
{
    QString c = QString::fromLatin1(column);
    if (c.startsWith(u"hex("))
        return c.mid(4, c.size() - 5);
    return c;
}

} // namespace

QString canonicalExpression(const TableDef &def)
{
    QStringList cols;
    for (const char *c : def.columns)
        cols << QString::fromLatin1(c);
    return u"json_array(" + cols.join(u", ") + u')';
}

QString insertSql(const TableDef &def, const char *suffix, int rows, bool orIgnore)
{
    QStringList names;
    for (const char *c : def.columns)
        names << bareColumn(c);
    QStringList tuples;
    int i = 1;
    for (int row = 0; row < rows; ++row) {
        QStringList params;
        for (size_t c = 0; c <= def.columns.size(); ++c) // + row_digest
            params << u'?' + QString::number(i++);
        tuples << u'(' + params.join(u", ") + u')';
    }
    return (orIgnore ? u"INSERT OR IGNORE INTO "_s : u"INSERT INTO "_s)
           + QString::fromLatin1(def.name) + u" (" + names.join(u", ")
           + u", row_digest) VALUES " + tuples.join(u", ") + u' ' + QString::fromLatin1(suffix);
}

quint64 hexColumnMask(const TableDef &def)
{
    quint64 mask = 0;
    for (size_t i = 0; i < def.columns.size(); ++i) {
        if (std::strncmp(def.columns[i], "hex(", 4) == 0)
            mask |= quint64(1) << i;
    }
    return mask;
}

char *writeCanonicalNull(char *out)
{
    std::memcpy(out, "null", 4);
    return out + 4;
}

char *writeCanonicalInt(char *out, qint64 value)
{
    char buf[CANONICAL_INT_ROOM];
    char *const end = buf + sizeof buf;
    char *p = end;
    quint64 v = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    do {
        *--p = char('0' + v % 10);
        v /= 10;
    } while (v);
    if (value < 0)
        *--p = '-';
    std::memcpy(out, p, size_t(end - p));
    return out + (end - p);
}

char *writeCanonicalText(char *out, const char *utf8, qsizetype size)
{
    // SQLite's jsonAppendString(): '"' and '\\' get a backslash, \b \t \n \f \r their short
    // escapes, other bytes below 0x20 \u00xx (lowercase); everything else is copied.
    static const char special[32] = {
        0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0,   0,   0,   0, 0,   0,   0, 0,
    };
    *out++ = '"';
    qsizetype run = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c != '"' && c != '\\' && c > 0x1f)
            continue;
        std::memcpy(out, utf8 + run, size_t(i - run));
        out += i - run;
        run = i + 1;
        *out++ = '\\';
        if (c == '"' || c == '\\') {
            *out++ = char(c);
        } else if (special[c]) {
            *out++ = special[c];
        } else {
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = char('0' + (c >> 4));
            *out++ = "0123456789abcdef"[c & 0xf];
        }
    }
    if (size > run) { // (an empty text may come as a null pointer)
        std::memcpy(out, utf8 + run, size_t(size - run));
        out += size - run;
    }
    *out++ = '"';
    return out;
}

char *writeCanonicalBlob(char *out, const char *data, qsizetype size)
{
    static const char digits[] = "0123456789ABCDEF";
    *out++ = '"';
    for (qsizetype i = 0; i < size; ++i) {
        const auto b = static_cast<unsigned char>(data[i]);
        *out++ = digits[b >> 4];
        *out++ = digits[b & 0xf];
    }
    *out++ = '"';
    return out;
}

namespace {

// Appends what `write` puts into at most `room` bytes.
template<typename Write>
void appendWritten(QByteArray &out, qsizetype room, Write write)
{
    const qsizetype at = out.size();
    out.resize(at + room);
    char *const begin = out.data() + at;
    out.truncate(at + (write(begin) - begin));
}

} // namespace

void appendCanonicalNull(QByteArray &out, bool hex)
{
    // hex(NULL) is the empty string, not NULL.
    out += hex ? QByteArrayView("\"\"") : QByteArrayView("null");
}

void appendCanonicalInt(QByteArray &out, qint64 value, bool hex)
{
    if (hex) { // hex() of an integer is the hex of its decimal text
        const QByteArray text = QByteArray::number(value);
        appendCanonicalBlob(out, text.constData(), text.size());
        return;
    }
    appendWritten(out, CANONICAL_INT_ROOM, [&](char *p) { return writeCanonicalInt(p, value); });
}

void appendCanonicalText(QByteArray &out, const char *utf8, qsizetype size)
{
    appendWritten(out, canonicalTextRoom(size),
                  [&](char *p) { return writeCanonicalText(p, utf8, size); });
}

void appendCanonicalBlob(QByteArray &out, const char *data, qsizetype size)
{
    appendWritten(out, 2 * size + 2, [&](char *p) { return writeCanonicalBlob(p, data, size); });
}

QString refreshDigestSql(const TableDef &def)
{
    return u"UPDATE "_s + QString::fromLatin1(def.name) + u" SET row_digest = dossier_sha256("
           + canonicalExpression(def) + u") WHERE id = ?1";
}

QString auditRowsSql()
{
    QStringList parts;
    for (const TableDef &t : auditedTables()) {
        const QString name = QString::fromLatin1(t.name);
        parts << u"SELECT '" + name + u"', id, row_digest FROM " + name
                     + u" WHERE audit_seq = ?1";
    }
    return parts.join(u" UNION ALL ") + u" ORDER BY 1, 2";
}

QString auditCanonicalExpression()
{
    return u"json_array(seq, utc_ms, app_version, action, details, rows_digest, prev_hash)"_s;
}

const QList<Migration> &builtinMigrations()
{
    static const QList<Migration> steps = [] {
        QList<Migration> list;
        const QDir dir(u":/casefile/migrations"_s);
        static const QRegularExpression re(uR"(^(\d{4})_.*\.sql$)"_s);
        for (const QString &name : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name)) {
            const auto m = re.match(name);
            if (!m.hasMatch())
                continue;
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            Migration step;
            step.version = m.captured(1).toInt();
            step.name = name;
            step.sql = f.readAll();
            // A step may raise the reader floor with a "-- min_reader_version: N" line; steps
            // that only add things leave older readers able to open the file.
            static const QRegularExpression minRe(uR"(--\s*min_reader_version:\s*(\d+))"_s);
            const auto mm = minRe.match(QString::fromUtf8(step.sql));
            step.minReaderVersion = mm.hasMatch() ? mm.captured(1).toInt() : 1;
            list << step;
        }
        return list;
    }();
    return steps;
}

int currentVersion()
{
    const auto &steps = builtinMigrations();
    return steps.isEmpty() ? 0 : steps.last().version;
}

int schemaVersion(Sql::Database &db)
{
    if (!db.scalarInt("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'"))
        return 0;
    return int(db.scalarInt("SELECT CAST(value AS INTEGER) FROM meta "
                            "WHERE key = 'schema_version'")
                   .value_or(0));
}

QString backupPath(const QString &casePath, int fromVersion)
{
    return casePath + u".schema-v" + QString::number(fromVersion) + u".bak";
}

void migrate(Sql::Database &db, const QList<Migration> &steps, int targetVersion,
             const ProgressFn &progress)
{
    const int from = schemaVersion(db);
    QList<Migration> pending;
    for (const Migration &m : steps) {
        if (m.version > from && m.version <= targetVersion)
            pending << m;
    }
    if (pending.isEmpty())
        return;
    if (from > 0) {
        // Never overwrite an earlier backup: it may be the only copy of that version.
        QString backup = backupPath(db.path(), from);
        for (int n = 2; QFileInfo::exists(backup); ++n)
            backup = backupPath(db.path(), from) + u'.' + QString::number(n);
        // With the case's 64 MiB page cache, VACUUM INTO of a million-event case took
        // 330 MB of memory (and longer); SQLite's default cache keeps it to a few MB.
        const auto cacheSize = db.scalarInt("PRAGMA cache_size").value_or(-2000);
        db.exec("PRAGMA cache_size = -2000");
        auto s = db.prepare("VACUUM INTO ?1");
        s->bind(1, backup);
        s->exec();
        s.reset();
        db.exec(("PRAGMA cache_size = " + std::to_string(cacheSize)).c_str());
    }
    // A step may rebuild a table that others reference (create, copy, drop, rename): SQLite's
    // way needs foreign keys off meanwhile, and a check before each commit instead.
    const bool foreignKeys = db.scalarInt("PRAGMA foreign_keys").value_or(0) != 0;
    db.exec("PRAGMA foreign_keys = OFF");
    struct RestoreForeignKeys
    {
        Sql::Database &db;
        bool on;
        ~RestoreForeignKeys()
        {
            if (on)
                sqlite3_exec(db.handle(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
        }
    } restore{db, foreignKeys};
    int done = 0;
    for (const Migration &m : pending) {
        Sql::Transaction tx(db);
        db.exec(QString::fromUtf8(m.sql));
        if (auto broken = db.scalarText("SELECT \"table\" || ' row ' || rowid || ' -> ' || parent "
                                        "FROM pragma_foreign_key_check LIMIT 1");
            !broken.isEmpty())
            Sql::fail(ErrorCode::Corrupt,
                      QCoreApplication::translate("Dossier", "Upgrading %1 to version %2 left a "
                                                             "broken reference; nothing was changed.")
                          .arg(db.path())
                          .arg(m.version),
                      broken);
        auto s = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES "
                            "('schema_version', ?1), ('min_reader_version', ?2)");
        s->bind(1, QString::number(m.version)).bind(2, QString::number(m.minReaderVersion));
        s->exec();
        s.reset();
        tx.commit();
        if (progress && !progress(++done, pending.size()))
            Sql::fail(ErrorCode::Cancelled,
                      QCoreApplication::translate("Dossier", "Upgrading %1 was cancelled after "
                                                             "version %2; the file is consistent.")
                          .arg(db.path())
                          .arg(m.version));
    }
}

} // namespace Dossier::Schema
