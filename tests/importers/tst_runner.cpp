// SPDX-License-Identifier: GPL-3.0-or-later
// The import runner against a fake case: which files are tried, in which order, what lands, and
// how files are grouped into batches (a batch is durable only once committed).
#include <deque>

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "importers/registry.h"
#include "importers/runner.h"
#include "common/sha256.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

struct SessionLog
{
    QString path;
    QString format;
    bool committed = false;  ///< durable: committed on its own or with its batch
    bool rolledBack = false;
    QJsonObject metadata;
    int batch = 0;           ///< 1-based batch it was begun in, 0 = none
    bool sessionCommitted = false;
    bool lostWithBatch = false;
    QByteArray readAhead; ///< what the runner read ahead and handed over, if anything
    QString readAheadSha256;
};

struct TargetState
{
    int openSessions = 0;
    int batch = 0; ///< the open batch, 0 = none
    QList<SessionLog *> pending;
};

class FakeSession final : public Test::MemorySinkSession
{
public:
    FakeSession(SessionLog &log, TargetState &state, bool failCommit)
        : m_log(log), m_state(state), m_failCommit(failCommit)
    {
        ++m_state.openSessions;
    }
    ~FakeSession() override { --m_state.openSessions; }


    Result<ImportCounts> commit() override
    {
        if (m_failCommit)
            return makeError(ErrorCode::Database, u"disk full"_s);
        m_log.sessionCommitted = true;
        if (m_state.batch)
            m_state.pending.append(&m_log);
        else
            m_log.committed = true;
        m_log.metadata = sink.metadata;
        ImportCounts counts;
        counts.added = int(sink.events.size()) + 1;
        return counts;
    }
    void rollback() override { m_log.rolledBack = true; }

private:
    SessionLog &m_log;
    TargetState &m_state;
    bool m_failCommit;
};

class FakeTarget final : public ImportTarget
{
public:
    std::deque<SessionLog> logs; // sessions keep references: addresses must stay stable
    QString failCommitFor;       // file name whose commit fails
    int failBatchCommit = 0;     // 1-based number of the commitBatch() that fails
    bool refuseBatches = false;
    int batchesBegun = 0;
    int batchesCommitted = 0;
    bool misuse = false; // a batch begun inside a batch, or committed with an import open
    TargetState state;

    CaseSettings settings() const override { return {}; }
    Result<std::unique_ptr<ImportSession>> beginImport(const QString &path,
                                                       const QString &format) override
    {
        misuse = misuse || state.openSessions > 0;
        logs.push_back({path, format, false, false, {}, state.batch, false, false, {}, {}});
        std::unique_ptr<ImportSession> session = std::make_unique<FakeSession>(
            logs.back(), state, !failCommitFor.isEmpty() && path.endsWith(failCommitFor));
        return session;
    }
    Result<std::unique_ptr<ImportSession>> beginImportReadAhead(const QString &path,
                                                                const QString &format,
                                                                const ReadAhead &readAhead) override
    {
        auto session = beginImport(path, format);
        logs.back().readAhead = readAhead.contents;
        logs.back().readAheadSha256 = readAhead.sha256;
        return session;
    }
    Result<void> beginBatch() override
    {
        if (refuseBatches)
            return makeError(ErrorCode::Database, u"read-only"_s);
        misuse = misuse || state.batch != 0 || state.openSessions > 0;
        state.batch = ++batchesBegun;
        return {};
    }
    Result<void> commitBatch() override
    {
        misuse = misuse || state.batch == 0 || state.openSessions > 0;
        state.batch = 0;
        const bool fail = ++batchesCommitted == failBatchCommit;
        for (SessionLog *log : std::as_const(state.pending)) {
            log->committed = !fail;
            log->lostWithBatch = fail;
        }
        state.pending.clear();
        if (fail)
            return makeError(ErrorCode::Database, u"disk full at commit"_s);
        return {};
    }
    void rollbackBatch() override
    {
        state.batch = 0;
        state.pending.clear();
    }
    QStringList committedNames() const
    {
        QStringList names;
        for (const auto &log : logs) {
            if (log.committed)
                names << QFileInfo(log.path).fileName();
        }
        return names;
    }
};

