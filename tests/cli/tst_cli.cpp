// SPDX-License-Identifier: GPL-3.0-or-later
// dossier-cli end to end: every command through the real binary, on a case in a temporary dir.
#include <sqlite3.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;

    QJsonArray array() const { return QJsonDocument::fromJson(out.toUtf8()).array(); }
    QJsonObject object() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QList<qint64> ids(const QJsonArray &events)
{
    QList<qint64> list;
    for (const QJsonValue &event : events)
        list << event[u"id"_s].toInteger();
    return list;
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void newCase();
    void addFiles();
    void addWithMissingFile();
    void logIncidents();
    void logUsageErrors_data();
    void logUsageErrors();
    void eventsJson();
    void eventsSearchChinese();
    void eventsNumberFilter();
    void eventsChannelFilter();
    void eventsTimeRange_data();
    void eventsTimeRange();
    void numbersJson();
    void statsJson();
    void importSmsBackupCalls();
    void notYetCommands_data();
    void notYetCommands();
    void unreadableCase();
    void chineseMessages();
    void verifyIntact();
    void verifyDetectsTampering();

private:
    Run run(const QStringList &args, const QString &locale = {}) const;
    QString file(const QString &name) const { return m_dir.filePath(name); }
    QString writeFile(const QString &name, const QByteArray &bytes) const;

    QTemporaryDir m_dir;
    QString m_case;
    QList<qint64> m_incidents; ///< ids printed by `log`, in order
};

Run TstCli::run(const QStringList &args, const QString &locale) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg-data"_s)); // keep logs out of $HOME
    env.remove(u"LANGUAGE"_s);
    env.remove(u"LC_MESSAGES"_s);
    env.insert(u"LANG"_s, locale.isEmpty() ? u"C.UTF-8"_s : locale);
    env.insert(u"LC_ALL"_s, locale.isEmpty() ? u"C.UTF-8"_s : locale);
    if (!locale.isEmpty())
        env.insert(u"LANGUAGE"_s, locale.section(u'.', 0, 0));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DOSSIER_CLI_PATH), args);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    Run result;
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TstCli::writeFile(const QString &name, const QByteArray &bytes) const
{
    QFile f(file(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write fixture");
    return f.fileName();
}

void TstCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(DOSSIER_CLI_PATH)), DOSSIER_CLI_PATH);
    m_case = file(u"case.dossier"_s);
}

void TstCli::help()
{
    const Run overview = run({u"--help"_s});
    QCOMPARE(overview.code, 0);
    for (const QString &command : {u"new"_s, u"add"_s, u"import"_s, u"log"_s, u"events"_s,
                                   u"numbers"_s, u"stats"_s, u"verify"_s})
        QVERIFY2(overview.out.contains(u"  "_s + command), qPrintable(command));
    QVERIFY(overview.out.contains(QRegularExpression(u"flags\\s+.*not available yet"_s)));

    const Run events = run({u"events"_s, u"--help"_s});
    QCOMPARE(events.code, 0);
    QVERIFY(events.out.contains(u"--search"_s));
    QVERIFY(events.out.contains(u"--channel"_s));

    QCOMPARE(run({}).code, 2);
    const Run unknown = run({u"frobnicate"_s, m_case});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains(u"frobnicate"_s));
    QCOMPARE(run({u"events"_s}).code, 2);
    const Run badOption = run({u"events"_s, m_case, u"--bogus"_s});
    QCOMPARE(badOption.code, 2);
    QVERIFY(badOption.err.contains(u"bogus"_s));
}

void TstCli::newCase()
{
    const Run created = run({u"new"_s, m_case, u"--title"_s, u"网贷催收 2025"_s, u"--tz"_s,
                             u"Asia/Shanghai"_s, u"--me"_s, u"13800138000"_s, u"--qq"_s,
                             u"123456"_s, u"--wechat"_s, u"小王"_s});
    QCOMPARE(created.code, 0);
    QVERIFY(QFile::exists(m_case));
    QVERIFY(created.out.contains(u"Asia/Shanghai"_s));

    const Run again = run({u"new"_s, m_case});
    QCOMPARE(again.code, 2);
    QVERIFY(again.err.contains(m_case));

    const Run badZone = run({u"new"_s, file(u"other.dossier"_s), u"--tz"_s, u"Mars/Olympus"_s});
    QCOMPARE(badZone.code, 2);
    QVERIFY(badZone.err.contains(u"Mars/Olympus"_s));
    QVERIFY(!QFile::exists(file(u"other.dossier"_s)));
}

