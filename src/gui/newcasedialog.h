// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

#include "casefile/casefile.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Dossier {

/// Asks what a new case needs: its title, where to save it, its time zone and the user's own
/// phone numbers and chat names (importers use them to tell sent from received messages).
class NewCaseDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewCaseDialog(QWidget *parent = nullptr);

    /// The file to create: absolute, ending in ".dossier"; empty while nothing is entered.
    QString path() const;
    NewCaseOptions options() const;
    /// Why the case cannot be created as entered, or an empty string when it can.
    QString problem() const;

    /// One field's values: split at commas, Chinese commas, semicolons and line breaks,
    /// trimmed, without empty values and repeats.
    static QStringList splitValues(const QString &text);
    /// What the path field turns `text` into: relative to `base`, ".dossier" appended.
    static QString normalizedPath(const QString &text, const QString &base);

    void accept() override;

private:
    void browse();
    void titleEdited();
    void validate();

    QString m_documents;
    bool m_pathFollowsTitle = true; // until the user edits the path or browses
    QLineEdit *m_title = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_numbers = nullptr;
    QLineEdit *m_qq = nullptr;
    QLineEdit *m_wechat = nullptr;
    QLineEdit *m_names = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Dossier
