// SPDX-License-Identifier: GPL-3.0-or-later
// Call recordings on a machine without FFmpeg: the recording fails on its own with a clear error,
// the other files of the same import still land. Its own process: FFmpeg is opened only once.
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "importers/formats.h"
#include "importers/libav.h"
#include "importers/runner.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

const QByteArray MISSING_AVFORMAT("libavformat.so.0-dossier-missing");

class Session final : public Test::MemorySinkSession
{
public:
    explicit Session(bool &committed) : m_committed(committed) {}

    Result<ImportCounts> commit() override
    {
        m_committed = true;
        ImportCounts counts;
        counts.added = int(sink.events.size() + sink.contacts.size());
        return counts;
    }
    void rollback() override {}

private:
    bool &m_committed;
};

class Target final : public ImportTarget
{
public:
    QMap<QString, bool> committed; // file name -> committed

    CaseSettings settings() const override { return {}; }
    Result<std::unique_ptr<ImportSession>> beginImport(const QString &path,
                                                       const QString &) override
    {
        bool &flag = committed[QFileInfo(path).fileName()];
        flag = false;
        return std::unique_ptr<ImportSession>(std::make_unique<Session>(flag));
    }
};

// Half a second of 8 kHz mono 16-bit PCM WAV: a file FFmpeg would read without complaint.
QByteArray wav()
{
    const QByteArray pcm(8000, '\x10');
    QByteArray b("RIFF");
    const auto le32 = [&b](quint32 v) {
        for (int i = 0; i < 4; ++i)
            b.append(char((v >> (8 * i)) & 0xFF));
    };
    le32(36 + quint32(pcm.size()));
    b.append("WAVEfmt ");
    le32(16);
    b.append("\x01\x00\x01\x00", 4); // PCM, mono
    le32(8000);
    le32(16000);
    b.append("\x02\x00\x10\x00", 4); // block align 2, 16 bits
    b.append("data");
    le32(quint32(pcm.size()));
    return b + pcm;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TstRecordingWithoutFfmpeg final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LibAvNames names = installedLibAvNames();
        names.avformat = MISSING_AVFORMAT;
        setLibAvNamesForTesting(names);
    }

    void recordingFailsAloneOthersImport()
    {
        const QString recording = u"13800138000_20250212093000.wav"_s;
        const QString contacts = u"通讯录.vcf"_s;
        QVERIFY(writeFile(m_dir.filePath(recording), wav()));
        QVERIFY(writeFile(m_dir.filePath(contacts),
                          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nTEL;TYPE=CELL:13800138000\r\n"
                          "END:VCARD\r\n"));
        Target target;
        const auto outcomes = importPaths(target, {m_dir.path()});
        QCOMPARE(outcomes.size(), 2);
        for (const FileOutcome &outcome : outcomes) {
            const QString name = QFileInfo(outcome.path).fileName();
            if (name == recording) {
                QCOMPARE(outcome.format, u"recording"_s);
                QVERIFY(outcome.error);
                QCOMPARE(outcome.error->code, ErrorCode::Unsupported);
                QVERIFY2(outcome.error->message.contains(recording),
                         qPrintable(outcome.error->message));
                QVERIFY2(outcome.error->message.contains(
                             u"Recordings cannot be read: FFmpeg's %1 is not installed."_s.arg(
                                 QString::fromUtf8(MISSING_AVFORMAT))),
                         qPrintable(outcome.error->message));
                QVERIFY(outcome.error->detail.contains(QString::fromUtf8(MISSING_AVFORMAT)));
                QVERIFY(!target.committed.value(recording));
            } else {
                QCOMPARE(name, contacts);
                QCOMPARE(outcome.format, u"vcard"_s);
                QVERIFY2(!outcome.error,
                         qPrintable(outcome.error ? outcome.error->toString() : QString()));
                QCOMPARE(outcome.counts.added, 1);
                QVERIFY(target.committed.value(contacts));
            }
        }
    }

    void everyRecordingGetsTheSameError()
    {
        const QString path = m_dir.filePath(u"张三(13800138000)_20250212093000.wav"_s);
        QVERIFY(writeFile(path, wav()));
        for (int i = 0; i < 2; ++i) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            Test::MemorySink sink;
            const auto r = makeRecordingImporter()->parse(file, path, ImportContext{}, sink);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Unsupported);
            QVERIFY(r.error().message.contains(QString::fromUtf8(MISSING_AVFORMAT)));
            QVERIFY(sink.metadata.isEmpty());
            QVERIFY(!sink.recordingAt);
        }
        QVERIFY(!libAv());
        // Nothing of FFmpeg stays behind after the failed attempt.
        QFile maps(u"/proc/self/maps"_s);
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("libQt6Core.so"));
        QVERIFY(!mapped.contains("/libavformat.so."));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstRecordingWithoutFfmpeg)
#include "tst_recordingwithoutffmpeg.moc"