void TstCli::addFiles()
{
    const QByteArray a = "催收短信截图说明\n";
    const QByteArray b = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x');
    const QString pathA = writeFile(u"a.txt"_s, a);
    const QString pathB = writeFile(u"b.png"_s, b);

    const Run first = run({u"add"_s, m_case, pathA, pathB});
    QCOMPARE(first.code, 0);
    const QStringList lines = first.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(sha256Hex(a)));
    QVERIFY(lines.at(0).contains(u"  "_s + QString::number(a.size()) + u"  "_s));
    QVERIFY(lines.at(0).contains(u"added"_s));
    QVERIFY(lines.at(1).startsWith(sha256Hex(b)));

    const Run second = run({u"add"_s, m_case, pathA, pathB, u"--json"_s});
    QCOMPARE(second.code, 0);
    const QJsonArray items = second.array();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[u"sha256"_s].toString(), sha256Hex(a));
    QCOMPARE(items.at(0)[u"size"_s].toInteger(), a.size());
    QCOMPARE(items.at(0)[u"status"_s].toString(), u"duplicate"_s);
    QCOMPARE(items.at(1)[u"status"_s].toString(), u"duplicate"_s);
}

void TstCli::addWithMissingFile()
{
    const QByteArray c = "第三个文件";
    const QString pathC = writeFile(u"c.txt"_s, c);
    const QString missing = file(u"missing-file.jpg"_s);
    const Run r = run({u"add"_s, m_case, missing, pathC});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    QVERIFY(r.out.contains(sha256Hex(c)));
    QVERIFY(r.out.contains(u"added"_s));
}

void TstCli::logIncidents()
{
    const Run first = run({u"log"_s, m_case, u"--at"_s, u"2025-02-12 23:14:05"_s, u"--kind"_s,
                           u"call"_s, u"--number"_s, u"17012345678"_s, u"--contact"_s, u"张三"_s,
                           u"--contact"_s, u"李四"_s, u"--platform"_s, u"某某贷"_s, u"--text"_s,
                           u"催收员威胁要联系您的单位和父母"_s, u"--attach"_s, file(u"a.txt"_s)});
    QCOMPARE(first.code, 0);
    bool ok = false;
    m_incidents << first.out.trimmed().toLongLong(&ok);
    QVERIFY2(ok, qPrintable(first.out));

    const Run second = run({u"log"_s, m_case, u"--at"_s, u"2025-02-13 08:30"_s, u"--kind"_s,
                            u"sms"_s, u"--number"_s, u"13912345678"_s, u"--text"_s,
                            u"请尽快还款，否则后果自负"_s});
    QCOMPARE(second.code, 0);
    m_incidents << second.out.trimmed().toLongLong(&ok);
    QVERIFY(ok);

    const Run third = run({u"log"_s, m_case, u"--at"_s, u"2025-02-14 10:00:00"_s, u"--kind"_s,
                           u"visit"_s, u"--text"_s, u"两人上门，在门口拍照"_s});
    QCOMPARE(third.code, 0);
    m_incidents << third.out.trimmed().toLongLong(&ok);
    QVERIFY(ok);
    QCOMPARE(QSet<qint64>(m_incidents.begin(), m_incidents.end()).size(), 3);
}

void TstCli::logUsageErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown kind is named")
        << QStringList{u"--at"_s, u"2025-02-12 10:00"_s, u"--kind"_s, u"bogus"_s} << u"bogus"_s;
    QTest::newRow("invalid time is named")
        << QStringList{u"--at"_s, u"2025-13-45 10:00"_s, u"--kind"_s, u"call"_s}
        << u"2025-13-45 10:00"_s;
    QTest::newRow("missing --at") << QStringList{u"--kind"_s, u"call"_s} << u"--at"_s;
    QTest::newRow("missing attachment is named")
        << QStringList{u"--at"_s, u"2025-02-12 10:00"_s, u"--kind"_s, u"call"_s, u"--attach"_s,
                       u"/nonexistent/录音.mp3"_s}
        << u"/nonexistent/录音.mp3"_s;
}

