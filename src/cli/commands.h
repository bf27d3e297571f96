// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Dossier::Cli {

/// One subcommand. `args` is the whole command line: program, command name, then its arguments.
struct Command
{
    QString name;
    QString summary;  ///< translated one-liner for the overview
    bool available = true; ///< false: listed, but refuses with "not available yet" (exit 2)
    int (*run)(const QStringList &args) = nullptr;
};

/// Every command, in the order --help lists them.
QList<Command> commands();

int runNew(const QStringList &args);
int runAdd(const QStringList &args);
int runImport(const QStringList &args);
int runLog(const QStringList &args);
int runEvents(const QStringList &args);
int runNumbers(const QStringList &args);
int runStats(const QStringList &args);
int runVerify(const QStringList &args);
/// flags, report, export: not in this version yet.
int runNotYet(const QStringList &args);

} // namespace Dossier::Cli
