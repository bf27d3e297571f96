// SPDX-License-Identifier: GPL-3.0-or-later
#include <spdlog/spdlog.h>

#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include "common/logging.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

class TstLogging final : public QObject
{
    Q_OBJECT

private slots:
    void masks_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("masked");
        QTest::newRow("mobile") << u"13800138000"_s << u"138****8000"_s;
        QTest::newRow("e164") << u"+8613800138000"_s << u"+86****8000"_s;
        QTest::newRow("short code") << u"95588"_s << u"9****"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void masks()
    {
        QFETCH(QString, input);
        QFETCH(QString, masked);
        QCOMPARE(Log::maskNumber(input), masked);
        QVERIFY(!Log::maskNumber(input).contains(u"0013"_s));
    }

    void maskName()
    {
        QCOMPARE(Log::maskName(u"张三"_s), u"张*"_s);
        QCOMPARE(Log::maskName(u"欧阳娜娜"_s), u"欧**"_s);
    }

    void writesToDataDirectory()
    {
        QStandardPaths::setTestModeEnabled(true);
        Log::init(u"tst_logging"_s);
        QVERIFY(!Log::filePath().isEmpty());
        qWarning("a warning routed from Qt");
        Log::logger()->info("number {}", Log::maskNumber(u"13800138000"_s).toStdString());
        Log::logger()->flush();
        QFile file(Log::filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("a warning routed from Qt"));
        QVERIFY(text.contains("138****8000"));
        QVERIFY(!text.contains("13800138000"));
        file.remove();
    }
};

QTEST_GUILESS_MAIN(TstLogging)
#include "tst_logging.moc"
