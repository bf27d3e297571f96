// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety: a writer is killed with SIGKILL at random moments; every time, the case still
// verifies, everything it reported as committed is there, and nothing is half-written.

#include <QProcess>
#include <QRandomGenerator>
#include <QSet>

#include "casefiletest.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

class TstCaseFileCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterNeverLeavesHalfRecords()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"crash.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator gen(seed);
        QSet<qint64> incidents;
        QSet<QString> evidence;
        int committedImports = 0;
        int rounds = 0;
        for (int round = 0; round < 50; ++round) {
            QProcess child;
            child.start(QStringLiteral(DOSSIER_CRASHWRITER), {path, dir.path()});
            QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
            // The random moment counts from when the writer is ready (under load its start-up
            // alone can take longer than the whole window).
            QByteArray out;
            while (!out.contains("ready\n") && child.waitForReadyRead(60000))
                out += child.readAllStandardOutput();
            QVERIFY2(out.contains("ready\n"), child.readAllStandardError().constData());
            const int killAfterMs = 20 + int(gen.bounded(381));
            if (!child.waitForFinished(killAfterMs)) {
                child.kill(); // SIGKILL
                child.waitForFinished(10000);
            } else {
                QFAIL(qPrintable(u"the writer stopped by itself: "_s
                                 + QString::fromUtf8(child.readAllStandardError())));
            }
            // Only complete lines: the kill may cut one in half.
            out += child.readAllStandardOutput();
            const QList<QByteArray> lines = out.left(out.lastIndexOf('\n') + 1).split('\n');
            for (const QByteArray &line : lines) {
                if (line.startsWith("incident "))
                    incidents.insert(line.mid(9).toLongLong());
                else if (line.startsWith("evidence "))
                    evidence.insert(QString::fromLatin1(line.mid(9)));
                else if (line.startsWith("import "))
                    ++committedImports;
            }

            auto c = CaseFile::open(path, CaseFile::Mode::ReadOnly);
            DOSSIER_VERIFY_RESULT(c);
            auto report = c.value()->verify();
            DOSSIER_VERIFY_RESULT(report);
            for (const auto &p : report->problems)
                qWarning() << "round" << round << p.item << p.reason;
            QVERIFY(report->ok());

            const auto events = c.value()->events().value();
            QSet<qint64> present;
            for (const EventRow &e : events) {
                if (e.kind == EventKind::Incident)
                    present.insert(e.id);
            }
            for (qint64 id : std::as_const(incidents))
                QVERIFY2(present.contains(id), qPrintable(u"incident %1 lost"_s.arg(id)));
            QSet<QString> stored;
            const auto rows = c.value()->evidence().value();
            for (const EvidenceRow &e : rows)
                stored.insert(e.sha256);
            for (const QString &sha : std::as_const(evidence))
                QVERIFY2(stored.contains(sha), qPrintable(u"evidence %1 lost"_s.arg(sha)));
            c.value().reset();

            // Every record came with its audit entry; no import is partly there.
            QCOMPARE(rawQuery(path, u"SELECT count(*) FROM events WHERE kind = 'incident'"_s),
                     rawQuery(path, u"SELECT count(*) FROM audit WHERE action = 'incident logged'"_s));
            QCOMPARE(rawQuery(path, u"SELECT count(*) FROM evidence WHERE method = 'add'"_s),
                     rawQuery(path, u"SELECT count(*) FROM audit WHERE action = 'evidence added'"_s));
            QCOMPARE(rawQuery(path, u"SELECT count(*) FROM audit WHERE action = 'import' AND "
                                    "seq NOT IN (SELECT audit_seq FROM events)"_s),
                     u"0"_s);
            QCOMPARE(rawQuery(path, u"SELECT count(*) FROM (SELECT audit_seq FROM events WHERE "
                                    "kind = 'call' GROUP BY audit_seq HAVING count(*) <> 50)"_s),
                     u"0"_s);
            QCOMPARE(rawQuery(path, u"SELECT count(*) FROM evidence e WHERE chunk_count <> "
                                    "(SELECT count(*) FROM evidence_chunks c WHERE "
                                    "c.evidence_id = e.id)"_s),
                     u"0"_s);
            ++rounds;
        }
        QCOMPARE(rounds, 50);
        qInfo("%lld incidents, %lld evidence files, %d imports reported committed",
              qint64(incidents.size()), qint64(evidence.size()), committedImports);
        QVERIFY(!incidents.isEmpty());
        QVERIFY(!evidence.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstCaseFileCrash)
#include "tst_casefilecrash.moc"
