// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence intake: byte-for-byte storage, dedupe, media types, bad input, full disk, big files.

#include <sys/resource.h>

#include <QDir>
#include <QFileInfo>

#include "casefiletest.h"
#include "support/randombytes.h"
#include "common/sha256.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

namespace {

// A minimal valid PNG header (signature + IHDR), enough for content sniffing.
const QByteArray PNG_HEAD = QByteArray::fromHex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");

qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class TstCaseFileEvidence final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(u"case%1.dossier"_s.arg(++m_n));
        DOSSIER_VERIFY_RESULT(CaseFile::create(m_case, {}));
    }

    void storesBytesExactly_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("empty file") << qint64(0);
        QTest::newRow("one byte") << qint64(1);
        QTest::newRow("one byte short of a chunk") << qint64((1 << 20) - 1);
        QTest::newRow("exactly one chunk") << qint64(1 << 20);
        QTest::newRow("one byte over a chunk") << qint64((1 << 20) + 1);
        QTest::newRow("three and a half chunks") << qint64(3.5 * (1 << 20));
    }

    void storesBytesExactly()
    {
        QFETCH(qint64, size);
        const QByteArray bytes = randomBytes(size, quint32(size + 7));
        const QString src = m_dir.filePath(u"截图_%1.bin"_s.arg(size));
        QVERIFY(writeFile(src, bytes));
        auto c = CaseFile::open(m_case);
        DOSSIER_VERIFY_RESULT(c);
        qint64 lastProgress = -1;
        auto added = c.value()->addEvidence(src, {}, [&](qint64 done, qint64) {
            lastProgress = done;
            return true;
        });
        DOSSIER_VERIFY_RESULT(added);
        QVERIFY(!added->duplicate);
        QCOMPARE(added->size, size);
        QCOMPARE(added->sha256, sha256Of(bytes));
        if (size > 0)
            QCOMPARE(lastProgress, size);
        QCOMPARE(rawQuery(m_case, u"SELECT count(*) FROM evidence_chunks WHERE evidence_id = %1"_s
                                      .arg(added->id)),
                 QString::number((size + (1 << 20) - 1) / (1 << 20)));

        const QString out = m_dir.filePath(u"out.bin"_s);
        DOSSIER_VERIFY_RESULT(c.value()->extractEvidence(added->id, out));
        QCOMPARE(fileBytes(out), bytes);

        auto list = c.value()->evidence();
        DOSSIER_VERIFY_RESULT(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().originalName, QFileInfo(src).fileName());
        QCOMPARE(list->first().method, u"add"_s);
        QVERIFY(list->first().fileModifiedUtcMs.has_value());
        QVERIFY(qAbs(list->first().acquiredUtcMs - QDateTime::currentMSecsSinceEpoch()) < 600000);
        QVERIFY(c.value()->verify()->ok());
    }

    void sameBytesAreStoredOnce()
    {
        const QByteArray bytes = "催收短信截图内容"_ba.repeated(1000);
        const QString a = m_dir.filePath(u"a.txt"_s);
        const QString b = m_dir.filePath(u"copy of a.txt"_s);
        QVERIFY(writeFile(a, bytes));
        QVERIFY(writeFile(b, bytes));
        auto c = CaseFile::open(m_case);
        DOSSIER_VERIFY_RESULT(c);
        auto first = c.value()->addEvidence(a);
        DOSSIER_VERIFY_RESULT(first);
        const QString audits = rawQuery(m_case, u"SELECT count(*) FROM audit"_s);
        auto second = c.value()->addEvidence(b);
        DOSSIER_VERIFY_RESULT(second);
        QVERIFY(second->duplicate);
        QCOMPARE(second->id, first->id);
        QCOMPARE(second->sha256, first->sha256);
        QCOMPARE(c.value()->evidence()->size(), 1);
        QCOMPARE(rawQuery(m_case, u"SELECT count(*) FROM audit"_s), audits);
        QCOMPARE(rawQuery(m_case, u"SELECT count(*) FROM evidence_chunks"_s), u"1"_s);
    }

    void mediaTypeComesFromContent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mediaType");
        QTest::newRow("png named .txt is a png")
            << u"renamed.txt"_s << PNG_HEAD + QByteArray(64, '\0') << u"image/png"_s;
        QTest::newRow("csv text by name") << u"calls.csv"_s
                                          << "号码,时间\n13800138000,2025-02-12\n"_ba
                                          << u"text/csv"_s;
        QTest::newRow("pdf by magic") << u"notice"_s << "%PDF-1.4\n%\xe2\xe3\n"_ba
                                      << u"application/pdf"_s;
    }

    void mediaTypeComesFromContent()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mediaType);
        const QString src = m_dir.filePath(name);
        QVERIFY(writeFile(src, bytes));
        auto c = CaseFile::open(m_case);
        DOSSIER_VERIFY_RESULT(c);
        DOSSIER_VERIFY_RESULT(c.value()->addEvidence(src));
        QCOMPARE(c.value()->evidence()->first().mediaType, mediaType);
    }

    void badEvidenceFileLeavesCaseUnchanged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("missing file") << u"missing"_s << ErrorCode::NotFound;
        QTest::newRow("a folder, not a file") << u"folder"_s << ErrorCode::Io;
        QTest::newRow("no read permission") << u"unreadable"_s << ErrorCode::Io;
    }

    void badEvidenceFileLeavesCaseUnchanged()
    {
        QFETCH(QString, kind);
        QFETCH(ErrorCode, code);
        QString src = m_dir.filePath(u"证据_"_s + kind);
        if (kind == u"folder"_s) {
            QVERIFY(QDir().mkpath(src));
        } else if (kind == u"unreadable"_s) {
            QVERIFY(writeFile(src, "secret"));
            QFile::setPermissions(src, QFileDevice::WriteOwner);
            QFile probe(src);
            if (probe.open(QIODevice::ReadOnly))
                QSKIP("running with privileges that ignore file permissions");
        }
        const QByteArray before = fileBytes(m_case);
        {
            auto c = CaseFile::open(m_case);
            DOSSIER_VERIFY_RESULT(c);
            auto r = c.value()->addEvidence(src);
            QVERIFY(!r);
            QCOMPARE(r.error().code, code);
            QVERIFY2(r.error().message.contains(src), qPrintable(r.error().message));
            QCOMPARE(c.value()->evidence()->size(), 0);
        }
        QCOMPARE(fileBytes(m_case), before);
    }

    void fullDiskLeavesCaseUnchanged()
    {
        const QString small = m_dir.filePath(u"small.txt"_s);
        QVERIFY(writeFile(small, "第一份证据"_ba));
        {
            auto c = CaseFile::open(m_case);
            DOSSIER_VERIFY_RESULT(c);
            DOSSIER_VERIFY_RESULT(c.value()->addEvidence(small));
        }
        const QByteArray before = fileBytes(m_case);
        const qint64 pages = rawQuery(m_case, u"PRAGMA page_count"_s).toLongLong();
        const QString big = m_dir.filePath(u"录音.m4a"_s);
        QVERIFY(writeFile(big, randomBytes(3 << 20, 99)));
        qputenv("DOSSIER_TEST_MAX_PAGE_COUNT", QByteArray::number(pages + 64));
        {
            auto c = CaseFile::open(m_case);
            DOSSIER_VERIFY_RESULT(c);
            auto r = c.value()->addEvidence(big);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Io);
            QVERIFY2(r.error().message.contains(big), qPrintable(r.error().message));
            QVERIFY2(r.error().message.contains(m_case), qPrintable(r.error().message));
            QVERIFY2(r.error().message.contains(u"full"_s), qPrintable(r.error().message));
            // The same open case keeps working once there is room again.
            QCOMPARE(c.value()->evidence()->size(), 1);
            QVERIFY(c.value()->verify()->ok());
        }
        qunsetenv("DOSSIER_TEST_MAX_PAGE_COUNT");
        QCOMPARE(fileBytes(m_case), before);
        auto c = CaseFile::open(m_case);
        DOSSIER_VERIFY_RESULT(c);
        QVERIFY(c.value()->verify()->ok());
        DOSSIER_VERIFY_RESULT(c.value()->addEvidence(big));
    }

    void cancelLeavesCaseUnchanged()
    {
        const QString src = m_dir.filePath(u"big.bin"_s);
        QVERIFY(writeFile(src, randomBytes(3 << 20, 5)));
        const QByteArray before = fileBytes(m_case);
        {
            auto c = CaseFile::open(m_case);
            DOSSIER_VERIFY_RESULT(c);
            auto r = c.value()->addEvidence(src, {}, [](qint64 done, qint64) {
                return done < (2 << 20);
            });
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Cancelled);
        }
        QCOMPARE(fileBytes(m_case), before);
    }

    // A file of at least 2 GiB is streamed: memory stays flat, and verify re-hashes it.
    void twoGibFileIsStreamed()
    {
        if (qEnvironmentVariableIsSet("DOSSIER_SKIP_LARGE_TESTS"))
            QSKIP("DOSSIER_SKIP_LARGE_TESTS is set");
        const QString src = m_dir.filePath(u"large.bin"_s);
        const qint64 size = (qint64(2) << 30) + 12345;
        {
            QFile f(src);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(size)); // sparse: reads as zeros
            for (qint64 pos : {qint64(0), qint64(1) << 30, size - 10}) {
                QVERIFY(f.seek(pos));
                QVERIFY(f.write("证据") > 0);
            }
        }
        auto expected = sha256HexOfFile(src);
        DOSSIER_VERIFY_RESULT(expected);
        auto c = CaseFile::open(m_case);
        DOSSIER_VERIFY_RESULT(c);
        const qint64 rssBefore = peakRssKiB();
        auto added = c.value()->addEvidence(src);
        const qint64 growthMiB = (peakRssKiB() - rssBefore) / 1024;
        DOSSIER_VERIFY_RESULT(added);
        qInfo("peak RSS growth while storing %lld bytes: %lld MiB", size, growthMiB);
        QVERIFY2(growthMiB < 150, qPrintable(u"grew by %1 MiB"_s.arg(growthMiB)));
        QCOMPARE(added->size, size);
        QCOMPARE(added->sha256, expected.value());
        auto report = c.value()->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(report->ok());
        QVERIFY((peakRssKiB() - rssBefore) / 1024 < 150);
        QFile::remove(src);
    }

private:
    QTemporaryDir m_dir;
    QString m_case;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TstCaseFileEvidence)
#include "tst_casefileevidence.moc"