void writePng(const QString &path, const QColor &color)
{
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(color);
    QVERIFY(image.save(path, "PNG"));
}

// Noise does not compress: a PNG much larger than the plain ones.
void writeNoisyPng(const QString &path)
{
    QImage image(200, 200, QImage::Format_RGB32);
    quint32 x = 7;
    for (int y = 0; y < image.height(); ++y) {
        for (int i = 0; i < image.width(); ++i) {
            x = x * 1103515245u + 12345u;
            image.setPixel(i, y, x >> 8);
        }
    }
    QVERIFY(image.save(path, "PNG"));
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QStringList names(const QList<FileOutcome> &outcomes)
{
    QStringList list;
    for (const auto &o : outcomes)
        list << QFileInfo(o.path).fileName();
    return list;
}

} // namespace

class TstRunner final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!importerFor(u"image"_s))
            QSKIP("the image importer is not built");
        QVERIFY(m_dir.isValid());
        QDir root(m_dir.path());
        QVERIFY(root.mkpath(u"shots/sub"_s));
        QVERIFY(root.mkpath(u"shots/.hidden"_s));
        writePng(root.filePath(u"shots/b.png"_s), Qt::red);
        writePng(root.filePath(u"shots/sub/a.png"_s), Qt::green);
        writePng(root.filePath(u"shots/.secret.png"_s), Qt::blue);
        writePng(root.filePath(u"shots/.hidden/c.png"_s), Qt::blue);
        writeBytes(root.filePath(u"shots/notes.xyz"_s), QByteArray("\x01\x02\x03\x04", 4));
        writeBytes(root.filePath(u"shots/case.dossier"_s), "SQLite format 3");
        QVERIFY(root.mkpath(u"mixed"_s));
        writePng(root.filePath(u"mixed/1.png"_s), Qt::red);
        writeBytes(root.filePath(u"mixed/2.png"_s), QByteArray(500, '\x5a'));
        writePng(root.filePath(u"mixed/3.png"_s), Qt::green);
        QVERIFY(root.mkpath(u"five"_s));
        for (int i = 1; i <= 5; ++i)
            writePng(root.filePath(u"five/%1.png"_s.arg(i)), QColor(i * 40, 0, 0));
        QVERIFY(root.mkpath(u"big"_s));
        writePng(root.filePath(u"big/1.png"_s), Qt::red);
        writeNoisyPng(root.filePath(u"big/2.png"_s));
        writePng(root.filePath(u"big/3.png"_s), Qt::green);
    }

    void folderRecursesSortedAndSkips()
    {
        FakeTarget target;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"shots"_s)});
        // Hidden files, hidden folders, the case file and unrecognised files are left out.
        QCOMPARE(names(outcomes), (QStringList{u"b.png"_s, u"a.png"_s}));
        QCOMPARE(outcomes.at(0).path, m_dir.filePath(u"shots/b.png"_s));
        for (const auto &o : outcomes) {
            QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
            QCOMPARE(o.format, u"image"_s);
            QCOMPARE(o.counts.added, 1);
        }
        QCOMPARE(target.committedNames(), (QStringList{u"b.png"_s, u"a.png"_s}));
        QCOMPARE(target.logs.at(0).metadata.value(u"width"_s).toInt(), 40);
    }

    void explicitUnknownFileIsAnError()
    {
        FakeTarget target;
        const QString path = m_dir.filePath(u"shots/notes.xyz"_s);
        const auto outcomes = importPaths(target, {path});
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(outcomes.at(0).error);
        QCOMPARE(outcomes.at(0).error->code, ErrorCode::Unsupported);
        QVERIFY(outcomes.at(0).error->message.contains(path));
        QVERIFY(outcomes.at(0).error->message.contains(u"image"_s)); // lists the formats
        QVERIFY(outcomes.at(0).format.isEmpty());
        QVERIFY(target.logs.empty());
    }

    void missingFileIsAnError()
    {
        FakeTarget target;
        const QString path = m_dir.filePath(u"nope.png"_s);
        const auto outcomes = importPaths(target, {path});
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(outcomes.at(0).error);
        QCOMPARE(outcomes.at(0).error->code, ErrorCode::NotFound);
        QVERIFY(outcomes.at(0).error->message.contains(path));
    }

    void unreadableFileIsAnError()
    {
        if (::geteuid() == 0)
            QSKIP("root reads any file");
        FakeTarget target;
        const QString path = m_dir.filePath(u"locked.png"_s);
        writePng(path, Qt::red);
        QFile::setPermissions(path, QFileDevice::WriteOwner);
        const auto outcomes = importPaths(target, {path});
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(outcomes.at(0).error);
        QCOMPARE(outcomes.at(0).error->code, ErrorCode::Io);
        QVERIFY(outcomes.at(0).error->message.contains(path));
    }

    void unknownForcedFormatFailsEveryFile()
    {
        FakeTarget target;
        RunOptions options;
        options.format = u"betamax"_s;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed"_s)}, options);
        QCOMPARE(outcomes.size(), 3);
        for (const auto &o : outcomes) {
            QVERIFY(o.error);
            QCOMPARE(o.error->code, ErrorCode::Usage);
            QVERIFY(o.error->message.contains(u"betamax"_s));
            QVERIFY(o.error->message.contains(u"image"_s));
        }
        QVERIFY(target.logs.empty());
    }

    void unknownForcedFormatOnEmptyFolderStillSaysSo()
    {
        FakeTarget target;
        QDir(m_dir.path()).mkpath(u"empty"_s);
        RunOptions options;
        options.format = u"betamax"_s;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"empty"_s)}, options);
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(outcomes.at(0).error);
        QCOMPARE(outcomes.at(0).error->code, ErrorCode::Usage);
    }

    void emptyFolderImportsNothing()
    {
        FakeTarget target;
        QDir(m_dir.path()).mkpath(u"empty"_s);
        QVERIFY(importPaths(target, {m_dir.filePath(u"empty"_s)}).isEmpty());
        QVERIFY(target.logs.empty());
    }

    void forcedFormatSkipsSniffing()
    {
        FakeTarget target;
        RunOptions options;
        options.format = u"IMAGE"_s;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"shots/notes.xyz"_s)}, options);
        QCOMPARE(outcomes.size(), 1);
        QCOMPARE(outcomes.at(0).format, u"image"_s);
        QVERIFY(outcomes.at(0).error); // tried as an image, and it is not one
        QCOMPARE(outcomes.at(0).error->code, ErrorCode::Parse);
        QCOMPARE(int(target.logs.size()), 1);
        QVERIFY(target.logs.at(0).rolledBack);
        QVERIFY(!target.logs.at(0).committed);
    }

    void badFileAmongGoodOnes()
    {
        FakeTarget target;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed"_s)});
        QCOMPARE(names(outcomes), (QStringList{u"1.png"_s, u"2.png"_s, u"3.png"_s}));
        QVERIFY(!outcomes.at(0).error);
        QVERIFY(outcomes.at(1).error);
        QVERIFY(outcomes.at(1).error->message.contains(u"2.png"_s));
        QVERIFY(!outcomes.at(2).error);
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"3.png"_s}));
        QVERIFY(target.logs.at(1).rolledBack);
    }

    void commitFailureBecomesTheFileError()
    {
        FakeTarget target;
        target.failCommitFor = u"3.png"_s;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed/1.png"_s),
                                                   m_dir.filePath(u"mixed/3.png"_s)});
        QCOMPARE(outcomes.size(), 2);
        QVERIFY(!outcomes.at(0).error);
        QVERIFY(outcomes.at(1).error);
        QCOMPARE(outcomes.at(1).error->code, ErrorCode::Database);
        QVERIFY(target.logs.at(1).rolledBack);
        QCOMPARE(target.committedNames(), QStringList{u"1.png"_s});
    }

    void progressReportsEveryFile()
    {
        FakeTarget target;
        RunOptions options;
        QList<QPair<int, int>> seen;
        qint64 lastTotal = -1;
        bool doneWithinTotal = true;
        options.progress = [&](int file, int files, qint64 done, qint64 total) {
            seen.append({file, files});
            doneWithinTotal = doneWithinTotal && done <= total;
            lastTotal = total;
            return true;
        };
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed/1.png"_s),
                                                   m_dir.filePath(u"mixed/3.png"_s)}, options);
        QCOMPARE(outcomes.size(), 2);
        QVERIFY(doneWithinTotal);
        QVERIFY(seen.contains(qMakePair(0, 2)));
        QVERIFY(seen.contains(qMakePair(1, 2)));
        QCOMPARE(lastTotal, QFileInfo(m_dir.filePath(u"mixed/3.png"_s)).size());
    }

    void cancelRollsBackCurrentAndStops()
    {
        FakeTarget target;
        RunOptions options;
        // Refuse once the second file has been read (the image importer reports at the end).
        options.progress = [](int file, int, qint64 done, qint64) { return !(file == 1 && done > 0); };
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed/1.png"_s),
                                                   m_dir.filePath(u"mixed/3.png"_s),
                                                   m_dir.filePath(u"shots/b.png"_s)}, options);
        QCOMPARE(outcomes.size(), 3);
        QVERIFY(!outcomes.at(0).error);
        QVERIFY(outcomes.at(1).error);
        QCOMPARE(outcomes.at(1).error->code, ErrorCode::Cancelled);
        QVERIFY(outcomes.at(2).error);
        QCOMPARE(outcomes.at(2).error->code, ErrorCode::Cancelled);
        QCOMPARE(int(target.logs.size()), 2); // the third file was never begun
        QVERIFY(target.logs.at(1).rolledBack);
        QVERIFY(!target.logs.at(1).committed);
        QCOMPARE(target.committedNames(), QStringList{u"1.png"_s});
    }

    void cancelBeforeFirstFileImportsNothing()
    {
        FakeTarget target;
        RunOptions options;
        options.progress = [](int, int, qint64, qint64) { return false; };
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed"_s)}, options);
        QCOMPARE(outcomes.size(), 3);
        for (const auto &o : outcomes)
            QCOMPARE(o.error->code, ErrorCode::Cancelled);
        QVERIFY(target.logs.empty());
    }

    void batchesGroupFilesAndCommitAtTheEnd()
    {
        FakeTarget target;
        RunOptions options;
        options.batchFiles = 2;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"five"_s)}, options);
        QCOMPARE(outcomes.size(), 5);
        for (const auto &o : outcomes) {
            QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
            QCOMPARE(o.counts.added, 1);
        }
        QCOMPARE(target.batchesBegun, 3); // 2 + 2 + the last one
        QCOMPARE(target.batchesCommitted, 3);
        QVERIFY(!target.misuse);
        QCOMPARE(target.committedNames().size(), 5);
        QCOMPARE(target.logs.at(0).batch, 1);
        QCOMPARE(target.logs.at(1).batch, 1);
        QCOMPARE(target.logs.at(2).batch, 2);
        QCOMPARE(target.logs.at(4).batch, 3);
    }

    void defaultBatchHoldsAWholeFolder()
    {
        FakeTarget target;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"five"_s)});
        QCOMPARE(outcomes.size(), 5);
        QCOMPARE(target.batchesBegun, 1);
        QCOMPARE(target.batchesCommitted, 1);
        QCOMPARE(target.committedNames().size(), 5);
    }

    void bytesCloseABatchToo()
    {
        FakeTarget target;
        RunOptions options;
        // Each of the five files is below the limit, any two together are above it.
        const qint64 size = QFileInfo(m_dir.filePath(u"five/1.png"_s)).size();
        options.batchBytes = size + 1;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"five"_s)}, options);
        QCOMPARE(outcomes.size(), 5);
        QCOMPARE(target.batchesBegun, 3);
        QCOMPARE(target.committedNames().size(), 5);
        QVERIFY(!target.misuse);
    }

    void fileAsLargeAsABatchGoesAlone()
    {
        FakeTarget target;
        RunOptions options;
        options.batchBytes = QFileInfo(m_dir.filePath(u"big/2.png"_s)).size();
        const auto outcomes = importPaths(target, {m_dir.filePath(u"big"_s)}, options);
        QCOMPARE(names(outcomes), (QStringList{u"1.png"_s, u"2.png"_s, u"3.png"_s}));
        for (const auto &o : outcomes)
            QVERIFY(!o.error);
        QCOMPARE(target.logs.at(0).batch, 1);
        QCOMPARE(target.logs.at(1).batch, 0); // its own transaction, the batch before it committed
        QCOMPARE(target.logs.at(2).batch, 2);
        QCOMPARE(target.batchesCommitted, 2);
        QVERIFY(!target.misuse);
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"2.png"_s, u"3.png"_s}));
    }

    void badFileInsideABatchLeavesTheOthers()
    {
        FakeTarget target;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed"_s)});
        QCOMPARE(outcomes.size(), 3);
        QCOMPARE(target.batchesBegun, 1);
        QVERIFY(outcomes.at(1).error);
        QCOMPARE(outcomes.at(1).error->code, ErrorCode::Parse);
        QCOMPARE(outcomes.at(1).counts.added, 0);
        QVERIFY(target.logs.at(1).rolledBack);
        QVERIFY(!target.logs.at(1).sessionCommitted);
        QCOMPARE(outcomes.at(0).counts.added, 1);
        QCOMPARE(outcomes.at(2).counts.added, 1);
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"3.png"_s}));
    }

    void failedBatchCommitFailsEveryFileOfIt()
    {
        FakeTarget target;
        target.failBatchCommit = 2;
        target.failCommitFor = u"4.png"_s;
        RunOptions options;
        options.batchFiles = 2;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"five"_s)}, options);
        QCOMPARE(outcomes.size(), 5);
        // Batch 1: files 1 and 2. Batch 2: file 3, file 4 (fails on its own), file 5; its
        // commit fails, so 3 and 5 did not land either.
        QVERIFY(!outcomes.at(0).error);
        QVERIFY(!outcomes.at(1).error);
        for (const int i : {2, 4}) {
            QVERIFY(outcomes.at(i).error);
            QCOMPARE(outcomes.at(i).error->code, ErrorCode::Database);
            QCOMPARE(outcomes.at(i).error->message, u"disk full at commit"_s);
            QCOMPARE(outcomes.at(i).counts.added, 0);
            QVERIFY(target.logs.at(size_t(i)).lostWithBatch);
        }
        QVERIFY(outcomes.at(3).error);
        QCOMPARE(outcomes.at(3).error->message, u"disk full"_s); // its own error stays
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"2.png"_s}));
        QCOMPARE(target.batchesCommitted, 2);
        QVERIFY(!target.misuse);
    }

    void smallFilesAreHandedOverReadAndHashed()
    {
        FakeTarget target;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"big"_s)});
        QCOMPARE(outcomes.size(), 3);
        QCOMPARE(int(target.logs.size()), 3);
        for (const SessionLog &log : target.logs) {
            QFile file(log.path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QCOMPARE(log.readAhead, bytes);
            QCOMPARE(log.readAheadSha256, Sha256::hex(bytes));
            QVERIFY(log.committed);
            // Parsed on the read-ahead thread, handed to the session all the same.
            QVERIFY(log.metadata.value(u"width"_s).toInt() > 0);
        }
    }

    void targetWithoutBatchesStillImports()
    {
        FakeTarget target;
        target.refuseBatches = true;
        const auto outcomes = importPaths(target, {m_dir.filePath(u"mixed"_s)});
        QCOMPARE(outcomes.size(), 3);
        QVERIFY(!outcomes.at(0).error);
        QVERIFY(outcomes.at(1).error);
        QVERIFY(!outcomes.at(2).error);
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"3.png"_s}));
        QCOMPARE(target.logs.at(0).batch, 0);
    }

    void cancelCommitsTheBatchSoFar()
    {
        FakeTarget target;
        RunOptions options;
        options.progress = [](int file, int, qint64 done, qint64) { return !(file == 3 && done > 0); };
        const auto outcomes = importPaths(target, {m_dir.filePath(u"five"_s)}, options);
        QCOMPARE(outcomes.size(), 5);
        for (const int i : {0, 1, 2})
            QVERIFY(!outcomes.at(i).error);
        for (const int i : {3, 4})
            QCOMPARE(outcomes.at(i).error->code, ErrorCode::Cancelled);
        QCOMPARE(target.batchesCommitted, 1);
        QVERIFY(target.logs.at(3).rolledBack);
        QCOMPARE(target.committedNames(), (QStringList{u"1.png"_s, u"2.png"_s, u"3.png"_s}));
        QVERIFY(!target.misuse);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstRunner)
#include "tst_runner.moc"
