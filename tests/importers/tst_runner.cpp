// SPDX-License-Identifier: GPL-3.0-or-later
// The import runner against a fake case: which files are tried, in which order, what lands.
#include <deque>

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include "importers/registry.h"
#include "importers/runner.h"
#include "support/memorysink.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Import;

namespace {

struct SessionLog
{
    QString path;
    QString format;
    bool committed = false;
    bool rolledBack = false;
    QJsonObject metadata;
};

class FakeSession final : public ImportSession
{
public:
    FakeSession(SessionLog &log, bool failCommit) : m_log(log), m_failCommit(failCommit) {}

    void setSourceMetadata(const QJsonObject &m) override { m_sink.setSourceMetadata(m); }
    void setSourceThumbnail(const QByteArray &png) override { m_sink.setSourceThumbnail(png); }
    void setRecordingOf(const QString &n, SourceTime at) override { m_sink.setRecordingOf(n, at); }
    Result<void> addEvent(const EventRecord &r) override { return m_sink.addEvent(r); }
    Result<void> addContact(const ContactRecord &c) override { return m_sink.addContact(c); }
    Result<QString> addAttachment(const AttachmentRecord &a, QIODevice &d) override
    {
        return m_sink.addAttachment(a, d);
    }
    void reject(const QString &l, const QString &r) override { m_sink.reject(l, r); }

    Result<ImportCounts> commit() override
    {
        if (m_failCommit)
            return makeError(ErrorCode::Database, u"disk full"_s);
        m_log.committed = true;
        m_log.metadata = m_sink.metadata;
        ImportCounts counts;
        counts.added = int(m_sink.events.size()) + 1;
        return counts;
    }
    void rollback() override { m_log.rolledBack = true; }

private:
    SessionLog &m_log;
    bool m_failCommit;
    Test::MemorySink m_sink;
};

class FakeTarget final : public ImportTarget
{
public:
    std::deque<SessionLog> logs; // sessions keep references: addresses must stay stable
    QString failCommitFor;       // file name whose commit fails

    CaseSettings settings() const override { return {}; }
    Result<std::unique_ptr<ImportSession>> beginImport(const QString &path,
                                                       const QString &format) override
    {
        logs.push_back({path, format, false, false, {}});
        std::unique_ptr<ImportSession> session = std::make_unique<FakeSession>(
            logs.back(), !failCommitFor.isEmpty() && path.endsWith(failCommitFor));
        return session;
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

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstRunner)
#include "tst_runner.moc"