void TstCli::logUsageErrors()
{
    QFETCH(QStringList, options);
    QFETCH(QString, named);
    const Run r = run(QStringList{u"log"_s, m_case} + options);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(named), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TstCli::eventsJson()
{
    const Run r = run({u"events"_s, m_case, u"--json"_s});
    QCOMPARE(r.code, 0);
    const QJsonArray events = r.array();
    QCOMPARE(ids(events), m_incidents);
    const QStringList fields{u"id"_s,          u"at"_s,   u"kind"_s,       u"channel"_s,
                             u"direction"_s,   u"number"_s, u"counterpart"_s, u"text"_s,
                             u"duration_s"_s,  u"evidence_sha256"_s, u"locator"_s};
    const QStringList channels{u"phone"_s, u"sms"_s,      u"mms"_s,      u"wechat"_s,
                               u"qq"_s,    u"whatsapp"_s, u"telegram"_s, u"other"_s};
    const QStringList directions{u"incoming"_s, u"outgoing"_s, u"missed"_s,
                                 u"rejected"_s, u"blocked"_s,  u"unknown"_s};
    for (const QJsonValue &event : events) {
        for (const QString &field : fields)
            QVERIFY2(event.toObject().contains(field), qPrintable(field));
        QVERIFY(channels.contains(event[u"channel"_s].toString()));
        QVERIFY(directions.contains(event[u"direction"_s].toString()));
        QCOMPARE(event[u"kind"_s].toString(), u"incident"_s);
    }
    const QJsonObject first = events.at(0).toObject();
    QCOMPARE(first[u"at"_s].toString(), u"2025-02-12T23:14:05+08:00"_s);
    QCOMPARE(first[u"number"_s].toString(), u"+8617012345678"_s);
    QCOMPARE(first[u"text"_s].toString(), u"催收员威胁要联系您的单位和父母"_s);
    QVERIFY(first[u"duration_s"_s].isNull());
    QCOMPARE(events.at(1)[u"at"_s].toString(), u"2025-02-13T08:30:00+08:00"_s);
    QVERIFY(events.at(2)[u"number"_s].isNull()); // the visit names no number
}

void TstCli::eventsSearchChinese()
{
    const Run r = run({u"events"_s, m_case, u"--json"_s, u"--search"_s, u"威胁要联系"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(ids(r.array()), QList<qint64>{m_incidents.at(0)});

    const Run none = run({u"events"_s, m_case, u"--json"_s, u"--search"_s, u"不存在的内容"_s});
    QCOMPARE(none.code, 0);
    QCOMPARE(none.array().size(), 0);

    const Run text = run({u"events"_s, m_case, u"--search"_s, u"后果自负"_s});
    QCOMPARE(text.code, 0);
    QCOMPARE(text.out.count(u'\n'), 1);
    QVERIFY(text.out.contains(u"2025-02-13T08:30:00+08:00"_s));
}

void TstCli::eventsNumberFilter()
{
    for (const QString &number : {u"170-1234-5678"_s, u"+86 170 1234 5678"_s}) {
        const Run r = run({u"events"_s, m_case, u"--json"_s, u"--number"_s, number});
        QCOMPARE(r.code, 0);
        QCOMPARE(ids(r.array()), QList<qint64>{m_incidents.at(0)});
    }
}

void TstCli::eventsChannelFilter()
{
    const Run all = run({u"events"_s, m_case, u"--json"_s});
    const QString channel = all.array().at(1)[u"channel"_s].toString();
    const Run same = run({u"events"_s, m_case, u"--json"_s, u"--channel"_s, channel});
    QCOMPARE(same.code, 0);
    QVERIFY(ids(same.array()).contains(m_incidents.at(1)));
    for (const QJsonValue &event : same.array())
        QCOMPARE(event[u"channel"_s].toString(), channel);

    const QString other = channel == u"whatsapp"_s ? u"telegram"_s : u"whatsapp"_s;
    const Run none = run({u"events"_s, m_case, u"--json"_s, u"--channel"_s, other});
    QCOMPARE(none.code, 0);
    QCOMPARE(none.array().size(), 0);

    const Run bad = run({u"events"_s, m_case, u"--channel"_s, u"carrier-pigeon"_s});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains(u"carrier-pigeon"_s));
}

void TstCli::eventsTimeRange_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QList<int>>("expected"); // indexes into m_incidents
    QTest::newRow("from a date") << QStringList{u"--from"_s, u"2025-02-13"_s} << QList<int>{1, 2};
    QTest::newRow("to a date includes that whole day")
        << QStringList{u"--to"_s, u"2025-02-13"_s} << QList<int>{0, 1};
    QTest::newRow("one day") << QStringList{u"--from"_s, u"2025-02-13"_s, u"--to"_s,
                                            u"2025-02-13"_s}
                             << QList<int>{1};
    QTest::newRow("to a minute includes that minute")
        << QStringList{u"--to"_s, u"2025-02-12 23:14"_s} << QList<int>{0};
    QTest::newRow("from a time after the first")
        << QStringList{u"--from"_s, u"2025-02-12 23:14:06"_s} << QList<int>{1, 2};
    QTest::newRow("nothing before") << QStringList{u"--to"_s, u"2025-02-11"_s} << QList<int>{};
}

void TstCli::eventsTimeRange()
{
    QFETCH(QStringList, options);
    QFETCH(QList<int>, expected);
    const Run r = run(QStringList{u"events"_s, m_case, u"--json"_s} + options);
    QCOMPARE(r.code, 0);
    QList<qint64> want;
    for (int i : expected)
        want << m_incidents.at(i);
    QCOMPARE(ids(r.array()), want);
}

void TstCli::numbersJson()
{
    const Run r = run({u"numbers"_s, m_case, u"--json"_s});
    QCOMPARE(r.code, 0);
    const QJsonArray numbers = r.array();
    QJsonObject found;
    for (const QJsonValue &number : numbers) {
        for (const QString &field : {u"e164"_s, u"raw"_s, u"region"_s, u"type"_s, u"location"_s,
                                     u"carrier"_s, u"events"_s, u"first_at"_s, u"last_at"_s})
            QVERIFY2(number.toObject().contains(field), qPrintable(field));
        if (number[u"e164"_s].toString() == u"+8617012345678"_s)
            found = number.toObject();
    }
    QVERIFY2(!found.isEmpty(), r.out.toUtf8().constData());
    QCOMPARE(found[u"events"_s].toInt(), 1);
    QCOMPARE(found[u"region"_s].toString(), u"CN"_s);
    QCOMPARE(found[u"type"_s].toString(), u"mobile"_s);
    QCOMPARE(found[u"first_at"_s].toString(), u"2025-02-12T23:14:05+08:00"_s);
    QCOMPARE(found[u"last_at"_s].toString(), u"2025-02-12T23:14:05+08:00"_s);

    const Run text = run({u"numbers"_s, m_case});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains(u"+8617012345678"_s));
}

