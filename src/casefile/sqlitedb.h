// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: small RAII wrappers over the SQLite C API. Not part of the public casefile API, so
// sqlite3.h never leaks into other libraries.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <QByteArray>
#include <QString>

#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace Dossier::Sql {

/// Thrown inside the casefile library only, to unwind a multi-statement transaction; always
/// caught by the function that began the transaction and turned into a Result.
struct Failure
{
    Error error;
};

[[noreturn]] void fail(ErrorCode code, const QString &message, const QString &detail = {});
[[noreturn]] void fail(const Error &error);

/// A value to bind: null, integer, text or blob.
using Value = std::variant<std::nullptr_t, qint64, QString, QByteArray>;

/// Empty strings become NULL.
inline Value textOrNull(const QString &s)
{
    return s.isEmpty() ? Value(nullptr) : Value(s);
}
inline Value intOrNull(std::optional<qint64> v)
{
    return v ? Value(*v) : Value(nullptr);
}

/// Writes `text` as UTF-8 at `out`, which has room for 3 bytes per UTF-16 unit; returns the end.
char *encodeUtf8(char *out, QStringView text);

class Database;

class Statement final
{
public:
    Statement(Database &db, sqlite3_stmt *stmt);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::nullptr_t);
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, const QString &text);        ///< null QString binds NULL
    /// Binds UTF-8 text kept in the statement until the next clearBindings(), without a copy
    /// inside SQLite.
    Statement &bindUtf8(int index, const QString &text);
    /// Binds `text` as UTF-8, converted into memory the statement keeps until the next
    /// clearBindings() (no allocation once that memory has grown); returns the bytes bound.
    QByteArrayView bindUtf8Text(int index, QStringView text);
    Statement &bindText(int index, const char *utf8, int size); ///< copied
    Statement &bindTextStatic(int index, const char *utf8, int size); ///< must outlive step()
    Statement &bindBlob(int index, const QByteArray &blob); ///< copied
    Statement &bindBlobStatic(int index, const char *data, int size); ///< must outlive step()
    Statement &bindBlobCopy(int index, const char *data, int size); ///< copied
    Statement &bind(int index, const Value &value);
    Statement &bindAll(std::initializer_list<Value> values);

    /// True if a row is available; false when done. Throws Failure on error.
    bool step();
    /// Runs to completion (for statements returning no rows).
    void exec();
    void reset();

    bool isNull(int col) const;
    qint64 int64(int col) const;
    std::optional<qint64> optInt64(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    int columnBytes(int col) const;
    const char *blobData(int col) const;

    sqlite3_stmt *handle() const { return m_stmt; }

    /// Resets and drops bindings (and the UTF-8 kept for them).
    void clearBindings();

private:
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    std::vector<QByteArray> m_utf8;
    /// bindUtf8Text's memory: blocks reused after clearBindings(), filled front to back.
    std::vector<std::unique_ptr<char[]>> m_blocks;
    size_t m_block = 0;     ///< the block being filled
    size_t m_blockUsed = 0; ///< bytes used in it
    std::vector<std::unique_ptr<char[]>> m_large; ///< texts larger than a block
};

/// A cached statement in use: reset and unbound on entry and on exit (releases read locks).
class Query final
{
public:
    explicit Query(Statement &s);
    /// For a statement whose every parameter is bound before it runs (many-row inserts): only
    /// reset. Clearing a thousand bindings on entry and exit cost more than a row's insert.
    enum class EveryParameterBound { Yes };
    Query(Statement &s, EveryParameterBound);
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    Statement *operator->() { return &m_s; }
    Statement &operator*() { return m_s; }

private:
    Statement &m_s;
    bool m_clear = true;
};

class Database final
{
public:
    enum class OpenMode { ReadOnly, ReadWrite, Create };

    /// Opens `path` (no URI); registers dossier_sha256(). Errors name the file.
    static Result<std::unique_ptr<Database>> open(const QString &path, OpenMode mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    void exec(const char *sql);
    void exec(const QString &sql);
    std::unique_ptr<Statement> prepare(const QString &sql);
    std::unique_ptr<Statement> prepare(const char *sql);
    /// A statement prepared once and kept for the life of the connection.
    Statement &cached(const char *sql);
    /// Single integer/text result of a query (or std::nullopt when no row).
    std::optional<qint64> scalarInt(const char *sql);
    QString scalarText(const char *sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    /// Turns the connection's last error into an Error whose message mentions the case file.
    Error lastError(int rc, const QString &context = {}) const;
    [[noreturn]] void throwLast(int rc, const QString &context = {}) const;

private:
    Database(sqlite3 *db, QString path);
    sqlite3 *m_db = nullptr;
    QString m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();
    void rollback();
    bool active() const { return m_active; }

private:
    Database &m_db;
    bool m_active = false;
};

/// A named SAVEPOINT, rolled back (to and released) in the destructor unless released.
class Savepoint final
{
public:
    Savepoint(Database &db, const char *name);
    ~Savepoint();
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;
    void release();
    void rollback();

private:
    Database &m_db;
    std::string m_name;
    bool m_active = false;
};

/// 64 lowercase hex digits of SHA-256 over `data`.
QString sha256Hex(const QByteArray &data);

/// SHA-256 for many small inputs: the algorithm is fetched from OpenSSL once, not per hash
/// (OpenSSL 3 looks it up again on every EVP_DigestInit_ex with EVP_sha256()), and each hash
/// starts from a copy of a context initialised once (another EVP_DigestInit_ex per hash cost
/// more than hashing 36 bytes: 178 ns against 102 ns for init, hash and finish).
class Hasher final
{
public:
    Hasher();
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;
    void add(const void *data, size_t size);
    void add(const QByteArray &data) { add(data.constData(), size_t(data.size())); }
    /// Adds the UTF-16 code units of `s` as they are in memory (internal keys only).
    void addUtf16(QStringView s) { add(s.utf16(), size_t(s.size()) * 2); }
    /// Finishes into 32 bytes and starts over.
    void finish(unsigned char out[32]);
    QByteArray result();
    /// Finishes into 64 lowercase hex characters and starts over.
    void finishHex(char out[64]);

private:
    void *m_ctx;
    void *m_fresh; ///< initialised, never used: copied into m_ctx to start over
};

} // namespace Dossier::Sql
