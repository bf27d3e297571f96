// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStringEncoder>
#include <QTest>

#include "common/timeutil.h"
#include "importers/formats.h"
#include "importers/registry.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

using Test::utcMs;

QString dataPath(const QString &name)
{
    return QStringLiteral(DOSSIER_TEST_DATA_DIR "/importers/wechat/") + name;
}

QByteArray readData(const QString &name)
{
    return Test::readFixture(dataPath(name));
}

struct Expected
{
    int row;
    QString at;
    EventKind kind;
    Direction direction;
    QString text;
    int type;
    int subType;
};

const QString WANG = u"闪电贷王经理"_s;

QList<Expected> wangExpected()
{
    const auto in = Direction::Incoming;
    const auto msg = EventKind::Message;
    return {
        {2, u"2024-03-05T09:15:02+08:00"_s, msg, in,
         u"你好，我是闪电贷的催收专员，你的借款已经逾期。"_s, 1, 0},
        {3, u"2024-03-05T09:16:40+08:00"_s, msg, Direction::Outgoing,
         u"我在想办法，\n能不能宽限几天？\n\n谢谢"_s, 1, 0},
        {4, u"2024-03-05T09:20:30+08:00"_s, msg, in, u"[图片]"_s, 3, 0},
        {5, u"2024-03-05T09:25:00+08:00"_s, msg, in, u"[语音]"_s, 34, 0},
        {6, u"2024-03-05T10:00:00+08:00"_s, msg, in, u"[表情]"_s, 47, 0},
        {7, u"2024-03-05T10:30:00+08:00"_s, msg, in, u"[文件] 律师函-逾期催告.pdf"_s, 49, 6},
        {8, u"2024-03-05T11:00:00+08:00"_s, msg, in, u"[链接] 关于逾期人员信息公示的通知"_s, 49, 5},
        {9, u"2024-03-05T11:05:00+08:00"_s, msg, in, u"宽限？今天必须还"_s, 49, 57},
        {10, u"2024-03-05T14:00:00+08:00"_s, msg, Direction::Outgoing,
         u"[转账] ￥500.00 先还一部分"_s, 49, 2000},
        {11, u"2024-03-05T18:00:00+08:00"_s, EventKind::Call, in,
         u"[语音/视频通话] 通话时长 01:05"_s, 50, 0},
        {12, u"2024-03-05T19:00:00+08:00"_s, msg, Direction::Unknown,
         u"\"闪电贷王经理\" 撤回了一条消息"_s, 10000, 0},
        {13, u"2024-03-05T20:00:00+08:00"_s, msg, in, u"[位置] 科技园地铁站"_s, 48, 0},
        {14, u"2024-03-06T23:30:00+08:00"_s, msg, in, u"半夜也要找到你"_s, 1, 0},
        {15, u"2024-03-06T09:00:00+08:00"_s, msg, in, u"[名片] 张律师"_s, 42, 0},
        {16, u"2024-03-06T09:00:00+08:00"_s, msg, in, u"我说过了，\"明天\"再不还就去你单位"_s, 1,
         0},
    };
}

QByteArray header12()
{
    return "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,"
           "NickName,Sender\r\n";
}

} // namespace

class TstWeChatCsv final : public QObject
{
    Q_OBJECT

  public:
    TstWeChatCsv()
        : m_importer(makeWeChatCsvImporter())
    {
    }

