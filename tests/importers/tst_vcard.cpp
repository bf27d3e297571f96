// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTest>

#include "importers/formats.h"
#include "support/importtest.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

QString dataPath(const QString &name)
{
    return QDir(QStringLiteral(DOSSIER_TEST_DATA_DIR)).filePath(u"importers/vcard/"_s + name);
}

Result<void> importBytes(QByteArray bytes, Test::MemorySink &sink, const QString &name = u"c.vcf"_s)
{
    return Test::importBytesInto(*makeVCardImporter(), std::move(bytes), name, sink);
}

Result<void> importFile(const QString &path, Test::MemorySink &sink)
{
    return Test::importFileInto(*makeVCardImporter(), path, sink);
}

QByteArray encode(const char *charset, const QString &text)
{
    QStringEncoder encoder(charset);
    return encoder.encode(text);
}

} // namespace

class TstVCard final : public QObject
{
    Q_OBJECT

  private slots:
    void sniff_data();
    void sniff();
    void android21QuotedPrintable();
    void iosAndV4();
    void gbk_data();
    void gbk();
    void relationFromNumberLabel();
    void lineEndingsAndBlankLines();
    void badInput_data();
    void badInput();
    void truncatedKeepsLastCard();
    void corpus_data();
    void corpus();
    void corpusSpecifics();
};

void TstVCard::sniff_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("score");
    QTest::newRow("content") << u"x.txt"_s << QByteArray("BEGIN:VCARD\r\nVERSION:2.1\r\n") << 100;
    QTest::newRow("lower case with BOM") << u"x"_s
                                         << QByteArray("\xEF\xBB\xBF"
                                                       "begin:vcard\n")
                                         << 100;
    QTest::newRow("after a short comment")
        << u"x"_s << QByteArray("# export\r\nBEGIN:VCARD\r\n") << 100;
    QTest::newRow("extension only") << u"contacts.vcf"_s << QByteArray("garbage") << 40;
    QTest::newRow("xml") << u"sms.xml"_s << QByteArray("<?xml version=\"1.0\"?><smses/>") << 0;
}

void TstVCard::sniff()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, head);
    QFETCH(int, score);
    QCOMPARE(makeVCardImporter()->sniff(fileName, head), score);
}

void TstVCard::android21QuotedPrintable()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"android-21-qp.vcf"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 2);
    QCOMPARE(sink.rejections.size(), 1); // the card with only a nickname
    QCOMPARE(sink.rejections.first().locator, u"card 3 (line 24)"_s);

    const ContactRecord &zhang = sink.contacts.at(0);
    QCOMPARE(zhang.name, u"张三"_s);
    QCOMPARE(zhang.numbers, (QStringList{u"13800138000"_s, u"+86 10 6552 9988"_s}));
    QCOMPARE(zhang.relation, u"父亲"_s); // X-ANDROID-CUSTOM relation type 5
    QCOMPARE(zhang.locator, u"card 1 (line 1)"_s);

    // Soft line break in the middle of a UTF-8 sequence; no FN: name from N without spaces.
    const ContactRecord &mother = sink.contacts.at(1);
    QCOMPARE(mother.name, u"欧阳娜娜的妈妈"_s);
    QCOMPARE(mother.numbers, QStringList{u"138-0013-8001"_s});
    QCOMPARE(mother.relation, u"领导"_s); // custom relation label
    QCOMPARE(mother.locator, u"card 2 (line 9)"_s);
}

void TstVCard::iosAndV4()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"ios-mixed.vcf"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 3);

    const ContactRecord &song = sink.contacts.at(0);
    QCOMPARE(song.name, u"宋红江"_s);
    QCOMPARE(song.organization, u"某某科技有限公司 销售部"_s);
    QCOMPARE(song.numbers, (QStringList{u"17012345678"_s, u"+86 170 1234 5679"_s}));
    QCOMPARE(song.emails, QStringList{u"song@example.com"_s});
    QCOMPARE(song.relation, u"母亲"_s); // X-ABRELATEDNAMES labelled _$!<Mother>!$_

    const ContactRecord &smith = sink.contacts.at(1); // no VERSION, no FN
    QCOMPARE(smith.name, u"Dr. John Q Smith Jr."_s);
    QCOMPARE(smith.numbers, QStringList{u"(650) 555-1212"_s});

    const ContactRecord &li = sink.contacts.at(2);
    QCOMPARE(li.name, u"李老板"_s);
    QCOMPARE(li.numbers, (QStringList{u"+86-10-1234-5678"_s, u"13900139000"_s}));
    QCOMPARE(li.relation, u"同事"_s);
}

