// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <QTest>
#include <QTimeZone>
#include <QtGlobal>

#include "common/records.h"
#include "common/result.h"
#include "common/timeutil.h"
#include "importers/filenamepatterns.h"
#include "importers/importer.h"
#include "importers/registry.h"
#include "support/memorysink.h"
#include "support/randombytes.h"

// Helpers shared by the importer tests: fixtures, times, running an importer into a MemorySink.
namespace Dossier::Test {

/// The bytes of a fixture; a missing fixture stops the test program.
inline QByteArray readFixture(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture: %s", qPrintable(path));
    return f.readAll();
}

/// Milliseconds since the epoch of an ISO 8601 date-time with an offset.
inline qint64 utcMs(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

/// An event's time as written in its source: ISO 8601 with the source's UTC offset.
inline QString isoOf(const EventRecord &e)
{
    return isoWithOffset(e.at.utcMs, e.at.offsetSeconds);
}

/// Runs `importer` on the file at `path` into `sink`.
inline Result<void> importFileInto(const Import::Importer &importer,
                                   const QString &path,
                                   MemorySink &sink,
                                   const Import::ImportContext &context = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, QStringLiteral("cannot open ") + path);
    return importer.parse(file, path, context, sink);
}

/// Runs `importer` on `bytes` (named `path`) into `sink`.
inline Result<void> importBytesInto(const Import::Importer &importer,
                                    QByteArray bytes,
                                    const QString &path,
                                    MemorySink &sink,
                                    const Import::ImportContext &context = {})
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return importer.parse(buffer, path, context, sink);
}

/// The outcome of one import and what it produced.
struct ImportRun
{
    Result<void> result;
    MemorySink sink;
};

inline std::unique_ptr<ImportRun> importFile(const Import::Importer &importer,
                                             const QString &path,
                                             const Import::ImportContext &context = {})
{
    auto run = std::make_unique<ImportRun>();
    run->result = importFileInto(importer, path, run->sink, context);
    return run;
}

inline std::unique_ptr<ImportRun> importBytes(const Import::Importer &importer,
                                              QByteArray bytes,
                                              const QString &path,
                                              const Import::ImportContext &context = {})
{
    auto run = std::make_unique<ImportRun>();
    run->result = importBytesInto(importer, std::move(bytes), path, run->sink, context);
    return run;
}

// The checks below report through QTest: call them as the last step of a test function.

/// `importer` scores `name` with `head` within [minScore, maxScore].
inline void verifySniffScore(const Import::Importer &importer,
                             const QString &name,
                             const QByteArray &head,
                             int minScore,
                             int maxScore)
{
    const int score = importer.sniff(name, head);
    QVERIFY2(score >= minScore && score <= maxScore, qPrintable(QString::number(score)));
}

/// Among all built-in importers, content sniffing of the file at `path` (named `name`) chooses
/// the one for `format`.
inline void verifyRegistryPicks(const QString &name, const QString &path, const QString &format)
{
    const Import::Importer *best = Import::sniffImporter(name, Import::readHead(path));
    QVERIFY(best);
    QCOMPARE(best->format(), format);
}

/// The file-name pattern resource holds at least `minCount` patterns, each matching its own
/// example (as that pattern, with a time).
inline void verifyPatternExamples(const QString &resourcePath, int minCount, const QTimeZone &zone)
{
    const auto &patterns = Import::FileNamePatterns::resource(resourcePath);
    QVERIFY(patterns.patterns().size() >= minCount);
    for (const auto &p : patterns.patterns()) {
        const auto m = patterns.match(p.example, zone);
        QVERIFY2(m, qPrintable(p.example));
        QCOMPARE(m->patternId, p.id);
        QVERIFY2(m->time, qPrintable(p.example));
    }
}

} // namespace Dossier::Test