  private:
    Result<void> parse(const QByteArray &bytes,
                       Test::MemorySink &sink,
                       const ImportContext &context = {},
                       const QString &path = u"x_utf8.csv"_s)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        return m_importer->parse(buffer, path, context, sink);
    }

    std::unique_ptr<Importer> m_importer;

  private slots:
    void identity()
    {
        QVERIFY(m_importer);
        QCOMPARE(m_importer->format(), u"wechat-csv"_s);
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("score");
        QTest::newRow("12 columns with BOM") << readData(u"memotrace-wang_utf8.csv"_s) << 100;
        QTest::newRow("9 columns without BOM") << readData(u"early-9-columns.csv"_s) << 100;
        QTest::newRow("other CSV")
            << QByteArray("date,number,duration\r\n2024-01-01,10086,5\r\n") << 0;
        QTest::newRow("QQ text") << QByteArray(
            "消息记录（此消息记录为文本格式，不支持重新导入）\r\n")
                                 << 0;
        QTest::newRow("empty") << QByteArray() << 0;
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, score);
        QCOMPARE(m_importer->sniff(u"a.csv"_s, head), score);
    }

    void parsesMemoTraceExport_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QByteArray original = readData(u"memotrace-wang_utf8.csv"_s);
        QVERIFY(original.startsWith("\xEF\xBB\xBF"));
        QStringEncoder gb18030("GB18030");
        const QByteArray gb = gb18030(QString::fromUtf8(original.mid(3)));
        QVERIFY(!gb18030.hasError());
        QTest::newRow("utf-8-sig, CRLF rows") << original << u"UTF-8"_s;
        QTest::newRow("plain UTF-8") << original.mid(3) << u"UTF-8"_s;
        QTest::newRow("GB18030") << gb << u"GB18030"_s;
    }
    void parsesMemoTraceExport()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        ImportContext context;
        context.platform = u"闪电贷"_s;
        Test::MemorySink sink;
        const auto r = parse(bytes, sink, context);
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QList<Expected> expected = wangExpected();
        QCOMPARE(sink.events.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const EventRecord &ev = sink.events.at(i);
            const Expected &x = expected.at(i);
            QCOMPARE(ev.locator, u"row %1"_s.arg(x.row));
            QCOMPARE(ev.at.utcMs, utcMs(x.at));
            QCOMPARE(ev.at.offsetSeconds, 8 * 3600);
            QCOMPARE(toString(ev.kind), toString(x.kind));
            QCOMPARE(toString(ev.channel), toString(Channel::WeChat));
            QCOMPARE(toString(ev.direction), toString(x.direction));
            QCOMPARE(ev.text, x.text);
            QCOMPARE(ev.counterpart, WANG);
            QCOMPARE(ev.conversation, WANG);
            QCOMPARE(ev.platform, u"闪电贷"_s);
            QVERIFY(ev.rawNumber.isEmpty());
            QCOMPARE(ev.extra.value(u"type"_s).toInt(), x.type);
            QCOMPARE(ev.extra.value(u"subType"_s).toInt(), x.subType);
            QCOMPARE(ev.extra.value(u"localId"_s).toString(), QString::number(x.row - 1));
            QCOMPARE(ev.extra.value(u"talkerId"_s).toString(), u"wxid_cs8888"_s);
            // Raw StrContent is kept where the text was derived from it.
            QCOMPARE(ev.extra.contains(u"raw"_s), x.type != 1 && x.type != 10000);
        }
        QCOMPARE(sink.events.at(1).extra.value(u"sender"_s).toString(), u"小李"_s);
        QVERIFY(sink.events.at(2).extra.value(u"raw"_s).toString().startsWith(u"<?xml"_s));
        QCOMPARE(sink.events.at(6).extra.value(u"url"_s).toString(),
                 u"http://example.invalid/notice?id=1"_s);
        QCOMPARE(sink.events.at(7).extra.value(u"quotedName"_s).toString(), u"小李"_s);
        QCOMPARE(sink.events.at(7).extra.value(u"quotedText"_s).toString(), u"能不能宽限几天？"_s);
        QCOMPARE(sink.events.at(9).durationS, std::optional<qint64>(65));
        QVERIFY(sink.events.at(10).extra.value(u"recalled"_s).toBool());
        QVERIFY(sink.events.at(10).extra.value(u"system"_s).toBool());
        QVERIFY(!sink.events.at(0).extra.contains(u"recalled"_s));
        QCOMPARE(sink.metadata.value(u"encoding"_s).toString(), encoding);
        QCOMPARE(sink.metadata.value(u"columns"_s).toInt(), 12);
        QCOMPARE(sink.metadata.value(u"messages"_s).toInt(), 15);
        QVERIFY(sink.rejections.isEmpty());
    }

    void earlyNineColumns()
    {
        Test::MemorySink sink;
        const auto r = parse(readData(u"early-9-columns.csv"_s), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 2);
        QCOMPARE(sink.events.at(0).counterpart, u"wxid_sujiebao_kf"_s);
        QCOMPARE(sink.events.at(0).conversation, u"wxid_sujiebao_kf"_s);
        QCOMPARE(sink.events.at(0).text, u"您好，速借宝提醒您今日为最后还款日。"_s);
        QCOMPARE(toString(sink.events.at(0).direction), toString(Direction::Incoming));
        QCOMPARE(toString(sink.events.at(1).direction), toString(Direction::Outgoing));
        QCOMPARE(sink.events.at(1).at.utcMs, utcMs(u"2024-04-01T10:05:12+08:00"_s));
        QCOMPARE(sink.metadata.value(u"columns"_s).toInt(), 9);
    }

    void columnsInAnyOrderAndGroupChats()
    {
        const QByteArray csv
            = "StrContent,IsSender,Type,CreateTime,TalkerId,Remark,NickName,Sender\n"
              "\"wxid_cs01:\n<msg><img length=\"\"1024\"\" /></msg>\",0,3,1709601302,"
              "20240305123@chatroom,,催收小组长,催收小组长\n"
              "你们再骚扰我就报警了,1,1,1709601400,20240305123@chatroom,,,小李\n";
        Test::MemorySink sink;
        const auto r = parse(csv, sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 2);
        QCOMPARE(sink.events.at(0).text, u"[图片]"_s);
        QCOMPARE(sink.events.at(0).counterpart, u"催收小组长"_s);
        QCOMPARE(sink.events.at(0).conversation, u"20240305123@chatroom"_s);
        QCOMPARE(sink.events.at(1).text, u"你们再骚扰我就报警了"_s);
        QCOMPARE(sink.events.at(1).counterpart, u"20240305123@chatroom"_s);
        QCOMPARE(toString(sink.events.at(1).direction), toString(Direction::Outgoing));
        QCOMPARE(sink.events.at(1).locator, u"row 3"_s);
    }

    void messageTypes_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("subType");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("recalled");
        QTest::newRow("image without XML keeps the content")
            << 3 << 0 << u"FileStorage\\Image\\2024-03\\abc.dat"_s
            << u"FileStorage\\Image\\2024-03\\abc.dat"_s << false;
        QTest::newRow("video") << 43 << 0 << u"<msg><videomsg length=\"1\" /></msg>"_s
                               << u"[视频]"_s << false;
        QTest::newRow("red packet")
            << 49 << 2001 << u"<msg><appmsg><title>恭喜发财，大吉大利</title></appmsg></msg>"_s
            << u"[红包] 恭喜发财，大吉大利"_s << false;
        QTest::newRow("forwarded chat record")
            << 49 << 19 << u"<msg><appmsg><title>群聊的聊天记录</title></appmsg></msg>"_s
            << u"[聊天记录] 群聊的聊天记录"_s << false;
        QTest::newRow("system XML recall")
            << 10002 << 0
            << u"<sysmsg type=\"revokemsg\"><revokemsg><session>wxid_cs8888</session>"
               "<content>\"王经理\" 撤回了一条消息</content></revokemsg></sysmsg>"_s
            << u"\"王经理\" 撤回了一条消息"_s << true;
        QTest::newRow("system text without recall")
            << 10000 << 0 << u"你已添加了王经理，现在可以开始聊天了。"_s
            << u"你已添加了王经理，现在可以开始聊天了。"_s << false;
        QTest::newRow("unknown type with XML")
            << 9999 << 0 << u"<msg><x/></msg>"_s << u"[消息类型 9999]"_s << false;
        QTest::newRow("broken XML still gets the placeholder")
            << 49 << 6 << u"<msg><appmsg><title>欠款明细.xlsx</title>"_s
            << u"[文件] 欠款明细.xlsx"_s << false;
    }
    void messageTypes()
    {
        QFETCH(int, type);
        QFETCH(int, subType);
        QFETCH(QString, content);
        QFETCH(QString, text);
        QFETCH(bool, recalled);
        QString quoted = content;
        quoted.replace(u"\""_s, u"\"\""_s);
        const QString csv = QString::fromUtf8(header12())
                            + u"7,wxid_cs8888,%1,%2,0,1709601302,2,\"%3\","
                              "2024-03-05 09:15:02,,王经理,王经理\r\n"_s.arg(type)
                                  .arg(subType)
                                  .arg(quoted);
        Test::MemorySink sink;
        const auto r = parse(csv.toUtf8(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.events.at(0).text, text);
        QCOMPARE(sink.events.at(0).extra.value(u"recalled"_s).toBool(), recalled);
        QCOMPARE(sink.events.at(0).counterpart, u"王经理"_s);
    }

    void rawContentIsCappedAt64KiB()
    {
        const QString des = QString(40000, u'催');
        const QString xml
            = u"<msg><appmsg><title>通知</title><des>"_s + des + u"</des></appmsg></msg>"_s;
        const QString csv
            = QString::fromUtf8(header12())
              + u"1,wxid_a,49,5,0,1709601302,2,\"%1\",2024-03-05 09:15:02,,,\r\n"_s.arg(xml);
        Test::MemorySink sink;
        QVERIFY(parse(csv.toUtf8(), sink));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.events.at(0).text, u"[链接] 通知"_s);
        const QString raw = sink.events.at(0).extra.value(u"raw"_s).toString();
        QVERIFY(raw.toUtf8().size() <= 64 * 1024);
        QVERIFY(raw.toUtf8().size() > 64 * 1024 - 3);
        QVERIFY(xml.startsWith(raw));
    }

    void offsetsAcrossDaylightSavingTransitions_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("fromS");
        QTest::newRow("Berlin, spring") << u"Europe/Berlin"_s << qint64(1711846800 - 12 * 3600);
        QTest::newRow("Berlin, autumn") << u"Europe/Berlin"_s << qint64(1729990800 - 12 * 3600);
        QTest::newRow("Adelaide, half-hour transition")
            << u"Australia/Adelaide"_s << qint64(1712419200 - 12 * 3600);
    }
    void offsetsAcrossDaylightSavingTransitions()
    {
        QFETCH(QString, zone);
        QFETCH(qint64, fromS);
        const QTimeZone tz(zone.toLatin1());
        QVERIFY(tz.isValid());
        QByteArray csv = header12();
        QList<qint64> times;
        for (int i = 0; i < 24 * 60 / 7; ++i) {
            const qint64 t = fromS + i * 7 * 60 + 29;
            times.append(t);
            csv += QByteArray::number(i) + ",wxid_a,1,0,0," + QByteArray::number(t)
                   + ",2,还钱,,,,\r\n";
        }
        ImportContext c;
        c.settings.zone = tz;
        Test::MemorySink sink;
        const auto r = parse(csv, sink, c);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), times.size());
        int offsets = 0;
        int last = 1 << 30;
        for (int i = 0; i < times.size(); ++i) {
            const SourceTime direct = sourceTimeFromUtcMs(times.at(i) * 1000, tz);
            QCOMPARE(sink.events.at(i).at.utcMs, times.at(i) * 1000);
            QCOMPARE(sink.events.at(i).at.offsetSeconds, direct.offsetSeconds);
            offsets += direct.offsetSeconds != last;
            last = direct.offsetSeconds;
        }
        QCOMPARE(offsets, 2); // the day really contains a transition
    }

    void registryPicksThisFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("memotrace-wang_utf8.csv") << u"memotrace-wang_utf8.csv"_s;
        QTest::newRow("early-9-columns.csv") << u"early-9-columns.csv"_s;
    }
    void registryPicksThisFormat()
    {
        QFETCH(QString, name);
        Test::verifyRegistryPicks(name, dataPath(name), u"wechat-csv"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray random = Test::randomBytes(4096, 7);
        QTest::newRow("empty") << QByteArray() << u"bad_utf8.csv"_s;
        QTest::newRow("random bytes") << random << u"bad_utf8.csv"_s;
        QTest::newRow("QQ export")
            << QByteArray("消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n")
            << u"bad_utf8.csv"_s;
        QTest::newRow("call log CSV")
            << QByteArray("date,number,type\n2024-01-01,13800138000,1\n") << u"StrContent"_s;
        QTest::newRow("malformed times name the row")
            << QByteArray(header12() + "1,wxid_a,1,0,0,1709601302,2,早,2024-03-05 09:15:02,,,\r\n"
                          + "2,wxid_a,1,0,0,abc,2,还钱,2024-02-30 09:15:02,,,\r\n")
            << u"row 3"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Test::MemorySink sink;
        const auto r = parse(bytes, sink, {}, u"/data/bad_utf8.csv"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Parse);
        QVERIFY2(r.error().message.contains(u"bad_utf8.csv"_s), qPrintable(r.error().message));
        QVERIFY2(r.error().toString().contains(mentions), qPrintable(r.error().toString()));
    }

    void truncatedInsideAQuotedField()
    {
        const QByteArray all = readData(u"memotrace-wang_utf8.csv"_s);
        const qsizetype cut = all.indexOf(QStringLiteral("能不能宽限").toUtf8());
        QVERIFY(cut > 0);
        Test::MemorySink sink;
        const auto r = parse(all.left(cut), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.rejections.size(), 1);
        QCOMPARE(sink.rejections.at(0).locator, u"row 3"_s);
    }

    void shortRowsAreRejected()
    {
        const QByteArray csv = header12() + "1,wxid_a,1\r\n"
                               + "2,wxid_a,1,0,0,1709601302,2,还钱,2024-03-05 09:15:02,,,\r\n\r\n";
        Test::MemorySink sink;
        QVERIFY(parse(csv, sink));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.events.at(0).locator, u"row 3"_s);
        QCOMPARE(sink.rejections.size(), 1);
        QCOMPARE(sink.rejections.at(0).locator, u"row 2"_s);
    }

    void cancel()
    {
        ImportContext c;
        c.progress = [](qint64, qint64) { return false; };
        Test::MemorySink sink;
        const auto r = parse(readData(u"memotrace-wang_utf8.csv"_s), sink, c);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TstWeChatCsv)
#include "tst_wechatcsv.moc"
