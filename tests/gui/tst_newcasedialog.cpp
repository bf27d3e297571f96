// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "casefile/casefile.h"
#include "gui/casepropertiesdialog.h"
#include "gui/mainwindow.h"
#include "gui/newcasedialog.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

class TstNewCaseDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void splitValues_data();
    void splitValues();
    void defaults();
    void appendsSuffix_data();
    void appendsSuffix();
    void pathFollowsTitleUntilEdited();
    void refusesExistingFile();
    void okDisabledWithoutPathOrTitle();
    void optionsFromFields();
    void keyboard();
    void createsCaseWithIdentities();
    void propertiesWithoutIdentities();

private:
    static QLineEdit *edit(const QWidget &dialog, const QString &name);
    static QPushButton *okButton(const QWidget &dialog);

    QTemporaryDir m_dir;
};

void TstNewCaseDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
}

QLineEdit *TstNewCaseDialog::edit(const QWidget &dialog, const QString &name)
{
    auto *found = dialog.findChild<QLineEdit *>(name);
    if (!found)
        qFatal("no line edit %s", qPrintable(name));
    return found;
}

QPushButton *TstNewCaseDialog::okButton(const QWidget &dialog)
{
    auto *box = dialog.findChild<QDialogButtonBox *>(u"buttonBox"_s);
    if (!box)
        qFatal("no button box");
    return box->button(QDialogButtonBox::Ok);
}

void TstNewCaseDialog::splitValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("chinese comma and semicolon")
        << u"13800138000，17012345678; 13900139000"_s
        << QStringList{u"13800138000"_s, u"17012345678"_s, u"13900139000"_s};
    QTest::newRow("one") << u" 13800138000 "_s << QStringList{u"13800138000"_s};
    QTest::newRow("empty") << QString() << QStringList{};
    QTest::newRow("only separators") << u" ,；, ;\n "_s << QStringList{};
    QTest::newRow("enumeration comma and line breaks")
        << u"小明、小明同学\r\n明明"_s << QStringList{u"小明"_s, u"小明同学"_s, u"明明"_s};
    QTest::newRow("spaces inside a value kept")
        << u"Li Ming, 138 0013 8000"_s << QStringList{u"Li Ming"_s, u"138 0013 8000"_s};
    QTest::newRow("repeats dropped")
        << u"12345678,12345678；87654321"_s << QStringList{u"12345678"_s, u"87654321"_s};
}

void TstNewCaseDialog::splitValues()
{
    QFETCH(QString, text);
    QFETCH(QStringList, values);
    QCOMPARE(NewCaseDialog::splitValues(text), values);
}

void TstNewCaseDialog::defaults()
{
    NewCaseDialog dialog;
    QVERIFY(!edit(dialog, u"titleEdit"_s)->text().trimmed().isEmpty());
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QVERIFY2(dialog.path().startsWith(QDir::cleanPath(documents) + u'/'), qPrintable(dialog.path()));
    QVERIFY(dialog.path().endsWith(u".dossier"_s));
    auto *zone = dialog.findChild<QComboBox *>(u"zoneCombo"_s);
    QVERIFY(zone);
    QVERIFY(zone->count() > 100);
    QCOMPARE(zone->currentData().toByteArray(), QByteArrayLiteral("Asia/Shanghai"));
    QCOMPARE(dialog.options().zone.id(), QByteArrayLiteral("Asia/Shanghai"));
    const Identities own = dialog.options().own;
    QVERIFY(own.numbers.isEmpty() && own.qqNumbers.isEmpty() && own.wechatNames.isEmpty()
            && own.names.isEmpty());
}

void TstNewCaseDialog::appendsSuffix_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("path");
    const QString dir = m_dir.path();
    QTest::newRow("no suffix") << dir + u"/催收案件"_s << dir + u"/催收案件.dossier"_s;
    QTest::newRow("suffix") << dir + u"/a.dossier"_s << dir + u"/a.dossier"_s;
    QTest::newRow("upper-case suffix") << dir + u"/b.DOSSIER"_s << dir + u"/b.DOSSIER"_s;
    QTest::newRow("other suffix") << dir + u"/c.db"_s << dir + u"/c.db.dossier"_s;
    QTest::newRow("spaces trimmed") << u"  "_s + dir + u"/d  "_s << dir + u"/d.dossier"_s;
    QTest::newRow("empty") << u"   "_s << QString();
}

