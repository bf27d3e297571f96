// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the case file schema: migrations (data-driven, so tests can build a file at any
// earlier version) and the canonical forms that row digests and audit entries are computed over.

#include <vector>

#include <QByteArray>
#include <QList>
#include <QString>

#include "common/importsink.h"
#include "common/result.h"

namespace Dossier::Sql {
class Database;
}

namespace Dossier::Schema {

/// PRAGMA application_id of every Dossier case file: "DOSS" (0x444F5353 = 1146049363).
constexpr int APPLICATION_ID = 0x444F5353;

/// A table whose rows carry audit_seq and row_digest.
struct TableDef
{
    const char *name;  ///< SQL table name
    const char *label; ///< how verify() names a row, untranslated: "event %1"
    /// Canonical columns in their fixed order (audit_seq first). Blob columns are listed as
    /// "hex(col)" and bound/stored as blobs.
    std::vector<const char *> columns;
};

/// Every audited table, sorted by name (the order of the audit rows digest).
const std::vector<TableDef> &auditedTables();
const TableDef &table(const char *name);

/// json_array(audit_seq, col, ...) over the stored columns: the row's canonical form.
QString canonicalExpression(const TableDef &def);
/// INSERT of the canonical columns as ?1..?n in column order and row_digest as ?(n+1), which the
/// caller computes with appendCanonical() (the same bytes json_array() gives for the stored
/// values). `suffix` is appended (e.g. an ON CONFLICT clause).
/// INSERT of `rows` rows (parameters numbered row by row) followed by `suffix`; with `orIgnore`
/// INSERT OR IGNORE, which skips a row that breaks a constraint instead of aborting.
QString insertSql(const TableDef &def, const char *suffix = "", int rows = 1,
                  bool orIgnore = false);
/// Bit i set: canonical column i is listed as "hex(col)".
quint64 hexColumnMask(const TableDef &def);

/// Appends one element of the canonical form as SQLite's json_array() writes it: null, a decimal
/// integer, or a JSON string (only '"', '\\' and control characters escaped, as SQLite does).
/// A blob column (hex) appends the uppercase hex of the bytes as a string; NULL gives "".
void appendCanonicalNull(QByteArray &out, bool hex);
void appendCanonicalInt(QByteArray &out, qint64 value, bool hex);
void appendCanonicalText(QByteArray &out, const char *utf8, qsizetype size);
void appendCanonicalBlob(QByteArray &out, const char *data, qsizetype size);

/// The same elements written at `out`, which must have room for them (at most
/// canonicalTextRoom(size), 20 digits and a sign, 4 for null, 2 * size + 2 for a blob); each
/// returns the end of what it wrote. For the per-row forms of bulk imports, where QByteArray's
/// checks on every append cost more than the writing.
char *writeCanonicalNull(char *out);
char *writeCanonicalInt(char *out, qint64 value);
char *writeCanonicalText(char *out, const char *utf8, qsizetype size);
char *writeCanonicalBlob(char *out, const char *data, qsizetype size);
constexpr qsizetype canonicalTextRoom(qsizetype size) { return 6 * size + 2; }
constexpr qsizetype CANONICAL_INT_ROOM = 20;
/// UPDATE t SET row_digest = dossier_sha256(canonical) WHERE id = ?1.
QString refreshDigestSql(const TableDef &def);
/// Lines "table|id|row_digest" of every row created by audit entry ?1, ordered by table, id.
/// The audit entry's rows_digest is SHA-256 over these lines, each ending in "\n".
QString auditRowsSql();
/// json_array(seq, utc_ms, app_version, action, details, rows_digest, prev_hash): the audit
/// entry's canonical form; hash = SHA-256 of it.
QString auditCanonicalExpression();

/// One ordered migration step.
struct Migration
{
    int version = 0;          ///< schema_version after this step
    int minReaderVersion = 0; ///< oldest schema a reader must understand to open the result
    QString name;
    QByteArray sql;
};

/// The migrations this build ships (embedded resources :/casefile/migrations/NNNN_*.sql).
const QList<Migration> &builtinMigrations();
int currentVersion();

/// schema_version recorded in meta, 0 for an empty database.
int schemaVersion(Sql::Database &db);

/// Applies every step of `steps` above the file's version up to `targetVersion`, one transaction
/// per step with schema_version updated inside it. When the file already had a schema, a backup
/// is written first with VACUUM INTO next to it: <file>.schema-vN.bak. Throws Sql::Failure.
void migrate(Sql::Database &db, const QList<Migration> &steps, int targetVersion,
             const ProgressFn &progress = {});

/// The backup file name migrate() uses for a file at `fromVersion`.
QString backupPath(const QString &casePath, int fromVersion);

} // namespace Dossier::Schema
