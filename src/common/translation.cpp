// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/translation.h"

#include <algorithm>

#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Dossier {

bool loadTranslation(QTranslator &translator)
{
    if (translator.load(QLocale(), u"dossier"_s, u"_"_s, u":/i18n"_s))
        return true;
    const QStringList languages = QLocale().uiLanguages();
    const bool chinese = std::any_of(languages.begin(), languages.end(), [](const QString &l) {
        return l.startsWith(u"zh"_s, Qt::CaseInsensitive);
    });
    return chinese && translator.load(u"dossier_zh_CN"_s, u":/i18n"_s);
}

} // namespace Dossier
