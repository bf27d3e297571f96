// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the case file tests: fresh cases in temporary folders and raw SQL access
// for tampering with a file behind Dossier's back.

#include <sqlite3.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include "casefile/casefile.h"

#define DOSSIER_VERIFY_RESULT(expr)                                                                \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        if (!result_)                                                                              \
            QFAIL(qPrintable(result_.error().toString()));                                         \
    } while (false)

namespace Dossier::Test {

/// Runs SQL on a case file directly (no Dossier code involved); returns the error text or "".
inline QString rawExec(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK) {
        const QString e = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return e;
    }
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &err);
    QString e;
    if (rc != SQLITE_OK)
        e = QString::fromUtf8(err ? err : "error");
    sqlite3_free(err);
    sqlite3_close(db);
    return e;
}

/// A verify report's problems as "item: reason" lines, for comparing and for failure messages.
inline QStringList problemLines(const VerifyReport &report)
{
    QStringList lines;
    for (const VerifyProblem &p : report.problems)
        lines << p.item + u": " + p.reason;
    return lines;
}

/// First column of the first row of a query, as text (raw access).
inline QString rawQuery(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    QString out;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// SourceTime for a wall-clock time in China (UTC+8).
inline SourceTime cst(int y, int mo, int d, int h, int mi, int s = 0)
{
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s), QTimeZone(8 * 3600));
    return SourceTime{dt.toMSecsSinceEpoch(), 8 * 3600};
}

} // namespace Dossier::Test
