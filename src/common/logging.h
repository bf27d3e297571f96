// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QString>

namespace spdlog {
class logger;
}

namespace Dossier::Log {

/// Sets up a rotating log file in the user's data directory (QStandardPaths::AppLocalDataLocation)
/// and routes Qt messages there. Safe to call more than once. Never log message text, names or
/// full phone numbers: use maskNumber() and counts.
void init(const QString &programName);
/// The path of the current log file, empty before init().
QString filePath();
/// The project logger (a null sink until init() is called).
std::shared_ptr<spdlog::logger> logger();

/// 13800138000 -> 138****8000; short inputs keep only their first character.
QString maskNumber(const QString &number);
/// 张三 -> 张*; keeps the first character of a name.
QString maskName(const QString &name);

} // namespace Dossier::Log
