// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QTranslator;

namespace Dossier {

/// Loads Dossier's translation for the user's locale from :/i18n/ (the executable embeds the .qm
/// files). Any zh* locale gets the Chinese translation: zh_TW and zh_HK read simplified Chinese
/// better than English. Returns false when the user's language has no translation.
bool loadTranslation(QTranslator &translator);

} // namespace Dossier
