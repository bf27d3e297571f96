// SPDX-License-Identifier: GPL-3.0-or-later
#include "casefile/sqlitedb.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QFile>
#include <QStringEncoder>

#include "common/sha256.h"

using namespace Qt::StringLiterals;

namespace Dossier::Sql {

void fail(ErrorCode code, const QString &message, const QString &detail)
{
    throw Failure{makeError(code, message, detail)};
}

void fail(const Error &error)
{
    throw Failure{error};
}

QString sha256Hex(const QByteArray &data)
{
    return Sha256::hex(data);
}

namespace {

const EVP_MD *sha256Md()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

// dossier_sha256(x): lowercase hex SHA-256 of the UTF-8 text (or blob bytes) of x, NULL for NULL.
// The same digest sha256sum prints for the text the sqlite3 shell prints.
void sqlSha256(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const void *data = nullptr;
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB)
        data = sqlite3_value_blob(argv[0]);
    else
        data = sqlite3_value_text(argv[0]);
    const int size = sqlite3_value_bytes(argv[0]);
    thread_local Hasher hasher;
    hasher.add(data, size_t(size));
    char hex[64];
    hasher.finishHex(hex);
    sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

ErrorCode codeFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return ErrorCode::Io;
    case SQLITE_CORRUPT:
        return ErrorCode::Corrupt;
    case SQLITE_NOTADB:
        return ErrorCode::NotACaseFile;
    default:
        return ErrorCode::Database;
    }
}

} // namespace

Hasher::Hasher() : m_ctx(EVP_MD_CTX_new()), m_fresh(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(m_fresh), sha256Md(), nullptr);
    EVP_MD_CTX_copy_ex(static_cast<EVP_MD_CTX *>(m_ctx), static_cast<EVP_MD_CTX *>(m_fresh));
}

Hasher::~Hasher()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_fresh));
}

void Hasher::add(const void *data, size_t size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), data, size);
}

void Hasher::finish(unsigned char out[32])
{
    unsigned int len = 0;
    auto *ctx = static_cast<EVP_MD_CTX *>(m_ctx);
    EVP_DigestFinal_ex(ctx, out, &len);
    EVP_MD_CTX_copy_ex(ctx, static_cast<EVP_MD_CTX *>(m_fresh));
}

QByteArray Hasher::result()
{
    QByteArray out(32, Qt::Uninitialized);
    finish(reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

void Hasher::finishHex(char out[64])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char raw[32];
    finish(raw);
    for (int i = 0; i < 32; ++i) {
        out[2 * i] = digits[raw[i] >> 4];
        out[2 * i + 1] = digits[raw[i] & 0xf];
    }
}

Statement::Statement(Database &db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::nullptr_t)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &text)
{
    if (text.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text16(m_stmt, index, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindUtf8(int index, const QString &text)
{
    if (text.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return *this;
    }
    m_utf8.push_back(text.toUtf8());
    const QByteArray &utf8 = m_utf8.back();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    return *this;
}

char *encodeUtf8(char *out, QStringView text)
{
    // Most bound text (numbers, kinds, locators) is ASCII: copied without the encoder.
    const char16_t *in = text.utf16();
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size && in[i] < 0x80) {
        out[i] = char(in[i]);
        ++i;
    }
    char *end = out + i;
    if (i < size) {
        QStringEncoder utf8(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
        end = utf8.appendToBuffer(end, text.sliced(i));
    }
    return end;
}

QByteArrayView Statement::bindUtf8Text(int index, QStringView text)
{
    static constexpr size_t BLOCK = 64 * 1024;
    const size_t need = size_t(text.size()) * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    char *out = nullptr;
    if (need > BLOCK) {
        m_large.push_back(std::make_unique<char[]>(need));
        out = m_large.back().get();
    } else {
        if (m_blocks.empty() || m_blockUsed + need > BLOCK) {
            if (!m_blocks.empty())
                ++m_block;
            if (m_block == m_blocks.size())
                m_blocks.push_back(std::make_unique<char[]>(BLOCK));
            m_blockUsed = 0;
        }
        out = m_blocks[m_block].get() + m_blockUsed;
    }
    char *end = encodeUtf8(out, text);
    const auto bytes = size_t(end - out);
    if (need <= BLOCK)
        m_blockUsed += bytes;
    sqlite3_bind_text(m_stmt, index, out, int(bytes), SQLITE_STATIC);
    return QByteArrayView(out, qsizetype(bytes));
}

Statement &Statement::bindText(int index, const char *utf8, int size)
{
    sqlite3_bind_text(m_stmt, index, utf8, size, SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindTextStatic(int index, const char *utf8, int size)
{
    sqlite3_bind_text(m_stmt, index, utf8, size, SQLITE_STATIC);
    return *this;
}

void Statement::clearBindings()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_utf8.clear();
    m_block = 0;
    m_blockUsed = 0;
    m_large.clear();
}

Statement &Statement::bindBlob(int index, const QByteArray &blob)
{
    if (blob.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlobCopy(int index, const char *data, int size)
{
    sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlobStatic(int index, const char *data, int size)
{
    sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_STATIC);
    return *this;
}

Statement &Statement::bind(int index, const Value &value)
{
    switch (value.index()) {
    case 0:
        return bind(index, nullptr);
    case 1:
        return bind(index, std::get<1>(value));
    case 2:
        return bindUtf8(index, std::get<2>(value));
    default:
        return bindBlob(index, std::get<3>(value));
    }
}

Statement &Statement::bindAll(std::initializer_list<Value> values)
{
    int i = 1;
    for (const Value &v : values)
        bind(i++, v);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString sql = QString::fromUtf8(sqlite3_sql(m_stmt)).left(80);
    sqlite3_reset(m_stmt);
    m_db.throwLast(rc, sql);
}

void Statement::exec()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

qint64 Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

std::optional<qint64> Statement::optInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return sqlite3_column_int64(m_stmt, col);
}

QString Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

QByteArray Statement::blob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    if (!p)
        return {};
    return QByteArray(p, sqlite3_column_bytes(m_stmt, col));
}

int Statement::columnBytes(int col) const
{
    return sqlite3_column_bytes(m_stmt, col);
}

const char *Statement::blobData(int col) const
{
    return static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
}

Query::Query(Statement &s) : m_s(s)
{
    s.clearBindings();
}

Query::Query(Statement &s, EveryParameterBound) : m_s(s), m_clear(false)
{
    s.reset();
}

Query::~Query()
{
    if (m_clear)
        m_s.clearBindings();
    else
        m_s.reset();
}

Database::Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, OpenMode mode)
{
    // Memory statistics make every SQLite allocation take a process-wide mutex; Dossier never
    // reads them. Only possible before SQLite initialises (else a harmless SQLITE_MISUSE).
    static const int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(memstatus);
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3 *db = nullptr;
    const QByteArray native = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(native.constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db))
                                  : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return makeError(codeFor(rc),
                         QCoreApplication::translate("Dossier", "Cannot open the case file %1.")
                             .arg(path),
                         detail);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_create_function_v2(db, "dossier_sha256", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                               &sqlSha256, nullptr, nullptr, nullptr);
    return std::unique_ptr<Database>(new Database(db, path));
}

void Database::exec(const char *sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        sqlite3_free(err);
        throwLast(rc, QString::fromUtf8(sql).left(80));
    }
}

void Database::exec(const QString &sql)
{
    exec(sql.toUtf8().constData());
}

std::unique_ptr<Statement> Database::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        throwLast(rc, QString::fromUtf8(sql).left(80));
    return std::make_unique<Statement>(*this, stmt);
}

