// SPDX-License-Identifier: GPL-3.0-or-later
// dossier-cli: the scriptable interface. See docs/cli.md for the contract.
#include <spdlog/spdlog.h>

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/logging.h"
#include "common/translation.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Cli;

namespace {

QString overview()
{
    QString text = DossierCli::tr("Usage: dossier-cli COMMAND CASE [options]") + u"\n\n"_s
                   + DossierCli::tr("Dossier (证据夹) keeps evidence of debt-collection harassment in one "
                              "case file, offline.")
                   + u"\n\n"_s + DossierCli::tr("Commands:") + u'\n';
    for (const Command &command : commands())
        text += u"  "_s + command.name.leftJustified(9) + command.summary + u'\n';
    text += u'\n' + DossierCli::tr("Run 'dossier-cli COMMAND --help' for the options of a command.")
            + u'\n'
            + DossierCli::tr("Exit codes: 0 success; 1 partly done (some inputs rejected); 2 usage error "
                       "or unreadable case; 3 verify found a mismatch.")
            + u'\n';
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Dossier"_s);
    QCoreApplication::setApplicationName(u"dossier-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DOSSIER_VERSION));
    Log::init(u"dossier-cli"_s);

    QTranslator translator;
    if (loadTranslation(translator))
        QCoreApplication::installTranslator(&translator);

    const QStringList args = QCoreApplication::arguments();
    const QString name = args.value(1);
    if (name.isEmpty()) {
        err(overview(), false);
        return ExitUsage;
    }
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        if (args.size() > 2) { // help COMMAND
            for (const Command &command : commands()) {
                if (command.name == args.at(2) && command.available)
                    return command.run({args.at(0), command.name, u"--help"_s});
            }
        }
        out(overview(), false);
        return ExitOk;
    }
    if (name == u"--version"_s || name == u"-v"_s) {
        out(u"dossier-cli "_s + QCoreApplication::applicationVersion());
        return ExitOk;
    }
    for (const Command &command : commands()) {
        if (command.name != name)
            continue;
        Log::logger()->info("dossier-cli {} started", name.toStdString());
        const int code = command.run(args);
        Log::logger()->info("dossier-cli {} finished with exit code {}", name.toStdString(), code);
        return code;
    }
    return usageError(name, DossierCli::tr("unknown command; run 'dossier-cli --help' for the list"));
}