void TstNewCaseDialog::appendsSuffix()
{
    QFETCH(QString, typed);
    QFETCH(QString, path);
    NewCaseDialog dialog;
    QLineEdit *pathEdit = edit(dialog, u"pathEdit"_s);
    pathEdit->setText(typed);
    QCOMPARE(dialog.path(), path);
    // Leaving the field shows the name that will be used.
    emit pathEdit->editingFinished();
    QCOMPARE(QDir::fromNativeSeparators(pathEdit->text()), path.isEmpty() ? typed : path);
    QCOMPARE(NewCaseDialog::normalizedPath(u"sub/e"_s, m_dir.path()),
             m_dir.path() + u"/sub/e.dossier"_s);
}

void TstNewCaseDialog::pathFollowsTitleUntilEdited()
{
    NewCaseDialog dialog;
    QLineEdit *title = edit(dialog, u"titleEdit"_s);
    QLineEdit *pathEdit = edit(dialog, u"pathEdit"_s);
    title->setText(u"网贷: 催收/骚扰"_s);
    QCOMPARE(QFileInfo(dialog.path()).fileName(), u"网贷_ 催收_骚扰.dossier"_s);
    pathEdit->clear();
    QTest::keyClicks(pathEdit, m_dir.filePath(u"mine"_s));
    title->setText(u"另一个标题"_s);
    QCOMPARE(dialog.path(), m_dir.filePath(u"mine.dossier"_s));
    QCOMPARE(dialog.options().title, u"另一个标题"_s);
}

void TstNewCaseDialog::refusesExistingFile()
{
    const QString existing = m_dir.filePath(u"existing.dossier"_s);
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    NewCaseDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    auto *problem = dialog.findChild<QLabel *>(u"problemLabel"_s);
    QVERIFY(problem);
    edit(dialog, u"pathEdit"_s)->setText(m_dir.filePath(u"fresh"_s));
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(!problem->isVisible());

    // Without the suffix too: the file that would be created exists.
    edit(dialog, u"pathEdit"_s)->setText(m_dir.filePath(u"existing"_s));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(problem->isVisible());
    // The dialog grows for the reason instead of squeezing the fields below it.
    QLineEdit *names = edit(dialog, u"namesEdit"_s);
    QTRY_VERIFY(names->height() >= names->sizeHint().height());
    QVERIFY2(problem->text().contains(u"already exists"_s), qPrintable(problem->text()));
    QVERIFY(problem->text().contains(QDir::toNativeSeparators(existing)));
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());

    // A folder is not a file name either.
    QVERIFY(QDir(m_dir.path()).mkdir(u"sub.dossier"_s));
    edit(dialog, u"pathEdit"_s)->setText(m_dir.path() + u"/sub"_s);
    QVERIFY(!okButton(dialog)->isEnabled());

    // The file appears after the field was checked: OK refuses it.
    const QString late = m_dir.filePath(u"late.dossier"_s);
    edit(dialog, u"pathEdit"_s)->setText(late);
    QVERIFY(okButton(dialog)->isEnabled());
    QFile lateFile(late);
    QVERIFY(lateFile.open(QIODevice::WriteOnly));
    lateFile.close();
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(problem->text().contains(u"already exists"_s));
}

