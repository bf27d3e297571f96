// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/newcasedialog.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dossier {
namespace {

const QString kSuffix = u".dossier"_s;
const QByteArray kDefaultZone = QByteArrayLiteral("Asia/Shanghai");

/// A file name made from the title: characters that Windows or Linux refuse become "_".
QString fileNameFor(const QString &title)
{
    QString name;
    for (const QChar c : title.trimmed())
        name += (c.unicode() < 0x20 || u"\\/:*?\"<>|"_s.contains(c)) ? u'_' : c;
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    return name.trimmed();
}

QLineEdit *lineEdit(QWidget *parent, const QString &objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

} // namespace

NewCaseDialog::NewCaseDialog(QWidget *parent)
    : QDialog(parent),
      m_documents(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
{
    setObjectName(u"NewCaseDialog"_s);
    setWindowTitle(tr("New case"));
    if (m_documents.isEmpty())
        m_documents = QDir::homePath();

    // The case: what it is called, where it lives, which clock its times are read in.
    m_title = lineEdit(this, u"titleEdit"_s, tr("For example: Debt collection harassment"));
    m_title->setText(
        tr("Debt collection evidence %1").arg(QDate::currentDate().toString(Qt::ISODate)));
    m_path = lineEdit(this, u"pathEdit"_s, tr("Where the case file is saved"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(u"browseButton"_s);
    m_browse->setAutoDefault(false);
    m_zone = new QComboBox(this);
    m_zone->setObjectName(u"zoneCombo"_s);
    m_zone->setToolTip(tr("Times without a zone in imported files are read in this time zone."));
    // Labels with the offset: most users know "UTC+08:00" better than a zone's name.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QByteArray> zones = QTimeZone::availableTimeZoneIds();
    if (!zones.contains(kDefaultZone))
        zones.prepend(kDefaultZone);
    for (const QByteArray &id : std::as_const(zones)) {
        const QTimeZone zone(id);
        const QString name = QString::fromLatin1(id);
        m_zone->addItem(zone.isValid()
                            ? tr("%1 (%2)").arg(name, zone.displayName(now, QTimeZone::OffsetName))
                            : name,
                        id);
    }
    m_zone->setCurrentIndex(std::max(0, m_zone->findData(kDefaultZone)));
    m_zone->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_zone->setMinimumContentsLength(28);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *caseForm = new QFormLayout;
    caseForm->addRow(buddyLabel(tr("Case &title:"), m_title), m_title);
    caseForm->addRow(buddyLabel(tr("&Save as:"), m_path), pathRow);
    caseForm->addRow(buddyLabel(tr("Time &zone:"), m_zone), m_zone);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"problemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(u"color: #b00020;"_s);

    // The user: importers compare senders of chat messages with these.
    auto *about = new QGroupBox(
        tr("About you (so Dossier can tell your own messages from the collectors')"), this);
    about->setObjectName(u"aboutYouGroup"_s);
    m_numbers = lineEdit(about, u"numbersEdit"_s, tr("For example: 13800138000, 17012345678"));
    m_qq = lineEdit(about, u"qqEdit"_s, tr("For example: 12345678"));
    m_wechat = lineEdit(about, u"wechatEdit"_s, tr("Your name as it appears in WeChat chats"));
    m_names = lineEdit(about, u"namesEdit"_s, tr("For example: your WhatsApp or QQ nickname"));
    auto *aboutForm = new QFormLayout;
    aboutForm->addRow(buddyLabel(tr("Your &phone numbers:"), m_numbers), m_numbers);
    aboutForm->addRow(buddyLabel(tr("Your &QQ numbers:"), m_qq), m_qq);
    aboutForm->addRow(buddyLabel(tr("Your &WeChat names:"), m_wechat), m_wechat);
    aboutForm->addRow(buddyLabel(tr("Other &names you use in chats:"), m_names), m_names);
    auto *help = new QLabel(
        tr("Dossier uses these when importing chat exports: messages from these numbers and "
           "names are marked as sent by you. Separate several with commas. You can leave them "
           "empty, but they cannot be added or changed after the case is created."),
        about);
    help->setObjectName(u"aboutYouHelp"_s);
    help->setWordWrap(true);
    auto *aboutLayout = new QVBoxLayout(about);
    aboutLayout->addLayout(aboutForm);
    aboutLayout->addWidget(help);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"buttonBox"_s);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create case"));
    m_ok->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    m_cancel->setText(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(caseForm);
    layout->addWidget(m_problem);
    layout->addWidget(about);
    layout->addWidget(buttons);

    setTabOrder(m_title, m_path);
    setTabOrder(m_path, m_browse);
    setTabOrder(m_browse, m_zone);
    setTabOrder(m_zone, m_numbers);
    setTabOrder(m_numbers, m_qq);
    setTabOrder(m_qq, m_wechat);
    setTabOrder(m_wechat, m_names);
    setTabOrder(m_names, m_ok);
    setTabOrder(m_ok, m_cancel);

    connect(buttons, &QDialogButtonBox::accepted, this, &NewCaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewCaseDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &NewCaseDialog::browse);
    connect(m_title, &QLineEdit::textChanged, this, &NewCaseDialog::titleEdited);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_pathFollowsTitle = false; });
    connect(m_path, &QLineEdit::textChanged, this, &NewCaseDialog::validate);
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        // Shows the name that will be used; an empty field stays empty.
        const QString normalized = path();
        if (!normalized.isEmpty() && normalized != m_path->text())
            m_path->setText(QDir::toNativeSeparators(normalized));
    });

