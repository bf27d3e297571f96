// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "common/timeutil.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

class TstTimeUtil final : public QObject
{
    Q_OBJECT

private slots:
    void localToUtc()
    {
        const QTimeZone shanghai("Asia/Shanghai");
        const SourceTime t = sourceTimeFromLocal(QDate(2025, 2, 12), QTime(23, 14, 5), shanghai);
        QCOMPARE(t.offsetSeconds, 8 * 3600);
        QCOMPARE(t.utcMs, QDateTime(QDate(2025, 2, 12), QTime(15, 14, 5), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(isoInZone(t.utcMs, shanghai), u"2025-02-12T23:14:05+08:00"_s);
    }

    void isoNegativeOffset()
    {
        const qint64 ms = QDateTime(QDate(2025, 7, 1), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QCOMPARE(isoWithOffset(ms, -4 * 3600), u"2025-07-01T08:00:00-04:00"_s);
        QCOMPARE(isoInZone(ms, QTimeZone("America/New_York")), u"2025-07-01T08:00:00-04:00"_s);
    }

    void parseUser_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("iso");
        QTest::newRow("minutes") << u"2025-02-12 23:14"_s << true << u"2025-02-12T23:14:00+08:00"_s;
        QTest::newRow("seconds") << u"2025-02-12 23:14:05"_s << true << u"2025-02-12T23:14:05+08:00"_s;
        QTest::newRow("date only") << u"2025-02-12"_s << true << u"2025-02-12T00:00:00+08:00"_s;
        QTest::newRow("T and offset") << u"2025-02-12T15:14:05Z"_s << true << u"2025-02-12T23:14:05+08:00"_s;
        QTest::newRow("slashes") << u"2025/2/3 8:05"_s << true << u"2025-02-03T08:05:00+08:00"_s;
        QTest::newRow("feb 30") << u"2025-02-30 10:00"_s << false << QString();
        QTest::newRow("hour 25") << u"2025-02-12 25:00"_s << false << QString();
        QTest::newRow("words") << u"yesterday"_s << false << QString();
    }

    void parseUser()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, iso);
        const QTimeZone zone("Asia/Shanghai");
        const auto t = parseUserTime(text, zone);
        QCOMPARE(t.has_value(), valid);
        if (valid)
            QCOMPARE(isoInZone(t->utcMs, zone), iso);
    }
};

QTEST_APPLESS_MAIN(TstTimeUtil)
#include "tst_timeutil.moc"
