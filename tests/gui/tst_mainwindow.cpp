// SPDX-License-Identifier: GPL-3.0-or-later
#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "casefile/casefile.h"
#include "common/timeutil.h"
#include "gui/eventtablemodel.h"
#include "gui/mainwindow.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

class TstMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void constructs();
    void showsEventsOfOpenedCase();
    void searchFilters();
    void refusesNonCase();
    void importsOnWorkerThread();
    void cancelledImportKeepsNothing();

private:
    QString makeCase(const QString &name);

    QTemporaryDir m_dir;
};

void TstMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
}

QString TstMainWindow::makeCase(const QString &name)
{
    const QString path = m_dir.filePath(name);
    auto created = CaseFile::create(path, NewCaseOptions{});
    if (!created)
        qFatal("create: %s", qPrintable(created.error().toString()));
    const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    IncidentInput first;
    first.at = *parseUserTime(u"2025-02-12 23:14:05"_s, zone);
    first.incidentType = u"call"_s;
    first.numbers = {u"17012345678"_s};
    first.text = u"催收员威胁要联系您的单位"_s;
    IncidentInput second;
    second.at = *parseUserTime(u"2025-02-13 08:30"_s, zone);
    second.incidentType = u"third_party"_s;
    second.contacts = {u"妈妈"_s};
    second.text = u"给我妈妈打电话说我欠钱"_s;
    for (const IncidentInput &incident : {first, second}) {
        auto id = (*created)->logIncident(incident);
        if (!id)
            qFatal("log: %s", qPrintable(id.error().toString()));
    }
    return path;
}

