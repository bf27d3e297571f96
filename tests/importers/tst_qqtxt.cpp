// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStringEncoder>
#include <QTest>

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
    return QStringLiteral(DOSSIER_TEST_DATA_DIR "/importers/qq/") + name;
}

QByteArray readData(const QString &name)
{
    return Test::readFixture(dataPath(name));
}

struct Expected
{
    int line;
    QString at; // ISO 8601 with offset
    Direction direction;
    QString counterpart;
    QString conversation;
    QString text;
    QJsonObject extra;
};

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> pairs)
{
    QJsonObject o;
    for (const auto &p : pairs)
        o.insert(p.first, p.second);
    return o;
}

// The events of all-messages.txt with own QQ 1234567890 and own name 小李.
QList<Expected> allMessagesExpected()
{
    const QString wang = u"催收-王经理"_s;
    const QString grp = u"闪电贷还款协商群"_s;
    return {
        {9, u"2024-03-05T09:15:02+08:00"_s, Direction::Incoming, u"王经理"_s, wang,
         u"你在闪电贷的借款已逾期15天，今天下午5点前必须还清。"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"2850012345"_s}})},
        {12, u"2024-03-05T09:16:40+08:00"_s, Direction::Outgoing, wang, wang,
         u"我这个月实在困难，能不能分期？"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"1234567890"_s}, {u"sender"_s, u"小李"_s}})},
        {15, u"2024-03-05T09:20:11+08:00"_s, Direction::Incoming, u"王经理"_s, wang,
         u"不还的话我们就联系你通讯录里的人，\n包括你父母和单位领导。\n\n你自己考虑清楚。"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"2850012345"_s}})},
        {22, u"2024-03-05T09:20:30+08:00"_s, Direction::Incoming, u"王经理"_s, wang, u"[图片]"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"2850012345"_s}})},
        {25, u"2024-03-05T09:20:30+08:00"_s, Direction::Incoming, u"王经理"_s, wang, u"[图片]"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"2850012345"_s}})},
        {28, u"2024-03-05T09:21:00+08:00"_s, Direction::Incoming, u"王经理"_s, wang,
         u"撤回了一条消息"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"qq"_s, u"2850012345"_s}, {u"recalled"_s, true}})},
        {37, u"2024-03-06T20:43:38+08:00"_s, Direction::Incoming, u"催收专员"_s, grp,
         u"@小李 今天是最后期限，再不处理就上门了"_s,
         obj({{u"group"_s, u"我的群聊"_s}, {u"qq"_s, u"2850099999"_s}, {u"title"_s, u"管理员"_s}})},
        {40, u"2024-03-06T20:44:02+08:00"_s, Direction::Incoming, u"3100012345"_s, grp, u"[表情]"_s,
         obj({{u"group"_s, u"我的群聊"_s}, {u"qq"_s, u"3100012345"_s}})},
        {43, u"2024-03-06T20:45:10+08:00"_s, Direction::Incoming, u"张三(小号)"_s, grp,
         u"联系电话13800138000，加微信17012345678"_s,
         obj({{u"group"_s, u"我的群聊"_s}, {u"qq"_s, u"3200054321"_s}})},
        {46, u"2024-03-06T20:46:00+08:00"_s, Direction::Unknown, u"系统消息"_s, grp,
         u"张三(小号) 已被管理员移出本群"_s,
         obj({{u"group"_s, u"我的群聊"_s}, {u"qq"_s, u"10000"_s}, {u"system"_s, true}})},
        {49, u"2024-03-06T21:02:15+08:00"_s, Direction::Incoming, u"催收部"_s, grp,
         u"[文件] 律师函.pdf"_s,
         obj({{u"group"_s, u"我的群聊"_s}, {u"email"_s, u"cuishou_dept@163.com"_s}})},
        {58, u"2024-03-07T12:00:05+08:00"_s, Direction::Incoming, u"李四"_s, u"李四"_s,
         u"你借的钱什么时候还？我是你的担保人，他们天天打我电话。"_s,
         obj({{u"group"_s, u"我的好友"_s}})},
        {61, u"2024-03-07T12:03:44+08:00"_s, Direction::Outgoing, u"李四"_s, u"李四"_s, u"[语音]"_s,
         obj({{u"group"_s, u"我的好友"_s}, {u"sender"_s, u"小李"_s}})},
        // Lines 70 and 73 repeat messages of the 我的好友 block and are skipped.
        {76, u"2024-03-08T08:01:00+08:00"_s, Direction::Incoming, u"王经理"_s, wang, u"[闪照]"_s,
         obj({{u"group"_s, u"最近联系人"_s}, {u"qq"_s, u"2850012345"_s}})},
    };
}

