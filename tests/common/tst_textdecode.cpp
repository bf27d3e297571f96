// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QFile>
#include <QStringEncoder>
#include <QTest>

#include "common/textdecode.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

namespace {

QStringList readLines(LineReader &reader)
{
    QStringList lines;
    QString line;
    while (reader.next(line))
        lines << line;
    return lines;
}

} // namespace

class TstTextDecode final : public QObject
{
    Q_OBJECT

private slots:
    void detect_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QString zh = u"催收电话 13800138000，请尽快还款。"_s;
        QTest::newRow("utf-8 with BOM") << QByteArray("\xEF\xBB\xBF") + zh.toUtf8() << u"UTF-8"_s;
        QTest::newRow("utf-8 without BOM") << zh.toUtf8() << u"UTF-8"_s;
        QTest::newRow("gb18030") << QByteArray(QStringEncoder("GB18030").encode(zh)) << u"GB18030"_s;
        QTest::newRow("utf-16le BOM") << QByteArray("\xFF\xFE") + QByteArray(QStringEncoder(QStringEncoder::Utf16LE).encode(zh))
                                      << u"UTF-16LE"_s;
        QTest::newRow("utf-16be BOM") << QByteArray("\xFE\xFF") + QByteArray(QStringEncoder(QStringEncoder::Utf16BE).encode(zh))
                                      << u"UTF-16BE"_s;
        QTest::newRow("utf-16le without BOM")
            << QByteArray(QStringEncoder(QStringEncoder::Utf16LE).encode(u"time,number,duration\n2025-02-12,13800138000,60"_s))
            << u"UTF-16LE"_s;
        QTest::newRow("ascii") << QByteArray("plain ascii text") << u"UTF-8"_s;
        // A UTF-8 sample cut in the middle of a character is still UTF-8.
        QTest::newRow("utf-8 cut mid-character") << zh.toUtf8().left(5) << u"UTF-8"_s;
    }

    void detect()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QCOMPARE(detectTextEncoding(bytes), encoding);
    }

    void decodeGb18030()
    {
        QString used;
        const auto text = decodeText(QByteArray::fromHex("d6d0cec4"), &used);
        QVERIFY(text);
        QCOMPARE(*text, u"中文"_s);
        QCOMPARE(used, u"GB18030"_s);
    }

    void decodeStripsBom()
    {
        const auto text = decodeText(QByteArray("\xEF\xBB\xBF") + "abc");
        QVERIFY(text);
        QCOMPARE(*text, u"abc"_s);
    }

    void lineReaderSplitsLines()
    {
        QByteArray data = QByteArray("\xEF\xBB\xBF") + u"第一行\r\n第二行\n\n最后一行"_s.toUtf8();
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineReader reader(buffer);
        const QStringList lines = readLines(reader);
        QVERIFY(!reader.hasError());
        QCOMPARE(lines, (QStringList{u"第一行"_s, u"第二行"_s, QString(), u"最后一行"_s}));
        QCOMPARE(reader.lineNumber(), 4);
        QCOMPARE(reader.encoding(), u"UTF-8"_s);
        QCOMPARE(reader.bytesRead(), data.size());
    }

    void lineReaderAcrossChunks()
    {
        // Many lines of multi-byte text: chunk boundaries fall inside characters.
        QString expected;
        QByteArray data;
        for (int i = 0; i < 50000; ++i) {
            const QString line = u"第%1行：欠款逾期，立即处理"_s.arg(i);
            data += QByteArray(QStringEncoder("GB18030").encode(line)) + "\r\n";
        }
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineReader reader(buffer);
        QString line;
        int n = 0;
        while (reader.next(line)) {
            QCOMPARE(line, u"第%1行：欠款逾期，立即处理"_s.arg(n));
            ++n;
        }
        QCOMPARE(n, 50000);
        QCOMPARE(reader.encoding(), u"GB18030"_s);
        QVERIFY(!reader.hadInvalidBytes());
    }

    void lineReaderRejectsHugeLine()
    {
        QByteArray data(LineReader::maxLineChars() + 1024, 'x');
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineReader reader(buffer);
        QString line;
        QVERIFY(!reader.next(line));
        QVERIFY(reader.hasError());
        QCOMPARE(reader.error().code, ErrorCode::Parse);
        QVERIFY(reader.error().message.contains(u"Line 1"_s));
    }

    void lineReaderFlagsCharacterCutAtEnd()
    {
        QByteArray data = u"完整的一行\n被截断的字"_s.toUtf8();
        data.chop(1); // cut the last character in half
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineReader reader(buffer);
        QString line;
        QVERIFY(reader.next(line));
        QVERIFY(!reader.hadInvalidBytes());
        QVERIFY(reader.next(line));
        QCOMPARE(line, u"被截断的"_s + QChar(QChar::ReplacementCharacter));
        QVERIFY(reader.hadInvalidBytes());
        QVERIFY(!reader.next(line));
    }

    void readSizeFollowsWhatIsLeft()
    {
        QByteArray data(1024 * 1024, 'x');
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const qint64 chunk = 256 * 1024;
        QCOMPARE(nextReadSize(buffer, chunk), chunk);
        QVERIFY(buffer.seek(data.size() - 10000));
        QCOMPARE(nextReadSize(buffer, chunk), 10000);
        QVERIFY(buffer.seek(data.size() - 10));
        QCOMPARE(nextReadSize(buffer, chunk), 4096); // never below 4 KiB: size() may fall short
        QVERIFY(buffer.seek(data.size()));
        QCOMPARE(nextReadSize(buffer, chunk), 4096); // the end is where a read returns nothing
        QCOMPARE(nextReadSize(buffer, 100), 100);
    }

    // A file whose size() is 0 although it has content (as in /proc) is still read whole.
    void lineReaderReadsFilesThatReportNoSize()
    {
        QFile status(u"/proc/self/status"_s);
        if (!status.open(QIODevice::ReadOnly))
            QSKIP("no /proc/self/status");
        QCOMPARE(status.size(), 0);
        LineReader reader(status);
        const QStringList lines = readLines(reader);
        QVERIFY(!reader.hasError());
        QVERIFY2(lines.size() > 10, qPrintable(QString::number(lines.size())));
        QVERIFY(lines.first().startsWith(u"Name:"_s));
    }

    void utf8Validation()
    {
        QVERIFY(isValidUtf8(u"汉字😀"_s.toUtf8()));
        QVERIFY(!isValidUtf8(QByteArray("\xC0\xAF")));     // overlong
        QVERIFY(!isValidUtf8(QByteArray("\xED\xA0\x80"))); // surrogate
        QVERIFY(!isValidUtf8(QByteArray::fromHex("d6d0cec4")));
    }
};

QTEST_APPLESS_MAIN(TstTextDecode)
#include "tst_textdecode.moc"