void TstVCard::gbk_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QString name = u"王小明"_s;
    const QByteArray gbk = encode("GBK", name);
    QVERIFY(!gbk.isEmpty());
    QTest::newRow("CHARSET=GBK") << QByteArray("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=GBK:" + gbk
                                               + "\r\nTEL:17012345678\r\nEND:VCARD\r\n");
    QTest::newRow("no CHARSET, not UTF-8") << QByteArray("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + gbk
                                                         + "\r\nTEL:17012345678\r\nEND:VCARD\r\n");
    QByteArray qp;
    for (const char c : encode("GB2312", name))
        qp += '=' + QByteArray::number(uchar(c), 16).toUpper();
    QTest::newRow("GB2312 quoted-printable, soft break") << QByteArray(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:" + qp.left(9)
        + "=\r\n" + qp.mid(9) + ";;;;\r\nTEL:17012345678\r\nEND:VCARD\r\n");
}

void TstVCard::gbk()
{
    QFETCH(QByteArray, bytes);
    Test::MemorySink sink;
    const auto r = importBytes(bytes, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 1);
    QCOMPARE(sink.contacts.first().name, u"王小明"_s);
    QCOMPARE(sink.contacts.first().numbers, QStringList{u"17012345678"_s});
}

void TstVCard::relationFromNumberLabel()
{
    const QByteArray bytes
        = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建国\r\nitem1.TEL:13800138000\r\n"
          "item1.X-ABLabel:老爸\r\nitem2.TEL:13900139000\r\n"
          "item2.X-ABLabel:_$!<Mobile>!$_\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:某公司前台\r\nitem1.TEL:01012345678\r\n"
          "item1.X-ABLabel:总机\r\nEND:VCARD\r\n";
    Test::MemorySink sink;
    const auto r = importBytes(bytes, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 2);
    QCOMPARE(sink.contacts.at(0).relation, u"老爸"_s);
    QCOMPARE(sink.contacts.at(0).numbers.size(), 2);
    QVERIFY(sink.contacts.at(1).relation.isEmpty()); // a label, but not a relation
}

void TstVCard::lineEndingsAndBlankLines()
{
    const QByteArray bytes
        = "\xEF\xBB\xBF\r\n\r\nBEGIN:VCARD\nVERSION:3.0\r\nFN:张\r\n 伟\n"
          "TEL;TYPE=CELL:170\r\n 12345678\r\n\r\nEND:VCARD\r\n\n\nBEGIN:VCARD\r\n"
          "FN:李娜\r\nEND:VCARD";
    Test::MemorySink sink;
    const auto r = importBytes(bytes, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 2);
    QCOMPARE(sink.contacts.at(0).name, u"张伟"_s);
    QCOMPARE(sink.contacts.at(0).numbers, QStringList{u"17012345678"_s});
    QCOMPARE(sink.contacts.at(1).name, u"李娜"_s);
    QCOMPARE(sink.contacts.at(1).locator, u"card 2 (line 13)"_s);
}

void TstVCard::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QByteArray random(2048, '\0');
    for (int i = 0; i < random.size(); ++i)
        random[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("random bytes") << random;
    QFile text(dataPath(u"no-cards.vcf"_s));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QTest::newRow("text without cards") << text.readAll();
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><calls count=\"1\"/>");
}

void TstVCard::badInput()
{
    QFETCH(QByteArray, bytes);
    Test::MemorySink sink;
    const auto r = importBytes(bytes, sink, u"/tmp/contacts.vcf"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Parse);
    QVERIFY2(r.error().message.contains(u"contacts.vcf"_s), qPrintable(r.error().message));
    QVERIFY(sink.contacts.isEmpty());
}

void TstVCard::truncatedKeepsLastCard()
{
    Test::MemorySink sink;
    const auto r = importFile(dataPath(u"truncated.vcf"_s), sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), 1);
    QCOMPARE(sink.contacts.first().name, u"赵六"_s);
}