ImportContext ownContext()
{
    ImportContext c;
    c.settings.own.qqNumbers = {u"1234567890"_s};
    c.settings.own.names = {u"小李"_s};
    c.platform = u"闪电贷"_s;
    return c;
}

} // namespace

class TstQqTxt final : public QObject
{
    Q_OBJECT

  public:
    TstQqTxt()
        : m_importer(makeQqTxtImporter())
    {
    }

  private:
    Result<void> parse(const QByteArray &bytes,
                       const QString &path,
                       const ImportContext &context,
                       Test::MemorySink &sink)
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
        QCOMPARE(m_importer->format(), u"qq-txt"_s);
        QVERIFY(!m_importer->displayName().isEmpty());
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("minScore");
        QTest::addColumn<int>("maxScore");
        QTest::newRow("full export with title and BOM")
            << readData(u"all-messages.txt"_s) << 100 << 100;
        QTest::newRow("single conversation starting at 消息对象")
            << readData(u"chen-12h.txt"_s) << 90 << 90;
        QTest::newRow("separator then 消息分组, no title")
            << QByteArray(QByteArray(64, '=') + "\r\n消息分组:我的好友\r\n") << 100 << 100;
        QTest::newRow("headers only, QQ number at the end")
            << QByteArray("2024-03-05 9:15:02 王经理(2850012345)\n逾期了\n") << 70 << 70;
        QTest::newRow("MemoTrace WeChat TXT is not ours")
            << QByteArray("2024-03-05 09:15:02 闪电贷王经理\n你好\n\n") << 0 << 0;
        QTest::newRow("WeChat CSV header") << QByteArray(
            "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n")
                                           << 0 << 0;
        QTest::newRow("empty") << QByteArray() << 0 << 0;
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, minScore);
        QFETCH(int, maxScore);
        const int score = m_importer->sniff(u"全部消息记录.txt"_s, head);
        QVERIFY2(score >= minScore && score <= maxScore, QByteArray::number(score).constData());
    }

    void parsesAllBlocks_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QByteArray original = readData(u"all-messages.txt"_s);
        QVERIFY(original.startsWith("\xEF\xBB\xBF"));
        QByteArray plain = original.mid(3);
        plain.replace("\r\n", "\n");
        QStringEncoder gb18030("GB18030");
        QByteArray gb = gb18030(QString::fromUtf8(plain));
        QVERIFY(!gb18030.hasError());
        QTest::newRow("UTF-8 with BOM, CRLF") << original << u"UTF-8"_s;
        QTest::newRow("UTF-8 without BOM, LF") << plain << u"UTF-8"_s;
        QTest::newRow("GB18030, LF") << gb << u"GB18030"_s;
        const QString text = QString::fromUtf8(original);
        QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        QTest::newRow("UTF-16LE with BOM, CRLF") << utf16 << u"UTF-16LE"_s;
    }
    void parsesAllBlocks()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        Test::MemorySink sink;
        const auto r = parse(bytes, u"/tmp/全部消息记录.txt"_s, ownContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QList<Expected> expected = allMessagesExpected();
        QCOMPARE(sink.events.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const EventRecord &ev = sink.events.at(i);
            const Expected &x = expected.at(i);
            const QByteArray where = "event " + QByteArray::number(i);
            QVERIFY2(ev.locator == u"line %1"_s.arg(x.line),
                     QByteArray(where + ' ' + ev.locator.toUtf8()).constData());
            QCOMPARE(toString(ev.kind), toString(EventKind::Message));
            QCOMPARE(toString(ev.channel), toString(Channel::QQ));
            QCOMPARE(ev.at.utcMs, utcMs(x.at));
            QCOMPARE(ev.at.offsetSeconds, 8 * 3600);
            QCOMPARE(toString(ev.direction), toString(x.direction));
            QCOMPARE(ev.counterpart, x.counterpart);
            QCOMPARE(ev.conversation, x.conversation);
            QCOMPARE(ev.text, x.text);
            QCOMPARE(ev.extra, x.extra);
            QVERIFY(ev.rawNumber.isEmpty());
            QCOMPARE(ev.platform, u"闪电贷"_s);
        }
        QCOMPARE(sink.metadata.value(u"format"_s).toString(), u"qq-txt"_s);
        QCOMPARE(sink.metadata.value(u"encoding"_s).toString(), encoding);
        QCOMPARE(sink.metadata.value(u"duplicatesSkipped"_s).toInt(), 2);
        QCOMPARE(sink.metadata.value(u"conversations"_s).toInt(), 4);
        QVERIFY(sink.rejections.isEmpty());
    }

    void withoutOwnIdentitiesEverythingIsIncoming()
    {
        Test::MemorySink sink;
        QVERIFY(parse(readData(u"all-messages.txt"_s), u"a.txt"_s, ImportContext(), sink));
        QCOMPARE(sink.events.size(), 14);
        for (const EventRecord &ev : std::as_const(sink.events)) {
            const bool system = ev.extra.value(u"system"_s).toBool();
            QCOMPARE(toString(ev.direction),
                     toString(system ? Direction::Unknown : Direction::Incoming));
        }
        QCOMPARE(sink.events.at(1).counterpart, u"小李"_s);
    }

    void twelveHourClock_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("text");
        QTest::newRow("8:43:38 PM") << 0 << u"2019-09-23T20:43:38+08:00"_s << u"晚上还不接电话？"_s;
        QTest::newRow("12:05:09 AM is just after midnight")
            << 1 << u"2019-09-23T00:05:09+08:00"_s << u"[语音]"_s;
        QTest::newRow("12:30:00 PM is noon")
            << 2 << u"2019-09-23T12:30:00+08:00"_s << u"中午了，钱准备好了吗"_s;
        QTest::newRow("下午 before the time")
            << 3 << u"2019-09-24T15:10:00+08:00"_s << u"再不还就起诉"_s;
        QTest::newRow("上午 after the time")
            << 4 << u"2019-09-24T09:01:02+08:00"_s << u"早上好，今天处理吗"_s;
    }
    void twelveHourClock()
    {
        QFETCH(int, index);
        QFETCH(QString, at);
        QFETCH(QString, text);
        Test::MemorySink sink;
        const auto r = parse(readData(u"chen-12h.txt"_s), u"chen.txt"_s, ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 5);
        const EventRecord &ev = sink.events.at(index);
        QCOMPARE(ev.at.utcMs, utcMs(at));
        QCOMPARE(ev.text, text);
        QCOMPARE(ev.counterpart, u"陈专员"_s);
        QCOMPARE(ev.conversation, u"陈专员"_s);
        QCOMPARE(ev.extra.value(u"qq"_s).toString(), u"2850077777"_s);
    }

    void caseTimeZoneIsApplied()
    {
        ImportContext c;
        c.settings.zone = QTimeZone(QByteArrayLiteral("Europe/Berlin"));
        Test::MemorySink sink;
        QVERIFY(parse(readData(u"chen-12h.txt"_s), u"chen.txt"_s, c, sink));
        QCOMPARE(sink.events.at(0).at.utcMs, utcMs(u"2019-09-23T20:43:38+02:00"_s));
        QCOMPARE(sink.events.at(0).at.offsetSeconds, 7200);
    }

    void recentContactsBeforeTheirOwnBlock()
    {
        Test::MemorySink sink;
        const auto r = parse(readData(u"recent-first.txt"_s), u"r.txt"_s, ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        // Two messages come from 最近联系人; of the regular block's three, the two copies are
        // dropped and the second [图片] of the same second is kept.
        QCOMPARE(sink.events.size(), 3);
        QCOMPARE(sink.events.at(0).locator, u"line 9"_s);
        QCOMPARE(sink.events.at(0).extra.value(u"group"_s).toString(), u"最近联系人"_s);
        QCOMPARE(sink.events.at(1).locator, u"line 12"_s);
        QCOMPARE(sink.events.at(2).locator, u"line 27"_s);
        QCOMPARE(sink.events.at(2).text, u"[图片]"_s);
        QCOMPARE(sink.events.at(2).extra.value(u"group"_s).toString(), u"我的好友"_s);
        QCOMPARE(sink.metadata.value(u"duplicatesSkipped"_s).toInt(), 2);
    }

    void nicknamesWithBracketsAndIds_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("counterpart");
        QTest::addColumn<QJsonObject>("extra");
        QTest::newRow("parentheses in the nickname")
            << u"2024-01-02 3:04:05 老王(催收)(2850012345)"_s << u"老王(催收)"_s
            << obj({{u"qq"_s, u"2850012345"_s}});
        QTest::newRow("full-width parentheses") << u"2024-01-02 3:04:05 老王（2850012345）"_s
                                                << u"老王"_s << obj({{u"qq"_s, u"2850012345"_s}});
        QTest::newRow("e-mail with < in the nickname")
            << u"2024-01-02 3:04:05 a<b 催收<x@qq.com>"_s << u"a<b 催收"_s
            << obj({{u"email"_s, u"x@qq.com"_s}});
        QTest::newRow("bare nickname with non-numeric parentheses")
            << u"2024-01-02 3:04:05 Victor.Woo(老同学)"_s << u"Victor.Woo(老同学)"_s
            << QJsonObject();
        QTest::newRow("group title prefix")
            << u"2024-01-02 3:04:05 【群主】赵总(1000001)"_s << u"赵总"_s
            << obj({{u"qq"_s, u"1000001"_s}, {u"title"_s, u"群主"_s}});
        QTest::newRow("system with the long id")
            << u"2024-01-02 3:04:05 系统消息(1000000)"_s << u"系统消息"_s
            << obj({{u"qq"_s, u"1000000"_s}, {u"system"_s, true}});
    }
    void nicknamesWithBracketsAndIds()
    {
        QFETCH(QString, header);
        QFETCH(QString, counterpart);
        QFETCH(QJsonObject, extra);
        const QString text
            = u"消息对象:测试\n"_s + QString(64, u'=') + u"\n\n"_s + header + u"\n你好\n"_s;
        Test::MemorySink sink;
        const auto r = parse(text.toUtf8(), u"t.txt"_s, ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.events.at(0).counterpart, counterpart);
        QCOMPARE(sink.events.at(0).extra, extra);
        QCOMPARE(sink.events.at(0).text, u"你好"_s);
        QCOMPARE(sink.events.at(0).at.utcMs, utcMs(u"2024-01-02T03:04:05+08:00"_s));
    }

    void headerLikeLineInsideABodyStaysText()
    {
        // Without a blank line before it, a line starting with a time is part of the message.
        const QByteArray bytes
            = "2024-01-02 3:04:05 老王(2850012345)\n第一行\n"
              "2024-01-03 还款日，别忘了\n\n2024-01-02 3:05:00 老王(2850012345)\n好\n";
        Test::MemorySink sink;
        QVERIFY(parse(bytes, u"t.txt"_s, ImportContext(), sink));
        QCOMPARE(sink.events.size(), 2);
        QCOMPARE(sink.events.at(0).text, u"第一行\n2024-01-03 还款日，别忘了"_s);
    }

    void blankLinesBeforeTheTitle()
    {
        Test::MemorySink sink;
        const auto r = parse("\r\n\r\n" + readData(u"all-messages.txt"_s).mid(3), u"a.txt"_s,
                             ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 14);
        QCOMPARE(sink.events.at(0).locator, u"line 11"_s);
    }

    void overlongMessageIsCut()
    {
        // A body without an end (here 5 million characters on 50,000 lines) is kept up to the
        // limit and marked, so memory stays bounded.
        QByteArray bytes = "消息对象:王经理\n" + QByteArray(64, '=')
                           + "\n\n2024-03-05 9:15:02 王经理(2850012345)\n";
        const QByteArray line = QByteArray(99, 'x') + '\n';
        for (int i = 0; i < 50000; ++i)
            bytes += line;
        bytes += "\n2024-03-05 9:16:00 王经理(2850012345)\n还钱\n";
        Test::MemorySink sink;
        const auto r = parse(bytes, u"long.txt"_s, ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 2);
        QVERIFY(sink.events.at(0).text.size() <= 4 * 1024 * 1024);
        QVERIFY(sink.events.at(0).text.size() > 4 * 1024 * 1024 - 100);
        QVERIFY(sink.events.at(0).extra.value(u"truncated"_s).toBool());
        QCOMPARE(sink.events.at(1).text, u"还钱"_s);
        QVERIFY(!sink.events.at(1).extra.contains(u"truncated"_s));
    }

    void registryPicksThisFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("all-messages.txt") << u"all-messages.txt"_s;
        QTest::newRow("chen-12h.txt") << u"chen-12h.txt"_s;
        QTest::newRow("recent-first.txt") << u"recent-first.txt"_s;
    }
    void registryPicksThisFormat()
    {
        QFETCH(QString, name);
        Test::verifyRegistryPicks(name, dataPath(name), u"qq-txt"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray random = Test::randomBytes(4096, 20240305);
        QTest::newRow("empty file") << QByteArray() << u"bad.txt"_s;
        QTest::newRow("only blank lines") << QByteArray("\r\n\r\n") << u"bad.txt"_s;
        QTest::newRow("random bytes") << random << u"bad.txt"_s;
        QTest::newRow("WeChat CSV") << QByteArray(
            "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n"
            "1,wxid_a,1,0,0,1709601302,2,你好,2024-03-05 09:15:02\n")
                                    << u"bad.txt"_s;
        QTest::newRow("WhatsApp TXT")
            << QByteArray("05/03/2024, 09:15 - 王经理: 还钱\n") << u"bad.txt"_s;
        QTest::newRow("invalid date in a header")
            << QByteArray("消息对象:王经理\n" + QByteArray(64, '=')
                          + "\n\n2024-02-30 9:15:02 王经理(2850012345)\n还钱\n")
            << u"line 4"_s;
        QTest::newRow("13 PM is not a time")
            << QByteArray("消息对象:王经理\n\n2024-02-03 13:15:02 PM 王经理(2850012345)\n还钱\n")
            << u"line 3"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Test::MemorySink sink;
        const auto r = parse(bytes, u"/home/u/bad.txt"_s, ImportContext(), sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Parse);
        QVERIFY2(r.error().message.contains(u"bad.txt"_s), qPrintable(r.error().message));
        QVERIFY2(r.error().toString().contains(mentions), qPrintable(r.error().toString()));
    }

    void truncatedInsideAMessage()
    {
        const QByteArray all = readData(u"all-messages.txt"_s);
        const QByteArray marker = QStringLiteral("通讯录").toUtf8();
        const qsizetype cut = all.indexOf(marker) + 4; // inside the UTF-8 bytes of 讯
        QVERIFY(cut > 4);
        Test::MemorySink sink;
        const auto r = parse(all.left(cut), u"cut.txt"_s, ImportContext(), sink);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 3);
        QVERIFY(sink.events.at(2).text.startsWith(u"不还的话我们就联系你通"_s));
        QCOMPARE(sink.events.at(2).locator, u"line 15"_s);
    }

    void progressAndCancel()
    {
        const QByteArray bytes = readData(u"all-messages.txt"_s);
        ImportContext c;
        qint64 lastDone = -1;
        qint64 lastTotal = -1;
        c.progress = [&](qint64 done, qint64 total) {
            lastDone = done;
            lastTotal = total;
            return true;
        };
        Test::MemorySink sink;
        QVERIFY(parse(bytes, u"a.txt"_s, c, sink));
        QCOMPARE(lastDone, qint64(bytes.size()));
        QCOMPARE(lastTotal, qint64(bytes.size()));

        c.progress = [](qint64, qint64) { return false; };
        Test::MemorySink cancelled;
        const auto r = parse(bytes, u"a.txt"_s, c, cancelled);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
    }

    void cancelsEarlyInALargeFile()
    {
        // About 3 MiB of messages: the callback lets the first MiB pass and stops the import at the
        // second.
        QByteArray big = "消息对象:王经理\n" + QByteArray(64, '=') + "\n\n";
        const QByteArray one = "2024-03-05 9:15:02 王经理(2850012345)\n"
                               "你在闪电贷的借款已逾期，今天必须还清，否则联系你的家人。\n\n";
        while (big.size() < 3 * 1024 * 1024)
            big += one;
        ImportContext c;
        int calls = 0;
        c.progress = [&](qint64 done, qint64 total) {
            ++calls;
            return done < total / 2;
        };
        Test::MemorySink sink;
        const auto r = parse(big, u"big.txt"_s, c, sink);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY(calls >= 2);
        QVERIFY(sink.events.size() > 0);
        QVERIFY(sink.events.size() < big.count(one) * 2 / 3);
    }
};

QTEST_GUILESS_MAIN(TstQqTxt)
#include "tst_qqtxt.moc"
