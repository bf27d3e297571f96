// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include "casefile/casefile.h"
#include "common/result.h"

namespace Dossier::Cli {

/// Translation context for every user-facing CLI string ("Cli" in the .ts file).
struct DossierCli
{
    Q_DECLARE_TR_FUNCTIONS(DossierCli)
};

/// DESIGN.md's exit codes.
enum Exit : int {
    ExitOk = 0,
    ExitPartial = 1,  ///< some inputs rejected, each named on stderr
    ExitUsage = 2,    ///< usage error or unreadable case
    ExitMismatch = 3, ///< verify found a mismatch
};

/// UTF-8 to stdout / stderr (a line each; no newline is added when `newline` is false).
void out(const QString &text, bool newline = true);
void err(const QString &text, bool newline = true);
/// Writes a JSON array or object to stdout, indented.
void outJson(const QJsonArray &array);
void outJson(const QJsonObject &object);
/// True when stderr is a terminal (progress is shown only then).
bool stderrIsTerminal();

/// ISO 8601 with offset in the case zone, or JSON null.
QJsonValue isoOrNull(const std::optional<qint64> &utcMs, const QTimeZone &zone);

/// The CLI contract's JSON objects (fixed field names, plus a few extras).
QJsonObject eventToJson(const EventRow &row, const QTimeZone &zone);
QJsonObject numberToJson(const NumberRow &row, const QTimeZone &zone);
QJsonObject statsToJson(const CaseStats &stats, const QTimeZone &zone);

/// "dossier-cli CMD: message" on stderr, and the exit code the error class maps to.
int fail(const QString &command, const Error &error);
/// A usage error on stderr with a hint to --help; returns ExitUsage.
int usageError(const QString &command, const QString &message);

} // namespace Dossier::Cli