void TstNewCaseDialog::okDisabledWithoutPathOrTitle()
{
    NewCaseDialog dialog;
    QLineEdit *title = edit(dialog, u"titleEdit"_s);
    QLineEdit *pathEdit = edit(dialog, u"pathEdit"_s);
    pathEdit->setText(m_dir.filePath(u"ok"_s));
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(dialog.problem().isEmpty());

    pathEdit->setText(u"  "_s);
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(!dialog.problem().isEmpty());

    pathEdit->setText(m_dir.filePath(u"ok"_s));
    title->setText(u" "_s);
    QVERIFY(!okButton(dialog)->isEnabled());
    title->setText(u"标题"_s);
    QVERIFY(okButton(dialog)->isEnabled());

    // A title made only of characters a file name cannot hold leaves the path empty.
    NewCaseDialog other;
    edit(other, u"titleEdit"_s)->setText(u" ... "_s);
    QVERIFY(other.path().isEmpty());
    QVERIFY(!okButton(other)->isEnabled());
}

void TstNewCaseDialog::optionsFromFields()
{
    NewCaseDialog dialog;
    edit(dialog, u"titleEdit"_s)->setText(u"  网贷催收  "_s);
    edit(dialog, u"numbersEdit"_s)->setText(u"13800138000，17012345678; 13900139000"_s);
    edit(dialog, u"qqEdit"_s)->setText(u"12345678"_s);
    edit(dialog, u"wechatEdit"_s)->setText(u"小明；明明"_s);
    edit(dialog, u"namesEdit"_s)->setText(u"Ming"_s);
    auto *zone = dialog.findChild<QComboBox *>(u"zoneCombo"_s);
    zone->setCurrentIndex(zone->findData(QByteArrayLiteral("Asia/Hong_Kong")));
    QVERIFY(zone->currentIndex() >= 0);

    const NewCaseOptions options = dialog.options();
    QCOMPARE(options.title, u"网贷催收"_s);
    QCOMPARE(options.zone.id(), QByteArrayLiteral("Asia/Hong_Kong"));
    QCOMPARE(options.own.numbers,
             (QStringList{u"13800138000"_s, u"17012345678"_s, u"13900139000"_s}));
    QCOMPARE(options.own.qqNumbers, QStringList{u"12345678"_s});
    QCOMPARE(options.own.wechatNames, (QStringList{u"小明"_s, u"明明"_s}));
    QCOMPARE(options.own.names, QStringList{u"Ming"_s});
}

