// SPDX-License-Identifier: GPL-3.0-or-later
// Measures the case file's import path: N synthetic call records through one ImportSession,
// then a few single-change operations. Usage: casefile_bench_import CASE N
// (not a test: timings vary by machine; see docs/case-file-format.md for numbers measured).

#include <sys/resource.h>

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include "casefile/casefile.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: casefile_bench_import CASE N\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int n = QByteArray(argv[2]).toInt();
    QFile::remove(path);
    QElapsedTimer total;
    total.start();
    auto created = CaseFile::create(path, {});
    if (!created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().toString()));
        return 1;
    }
    CaseFile &c = *created.value();
    const QString src = path + u".src.csv"_s;
    {
        QFile f(src);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("synthetic call log\n");
    }
    QRandomGenerator gen(42);
    QStringList pool;
    for (int i = 0; i < 5000; ++i)
        pool << u"1%1"_s.arg(3000000000LL + gen.bounded(999999999), 10, 10, QChar(u'0'));
    QElapsedTimer t;
    t.start();
    auto session = c.beginImport(src, u"bench"_s);
    if (!session)
        return 1;
    const qint64 start = 1735660800000; // 2025-01-01
    EventRecord e;
    e.kind = EventKind::Call;
    e.channel = Channel::Phone;
    for (int i = 0; i < n; ++i) {
        e.at = SourceTime{start + qint64(i) * 17000, 8 * 3600};
        e.rawNumber = pool[gen.bounded(pool.size())];
        e.direction = Direction(gen.bounded(3));
        e.durationS = gen.bounded(300);
        e.locator = u"line "_s + QString::number(i + 2);
        if (auto r = session.value()->addEvent(e); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
    }
    const qint64 addMs = t.restart();
    auto counts = session.value()->commit();
    if (!counts)
        return 1;
    const qint64 commitMs = t.restart();
    for (int i = 0; i < 20; ++i) {
        IncidentInput in;
        in.at = SourceTime{start + i * 1000, 8 * 3600};
        in.text = u"测试"_s;
        if (!c.logIncident(in))
            return 1;
    }
    const qint64 incidentMs = t.restart();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%d events: add %lld ms, commit %lld ms, total with create %lld ms; "
                "20 incidents %lld ms; peak RSS %ld MiB\n",
                counts->added, addMs, commitMs, total.elapsed(), incidentMs, usage.ru_maxrss / 1024);
    QFile::remove(src);
    return 0;
}
