// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/casepropertiesdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dossier {
namespace {

QLabel *valueLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    // Selectable so that a number or the path can be copied; Tab reaches it.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::StrongFocus);
    return label;
}

} // namespace

QString CasePropertiesDialog::actionText()
{
    return tr("Case &properties…");
}

CasePropertiesDialog::CasePropertiesDialog(const CaseInfo &info, const QString &path,
                                           QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"CasePropertiesDialog"_s);
    setWindowTitle(tr("Case properties"));

    const auto list = [](const QStringList &values) {
        return values.isEmpty() ? tr("(none)") : values.join(tr(", ", "between several values"));
    };
    const QString zone = info.zone.isValid()
        ? tr("%1 (%2)").arg(QString::fromLatin1(info.zone.id()),
                            info.zone.displayName(QDateTime::currentDateTimeUtc(),
                                                  QTimeZone::OffsetName))
        : tr("(unknown)");

    auto *caseForm = new QFormLayout;
    caseForm->addRow(tr("Title:"), valueLabel(u"titleValue"_s, info.title, this));
    caseForm->addRow(tr("File:"),
                     valueLabel(u"pathValue"_s, QDir::toNativeSeparators(path), this));
    caseForm->addRow(tr("Time zone:"), valueLabel(u"zoneValue"_s, zone, this));
    caseForm->addRow(tr("Created with Dossier:"),
                     valueLabel(u"versionValue"_s,
                                info.createdAppVersion.isEmpty() ? tr("(unknown)")
                                                                 : info.createdAppVersion,
                                this));

    auto *about = new QGroupBox(tr("About you"), this);
    auto *aboutForm = new QFormLayout;
    aboutForm->addRow(tr("Your phone numbers:"),
                      valueLabel(u"numbersValue"_s, list(info.own.numbers), about));
    aboutForm->addRow(tr("Your QQ numbers:"),
                      valueLabel(u"qqValue"_s, list(info.own.qqNumbers), about));
    aboutForm->addRow(tr("Your WeChat names:"),
                      valueLabel(u"wechatValue"_s, list(info.own.wechatNames), about));
    aboutForm->addRow(tr("Other names you use in chats:"),
                      valueLabel(u"namesValue"_s, list(info.own.names), about));
    const bool none = info.own.numbers.isEmpty() && info.own.qqNumbers.isEmpty()
        && info.own.wechatNames.isEmpty() && info.own.names.isEmpty();
    auto *note = new QLabel(
        tr("These were set when the case was created and cannot be changed. They apply to future "
           "imports: messages from these numbers and names are marked as sent by you. Messages "
           "already in the case are not changed."),
        about);
    note->setObjectName(u"identitiesNote"_s);
    note->setWordWrap(true);
    auto *warning = new QLabel(tr("No numbers or names of yours were given, so all imported chat "
                                  "messages are shown as received."),
                               about);
    warning->setObjectName(u"noIdentitiesWarning"_s);
    warning->setWordWrap(true);
    warning->setVisible(none);
    auto *aboutLayout = new QVBoxLayout(about);
    aboutLayout->addLayout(aboutForm);
    aboutLayout->addWidget(warning);
    aboutLayout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    buttons->button(QDialogButtonBox::Close)->setFocus(); // not a caret in the first value
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(caseForm);
    layout->addWidget(about);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace Dossier
