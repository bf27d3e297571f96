// SPDX-License-Identifier: GPL-3.0-or-later
// Creating, opening, migrating and refusing case files.

#include <QFileInfo>

#include <sqlite3.h>

#include "casefile/schema.h"
#include "casefile/sqlitedb.h"
#include "casefiletest.h"

using namespace Qt::StringLiterals;
using namespace Dossier;
using namespace Dossier::Test;

class TstCaseFileOpen final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void createWritesMetaAndFirstAuditEntry()
    {
        const QString path = m_dir.filePath(u"a.dossier"_s);
        NewCaseOptions o;
        o.title = u"网贷催收 2025"_s;
        o.own.numbers = {u"13800138000"_s};
        o.own.wechatNames = {u"小王"_s};
        auto c = CaseFile::create(path, o);
        DOSSIER_VERIFY_RESULT(c);
        const CaseInfo info = c.value()->info();
        QCOMPARE(info.title, o.title);
        QCOMPARE(info.zone.id(), QByteArrayLiteral("Asia/Shanghai"));
        QCOMPARE(info.own.numbers, o.own.numbers);
        QCOMPARE(info.own.wechatNames, o.own.wechatNames);
        QCOMPARE(info.schemaVersion, CaseFile::currentSchemaVersion());
        QCOMPARE(info.createdAppVersion, QStringLiteral(DOSSIER_VERSION));
        QCOMPARE(info.uuid.size(), 36);
        auto report = c.value()->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(report->ok());
        QCOMPARE(report->auditEntries, 1);
        c.value().reset();

        QCOMPARE(rawQuery(path, u"PRAGMA application_id"_s), u"1146049363"_s);
        // Rollback journal: a closed case is one self-contained file.
        QCOMPARE(rawQuery(path, u"PRAGMA journal_mode"_s), u"delete"_s);
        QCOMPARE(rawQuery(path, u"PRAGMA page_size"_s), u"16384"_s);
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            QVERIFY2(!QFileInfo::exists(path + QLatin1String(suffix)), suffix);
        QCOMPARE(rawQuery(path, u"SELECT action FROM audit WHERE seq = 1"_s), u"case created"_s);
        QVERIFY(!QFileInfo::exists(path + u".creating"_s));

        auto again = CaseFile::open(path);
        DOSSIER_VERIFY_RESULT(again);
        QCOMPARE(again.value()->info().uuid, info.uuid);
        QCOMPARE(again.value()->settings().own.numbers, o.own.numbers);
    }

    void createRefusesExistingFile()
    {
        const QString path = m_dir.filePath(u"exists.dossier"_s);
        QVERIFY(writeFile(path, "x"));
        auto c = CaseFile::create(path, {});
        QVERIFY(!c);
        QVERIFY(c.error().message.contains(path));
        QCOMPARE(fileBytes(path), QByteArray("x"));
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("empty file is not a case") << u"empty"_s << ErrorCode::NotACaseFile;
        QTest::newRow("text file is not a case") << u"text"_s << ErrorCode::NotACaseFile;
        QTest::newRow("another SQLite database is not a case")
            << u"othersqlite"_s << ErrorCode::NotACaseFile;
        QTest::newRow("truncated case is corrupt") << u"truncated"_s << ErrorCode::Corrupt;
        QTest::newRow("damaged schema page is corrupt") << u"damaged"_s << ErrorCode::Corrupt;
        QTest::newRow("missing file") << u"missing"_s << ErrorCode::NotFound;
    }

    void refusesBadFiles()
    {
        QFETCH(QString, kind);
        QFETCH(ErrorCode, code);
        const QString path = m_dir.filePath(kind + u".dossier"_s);
        if (kind == u"empty"_s) {
            QVERIFY(writeFile(path, {}));
        } else if (kind == u"text"_s) {
            QVERIFY(writeFile(path, "这不是案件文件\n"_ba));
        } else if (kind == u"othersqlite"_s) {
            QVERIFY(writeFile(path, {}));
            QCOMPARE(rawExec(path, u"CREATE TABLE t(x); INSERT INTO t VALUES (1);"_s), QString());
        } else if (kind == u"truncated"_s || kind == u"damaged"_s) {
            {
                auto c = CaseFile::create(path, {});
                DOSSIER_VERIFY_RESULT(c);
                const QString big = m_dir.filePath(kind + u".bin"_s);
                QVERIFY(writeFile(big, QByteArray(300 * 1024, 'z')));
                DOSSIER_VERIFY_RESULT(c.value()->addEvidence(big));
            }
            QByteArray bytes = fileBytes(path);
            QVERIFY(bytes.size() > 300 * 1024);
            if (kind == u"truncated"_s) {
                bytes.truncate(bytes.size() / 2);
            } else {
                for (int i = 100; i < 4096; ++i)
                    bytes[i] = char(0xA5);
            }
            QVERIFY(writeFile(path, bytes));
        }
        const QByteArray before = fileBytes(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c);
        QCOMPARE(c.error().code, code);
        QVERIFY2(c.error().message.contains(path), qPrintable(c.error().message));
        QCOMPARE(fileBytes(path), before);
        if (code == ErrorCode::NotACaseFile) {
            QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
            QVERIFY(!QFileInfo::exists(path + u"-shm"_s));
        }
    }

    void refusesNewerIncompatibleFile()
    {
        const QString path = m_dir.filePath(u"new.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        const int next = CaseFile::currentSchemaVersion() + 1;
        QCOMPARE(rawExec(path, u"UPDATE meta SET value = '%1' WHERE key IN "
                               "('schema_version', 'min_reader_version')"_s.arg(next)),
                 QString());
        const QByteArray before = fileBytes(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c);
        QCOMPARE(c.error().code, ErrorCode::TooNew);
        QVERIFY(c.error().message.contains(path));
        QVERIFY2(c.error().message.contains(u"version %1"_s.arg(next)),
                 qPrintable(c.error().message));
        QCOMPARE(fileBytes(path), before);
    }

    void opensNewerCompatibleFile()
    {
        const QString path = m_dir.filePath(u"compatible.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        QCOMPARE(rawExec(path, u"UPDATE meta SET value = '%1' WHERE key = 'schema_version'"_s.arg(
                                   CaseFile::currentSchemaVersion() + 1)),
                 QString());
        auto c = CaseFile::open(path);
        DOSSIER_VERIFY_RESULT(c);
        IncidentInput in;
        in.at = cst(2025, 2, 12, 23, 14);
        in.text = u"催收电话"_s;
        DOSSIER_VERIFY_RESULT(c.value()->logIncident(in));
        auto report = c.value()->verify();
        DOSSIER_VERIFY_RESULT(report);
        QVERIFY(report->ok());
    }

    void readOnlyOpenRefusesWrites()
    {
        const QString path = m_dir.filePath(u"ro.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        const QByteArray before = fileBytes(path);
        {
            auto c = CaseFile::open(path, CaseFile::Mode::ReadOnly);
            DOSSIER_VERIFY_RESULT(c);
            IncidentInput in;
            in.at = cst(2025, 2, 12, 23, 14);
            auto r = c.value()->logIncident(in);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Usage);
            DOSSIER_VERIFY_RESULT(c.value()->events());
            DOSSIER_VERIFY_RESULT(c.value()->verify());
        }
        QCOMPARE(fileBytes(path), before);
    }

    void openingForWritingWithoutChangesKeepsBytes()
    {
        const QString path = m_dir.filePath(u"same.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        const QByteArray before = fileBytes(path);
        {
            auto c = CaseFile::open(path);
            DOSSIER_VERIFY_RESULT(c);
            DOSSIER_VERIFY_RESULT(c.value()->stats());
        }
        QCOMPARE(fileBytes(path), before);
    }

    // Cases written by builds that used WAL switch to the rollback journal when opened for
    // writing, keeping everything committed, including what still sat in the -wal file.
    void walCaseSwitchesToRollbackJournal()
    {
        const QString path = m_dir.filePath(u"was-wal.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        {
            // A writer that stopped before checkpointing: its change is only in the -wal file.
            auto db = Sql::Database::open(path, Sql::Database::OpenMode::ReadWrite);
            DOSSIER_VERIFY_RESULT(db);
            sqlite3 *handle = db.value()->handle();
            QCOMPARE(db.value()->scalarText("PRAGMA journal_mode = WAL"), u"wal"_s);
            QCOMPARE(sqlite3_exec(handle, "PRAGMA wal_autocheckpoint = 0; UPDATE meta SET value = "
                                          "'still here' WHERE key = 'title'",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            QCOMPARE(sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr),
                     SQLITE_OK);
        }
        QVERIFY(QFileInfo(path + u"-wal"_s).size() > 0);
        {
            auto c = CaseFile::open(path);
            DOSSIER_VERIFY_RESULT(c);
            QCOMPARE(c.value()->info().title, u"still here"_s);
        }
        QCOMPARE(rawQuery(path, u"PRAGMA journal_mode"_s), u"delete"_s);
        QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
        QCOMPARE(rawQuery(path, u"SELECT value FROM meta WHERE key = 'title'"_s),
                 u"still here"_s);
    }

    // The runner is data-driven: a synthetic later step shows the backup, the per-step
    // transaction and the version bump.
    void migrationRunnerAppliesLaterStepWithBackup()
    {
        const QString path = m_dir.filePath(u"migrate.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        const int v = CaseFile::currentSchemaVersion();
        QList<Schema::Migration> steps = Schema::builtinMigrations();
        steps << Schema::Migration{v + 1, 1, u"synthetic.sql"_s,
                                   "CREATE TABLE synthetic_extra (x INTEGER);"};
        {
            auto db = Sql::Database::open(path, Sql::Database::OpenMode::ReadWrite);
            DOSSIER_VERIFY_RESULT(db);
            try {
                Schema::migrate(*db.value(), steps, v + 1);
            } catch (const Sql::Failure &f) {
                QFAIL(qPrintable(f.error.toString()));
            }
            QCOMPARE(Schema::schemaVersion(*db.value()), v + 1);
        }
        const QString backup = Schema::backupPath(path, v);
        QCOMPARE(backup, path + u".schema-v%1.bak"_s.arg(v));
        QVERIFY(QFileInfo::exists(backup));
        QCOMPARE(rawQuery(backup, u"SELECT value FROM meta WHERE key = 'schema_version'"_s),
                 QString::number(v));
        QCOMPARE(rawQuery(backup, u"SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'synthetic_extra'"_s),
                 u"0"_s);
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM sqlite_schema WHERE name = "
                                "'synthetic_extra'"_s),
                 u"1"_s);
        // The backup is itself a case file at the old version.
        auto old = CaseFile::open(backup, CaseFile::Mode::ReadOnly);
        DOSSIER_VERIFY_RESULT(old);
        QVERIFY(old.value()->verify()->ok());
    }

    void failedMigrationStepLeavesLastGoodVersion()
    {
        const QString path = m_dir.filePath(u"failstep.dossier"_s);
        DOSSIER_VERIFY_RESULT(CaseFile::create(path, {}));
        const int v = CaseFile::currentSchemaVersion();
        QList<Schema::Migration> steps = Schema::builtinMigrations();
        steps << Schema::Migration{v + 1, 1, u"good.sql"_s, "CREATE TABLE good_step (x);"};
        steps << Schema::Migration{v + 2, 1, u"bad.sql"_s,
                                   "CREATE TABLE half_done (x); SELECT no_such_function();"};
        auto db = Sql::Database::open(path, Sql::Database::OpenMode::ReadWrite);
        DOSSIER_VERIFY_RESULT(db);
        bool threw = false;
        try {
            Schema::migrate(*db.value(), steps, v + 2);
        } catch (const Sql::Failure &) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(Schema::schemaVersion(*db.value()), v + 1);
        db.value().reset();
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'"_s),
                 u"0"_s);
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM sqlite_schema WHERE name = 'good_step'"_s),
                 u"1"_s);
    }

    // One row per schema version this build can upgrade from (only the current one so far).
    void opensEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (const Schema::Migration &m : Schema::builtinMigrations())
            QTest::newRow(qPrintable(u"schema v%1"_s.arg(m.version))) << m.version;
    }

    void opensEveryEarlierVersion()
    {
        QFETCH(int, version);
        const QString path = m_dir.filePath(u"v%1.dossier"_s.arg(version));
        // Rows written by that version must come through upgrades unchanged.
        const QString made = makeEarlierCase(
            path, version,
            "INSERT INTO numbers (id, key, raw, type, audit_seq, row_digest) "
            "VALUES (7, '+8613800138000', '13800138000', 'mobile', 1, 'n');"
            "INSERT INTO events (id, utc_ms, offset_s, kind, channel, direction, number_id, "
            "raw_number, text, dedupe_key, audit_seq, row_digest) VALUES (42, 1739412900000, "
            "28800, 'message', 'sms', 'incoming', 7, '13800138000', '还钱', x'0102', 1, 'd');"
            "INSERT INTO event_numbers (event_id, number_id, raw, audit_seq, row_digest) "
            "VALUES (42, 7, '13800138000', 1, 'x')");
        QVERIFY2(made.isEmpty(), qPrintable(made));
        auto c = CaseFile::open(path);
        DOSSIER_VERIFY_RESULT(c);
        QCOMPARE(c.value()->info().schemaVersion, CaseFile::currentSchemaVersion());
        QCOMPARE(QFileInfo::exists(Schema::backupPath(path, version)),
                 version < CaseFile::currentSchemaVersion());
        c.value().reset();
        QCOMPARE(rawQuery(path, u"SELECT id || '|' || number_id || '|' || kind || '|' || text || "
                                "'|' || hex(dedupe_key) || '|' || row_digest FROM events"_s),
                 u"42|7|message|还钱|0102|d"_s);
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM pragma_foreign_key_check"_s), u"0"_s);
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                "name IN ('events_time', 'events_number')"_s),
                 u"2"_s);
    }

    // Schema 2 differs from 3 only in when events' references are checked: it is read (and
    // verified) as it is, without an upgrade; schema 1 lacks tables reading needs.
    void readOnlyOpensSchemaTwoWithoutUpgrading()
    {
        for (const int version : {1, 2}) {
            const QString path = m_dir.filePath(u"readonly-v%1.dossier"_s.arg(version));
            const QString made = makeEarlierCase(path, version);
            QVERIFY2(made.isEmpty(), qPrintable(made));
            const QByteArray before = readFile(path);
            auto c = CaseFile::open(path, CaseFile::Mode::ReadOnly);
            if (version == 1) {
                QVERIFY(!c);
                QCOMPARE(c.error().code, ErrorCode::Unsupported);
            } else {
                DOSSIER_VERIFY_RESULT(c);
                QCOMPARE(c.value()->info().schemaVersion, 2);
                DOSSIER_VERIFY_RESULT(c.value()->events());
                DOSSIER_VERIFY_RESULT(c.value()->verify());
                c.value().reset();
            }
            QCOMPARE(readFile(path), before); // nothing written, no upgrade
            QVERIFY(!QFileInfo::exists(Schema::backupPath(path, version)));
        }
    }

    // Upgrading and then importing in bulk in the same connection: the number index is rebuilt
    // at commit after the upgrade has opened SQLite's temporary database.
    void bulkImportRightAfterUpgrade()
    {
        const QString path = m_dir.filePath(u"upgrade-bulk.dossier"_s);
        const QString made = makeEarlierCase(path, 1);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        auto c = CaseFile::open(path);
        DOSSIER_VERIFY_RESULT(c);
        QCOMPARE(c.value()->info().schemaVersion, CaseFile::currentSchemaVersion());
        const QString source = m_dir.filePath(u"bulk.csv"_s);
        QVERIFY(writeFile(source, "a bulk call log"));
        auto session = c.value()->beginImport(source, u"test"_s);
        DOSSIER_VERIFY_RESULT(session);
        const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
        constexpr int COUNT = 60000; // above the bulk threshold: the number index is rebuilt
        for (int i = 0; i < COUNT; ++i) {
            EventRecord r;
            r.kind = EventKind::Call;
            r.channel = Channel::Phone;
            r.direction = Direction::Incoming;
            r.at = SourceTime{1739412900000 + qint64(i) * 1000, 28800};
            r.rawNumber = u"138%1"_s.arg(i % 500, 8, 10, QChar(u'0'));
            r.durationS = i % 300;
            r.locator = u"row %1"_s.arg(i + 1);
            auto added = session.value()->addEvent(r);
            DOSSIER_VERIFY_RESULT(added);
        }
        auto counts = session.value()->commit();
        DOSSIER_VERIFY_RESULT(counts);
        QCOMPARE(counts->added, COUNT);
        session.value().reset();
        c.value().reset();
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM events"_s), QString::number(COUNT));
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                "name = 'events_number'"_s),
                 u"1"_s);
        QCOMPARE(rawQuery(path, u"SELECT count(*) FROM pragma_foreign_key_check"_s), u"0"_s);
        QCOMPARE(rawQuery(path, u"PRAGMA integrity_check"_s), u"ok"_s);
        // (verify() is not asked: this hand-made old file has no "case created" entry.)
    }

private:
    // A case file at an earlier schema `version`, with the meta rows opening needs and `rows`
    // (SQL) written as that version would; empty when it worked, else why not.
    static QString makeEarlierCase(const QString &path, int version, const char *rows = nullptr)
    {
        auto db = Sql::Database::open(path, Sql::Database::OpenMode::Create);
        if (!db)
            return db.error().toString();
        try {
            db.value()->exec("PRAGMA application_id = 1146049363");
            Schema::migrate(*db.value(), Schema::builtinMigrations(), version);
            db.value()->exec("INSERT INTO meta VALUES ('case_uuid', "
                             "'00000000-0000-4000-8000-000000000001'), "
                             "('time_zone', 'Asia/Shanghai')");
            if (rows)
                db.value()->exec(rows);
        } catch (const Sql::Failure &f) {
            return f.error.toString();
        }
        return {};
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TstCaseFileOpen)
#include "tst_casefileopen.moc"
