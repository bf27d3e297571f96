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
    int line;
    QString at;
    EventKind kind;
    Direction direction;
    QString counterpart;
    QString text;
};

const QString MEMO_FILE = u"闪电贷王经理.txt"_s;

} // namespace

class TstWeChatTxt final : public QObject
{
    Q_OBJECT

  public:
    TstWeChatTxt()
        : m_importer(makeWeChatTxtImporter())
    {
    }

  private:
    Result<void> parse(const QByteArray &bytes,
                       Test::MemorySink &sink,
                       const ImportContext &context = {},
                       const QString &path = u"chat.txt"_s)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        return m_importer->parse(buffer, path, context, sink);
    }

    static ImportContext ownContext()
    {
        ImportContext c;
        c.settings.own.wechatNames = {u"小李"_s};
        c.settings.own.names = {u"Me Li"_s};
        return c;
    }

    void compare(const Test::MemorySink &sink,
                 const QList<Expected> &expected,
                 const QString &conversation)
    {
        QCOMPARE(sink.events.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const EventRecord &ev = sink.events.at(i);
            const Expected &x = expected.at(i);
            QCOMPARE(ev.locator, u"line %1"_s.arg(x.line));
            QCOMPARE(ev.at.utcMs, utcMs(x.at));
            QCOMPARE(ev.at.offsetSeconds, 8 * 3600);
            QCOMPARE(toString(ev.kind), toString(x.kind));
            QCOMPARE(toString(ev.channel), toString(Channel::WeChat));
            QCOMPARE(toString(ev.direction), toString(x.direction));
            QCOMPARE(ev.counterpart, x.counterpart);
            QCOMPARE(ev.conversation, conversation);
            QCOMPARE(ev.text, x.text);
            QVERIFY(ev.rawNumber.isEmpty());
        }
    }

    std::unique_ptr<Importer> m_importer;

  private slots:
    void identity()
    {
        QVERIFY(m_importer);
        QCOMPARE(m_importer->format(), u"wechat-txt"_s);
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("score");
        QTest::newRow("WechatExporter, Chinese") << readData(u"exporter-zh.txt"_s) << 100;
        QTest::newRow("WechatExporter, English") << readData(u"exporter-en.txt"_s) << 100;
        QTest::newRow("WechatExporter without its title")
            << QByteArray("催收-刘专员 (2024-04-01 10:00:00):还钱\n") << 80;
        QTest::newRow("MemoTrace") << readData(MEMO_FILE) << 65;
        QTest::newRow("QQ header with a QQ number")
            << QByteArray("2024-03-05 09:15:02 王经理(2850012345)\n还钱\n") << 20;
        QTest::newRow("QQ export title")
            << QByteArray("消息记录（此消息记录为文本格式，不支持重新导入）\r\n") << 0;
        QTest::newRow("WeChat CSV") << readData(u"early-9-columns.csv"_s) << 0;
        QTest::newRow("empty") << QByteArray() << 0;
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, score);
        QCOMPARE(m_importer->sniff(u"chat.txt"_s, head), score);
    }

    void memoTrace_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QByteArray original = readData(MEMO_FILE);
        QStringEncoder gb18030("GB18030");
        const QByteArray gb = gb18030(QString::fromUtf8(original));
        QVERIFY(!gb18030.hasError());
        QByteArray crlfBom = "\xEF\xBB\xBF" + original;
        crlfBom.replace("\n", "\r\n");
        QTest::newRow("UTF-8 without BOM (as MemoTrace writes it)") << original << u"UTF-8"_s;
        QTest::newRow("UTF-8 with BOM, CRLF") << crlfBom << u"UTF-8"_s;
        QTest::newRow("GB18030") << gb << u"GB18030"_s;
    }
    void memoTrace()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        Test::MemorySink sink;
        const auto r = parse(bytes, sink, ownContext(), u"/exports/"_s + MEMO_FILE);
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QString wang = u"闪电贷王经理"_s;
        const auto msg = EventKind::Message;
        compare(
            sink,
            {
                {1, u"2024-03-05T09:15:02+08:00"_s, msg, Direction::Incoming, wang,
                 u"你好，我是闪电贷的催收专员，你的借款已经逾期。"_s},
                {4, u"2024-03-05T09:16:40+08:00"_s, msg, Direction::Outgoing, wang,
                 u"我在想办法，\n能不能宽限几天？\n\n谢谢"_s},
                {10, u"2024-03-05T09:20:30+08:00"_s, msg, Direction::Incoming, wang, u"[图片]"_s},
                {13, u"2024-03-05T09:21:00+08:00"_s, msg, Direction::Unknown, wang,
                 u"\"闪电贷王经理\" 撤回了一条消息"_s},
                {16, u"2024-03-05T22:47:13+08:00"_s, msg, Direction::Incoming, wang,
                 u"再不还钱，明天就把你的欠款信息发到你的通讯录群里。\n你的紧急联系人13800138000我们已经打过了。"_s},
            },
            wang);
        QCOMPARE(sink.events.at(1).extra.value(u"sender"_s).toString(), u"小李"_s);
        QVERIFY(sink.events.at(3).extra.value(u"system"_s).toBool());
        QVERIFY(sink.events.at(3).extra.value(u"recalled"_s).toBool());
        QCOMPARE(sink.metadata.value(u"variant"_s).toString(), u"memotrace"_s);
        QCOMPARE(sink.metadata.value(u"encoding"_s).toString(), encoding);
        QVERIFY(sink.rejections.isEmpty());
    }

    void exporterChinese()
    {
        Test::MemorySink sink;
        const auto r = parse(readData(u"exporter-zh.txt"_s), sink, ownContext());
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QString liu = u"催收-刘专员"_s;
        const auto msg = EventKind::Message;
        const auto in = Direction::Incoming;
        compare(
            sink,
            {
                {3, u"2024-04-01T10:00:00+08:00"_s, msg, in, liu,
                 u"你好，你在速借宝的账单已逾期，请尽快处理。"_s},
                {4, u"2024-04-01T10:05:12+08:00"_s, msg, Direction::Outgoing, liu,
                 u"我下周发工资就还"_s},
                {5, u"2024-04-01T10:06:00+08:00"_s, msg, in, liu, u"[图片]"_s},
                {6, u"2024-04-01T10:06:30+08:00"_s, msg, in, liu,
                 u"下周？你当我们是慈善机构？\n今天不还，明天我们的人就到你公司。\n\n记住了。"_s},
                {10, u"2024-04-01T10:07:00+08:00"_s, EventKind::Call, in, liu,
                 u"[视频/语音通话]"_s},
                {11, u"2024-04-01T10:07:00+08:00"_s, msg, Direction::Unknown, liu,
                 u"\"催收-刘专员\" 撤回了一条消息"_s},
                {12, u"2024-04-01T10:10:00+08:00"_s, msg, Direction::Outgoing, liu,
                 u"[文件: 还款计划.docx]"_s},
                {13, u"2024-04-01T10:12:00+08:00"_s, msg, in, liu, QString()},
                {14, u"2024-04-01T10:12:05+08:00"_s, msg, in, liu, u"微信转账"_s},
            },
            liu);
        QVERIFY(sink.events.at(5).extra.value(u"recalled"_s).toBool());
        QVERIFY(sink.events.at(5).extra.value(u"timeFromPreviousMessage"_s).toBool());
        QVERIFY(!sink.events.at(4).extra.contains(u"timeFromPreviousMessage"_s));
        QCOMPARE(sink.metadata.value(u"variant"_s).toString(), u"wechatexporter"_s);
        QCOMPARE(sink.metadata.value(u"language"_s).toString(), u"zh"_s);
        QCOMPARE(sink.metadata.value(u"conversation"_s).toString(), liu);
    }

    void exporterEnglish()
    {
        Test::MemorySink sink;
        const auto r = parse(readData(u"exporter-en.txt"_s), sink, ownContext());
        QVERIFY2(r, qPrintable(r.error().toString()));
        const QString zhao = u"Debt Collector Zhao"_s;
        const auto msg = EventKind::Message;
        const auto in = Direction::Incoming;
        compare(
            sink,
            {
                {3, u"2024-05-02T21:30:00+08:00"_s, msg, in, zhao,
                 u"Pay today or we call your family."_s},
                {4, u"2024-05-02T21:31:00+08:00"_s, msg, in, zhao, u"[Photo]"_s},
                {5, u"2024-05-02T21:35:00+08:00"_s, msg, Direction::Outgoing, zhao, u"[Audio]"_s},
                {6, u"2024-05-02T21:40:00+08:00"_s, EventKind::Call, in, zhao,
                 u"[Video/Audio Call]"_s},
                {7, u"2024-05-02T21:42:00+08:00"_s, msg, in, u"Zhao (Agent)"_s,
                 u"[Location] 科技园 (22.54,114.05)"_s},
            },
            zhao);
        QCOMPARE(sink.metadata.value(u"language"_s).toString(), u"en"_s);
    }

    void exporterWithoutTitleTakesTheFileName()
    {
        Test::MemorySink sink;
        const QByteArray bytes = "催收-刘专员 (2024-04-01 10:00:00):还钱\n";
        QVERIFY(parse(bytes, sink, {}, u"/x/速借宝催收.txt"_s));
        QCOMPARE(sink.events.size(), 1);
        QCOMPARE(sink.events.at(0).conversation, u"速借宝催收"_s);
        QCOMPARE(sink.events.at(0).counterpart, u"催收-刘专员"_s);
        QVERIFY(!sink.metadata.contains(u"language"_s));
    }

    void caseTimeZoneIsApplied()
    {
        ImportContext c;
        c.settings.zone = QTimeZone(QByteArrayLiteral("America/New_York"));
        Test::MemorySink sink;
        QVERIFY(parse(readData(u"exporter-zh.txt"_s), sink, c));
        // EDT (UTC-4) is in force on 2024-04-01.
        QCOMPARE(sink.events.at(0).at.utcMs, utcMs(u"2024-04-01T10:00:00-04:00"_s));
        QCOMPARE(sink.events.at(0).at.offsetSeconds, -4 * 3600);
    }

    void timesAcrossDaylightSavingTransitions_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QDate>("day");
        QTest::newRow("New York, spring forward (02:00-03:00 does not exist)")
            << u"America/New_York"_s << QDate(2024, 3, 9);
        QTest::newRow("New York, fall back (01:00-02:00 twice)")
            << u"America/New_York"_s << QDate(2024, 11, 2);
        QTest::newRow("Adelaide, half-hour offset") << u"Australia/Adelaide"_s << QDate(2024, 4, 6);
        QTest::newRow("Lord Howe, 02:00-02:30 does not exist")
            << u"Australia/Lord_Howe"_s << QDate(2024, 10, 5);
        QTest::newRow("Lord Howe, 01:30-02:00 twice")
            << u"Australia/Lord_Howe"_s << QDate(2024, 4, 6);
    }
    void timesAcrossDaylightSavingTransitions()
    {
        // Wall-clock times every 7 minutes for two days around a transition, including times
        // that do not exist or exist twice: each must convert as a direct conversion does.
        QFETCH(QString, zone);
        QFETCH(QDate, day);
        const QTimeZone tz(zone.toLatin1());
        QVERIFY(tz.isValid());
        QByteArray text;
        QList<QDateTime> stamps; // naive wall clock, carried in UTC only for the arithmetic
        for (int i = 0; i < 2 * 24 * 60 / 7; ++i) {
            const QDateTime wall
                = QDateTime(day, QTime(0, 0), QTimeZone::utc()).addSecs(i * 7 * 60 + 13);
            stamps.append(wall);
            text += wall.toString(u"yyyy-MM-dd HH:mm:ss"_s).toLatin1() + " 王经理\n还钱\n\n";
        }
        ImportContext c;
        c.settings.zone = tz;
        Test::MemorySink sink;
        const auto r = parse(text, sink, c);
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), stamps.size());
        int changes = 0;
        for (int i = 0; i < stamps.size(); ++i) {
            const SourceTime direct
                = sourceTimeFromLocal(stamps.at(i).date(), stamps.at(i).time(), tz);
            QCOMPARE(sink.events.at(i).at.utcMs, direct.utcMs);
            QCOMPARE(sink.events.at(i).at.offsetSeconds, direct.offsetSeconds);
            changes += i > 0 && direct.offsetSeconds != sink.events.at(i - 1).at.offsetSeconds;
        }
        QVERIFY(changes >= 1); // the range really contains a transition
    }

    void registryPicksThisFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("exporter-zh.txt") << u"exporter-zh.txt"_s;
        QTest::newRow("exporter-en.txt") << u"exporter-en.txt"_s;
        QTest::newRow("闪电贷王经理.txt") << u"闪电贷王经理.txt"_s;
    }
    void registryPicksThisFormat()
    {
        QFETCH(QString, name);
        Test::verifyRegistryPicks(name, dataPath(name), u"wechat-txt"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray random = Test::randomBytes(4096, 99);
        QTest::newRow("empty") << QByteArray() << u"bad.txt"_s;
        QTest::newRow("blank lines only") << QByteArray("\n\n  \n") << u"bad.txt"_s;
        QTest::newRow("random bytes") << random << u"bad.txt"_s;
        QTest::newRow("QQ export")
            << QByteArray("消息记录（此消息记录为文本格式，不支持重新导入）\r\n\r\n")
            << u"bad.txt"_s;
        QTest::newRow("WeChat CSV") << readData(u"early-9-columns.csv"_s) << u"bad.txt"_s;
        QTest::newRow("MemoTrace with an impossible date")
            << QByteArray("2024-03-05 09:15:02 王经理\n还钱\n\n2024-13-05 09:15:02 王经理\n还钱\n")
            << u"line 4"_s;
        QTest::newRow("WechatExporter with an impossible time")
            << QByteArray("王经理 - 微信聊天记录\n\n王经理 (2024-03-05 25:15:02):还钱\n")
            << u"line 3"_s;
    }
    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Test::MemorySink sink;
        const auto r = parse(bytes, sink, {}, u"/data/bad.txt"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Parse);
        QVERIFY2(r.error().message.contains(u"bad.txt"_s), qPrintable(r.error().message));
        QVERIFY2(r.error().toString().contains(mentions), qPrintable(r.error().toString()));
    }

    void truncatedInsideAMessage()
    {
        const QByteArray all = readData(MEMO_FILE);
        const qsizetype cut = all.indexOf(QStringLiteral("能不能宽限").toUtf8()) + 2;
        Test::MemorySink sink;
        const auto r = parse(all.left(cut), sink, ownContext());
        QVERIFY2(r, qPrintable(r.error().toString()));
        QCOMPARE(sink.events.size(), 2);
        QVERIFY(sink.events.at(1).text.startsWith(u"我在想办法，"_s));
        QVERIFY(!sink.events.at(1).text.contains(u"能"_s));
    }

    void cancel()
    {
        ImportContext c;
        c.progress = [](qint64, qint64) { return false; };
        Test::MemorySink sink;
        const auto r = parse(readData(u"exporter-zh.txt"_s), sink, c);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TstWeChatTxt)
#include "tst_wechattxt.moc"
