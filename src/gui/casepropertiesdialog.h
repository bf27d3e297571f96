// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "casefile/casefile.h"

namespace Dossier {

/// Shows what a case file says about itself, read-only: title, file, time zone, the user's own
/// identities and the Dossier version that created it.
class CasePropertiesDialog final : public QDialog
{
    Q_OBJECT

public:
    CasePropertiesDialog(const CaseInfo &info, const QString &path, QWidget *parent = nullptr);

    /// The text of the menu action that opens this dialog.
    static QString actionText();
};

} // namespace Dossier