    titleEdited();
    m_title->setFocus();
    m_title->selectAll();
    setMinimumWidth(640);
}

QStringList NewCaseDialog::splitValues(const QString &text)
{
    // ASCII and full-width commas and semicolons, the enumeration comma, line breaks.
    static const QRegularExpression separators(u"[,;\\x{FF0C}\\x{FF1B}\\x{3001}\\r\\n]"_s);
    QStringList values;
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        const QString value = part.trimmed();
        if (!value.isEmpty() && !values.contains(value))
            values << value;
    }
    return values;
}

QString NewCaseDialog::normalizedPath(const QString &text, const QString &base)
{
    QString path = text.trimmed();
    if (path.isEmpty())
        return {};
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        path = QDir::homePath() + path.mid(1);
    path = QDir::cleanPath(QDir(base).absoluteFilePath(QDir::fromNativeSeparators(path)));
    if (!path.endsWith(kSuffix, Qt::CaseInsensitive))
        path += kSuffix;
    return path;
}

QString NewCaseDialog::path() const
{
    return normalizedPath(m_path->text(), m_documents);
}

NewCaseOptions NewCaseDialog::options() const
{
    NewCaseOptions options;
    options.title = m_title->text().trimmed();
    const QTimeZone zone(m_zone->currentData().toByteArray());
    if (zone.isValid())
        options.zone = zone;
    options.own.numbers = splitValues(m_numbers->text());
    options.own.qqNumbers = splitValues(m_qq->text());
    options.own.wechatNames = splitValues(m_wechat->text());
    options.own.names = splitValues(m_names->text());
    return options;
}

QString NewCaseDialog::problem() const
{
    if (m_title->text().trimmed().isEmpty())
        return tr("Give the case a title.");
    const QString file = path();
    if (file.isEmpty())
        return tr("Choose where to save the case file.");
    const QFileInfo info(file);
    if (info.isDir())
        return tr("%1 is a folder. Choose a file name.").arg(QDir::toNativeSeparators(file));
    if (info.exists())
        return tr("%1 already exists. Choose another name, or use Open case to open it.")
            .arg(QDir::toNativeSeparators(file));
    return {};
}

void NewCaseDialog::titleEdited()
{
    if (m_pathFollowsTitle) {
        const QString name = fileNameFor(m_title->text());
        m_path->setText(name.isEmpty() ? QString()
                                       : QDir::toNativeSeparators(
                                           QDir(m_documents).filePath(name + kSuffix)));
    }
    validate();
}

void NewCaseDialog::validate()
{
    // The field scrolls to its end, so the start of a long path is only in the tooltip.
    m_path->setToolTip(QDir::toNativeSeparators(path()));
    const QString why = problem();
    m_problem->setText(why);
    m_ok->setEnabled(why.isEmpty());
    if (m_problem->isHidden() == why.isEmpty())
        return;
    m_problem->setVisible(!why.isEmpty());
    if (isVisible()) {
        // Grow rather than squeeze the fields when the reason appears.
        layout()->activate();
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

void NewCaseDialog::browse()
{
    const QString start = path().isEmpty() ? m_documents : path();
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Save the case as"), start, tr("Dossier case (*.dossier)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (chosen.isEmpty())
        return;
    m_pathFollowsTitle = false;
    m_path->setText(QDir::toNativeSeparators(normalizedPath(chosen, m_documents)));
    m_path->setFocus();
}

void NewCaseDialog::accept()
{
    // The file may have appeared since the field was last checked.
    validate();
    if (!m_ok->isEnabled())
        return; // the reason is shown under the file name
    const QString folder = QFileInfo(path()).absolutePath();
    if (!QDir().mkpath(folder)) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The folder %1 cannot be created. Choose another place.")
                                 .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    QDialog::accept();
}

} // namespace Dossier