void TstCli::statsJson()
{
    const Run r = run({u"stats"_s, m_case, u"--json"_s});
    QCOMPARE(r.code, 0);
    const QJsonObject stats = r.object();
    QCOMPARE(stats[u"events"_s].toInt(), 3);
    QCOMPARE(stats[u"incidents"_s].toInt(), 3);
    QCOMPARE(stats[u"calls"_s].toInt(), 0);
    QCOMPARE(stats[u"messages"_s].toInt(), 0);
    QVERIFY(stats[u"numbers"_s].toInt() >= 2);
    QCOMPARE(stats[u"evidence"_s].toInt(), 3); // a.txt, b.png, c.txt (a.txt attached again)
    QCOMPARE(stats[u"contacts_reached"_s].toInt(), 2);
    QCOMPARE(stats[u"first_at"_s].toString(), u"2025-02-12T23:14:05+08:00"_s);
    QCOMPARE(stats[u"last_at"_s].toString(), u"2025-02-14T10:00:00+08:00"_s);
    const QJsonObject byDay = stats[u"by_day"_s].toObject();
    QCOMPARE(byDay, (QJsonObject{{u"2025-02-12"_s, 1}, {u"2025-02-13"_s, 1}, {u"2025-02-14"_s, 1}}));
}

void TstCli::importSmsBackupCalls()
{
    // 2025-02-15 21:00:00 +08:00 = 1739624400000 ms; 21:05 = +300000.
    const QByteArray xml
        = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
          "<calls count=\"2\">\n"
          "  <call number=\"17012345678\" duration=\"0\" date=\"1739624400000\" type=\"3\" "
          "presentation=\"1\" readable_date=\"2025年2月15日 21:00:00\" contact_name=\"(Unknown)\" />\n"
          "  <call number=\"+8613912345678\" duration=\"95\" date=\"1739624700000\" type=\"1\" "
          "presentation=\"1\" readable_date=\"2025年2月15日 21:05:00\" contact_name=\"催收\" />\n"
          "</calls>\n";
    const QString calls = writeFile(u"calls-20250216000000.xml"_s, xml);
    const QString junk = writeFile(u"notes.bin"_s, QByteArray("\x01\x02\x03 nothing here", 16));

    const Run r = run({u"import"_s, m_case, calls, u"--json"_s});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // no progress when stderr is not a terminal
    const QJsonArray outcomes = r.array();
    QCOMPARE(outcomes.size(), 1);
    const QJsonObject outcome = outcomes.at(0).toObject();
    for (const QString &field : {u"path"_s, u"format"_s, u"added"_s, u"duplicates"_s,
                                 u"rejected"_s, u"error"_s})
        QVERIFY2(outcome.contains(field), qPrintable(field));
    QCOMPARE(outcome[u"format"_s].toString(), u"sms-backup-xml"_s);
    QCOMPARE(outcome[u"added"_s].toInt(), 2);
    QCOMPARE(outcome[u"duplicates"_s].toInt(), 0);
    QVERIFY(outcome[u"error"_s].isNull());

    const Run calls2 = run({u"events"_s, m_case, u"--json"_s, u"--channel"_s, u"phone"_s,
                            u"--from"_s, u"2025-02-15"_s});
    QCOMPARE(calls2.code, 0);
    const QJsonArray events = calls2.array();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0)[u"kind"_s].toString(), u"call"_s);
    QCOMPARE(events.at(0)[u"direction"_s].toString(), u"missed"_s);
    QCOMPARE(events.at(0)[u"at"_s].toString(), u"2025-02-15T21:00:00+08:00"_s);
    QCOMPARE(events.at(1)[u"direction"_s].toString(), u"incoming"_s);
    QCOMPARE(events.at(1)[u"duration_s"_s].toInt(), 95);
    QCOMPARE(events.at(1)[u"number"_s].toString(), u"+8613912345678"_s);
    QVERIFY(!events.at(1)[u"evidence_sha256"_s].toString().isEmpty());

    // The same file again adds nothing; a file nobody recognises is named and rejected.
    const Run again = run({u"import"_s, m_case, calls, junk, u"--json"_s});
    QCOMPARE(again.code, 1);
    QVERIFY2(again.err.contains(u"notes.bin"_s), qPrintable(again.err));
    const QJsonArray both = again.array();
    QCOMPARE(both.size(), 2);
    for (const QJsonValue &o : both) {
        if (o[u"path"_s].toString().endsWith(u".xml"_s)) {
            QCOMPARE(o[u"added"_s].toInt(), 0);
            QCOMPARE(o[u"duplicates"_s].toInt(), 2);
        } else {
            QVERIFY(!o[u"error"_s].toString().isEmpty());
        }
    }

    const Run badFormat = run({u"import"_s, m_case, calls, u"--format"_s, u"nope"_s});
    QCOMPARE(badFormat.code, 2);
    QVERIFY(badFormat.err.contains(u"nope"_s));
}

