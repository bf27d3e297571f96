// SPDX-License-Identifier: GPL-3.0-or-later
#include <QBuffer>
#include <QCryptographicHash>
#include <QTemporaryFile>
#include <QTest>

#include "common/sha256.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

class TstSha256 final : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors()
    {
        QCOMPARE(Sha256::hex(QByteArray()),
                 u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
        QCOMPARE(Sha256::hex("abc"),
                 u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    }

    void streamingMatchesOneShot()
    {
        QByteArray data;
        for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i)
            data.append(char(i * 31));
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        qint64 lastDone = 0;
        const auto hex = sha256Hex(buffer, [&](qint64 done, qint64) {
            lastDone = done;
            return true;
        });
        QVERIFY(hex);
        QCOMPARE(*hex, QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(lastDone, data.size());
    }

    void cancel()
    {
        QByteArray data(4 * 1024 * 1024, 'x');
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const auto hex = sha256Hex(buffer, [](qint64, qint64) { return false; });
        QVERIFY(!hex);
        QCOMPARE(hex.error().code, ErrorCode::Cancelled);
    }

    void missingFile()
    {
        const auto hex = sha256HexOfFile(u"/nonexistent/证据.png"_s);
        QVERIFY(!hex);
        QCOMPARE(hex.error().code, ErrorCode::Io);
        QVERIFY(hex.error().message.contains(u"证据.png"_s));
    }
};

QTEST_APPLESS_MAIN(TstSha256)
#include "tst_sha256.moc"