void TstNewCaseDialog::keyboard()
{
    {
        NewCaseDialog dialog;
        const QStringList order{u"titleEdit"_s, u"pathEdit"_s, u"browseButton"_s,
                                u"zoneCombo"_s, u"numbersEdit"_s, u"qqEdit"_s,
                                u"wechatEdit"_s, u"namesEdit"_s};
        QWidget *widget = dialog.findChild<QWidget *>(order.first());
        for (qsizetype i = 1; i < order.size(); ++i) {
            do
                widget = widget->nextInFocusChain();
            while (widget->focusPolicy() == Qt::NoFocus
                   || widget->parentWidget() == nullptr
                   || qobject_cast<QLineEdit *>(widget->parentWidget())); // clear buttons
            QCOMPARE(widget->objectName(), order.at(i));
        }
        // Each field has a label whose mnemonic focuses it.
        for (const QString &name : order) {
            if (name == u"browseButton"_s)
                continue;
            QWidget *field = dialog.findChild<QWidget *>(name);
            const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
            QVERIFY2(std::any_of(labels.begin(), labels.end(),
                                 [&](QLabel *l) {
                                     return l->buddy() == field && l->text().contains(u'&');
                                 }),
                     qPrintable(name));
        }

        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.findChild<QWidget *>(u"titleEdit"_s));
        edit(dialog, u"pathEdit"_s)->setText(m_dir.filePath(u"keys"_s));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::keyClick(edit(dialog, u"namesEdit"_s), Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
    }
    {
        NewCaseDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::keyClick(edit(dialog, u"qqEdit"_s), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }
    {
        // Enter does nothing while the case cannot be created.
        NewCaseDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        edit(dialog, u"pathEdit"_s)->clear();
        QSignalSpy finished(&dialog, &QDialog::finished);
        QTest::keyClick(edit(dialog, u"titleEdit"_s), Qt::Key_Return);
        QCOMPARE(finished.count(), 0);
        QVERIFY(dialog.isVisible());
    }
}

void TstNewCaseDialog::createsCaseWithIdentities()
{
    const QString path = m_dir.filePath(u"through-dialog.dossier"_s);
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(u"actionNewCase"_s);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::New));
        action->trigger();
        auto *dialog = window.findChild<NewCaseDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        edit(*dialog, u"titleEdit"_s)->setText(u"网贷催收"_s);
        edit(*dialog, u"pathEdit"_s)->setText(m_dir.filePath(u"through-dialog"_s));
        edit(*dialog, u"numbersEdit"_s)->setText(u"13800138000，17012345678; 13900139000"_s);
        edit(*dialog, u"qqEdit"_s)->setText(u"12345678"_s);
        edit(*dialog, u"wechatEdit"_s)->setText(u"小明"_s);
        edit(*dialog, u"namesEdit"_s)->setText(u"Ming、明明"_s);
        QSignalSpy opened(&window, &MainWindow::caseOpened);
        QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(window.casePath(), path);

        // The properties show what the case file says.
        auto *properties = window.findChild<QAction *>(u"actionCaseProperties"_s);
        QVERIFY(properties);
        QVERIFY(properties->isEnabled());
        properties->trigger();
        auto *shown = window.findChild<CasePropertiesDialog *>();
        QVERIFY(shown);
        QVERIFY(shown->isVisible());
        const auto value = [shown](const QString &name) {
            auto *label = shown->findChild<QLabel *>(name);
            return label ? label->text() : u"(missing)"_s;
        };
        QCOMPARE(value(u"titleValue"_s), u"网贷催收"_s);
        QCOMPARE(value(u"pathValue"_s), QDir::toNativeSeparators(path));
        QVERIFY(value(u"zoneValue"_s).startsWith(u"Asia/Shanghai"_s));
        QVERIFY(value(u"numbersValue"_s).contains(u"17012345678"_s));
        QVERIFY(value(u"numbersValue"_s).contains(u"13900139000"_s));
        QCOMPARE(value(u"qqValue"_s), u"12345678"_s);
        QCOMPARE(value(u"wechatValue"_s), u"小明"_s);
        QVERIFY(value(u"namesValue"_s).contains(u"明明"_s));
        QVERIFY(!value(u"versionValue"_s).isEmpty());
        QVERIFY(shown->findChild<QLabel *>(u"noIdentitiesWarning"_s)->isHidden());
        QTest::keyClick(shown, Qt::Key_Escape);
        QVERIFY(!shown->isVisible());
    }
    auto opened = CaseFile::open(path, CaseFile::Mode::ReadOnly);
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    const CaseInfo info = (*opened)->info();
    QCOMPARE(info.title, u"网贷催收"_s);
    QCOMPARE(info.zone.id(), QByteArrayLiteral("Asia/Shanghai"));
    QCOMPARE(info.own.numbers,
             (QStringList{u"13800138000"_s, u"17012345678"_s, u"13900139000"_s}));
    QCOMPARE(info.own.qqNumbers, QStringList{u"12345678"_s});
    QCOMPARE(info.own.wechatNames, QStringList{u"小明"_s});
    QCOMPARE(info.own.names, (QStringList{u"Ming"_s, u"明明"_s}));
}

void TstNewCaseDialog::propertiesWithoutIdentities()
{
    CaseInfo info;
    info.title = u"空"_s;
    info.zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    CasePropertiesDialog dialog(info, m_dir.filePath(u"none.dossier"_s));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(qobject_cast<QPushButton *>(QApplication::focusWidget()));
    QVERIFY(!dialog.findChild<QLabel *>(u"noIdentitiesWarning"_s)->isHidden());
    QCOMPARE(dialog.findChild<QLabel *>(u"numbersValue"_s)->text(), u"(none)"_s);
    QVERIFY(dialog.findChild<QLabel *>(u"identitiesNote"_s)->text().contains(u"cannot be changed"_s));
}

QTEST_MAIN(TstNewCaseDialog)
#include "tst_newcasedialog.moc"