void TstCli::notYetCommands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("flags") << QStringList{u"flags"_s, u"x.dossier"_s, u"--json"_s};
    QTest::newRow("report") << QStringList{u"report"_s, u"x.dossier"_s, u"-o"_s, u"out.pdf"_s};
    QTest::newRow("export") << QStringList{u"export"_s, u"x.dossier"_s, u"-o"_s, u"out.zip"_s};
}

void TstCli::notYetCommands()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"not available yet"_s), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TstCli::unreadableCase()
{
    const QString missing = file(u"nowhere.dossier"_s);
    const Run r = run({u"events"_s, missing});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(missing));

    const QString text = writeFile(u"not-a-case.dossier"_s, "这不是案件文件\n");
    for (const QString &command : {u"events"_s, u"stats"_s, u"verify"_s, u"add"_s}) {
        QStringList args{command, text};
        if (command == u"add"_s)
            args << file(u"a.txt"_s);
        const Run bad = run(args);
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(u"not-a-case.dossier"_s), qPrintable(bad.err));
    }
    // Refusing must not have turned it into a case.
    QFile f(text);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), u"这不是案件文件\n"_s);
}

void TstCli::chineseMessages()
{
    const Run kind = run({u"log"_s, m_case, u"--at"_s, u"2025-02-12 10:00"_s, u"--kind"_s,
                          u"bogus"_s},
                         u"zh_CN.UTF-8"_s);
    QCOMPARE(kind.code, 2);
    QVERIFY2(kind.err.contains(u"无效的 --kind：bogus"_s), qPrintable(kind.err));

    const QString missing = file(u"没有的案件.dossier"_s);
    const Run notFound = run({u"stats"_s, missing}, u"zh_CN.UTF-8"_s);
    QCOMPARE(notFound.code, 2);
    QVERIFY2(notFound.err.contains(u"找不到案件文件：%1"_s.arg(missing)), qPrintable(notFound.err));

    const Run flags = run({u"flags"_s, m_case}, u"zh_CN.UTF-8"_s);
    QVERIFY2(flags.err.contains(u"尚不可用"_s), qPrintable(flags.err));

    // Any Chinese locale gets the Chinese messages; others get English.
    const Run taiwan = run({u"stats"_s, missing}, u"zh_TW.UTF-8"_s);
    QVERIFY2(taiwan.err.contains(u"找不到案件文件"_s), qPrintable(taiwan.err));
    const Run french = run({u"stats"_s, missing}, u"fr_FR.UTF-8"_s);
    QVERIFY2(french.err.contains(u"case file not found"_s), qPrintable(french.err));

    const Run english = run({u"stats"_s, missing});
    QVERIFY(english.err.contains(u"case file not found"_s));
}