void TstMainWindow::constructs()
{
    MainWindow window;
    window.show();
    QVERIFY(window.findChild<QTableView *>(u"eventsView"_s));
    QVERIFY(window.findChild<QLineEdit *>(u"searchEdit"_s));
    auto *import = window.findChild<QAction *>(u"actionImport"_s);
    QVERIFY(import);
    QCOMPARE(import->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    QVERIFY(!import->isEnabled()); // nothing to import into yet
    QCOMPARE(window.findChild<QAction *>(u"actionNewCase"_s)->shortcut(),
             QKeySequence(QKeySequence::New));
    QCOMPARE(window.eventModel()->rowCount(), 0);
}

void TstMainWindow::showsEventsOfOpenedCase()
{
    const QString path = makeCase(u"shows.dossier"_s);
    MainWindow window;
    QAbstractItemModelTester tester(window.eventModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(window.proxyModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy opened(&window, &MainWindow::caseOpened);
    QVERIFY(window.openCase(path));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(window.casePath(), path);

    EventTableModel *model = window.eventModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), int(EventTableModel::ColumnCount));
    QCOMPARE(model->index(0, EventTableModel::TimeColumn).data().toString(),
             u"2025-02-12 23:14:05"_s);
    QCOMPARE(model->index(0, EventTableModel::NumberColumn).data().toString(),
             u"+8617012345678"_s);
    QCOMPARE(model->index(0, EventTableModel::TextColumn).data().toString(),
             u"催收员威胁要联系您的单位"_s);
    QCOMPARE(model->index(0, EventTableModel::KindColumn).data().toString(), u"Incident: call"_s);
    QVERIFY(model->index(1, EventTableModel::CounterpartColumn).data().toString().contains(
        u"妈妈"_s));
    QVERIFY(window.findChild<QAction *>(u"actionImport"_s)->isEnabled());
    QVERIFY(window.windowTitle().contains(u"shows"_s));
}

void TstMainWindow::searchFilters()
{
    const QString path = makeCase(u"search.dossier"_s);
    MainWindow window;
    QVERIFY(window.openCase(path));
    auto *search = window.findChild<QLineEdit *>(u"searchEdit"_s);
    QTest::keyClicks(search, u"5678"_s); // typed: the number's last digits
    QCOMPARE(window.proxyModel()->rowCount(), 1);
    QCOMPARE(window.proxyModel()->index(0, EventTableModel::NumberColumn).data().toString(),
             u"+8617012345678"_s);
    search->clear();
    QCOMPARE(window.proxyModel()->rowCount(), 2);
    search->setText(u"妈妈"_s); // Chinese comes through an input method; set it directly
    QCOMPARE(window.proxyModel()->rowCount(), 1);
    QVERIFY(window.proxyModel()->index(0, EventTableModel::TextColumn).data().toString().contains(
        u"妈妈"_s));
}

void TstMainWindow::refusesNonCase()
{
    const QString path = m_dir.filePath(u"plain.dossier"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("不是案件");
    f.close();
    MainWindow window;
    QVERIFY(!window.openCase(path));
    QVERIFY(window.casePath().isEmpty());
    QCOMPARE(window.eventModel()->rowCount(), 0);
}

void TstMainWindow::importsOnWorkerThread()
{
    const QString path = makeCase(u"import.dossier"_s);
    const QString xmlPath = m_dir.filePath(u"calls-20250216.xml"_s);
    QFile xml(xmlPath);
    QVERIFY(xml.open(QIODevice::WriteOnly));
    xml.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"1\">\n"
              "<call number=\"17012345678\" duration=\"0\" date=\"1739624400000\" type=\"3\" "
              "readable_date=\"2025-02-15 21:00\" contact_name=\"(Unknown)\" />\n</calls>\n");
    xml.close();

    MainWindow window;
    QAbstractItemModelTester tester(window.eventModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(window.openCase(path));
    QSignalSpy finished(&window, &MainWindow::importFinished);
    window.importFiles({xmlPath});
    QVERIFY(window.isImporting());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY(!window.isImporting());
    const auto outcomes = finished.at(0).at(0).value<QList<Import::FileOutcome>>();
    QCOMPARE(outcomes.size(), 1);
    const auto &error = outcomes.at(0).error;
    QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
    QCOMPARE(outcomes.at(0).counts.added, 1);
    QCOMPARE(window.eventModel()->rowCount(), 3);
    QCOMPARE(window.casePath(), path);

    // Dropping the same file onto the window imports it again: nothing new.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(xmlPath)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    const auto again = finished.at(1).at(0).value<QList<Import::FileOutcome>>();
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.at(0).counts.added, 0);
    QCOMPARE(again.at(0).counts.duplicates, 1);
    QCOMPARE(window.eventModel()->rowCount(), 3);
}

void TstMainWindow::cancelledImportKeepsNothing()
{
    const QString path = makeCase(u"cancel.dossier"_s);
    const QString xmlPath = m_dir.filePath(u"calls-many.xml"_s);
    QFile xml(xmlPath);
    QVERIFY(xml.open(QIODevice::WriteOnly));
    xml.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls>\n");
    for (int i = 0; i < 20000; ++i) {
        xml.write(QStringLiteral("<call number=\"1701234%1\" duration=\"5\" date=\"%2\" type=\"1\" />\n")
                      .arg(i % 10000, 4, 10, QLatin1Char('0'))
                      .arg(1739624400000LL + qint64(i) * 60000)
                      .toUtf8());
    }
    xml.write("</calls>\n");
    xml.close();

    MainWindow window;
    QVERIFY(window.openCase(path));
    QSignalSpy finished(&window, &MainWindow::importFinished);
    window.importFiles({xmlPath});
    auto *progress = window.findChild<QProgressDialog *>();
    QVERIFY(progress);
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    const auto outcomes = finished.at(0).at(0).value<QList<Import::FileOutcome>>();
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(outcomes.at(0).error);
    QCOMPARE(outcomes.at(0).error->code, ErrorCode::Cancelled);
    QCOMPARE(window.eventModel()->rowCount(), 2); // the file landed whole or not at all
    QCOMPARE(window.casePath(), path);
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