void TstVCard::corpus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("contacts");
    QTest::addColumn<int>("rejected");
    QTest::newRow("v21_adr_multiple_line") << u"v21_adr_multiple_line.vcf"_s << 1 << 0;
    QTest::newRow("v21_android_custom_prop (nothing usable)")
        << u"v21_android_custom_prop.vcf"_s << 0 << 1;
    QTest::newRow("v21_backslash") << u"v21_backslash.vcf"_s << 1 << 0;
    QTest::newRow("v21_complicated") << u"v21_complicated.vcf"_s << 1 << 0;
    QTest::newRow("v21_invalid_comment_line") << u"v21_invalid_comment_line.vcf"_s << 1 << 0;
    QTest::newRow("v21_japanese_1") << u"v21_japanese_1.vcf"_s << 1 << 0;
    QTest::newRow("v21_japanese_2") << u"v21_japanese_2.vcf"_s << 1 << 0;
    QTest::newRow("v21_multiple_entry") << u"v21_multiple_entry.vcf"_s << 3 << 0;
    QTest::newRow("v21_pref_handling") << u"v21_pref_handling.vcf"_s << 1 << 0;
    QTest::newRow("v21_x_param") << u"v21_x_param.vcf"_s << 1 << 0;
    QTest::newRow("v30_comma_separated") << u"v30_comma_separated.vcf"_s << 1 << 0;
    QTest::newRow("v30_ios_613_multiline") << u"v30_ios_613_multiline.vcf"_s << 1 << 0;
    QTest::newRow("v30_japanese") << u"v30_japanese.vcf"_s << 1 << 0;
    QTest::newRow("v30_multibyte_param") << u"v30_multibyte_param.vcf"_s << 1 << 0;
    QTest::newRow("v30_simple") << u"v30_simple.vcf"_s << 1 << 0;
    QTest::newRow("v40_sip") << u"v40_sip.vcf"_s << 1 << 0;
    QTest::newRow("v40_sort_as") << u"v40_sort_as.vcf"_s << 1 << 0;
}

void TstVCard::corpus()
{
    QFETCH(QString, file);
    QFETCH(int, contacts);
    QFETCH(int, rejected);
    const QString path
        = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/vcard/aosp-vcard-tests/"_s + file;
    if (!QFile::exists(path))
        QSKIP("shared corpus not present");
    Test::MemorySink sink;
    const auto r = importFile(path, sink);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(sink.contacts.size(), contacts);
    QCOMPARE(sink.rejections.size(), rejected);
    for (const ContactRecord &c : std::as_const(sink.contacts)) {
        QVERIFY(!c.name.isEmpty());
        QVERIFY2(!c.name.contains(QChar::ReplacementCharacter), qPrintable(c.name));
    }
}

void TstVCard::corpusSpecifics()
{
    const QString dir = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/vcard/aosp-vcard-tests/"_s;
    if (!QFile::exists(dir + u"v21_japanese_1.vcf"_s))
        QSKIP("shared corpus not present");
    auto first = [&](const QString &file) {
        Test::MemorySink sink;
        const auto r = importFile(dir + file, sink);
        return r && !sink.contacts.isEmpty() ? sink.contacts.first() : ContactRecord{};
    };
    QCOMPARE(first(u"v21_japanese_1.vcf"_s).name, u"安藤ロイド"_s); // SHIFT_JIS bytes
    QCOMPARE(first(u"v21_japanese_1.vcf"_s).numbers, QStringList{u"0300000000"_s});
    const ContactRecord complicated = first(u"v21_complicated.vcf"_s);
    QCOMPARE(complicated.name, u"Joe Due"_s);
    QCOMPARE(complicated.numbers.size(), 5);
    QCOMPARE(complicated.emails,
             (QStringList{u"forrestgump@walladalla.com"_s, u"cell@example.com"_s}));
    QCOMPARE(complicated.organization, u"Gump Shrimp Co. Sales Dept.;Manager Fish keeper"_s);
    const ContactRecord sip = first(u"v40_sip.vcf"_s);
    QCOMPARE(sip.name, u"安藤 ロイド"_s);
    QCOMPARE(sip.numbers, QStringList{u"1"_s}); // tel:1 kept, sip:example@example.com is no number
    QCOMPARE(first(u"v30_ios_613_multiline.vcf"_s).organization, u"Smith Auto Repair"_s);
    QCOMPARE(first(u"v30_ios_613_multiline.vcf"_s).numbers, QStringList{u"(650) 555-1212"_s});
    QCOMPARE(first(u"v30_simple.vcf"_s).organization, u"Open Handset Alliance"_s);
    QCOMPARE(first(u"v21_pref_handling.vcf"_s).organization, u"Company"_s);
}

QTEST_GUILESS_MAIN(TstVCard)
#include "tst_vcard.moc"
