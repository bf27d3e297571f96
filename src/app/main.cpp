// SPDX-License-Identifier: GPL-3.0-or-later
// dossier: the desktop app's composition root.
#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "common/logging.h"
#include "common/translation.h"
#include "gui/mainwindow.h"

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Dossier"_s);
    QApplication::setApplicationName(u"dossier"_s);
    QApplication::setApplicationDisplayName(u"Dossier 证据夹"_s);
    QApplication::setApplicationVersion(QStringLiteral(DOSSIER_VERSION));
    QApplication::setDesktopFileName(u"org.dossier.Dossier"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/dossier.svg"_s));
    Dossier::Log::init(u"dossier"_s);

    // Ours from the resource; Qt's own (dialog buttons) where the system has them.
    QTranslator translator;
    if (Dossier::loadTranslation(translator))
        QApplication::installTranslator(&translator);
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s,
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    Dossier::MainWindow window;
    window.show();
    // dossier [CASE [FILE...]]: open a case, then import the files given after it.
    const QStringList args = QApplication::arguments();
    if (args.size() > 1 && QFileInfo(args.at(1)).isFile() && window.openCase(args.at(1))
        && args.size() > 2)
        window.importFiles(args.mid(2));
    return QApplication::exec();
}