std::unique_ptr<Statement> Database::prepare(const QString &sql)
{
    return prepare(sql.toUtf8().constData());
}

Statement &Database::cached(const char *sql)
{
    auto it = m_cache.find(sql);
    if (it != m_cache.end())
        return *it->second;
    auto stmt = prepare(sql);
    Statement &ref = *stmt;
    m_cache.emplace(sql, std::move(stmt));
    return ref;
}

std::optional<qint64> Database::scalarInt(const char *sql)
{
    auto s = prepare(sql);
    if (!s->step() || s->isNull(0))
        return std::nullopt;
    return s->int64(0);
}

QString Database::scalarText(const char *sql)
{
    auto s = prepare(sql);
    if (!s->step())
        return {};
    return s->text(0);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Error Database::lastError(int rc, const QString &context) const
{
    const QString sqliteMessage = QString::fromUtf8(sqlite3_errmsg(m_db));
    QString detail = sqliteMessage + u" [" + QString::number(rc) + u']';
    if (!context.isEmpty())
        detail += u" in: " + context;
    QString message;
    switch (rc & 0xff) {
    case SQLITE_FULL:
        message = QCoreApplication::translate(
                      "Dossier", "The disk is full (or the case file reached its size limit) "
                                 "while writing %1.")
                      .arg(m_path);
        break;
    case SQLITE_CORRUPT:
        message = QCoreApplication::translate("Dossier", "The case file %1 is damaged.")
                      .arg(m_path);
        break;
    case SQLITE_NOTADB:
        message = QCoreApplication::translate("Dossier", "%1 is not a Dossier case file.")
                      .arg(m_path);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        message = QCoreApplication::translate(
                      "Dossier", "The case file %1 is in use by another program.")
                      .arg(m_path);
        break;
    case SQLITE_READONLY:
        message = QCoreApplication::translate("Dossier", "The case file %1 cannot be written.")
                      .arg(m_path);
        break;
    default:
        message = QCoreApplication::translate("Dossier", "A database error occurred in %1.")
                      .arg(m_path);
        break;
    }
    return makeError(codeFor(rc), message, detail);
}

void Database::throwLast(int rc, const QString &context) const
{
    throw Failure{lastError(rc, context)};
}

Transaction::Transaction(Database &db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
    // Foreign keys are checked at COMMIT: statements then need no per-statement undo journal,
    // which costs more than the insert itself on large imports.
    m_db.exec("PRAGMA defer_foreign_keys = ON");
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_active = false;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Savepoint::Savepoint(Database &db, const char *name) : m_db(db), m_name(name)
{
    m_db.exec(("SAVEPOINT " + m_name).c_str());
    m_active = true;
}

Savepoint::~Savepoint()
{
    rollback();
}

void Savepoint::release()
{
    m_db.exec(("RELEASE " + m_name).c_str());
    m_active = false;
}

void Savepoint::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    const std::string sql = "ROLLBACK TO " + m_name + "; RELEASE " + m_name;
    sqlite3_exec(m_db.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

} // namespace Dossier::Sql