void TstCli::verifyIntact()
{
    const Run r = run({u"verify"_s, m_case});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(u"Audit head: "_s));
    QVERIFY(r.out.contains(u"Intact"_s));
    QVERIFY(!r.out.contains(u"MISMATCH"_s));
}

void TstCli::verifyDetectsTampering()
{
    const qint64 target = m_incidents.at(1);
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(m_case.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr),
             SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "UPDATE events SET text = '已还款' WHERE id = ?", -1, &stmt,
                                nullptr),
             SQLITE_OK);
    sqlite3_bind_int64(stmt, 1, target);
    QCOMPARE(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    QCOMPARE(sqlite3_changes(db), 1);
    sqlite3_close(db);

    const Run r = run({u"verify"_s, m_case});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.out.contains(u"MISMATCH"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(QRegularExpression(u"event %1\\b"_s.arg(target))), qPrintable(r.out));
    // The row is named in the user's language too.
    const Run zh = run({u"verify"_s, m_case}, u"zh_CN.UTF-8"_s);
    QCOMPARE(zh.code, 3);
    QVERIFY2(zh.out.contains(QRegularExpression(u"事件 %1(?!\\d)"_s.arg(target))), qPrintable(zh.out));

    const Run json = run({u"verify"_s, m_case, u"--json"_s});
    QCOMPARE(json.code, 3);
    QCOMPARE(json.object()[u"ok"_s].toBool(), false);
    QVERIFY(!json.object()[u"problems"_s].toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
